"""An impact chain laid out by stage (ressort.analysis.chain_layout)."""

from __future__ import annotations

import random

from ressort.analysis.chain_layout import (
    FONT_SIZE,
    LABEL_WIDTH,
    NODE_SIZE,
    STAGES,
    crossings,
    label_height,
    stage_layout,
)
from ressort.analysis.labels import text_width

KINDS = [
    "alea",
    "facteur",
    "exposition",
    "sensibilite",
    "impact",
    "capacite_adaptation",
    "ressource",
]


def test_columns_follow_the_stages() -> None:
    nodes = [
        (1, "impact", "Surmortalité"),
        (2, "alea", "Canicule"),
        (3, "sensibilite", "Personnes âgées isolées"),
        (4, "exposition", "Îlots de chaleur urbains"),
        (5, "ressource", "Parcs ombragés"),
        (6, "facteur", "Artificialisation"),
    ]
    layout = stage_layout(nodes, [(2, 4), (4, 3), (3, 1), (5, 4), (6, 4)])
    x = {node: layout.positions[node][0] for node, _, _ in nodes}
    assert x[2] == x[6] < x[4] < x[3] < x[1] < x[5]
    assert [c.title for c in layout.columns] == [title for title, _ in STAGES]
    assert (
        layout.positions == stage_layout(nodes, [(2, 4), (4, 3), (3, 1), (5, 4), (6, 4)]).positions
    )


def test_missing_stages_leave_no_empty_column() -> None:
    layout = stage_layout([(1, "alea", "Crue"), (2, "impact", "Routes coupées")], [(1, 2)])
    assert [c.title for c in layout.columns] == ["Aléas et facteurs", "Impacts"]


def test_labels_never_overlap_within_or_across_columns() -> None:
    rng = random.Random(5)
    words = [
        "eau",
        "chaleur",
        "sécheresse",
        "agriculture",
        "santé",
        "logement",
        "forêt",
        "mobilité",
        "tourisme",
    ]
    nodes = [
        (i, rng.choice(KINDS), " ".join(rng.choice(words) for _ in range(rng.randint(1, 9))))
        for i in range(40)
    ]
    links = [(rng.randrange(40), rng.randrange(40)) for _ in range(60)]
    layout = stage_layout(nodes, links)
    boxes = []
    for node, _, label in nodes:
        x, y = layout.positions[node]
        width = max(NODE_SIZE, min(LABEL_WIDTH, text_width(label, FONT_SIZE)))
        top, bottom = y - NODE_SIZE / 2, y + NODE_SIZE / 2 + 4 + label_height(label)
        boxes.append((x - width / 2, top, x + width / 2, bottom))
        assert bottom <= layout.height and x + width / 2 <= layout.width
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_ordering_within_columns_removes_crossings() -> None:
    # two parallel chains given in crossed order: the sweeps uncross them
    nodes = [
        (1, "alea", "A1"),
        (2, "alea", "A2"),
        (3, "exposition", "E2"),
        (4, "exposition", "E1"),
        (5, "impact", "I1"),
        (6, "impact", "I2"),
    ]
    links = [(1, 4), (2, 3), (4, 5), (3, 6)]
    naive = {1: (0, 0), 2: (0, 1), 3: (1, 0), 4: (1, 1), 5: (2, 0), 6: (2, 1)}
    assert crossings(naive, links) == 2
    assert crossings(stage_layout(nodes, links).positions, links) == 0
