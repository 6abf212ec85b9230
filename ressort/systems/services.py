"""Services of systems: impact chains, cascades, MICMAC, scenarios and the stress test.

Views call these; the computations themselves live in the pure analysis package
(`ressort.analysis.systems`, `.micmac`, `.morphology`). Contracts with the other apps are in
docs/contracts.md (`add_vision_keywords`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from ressort import tables
from ressort.analysis import micmac as mm
from ressort.analysis import morphology as morph
from ressort.analysis import systems as sa
from ressort.approaches.models import Approach
from ressort.systems.models import (
    Exclusion,
    Hypothesis,
    ImpactChain,
    Influence,
    Link,
    MorphVariable,
    Node,
    Scenario,
    Variable,
    Vision,
    VisionKeyword,
)
from ressort.territories.text import normalize

TEMPLATES_FILE = Path(settings.BASE_DIR) / "data" / "systems" / "chain_templates.yaml"
LOOP_MAX_LENGTH = 8
LOOP_LIMIT = 50
MAX_STEPS = 10
DIMENSION_FRAMEWORKS = ("donut", "boussole", "odd")


# --- Vision (contract) -----------------------------------------------------------------------


def add_vision_keywords(approach: Approach, words: list[str], *, source: str) -> None:
    """Add key words to the vision (a workshop's word cloud): a word already there counts
    once more and remembers the source; blank words are skipped; case and accents merge."""
    with transaction.atomic():
        Vision.objects.get_or_create(approach=approach)
        for raw in words:
            word = " ".join(str(raw).split())[:80]
            key = normalize(word)[:80]
            if not key:
                continue
            keyword, created = VisionKeyword.objects.select_for_update().get_or_create(
                approach=approach, key=key, defaults={"word": word, "sources": [source]}
            )
            if not created:
                keyword.count += 1
                if source and source not in keyword.sources:
                    keyword.sources = [*keyword.sources, source]
                keyword.save(update_fields=["count", "sources"])


# --- Templates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainTemplate:
    code: str
    name: str
    description: str
    nodes: tuple[dict[str, Any], ...]
    links: tuple[dict[str, Any], ...]


@lru_cache(maxsize=1)
def chain_templates() -> tuple[ChainTemplate, ...]:
    """The shipped templates (data/systems/chain_templates.yaml), checked."""
    doc = yaml.safe_load(TEMPLATES_FILE.read_text(encoding="utf-8"))
    templates = []
    kinds = set(Node.Kind.values)
    for item in doc["modeles"]:
        labels = {n["libelle"] for n in item["noeuds"]}
        for node in item["noeuds"]:
            if node["nature"] not in kinds:
                raise ValueError(f"modèle {item['code']} : nature « {node['nature']} » inconnue.")
        for link in item["liens"]:
            if link["de"] not in labels or link["vers"] not in labels:
                raise ValueError(f"modèle {item['code']} : lien {link} vers un nœud inconnu.")
            if link["signe"] not in ("+", "-") or link["poids"] not in (1, 2, 3):
                raise ValueError(f"modèle {item['code']} : lien {link} invalide.")
        templates.append(
            ChainTemplate(
                code=item["code"],
                name=item["nom"],
                description=item.get("description", ""),
                nodes=tuple(item["noeuds"]),
                links=tuple(item["liens"]),
            )
        )
    return tuple(templates)


def free_chain_name(approach: Approach, wanted: str) -> str:
    taken = set(approach.impact_chains.values_list("name", flat=True))
    name, i = wanted, 2
    while name in taken:
        name, i = f"{wanted} ({i})", i + 1
    return name


@transaction.atomic
def create_chain_from_template(
    approach: Approach, code: str, name: str | None = None
) -> ImpactChain:
    template = next((t for t in chain_templates() if t.code == code), None)
    if template is None:
        raise ValueError(f"modèle « {code} » inconnu.")
    chain = ImpactChain.objects.create(
        approach=approach,
        name=free_chain_name(approach, name or template.name),
        description=template.description,
        template=template.code,
    )
    nodes = {}
    for item in template.nodes:
        nodes[item["libelle"]] = Node.objects.create(
            chain=chain,
            label=item["libelle"],
            kind=item["nature"],
            places=item.get("lieux", ""),
            dimension_codes=list(item.get("dimensions", [])),
        )
    Link.objects.bulk_create(
        Link(
            chain=chain,
            source=nodes[item["de"]],
            target=nodes[item["vers"]],
            sign=1 if item["signe"] == "+" else -1,
            weight=item["poids"],
        )
        for item in template.links
    )
    return chain


# --- Framework dimensions --------------------------------------------------------------------


def dimension_choices() -> list[tuple[str, str]]:
    """(code, label) of the dimensions of the current shipped Donut, Boussole and ODD."""
    from ressort.frameworks.models import Dimension

    rows = (
        Dimension.objects.filter(
            version__framework__approach=None,
            version__is_current=True,
            version__framework__code__in=DIMENSION_FRAMEWORKS,
        )
        .exclude(kind__in=["question", "indicateur"])
        .select_related("version__framework")
        .order_by("version__framework__code", "order")
    )
    seen: dict[str, str] = {}
    for d in rows:
        seen.setdefault(d.code, f"{d.version.framework.name} — {d.label}")
    return list(seen.items())


def dimension_labels() -> dict[str, str]:
    return dict(dimension_choices())


# --- The démarche's system graph -------------------------------------------------------------


@dataclass
class SystemGraph:
    """Every chain of a démarche merged into one graph: nodes sharing a label (without case or
    accents) are one element. `members[id]` lists the Node rows of element `id`."""

    graph: sa.ImpactGraph
    members: dict[str, list[Node]]
    id_of: dict[int, str]  # Node pk → element id
    conflicts: list[str] = field(default_factory=list)
    vulnerabilities: dict[int, list[Any]] = field(default_factory=dict)  # Node pk → rows
    resources: dict[int, list[Any]] = field(default_factory=dict)

    def first(self, element: str) -> Node:
        return self.members[element][0]

    def label(self, element: str) -> str:
        return self.first(element).label


def element_key(label: str) -> str:
    return normalize(label) or label


def build_system_graph(approach: Approach, chain: ImpactChain | None = None) -> SystemGraph:
    """The impact graph of one chain, or of all the démarche's chains merged by label.

    Two links between the same elements in different chains are merged: the strongest is
    kept (a conflict of sign is reported, and the first chain's link wins).
    """
    nodes = Node.objects.filter(chain__approach=approach).select_related("chain")
    links = Link.objects.filter(chain__approach=approach)
    if chain is not None:
        nodes, links = nodes.filter(chain=chain), links.filter(chain=chain)
    members: dict[str, list[Node]] = {}
    id_of: dict[int, str] = {}
    for node in nodes.order_by("chain__name", "pk"):
        element = element_key(node.label)
        members.setdefault(element, []).append(node)
        id_of[node.pk] = element
    analysis_nodes = [
        sa.Node(element, rows[0].analysis_kind, rows[0].label) for element, rows in members.items()
    ]
    merged: dict[tuple[str, str], tuple[int, int, str]] = {}
    conflicts = []
    signs = dict(Link.Sign.choices)
    rows = links.order_by("chain__name", "pk").values_list(
        "source_id", "target_id", "sign", "weight", "chain__name"
    )
    for source, target, sign, weight, chain_name in rows:
        u, v = id_of[source], id_of[target]
        if u == v:
            continue
        kept = merged.get((u, v))
        if kept is None:
            merged[u, v] = (sign, weight, chain_name)
        elif kept[0] != sign:
            conflicts.append(
                f"« {members[u][0].label} » → « {members[v][0].label} » : "
                f"{signs[kept[0]]} dans « {kept[2]} » mais "
                f"{signs[sign]} dans « {chain_name} » (le premier est retenu)."
            )
        elif weight > kept[1]:
            merged[u, v] = (sign, weight, chain_name)
    graph = sa.ImpactGraph.build(
        analysis_nodes,
        [sa.Link(u, v, sign, weight) for (u, v), (sign, weight, _) in merged.items()],
    )
    vulnerabilities: dict[int, list[Any]] = defaultdict(list)
    resources: dict[int, list[Any]] = defaultdict(list)
    # One query each through the link tables (a prefetch costs a queryset per node).
    for relation, field_name, found in (
        ("vulnerability", "vulnerabilities", vulnerabilities),
        ("resource", "resources", resources),
    ):
        through = getattr(Node, field_name).through
        rows = (
            through.objects.filter(node_id__in=id_of)
            if chain
            else through.objects.filter(node__chain__approach=approach)
        )
        for row in rows.select_related(relation, f"{relation}__approach").order_by("pk"):
            found[row.node_id].append(getattr(row, relation))
    return SystemGraph(
        graph=graph,
        members=members,
        id_of=id_of,
        conflicts=conflicts,
        vulnerabilities=dict(vulnerabilities),
        resources=dict(resources),
    )


# --- Cascades --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReachRow:
    element: str
    label: str
    kind_label: str
    kind: str
    steps: int
    intensity: float
    undamped: float
    dampers: list[str]
    via: list[str]
    paths: list[str]
    nodes: list[Node]
    dimension_codes: list[str]
    places: list[str]
    portrait_vulnerabilities: list[Any]
    portrait_resources: list[Any]

    @property
    def harm(self) -> float:
        """How much worse the territory gets here: a capacity or resource that the cascade
        strengthens (positive intensity) helps, one that it weakens harms."""
        if self.kind in (Node.Kind.CAPACITY, Node.Kind.RESOURCE):
            return -self.intensity
        return self.intensity

    @property
    def worsens(self) -> bool:
        return self.harm > 0

    @property
    def level(self) -> str:
        magnitude = abs(self.intensity)
        if magnitude >= 2:
            return "fort"
        if magnitude >= 1:
            return "moyen"
        return "faible"


@dataclass(frozen=True)
class DimensionHit:
    code: str
    label: str
    intensity: float
    elements: list[str]


@dataclass(frozen=True)
class CascadeView:
    sources: list[tuple[str, float]]
    rows: list[ReachRow]
    by_step: list[tuple[int, list[ReachRow]]]
    dimensions: list[DimensionHit]
    vulnerabilities: list[ReachRow]
    portrait_vulnerabilities: list[tuple[Any, ReachRow]]
    weakened_capacities: list[ReachRow]
    places: list[tuple[str, list[str]]]
    dampers: list[tuple[str, list[str]]]
    links_not_followed: list[tuple[str, str]]
    max_steps: int


KIND_LABELS = dict(Node.Kind.choices)


def run_cascade(
    system: SystemGraph, sources: dict[str, float], max_steps: int = MAX_STEPS
) -> CascadeView:
    """Run the cascade of `ressort.analysis.systems` and gather what the pages show."""
    result = sa.cascade(system.graph, sources, max_steps)
    labels = dimension_labels()
    rows = []
    for reach in result.reached:
        members = system.members[reach.node]
        first = members[0]
        vulnerabilities = list(
            {v.pk: v for n in members for v in system.vulnerabilities.get(n.pk, [])}.values()
        )
        resources = list(
            {r.pk: r for n in members for r in system.resources.get(n.pk, [])}.values()
        )
        codes = list(
            dict.fromkeys(
                [c for n in members for c in n.dimension_codes]
                + [c for v in vulnerabilities for c in v.dimensions]
            )
        )
        places = list(
            dict.fromkeys(
                [p.strip() for n in members for p in n.places.split(",") if p.strip()]
                + [v.place_name for v in vulnerabilities if v.place_name]
            )
        )
        rows.append(
            ReachRow(
                element=reach.node,
                label=first.label,
                kind=first.kind,
                kind_label=KIND_LABELS[first.kind],
                steps=reach.steps,
                intensity=reach.intensity,
                undamped=reach.undamped_intensity,
                dampers=[system.label(d.damper) for d in reach.dampings],
                via=[system.label(c.source) for c in reach.contributions],
                paths=[" → ".join(system.label(x) for x in path) for path in reach.paths],
                nodes=members,
                dimension_codes=codes,
                places=places,
                portrait_vulnerabilities=vulnerabilities,
                portrait_resources=resources,
            )
        )
    by_step: dict[int, list[ReachRow]] = defaultdict(list)
    for row in rows:
        by_step[row.steps].append(row)
    dims: dict[str, list[ReachRow]] = defaultdict(list)
    for row in rows:
        if row.steps > 0:
            for code in row.dimension_codes:
                dims[code].append(row)
    dimensions = sorted(
        (
            DimensionHit(
                code=code,
                label=labels.get(code, code),
                intensity=sum(r.harm for r in hit),
                elements=[r.label for r in hit],
            )
            for code, hit in dims.items()
        ),
        key=lambda d: -abs(d.intensity),
    )
    places: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for place in row.places:
            places[place].append(row.label)
    dampers: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        for damper in row.dampers:
            dampers[damper].append(row.label)
    return CascadeView(
        sources=[(system.label(s), x) for s, x in sources.items()],
        rows=rows,
        by_step=sorted(by_step.items()),
        dimensions=dimensions,
        vulnerabilities=[
            r for r in rows if r.kind in (Node.Kind.SENSITIVITY, Node.Kind.IMPACT) and r.worsens
        ],
        portrait_vulnerabilities=[
            (v, r) for r in rows if r.worsens and r.steps > 0 for v in r.portrait_vulnerabilities
        ],
        weakened_capacities=[
            r
            for r in rows
            if r.kind in (Node.Kind.CAPACITY, Node.Kind.RESOURCE) and r.worsens and r.steps > 0
        ],
        places=sorted(places.items()),
        dampers=sorted(dampers.items()),
        links_not_followed=[
            (system.label(u), system.label(v)) for u, v in result.links_not_followed
        ],
        max_steps=max_steps,
    )


@dataclass(frozen=True)
class LoopRow:
    labels: list[str]
    signs: list[int]
    reinforcing: bool
    nature: str
    gain: float


def loops(system: SystemGraph) -> tuple[list[LoopRow], bool]:
    found = sa.feedback_loops(system.graph, max_length=LOOP_MAX_LENGTH, limit=LOOP_LIMIT)
    rows = [
        LoopRow(
            labels=[system.label(n) for n in loop.nodes],
            signs=list(loop.signs),
            reinforcing=loop.nature is sa.LoopNature.REINFORCING,
            nature=loop.nature.label,
            gain=loop.gain,
        )
        for loop in found.loops
    ]
    return rows, found.truncated


# --- Graph JSON (the editor's API) -----------------------------------------------------------


def chain_json(chain: ImpactChain) -> dict[str, Any]:
    return {
        "id": chain.pk,
        "name": chain.name,
        "nodes": [node_json(n) for n in chain.nodes.all()],
        "links": [link_json(k) for k in chain.links.all()],
        "kinds": [{"value": v, "label": label} for v, label in Node.Kind.choices],
    }


def node_json(node: Node) -> dict[str, Any]:
    return {
        "id": node.pk,
        "label": node.label,
        "kind": node.kind,
        "kind_label": node.get_kind_display(),
        "description": node.description,
        "places": node.places,
        "dimension_codes": node.dimension_codes,
        "x": node.x,
        "y": node.y,
    }


def link_json(link: Link) -> dict[str, Any]:
    return {
        "id": link.pk,
        "source": link.source_id,
        "target": link.target_id,
        "sign": link.sign,
        "weight": link.weight,
        "note": link.note,
    }


# --- MICMAC ----------------------------------------------------------------------------------


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
    """The matrix in the CSV format of `ressort analyse micmac` (importable back)."""
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
    return tables.csv_text(rows, delimiter=",", byte_order_mark=False, lineterminator="\n")


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


def run_micmac(approach: Approach, *, potential: bool = False) -> MicmacView | None:
    variables, matrix = influence_matrix(approach)
    if len(variables) < 2:
        return None
    result = mm.micmac(matrix.matrix(potential=potential), matrix.names)
    return MicmacView(
        result=result,
        variables=variables,
        rows=list(zip(variables, result.variables, strict=True)),
        potential=potential,
        potential_cells=int(matrix.potential.sum()),
    )


# --- Morphological analysis ------------------------------------------------------------------


def morph_components(approach: Approach) -> list[MorphVariable]:
    return list(approach.morph_variables.prefetch_related("hypotheses"))


def build_box(approach: Approach) -> tuple[list[MorphVariable], morph.MorphologicalBox]:
    """The box of the components that have 2 to 5 hypotheses (others are left out)."""
    components = [
        c
        for c in morph_components(approach)
        if morph.MIN_HYPOTHESES <= len(c.hypotheses.all()) <= morph.MAX_HYPOTHESES
    ]
    keys = {c.pk: str(c.pk) for c in components}
    box = {keys[c.pk]: [str(h.pk) for h in c.hypotheses.all()] for c in components}
    exclusions = [
        (
            (keys[e.first.variable_id], str(e.first_id)),
            (keys[e.second.variable_id], str(e.second_id)),
        )
        for e in Exclusion.objects.filter(approach=approach).select_related("first", "second")
        if e.first.variable_id in keys and e.second.variable_id in keys
    ]
    return components, morph.MorphologicalBox.build(box, exclusions)


def hypotheses_of(
    components: list[MorphVariable], combination: tuple[int, ...]
) -> list[Hypothesis]:
    return [list(c.hypotheses.all())[a] for c, a in zip(components, combination, strict=True)]


# --- Stress test -----------------------------------------------------------------------------


def stress_test(scenario: Scenario) -> CascadeView | None:
    """The cascade driven by the hazards the scenario intensifies, on the démarche's graph."""
    hazards = list(scenario.hazards.select_related("node"))
    if not hazards:
        return None
    system = build_system_graph(scenario.approach)
    sources: dict[str, float] = {}
    for hazard in hazards:
        element = system.id_of.get(hazard.node_id)
        if element is not None:
            sources[element] = max(sources.get(element, 0.0), float(hazard.intensity))
    if not sources:
        return None
    return run_cascade(system, sources)


def tracc_levels() -> list[tuple[str, str]]:
    """(code, label) of the TRACC warming levels, grouped by territory, from the frameworks."""
    from ressort.frameworks.services import shipped_current

    version = shipped_current("tracc")
    if version is None:
        return []
    levels = version.dimensions.filter(kind="niveau").select_related("parent").order_by("order")
    return [(d.code, f"{d.parent.label if d.parent else ''} : {d.label}") for d in levels]


GRID_MAX_VARIABLES = 40
CELL_CODES = ("0", "1", "2", "3", "P")


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
        where = f"ligne « {source.name} », colonne « {target.name} »"
        if code not in ("", *CELL_CODES):
            faults.append(f"{where} : « {raw} » n'est pas une influence permise ({mm.SCORES}).")
        elif i == j and code not in ("", "0"):
            faults.append(f"{where} : la diagonale doit valoir 0.")
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
    anchor_end: bool = False  # label to the left of the point, near the right edge
    from_x: float | None = None  # where the point stood on the direct map (map of moves)
    from_y: float | None = None


@dataclass(frozen=True)
class InfluenceMap:
    """Geometry of an influence–dependence map (SVG user units): dependence on the x axis,
    influence on the y axis, split at the means into the four zones."""

    title: str
    width: int
    height: int
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


MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 560, 440, 48
MAP_LABEL_LIMIT = 60


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
    points = []
    for v, s in view.rows:
        d, i = position(s)
        points.append(
            MapPoint(
                x=sx(d),
                y=sy(i),
                label=v.label,
                name=v.name,
                zone=_zone_value(s.indirect_zone if indirect else s.direct_zone),
                influence=i,
                dependence=d,
                anchor_end=sx(d) > right - 110,
                from_x=sx(direct(s)[0]) if moves else None,
                from_y=sy(direct(s)[1]) if moves else None,
            )
        )
    title = "Plan influence–dépendance " + ("indirect" if indirect else "direct")
    if moves:
        title = "Déplacements du plan direct au plan indirect"
    return InfluenceMap(
        title=title,
        width=MAP_WIDTH,
        height=MAP_HEIGHT,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        mean_x=sx(mean),
        mean_y=sy(mean),
        points=points,
        labelled=n <= MAP_LABEL_LIMIT,
        max_value=top_value,
        moves=moves,
    )


def add_variable_order(approach: Approach) -> int:
    last = approach.variables.order_by("-order").values_list("order", flat=True).first()
    return 0 if last is None else last + 1


def _zone_value(zone: mm.Zone | None) -> str:
    return zone.value if zone is not None else ""


def source_nodes(approach: Approach) -> list[tuple[int, str]]:
    """Hazards and drivers of the démarche's chains, one per element (its first node)."""
    system = build_system_graph(approach)
    return [(rows[0].pk, rows[0].label) for rows in system.members.values() if rows[0].is_source]


@transaction.atomic
def save_scenario_frame(
    scenario: Scenario, hypotheses: list[int], intensities: dict[int, int]
) -> None:
    from ressort.systems.models import ScenarioHazard

    scenario.hypotheses.set(
        Hypothesis.objects.filter(variable__approach=scenario.approach, pk__in=hypotheses)
    )
    scenario.hazards.all().delete()
    allowed = {
        n.pk
        for n in Node.objects.filter(chain__approach=scenario.approach, pk__in=list(intensities))
    }
    ScenarioHazard.objects.bulk_create(
        ScenarioHazard(scenario=scenario, node_id=pk, intensity=x)
        for pk, x in intensities.items()
        if pk in allowed
    )


def tracc_label(code: str) -> str:
    return dict(tracc_levels()).get(code, code)


@transaction.atomic
def save_component(component: MorphVariable, labels: list[str]) -> None:
    """Keep hypotheses whose label is unchanged (their exclusions and scenarios with them)."""
    component.save()
    existing = {h.label: h for h in component.hypotheses.all()}
    component.hypotheses.exclude(label__in=labels).delete()
    for order, label in enumerate(labels):
        hypothesis = existing.get(label)
        if hypothesis is None:
            Hypothesis.objects.create(variable=component, label=label, order=order)
        elif hypothesis.order != order:
            hypothesis.order = order
            hypothesis.save(update_fields=["order"])
