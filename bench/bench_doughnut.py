"""The Doughnut status of every commune of France for 30 indicators, in one call."""

import time
from typing import Any

import numpy as np

from ressort.analysis.doughnut import Direction, Ring, bulk_status

COMMUNES = 34_969  # current communes, official geography 2026
INDICATORS = 30


def run() -> dict[str, Any]:
    rng = np.random.default_rng(2026)
    values = rng.uniform(0, 200, size=(COMMUNES, INDICATORS))
    values[rng.random(values.shape) < 0.1] = np.nan  # 10 % missing
    thresholds = rng.uniform(10, 150, size=INDICATORS)
    rings = [Ring.SOCIAL if i < 18 else Ring.ECOLOGICAL for i in range(INDICATORS)]
    directions = [
        Direction.HIGHER_IS_BETTER if i % 3 else Direction.LOWER_IS_BETTER
        for i in range(INDICATORS)
    ]
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        result = bulk_status(values, thresholds, rings, directions)
        timings.append(time.perf_counter() - start)
    return {
        "communes": COMMUNES,
        "indicators": INDICATORS,
        "cells": int(values.size),
        "missing_cells": int(np.isnan(values).sum()),
        "best_of_3_s": round(min(timings), 3),
        "shortfalls": int((result.status == "shortfall").sum()),
        "overshoots": int((result.status == "overshoot").sum()),
    }
