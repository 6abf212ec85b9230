"""Territories like ours: the authorities of the same kind nearest on declared characteristics.

The method is the usual one of territorial typologies (for instance the « territoires
semblables » of INSEE's comparateur de territoires, or the Observatoire des territoires'
classifications): every characteristic is made comparable, then the distance between two
territories is measured on all of them at once.

1. **Transform.** Population, area, density and number of communes span several orders of
   magnitude (a CC of 3 000 inhabitants, a métropole of 1.5 million): they are taken as
   their base-10 logarithm, so that « twice as many » weighs the same at every size. Shares
   (the share of small communes) are kept as they are.
2. **Standardise.** Each transformed characteristic becomes a z-score over the whole pool
   (every territory of the same kind in France): z = (x − mean) / standard deviation
   (population standard deviation). A characteristic that does not vary gets z = 0.
3. **Distance.** The weighted Euclidean distance between z-vectors (SciPy's `cdist`),
   divided by the square root of the total weight: the root mean square of the
   differences, in standard deviations. 0 is an identical profile; 1 means the two
   territories differ by one standard deviation per characteristic, on average.
4. **Neighbours.** The `count` nearest, ties broken by code; the territory itself is left
   out. A territory with a characteristic missing (no known area) is left out of the pool
   and counted in `left_out`.

Each neighbour keeps its differences per characteristic (in standard deviations) and its
percentile in the pool, so that the page can say why it is close, and draw it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.spatial.distance import cdist


@dataclass(frozen=True, slots=True)
class Feature:
    """A characteristic: its key in the profiles, its French label, whether it is taken as
    its logarithm, and its weight in the distance."""

    key: str
    label: str
    log: bool = False
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Profile:
    code: str
    name: str
    values: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class Neighbour:
    code: str
    name: str
    distance: float  # root mean square difference, in standard deviations
    gaps: tuple[float, ...]  # per feature: z(neighbour) − z(ours)
    percentiles: tuple[float, ...]  # per feature: share of the pool below, 0 … 100


@dataclass(frozen=True, slots=True)
class Similarity:
    features: tuple[Feature, ...]
    means: tuple[float, ...]  # of the transformed values, over the pool
    deviations: tuple[float, ...]
    ours: tuple[float, ...]  # our z-scores
    our_percentiles: tuple[float, ...]
    neighbours: tuple[Neighbour, ...]
    pool: int  # territories compared
    left_out: int  # territories without every characteristic


def _number(value: object) -> float:
    """A finite number, or NaN for a missing or non-numeric value."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return math.nan


def _transformed(
    raw: npt.NDArray[np.float64], features: Sequence[Feature]
) -> npt.NDArray[np.float64]:
    """Each log column as log10(x + 1), which keeps a zero finite; the others unchanged."""
    out = raw.copy()
    for j, feature in enumerate(features):
        if feature.log:
            out[..., j] = np.log10(np.maximum(raw[..., j], 0.0) + 1.0)
    return out


def _percentiles(
    ordered: npt.NDArray[np.float64], values: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Share of the (sorted) pool strictly below each value, plus half the ties, in %."""
    below = np.searchsorted(ordered, values, side="left")
    at_or_below = np.searchsorted(ordered, values, side="right")
    return 100.0 * (below + (at_or_below - below) / 2.0) / len(ordered)


def similar(
    ours: Profile,
    pool: Sequence[Profile],
    features: Sequence[Feature],
    count: int = 10,
) -> Similarity:
    """The `count` territories of `pool` nearest to `ours` (see the module's docstring).

    `ours` need not be in the pool (a custom grouping of communes is compared with the
    EPCI); when it is (same code), it is not its own neighbour. Raises ValueError, in
    French, when `ours` lacks a characteristic or the pool is empty.
    """
    if not features:
        raise ValueError("Aucune caractéristique à comparer.")
    if any(f.weight < 0 for f in features) or sum(f.weight for f in features) <= 0:
        raise ValueError("Les poids des caractéristiques doivent être positifs.")
    own_raw = np.array([_number(ours.values.get(f.key)) for f in features], dtype=np.float64)
    missing = [f.label for f, v in zip(features, own_raw, strict=True) if not math.isfinite(v)]
    if missing:
        raise ValueError(
            "Caractéristique inconnue pour ce territoire : " + ", ".join(missing) + "."
        )
    raw = np.array(
        [[_number(p.values.get(f.key)) for f in features] for p in pool], dtype=np.float64
    ).reshape(len(pool), len(features))
    complete = np.isfinite(raw).all(axis=1)
    kept = [pool[i] for i in np.flatnonzero(complete).tolist()]
    if not kept:
        raise ValueError("Aucun territoire de comparaison n'a toutes les caractéristiques.")
    matrix = _transformed(raw[complete], features)
    own = _transformed(own_raw, features)
    means = matrix.mean(axis=0)
    deviations = matrix.std(axis=0)
    scale = np.where(deviations > 0, deviations, 1.0)
    z = (matrix - means) / scale
    z_own = (own - means) / scale
    weights = np.array([f.weight for f in features], dtype=np.float64)
    distances = cdist(z_own[None, :], z, metric="euclidean", w=weights)[0]
    distances = distances / math.sqrt(weights.sum())
    # The nearest count + 1 (ours may be among them) and every tie at the cut, then the
    # exact order: distance, then code.
    if len(kept) > count + 1:
        cut = np.partition(distances, count + 1)[count + 1]
        near = np.flatnonzero(distances <= cut).tolist()
    else:
        near = list(range(len(kept)))
    near = [i for i in near if kept[i].code != ours.code]
    near.sort(key=lambda i: (distances[i], kept[i].code))
    chosen = near[:count]
    columns = [np.sort(matrix[:, j]) for j in range(len(features))]
    neighbours = tuple(
        Neighbour(
            code=kept[i].code,
            name=kept[i].name,
            distance=float(distances[i]),
            gaps=tuple(float(g) for g in z[i] - z_own),
            percentiles=tuple(
                float(_percentiles(column, matrix[i, j : j + 1])[0])
                for j, column in enumerate(columns)
            ),
        )
        for i in chosen
    )
    our_percentiles = tuple(
        float(_percentiles(column, own[j : j + 1])[0]) for j, column in enumerate(columns)
    )
    return Similarity(
        features=tuple(features),
        means=tuple(float(m) for m in means),
        deviations=tuple(float(d) for d in deviations),
        ours=tuple(float(v) for v in z_own),
        our_percentiles=our_percentiles,
        neighbours=neighbours,
        pool=len(kept),
        left_out=len(pool) - len(kept),
    )
