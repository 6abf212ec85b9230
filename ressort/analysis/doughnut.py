"""A territory's Doughnut: shortfall below the social foundation, overshoot beyond the
ecological ceiling, per indicator and per dimension.

Rule (after Raworth 2017 and Fanning & Raworth 2025, as summarised in docs/referentiels.md
§2.6), for one indicator value v and its threshold t:

- social foundation (a floor that people must not fall below):
  - "higher is better" (e.g. share of people with decent housing): shortfall when v < t,
    of (t − v) / t;
  - "lower is better" (e.g. poverty rate that must stay under t): shortfall when v > t,
    of (v − t) / t;
- ecological ceiling (a pressure that must stay under the limit):
  - "lower is better" (e.g. tCO₂e per inhabitant): ratio = v / t, or
    (v − p) / (t − p) with a pre-industrial reference p; overshoot when ratio > 1, of
    ratio − 1;
  - "higher is better" (e.g. share of natural land that must stay above t): overshoot when
    v < t, of (t − v) / t.
- A value exactly on its threshold is inside the safe and just space (no shortfall, no
  overshoot).
- A missing value is "missing", never zero; a dimension whose indicators all lack data is
  missing too. A dimension's status is its worst indicator (largest shortfall or
  overshoot), and it keeps how many of its indicators had data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np


class Ring(StrEnum):
    SOCIAL = "social"
    ECOLOGICAL = "ecological"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Status(StrEnum):
    SHORTFALL = "shortfall"  # déficit social
    OVERSHOOT = "overshoot"  # dépassement écologique
    SAFE = "safe"  # dans l'espace sûr et juste
    MISSING = "missing"  # donnée manquante


STATUS_LABELS = {
    Status.SHORTFALL: "Déficit",
    Status.OVERSHOOT: "Dépassement",
    Status.SAFE: "Dans l'espace sûr et juste",
    Status.MISSING: "Donnée manquante",
}
# The same statuses inside a sentence (« l'eau est … »): the one wording of every page and
# document that speaks of a dimension's gap.
STATUS_PHRASES = {
    Status.SHORTFALL: "sous le plancher social",
    Status.OVERSHOOT: "au-delà du plafond écologique",
    Status.SAFE: "dans l'espace sûr et juste",
    Status.MISSING: "sans donnée",
}


@dataclass(frozen=True, slots=True)
class IndicatorInput:
    code: str
    dimension: str
    ring: Ring
    direction: Direction
    threshold: float
    value: float | None
    preindustrial: float | None = None


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    code: str
    dimension: str
    ring: Ring
    status: Status
    value: float | None
    threshold: float
    ratio: float | None  # value relative to the threshold (1 = on the boundary)
    gap: float | None  # shortfall or overshoot as a fraction (0.25 = 25 %), 0 if safe


@dataclass(frozen=True, slots=True)
class DimensionStatus:
    dimension: str
    ring: Ring
    status: Status
    gap: float | None
    indicators_with_data: int
    indicators: int
    worst_indicator: str | None


def _validate(item: IndicatorInput) -> None:
    if not math.isfinite(item.threshold) or item.threshold == 0:
        raise ValueError(
            f"Indicateur {item.code} : le seuil doit être un nombre non nul "
            f"(reçu {item.threshold!r})."
        )
    if item.preindustrial is not None and item.preindustrial == item.threshold:
        raise ValueError(
            f"Indicateur {item.code} : la référence préindustrielle ne peut pas égaler le seuil."
        )
    if item.value is not None and not math.isfinite(item.value):
        raise ValueError(f"Indicateur {item.code} : valeur non finie ({item.value!r}).")


def indicator_status(item: IndicatorInput) -> IndicatorStatus:
    """Shortfall, overshoot or safe for one indicator value (see the module's rule)."""
    _validate(item)
    if item.value is None:
        return IndicatorStatus(
            item.code, item.dimension, item.ring, Status.MISSING, None, item.threshold, None, None
        )
    v, t = item.value, item.threshold
    if item.ring == Ring.ECOLOGICAL and item.direction == Direction.LOWER_IS_BETTER:
        p = item.preindustrial
        ratio = (v - p) / (t - p) if p is not None else v / t
        gap = max(0.0, ratio - 1.0)
    else:
        ratio = v / t
        if item.direction == Direction.HIGHER_IS_BETTER:
            gap = max(0.0, (t - v) / abs(t))
        else:
            gap = max(0.0, (v - t) / abs(t))
    bad = Status.SHORTFALL if item.ring == Ring.SOCIAL else Status.OVERSHOOT
    status = bad if gap > 0 else Status.SAFE
    return IndicatorStatus(item.code, item.dimension, item.ring, status, v, t, ratio, gap)


def dimension_statuses(
    indicators: Iterable[IndicatorStatus], dimensions: Mapping[str, Ring]
) -> list[DimensionStatus]:
    """One status per dimension, in the order of `dimensions` (all of them, even unmeasured)."""
    by_dimension: dict[str, list[IndicatorStatus]] = {code: [] for code in dimensions}
    for status in indicators:
        by_dimension.setdefault(status.dimension, []).append(status)
    result = []
    for code, ring in dimensions.items():
        items = by_dimension.get(code, [])
        measured = [i for i in items if i.status != Status.MISSING]
        if not measured:
            result.append(DimensionStatus(code, ring, Status.MISSING, None, 0, len(items), None))
            continue
        worst = max(measured, key=lambda i: i.gap or 0.0)
        result.append(
            DimensionStatus(
                code,
                ring,
                worst.status,
                worst.gap,
                len(measured),
                len(items),
                worst.code if worst.status != Status.SAFE else None,
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class BulkStatus:
    """Statuses of many territories × indicators at once (vectorised)."""

    gap: np.ndarray  # territories × indicators, NaN where the value is missing
    status: np.ndarray  # same shape, Status values as strings


def bulk_status(
    values: np.ndarray,
    thresholds: np.ndarray,
    rings: list[Ring],
    directions: list[Direction],
    preindustrial: np.ndarray | None = None,
) -> BulkStatus:
    """The same rule as indicator_status over a territories × indicators matrix (NaN = missing)."""
    values = np.asarray(values, dtype=float)
    t = np.asarray(thresholds, dtype=float)
    if values.ndim != 2 or values.shape[1] != t.shape[0]:
        raise ValueError("values doit être une matrice territoires × indicateurs.")
    if np.any(t == 0) or not np.all(np.isfinite(t)):
        raise ValueError("Chaque seuil doit être un nombre non nul.")
    eco = np.array([r == Ring.ECOLOGICAL for r in rings])
    lower = np.array([d == Direction.LOWER_IS_BETTER for d in directions])
    p = np.zeros_like(t) if preindustrial is None else np.nan_to_num(preindustrial, nan=0.0)
    with np.errstate(invalid="ignore"):
        eco_lower_gap = np.maximum(0.0, (values - p) / (t - p) - 1.0)
        higher_gap = np.maximum(0.0, (t - values) / np.abs(t))
        lower_gap = np.maximum(0.0, (values - t) / np.abs(t))
    gap = np.where(eco & lower, eco_lower_gap, np.where(lower, lower_gap, higher_gap))
    gap = np.where(np.isnan(values), np.nan, gap)
    bad = np.where(eco, Status.OVERSHOOT.value, Status.SHORTFALL.value)
    status = np.where(
        np.isnan(gap), Status.MISSING.value, np.where(gap > 0, bad, Status.SAFE.value)
    )
    return BulkStatus(gap=gap, status=status)
