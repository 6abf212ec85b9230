"""Choosing within a budget, and MICMAC at a fixed power, at the sizes issue 23 asks for.

- An exact portfolio of 300 actions with 20 constraints (10 « requires », 10 « excludes »,
  two required actions) and its 20-point efficient frontier, as `ressort analyse
  portefeuille` computes them (the best portfolio, cheapest among equals, then the
  frontier reusing the solves already made). Twice: benefits given to two decimals (MCDA
  scores as a team types them) and whole benefits (the analysis grid's effects, a vote's
  points). Target: under 5 s each.
- MICMAC at a fixed power (10 and 30) on a seeded dense 500-variable matrix. Target: under
  1 s.

Each figure is the best of 3 runs (time.perf_counter), in seconds; the 1-minute load
average at the start tells how busy the machine was (2 cores shared with other work).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from ressort.analysis import budget
from ressort.analysis.micmac import micmac

SEED = 20261201
ACTIONS, REQUIRES, EXCLUDES, POINTS = 300, 10, 10, 20
VARIABLES, POWERS = 500, (10, 30)

T = TypeVar("T")


def best_of_3(function: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(3):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return round(best, 3), result


def portfolio_problem(whole: bool) -> tuple[budget.Problem, float]:
    rng = np.random.default_rng(SEED)
    costs = rng.integers(20, 400, ACTIONS) * 1_000  # 20 k€ … 400 k€
    benefits = rng.integers(-2, 21, ACTIONS) if whole else np.round(rng.gamma(2, 3, ACTIONS), 2)
    ids = [f"action {i + 1}" for i in range(ACTIONS)]
    requires: dict[int, list[str]] = {}
    excludes: dict[int, list[str]] = {}
    for links, count in ((requires, REQUIRES), (excludes, EXCLUDES)):
        for _ in range(count):
            i, j = (int(x) for x in rng.choice(ACTIONS, 2, replace=False))
            links.setdefault(i, []).append(ids[j])
    actions = [
        budget.Action(
            ids[i],
            float(costs[i]),
            float(benefits[i]),
            required=i in (0, 1),
            requires=tuple(requires.get(i, ())),
            excludes=tuple(excludes.get(i, ())),
        )
        for i in range(ACTIONS)
    ]
    return budget.make_problem(actions), float(costs.sum()) * 0.3


def portfolio_figures(whole: bool) -> dict[str, object]:
    problem, amount = portfolio_problem(whole)

    def solve() -> tuple[budget.Choice, list[budget.Choice]]:
        best = budget.choose(problem, amount)
        return best, budget.frontier(problem, amount, POINTS, known=[best])

    seconds, (best, frontier) = best_of_3(solve)
    return {
        "seconds_portfolio_and_frontier": seconds,
        "budget": amount,
        "chosen": len(best.chosen),
        "benefit": round(best.benefit, 2),
        "frontier_points": len(frontier),
    }


def run() -> dict[str, object]:
    figures: dict[str, object] = {"load_average_1min": round(os.getloadavg()[0], 2)}
    label = f"portfolio_{ACTIONS}_actions_{REQUIRES + EXCLUDES}_constraints_{POINTS}_points"
    figures[f"{label}_two_decimal_benefits"] = portfolio_figures(whole=False)
    figures[f"{label}_whole_benefits"] = portfolio_figures(whole=True)
    rng = np.random.default_rng(SEED)
    matrix = rng.integers(0, 4, size=(VARIABLES, VARIABLES))
    np.fill_diagonal(matrix, 0)
    for power in POWERS:
        seconds, result = best_of_3(lambda power=power: micmac(matrix, power=power))
        figures[f"micmac_{VARIABLES}_dense_power_{power}"] = {
            "seconds": seconds,
            "largest_raw_influence_digits": len(
                str(max(v.raw_indirect_influence for v in result.variables))
            ),
        }
    return figures
