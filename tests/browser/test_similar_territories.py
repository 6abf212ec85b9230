"""« Territoires comparables » on a phone (390 × 844): reached from the menu, no wider than
the screen, the chart's words open, the wide table scrolls in its labelled region; axe."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.portrait.models import Indicator, IndicatorValue, Scope
from ressort.territories.models import TerritoryType
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

WIDTH = 390


def test_territories_like_ours_on_a_phone(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    make_territory: Any,
) -> None:
    water = Indicator.objects.create(
        approach=approach, code="eau", name="Consommation d'eau", unit="m³/hab.", source="x"
    )
    for i in range(12):
        code = f"2000002{i:02d}"
        epci = make_territory(TerritoryType.EPCI, code, f"Communauté de communes n° {i + 1}")
        for j, (population, area) in enumerate(((20000 + 3000 * i, 40.0), (9000, 25.0 + i))):
            make_territory(
                TerritoryType.COMMUNE,
                f"{i:02d}{j:03d}",
                f"Commune {i}-{j}",
                epci_code=code,
                population=population,
                area_km2=area,
            )
        IndicatorValue.objects.create(
            indicator=water, scope=Scope.TERRITORY, territory=epci, year=2023, value=40.0 + i
        )
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/retours-experience/")
    menu = page.get_by_role("navigation", name="Menu de la démarche")
    menu.get_by_role("link", name="Territoires comparables").click()
    expect(page.get_by_role("heading", name="Territoires comparables", exact=True)).to_be_visible()
    page.set_viewport_size({"width": WIDTH, "height": 844})
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    expect(page.get_by_role("heading", name="Territoires comparables", exact=True)).to_be_visible()
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    region = page.get_by_role("region", name="Caractéristiques des territoires comparables")
    expect(region).to_be_visible()
    expect(region.get_by_role("rowheader").first).to_contain_text("CAPI")
    expect(
        page.get_by_role("img", name="Notre territoire et les territoires comparables")
    ).to_be_visible()
    page.get_by_text("Le graphique en mots").click()
    expect(
        page.get_by_role("listitem").filter(has_text="notre territoire au").first
    ).to_be_visible()
    expect(page.get_by_role("link", name="Consommation d’eau")).to_be_visible()
    assert_accessible(page)
