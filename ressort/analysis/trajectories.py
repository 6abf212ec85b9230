"""Trajectories of an indicator: a target path, the observed trend and on/off-track status.

Three pure computations used by the monitoring app (which stores inputs and shows results):

1. **Target path** (`TargetPath`): from a baseline (year, value) through milestones
   (e.g. 2030, 2040, 2050), by straight lines between consecutive points. Before the
   baseline the path is undefined; after the last milestone it holds the last value.
   `national_target_milestones` derives milestones from a national target written as a
   percentage change by a year (e.g. −50 % by 2030 relative to the baseline), the way
   national strategies (SNBC, ZAN…) are usually stated.

2. **Linear trend** (`linear_trend`): ordinary least squares y = a + b·x on the observed
   (year, value) pairs, with the standard errors of slope and intercept, the residual
   standard deviation s = √(Σe²/(n−2)) and, for a year x₀, the prediction interval
   ŷ₀ ± t(1−α/2, n−2) · s · √(1 + 1/n + (x₀ − x̄)²/Sxx) (any regression textbook, e.g.
   Montgomery, Peck & Vining, *Introduction to Linear Regression Analysis*, §2.5). Student's
   quantile is computed exactly for integer degrees of freedom (Abramowitz & Stegun 26.7.3
   and 26.7.4), without scipy. With two points the line is exact but its uncertainty is
   unknown (no interval); with one point there is no trend.

3. **Status** (`track_status`), direction-aware (higher is better or lower is better):

   - *no_target*: the path has no milestone; *no_data*: no observation.
   - *reached*: the latest observed value already meets the final target
     (≥ for higher-is-better, ≤ for lower-is-better).
   - Otherwise the **horizon** is the first milestone strictly after the latest observation
     (or the final milestone when all have passed), and the **expected value** is:
     the trend's projection at the horizon when there are at least two observations
     (basis "trend"); the latest observed value compared with the path at its own year
     when there is only one, or when every milestone is already past (basis "latest").
   - The **shortfall** is how far the expected value falls short of the path on the bad
     side (target − expected for higher-is-better, expected − target for lower-is-better;
     never negative). The **tolerance** is a share (default 10 %) of the planned change
     between the baseline and that target; when no change is planned (hold steady), a
     share of |target|; when the target is 0 too, zero.
   - *on_track* when the shortfall is ≤ the tolerance, *off_track* otherwise.
   - `certain` tells whether the whole prediction interval lies on the same side of
     (target ± tolerance) as the projection (only with ≥ 3 observations).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Track(StrEnum):
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    REACHED = "reached"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"


TRACK_LABELS = {
    Track.NO_TARGET: "Sans trajectoire",
    Track.NO_DATA: "Sans valeur observée",
    Track.REACHED: "Cible atteinte",
    Track.ON_TRACK: "Sur la trajectoire",
    Track.OFF_TRACK: "Hors trajectoire",
}


def _finite(value: float, what: str) -> float:
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} : nombre fini attendu (reçu {value!r}).")
    return float(value)


@dataclass(frozen=True, slots=True)
class TargetPath:
    """Baseline then milestones, in increasing years (validated by `target_path`)."""

    points: tuple[tuple[int, float], ...]

    @property
    def baseline(self) -> tuple[int, float]:
        return self.points[0]

    @property
    def milestones(self) -> tuple[tuple[int, float], ...]:
        return self.points[1:]

    def value_at(self, year: float) -> float | None:
        """The path's value in `year` (None before the baseline; last value after the end)."""
        first_year = self.points[0][0]
        if year < first_year:
            return None
        for (y0, v0), (y1, v1) in zip(self.points, self.points[1:], strict=False):
            if y0 <= year <= y1:
                return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
        return self.points[-1][1]

    def next_milestone(self, after_year: float) -> tuple[int, float] | None:
        """The first milestone strictly after `after_year`, None if all have passed."""
        return next((m for m in self.milestones if m[0] > after_year), None)


def target_path(
    baseline_year: int, baseline_value: float, milestones: Sequence[tuple[int, float]]
) -> TargetPath:
    """Validate and build a path: milestone years distinct and after the baseline."""
    base = _finite(baseline_value, "Valeur de référence")
    points: list[tuple[int, float]] = [(int(baseline_year), base)]
    seen: set[int] = set()
    for year, value in sorted(milestones):
        if year <= baseline_year:
            raise ValueError(
                f"Jalon {year} : l'année doit suivre celle de la référence ({baseline_year})."
            )
        if year in seen:
            raise ValueError(f"Jalon {year} : deux cibles pour la même année.")
        seen.add(year)
        points.append((int(year), _finite(value, f"Jalon {year}")))
    return TargetPath(tuple(points))


def national_target_milestones(
    baseline_value: float, targets: Sequence[tuple[int, float]]
) -> list[tuple[int, float]]:
    """Milestones from a national target: [(2030, -50.0)] → [(2030, baseline × 0.5)].

    Each percentage is a change relative to the baseline value (−100 = down to zero).
    """
    base = _finite(baseline_value, "Valeur de référence")
    result = []
    for year, percent in targets:
        pct = _finite(percent, f"Objectif national {year}")
        if pct < -100:
            raise ValueError(f"Objectif national {year} : une baisse ne dépasse pas −100 %.")
        result.append((int(year), base * (1 + pct / 100)))
    return result


def t_cdf_two_sided(t: float, df: int) -> float:
    """P(|T| ≤ t) for Student's T with an integer number of degrees of freedom."""
    if df < 1:
        raise ValueError("Le nombre de degrés de liberté doit être au moins 1.")
    t = abs(t)
    theta = math.atan(t / math.sqrt(df))
    s, c = math.sin(theta), math.cos(theta)
    if df % 2 == 1:
        total, term = 0.0, c
        if df > 1:
            total = c
            for k in range(3, df - 1, 2):
                term *= c * c * (k - 1) / k
                total += term
        return (2 / math.pi) * (theta + s * total)
    total, term = 1.0, 1.0
    for k in range(2, df - 1, 2):
        term *= c * c * (k - 1) / k
        total += term
    return s * total


@functools.lru_cache(maxsize=256)
def t_quantile(level: float, df: int) -> float:
    """The two-sided critical value t such that P(|T| ≤ t) = level (e.g. 0.95)."""
    if not 0 < level < 1:
        raise ValueError("Le niveau de confiance doit être entre 0 et 1.")
    low, high = 0.0, 1.0
    while t_cdf_two_sided(high, df) < level:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if t_cdf_two_sided(mid, df) < level:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2


@dataclass(frozen=True, slots=True)
class Prediction:
    year: float
    value: float
    low: float | None  # prediction interval (None when uncertainty is unknown)
    high: float | None


@dataclass(frozen=True, slots=True)
class Trend:
    """Least-squares line with its intermediate values."""

    n: int
    slope: float  # change per year
    intercept: float
    x_mean: float
    sxx: float
    residual_sd: float | None  # s, None with two points
    slope_se: float | None
    intercept_se: float | None
    level: float

    def predict(self, year: float) -> Prediction:
        value = self.intercept + self.slope * year
        if self.residual_sd is None:
            return Prediction(year, value, None, None)
        half = (
            t_quantile(self.level, self.n - 2)
            * self.residual_sd
            * math.sqrt(1 + 1 / self.n + (year - self.x_mean) ** 2 / self.sxx)
        )
        return Prediction(year, value, value - half, value + half)


def linear_trend(points: Sequence[tuple[float, float]], level: float = 0.95) -> Trend | None:
    """OLS trend of (year, value) pairs; None with fewer than two distinct years."""
    clean = [(_finite(x, "Année"), _finite(y, f"Valeur {x}")) for x, y in points]
    years = [x for x, _ in clean]
    if len(set(years)) != len(years):
        raise ValueError("Deux valeurs observées pour la même année.")
    n = len(clean)
    if n < 2:
        return None
    x_mean = sum(years) / n
    y_mean = sum(y for _, y in clean) / n
    sxx = sum((x - x_mean) ** 2 for x in years)
    sxy = sum((x - x_mean) * (y - y_mean) for x, y in clean)
    slope = sxy / sxx
    intercept = y_mean - slope * x_mean
    if n == 2:
        return Trend(n, slope, intercept, x_mean, sxx, None, None, None, level)
    sse = sum((y - (intercept + slope * x)) ** 2 for x, y in clean)
    s = math.sqrt(sse / (n - 2))
    slope_se = s / math.sqrt(sxx)
    intercept_se = s * math.sqrt(1 / n + x_mean**2 / sxx)
    return Trend(n, slope, intercept, x_mean, sxx, s, slope_se, intercept_se, level)


@dataclass(frozen=True, slots=True)
class TrackResult:
    status: Track
    basis: str  # "trend", "latest" or "" (no comparison)
    horizon: int | None  # the milestone year compared
    target: float | None  # the path's value there
    expected: float | None  # projected (trend) or latest observed value
    shortfall: float | None  # ≥ 0, in the indicator's unit
    tolerance: float | None
    certain: bool
    trend: Trend | None
    prediction: Prediction | None

    @property
    def label(self) -> str:
        return TRACK_LABELS[self.status]


def _shortfall(expected: float, target: float, direction: Direction) -> float:
    miss = target - expected if direction == Direction.HIGHER_IS_BETTER else expected - target
    return max(0.0, miss)


def _tolerance(path: TargetPath, target: float, share: float) -> float:
    planned = abs(target - path.baseline[1])
    return share * (planned if planned > 0 else abs(target))


def track_status(
    path: TargetPath,
    observations: Sequence[tuple[float, float]],
    direction: Direction,
    tolerance: float = 0.1,
    level: float = 0.95,
) -> TrackResult:
    """On or off track (rule in the module docstring)."""
    if tolerance < 0:
        raise ValueError("La tolérance ne peut pas être négative.")
    trend = linear_trend(observations, level) if observations else None
    if not path.milestones:
        return TrackResult(Track.NO_TARGET, "", None, None, None, None, None, False, trend, None)
    if not observations:
        return TrackResult(Track.NO_DATA, "", None, None, None, None, None, False, None, None)
    last_year, last_value = max(observations)
    final_year, final_target = path.points[-1]
    if _shortfall(last_value, final_target, direction) == 0:
        return TrackResult(
            Track.REACHED,
            "latest",
            final_year,
            final_target,
            last_value,
            0.0,
            _tolerance(path, final_target, tolerance),
            True,
            trend,
            None,
        )
    milestone = path.next_milestone(last_year)
    prediction = None
    if milestone is not None and trend is not None:
        horizon, target = milestone
        prediction = trend.predict(horizon)
        expected, basis = prediction.value, "trend"
    elif milestone is None:
        horizon, target = path.points[-1]
        expected, basis = last_value, "latest"
    else:
        horizon = int(last_year)
        target = path.value_at(last_year)  # type: ignore[assignment]
        if target is None:  # a single value before the baseline: compare with the baseline
            target = path.baseline[1]
        expected, basis = last_value, "latest"
    tol = _tolerance(path, target, tolerance)
    gap = _shortfall(expected, target, direction)
    status = Track.ON_TRACK if gap <= tol else Track.OFF_TRACK
    certain = False
    if prediction is not None and prediction.low is not None and prediction.high is not None:
        worst = prediction.low if direction == Direction.HIGHER_IS_BETTER else prediction.high
        best = prediction.high if direction == Direction.HIGHER_IS_BETTER else prediction.low
        if status == Track.ON_TRACK:
            certain = _shortfall(worst, target, direction) <= tol
        else:
            certain = _shortfall(best, target, direction) > tol
    return TrackResult(
        status, basis, horizon, target, expected, gap, tol, certain, trend, prediction
    )
