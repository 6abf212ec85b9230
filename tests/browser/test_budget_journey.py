"""Choosing within a budget on the demo, as a new project lead would: the 12 evaluated
actions within 1.2 M€ with the heat-wave register required and an exclusive pair; the
chosen set, the reasons, the frontier (read as an image and as a table); changing the
budget; building the strategy's action plan from the choice. At 1280 and 390 px, axe-clean.
"""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.actions import demo
from ressort.frameworks import services
from ressort.strategy.models import ActionSheet
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def frameworks(db: Any) -> None:
    assert not services.load_shipped().errors


@pytest.mark.parametrize("width", [1280, 390])
def test_choose_within_budget_then_build_the_plan(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    frameworks: None,
    width: int,
) -> None:
    demo.build(approach)
    page.set_viewport_size({"width": width, "height": 844})
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    if width < 992:
        page.get_by_role("button", name="Menu de la démarche").click()
        # On a phone the menu lists the phases: the search finds a page in any of them.
        page.get_by_label("Chercher une page du menu", exact=True).fill("budget")
    page.get_by_role("navigation", name="Menu de la démarche").get_by_role(
        "link", name="Choisir dans un budget"
    ).click()
    # The first choice of a server process loads the solver (SciPy): seconds on a busy
    # machine.
    expect(page.get_by_role("heading", name="Choisir des actions dans un budget")).to_be_visible(
        timeout=30_000
    )
    expect(
        page.get_by_text("Avec un budget de 1,2\u00a0M€, le meilleur choix retient")
    ).to_be_visible()
    chosen = page.get_by_role("table").first
    expect(chosen.get_by_text("Registre des personnes isolées et veille canicule")).to_be_visible()
    expect(chosen.get_by_text("obligatoire")).to_be_visible()
    expect(page.get_by_role("heading", name="Ce qui reste de côté, et pourquoi")).to_be_visible()
    expect(page.get_by_role("img", name="Frontière efficace")).to_be_visible()
    pair = (
        "« Irriguer les maraîchers depuis la nappe » exclut "
        "« Restaurer les zones humides et planter des haies »"
    )
    expect(page.get_by_text(pair)).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Les points de la frontière en tableau").click()
    expect(
        page.get_by_role("table", name="Meilleur bénéfice et actions ajoutées à chaque budget")
    ).to_be_visible()

    page.get_by_label("Budget disponible (€)").fill("600000")
    page.get_by_role("button", name="Recalculer").click()
    expect(
        page.get_by_text("Avec un budget de 600\u00a0k€, le meilleur choix retient")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Construire le plan d’actions avec ce choix").click()
    expect(
        page.get_by_text(re.compile(r"^\d+ fiches? action ajoutées? au plan d’actions"))
    ).to_be_visible()
    assert ActionSheet.objects.filter(approach=approach).exists()
    assert ActionSheet.objects.filter(
        approach=approach, action__title="Registre des personnes isolées et veille canicule"
    ).exists()
