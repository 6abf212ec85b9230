"""Services of opendata (contracts with other apps: docs/contracts.md)."""

from __future__ import annotations

from typing import Any

from ressort.approaches.models import Approach


def past_shocks(approach: Approach) -> list[Any]:
    """The démarche's past shocks, newest first (opendata.PastShock, with hazards and
    testimonies prefetched)."""
    return list(
        approach.past_shocks.prefetch_related("hazards", "testimonies").order_by(
            "-started_on", "-pk"
        )
    )


def story_lines(approach: Approach, limit: int = 8) -> list[str]:
    """Short French sentences for the story (« d'où l'on vient »): the shocks with lessons
    first, then the latest; « Titre (mm/aaaa) : enseignement »."""
    from ressort.opendata import shocks

    return shocks.for_story(approach, limit)


def shocks_by_hazard(approach: Approach) -> dict[str, list[Any]]:
    """Hazard code → the past shocks linked to it (for the systems phase's hazards)."""
    result: dict[str, list[Any]] = {}
    for shock in past_shocks(approach):
        for hazard in shock.hazards.all():
            result.setdefault(hazard.code, []).append(shock)
    return result
