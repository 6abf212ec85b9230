"""The perimeter's map in the portrait document: drawn from the shipped contours (no
network), each commune named in its path, the outline over them, a scale bar in km, and a
text alternative."""

from __future__ import annotations

import json
import re

from ressort.analysis import geo


def square(lon: float, lat: float, size: float = 0.1) -> str:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def test_map_names_each_commune_keeps_proportions_and_has_a_scale() -> None:
    svg = geo.perimeter_svg(
        [("Sérézin", square(5.0, 45.5)), ("Succieu", square(5.1, 45.5)), ("Vide", "")],
        title="Carte du périmètre",
        description="Deux communes côte à côte.",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<desc id="carte-desc">Deux communes côte à côte.</desc>' in svg
    assert svg.count("<title>Sérézin</title>") == 1 and "<title>Succieu</title>" in svg
    width, height = (float(v) for v in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    # Two squares of 0.1° side by side at 45.5° N: twice as wide as high once longitudes
    # are shortened by cos(45.5°) ≈ 0.70 (the map is 580 × 203 plus margins and scale bar).
    drawn_height = height - 20 - 30
    assert abs((width - 20) / drawn_height - 2 * 0.70) < 0.03
    km = int(re.search(r">(\d+) km</text>", svg).group(1))
    assert km in (1, 2, 5, 10, 20)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_no_contour_no_map() -> None:
    assert geo.perimeter_svg([("A", "")], title="t", description="d") == ""
