"""Impact chains: a signed, weighted causal graph of the territory, its cascades and loops.

An impact chain links hazards to exposures, sensitivities and impacts, with the adaptive
capacities and resources that soften them: the structure of the GIZ/EURAC *Vulnerability
Sourcebook* (2014) and its *Risk Supplement* (2017), where risk arises from hazard, exposure
and vulnerability (sensitivity and lack of capacity). Each link strengthens (+) or weakens (−)
its target, with a weight of 1 (weak), 2 (medium) or 3 (strong), as in a causal loop diagram
(J. Sterman, *Business Dynamics*, 2000, ch. 5).

Cascade rule (`cascade`): shocks leave the sources with the given intensities and follow
the links, each link once, in causal order.
- Reach: a node is reached when it lies at most `max_steps` links from a source; its
  `steps` is that shortest distance (how soon the shock arrives).
- Loops are cut, so that the cascade always ends: a link leading back to a node already on
  the way from the sources (a back link of a depth-first search from the sources, in the
  graph's order) is not followed, nor a link into a source, which keeps its given intensity.
  These links are listed in the result; `feedback_loops` reports the loops themselves.
- Intensity: on what remains (an acyclic graph), a reached node receives the sum, over its
  links u → v from reached nodes, of intensity(u) × sign × weight / 3 — every chain adds up,
  a strong link passes the whole shock, a weak one a third, a weakening link reverses it.
- Dampers: an adaptive capacity or resource that the cascade does not reach stands intact
  and softens every reached node it weakens (a − link d → v): each such link multiplies the
  magnitude arriving at v by 1 − weight / 6 (a strong capacity halves the shock) without
  changing its sign. A capacity or resource that the cascade reaches is hit by it and
  carries it on like any other node (a weakened capacity then strengthens what it used to
  weaken).

Loops (`feedback_loops`): the simple cycles of the graph; a loop is reinforcing when the
product of its signs is positive, balancing otherwise (Sterman, ch. 5.1).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import networkx as nx
import numpy as np

from ressort.analysis.micmac import InfluenceMatrix

WEIGHTS = (1, 2, 3)
SIGNS = (1, -1)
DAMPING_PER_WEIGHT = 1 / 6


class NodeKind(StrEnum):
    HAZARD = "alea"
    EXPOSURE = "exposition"
    SENSITIVITY = "sensibilite"
    IMPACT = "impact"
    ADAPTIVE_CAPACITY = "capacite_adaptation"
    RESOURCE = "ressource"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    NodeKind.HAZARD: "aléa",
    NodeKind.EXPOSURE: "exposition",
    NodeKind.SENSITIVITY: "sensibilité",
    NodeKind.IMPACT: "impact",
    NodeKind.ADAPTIVE_CAPACITY: "capacité d'adaptation",
    NodeKind.RESOURCE: "ressource",
}
DAMPER_KINDS = frozenset({NodeKind.ADAPTIVE_CAPACITY, NodeKind.RESOURCE})


class LoopNature(StrEnum):
    REINFORCING = "reinforcing"
    BALANCING = "balancing"

    @property
    def label(self) -> str:
        return (
            "boucle de renforcement" if self is LoopNature.REINFORCING else "boucle d'équilibrage"
        )


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind | str  # a NodeKind or its stored value ("alea", "impact"…)
    label: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """`source` strengthens (sign +1) or weakens (sign −1) `target`, with weight 1 to 3."""

    source: str
    target: str
    sign: int
    weight: int


@dataclass(frozen=True, slots=True, eq=False)
class ImpactGraph:
    """A validated impact chain; build it with `ImpactGraph.build`.

    `digraph` is a networkx DiGraph whose nodes carry `kind` and `label` and whose edges carry
    `sign` and `weight`; nodes keep the order in which they were given.
    """

    digraph: Any  # networkx.DiGraph (networkx ships no type hints)

    @classmethod
    def build(cls, nodes: Iterable[Node], links: Iterable[Link]) -> ImpactGraph:
        """Check nodes and links; ValueError lists every fault and what is allowed."""
        graph = nx.DiGraph()
        faults: list[str] = []
        kinds = {k.value: k for k in NodeKind}
        for node in nodes:
            kind = kinds.get(node.kind)
            if kind is None:
                allowed = ", ".join(kinds)
                faults.append(f"nœud « {node.id} » : nature « {node.kind} » inconnue ({allowed}).")
            elif node.id in graph:
                faults.append(f"nœud « {node.id} » donné deux fois.")
            else:
                graph.add_node(node.id, kind=kind, label=node.label or node.id)
        for link in links:
            name = f"lien « {link.source} » → « {link.target} »"
            missing = [n for n in (link.source, link.target) if n not in graph]
            if missing:
                faults.append(f"{name} : nœud inconnu « {missing[0]} ».")
            elif link.source == link.target:
                faults.append(f"{name} : un nœud ne peut pas agir sur lui-même.")
            elif graph.has_edge(link.source, link.target):
                faults.append(f"{name} : donné deux fois.")
            elif link.sign not in SIGNS:
                faults.append(f"{name} : signe {link.sign} (permis : +1 renforce, −1 affaiblit).")
            elif link.weight not in WEIGHTS:
                faults.append(f"{name} : poids {link.weight} (permis : 1, 2 ou 3).")
            else:
                graph.add_edge(link.source, link.target, sign=link.sign, weight=link.weight)
        if faults:
            raise ValueError("Chaîne d'impacts invalide :\n" + "\n".join(faults))
        return cls(graph)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(self.digraph.nodes)

    def kind(self, node: str) -> NodeKind:
        kind: NodeKind = self.digraph.nodes[node]["kind"]
        return kind

    def link(self, source: str, target: str) -> Link:
        data = self.digraph.edges[source, target]
        return Link(source, target, int(data["sign"]), int(data["weight"]))


# --- Cascades ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one link brought to a node: intensity(source) × sign × weight / 3."""

    source: str
    sign: int
    weight: int
    amount: float


@dataclass(frozen=True, slots=True)
class Damping:
    """An intact capacity or resource weakening a reached node: magnitude × factor."""

    damper: str
    weight: int
    factor: float


@dataclass(frozen=True, slots=True)
class Reach:
    """How the cascade reached one node (sources have steps 0 and no contributions)."""

    node: str
    kind: NodeKind
    steps: int  # fewest links from a source
    intensity: float
    undamped_intensity: float
    contributions: tuple[Contribution, ...]  # strongest first
    dampings: tuple[Damping, ...]
    paths: tuple[tuple[str, ...], ...]  # chains from a source, strongest links first
    path_count: int  # number of chains from a source (all of them, listed or not)

    @property
    def dampened(self) -> bool:
        return bool(self.dampings)


@dataclass(frozen=True, slots=True)
class CascadeResult:
    """Every node reached, by steps then in the graph's node order, and the links not
    followed (closing a loop, or into a source)."""

    reached: tuple[Reach, ...]
    links_not_followed: tuple[tuple[str, str], ...]
    max_steps: int

    def __getitem__(self, node: str) -> Reach:
        for reach in self.reached:
            if reach.node == node:
                return reach
        raise KeyError(node)

    def __contains__(self, node: object) -> bool:
        return any(reach.node == node for reach in self.reached)


def cascade(
    graph: ImpactGraph,
    sources: Mapping[str, float],
    max_steps: int = 10,
    *,
    max_paths: int = 5,
) -> CascadeResult:
    """Propagate shocks from `sources` (node → intensity) along the chain (module docstring).

    Linear in the size of the reached part of the graph, plus `max_paths` paths a node.
    """
    g = graph.digraph
    faults = [f"source « {s} » : nœud inconnu." for s in sources if s not in g]
    faults += [
        f"source « {s} » : intensité {x} (permis : un nombre non nul)."
        for s, x in sources.items()
        if s in g and (not math.isfinite(x) or x == 0)
    ]
    if max_steps < 0:
        faults.append(f"nombre d'étapes {max_steps} (permis : 0 ou plus).")
    if max_paths < 0:
        faults.append(f"nombre de chemins {max_paths} (permis : 0 ou plus).")
    if faults:
        raise ValueError("Cascade impossible :\n" + "\n".join(faults))
    if not sources:
        return CascadeResult(reached=(), links_not_followed=(), max_steps=max_steps)

    order = {node: i for i, node in enumerate(g.nodes)}
    steps = {
        node: t
        for t, layer in enumerate(itertools.islice(nx.bfs_layers(g, list(sources)), max_steps + 1))
        for node in layer
    }
    not_followed = _loop_links(g.subgraph(steps), list(sources))
    not_followed |= {(u, s) for s in sources for u in g.predecessors(s) if u in steps}
    dag = nx.DiGraph(g.subgraph(steps).edges)
    dag.add_nodes_from(steps)
    dag.remove_edges_from(not_followed)

    intensity = {s: float(x) for s, x in sources.items()}
    path_count = dict.fromkeys(sources, 1)
    paths: dict[str, list[tuple[str, ...]]] = {s: [(s,)] for s in sources}
    reaches = {
        s: Reach(s, graph.kind(s), 0, intensity[s], intensity[s], (), (), ((s,),), 1)
        for s in sources
    }
    for v in nx.topological_sort(dag):
        if v in sources:
            continue
        contributions = []
        for u in dag.predecessors(v):
            link = graph.link(u, v)
            amount = intensity[u] * link.sign * link.weight / 3
            contributions.append(Contribution(u, link.sign, link.weight, amount))
        contributions.sort(key=lambda c: (-abs(c.amount), order[c.source]))
        dampings = []
        for d in sorted(g.predecessors(v), key=order.__getitem__):
            weakening = graph.link(d, v)
            if d not in steps and graph.kind(d) in DAMPER_KINDS and weakening.sign < 0:
                factor = 1 - weakening.weight * DAMPING_PER_WEIGHT
                dampings.append(Damping(d, weakening.weight, factor))
        undamped = math.fsum(c.amount for c in contributions)
        intensity[v] = undamped * math.prod(d.factor for d in dampings)
        path_count[v] = sum(path_count[c.source] for c in contributions)
        chains = ((*p, v) for c in contributions for p in paths[c.source])
        paths[v] = list(itertools.islice(chains, max_paths))
        reaches[v] = Reach(
            v,
            graph.kind(v),
            steps[v],
            intensity[v],
            undamped,
            tuple(contributions),
            tuple(dampings),
            tuple(paths[v]),
            path_count[v],
        )
    reached = sorted(reaches.values(), key=lambda r: (r.steps, order[r.node]))
    return CascadeResult(
        reached=tuple(reached),
        links_not_followed=tuple(sorted(not_followed, key=lambda e: (order[e[0]], order[e[1]]))),
        max_steps=max_steps,
    )


def _loop_links(g: Any, sources: list[str]) -> set[tuple[str, str]]:
    """Back links of a depth-first search from the sources: those closing a loop."""
    root = object()  # a super-source, so that one search starts from every source in order
    search = nx.DiGraph(g.edges)
    search.add_edges_from((root, s) for s in sources)
    on_path: set[object] = set()
    back: set[tuple[str, str]] = set()
    for u, v, label in nx.dfs_labeled_edges(search, root):
        if label == "forward":
            on_path.add(v)
        elif label == "reverse":
            on_path.discard(v)
        elif label == "nontree" and v in on_path:
            back.add((u, v))
    return back


# --- Feedback loops ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedbackLoop:
    """A simple cycle, from its earliest node in the graph's order back to it."""

    nodes: tuple[str, ...]
    signs: tuple[int, ...]  # sign of the link leaving nodes[i]
    weights: tuple[int, ...]

    @property
    def nature(self) -> LoopNature:
        negatives = sum(1 for s in self.signs if s < 0)
        return LoopNature.REINFORCING if negatives % 2 == 0 else LoopNature.BALANCING

    @property
    def gain(self) -> float:
        """Product of sign × weight / 3 around the loop, as the cascade rule would pass it."""
        return math.prod(s * w / 3 for s, w in zip(self.signs, self.weights, strict=True))


@dataclass(frozen=True, slots=True)
class FeedbackLoops:
    """Loops found, shortest first; `truncated` when `limit` stopped the search early."""

    loops: tuple[FeedbackLoop, ...]
    truncated: bool
    max_length: int | None


def feedback_loops(
    graph: ImpactGraph, *, max_length: int | None = None, limit: int | None = None
) -> FeedbackLoops:
    """Simple cycles with their nature, shortest first, each from its earliest node.

    Without `max_length`, networkx's `simple_cycles` (Johnson's algorithm). With it, the
    cycles of at most `max_length` links through each node, in the graph's order, are the
    paths (networkx `all_simple_paths`, cut off at max_length − 1 links) from that node back
    to one of its predecessors among the nodes after it; the node is then set aside. This
    finds each cycle once and stays fast on large graphs, where networkx's bounded search
    recomputes the strongly connected components after each node (seconds for 5,000 links).

    A dense graph can hold exponentially many cycles: bound them with `max_length` (number of
    links) and/or `limit` (number of cycles kept; `truncated` tells that more exist).
    """
    if max_length is not None and max_length < 1:
        raise ValueError(f"longueur maximale {max_length} (permis : 1 ou plus, ou aucune).")
    if limit is not None and limit < 0:
        raise ValueError(f"limite {limit} (permis : 0 ou plus, ou aucune).")
    g = graph.digraph
    order = {node: i for i, node in enumerate(g.nodes)}
    cycles = nx.simple_cycles(g) if max_length is None else _short_cycles(g, max_length)
    found = list(itertools.islice(cycles, None if limit is None else limit + 1))
    truncated = limit is not None and len(found) > limit
    loops = []
    for cycle in found[:limit]:
        start = min(range(len(cycle)), key=lambda i: order[cycle[i]])
        nodes = tuple(cycle[start:] + cycle[:start])
        links = [graph.link(a, b) for a, b in zip(nodes, nodes[1:] + nodes[:1], strict=True)]
        loops.append(
            FeedbackLoop(nodes, tuple(k.sign for k in links), tuple(k.weight for k in links))
        )
    loops.sort(key=lambda loop: (len(loop.nodes), [order[n] for n in loop.nodes]))
    return FeedbackLoops(loops=tuple(loops), truncated=truncated, max_length=max_length)


def _short_cycles(g: Any, max_length: int) -> Iterator[list[str]]:
    """Cycles of at most `max_length` links, each starting from its earliest node."""
    if max_length < 2:  # an impact chain has no self-link
        return
    remaining = nx.DiGraph(g.edges)
    remaining.add_nodes_from(g.nodes)
    for node in list(g.nodes):
        back = list(remaining.predecessors(node))
        if back:
            yield from nx.all_simple_paths(remaining, node, back, cutoff=max_length - 1)
        remaining.remove_node(node)


# --- Seeding MICMAC ------------------------------------------------------------------------


def matrix_from_graph(graph: ImpactGraph) -> InfluenceMatrix:
    """A MICMAC matrix of direct influences seeded from the chain, in the graph's node order.

    Each link's weight (1–3) becomes the influence of its source on its target, whatever its
    sign: MICMAC scores how strongly a variable acts on another, not in which direction.
    Names are the node ids.
    """
    g = graph.digraph
    names = tuple(g.nodes)
    index = {node: i for i, node in enumerate(names)}
    values = np.zeros((len(names), len(names)), dtype=np.int64)
    for u, v, weight in g.edges(data="weight"):
        values[index[u], index[v]] = weight
    return InfluenceMatrix(
        names=names, values=values, potential=np.zeros(values.shape, dtype=np.bool_)
    )
