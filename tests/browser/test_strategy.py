"""A chef de projet builds a strategy in the browser: vision, an axis, an objective tied to a
gap of the portrait, an action sheet with budget and milestone, the timeline, the one-page
view (printed), the history and a revert; axe on every page."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.actions.models import Action
from ressort.strategy.models import ActionSheet, Axis
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_build_a_strategy_and_a_sheet(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    Action.objects.create(approach=approach, title="Récupérer l'eau de pluie")
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Stratégie et plan d’actions").click()
    expect(page.get_by_text("La stratégie n’a pas encore d’axe.")).to_be_visible()
    assert_accessible(page)

    # The strategy serves the démarche's shared vision, written on the « Vision » page.
    page.get_by_role("link", name="Écrire la vision partagée").click()
    page.get_by_label("Vision partagée").fill("Un territoire qui garde son eau.")
    page.get_by_label("Horizon").fill("2050")
    page.get_by_role("button", name="Enregistrer la vision").click()
    menu(page).get_by_role("link", name="Stratégie et plan d’actions").click()
    expect(page.get_by_text("Un territoire qui garde son eau.")).to_be_visible()
    expect(page.get_by_text("Vision à l’horizon 2050")).to_be_visible()

    page.get_by_role("link", name="Ajouter un axe stratégique").click()
    page.get_by_label("Intitulé de l’axe").fill("Préserver l'eau")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Ajouter un objectif à l’axe 1").click()
    page.get_by_label("Intitulé de l’objectif").fill("Réduire les prélèvements")
    page.get_by_label("Eau (plancher social)", exact=False).check()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_role("heading", name="Objectif 1.1 — Réduire les prélèvements")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ajouter une action à l’objectif 1.1").click()
    page.get_by_label("Action déjà proposée").select_option(label="Récupérer l'eau de pluie")
    assert_accessible(page)
    page.get_by_role("button", name="Créer la fiche").click()
    page.get_by_label("Service pilote").fill("Service eau")
    page.get_by_label("Début").fill("2027-01-01")
    page.get_by_label("Fin prévue").fill("2027-12-31")
    page.get_by_label("Statut").select_option(label="Engagée")
    page.get_by_label("Avancement (%)").fill("25")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Récupérer l'eau de pluie")).to_be_visible()
    expect(page.get_by_text("Avancement : 25 %")).to_be_visible()
    expect(page.locator("[data-sheet-geojson]")).to_have_attribute("data-map-loaded", "2")
    assert_accessible(page)

    page.get_by_role("link", name="Ajouter une ligne de budget").click()
    page.get_by_label("Section").select_option(label="Investissement")
    page.get_by_label("Année").fill("2027")
    page.get_by_label("Prévu (€)").fill("30000")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("link", name="Ajouter un jalon").click()
    page.get_by_label("Jalon").fill("Cuves installées")
    page.get_by_label("Échéance").fill("2027-06-30")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Cuves installées")).to_be_visible()
    expect(page.get_by_role("cell", name="30 000", exact=False).first).to_be_visible()

    menu(page).get_by_role("link", name="Calendrier des actions").click()
    expect(page.get_by_role("img", name="Calendrier des actions par axe")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Récupérer l'eau de pluie")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Statut", exact=True).select_option(label="Réalisée")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Aucune action ne correspond à ces filtres.")).to_be_visible()

    menu(page).get_by_role("link", name="Stratégie et plan d’actions").click()
    page.get_by_role("link", name="La stratégie sur une page").click()
    expect(page.get_by_text("Récupérer l'eau de pluie (engagée, Service eau)")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(menu(page)).to_be_hidden()
    expect(page.get_by_role("button", name="Imprimer")).to_be_hidden()
    page.emulate_media(media="screen")

    # The history shows the change of title and brings the old one back.
    axis = Axis.objects.get(approach=approach)
    page.goto(f"{site}/demarches/{approach.slug}/strategie/axes/{axis.pk}/")
    page.get_by_label("Intitulé de l’axe").fill("Préserver et partager l'eau")
    page.get_by_role("button", name="Enregistrer").click()
    menu(page).get_by_role("link", name="Historique des modifications").click()
    expect(page.get_by_text("Préserver et partager l'eau", exact=False).first).to_be_visible()
    assert_accessible(page)
    creation = page.get_by_role("row").filter(has_text="Axe « Axe 1 — Préserver l'eau » — création")
    creation.get_by_role("button").click()
    expect(page.get_by_text("est revenu à l’état choisi")).to_be_visible()
    axis.refresh_from_db()
    assert axis.title == "Préserver l'eau"
    sheet = ActionSheet.objects.get(approach=approach)
    assert (sheet.status, sheet.progress, sheet.pilot_service) == ("engagee", 25, "Service eau")
