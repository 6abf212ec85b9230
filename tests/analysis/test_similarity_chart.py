"""The « territoires comparables » chart: what it draws and what it says in words."""

from __future__ import annotations

import re

from ressort.analysis.similarity_chart import ordinal, profile_svg, rows_in_words


def test_words() -> None:
    sentences = rows_in_words(["Population", "Densité"], [62.4, 1.0], [[48, 10], [75.2, 10.3]])
    assert sentences == [
        "Population : notre territoire au 62e centile, les territoires comparables du 48e au 75e.",
        "Densité : notre territoire au 1er centile, les territoires comparables au 10e.",
    ]
    assert ordinal(0.2) == "0"


def test_drawing_places_each_marker_on_its_row() -> None:
    svg = profile_svg(["A <b>", "B"], [0, 100], [[50, 25]], title="Titre & co")
    assert "A &lt;b&gt;" in svg and "Titre &amp; co" in svg  # text is escaped
    assert 'role="img"' in svg and "<desc" in svg
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    # one dot a row: 50 % of the 388-unit track from x = 12, then 25 %
    assert [(float(x), float(y)) for x, y in circles] == [(206.0, 50.0), (109.0, 106.0)]
    diamonds = re.findall(r'<path d="M([\d.]+),', svg)
    assert [float(x) for x in diamonds] == [12.0, 400.0]
    assert profile_svg([], [], [], title="t") == ""
