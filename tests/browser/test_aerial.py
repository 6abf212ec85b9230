"""Photo-interpretation in the browser: a local test imagery layer (served by the test
server, no outside network), the curtain and side-by-side comparisons, an area drawn on the
map whose stored area matches the drawn one within 1 %; the page at 390 px, axe-clean."""

from __future__ import annotations

import math
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pyproj import Geod

from ressort.aerial.models import Annotation
from ressort.basemaps import AerialLayer
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def local_imagery(settings: Any, site: str) -> None:
    tile = f"{site}/static/fieldwork/icon-192.png"  # every tile is this small local image
    settings.RESSORT_AERIAL_LAYERS = [
        AerialLayer("Image de test actuelle", tile, "Ressort (test)", "2026"),
        AerialLayer("Image de test ancienne", tile, "Ressort (test)", "1950–1965"),
    ]


def test_upload_a_georeferenced_image(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    local_imagery: None,
    tmp_path: Any,
    settings: Any,
) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    from PIL import Image

    image = tmp_path / "vue-1978.png"
    Image.new("RGB", (300, 200), (200, 180, 120)).save(image)
    world = tmp_path / "vue-1978.pgw"
    world.write_text("2.0\n0\n0\n-2.0\n870001.0\n6510199.0\n")
    login_as(personas["equipe"])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/demarches/{approach.slug}/photo-interpretation/")
    page.get_by_role("link", name="Ajouter une image géoréférencée").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_label("Nom de l’image").fill("Vue aérienne de 1978")
    page.get_by_label("Date ou période de la prise de vue").fill("1978")
    page.get_by_label("Image (PNG, JPEG ou GeoTIFF)").set_input_files(str(image))
    page.get_by_label("Fichier de géoréférencement (.tfw, .jgw, .pgw, .wld)").set_input_files(
        str(world)
    )
    page.get_by_role("button", name="Placer l’image sur la carte").click()
    expect(page.get_by_text("est placée sur la carte")).to_be_visible()
    then = page.get_by_label("Image ancienne", exact=True)
    option = then.locator("option", has_text="Vue aérienne de 1978")
    expect(option).to_have_count(1)
    then.select_option(label=option.inner_text())
    expect(page.locator(".leaflet-avant-pane img.leaflet-image-layer")).to_have_count(1)
    assert_accessible(page)


def test_draw_an_area_on_local_imagery(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    local_imagery: None,
) -> None:
    login_as(personas["equipe"])
    url = f"{site}/demarches/{approach.slug}/photo-interpretation/"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    the_map = page.locator("[data-aerial-map]")
    expect(the_map).to_have_attribute("data-map-ready", "1")
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    expect(the_map).to_have_attribute("data-map-ready", "1")
    # The curtain: the current image is clipped right of the slider.
    page.get_by_label("Position du rideau").fill("30")
    assert "rect(" in page.locator(".leaflet-apres-pane").evaluate("p => p.style.clip")
    page.get_by_text("Côte à côte").click()
    expect(page.locator("[data-aerial-twin]")).to_be_visible()
    expect(page.locator("[data-aerial-twin] .leaflet-tile-loaded").first).to_be_attached()
    page.get_by_text("Rideau", exact=True).click()
    expect(page.locator("[data-aerial-twin]")).to_be_hidden()

    page.get_by_role("button", name="Surface").click()
    box = the_map.bounding_box()
    assert box is not None
    cx, cy, half = round(box["width"] / 2), round(box["height"] / 2), 150
    for dx, dy in ((-half, -half), (half, -half), (half, half), (-half, half)):
        the_map.click(position={"x": cx + dx, "y": cy + dy})
        page.wait_for_timeout(400)  # no double click: four single taps
    expect(page.get_by_text("4 points posés.")).to_be_visible()
    page.get_by_role("button", name="Terminer le dessin").click()
    expect(page.get_by_text("Dessin terminé (4 points)")).to_be_visible()
    zoom = int(the_map.get_attribute("data-zoom") or "0")
    page.get_by_label("Ce que l’on voit").fill("Lotissement sur d'anciens prés")
    page.get_by_label("Image ancienne (date ou période)").fill("1950–1965")
    page.get_by_role("button", name="Enregistrer l’annotation").click()
    expect(page.get_by_role("heading", name="Lotissement sur d'anciens prés")).to_be_visible()

    annotation = Annotation.objects.get()
    ring = annotation.geometry["coordinates"][0]
    lat = sum(p[1] for p in ring[:-1]) / 4
    # The drawn square: 300 px a side at this zoom of Web Mercator (256-px tiles).
    side = 2 * half * 2 * math.pi * 6_378_137 / (256 * 2**zoom) * math.cos(math.radians(lat))
    assert annotation.area_m2 == pytest.approx(side * side, rel=0.01)
    geodesic, _ = Geod(ellps="GRS80").polygon_area_perimeter(
        [p[0] for p in ring], [p[1] for p in ring]
    )
    assert annotation.area_m2 == pytest.approx(abs(geodesic), rel=0.01)
    assert annotation.epsg == 2154
    expect(page.locator(f"#annotation-{annotation.pk}")).to_contain_text("Lambert-93")
    expect(the_map).to_have_attribute("data-annotations-loaded", "1")
    assert_accessible(page)
