"""The monitoring dashboard and the progress entry on a phone (390 × 844): the page is no
wider than the screen, the indicators' « Statut » column is on screen (key columns first),
the wide tables scroll inside a labelled region reachable by keyboard; axe on both pages."""

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible
from tests.monitoring.factories import indicator, sheet, trajectory, values

pytestmark = pytest.mark.browser

WIDTH = 390


def assert_fits(page: Page) -> None:
    # Measured once the page has loaded: its style sheets decide what scrolls where (a
    # heading can be visible before they are applied, on a loaded machine).
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_dashboard_and_progress_entry_fit_a_phone(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    for n, name in enumerate(
        (
            "Émissions de gaz à effet de serre du territoire par habitant",
            "Part des surfaces agricoles cultivées en agriculture biologique",
        )
    ):
        ind = indicator(approach, f"ind-{n}", name=name, unit="t éq. CO₂ par habitant")
        values(ind, {2020: 100.0, 2021: 99.5, 2022: 99.0})
        trajectory(ind, (2020, 100.0), {2030: 50.0})
    sheet(
        approach,
        "Rénovation énergétique des écoles et des bâtiments communaux",
        status="engagee",
        end_date=date(2024, 6, 30),
    )
    page.set_viewport_size({"width": WIDTH, "height": 844})
    login_as(personas["chef_projet"])

    page.goto(f"{site}/demarches/{approach.slug}/suivi/")
    expect(page.get_by_role("heading", name="Tableau de bord du suivi")).to_be_visible()
    assert_fits(page)
    region = page.get_by_role("region", name="Indicateurs suivis, hors trajectoire d’abord")
    expect(region).to_have_attribute("tabindex", "0")
    for cell in (
        region.get_by_role("columnheader", name="Statut"),
        region.get_by_text("Hors trajectoire").first,
    ):
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH
    assert_accessible(page)

    page.get_by_role("link", name="Saisir l’avancement").click()
    expect(page.get_by_role("heading", name="Saisir l’avancement des actions")).to_be_visible()
    assert_fits(page)
    expect(page.get_by_role("region", name="Avancement des actions")).to_have_attribute(
        "tabindex", "0"
    )
    assert_accessible(page)
