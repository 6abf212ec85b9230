"""Services of strategy (contracts with other apps: /work/shared-notes/contracts.md)."""

from typing import Any

from ressort.approaches.models import Approach


def action_progress(approach: Approach, today: Any = None) -> list[dict[str, Any]]:
    raise NotImplementedError


def record_progress(
    approach: Approach,
    action: Any,
    *,
    status: str | None = None,
    progress: int | None = None,
    spent: Any = None,
    year: int | None = None,
    user: Any = None,
) -> None:
    raise NotImplementedError
