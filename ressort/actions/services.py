"""Services of actions (contracts with other apps: /work/shared-notes/contracts.md)."""

from typing import Any

from ressort.approaches.models import Approach


def add_idea(
    approach: Approach,
    text: str,
    *,
    source: str,
    proposer: str = "",
    dimension_code: str | None = None,
) -> Any:
    raise NotImplementedError


def record_ballots(approach: Approach, ballots: list[dict[int, int]], *, source: str) -> int:
    raise NotImplementedError


def record_evaluations(
    approach: Approach, action: Any, scores: list[dict[str, int]], *, source: str
) -> None:
    raise NotImplementedError
