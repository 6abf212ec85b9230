"""Morphological box: counts and lists checked against brute force over the full product."""

from __future__ import annotations

import itertools
import random

import pytest

from ressort.analysis.morphology import (
    MorphologicalBox,
    count_combinations,
    enumerate_combinations,
    iter_combinations,
)

COMPONENTS = {
    "climat": ["+2 °C", "+2,7 °C", "+4 °C"],
    "eau": ["abondante", "tendue", "rare"],
    "économie": ["industrielle", "résidentielle", "agricole", "touristique"],
    "gouvernance": ["centralisée", "coopérative"],
}
EXCLUSIONS = [
    (("climat", "+4 °C"), ("eau", "abondante")),
    (("climat", "+2 °C"), ("eau", "rare")),
    (("eau", "rare"), ("économie", "agricole")),
    (("eau", "rare"), ("économie", "industrielle")),
    (("économie", "touristique"), ("gouvernance", "centralisée")),
]


def brute_force(
    components: dict[str, list[str]], exclusions: list[tuple[tuple[str, str], tuple[str, str]]]
) -> list[tuple[int, ...]]:
    names = list(components)
    consistent = []
    for combination in itertools.product(*(range(len(h)) for h in components.values())):
        chosen = {(names[i], components[names[i]][a]) for i, a in enumerate(combination)}
        if not any(x in chosen and y in chosen for x, y in exclusions):
            consistent.append(combination)
    return consistent


def test_small_box_with_exclusions() -> None:
    box = MorphologicalBox.build(COMPONENTS, EXCLUSIONS)
    expected = brute_force(COMPONENTS, EXCLUSIONS)

    # By hand: climat × eau leaves 9 − 2 = 7 pairs; with eau « rare » (2 of them: +2,7 and
    # +4 °C) only 2 economies remain, else 4; economies × gouvernance: touristique goes with
    # coopérative only. Pairs (climat, eau) not rare: 5, each × (3 × 2 + 1) = 7 → 35;
    # rare: 2, each × (résidentielle × 2 + touristique × 1) = 3 → 6. Total 41.
    assert len(expected) == 41
    assert count_combinations(box) == 41
    assert list(iter_combinations(box)) == expected
    result = enumerate_combinations(box, limit=None)
    assert (result.count, result.size, result.excluded) == (41, 72, 31)
    assert not result.truncated
    assert box.describe(result.combinations[0]) == (
        "+2 °C",
        "abondante",
        "industrielle",
        "centralisée",
    )


def test_listing_limit_and_count_only() -> None:
    box = MorphologicalBox.build(COMPONENTS, EXCLUSIONS)
    first = enumerate_combinations(box, limit=10)
    assert first.count == 41 and first.truncated
    assert list(first.combinations) == brute_force(COMPONENTS, EXCLUSIONS)[:10]
    count_only = enumerate_combinations(box, limit=0)
    assert (count_only.count, count_only.combinations) == (41, ())


def test_exclusions_that_leave_nothing() -> None:
    components = {"a": ["1", "2"], "b": ["1", "2"]}
    exclusions = [(("a", x), ("b", y)) for x in "12" for y in "12"]
    box = MorphologicalBox.build(components, exclusions)
    assert count_combinations(box) == 0
    assert list(iter_combinations(box)) == []


@pytest.mark.parametrize("seed", range(40))
def test_random_boxes_match_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    components = {f"c{i}": [f"h{a}" for a in range(rng.randint(2, 5))] for i in range(6)}
    names = list(components)
    exclusions = []
    for _ in range(rng.randint(0, 15)):
        i, j = rng.sample(names, 2)
        exclusions.append(((i, rng.choice(components[i])), (j, rng.choice(components[j]))))
    box = MorphologicalBox.build(components, exclusions)
    expected = brute_force(components, exclusions)
    assert count_combinations(box) == len(expected)
    assert list(iter_combinations(box)) == expected


def test_a_big_box_is_counted_without_listing() -> None:
    components = {f"c{i}": [f"h{a}" for a in range(5)] for i in range(20)}  # 5^20 ≈ 9.5e13
    exclusions = [((f"c{i}", "h0"), (f"c{i + 1}", "h0")) for i in range(19)]
    # No two consecutive h0: a transfer count over (last is h0, last is not).
    h0, other = 1, 4
    for _ in range(19):
        h0, other = other, 4 * (h0 + other)
    assert count_combinations(MorphologicalBox.build(components, exclusions)) == h0 + other


@pytest.mark.parametrize(
    ("components", "exclusions", "message"),
    [
        ({"a": ["seule"]}, [], "1 hypothèses"),
        ({"a": list("123456")}, [], "6 hypothèses"),
        ({}, [], "aucune composante"),
        ({"a": ["1", "1"]}, [], "en double"),
        ({"a": ["1", "2"], "b": ["1", "2"]}, [(("a", "1"), ("b", "3"))], "inconnue"),
        ({"a": ["1", "2"], "b": ["1", "2"]}, [(("a", "1"), ("a", "2"))], "même composante"),
    ],
)
def test_invalid_box(
    components: dict[str, list[str]],
    exclusions: list[tuple[tuple[str, str], tuple[str, str]]],
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        MorphologicalBox.build(components, exclusions)
