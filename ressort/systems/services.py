"""Services of systems (contracts with other apps: /work/shared-notes/contracts.md)."""

from ressort.approaches.models import Approach


def add_vision_keywords(approach: Approach, words: list[str], *, source: str) -> None:
    raise NotImplementedError
