"""SVG drawings of actors: well-formed, titled, every actor and link drawn, labels escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ressort.analysis import actor_drawing as d

SVG = "{http://www.w3.org/2000/svg}"
KINDS = [d.EdgeStyle("Coopération", "#2e6b30"), d.EdgeStyle("Conflit", "#b3261e", "2 3")]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 — our own SVG
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


def test_network_draws_every_actor_and_link_grouped_by_category() -> None:
    nodes = [
        d.NetworkNode("1", "Commune <A>", 0),
        d.NetworkNode("2", "Association", 2),
        d.NetworkNode("3", "Entreprise", 1),
        d.NetworkNode("4", "Autre commune", 0),
    ]
    edges = [d.NetworkEdge("1", "2", 0), d.NetworkEdge("3", "1", 1), d.NetworkEdge("9", "1", 0)]
    root = parse(d.network_svg(nodes, edges, ["Collectivité", "Entreprise", "Association"], KINDS))
    assert len(root.findall(f".//{SVG}circle")) == 4 + 3  # nodes, then legend dots
    paths = root.findall(f".//{SVG}path")
    assert len(paths) == 2  # the link to an unknown actor is left out
    assert {p.get("stroke-dasharray") for p in paths} == {None, "2 3"}
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Commune <A>" in texts  # escaped in the source, intact once parsed
    assert {"Collectivité", "Entreprise", "Association", "Coopération", "Conflit"} <= set(texts)
    # Both actors of category 0 are next to each other on the circle.
    titles = [t.text for t in root.iter(f"{SVG}title")][1:]
    assert titles[:2] == ["Commune <A> — Collectivité", "Autre commune — Collectivité"]


def test_large_network_names_categories_instead_of_actors() -> None:
    nodes = [d.NetworkNode(str(i), f"acteur {i}", i % 3) for i in range(100)]
    root = parse(d.network_svg(nodes, [], ["A", "B", "C"], KINDS))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "acteur 5" not in texts
    assert {"A (34)", "B (33)", "C (33)"} <= set(texts)


def test_influence_dependence_map_quadrants() -> None:
    points = [
        d.ScatterPoint("dominant", 1, 9),
        d.ScatterPoint("relais", 9, 9),
        d.ScatterPoint("dominé", 9, 1),
        d.ScatterPoint("autonome", 1, 1),
    ]
    root = parse(d.influence_dependence_svg(points))
    fills = {
        g.find(f"{SVG}title").text.split(" :")[0]: g.find(f"{SVG}circle").get("fill")  # type: ignore[union-attr]
        for g in root.iter(f"{SVG}g")
        if g.find(f"{SVG}circle") is not None
    }
    assert len(set(fills.values())) == 4
    assert fills["dominant"] == "#b3261e"


def test_strength_in_thirds() -> None:
    assert [d.strength(v, 9) for v in (0, 1, 3, 3.5, 6, 6.1, 9)] == [0, 1, 1, 2, 2, 3, 3]
    assert d.strength(1, 0) == 0


def test_pair_graph_draws_non_zero_pairs_once() -> None:
    matrix = [[0, 3, 0], [3, 0, 1.5], [0, 1.5, 0]]
    root = parse(
        d.pair_graph_svg(["A", "B", "C"], matrix, colour="#000", ident="g", title="t", desc="d")
    )
    lines = root.findall(f".//{SVG}line")
    assert len(lines) == 2
    assert sorted(line.get("stroke-width") for line in lines) == ["3", "5"]  # type: ignore[type-var]
