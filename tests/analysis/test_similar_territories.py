"""Territories like ours: hand-worked examples and a literal re-implementation."""

from __future__ import annotations

import math
import random

import pytest

from ressort.analysis.similar_territories import Feature, Profile, similar

X, Y = Feature("x", "x"), Feature("y", "y")


def square() -> list[Profile]:
    # A (0, 0), B (2, 0), C (0, 4), D (2, 4): means (1, 2), population deviations (1, 2),
    # so the z-scores are the corners (±1, ±1).
    points = {"A": (0, 0), "B": (2, 0), "C": (0, 4), "D": (2, 4)}
    return [Profile(code, code, {"x": x, "y": y}) for code, (x, y) in points.items()]


def test_distances_by_hand() -> None:
    pool = square()
    result = similar(pool[0], pool, [X, Y])
    assert result.means == (1.0, 2.0) and result.deviations == (1.0, 2.0)
    assert result.ours == (-1.0, -1.0)
    # B and C differ by 2 standard deviations on one characteristic: sqrt(4 / 2); D on both:
    # sqrt(8 / 2) = 2. B and C tie and are ordered by code; A is not its own neighbour.
    assert [(n.code, round(n.distance, 6)) for n in result.neighbours] == [
        ("B", round(math.sqrt(2), 6)),
        ("C", round(math.sqrt(2), 6)),
        ("D", 2.0),
    ]
    assert result.neighbours[0].gaps == (2.0, 0.0)
    assert result.pool == 4 and result.left_out == 0
    # cut at one: the tie between B and C is still decided by code
    assert [n.code for n in similar(pool[0], pool, [X, Y], count=1).neighbours] == ["B"]
    assert [n.code for n in similar(pool[3], pool, [X, Y], count=1).neighbours] == ["B"]


def test_weights_change_the_order() -> None:
    pool = square()
    # y weighs 3: B sqrt(4·1 / 4) = 1, C sqrt(4·3 / 4) = sqrt 3, D sqrt(16 / 4) = 2.
    heavy_y = similar(pool[0], pool, [X, Feature("y", "y", weight=3)])
    assert [(n.code, round(n.distance, 6)) for n in heavy_y.neighbours] == [
        ("B", 1.0),
        ("C", round(math.sqrt(3), 6)),
        ("D", 2.0),
    ]
    heavy_x = similar(pool[0], pool, [Feature("x", "x", weight=3), Y])
    assert [n.code for n in heavy_x.neighbours] == ["C", "B", "D"]


def test_logarithm_and_percentiles() -> None:
    # log10(x + 1) of 9, 99, 999 is 1, 2, 3: 99 sits in the middle, 9 and 999 equally far.
    pool = [Profile(c, c, {"p": v}) for c, v in (("a", 9), ("b", 99), ("c", 999))]
    result = similar(pool[1], pool, [Feature("p", "population", log=True)])
    assert [n.code for n in result.neighbours] == ["a", "c"]
    assert result.neighbours[0].distance == pytest.approx(result.neighbours[1].distance)
    assert result.neighbours[0].distance == pytest.approx(1 / math.sqrt(2 / 3))
    assert result.our_percentiles == (50.0,)  # one below, itself counted half
    assert [n.percentiles for n in result.neighbours] == [(100 / 6,), (500 / 6,)]


def test_outsider_count_and_left_out() -> None:
    pool = [*square(), Profile("E", "E", {"x": 1, "y": None})]
    grouping = Profile("G", "regroupement", {"x": 0, "y": 0})
    result = similar(grouping, pool, [X, Y], count=2)
    assert [n.code for n in result.neighbours] == ["A", "B"]  # A itself is now a neighbour
    assert result.neighbours[0].distance == 0.0
    assert (result.pool, result.left_out) == (4, 1)


def test_matches_a_literal_computation() -> None:
    rng = random.Random(23)
    features = [Feature("p", "p", log=True), Feature("d", "d", log=True), Feature("s", "s")]
    pool = [
        Profile(
            f"{i:03d}",
            f"T{i}",
            {"p": rng.uniform(1e3, 1e6), "d": rng.uniform(5, 3000), "s": rng.random()},
        )
        for i in range(200)
    ]
    ours = pool[17]
    result = similar(ours, pool, features, count=10)

    columns = []
    for f in features:
        values = [math.log10(p.values[f.key] + 1) if f.log else p.values[f.key] for p in pool]
        mean = sum(values) / len(values)
        deviation = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        columns.append([(v - mean) / deviation for v in values])
    distances = [
        math.sqrt(sum((column[i] - column[17]) ** 2 for column in columns) / len(columns))
        for i in range(len(pool))
    ]
    expected = sorted((d, pool[i].code) for i, d in enumerate(distances) if i != 17)[:10]
    assert [n.code for n in result.neighbours] == [code for _, code in expected]
    assert [n.distance for n in result.neighbours] == pytest.approx([d for d, _ in expected])


def test_refusals_are_french() -> None:
    pool = square()
    with pytest.raises(ValueError, match="Caractéristique inconnue pour ce territoire : y"):
        similar(Profile("Z", "Z", {"x": 1}), pool, [X, Y])
    with pytest.raises(ValueError, match="Aucun territoire de comparaison"):
        similar(pool[0], [Profile("E", "E", {"x": 1})], [X, Y])
    with pytest.raises(ValueError, match="Aucune caractéristique"):
        similar(pool[0], pool, [])
