"""Governance and cooperation (issue 19) at the sizes the issue asks for.

- MACTOR on a seeded random 200 actors × 50 objectives (influences 0–4 with a third of the
  cells 0, positions −4…+4 with a quarter neutral): the whole analysis from the raw lists
  (validation included, as `ressort analyse mactor` and the pages do), and the analysis of
  an already validated problem. Must stay under a second.

Each figure is the best of 3 runs (time.perf_counter), in seconds; the 1-minute load
average at the start tells how busy the machine was.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from ressort.analysis import mactor

SEED = 20261201
ACTORS, OBJECTIVES = 200, 50


def best_of_3(action: Callable[[], Any]) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - start)
    return round(min(timings), 4), result


def problem() -> tuple[list[str], list[str], list[list[int]], list[list[int]]]:
    rng = np.random.default_rng(SEED)
    influences = rng.integers(0, 5, size=(ACTORS, ACTORS)) * (rng.random((ACTORS, ACTORS)) > 1 / 3)
    positions = rng.integers(-4, 5, size=(ACTORS, OBJECTIVES)) * (
        rng.random((ACTORS, OBJECTIVES)) > 1 / 4
    )
    return (
        [f"acteur {i + 1}" for i in range(ACTORS)],
        [f"objectif {j + 1}" for j in range(OBJECTIVES)],
        influences.tolist(),
        positions.tolist(),
    )


def run() -> dict[str, object]:
    figures: dict[str, object] = {"load_average_1min": round(os.getloadavg()[0], 2)}
    actors, objectives, influences, positions = problem()
    full_s, result = best_of_3(lambda: mactor.mactor(actors, objectives, influences, positions))
    validated = mactor.make_input(actors, objectives, influences, positions)
    analyse_s, _ = best_of_3(lambda: mactor.analyse(validated))
    json_s, _ = best_of_3(lambda: mactor.as_json(mactor.analyse(validated)))
    strongest = int(np.argmax(result.r_star))
    figures[f"mactor_{ACTORS}_actors_{OBJECTIVES}_objectives"] = {
        "seconds_with_validation": full_s,
        "seconds_analysis_only": analyse_s,
        "seconds_analysis_and_json": json_s,
        "strongest_actor": result.actors[strongest].name,
        "strongest_r_star": round(float(result.r_star[strongest]), 4),
        "most_mobilising_objective": result.objectives[int(np.argmax(result.mobilisation))].name,
        "mean_ambivalence": round(float(result.ambivalence.mean()), 4),
    }
    return figures
