"""A project lead of the demo reads the living and the just transition as a new user would:
six milieux and three species with their evidence, the river in an impact chain, the ERC
check, the parlement du vivant whose spokespeople appear in the actor map apart from the
humans, five population groups, the plan's justice view with a flagged action and its
adopted remedy (and adopts one more), the participation gap; every page axe-clean at
desktop width and on a 390 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.models import Role
from ressort.justice.models import Remedy
from ressort.territories.importer import import_official_territories
from tests.browser.conftest import assert_accessible
from tests.territories.test_import import CONTOURS, DATA

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def check(page: Page) -> None:
    """Axe-clean at desktop width, then at 390 px with no sideways scrolling."""
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"
    assert desktop is not None
    page.set_viewport_size(desktop)


def test_living_and_just_transition_on_the_demo(
    site: str, page: Page, login_as: Any, db: Any
) -> None:
    page.set_default_timeout(30_000)
    import_official_territories(DATA, CONTOURS)
    demo, _ = load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == Role.PROJECT_LEAD)
    login_as(get_user_model().objects.get(email=account.email))
    page.goto(f"{site}/demarches/{demo.slug}/")

    menu(page).get_by_role("link", name="Le vivant du territoire").click()
    expect(page.get_by_role("heading", name="Milieux (6)")).to_be_visible()
    expect(page.get_by_role("heading", name="Espèces (3)")).to_be_visible()
    expect(
        page.get_by_text("La Bourbre en étiage sévère (Chaleur, rivière et eau potable")
    ).to_be_visible()
    check(page)
    page.get_by_role("link", name="Ajouter un milieu").click()
    check(page)

    menu(page).get_by_role("link", name="Portrait de résilience").click()
    expect(page.get_by_role("heading", name="Le vivant du territoire")).to_be_visible()

    menu(page).get_by_role("link", name="Le vivant dans le plan").click()
    expect(page.get_by_text("Séquence éviter-réduire-compenser instruite")).to_be_visible()
    expect(page.get_by_text("À instruire\u00a0: ni évitement ni réduction décrits")).to_be_visible()
    check(page)

    menu(page).get_by_role("link", name="Parlement du vivant").click()
    page.get_by_role("link", name="Parlement de la Bourbre (exemple)").click()
    expect(page.get_by_role("table", name="Voix non humaines, par action")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Voir la carte des acteurs").click()
    living = page.locator("details", has_text="Porte-parole du vivant non humain")
    living.locator("summary").click()
    expect(living.get_by_text("Porte-parole\u00a0: La rivière Bourbre")).to_be_visible()

    menu(page).get_by_role("link", name="Groupes de population").click()
    expect(page.get_by_role("table", name="5 groupes")).to_be_visible()
    check(page)

    menu(page).get_by_role("link", name="Transition juste du plan").click()
    heat = page.locator(
        "article", has_text="Réseau de chaleur bois à Villefontaine — Ménages en précarité"
    )
    expect(heat.get_by_text("Raccordement pris en charge et tarif social")).to_be_visible()
    check(page)
    bike = page.locator("article", has_text="Vélo-route")
    bike.locator("summary").click()
    bike.get_by_label("Accompagnement").check()
    bike.get_by_label("Ce qui est prévu").fill("Navette de rabattement depuis les hameaux.")
    bike.get_by_role("button", name="Adopter").click()
    expect(page.locator(".alert-success", has_text="Remède adopté pour")).to_be_visible()
    assert Remedy.objects.filter(kind="accompagnement").count() == 1

    menu(page).get_by_role("link", name="Qui participe").click()
    expect(page.get_by_text("Sous-représenté").first).to_be_visible()
    check(page)

    menu(page).get_by_role("link", name="Acceptabilité des mesures").click()
    expect(
        page.get_by_role(
            "table", name="Réponses des habitants, moyennes de 1 (pas du tout) à 4 (tout à fait)"
        )
    ).to_be_visible()
    check(page)
