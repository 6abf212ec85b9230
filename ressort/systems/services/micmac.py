"""Structural analysis (MICMAC): the démarche's influence matrix, its grid, CSV import and
export, seeding from the impact chains, results and the influence–dependence maps.

The computations are the pure analysis package's (`ressort.analysis.micmac`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ressort import tables
from ressort.analysis import labels
from ressort.analysis import micmac as mm
from ressort.analysis import systems as sa
from ressort.analysis.typography import cell as cell_fault
from ressort.analysis.typography import quoted
from ressort.approaches.models import Approach
from ressort.systems.models import ImpactChain, Influence, Variable
from ressort.systems.services.chains import build_system_graph

GRID_MAX_VARIABLES = 40
CELL_CODES = ("0", "1", "2", "3", "P")


def influence_matrix(approach: Approach) -> tuple[list[Variable], mm.InfluenceMatrix]:
    """The démarche's variables and their matrix, in the variables' order."""
    import numpy as np

    variables = list(approach.variables.all())
    index = {v.pk: i for i, v in enumerate(variables)}
    n = len(variables)
    values = np.zeros((n, n), dtype=np.int64)
    potential = np.zeros((n, n), dtype=np.bool_)
    for source, target, value, pot in Influence.objects.filter(
        source__approach=approach
    ).values_list("source_id", "target_id", "value", "potential"):
        i, j = index[source], index[target]
        values[i, j] = value
        potential[i, j] = pot
    return variables, mm.InfluenceMatrix(
        names=tuple(v.name for v in variables), values=values, potential=potential
    )


def matrix_csv(approach: Approach) -> str:
    """The matrix in the CSV format of `ressort analyse micmac` (importable back), with `;`
    and a UTF-8 BOM as spreadsheets in France expect."""
    variables, matrix = influence_matrix(approach)
    rows = [["", *matrix.names]]
    for i, name in enumerate(matrix.names):
        rows.append(
            [
                name,
                *(
                    "P" if matrix.potential[i, j] else str(int(matrix.values[i, j]))
                    for j in range(len(variables))
                ),
            ]
        )
    return tables.csv_text(rows)


@transaction.atomic
def replace_matrix(approach: Approach, matrix: mm.InfluenceMatrix) -> None:
    """Replace the démarche's variables and influences by a matrix (all or nothing).

    Variables whose name is kept keep their definition and short name.
    """
    existing = {v.name: v for v in approach.variables.all()}
    keep = set(matrix.names)
    approach.variables.exclude(name__in=keep).delete()
    Influence.objects.filter(source__approach=approach).delete()
    variables = []
    for order, name in enumerate(matrix.names):
        variable = existing.get(name)
        if variable is None:
            variable = Variable.objects.create(approach=approach, name=name, order=order)
        elif variable.order != order:
            variable.order = order
            variable.save(update_fields=["order"])
        variables.append(variable)
    n = len(variables)
    Influence.objects.bulk_create(
        Influence(
            source=variables[i],
            target=variables[j],
            value=int(matrix.values[i, j]),
            potential=bool(matrix.potential[i, j]),
        )
        for i in range(n)
        for j in range(n)
        if matrix.values[i, j] or matrix.potential[i, j]
    )


def seed_matrix_from_graph(approach: Approach, chain: ImpactChain | None = None) -> int:
    """Replace the matrix by the one seeded from the impact chains (matrix_from_graph)."""
    system = build_system_graph(approach, chain)
    seeded = sa.matrix_from_graph(system.graph)
    names = tuple(system.label(e)[:120] for e in seeded.names)
    replace_matrix(
        approach, mm.InfluenceMatrix(names=names, values=seeded.values, potential=seeded.potential)
    )
    return len(names)


@dataclass(frozen=True)
class MicmacView:
    result: mm.MicmacResult
    variables: list[Variable]
    rows: list[tuple[Variable, mm.VariableScore]]
    potential: bool
    potential_cells: int


def run_micmac(
    approach: Approach, *, potential: bool = False, power: int | None = None
) -> MicmacView | None:
    """The MICMAC of the démarche's matrix; `power` fixes the power (2…MAX_POWER) instead of
    stopping where the orders stabilise."""
    variables, matrix = influence_matrix(approach)
    if len(variables) < 2:
        return None
    result = mm.micmac(matrix.matrix(potential=potential), matrix.names, power=power)
    return MicmacView(
        result=result,
        variables=variables,
        rows=list(zip(variables, result.variables, strict=True)),
        potential=potential,
        potential_cells=int(matrix.potential.sum()),
    )


def grid_codes(variables: list[Variable], matrix: mm.InfluenceMatrix) -> dict[tuple[int, int], str]:
    """The stored cells as the grid shows them, {(row pk, column pk): "0"…"3" or "P"}."""
    return {
        (row.pk, column.pk): "P" if matrix.potential[i, j] else str(int(matrix.values[i, j]))
        for i, row in enumerate(variables)
        for j, column in enumerate(variables)
    }


def save_grid(approach: Approach, cells: dict[tuple[int, int], str]) -> list[str]:
    """Save the grid's cells {(source pk, target pk): code}; every fault is listed in French
    (naming the row and the column) and nothing is saved when there is one."""
    variables = {v.pk: v for v in approach.variables.all()}
    faults = []
    rows = []
    for (i, j), raw in cells.items():
        code = raw.strip().upper()
        source, target = variables.get(i), variables.get(j)
        if source is None or target is None:
            faults.append("Une cellule désigne une variable qui n'existe plus : rechargez la page.")
            continue
        if code not in ("", *CELL_CODES):
            faults.append(
                cell_fault(
                    source.name,
                    target.name,
                    f"{quoted(raw)} n'est pas une influence permise ({mm.SCORES}).",
                )
            )
        elif i == j and code not in ("", "0"):
            faults.append(cell_fault(source.name, target.name, "la diagonale doit valoir 0."))
        elif code not in ("", "0"):
            rows.append(
                Influence(
                    source=source,
                    target=target,
                    value=0 if code == "P" else int(code),
                    potential=code == "P",
                )
            )
    if faults:
        return faults
    with transaction.atomic():
        Influence.objects.filter(source__approach=approach).delete()
        Influence.objects.bulk_create(rows)
    return []


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str
    name: str
    zone: str
    influence: float
    dependence: float
    from_x: float | None = None  # where the point stood on the direct map (map of moves)
    from_y: float | None = None
    text_x: float = 0.0  # the label's baseline start (text-anchor start)
    text_y: float = 0.0
    lines: tuple[str, ...] = ()  # the label, wrapped
    box: labels.Box | None = None  # the label's box, which no other label overlaps
    leader: tuple[float, float] | None = None  # where a line from the point meets the label


@dataclass(frozen=True)
class MapText:
    """A fixed text of the map (a zone's title), at its baseline start."""

    text: str
    x: float
    y: float
    box: labels.Box


@dataclass(frozen=True)
class InfluenceMap:
    """Geometry of an influence–dependence map (SVG user units): dependence on the x axis,
    influence on the y axis, split at the means into the four zones."""

    title: str
    width: int
    height: float  # the drawing's height, grown when some labels went under the plot
    plot_height: int  # the plot's own height (axes, axis titles)
    left: int
    top: int
    right: int
    bottom: int
    mean_x: float
    mean_y: float
    points: list[MapPoint]
    labelled: bool
    max_value: float
    moves: bool = False
    zone_titles: list[MapText] = field(default_factory=list)
    font_size: float = 0.0

    @property
    def line_height(self) -> float:
        return self.font_size * labels.LINE_HEIGHT

    def label_boxes(self) -> list[labels.Box]:
        """Every text box on the plot: the variables' labels and the zones' titles."""
        return [p.box for p in self.points if p.box] + [t.box for t in self.zone_titles]


MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 560, 440, 48
MAP_LABEL_LIMIT = 60
MAP_FONT_SIZE = 13  # SVG units; the map is never drawn narrower than its width (≥ 13 px)
MAP_LABEL_WIDTH = 150  # longer labels wrap on several lines
ZONE_FONT_SIZE = 12
POINT_RADIUS = 4


def _zone_titles(left: float, top: float, right: float, bottom: float) -> list[MapText]:
    size = ZONE_FONT_SIZE
    height = size * labels.LINE_HEIGHT
    titles = []
    for text, at_right, at_top in (
        ("variables motrices", False, True),
        ("variables relais", True, True),
        ("variables dépendantes", True, False),
        ("variables autonomes", False, False),
    ):
        width = labels.text_width(text, size)
        x = right - 6 - width if at_right else left + 6
        y0 = top + 2 if at_top else bottom - 6 - height
        box = labels.Box(x, y0, x + width, y0 + height)
        titles.append(MapText(text, round(x, 1), round(y0 + size, 1), box))
    return titles


def influence_map(view: MicmacView, *, indirect: bool, moves: bool = False) -> InfluenceMap | None:
    """The direct or indirect map; with `moves`, the indirect map on the scale of both, each
    point with the position it moved from on the direct map (Godet's map of displacements)."""
    result = view.result
    n = len(result.variables)
    if (indirect and result.raw_total == 0) or result.total == 0:
        return None

    def direct(s: mm.VariableScore) -> tuple[float, float]:
        return float(s.direct_dependence), float(s.direct_influence)

    def indirect_of(s: mm.VariableScore) -> tuple[float, float]:
        return s.indirect_dependence, s.indirect_influence

    position = indirect_of if indirect else direct
    values = [position(s) for _, s in view.rows]
    if moves:
        values += [direct(s) for _, s in view.rows]
    top_value = max(max(d, i) for d, i in values) * 1.08 or 1.0
    left, top = MAP_MARGIN + 8, 24
    right, bottom = MAP_WIDTH - 16, MAP_HEIGHT - MAP_MARGIN

    def sx(value: float) -> float:
        return round(left + (right - left) * value / top_value, 1)

    def sy(value: float) -> float:
        return round(bottom - (bottom - top) * value / top_value, 1)

    mean = result.total / n
    zone_titles = _zone_titles(left, top, right, bottom)
    labelled = n <= MAP_LABEL_LIMIT
    positions = [(sx(position(s)[0]), sy(position(s)[1])) for _, s in view.rows]
    layout = labels.place_labels(
        [
            labels.Item(v.label, x, y, radius=POINT_RADIUS + 1)
            for (v, _), (x, y) in zip(view.rows, positions, strict=True)
        ]
        if labelled
        else [],
        bounds=labels.Box(left, 0, MAP_WIDTH - 2, bottom),
        axes=[labels.Segment(left, top, left, bottom), labels.Segment(left, bottom, right, bottom)],
        fixed=[t.box for t in zone_titles],
        font_size=MAP_FONT_SIZE,
        overflow_y=MAP_HEIGHT,
        max_width=MAP_LABEL_WIDTH,
    )
    placed = layout.labels if labelled else [None] * n
    points = []
    for (v, s), (x, y), label in zip(view.rows, positions, placed, strict=True):
        d, i = position(s)
        points.append(
            MapPoint(
                x=x,
                y=y,
                label=v.label,
                name=v.name,
                zone=_zone_value(s.indirect_zone if indirect else s.direct_zone),
                influence=i,
                dependence=d,
                from_x=sx(direct(s)[0]) if moves else None,
                from_y=sy(direct(s)[1]) if moves else None,
                text_x=round(label.baseline_x, 1) if label else 0.0,
                text_y=round(label.baseline_y, 1) if label else 0.0,
                lines=label.lines if label else (),
                box=label.box if label else None,
                leader=tuple(round(c, 1) for c in label.leader_end)  # type: ignore[misc]
                if label and label.leader
                else None,
            )
        )
    title = "Plan influence–dépendance " + ("indirect" if indirect else "direct")
    if moves:
        title = "Déplacements du plan direct au plan indirect"
    return InfluenceMap(
        title=title,
        width=MAP_WIDTH,
        height=round(max(MAP_HEIGHT, layout.height), 1),
        plot_height=MAP_HEIGHT,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        mean_x=sx(mean),
        mean_y=sy(mean),
        points=points,
        labelled=labelled,
        max_value=top_value,
        moves=moves,
        zone_titles=zone_titles,
        font_size=MAP_FONT_SIZE,
    )


def add_variable_order(approach: Approach) -> int:
    last = approach.variables.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


def _zone_value(zone: mm.Zone | None) -> str:
    return zone.value if zone is not None else ""
