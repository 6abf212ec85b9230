"""The GAIA plane of PROMETHEE (Mareschal & Brans, « Geometrical representations for MCDA »,
European Journal of Operational Research 34, 1988, p. 69–77).

Each alternative a is the vector of its unicriterion net flows φ_j(a) (one per criterion,
`PrometheeResult.criterion_flows`); each column sums to 0 over the alternatives, so the cloud
is centred. GAIA is its principal-component plane: the two eigenvectors u, v of largest
eigenvalue of C = Φᵀ Φ / n. In the plane:

- alternative a sits at (φ(a)·u, φ(a)·v);
- criterion j is the axis from the origin to (u_j, v_j) (the projection of the unit vector
  of criterion j): alternatives far along it are good on it, criteria pointing the same way
  agree, opposite ones conflict;
- the decision axis π is the projection of the weight vector w (weights summing to 1):
  (w·u, w·v); the alternatives furthest along it have the best net flows;
- δ = (λ₁ + λ₂) / Σ λ is the share of the cloud's variance the plane keeps (1 with two
  criteria: the plane then loses nothing and φ(a) = point · π exactly).

Eigenvectors are defined up to their sign: each is turned so that its largest component
(in absolute value, the first one on a tie) is positive, so that the drawing is the same
for the same input. Pure NumPy.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class GaiaPlane:
    alternatives: tuple[str, ...]
    criteria: tuple[str, ...]
    points: FloatArray  # n × 2
    axes: FloatArray  # k × 2, the criteria's axes
    decision_axis: FloatArray  # 2
    delta: float  # share of the variance kept, in [0, 1]
    eigenvalues: FloatArray  # all k, in decreasing order


def _oriented(vector: FloatArray) -> FloatArray:
    index = int(np.argmax(np.abs(vector)))
    return -vector if vector[index] < 0 else vector


def gaia(
    alternatives: tuple[str, ...],
    criteria: tuple[str, ...],
    criterion_flows: Any,
    weights: Any,
) -> GaiaPlane:
    """The GAIA plane from the unicriterion net flows (n × k) and the weights (k)."""
    phi = np.asarray(criterion_flows, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    n, k = phi.shape
    if k < 2:
        raise ValueError("le plan GAIA demande au moins deux critères")
    if len(alternatives) != n or len(criteria) != k or w.shape != (k,):
        raise ValueError(
            "les actions, les critères, les flux et les poids ne se correspondent pas : "
            f"{len(alternatives)} actions et {len(criteria)} critères pour des flux {n} × {k} "
            f"et {w.shape[0] if w.ndim else 0} poids"
        )
    total_weight = float(w.sum())
    w = w / total_weight if total_weight > 0 else np.full(k, 1.0 / k)
    covariance = phi.T @ phi / max(n, 1)
    values, vectors = np.linalg.eigh(covariance)
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    values = np.clip(values, 0.0, None)
    u, v = _oriented(vectors[:, 0]), _oriented(vectors[:, 1])
    plane = np.column_stack([u, v])
    total = float(values.sum())
    delta = float((values[0] + values[1]) / total) if total > 0 else 1.0
    return GaiaPlane(
        tuple(alternatives),
        tuple(criteria),
        phi @ plane,
        plane,
        w @ plane,
        delta,
        values,
    )


def gaia_svg(plane: GaiaPlane, title: str, size: int = 420) -> str:
    """The plane drawn: alternatives as points, criteria as axes, the decision axis π in
    bold; labelled, with a title and a description for screen readers."""
    margin = 60
    half = (size - 2 * margin) / 2
    centre = size / 2
    reach = max(
        float(np.abs(plane.points).max(initial=0.0)),
        float(np.abs(plane.axes).max(initial=0.0)),
        float(np.abs(plane.decision_axis).max(initial=0.0)),
        1e-9,
    )
    axis_scale = reach / max(float(np.abs(plane.axes).max(initial=0.0)), 1e-9)

    def xy(x: float, y: float) -> tuple[str, str]:
        return f"{centre + x / reach * half:.1f}", f"{centre - y / reach * half:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-labelledby="gaia-titre gaia-desc" class="gaia">',
        f'<title id="gaia-titre">{html.escape(title)}</title>',
        '<desc id="gaia-desc">Plan GAIA : chaque action est un point, chaque critère un axe '
        "gris partant du centre, l'axe de décision π en trait épais ; les actions les plus "
        "avancées dans la direction de π ont les meilleurs flux nets. Les valeurs sont dans "
        "le tableau qui suit.</desc>",
        f'<rect x="0" y="0" width="{size}" height="{size}" fill="#ffffff"/>',
    ]
    cx, cy = xy(0.0, 0.0)
    for name, (ax, ay) in zip(plane.criteria, plane.axes, strict=True):
        x, y = xy(ax * axis_scale, ay * axis_scale)
        parts.append(
            f'<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="#6c757d" stroke-width="1.5"/>'
        )
        parts.append(
            f'<text x="{x}" y="{y}" font-size="12" fill="#495057" dy="-4">'
            f"{html.escape(name)}</text>"
        )
    px, py = xy(*(plane.decision_axis * axis_scale))
    parts.append(
        f'<line x1="{cx}" y1="{cy}" x2="{px}" y2="{py}" stroke="#1d4e89" stroke-width="4"/>'
        f'<text x="{px}" y="{py}" font-size="14" font-weight="bold" fill="#1d4e89" dy="-6">'
        "π</text>"
    )
    for name, (ax, ay) in zip(plane.alternatives, plane.points, strict=True):
        x, y = xy(ax, ay)
        parts.append(f'<circle cx="{x}" cy="{y}" r="5" fill="#b3261e"/>')
        parts.append(
            f'<text x="{x}" y="{y}" font-size="12" fill="#212529" dx="7" dy="4">'
            f"{html.escape(name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
