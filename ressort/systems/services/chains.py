"""Impact chains: shipped templates, the démarche's system graph (chains merged by element),
cascades through it, feedback loops, and the graph editor's JSON.

The computations are the pure analysis package's (`ressort.analysis.systems`).
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

from ressort.analysis import chain_layout
from ressort.analysis import systems as sa
from ressort.approaches.models import Approach
from ressort.systems.models import ImpactChain, Link, Node
from ressort.territories.text import normalize

TEMPLATES_FILE = Path(settings.BASE_DIR) / "data" / "systems" / "chain_templates.yaml"
LOOP_MAX_LENGTH = 8
LOOP_LIMIT = 50
MAX_STEPS = 10
DIMENSION_FRAMEWORKS = ("donut", "boussole", "odd")


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
    nodes = list(chain.nodes.all())
    links = list(chain.links.all())
    return {
        "id": chain.pk,
        "name": chain.name,
        "nodes": [node_json(n) for n in nodes],
        "links": [link_json(k) for k in links],
        "kinds": [{"value": v, "label": label} for v, label in Node.Kind.choices],
        "layout": stage_layout_json(nodes, links),
    }


@transaction.atomic
def arrange_by_stage(chain: ImpactChain) -> None:
    """Store the layout by stage as every node's position (the editor's « Ranger »)."""
    nodes = list(chain.nodes.all())
    layout = chain_layout.stage_layout(
        [(n.pk, n.kind, n.label) for n in nodes],
        [(k.source_id, k.target_id) for k in chain.links.all()],
    )
    for node in nodes:
        node.x, node.y = layout.positions[node.pk]
    Node.objects.bulk_update(nodes, ["x", "y"])


def stage_layout_json(nodes: list[Node], links: list[Link]) -> dict[str, Any]:
    """The chain laid out by stage (ressort.analysis.chain_layout), for the graph editor."""
    layout = chain_layout.stage_layout(
        [(n.pk, n.kind, n.label) for n in nodes], [(k.source_id, k.target_id) for k in links]
    )
    return {
        "positions": {str(pk): list(xy) for pk, xy in layout.positions.items()},
        "columns": [{"title": c.title, "x": c.x} for c in layout.columns],
        "font_size": chain_layout.FONT_SIZE,
        "label_width": chain_layout.LABEL_WIDTH,
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


def source_nodes(approach: Approach) -> list[tuple[int, str]]:
    """Hazards and drivers of the démarche's chains, one per element (its first node)."""
    system = build_system_graph(approach)
    return [(rows[0].pk, rows[0].label) for rows in system.members.values() if rows[0].is_source]
