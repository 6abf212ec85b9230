"""A map offers the configured background maps with their attribution (tiles stay offline)."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_territory_map_offers_ign_and_openstreetmap(
    site: str, page: Page, login_as: Any, make_user: Any, territories: Any
) -> None:
    login_as(make_user("carto@example.org"))
    page.goto(site + "/territoires/EPCI/243800604/")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("IGN – Géoplateforme")
    page.locator(".leaflet-control-layers").hover()
    layers = page.locator(".leaflet-control-layers-base")
    for name in ("Plan IGN", "Photographies aériennes (IGN)", "OpenStreetMap"):
        expect(layers).to_contain_text(name)
    assert_accessible(page)
