"""An impact chain laid out by stage: one column per stage, from the hazards to the impacts.

Pure and deterministic. Columns, left to right: hazards and drivers of change, exposure,
sensitivity, impacts, then adaptive capacities and resources. Within a column, elements are
ordered to cross as few links as possible (barycentre sweeps, the classic layered-graph
heuristic), then spaced by the height of their wrapped labels (measured with
`ressort.analysis.labels`), so that no two labels of a column overlap.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from ressort.analysis.labels import LINE_HEIGHT, text_width, wrap

STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Aléas et facteurs", ("alea", "facteur")),
    ("Exposition", ("exposition",)),
    ("Sensibilité", ("sensibilite",)),
    ("Impacts", ("impact",)),
    ("Capacités et ressources", ("capacite_adaptation", "ressource")),
)
STAGE_OF = {kind: i for i, (_, kinds) in enumerate(STAGES) for kind in kinds}

FONT_SIZE = 14.0  # the graph's label size in model units
LABEL_WIDTH = 150.0  # labels wrap at this width
NODE_SIZE = 32.0
COLUMN_GAP = 80.0  # between the widest label of a column and the next column
ROW_GAP = 28.0


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    x: float


@dataclass(frozen=True, slots=True)
class StageLayout:
    positions: dict[Hashable, tuple[float, float]]  # node id → centre of its marker
    columns: list[Column]  # the stages actually present, with their x
    width: float
    height: float


def label_height(label: str) -> float:
    return len(wrap(label, FONT_SIZE, LABEL_WIDTH)) * FONT_SIZE * LINE_HEIGHT


def stage_layout(
    nodes: Sequence[tuple[Hashable, str, str]],
    links: Iterable[tuple[Hashable, Hashable]],
    *,
    sweeps: int = 4,
) -> StageLayout:
    """Positions for `nodes` = (id, kind, label), given the `links` (source id, target id).

    Unknown kinds go with the impacts. Each marker's label is drawn under it (the editor's
    style): a row takes the marker, its label's height and a gap.
    """
    stage = {node: STAGE_OF.get(kind, 3) for node, kind, _ in nodes}
    labels = {node: label for node, _, label in nodes}
    present = sorted(set(stage.values()))
    columns: dict[int, list[Hashable]] = {s: [] for s in present}
    for node, _, _ in nodes:  # first order: as given (the chain's order)
        columns[stage[node]].append(node)
    neighbours: dict[Hashable, list[Hashable]] = {node: [] for node in stage}
    for source, target in links:
        if source in stage and target in stage and source != target:
            neighbours[source].append(target)
            neighbours[target].append(source)

    def sweep(order: list[int]) -> None:
        for s in order:
            rank = {node: i for col in columns.values() for i, node in enumerate(col)}

            def barycentre(
                node: Hashable, s: int = s, rank: dict[Hashable, int] = rank
            ) -> tuple[float, int]:
                others = [rank[m] for m in neighbours[node] if stage[m] != s]
                mean = sum(others) / len(others) if others else float(rank[node])
                return (mean, rank[node])

            columns[s].sort(key=barycentre)

    for _ in range(sweeps):
        sweep(present)
        sweep(present[::-1])

    positions: dict[Hashable, tuple[float, float]] = {}
    placed: list[Column] = []

    def extent(s: int) -> float:
        """The column's width: its widest label (wrapped), marker or title."""
        widest = max(
            (min(LABEL_WIDTH, text_width(labels[n], FONT_SIZE)) for n in columns[s]), default=0.0
        )
        return max(widest, NODE_SIZE, text_width(STAGES[s][0], FONT_SIZE, bold=True))

    x = extent(present[0]) / 2 if present else 0.0
    height = 0.0
    for k, s in enumerate(present):
        if k:
            x += extent(present[k - 1]) / 2 + COLUMN_GAP + extent(s) / 2
        placed.append(Column(STAGES[s][0], round(x, 1)))
        y = FONT_SIZE * 3  # under the column's title
        for node in columns[s]:
            positions[node] = (round(x, 1), round(y + NODE_SIZE / 2, 1))
            y += NODE_SIZE + 4 + label_height(labels[node]) + ROW_GAP
        height = max(height, y)
    width = x + (extent(present[-1]) / 2 if present else 0.0)
    return StageLayout(positions, placed, round(width, 1), round(height, 1))


def crossings(
    positions: dict[Hashable, tuple[float, float]], links: Iterable[tuple[Hashable, Hashable]]
) -> int:
    """How many pairs of links cross (straight segments, shared ends not counted)."""
    segments = [(positions[a], positions[b]) for a, b in links if a in positions and b in positions]

    def orient(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for i, (p1, p2) in enumerate(segments):
        for p3, p4 in segments[i + 1 :]:
            if len({p1, p2, p3, p4}) < 4:
                continue
            d1, d2 = orient(p3, p4, p1), orient(p3, p4, p2)
            d3, d4 = orient(p1, p2, p3), orient(p1, p2, p4)
            if d1 * d2 < 0 and d3 * d4 < 0:
                count += 1
    return count
