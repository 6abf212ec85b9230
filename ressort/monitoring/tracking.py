"""Indicators against their trajectories: observed series, target paths and statuses.

The computation is ressort/analysis/trajectories.py; this module reads the démarche's data
(the portrait's indicators and their own values) and calls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ressort.analysis import trajectories as tj
from ressort.approaches.models import Approach
from ressort.monitoring.models import Trajectory


def observed_series(
    approach: Approach, indicators: Iterable[Any]
) -> dict[int, list[tuple[int, float]]]:
    """Indicator pk → [(year, value)] of its own values (perimeter before own territory)."""
    from ressort.portrait.models import IndicatorValue
    from ressort.portrait.services import own_values

    indicators = list(indicators)
    series: dict[int, dict[int, float]] = {i.pk: {} for i in indicators}
    rows = (
        IndicatorValue.objects.filter(own_values(indicators, approach))
        .order_by("indicator_id", "year", "scope")
        .values_list("indicator_id", "year", "value")
    )
    for indicator_id, year, value in rows:
        series[indicator_id].setdefault(year, value)  # "perimetre" sorts first
    return {pk: sorted(by_year.items()) for pk, by_year in series.items()}


def direction_of(indicator: Any) -> tj.Direction:
    return (
        tj.Direction.HIGHER_IS_BETTER
        if indicator.direction == "higher"
        else tj.Direction.LOWER_IS_BETTER
    )


def path_of(trajectory: Trajectory) -> tj.TargetPath:
    return tj.target_path(
        trajectory.baseline_year,
        trajectory.baseline_value,
        [(m.year, m.value) for m in trajectory.milestones.all()],
    )


@dataclass(frozen=True)
class IndicatorTrack:
    indicator: Any
    trajectory: Trajectory | None
    observations: list[tuple[int, float]]
    path: tj.TargetPath | None
    result: tj.TrackResult | None

    @property
    def status(self) -> str:
        return self.result.status.value if self.result else tj.Track.NO_TARGET.value

    @property
    def label(self) -> str:
        return self.result.label if self.result else tj.TRACK_LABELS[tj.Track.NO_TARGET]

    @property
    def latest(self) -> tuple[int, float] | None:
        return self.observations[-1] if self.observations else None


def track(
    indicator: Any, trajectory: Trajectory | None, obs: list[tuple[int, float]]
) -> IndicatorTrack:
    if trajectory is None:
        return IndicatorTrack(indicator, None, obs, None, None)
    path = path_of(trajectory)
    result = tj.track_status(
        path, obs, direction_of(indicator), tolerance=trajectory.tolerance / 100
    )
    return IndicatorTrack(indicator, trajectory, obs, path, result)


def indicator_tracks(
    approach: Approach, *, with_trajectory_only: bool = False
) -> list[IndicatorTrack]:
    """Every indicator of the démarche (or only those with a trajectory) and its status."""
    from ressort.portrait.models import Indicator

    indicators = list(
        Indicator.objects.filter(approach=approach)
        .select_related("trajectory")
        .prefetch_related("trajectory__milestones")
        .order_by("name", "pk")
    )
    if with_trajectory_only:
        indicators = [i for i in indicators if _trajectory(i) is not None]
    series = observed_series(approach, indicators)
    return [track(i, _trajectory(i), series.get(i.pk, [])) for i in indicators]


def _trajectory(indicator: Any) -> Trajectory | None:
    try:
        return indicator.trajectory  # type: ignore[no-any-return]
    except Trajectory.DoesNotExist:
        return None
