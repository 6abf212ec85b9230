"""Actions at scale: a portfolio of 500 actions × 21 Doughnut dimensions (profiles, gaps,
opposite pushes between every pair) and the explanation of method reversals for 200
alternatives × 6 criteria, each best of 3."""

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ressort.analysis import disagreement, mcda
from ressort.analysis import portfolio as pf

ACTIONS = 500
DIMENSIONS = 21
ALTERNATIVES = 200
CRITERIA = 6


def best_of_3(action: Callable[[], Any]) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - start)
    return round(min(timings), 3), result


def run() -> dict[str, Any]:
    rng = np.random.default_rng(2026)
    codes = [f"d{k}" for k in range(DIMENSIONS)]
    effects = {
        f"action {i}": {
            c: int(v)
            for c, v in zip(codes, rng.choice([-2, -1, 0, 0, 0, 1, 1, 2], DIMENSIONS), strict=True)
            if v
        }
        for i in range(ACTIONS)
    }
    gaps = {c: ("shortfall", "overshoot", "within", "missing")[k % 4] for k, c in enumerate(codes)}
    profiles_s, _ = best_of_3(lambda: [pf.profile(e, order=codes) for e in effects.values()])
    portfolio_s, result = best_of_3(lambda: pf.portfolio(effects, gaps))
    pushes_s, pushes = best_of_3(lambda: pf.opposite_pushes(effects))

    values = rng.normal(50, 15, size=(ALTERNATIVES, CRITERIA))
    criteria = [
        mcda.Criterion(f"c{j}", float(rng.uniform(0.5, 2)), "max" if j % 2 else "min")
        for j in range(CRITERIA)
    ]
    problem = mcda.make_problem(criteria, [f"a{i}" for i in range(ALTERNATIVES)], values)

    def explain() -> list[Any]:
        comparison = mcda.compare(problem)
        found = disagreement.reversals(comparison, limit=5)
        return [disagreement.pair_reasons(problem, r.ahead, r.behind) for r in found]

    explain_s, reasons = best_of_3(explain)
    return {
        "portfolio_actions": ACTIONS,
        "portfolio_dimensions": DIMENSIONS,
        "profiles_best_of_3_s": profiles_s,
        "portfolio_best_of_3_s": portfolio_s,
        "portfolio_unaddressed_gaps": len(result.unaddressed),
        "opposite_pushes_best_of_3_s": pushes_s,
        "opposite_pushes_found": len(pushes),
        "compare_and_explain_alternatives": ALTERNATIVES,
        "compare_and_explain_criteria": CRITERIA,
        "compare_and_explain_best_of_3_s": explain_s,
        "reversals_explained": len(reasons),
    }
