"""Photo-interpretation: annotations measured in the official projection, the team's own
georeferenced images (world file, GeoTIFF), French refusals, rights (outsider 404)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pyproj import Transformer

from ressort.aerial import georef
from ressort.aerial.models import Annotation, GeoImage
from ressort.basemaps import read_aerial_layers

pytestmark = pytest.mark.django_db

TO_WGS84 = Transformer.from_crs(2154, 4326, always_xy=True)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def hectare_square() -> str:
    corners = [
        (870_000, 6_510_000),
        (870_100, 6_510_000),
        (870_100, 6_510_100),
        (870_000, 6_510_100),
    ]
    ring = [list(TO_WGS84.transform(x, y)) for x, y in corners]
    return json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})


def test_an_area_is_measured_in_lambert_93(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    answer = client.post(
        reverse("aerial:annotation_create", args=[approach.slug]),
        {
            "title": "Lotissement en zone inondable",
            "then_period": "1950–1965",
            "now_period": "2023",
            "geometry_text": hectare_square(),
            "dimensions": ["water"],
        },
    )
    assert answer.status_code == 302
    annotation = Annotation.objects.get(approach=approach)
    assert annotation.shape == "surface"
    assert annotation.epsg == 2154
    assert annotation.area_m2 == pytest.approx(10_000, rel=1e-4)
    assert annotation.length_m == pytest.approx(400, rel=1e-4)
    page = client.get(reverse("aerial:map", args=[approach.slug])).content.decode()
    assert "1\u00a0ha (10\u202f000\u00a0m²), périmètre 400\u00a0m" in page
    assert "Lambert-93" in page
    geojson = client.get(reverse("aerial:geojson", args=[approach.slug])).json()
    assert geojson["features"][0]["properties"]["area_m2"] == pytest.approx(10_000, rel=1e-4)


def test_a_malformed_geometry_is_refused_in_french(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    url = reverse("aerial:annotation_create", args=[approach.slug])
    bad = client.post(url, {"title": "Haie", "geometry_text": '{"type": "Polygon", '})
    assert bad.status_code == 400
    assert "GeoJSON lisible (ligne 1, colonne" in bad.content.decode()
    short = client.post(
        url,
        {"title": "Haie", "geometry_text": '{"type": "LineString", "coordinates": [[5, 45]]}'},
    )
    assert "au moins 2 point" in short.content.decode()
    assert not Annotation.objects.exists()


def test_rights(approach: Any, personas: Any) -> None:
    data = {"title": "Haie", "geometry_text": '{"type": "Point", "coordinates": [5.27, 45.58]}'}
    url = reverse("aerial:annotation_create", args=[approach.slug])
    assert client_for(personas["outsider"]).post(url, data).status_code == 404
    assert client_for(personas["partenaire"]).post(url, data).status_code == 403
    assert (
        client_for(personas["outsider"])
        .get(reverse("aerial:map", args=[approach.slug]))
        .status_code
        == 404
    )
    assert not Annotation.objects.exists()
    mine = Annotation.objects.create(
        approach=personas["other_approach"],
        shape="point",
        title="Ailleurs",
        geometry={"type": "Point", "coordinates": [5, 45]},
    )
    edit = reverse("aerial:annotation_edit", args=[approach.slug, mine.pk])
    assert client_for(personas["equipe"]).get(edit).status_code == 404


def png(size: tuple[int, int] = (200, 100)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 140, 60)).save(out, format="PNG")
    return out.getvalue()


def test_an_image_with_its_world_file(approach: Any, personas: Any) -> None:
    client = client_for(personas["equipe"])
    world = "2.0\n0\n0\n-2.0\n870001.0\n6510199.0\n"  # 2 m pixels, top-left corner 870000/6510200
    answer = client.post(
        reverse("aerial:image_add", args=[approach.slug]),
        {
            "title": "Photo aérienne de 1978",
            "period": "1978",
            "upload": SimpleUploadedFile("vue.png", png(), "image/png"),
            "world_file": SimpleUploadedFile("vue.pgw", world.encode(), "text/plain"),
            "crs": "2154",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    image = GeoImage.objects.get(approach=approach)
    west, north = TO_WGS84.transform(870_000, 6_510_200)
    east, south = TO_WGS84.transform(870_400, 6_510_000)
    assert image.west == pytest.approx(west, abs=1e-4)
    assert image.north == pytest.approx(north, abs=1e-4)
    assert image.east == pytest.approx(east, abs=1e-4)
    assert image.south == pytest.approx(south, abs=1e-4)
    served = client.get(image.get_absolute_url())
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")  # read to the end: closed
    assert client_for(personas["outsider"]).get(image.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("world", "message"),
    [
        ("2.0\n0\n0\n-2.0\n870001.0\n", "6 lignes"),
        ("2.0\n0\n0\n-2,0x\n870001.0\n6510199.0\n", "ligne 4"),
        ("2.0\n0.1\n0\n-2.0\n870001.0\n6510199.0\n", "tournée"),
    ],
)
def test_a_bad_world_file_is_refused_by_line(
    approach: Any, personas: Any, world: str, message: str
) -> None:
    answer = client_for(personas["equipe"]).post(
        reverse("aerial:image_add", args=[approach.slug]),
        {
            "title": "Vue",
            "upload": SimpleUploadedFile("vue.png", png(), "image/png"),
            "world_file": SimpleUploadedFile("vue.pgw", world.encode(), "text/plain"),
            "crs": "2154",
        },
    )
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not GeoImage.objects.exists()


def test_a_geotiff_places_itself() -> None:
    image = Image.new("RGB", (100, 50), (10, 20, 30))
    out = io.BytesIO()
    tags = {
        33550: (10.0, 10.0, 0.0),
        33922: (0.0, 0.0, 0.0, 870_000.0, 6_510_500.0, 0.0),
        34735: (1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 2154),
    }
    image.save(out, format="TIFF", tiffinfo=tags)
    placed = georef.place(out.getvalue(), None, None)
    assert placed.epsg == 2154
    # The bounds hold the four corners (Lambert-93's grid is not aligned on meridians).
    corners = [TO_WGS84.transform(x, y) for x in (870_000, 871_000) for y in (6_510_000, 6_510_500)]
    west, east = min(c[0] for c in corners), max(c[0] for c in corners)
    south, north = min(c[1] for c in corners), max(c[1] for c in corners)
    assert (placed.west, placed.north) == pytest.approx((west, north), abs=1e-5)
    assert (placed.east, placed.south) == pytest.approx((east, south), abs=1e-5)
    assert placed.png.startswith(b"\x89PNG")


def test_a_plain_image_without_world_file_is_refused() -> None:
    with pytest.raises(georef.GeorefError, match="fichier de géoréférencement"):
        georef.place(png(), None, None)


def test_layers_are_configuration() -> None:
    assert read_aerial_layers("")[0].period == "actuelle"
    assert read_aerial_layers("aucun") == []
    custom = read_aerial_layers(
        '[{"nom": "Ortho 1978", "url": "https://tuiles.example.org/{z}/{x}/{y}.png", '
        '"attribution": "Département", "periode": "1978"}]'
    )
    assert custom[0].period == "1978" and custom[0].max_zoom == 19
    with pytest.raises(ValueError, match="RESSORT_AERIAL_LAYERS"):
        read_aerial_layers('[{"nom": "sans url"}]')


@pytest.mark.parametrize(
    "tags",
    [
        {33550: (10.0,), 33922: (0.0, 0.0, 0.0, 870_000.0, 6_510_500.0, 0.0)},
        {33550: (10.0, 10.0, 0.0), 33922: (0.0, 0.0, 0.0)},
        {
            33550: (10.0, 10.0, 0.0),
            33922: (0.0, 0.0, 0.0, 870_000.0, 6_510_500.0, 0.0),
            34735: (1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 999_999_999),
        },
    ],
)
def test_a_geotiff_with_damaged_tags_is_refused_in_french(tags: dict[int, Any]) -> None:
    """A hostile or broken GeoTIFF gets a message, never a server error."""
    out = io.BytesIO()
    Image.new("RGB", (10, 5)).save(out, format="TIFF", tiffinfo=tags)
    with pytest.raises(georef.GeorefError):
        georef.place(out.getvalue(), None, None)
