"""GAIA (Mareschal & Brans 1988) against its definition, computed independently by SVD."""

from __future__ import annotations

import numpy as np
import pytest

from ressort.analysis import mcda
from ressort.analysis.gaia import gaia, gaia_svg


def _problem(seed: int, k: int) -> mcda.Problem:
    rng = np.random.default_rng(seed)
    criteria = [
        mcda.Criterion(f"c{j}", float(rng.integers(1, 5)), "max" if j % 2 else "min")
        for j in range(k)
    ]
    return mcda.make_problem(
        criteria, [f"a{i}" for i in range(7)], rng.integers(0, 20, size=(7, k)).tolist()
    )


@pytest.mark.parametrize("seed", range(4))
def test_plane_against_an_independent_svd(seed: int) -> None:
    problem = _problem(seed, 4)
    flows = mcda.promethee_ii(problem)
    plane = gaia(
        problem.alternatives, problem.criterion_names, flows.criterion_flows, problem.weights
    )
    phi = flows.criterion_flows
    assert np.allclose(phi.sum(axis=0), 0.0)  # the cloud is centred by construction
    _, singular, vt = np.linalg.svd(phi, full_matrices=False)
    variances = singular**2 / phi.shape[0]
    assert np.allclose(plane.eigenvalues[: len(variances)], variances)
    assert plane.delta == pytest.approx(variances[:2].sum() / variances.sum())
    for c in range(2):  # the same axes, up to the sign
        assert abs(abs(float(plane.axes[:, c] @ vt[c])) - 1.0) < 1e-9
    assert np.allclose(plane.points, phi @ plane.axes)
    w = problem.weights / problem.weights.sum()
    assert np.allclose(plane.decision_axis, w @ plane.axes)


def test_with_two_criteria_the_plane_keeps_everything() -> None:
    problem = _problem(9, 2)
    flows = mcda.promethee_ii(problem)
    plane = gaia(
        problem.alternatives, problem.criterion_names, flows.criterion_flows, problem.weights
    )
    assert plane.delta == pytest.approx(1.0)
    # φ(a) = Σ_j w_j φ_j(a) is exactly the point's projection on π (weights summing to 1).
    w = problem.weights / problem.weights.sum()
    assert np.allclose(plane.points @ plane.decision_axis, flows.criterion_flows @ w)


def test_one_criterion_is_refused_and_the_drawing_is_described() -> None:
    with pytest.raises(ValueError, match="au moins deux critères"):
        gaia(("a", "b"), ("c",), [[1.0], [-1.0]], [1.0])
    with pytest.raises(ValueError, match="3 actions et 2 critères pour des flux 2 × 2 et 2 poids"):
        gaia(("a", "b", "c"), ("c1", "c2"), [[1.0, 0.0], [-1.0, 0.0]], [0.5, 0.5])
    problem = _problem(3, 3)
    flows = mcda.promethee_ii(problem)
    svg = gaia_svg(
        gaia(problem.alternatives, problem.criterion_names, flows.criterion_flows, problem.weights),
        "Plan GAIA",
    )
    assert svg.startswith("<svg") and "<title" in svg and "<desc" in svg
    assert svg.count("<circle") == 7 and ">π</text>" in svg
