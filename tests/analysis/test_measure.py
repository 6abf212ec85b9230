"""Measures in the official projection: Lambert-93's origin (IGN's worked example), a
square kilometre drawn in Lambert-93 measured back, the overseas projections."""

from __future__ import annotations

import pytest
from pyproj import Geod, Transformer

from ressort.analysis.measure import Shape, measure, project, projection_for


def test_lambert_93_origin_is_the_published_one() -> None:
    # IGN: the projection's origin 3° E, 46° 30' N is at (700 000 m, 6 600 000 m).
    [(x, y)] = project([(3.0, 46.5)], 2154)
    assert x == pytest.approx(700_000, abs=0.01)
    assert y == pytest.approx(6_600_000, abs=0.01)


def test_a_square_kilometre_in_lambert_93() -> None:
    back = Transformer.from_crs(2154, 4326, always_xy=True)
    corners = [
        (870_000, 6_510_000),
        (871_000, 6_510_000),
        (871_000, 6_511_000),
        (870_000, 6_511_000),
    ]
    ring = [back.transform(x, y) for x, y in corners]
    result = measure(Shape.AREA, ring)
    assert result.epsg == 2154
    assert result.area_m2 == pytest.approx(1_000_000, rel=1e-6)
    assert result.length_m == pytest.approx(4_000, rel=1e-6)
    # The ellipsoid's own area differs by Lambert-93's scale factor only (well under 1 %).
    geodesic, _ = Geod(ellps="GRS80").polygon_area_perimeter(
        [p[0] for p in ring], [p[1] for p in ring]
    )
    assert abs(geodesic) == pytest.approx(result.area_m2, rel=0.01)


def test_a_line_length() -> None:
    result = measure(Shape.LINE, [(5.27, 45.58), (5.28, 45.58)])
    geodesic = Geod(ellps="GRS80").line_length([5.27, 5.28], [45.58, 45.58])
    assert result.length_m == pytest.approx(geodesic, rel=0.002)
    assert result.area_m2 == 0


@pytest.mark.parametrize(
    ("lon", "lat", "epsg"),
    [
        (5.27, 45.58, 2154),  # Isère
        (9.15, 42.15, 2154),  # Corse
        (-61.55, 16.25, 5490),  # Guadeloupe
        (-61.0, 14.6, 5490),  # Martinique
        (-52.33, 4.93, 2972),  # Cayenne
        (55.45, -20.88, 2975),  # Saint-Denis de La Réunion
        (45.23, -12.78, 4471),  # Mamoudzou
        (-56.17, 46.78, 4467),  # Saint-Pierre
        (13.4, 52.5, 32633),  # Berlin: WGS 84 UTM 33 N
    ],
)
def test_projection_by_place(lon: float, lat: float, epsg: int) -> None:
    assert projection_for(lon, lat)[0] == epsg


def test_bad_shapes_are_refused_in_french() -> None:
    with pytest.raises(ValueError, match="au moins 3 point"):
        measure(Shape.AREA, [(5.0, 45.0), (5.1, 45.0)])
    with pytest.raises(ValueError, match="se recoupe"):
        measure(Shape.AREA, [(5.0, 45.0), (5.1, 45.1), (5.1, 45.0), (5.0, 45.1)])
    with pytest.raises(ValueError, match="hors des coordonnées"):
        measure(Shape.POINT, [(500.0, 45.0)])
