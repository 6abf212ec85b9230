"""Systems analyses at the sizes issue 5 asks to answer within a second.

- MICMAC on a seeded random 500-variable matrix: dense (every cell 0–3) and sparse (20 % of
  cells 1–3), from the array and through the CSV reader (what `ressort analyse micmac` does).
- Cascade and feedback loops on a seeded random impact chain of 1,000 nodes and 5,000 links.
  Simple cycles grow exponentially with their length in such a graph (about 5^k / k cycles
  of k links here), so loops are searched up to 4, 5 and 6 links (the figures report how
  many were found); an unbounded search would not end in any useful time.
- Morphological box of 12 components × 5 hypotheses (5^12 ≈ 244 million combinations) with
  40 seeded exclusions: count without listing, and list the first 10,000.

Each figure is the best of 3 runs (time.perf_counter), in seconds; the 1-minute load
average at the start tells how busy the machine was.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from ressort.analysis.micmac import micmac, read_matrix_csv
from ressort.analysis.morphology import MorphologicalBox, count_combinations, enumerate_combinations
from ressort.analysis.systems import (
    ImpactGraph,
    Link,
    Node,
    NodeKind,
    cascade,
    feedback_loops,
)

SEED = 20261125
VARIABLES = 500
NODES, LINKS = 1_000, 5_000
LOOP_LENGTHS = (4, 5, 6)
COMPONENTS, HYPOTHESES, EXCLUSIONS = 12, 5, 40
LISTED = 10_000

T = TypeVar("T")


def best_of_3(function: Callable[[], T]) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(3):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return round(best, 4), result


def micmac_matrix(density: float) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    scores = rng.integers(0 if density == 1 else 1, 4, size=(VARIABLES, VARIABLES))
    matrix = scores * (rng.random((VARIABLES, VARIABLES)) < density)
    np.fill_diagonal(matrix, 0)
    return matrix


def as_csv(matrix: np.ndarray) -> bytes:
    names = [f"V{i + 1}" for i in range(len(matrix))]
    lines = ["," + ",".join(names)]
    lines += [
        name + "," + ",".join(map(str, row))
        for name, row in zip(names, matrix.tolist(), strict=True)
    ]
    return ("\n".join(lines) + "\n").encode()


def impact_graph() -> ImpactGraph:
    rng = random.Random(SEED)
    kinds = list(NodeKind)
    nodes = [Node(f"n{i}", kinds[i % len(kinds)]) for i in range(NODES)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < LINKS:
        u, v = rng.randrange(NODES), rng.randrange(NODES)
        if u != v:
            pairs.add((u, v))
    links = [
        Link(f"n{u}", f"n{v}", rng.choice((1, 1, -1)), rng.randint(1, 3)) for u, v in sorted(pairs)
    ]
    return ImpactGraph.build(nodes, links)


def morphological_box() -> MorphologicalBox:
    rng = random.Random(SEED)
    components = {f"c{i}": [f"h{a}" for a in range(HYPOTHESES)] for i in range(COMPONENTS)}
    exclusions: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    while len(exclusions) < EXCLUSIONS:
        i, j = sorted(rng.sample(range(COMPONENTS), 2))
        exclusions.add(
            ((f"c{i}", f"h{rng.randrange(HYPOTHESES)}"), (f"c{j}", f"h{rng.randrange(HYPOTHESES)}"))
        )
    return MorphologicalBox.build(components, exclusions)


def run() -> dict[str, object]:
    # Timings vary with what else the machine runs; the load says how busy it was.
    figures: dict[str, object] = {"load_average_1min": round(os.getloadavg()[0], 2)}
    for label, density in (("dense", 1.0), ("sparse_20pc", 0.2)):
        matrix = micmac_matrix(density)
        seconds, result = best_of_3(lambda matrix=matrix: micmac(matrix))
        data = as_csv(matrix)
        csv_seconds, _ = best_of_3(lambda data=data: micmac(read_matrix_csv(data).matrix()))
        figures[f"micmac_{VARIABLES}_{label}"] = {
            "seconds": seconds,
            "seconds_with_csv_reading": csv_seconds,
            "power": result.power,
            "stop": result.stop.value,
        }

    graph = impact_graph()
    hazards = [n for n in graph.nodes if graph.kind(n) is NodeKind.HAZARD][:10]
    seconds, spread = best_of_3(lambda: cascade(graph, dict.fromkeys(hazards, 3.0), 10))
    chain: dict[str, object] = {
        "cascade_seconds": seconds,
        "cascade_sources": len(hazards),
        "cascade_reached": len(spread.reached),
        "cascade_dampened": sum(r.dampened for r in spread.reached),
    }
    for length in LOOP_LENGTHS:
        loop_seconds, loops = best_of_3(
            lambda length=length: feedback_loops(graph, max_length=length)
        )
        chain[f"feedback_loops_up_to_{length}_links"] = {
            "seconds": loop_seconds,
            "found": len(loops.loops),
        }
    figures[f"impact_chain_{NODES}_nodes_{LINKS}_links"] = chain

    box = morphological_box()
    count_seconds, count = best_of_3(lambda: count_combinations(box))
    list_seconds, listed = best_of_3(lambda: enumerate_combinations(box, limit=LISTED))
    figures[f"morphology_{COMPONENTS}x{HYPOTHESES}_{EXCLUSIONS}_exclusions"] = {
        "combinations_without_exclusions": box.size,
        "consistent": count,
        "count_seconds": count_seconds,
        f"count_and_list_{LISTED}_seconds": list_seconds,
        "listed": len(listed.combinations),
    }
    return figures
