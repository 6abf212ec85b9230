"""The timeline layout and drawing (pure)."""

from __future__ import annotations

import itertools
from datetime import date

from ressort.analysis import gantt


def test_span_pads_to_whole_months_and_ignores_undated_bars() -> None:
    groups = [
        gantt.Group("Axe 1", (gantt.Bar("A", date(2027, 3, 10), date(2027, 9, 2)),)),
        gantt.Group(
            "Axe 2", (gantt.Bar("B", None, None, marks=(gantt.Mark("J", date(2028, 2, 14)),)),)
        ),
        gantt.Group("Vide", (gantt.Bar("C", None, None),)),
    ]
    assert gantt.span(groups) == (date(2027, 3, 1), date(2028, 2, 29))
    assert gantt.span([gantt.Group("x", (gantt.Bar("C", None, None),))]) is None
    assert gantt.span(groups, today=date(2026, 12, 25)) == (date(2026, 12, 1), date(2028, 2, 29))


def test_ticks_by_month_quarter_or_year() -> None:
    months = gantt.ticks(date(2027, 1, 1), date(2027, 6, 30))
    assert [t.label for t in months] == [
        "janv. 27",
        "févr. 27",
        "mars 27",
        "avr. 27",
        "mai 27",
        "juin 27",
    ]
    quarters = gantt.ticks(date(2027, 2, 1), date(2029, 12, 31))
    assert quarters[0].label == "T1 2027" and quarters[1].label == "T2 2027"
    assert quarters[1].day == date(2027, 4, 1) and len(quarters) == 12
    years = gantt.ticks(date(2026, 6, 1), date(2031, 1, 31))
    assert [t.label for t in years] == ["2026", "2027", "2028", "2029", "2030", "2031"]


def test_scale_is_linear_in_days() -> None:
    scale = gantt.Scale(date(2027, 1, 1), date(2027, 12, 31), 100.0, 365.0)
    assert scale.x(date(2027, 1, 1)) == 100.0
    assert scale.x(date(2028, 1, 1)) == 465.0
    assert round(scale.x(date(2027, 7, 2)), 6) == 100.0 + 182


def test_drawing_has_title_bars_milestones_and_escapes_labels() -> None:
    groups = [
        gantt.Group(
            "Axe 1 — Eau",
            (
                gantt.Bar(
                    "Cuves <pluie> & jardins",
                    date(2027, 1, 1),
                    date(2027, 12, 31),
                    status="engagee",
                    late=True,
                    marks=(gantt.Mark("Marché", date(2027, 3, 1), done=True),),
                ),
                gantt.Bar("Sans fin", date(2027, 6, 1), None),
            ),
        )
    ]
    svg = gantt.draw(
        groups,
        title="Calendrier",
        description="2 actions",
        colours={"engagee": "#0b5c57"},
        today=date(2027, 6, 15),
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="gantt-title">Calendrier</title>' in svg
    assert "Cuves &lt;pluie&gt; &amp; jardins" in svg and "<pluie>" not in svg
    assert svg.count("<rect") == 1 and 'fill="#0b5c57"' in svg and 'stroke="#b3261e"' in svg
    assert svg.count("<circle") == 1 and svg.count("<path") == 1
    assert "aujourd'hui" in svg
    assert (
        gantt.draw([gantt.Group("x", (gantt.Bar("y", None, None),))], title="t", description="d")
        == ""
    )


def test_chunks_cut_long_plans_and_repeat_the_group_heading() -> None:
    bars = tuple(gantt.Bar(f"A{i}", date(2027, 1, 1), date(2027, 2, 1)) for i in range(7))
    groups = [gantt.Group("Axe 1", bars[:5]), gantt.Group("Axe 2", bars[5:])]
    pieces = gantt.chunks(groups, 4)
    assert [[(g.label, len(g.bars)) for g in piece] for piece in pieces] == [
        [("Axe 1", 3)],
        [("Axe 1", 2)],
        [("Axe 2", 2)],
    ]
    assert sum(1 + len(g.bars) for g in pieces[0]) <= 4
    assert [len(p) for p in gantt.chunks(groups, 40)] == [2]
    svg = gantt.draw(
        pieces[1],
        title="t",
        description="d",
        window=(date(2026, 1, 1), date(2028, 12, 31)),
        id_prefix="g2",
    )
    assert 'aria-labelledby="g2-title g2-desc"' in svg and ">T1 2026<" in svg


def test_legend_names_each_status_and_sign_without_overlap_within_the_width() -> None:
    legend = [
        ("Idée", "#8a9399"),
        ("Planifiée avec un libellé de statut vraiment très long pour déborder", "#3f6e8c"),
        ("Engagée", "#0b5c57"),
        ("Réalisée", "#3c7a3a"),
    ]
    bars = (gantt.Bar("Action", date(2026, 1, 1), date(2026, 6, 30), "engagee"),)
    svg = gantt.draw(
        [gantt.Group("Axe", bars)], title="t", description="d", legend=legend, width=600
    )
    for label, colour in legend:
        assert f">{label}</text>" in svg and f'fill="{colour}"' in svg
    for sign in ("en retard", "jalon à venir", "jalon atteint", "aujourd\u2019hui"):
        assert sign in svg
    boxes = gantt.legend_boxes(legend, 600, 100)
    assert len({y for *_, y, _ in boxes}) > 1  # wrapped onto a second line
    for i, (_, _, x, y, w) in enumerate(boxes):
        assert x >= 0 and x + w <= 600
        for _, _, x2, y2, w2 in boxes[i + 1 :]:
            assert y != y2 or x + w <= x2 or x2 + w2 <= x  # no two entries overlap
    # The drawing is tall enough for its legend.
    height = float(svg.split('viewBox="0 0 600 ')[1].split('"')[0])
    assert height >= max(y for *_, y, _ in boxes) + 4
    assert "Légende" not in gantt.draw([gantt.Group("Axe", bars)], title="t", description="d")


LONG_AXES = {
    "Axe 1 — Sécuriser la ressource en eau potable et l’assainissement des communes rurales": [
        "Installer des cuves de récupération des eaux de pluie dans toutes les écoles, les "
        "gymnases et les équipements sportifs de l’agglomération",
        "Cartographier les fuites du réseau d’eau potable et programmer leur réparation",
        "Court",
        "Désimperméabiliser-et-végétaliser-les-cours-d’écoles-de-Bourgoin-Jallieu-et-de-"
        "Villefontaine",  # one word wider than the column: broken, never cut
    ],
    "Axe 2 — Nourrir le territoire": [
        "Créer une légumerie intercommunale pour approvisionner la restauration collective "
        "en produits locaux, de saison et issus de l’agriculture biologique",
    ],
}


def long_groups() -> list[gantt.Group]:
    return [
        gantt.Group(
            axis,
            tuple(
                gantt.Bar(label, date(2027, 1 + n, 1), date(2028, 6, 30))
                for n, label in enumerate(labels)
            ),
        )
        for axis, labels in LONG_AXES.items()
    ]


def test_long_french_labels_are_never_cut_and_never_overlap() -> None:
    import re
    from html import unescape

    groups = long_groups()
    column = gantt.label_column(groups)
    assert 280 < column <= 960 * gantt.MAX_LABEL_SHARE  # widened, within its share
    rows = gantt.rows_of(groups, column=column)
    assert [r.label for r in rows] == [
        text for axis, labels in LONG_AXES.items() for text in (axis, *labels)
    ]
    for row in rows:
        joined = " ".join(row.lines)
        if " " in row.label:
            assert joined == row.label  # every word, in order: nothing cut
        else:
            assert "".join(row.lines) == row.label  # a word broken, all its letters kept
        assert "…" not in joined
        # Two lines at most, unless the column is as wide as it may be (the légumerie).
        assert len(row.lines) <= 2 or column == 960 * gantt.MAX_LABEL_SHARE
        # The text's box lies in its row and in the label column, left of the bars.
        assert row.top <= row.box.y0 and row.box.y1 <= row.top + row.height
        assert row.box.x1 <= column - gantt.LABEL_GAP + 0.01
    for a, b in itertools.pairwise(rows):
        assert a.top + a.height <= b.top
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            assert not a.box.overlaps(b.box), (a.label, b.label)
    assert any(len(row.lines) == 2 for row in rows)  # some labels do wrap
    assert max(len(row.lines) for row in rows) == 3  # the longest takes a third line
    # The drawing writes those lines: each label's text, whole, in its <text>.
    svg = gantt.draw(groups, title="Calendrier", description="d")
    texts = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    shown = [unescape(re.sub(r"<title>.*?</title>|<[^>]+>", " ", t)).split() for t in texts]
    for row in rows:
        assert any(words == " ".join(row.lines).split() for words in shown), row.label
    # The time scale begins after the label column: no bar under a label.
    first_bar = min(float(x) for x in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width', svg))
    assert first_bar >= column


def test_the_pages_of_one_plan_share_the_label_column() -> None:
    groups = long_groups()
    column = gantt.label_column(groups)
    short = [gantt.Group("Axe 3", (gantt.Bar("Haies", date(2027, 1, 1), date(2027, 3, 1)),))]
    assert gantt.label_column(short) == 280
    assert gantt.label_column(short, minimum=round(column)) == column
