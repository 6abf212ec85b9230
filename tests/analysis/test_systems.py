"""Impact chains: cascades on small chains, feedback loops on small known graphs, MICMAC seed."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from ressort.analysis.micmac import micmac
from ressort.analysis.systems import (
    ImpactGraph,
    Link,
    LoopNature,
    Node,
    NodeKind,
    cascade,
    feedback_loops,
    matrix_from_graph,
)

K = NodeKind


def graph(nodes: dict[str, NodeKind], links: list[tuple[str, str, int, int]]) -> ImpactGraph:
    return ImpactGraph.build(
        [Node(name, kind) for name, kind in nodes.items()],
        [Link(*link) for link in links],
    )


HEAT = {
    "canicule": K.HAZARD,
    "population exposée": K.EXPOSURE,
    "personnes âgées isolées": K.SENSITIVITY,
    "décès": K.IMPACT,
    "plan canicule": K.ADAPTIVE_CAPACITY,
}
HEAT_LINKS = [
    ("canicule", "population exposée", 1, 3),
    ("population exposée", "personnes âgées isolées", 1, 2),
    ("personnes âgées isolées", "décès", 1, 3),
    ("plan canicule", "décès", -1, 3),
]


def test_cascade_along_a_chain_with_a_damper() -> None:
    result = cascade(graph(HEAT, HEAT_LINKS), {"canicule": 3.0})

    # 3 × 3/3 = 3, then 3 × 2/3 = 2, then 2 × 3/3 = 2, halved by the intact plan (1 − 3/6).
    expected = {
        "canicule": (0, 3.0, 3.0),
        "population exposée": (1, 3.0, 3.0),
        "personnes âgées isolées": (2, 2.0, 2.0),
        "décès": (3, 2.0, 1.0),
    }
    assert {r.node: (r.steps, r.undamped_intensity, r.intensity) for r in result.reached} == (
        expected
    )
    deaths = result["décès"]
    assert deaths.dampened
    assert [(d.damper, d.weight, d.factor) for d in deaths.dampings] == [("plan canicule", 3, 0.5)]
    assert deaths.paths == (("canicule", "population exposée", "personnes âgées isolées", "décès"),)
    assert deaths.path_count == 1
    assert "plan canicule" not in result
    assert not result["population exposée"].dampened


def test_cascade_stops_after_max_steps() -> None:
    result = cascade(graph(HEAT, HEAT_LINKS), {"canicule": 3.0}, max_steps=2)
    assert [r.node for r in result.reached] == [
        "canicule",
        "population exposée",
        "personnes âgées isolées",
    ]
    assert cascade(graph(HEAT, HEAT_LINKS), {"canicule": 3.0}, max_steps=0).reached[0].steps == 0


def test_cascade_adds_every_chain_and_cuts_the_loop_back() -> None:
    links = [
        *HEAT_LINKS,
        ("canicule", "décès", 1, 1),
        ("décès", "population exposée", -1, 1),  # closes a loop back upstream
    ]
    result = cascade(graph(HEAT, links), {"canicule": 3.0})

    deaths = result["décès"]
    assert deaths.steps == 1  # the direct link arrives first
    assert deaths.undamped_intensity == pytest.approx(2.0 + 1.0)  # both chains add up
    assert deaths.intensity == pytest.approx(1.5)
    assert deaths.path_count == 2
    assert deaths.paths[0] == ("canicule", "population exposée", "personnes âgées isolées", "décès")
    assert result.links_not_followed == (("décès", "population exposée"),)
    assert result["population exposée"].intensity == 3.0


def test_a_capacity_hit_by_the_cascade_carries_it_instead_of_damping() -> None:
    nodes = {"sécheresse": K.HAZARD, "nappe": K.RESOURCE, "pertes agricoles": K.IMPACT}
    links = [("sécheresse", "nappe", -1, 2), ("nappe", "pertes agricoles", -1, 3)]
    result = cascade(graph(nodes, links), {"sécheresse": 3.0})

    assert result["nappe"].intensity == -2.0  # the groundwater is weakened
    losses = result["pertes agricoles"]
    assert losses.intensity == 2.0  # a weakened resource strengthens the losses
    assert not losses.dampened


def test_two_sources_and_a_link_into_a_source() -> None:
    nodes = {"chaleur": K.HAZARD, "sécheresse": K.HAZARD, "incendies": K.IMPACT}
    links = [("chaleur", "sécheresse", 1, 3), ("chaleur", "incendies", 1, 2)]
    links.append(("sécheresse", "incendies", 1, 3))
    result = cascade(graph(nodes, links), {"chaleur": 1.5, "sécheresse": 3.0})

    assert result["sécheresse"].intensity == 3.0  # a source keeps its given intensity
    assert result["incendies"].intensity == pytest.approx(1.0 + 3.0)
    assert result.links_not_followed == (("chaleur", "sécheresse"),)


def test_cascade_rejects_unknown_sources_and_zero_intensity() -> None:
    g = graph(HEAT, HEAT_LINKS)
    with pytest.raises(ValueError, match="inconnu"):
        cascade(g, {"inondation": 1.0})
    with pytest.raises(ValueError, match="non nul"):
        cascade(g, {"canicule": 0.0})


def test_two_cycle_is_reinforcing() -> None:
    g = graph({"a": K.IMPACT, "b": K.IMPACT}, [("a", "b", 1, 3), ("b", "a", 1, 2)])
    loops = feedback_loops(g).loops
    assert len(loops) == 1
    assert loops[0].nodes == ("a", "b")
    assert loops[0].nature is LoopNature.REINFORCING
    assert loops[0].gain == pytest.approx(2 / 3)


def test_triangle_with_one_negative_link_is_balancing() -> None:
    g = graph(
        {"a": K.IMPACT, "b": K.IMPACT, "c": K.IMPACT},
        [("b", "c", 1, 3), ("c", "a", -1, 3), ("a", "b", 1, 3)],
    )
    result = feedback_loops(g)
    assert [loop.nodes for loop in result.loops] == [("a", "b", "c")]
    assert result.loops[0].signs == (1, 1, -1)
    assert result.loops[0].nature is LoopNature.BALANCING
    assert result.loops[0].nature.label == "boucle d'équilibrage"
    assert not result.truncated


def test_two_negative_links_make_a_reinforcing_loop() -> None:
    g = graph(
        {"a": K.IMPACT, "b": K.IMPACT, "c": K.IMPACT},
        [("a", "b", -1, 1), ("b", "c", -1, 1), ("c", "a", 1, 1)],
    )
    assert feedback_loops(g).loops[0].nature is LoopNature.REINFORCING


def test_a_dag_has_no_loop() -> None:
    g = graph(HEAT, [*HEAT_LINKS, ("canicule", "décès", 1, 1)])
    assert feedback_loops(g).loops == ()


def test_loops_bounded_by_length_and_count() -> None:
    # The complete digraph on 4 nodes: 6 two-cycles, 8 three-cycles, 6 four-cycles.
    names = "abcd"
    links = [(u, v, 1, 1) for u in names for v in names if u != v]
    g = graph(dict.fromkeys(names, K.IMPACT), links)

    assert len(feedback_loops(g).loops) == 20
    short = feedback_loops(g, max_length=2)
    assert len(short.loops) == 6 and not short.truncated
    first = feedback_loops(g, limit=5)
    assert len(first.loops) == 5 and first.truncated
    assert [len(loop.nodes) for loop in feedback_loops(g).loops] == [2] * 6 + [3] * 8 + [4] * 6


def from_earliest(cycle: list[str], names: list[str]) -> tuple[str, ...]:
    start = cycle.index(min(cycle, key=names.index))
    return tuple(cycle[start:] + cycle[:start])


@pytest.mark.parametrize("seed", range(10))
def test_bounded_loops_match_networkx(seed: int) -> None:
    rng = random.Random(seed)
    names = [f"n{i}" for i in range(12)]
    pairs = {tuple(rng.sample(names, 2)) for _ in range(40)}
    g = graph(
        dict.fromkeys(names, K.IMPACT),
        [(u, v, rng.choice((1, -1)), rng.randint(1, 3)) for u, v in sorted(pairs)],
    )
    for max_length in (2, 3, 5, None):
        ours = {loop.nodes for loop in feedback_loops(g, max_length=max_length).loops}
        theirs = {
            from_earliest(cycle, names)
            for cycle in nx.simple_cycles(g.digraph, length_bound=max_length)
        }
        assert ours == theirs


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ([("canicule", "inconnu", 1, 1)], "nœud inconnu"),
        ([("canicule", "canicule", 1, 1)], "lui-même"),
        ([("canicule", "décès", 1, 4)], "poids 4"),
        ([("canicule", "décès", 0, 1)], "signe 0"),
        ([("canicule", "décès", 1, 1), ("canicule", "décès", -1, 2)], "deux fois"),
    ],
)
def test_invalid_graph(links: list[tuple[str, str, int, int]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        graph(HEAT, links)


def test_kinds_may_be_given_by_their_stored_value() -> None:
    g = ImpactGraph.build([Node("canicule", "alea"), Node("x", "impact")], [])
    assert g.kind("canicule") is K.HAZARD
    with pytest.raises(ValueError, match="nature « volcan » inconnue"):
        ImpactGraph.build([Node("v", "volcan")], [])


def test_matrix_from_graph_seeds_micmac() -> None:
    matrix = matrix_from_graph(graph(HEAT, HEAT_LINKS))

    assert matrix.names == tuple(HEAT)
    assert matrix.values.tolist() == [
        [0, 3, 0, 0, 0],
        [0, 0, 2, 0, 0],
        [0, 0, 0, 3, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 3, 0],  # the weakening link counts by its weight
    ]
    result = micmac(matrix.matrix(), matrix.names)
    assert result.acyclic
