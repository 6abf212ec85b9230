"""Services of portrait (contracts with other apps: /work/shared-notes/contracts.md)."""

from typing import Any

from ressort.approaches.models import Approach


def doughnut_gaps(approach: Approach, year: int | None = None) -> dict[str, str]:
    """Doughnut dimension code → "shortfall" | "overshoot" | "within" | "missing"."""
    raise NotImplementedError


def boussole_profile(approach: Approach, until: Any = None) -> dict[str, float | None]:
    """Lever/principle code → aggregated median score of the scoring sessions."""
    raise NotImplementedError


def record_grid_answers(
    approach: Approach,
    framework_version: Any,
    answers: list[dict[str, Any]],
    *,
    source: str,
    category: str = "",
) -> Any:
    """Store one question-grid scoring session (see /work/shared-notes/contracts.md)."""
    raise NotImplementedError
