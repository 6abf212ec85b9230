"""Label placement (ressort.analysis.labels): no two labels overlap, none crosses an axis,
every label stays in the drawing (or in the rows under it), and the result is stable."""

from __future__ import annotations

import random

import pytest

from ressort.analysis.labels import (
    Box,
    Item,
    Segment,
    overlapping_pairs,
    place_labels,
    text_width,
    wrap,
)

BOUNDS = Box(56, 0, 558, 392)
AXES = [Segment(56, 24, 56, 392), Segment(56, 392, 544, 392)]
WORDS = [
    "artificialisation",
    "des",
    "sols",
    "agricoles",
    "périurbains",
    "ressource",
    "en",
    "eau",
    "potable",
    "cohésion",
    "sociale",
    "logement",
    "abordable",
    "mobilité",
    "quotidienne",
    "économie",
    "résidentielle",
    "tourisme",
    "vieillissement",
    "de",
    "la",
    "population",
    "énergie",
    "renouvelable",
    "biodiversité",
    "forestière",
    "coopération",
    "intercommunale",
    "attractivité",
    "résidentielle",
    "précarité",
    "énergétique",
]


def french_label(rng: random.Random, longest: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, longest))).capitalize()


def check(items: list[Item], fixed: list[Box] = [], overflow_y: float | None = None) -> None:  # noqa: B006
    layout = place_labels(items, bounds=BOUNDS, axes=AXES, fixed=fixed, overflow_y=overflow_y)
    assert len(layout.labels) == len(items)
    boxes = layout.boxes()
    assert overlapping_pairs(boxes + fixed) == []
    for placed, item in zip(layout.labels, items, strict=True):
        assert placed.item is item
        assert placed.box.width == pytest.approx(text_width(item.text, placed.font_size))
        assert not any(axis.crosses(placed.box) for axis in AXES), item.text
        if placed.below:
            assert placed.leader and placed.box.y0 >= (overflow_y or BOUNDS.y1)
            assert placed.box.y1 <= layout.height
        else:
            assert placed.box.inside(BOUNDS)
        # a point's own marker is never under a label
        marker = Box(
            item.x - item.radius, item.y - item.radius, item.x + item.radius, item.y + item.radius
        )
        assert not any(b.overlaps(marker) for b in boxes)
        if not placed.leader:
            assert placed.box.distance(item.x, item.y) <= item.radius + 4
    # the same input gives the same drawing
    again = place_labels(items, bounds=BOUNDS, axes=AXES, fixed=fixed, overflow_y=overflow_y)
    assert again == layout


def test_width_estimate_is_deterministic_and_grows_with_text() -> None:
    assert text_width("Eau", 13) == text_width("Eau", 13)
    assert text_width("Eau", 13) < text_width("Eaux", 13) < text_width("Eaux", 14)
    assert text_width("é", 10) == text_width("e", 10)
    assert text_width("W", 10) > text_width("i", 10)
    assert text_width("漢", 10) >= text_width("W", 10)  # unknown signs are never narrow
    # a little generous: Arial's own width of "Artificialisation" at 13 px is 83.1 px
    assert 83.1 < text_width("Artificialisation", 13) <= 83.1 * 1.1


def test_labels_beside_free_points_have_no_leader() -> None:
    items = [Item("Eau", 150, 100), Item("Logement", 400, 300), Item("Emploi", 300, 60)]
    layout = place_labels(items, bounds=BOUNDS, axes=AXES)
    assert not any(p.leader for p in layout.labels)
    check(items)


def test_colliding_pairs_of_the_reported_maps_are_separated() -> None:
    # Eau / Artificialisation and Cohésion / Logement stood almost on each other
    items = [
        Item("Eau", 300, 200),
        Item("Artificialisation", 303, 202),
        Item("Cohésion", 420, 120),
        Item("Logement", 421, 121),
        Item("Sur l'axe", 58, 380),  # a point on the axes' corner
        Item("Tout en haut à droite", 540, 26),
    ]
    check(items)


def test_a_cluster_of_points_at_one_spot() -> None:
    rng = random.Random(1)
    check([Item(french_label(rng, 3), 200, 200) for _ in range(15)])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("count", [8, 15, 30, 60])
def test_random_long_french_labels_never_overlap(seed: int, count: int) -> None:
    rng = random.Random(seed * 100 + count)
    items = [
        Item(french_label(rng), rng.uniform(56, 544), rng.uniform(24, 392)) for _ in range(count)
    ]
    fixed = [Box(62, 26, 170, 41), Box(440, 26, 538, 41)]  # titles already drawn
    check(items, fixed=fixed, overflow_y=440)


def test_preferred_side() -> None:
    item = Item("Dehors", 300, 200, angle=3.14159)  # to the left
    layout = place_labels([item], bounds=BOUNDS, axes=AXES)
    assert layout.labels[0].box.x1 <= item.x


def test_segment_crossing() -> None:
    axis = Segment(56, 24, 56, 392)
    assert axis.crosses(Box(50, 100, 60, 110))
    assert not axis.crosses(Box(60, 100, 80, 110))
    assert axis.crosses(Box(57, 100, 80, 110), gap=2)
    assert not Segment(0, 0, 10, 10).crosses(Box(0, 8, 1, 9))


def test_long_labels_wrap_and_never_overlap() -> None:
    rng = random.Random(7)
    items = [
        Item(french_label(rng, 8), rng.uniform(56, 544), rng.uniform(24, 392)) for _ in range(25)
    ]
    layout = place_labels(items, bounds=BOUNDS, axes=AXES, max_width=150, overflow_y=440)
    assert overlapping_pairs(layout.boxes()) == []
    for placed in layout.labels:
        assert " ".join(placed.lines).replace("…", "") in placed.item.text or any(
            line.endswith("…") for line in placed.lines
        )
        assert all(text_width(line, 13) <= 150 for line in placed.lines)
        assert placed.box.width <= 150
        assert placed.box.height == pytest.approx(len(placed.lines) * 13 * 1.25)
        assert not any(axis.crosses(placed.box) for axis in AXES)
    assert max(len(p.lines) for p in layout.labels) > 1
    assert wrap("Anticonstitutionnellement", 13, 60)[0].endswith("…")
