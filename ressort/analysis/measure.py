"""Lengths and areas of shapes drawn on a map, measured in the right projection.

A shape drawn on a web map is in WGS 84 longitudes and latitudes; measuring it in Web
Mercator would overstate an area by 1/cos²(latitude) (twice as large at 45° N). French
practice measures in the official projected system of each territory, set by the décret
n° 2000-1276 du 26 décembre 2000 (modified 2006, 2019) on the « système national de
référence de coordonnées »: Lambert-93 (RGF93, EPSG:2154) for the mainland and Corsica;
UTM zones on the local geodetic systems overseas: RGAF09 UTM 20 N for Guadeloupe and
Martinique (EPSG:5490), RGFG95 UTM 22 N for Guyane (EPSG:2972), RGR92 UTM 40 S for La Réunion
(EPSG:2975), RGM04 UTM 38 S for Mayotte (EPSG:4471), RGSPM06 UTM 21 N for
Saint-Pierre-et-Miquelon (EPSG:4467). Elsewhere, the WGS 84 UTM zone of the shape.

Lambert-93's worked example (IGN, « Projection conique conforme de Lambert », NT/G 71): its
origin, 3° E, 46° 30' N, is at E = 700 000 m, N = 6 600 000 m (tests/analysis/test_measure.py).
The projection itself is PROJ's (pyproj), not ours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from pyproj import Transformer
from shapely.geometry import LineString, Polygon

from ressort.analysis.typography import agree, plural

LAMBERT_93 = 2154

# (EPSG, name, west, south, east, north): the first box that holds the shape's centre wins.
ZONES: tuple[tuple[int, str, float, float, float, float], ...] = (
    (LAMBERT_93, "Lambert-93 (RGF93)", -5.5, 41.0, 10.0, 51.5),
    (5490, "RGAF09 / UTM 20 N (Antilles)", -63.5, 14.0, -60.5, 18.5),
    (2972, "RGFG95 / UTM 22 N (Guyane)", -54.7, 2.0, -51.0, 6.0),
    (2975, "RGR92 / UTM 40 S (La Réunion)", 55.0, -21.5, 56.0, -20.7),
    (4471, "RGM04 / UTM 38 S (Mayotte)", 44.8, -13.2, 45.5, -12.4),
    (4467, "RGSPM06 / UTM 21 N (Saint-Pierre-et-Miquelon)", -56.6, 46.6, -56.0, 47.2),
)


class Shape(StrEnum):
    POINT = "point"
    LINE = "ligne"
    AREA = "surface"


@dataclass(frozen=True, slots=True)
class Measure:
    shape: Shape
    epsg: int
    projection: str
    length_m: float  # the line's length, or the area's perimeter; 0 for a point
    area_m2: float  # 0 unless an area


def projection_for(lon: float, lat: float) -> tuple[int, str]:
    """The official projection (EPSG code, name) for a place in WGS 84."""
    for epsg, name, west, south, east, north in ZONES:
        if west <= lon <= east and south <= lat <= north:
            return epsg, name
    zone = min(60, max(1, int((lon + 180) // 6) + 1))
    hemisphere = "N" if lat >= 0 else "S"
    return (32600 if lat >= 0 else 32700) + zone, f"WGS 84 / UTM {zone} {hemisphere}"


@lru_cache(maxsize=16)
def _to(epsg: int) -> Transformer:
    return Transformer.from_crs(4326, epsg, always_xy=True)


def project(points: Sequence[tuple[float, float]], epsg: int) -> list[tuple[float, float]]:
    """(lon, lat) points into the projection's (x, y) metres."""
    xs, ys = _to(epsg).transform([p[0] for p in points], [p[1] for p in points])
    return list(zip((float(x) for x in xs), (float(y) for y in ys), strict=True))


def _check(points: Sequence[tuple[float, float]]) -> None:
    for i, (lon, lat) in enumerate(points, start=1):
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValueError(f"Point n° {i} hors des coordonnées possibles ({lon}, {lat}).")


def measure(shape: Shape, points: Sequence[tuple[float, float]]) -> Measure:
    """Length and area of a point, line (open) or area (ring, closed or not) in (lon, lat)."""
    minimum = {Shape.POINT: 1, Shape.LINE: 2, Shape.AREA: 3}[shape]
    if len(points) < minimum:
        raise ValueError(
            f"Une forme « {shape.value} » demande au moins {plural(minimum, 'point')} ; "
            f"{len(points)} {agree(len(points), 'reçu')}."
        )
    _check(points)
    lon = sum(p[0] for p in points) / len(points)
    lat = sum(p[1] for p in points) / len(points)
    epsg, name = projection_for(lon, lat)
    if shape is Shape.POINT:
        return Measure(shape, epsg, name, 0.0, 0.0)
    xy = project(points, epsg)
    if shape is Shape.LINE:
        return Measure(shape, epsg, name, float(LineString(xy).length), 0.0)
    ring = Polygon(xy)
    if not ring.is_valid:
        raise ValueError("La surface se recoupe elle-même : redessinez-la sans croiser ses bords.")
    return Measure(shape, epsg, name, float(ring.exterior.length), float(ring.area))
