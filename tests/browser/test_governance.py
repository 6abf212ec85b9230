"""A facilitator maps the territory's actors and their links, shares out the steps (RACI),
runs a MACTOR (a faulty cell is named and kept, then fixed), reads the balance of power,
records a conflict and an agreement; axe checks every page, at desktop width and on a
390 px phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.governance.models import Actor, Agreement, Conflict, MactorInfluence
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def field(page: Page, label: str) -> Any:
    """A form field by its label, required (« Nom* ») or not."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def on_phone_too(page: Page) -> None:
    """The current page at 390 px: axe-clean and no sideways scrolling of the page."""
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"
    assert desktop is not None
    page.set_viewport_size(desktop)


def add_actor(page: Page, name: str, category: str, interest: str, influence: str) -> None:
    page.get_by_role("link", name="Ajouter un acteur").click()
    field(page, "Nom").fill(name)
    field(page, "Catégorie").select_option(label=category)
    field(page, "Intérêt pour la démarche").select_option(label=interest)
    field(page, "Influence sur la démarche").select_option(label=influence)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L’acteur est enregistré.")).to_be_visible()


def test_actors_mactor_conflict_and_agreement(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    page.set_default_timeout(30_000)  # a long journey, on a machine shared by other runs
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Acteurs du territoire").click()
    expect(page.get_by_role("heading", name="Acteurs du territoire")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ajouter un acteur").click()
    assert_accessible(page)
    field(page, "Nom").fill("Commune")
    field(page, "Adresse électronique du contact").fill("pas une adresse")
    page.get_by_label("Comité de pilotage").check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(field(page, "Nom")).to_have_value("Commune")  # kept on error
    assert_accessible(page)
    field(page, "Adresse électronique du contact").fill("mairie@example.org")
    field(page, "Intérêt pour la démarche").select_option(label="Très fort")
    field(page, "Influence sur la démarche").select_option(label="Très fort")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L’acteur est enregistré.")).to_be_visible()
    add_actor(page, "Chambre d'agriculture", "Chambre consulaire", "Fort", "Fort")
    add_actor(page, "Association", "Association", "Très fort", "Faible")
    assert Actor.objects.get(name="Commune").bodies == ["copil"]

    page.get_by_role("link", name="Relier deux acteurs").click()
    field(page, "De").select_option(label="Commune")
    field(page, "Nature du lien").select_option(label="Financement")
    field(page, "Vers").select_option(label="Association")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le lien est enregistré.")).to_be_visible()
    page.get_by_role("link", name="Carte et grille intérêt × influence").click()
    expect(page.get_by_role("img", name="Carte des acteurs du territoire")).to_be_visible()
    page.get_by_text("Liens (1)").click()
    expect(page.get_by_text("Commune → Association : financement")).to_be_visible()
    expect(
        page.get_by_role("region", name="Influence forte, intérêt fort").get_by_text("Commune")
    ).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)

    # Internal governance: who carries which step
    menu(page).get_by_role("link", name="Gouvernance interne").click()
    page.get_by_label("Rôle de « Commune » à l’étape 2").select_option("A")
    page.get_by_label("Rôle de « Association » à l’étape 2").select_option("C")
    page.get_by_role("button", name="Enregistrer la répartition").click()
    expect(page.get_by_text("La répartition des rôles est enregistrée.")).to_be_visible()
    expect(page.get_by_label("Rôle de « Commune » à l’étape 2")).to_have_value("A")
    assert_accessible(page)
    on_phone_too(page)

    # MACTOR
    menu(page).get_by_role("link", name="Jeux d’acteurs (MACTOR)").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nouvelle analyse").click()
    field(page, "Titre").fill("L'eau d'été")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Choisir les acteurs dans le registre").click()
    for name in ("Commune", "Chambre d'agriculture", "Association"):
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Enregistrer les acteurs").click()
    for objective in ("Préserver l'eau", "Développer le tourisme"):
        page.get_by_text("Ajouter un objectif").click()
        field(page, "Objectif").fill(objective)
        page.get_by_role("button", name="Ajouter", exact=True).click()
        shown = objective.replace("'", "’")  # the message sets what was typed in French typography
        expect(page.get_by_text(f"L’objectif « {shown} » est ajouté.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Noter les influences").click()
    cell = page.get_by_label("Influence de « Commune » sur « Chambre d’agriculture »")
    cell.fill("2")
    page.get_by_label("Influence de « Commune » sur « Association »").fill("1")
    page.get_by_label("Influence de « Chambre d’agriculture » sur « Commune »").fill("1")
    page.get_by_label("Influence de « Chambre d’agriculture » sur « Association »").fill("9")
    page.get_by_label("Influence de « Association » sur « Chambre d’agriculture »").fill("1")
    page.get_by_role("button", name="Enregistrer la matrice").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Rien n’est enregistré")
    expect(alert).to_contain_text("colonne « Association »")
    faulty = page.get_by_label("Influence de « Chambre d’agriculture » sur « Association »")
    expect(faulty).to_have_value("9")
    expect(cell).to_have_value("2")  # the other typed values stay
    assert not MactorInfluence.objects.exists()
    assert_accessible(page)
    faulty.fill("2")
    page.get_by_role("button", name="Enregistrer la matrice").click()
    expect(page.get_by_text("La matrice des influences est enregistrée.")).to_be_visible()
    assert MactorInfluence.objects.count() == 5

    page.get_by_role("link", name="Positions", exact=True).click()
    for actor, values in (
        ("Commune", ("2", "-1")),
        ("Chambre d'agriculture", ("3", "2")),
        ("Association", ("-4", "0")),
    ):
        for objective, value in zip(
            ("Préserver l'eau", "Développer le tourisme"), values, strict=True
        ):
            # A form label: the names typed are shown in French typography there.
            label = f"Position de « {actor} » sur l’objectif « {objective} »".replace("'", "’")
            page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Enregistrer la matrice").click()
    expect(page.get_by_text("La matrice des positions est enregistrée.")).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)

    page.get_by_role("link", name="Résultats", exact=True).click()
    expect(page.get_by_role("heading", name="Rapports de force")).to_be_visible()
    commune = page.get_by_role("row", name="Commune").first
    expect(commune).to_contain_text("1,93")  # r* = 27/14, computed by hand in the tests
    expect(
        page.get_by_role("img", name="Graphe des convergences entre acteurs (ordre 3)")
    ).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)

    # A conflict through mediation
    menu(page).get_by_role("link", name="Conflits entre acteurs").click()
    page.get_by_role("link", name="Inscrire un conflit").click()
    field(page, "Intitulé").fill("Partage de l'eau d'été")
    field(page, "Démarche choisie").select_option(label="Médiation")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Partage de l'eau d'été")).to_be_visible()
    page.get_by_text("Ajouter une partie").click()
    field(page, "Acteur du registre").select_option(label="Chambre d'agriculture")
    field(page, "Position affichée").fill("Irriguer tout l'été")
    field(page, "Intérêts sous-jacents").fill("Sauver les récoltes")
    page.get_by_role("button", name="Ajouter la partie").click()
    expect(page.get_by_text("La partie est ajoutée.")).to_be_visible()
    expect(page.get_by_role("cell", name="Sauver les récoltes")).to_be_visible()
    assert Conflict.objects.get().process == "mediation"
    assert_accessible(page)
    on_phone_too(page)

    # A cooperation agreement
    menu(page).get_by_role("link", name="Coopérations").click()
    page.get_by_role("link", name="Enregistrer un accord").click()
    field(page, "Intitulé").fill("Contrat de réciprocité")
    field(page, "Objet").fill("Des légumes de la plaine pour les cantines")
    page.get_by_label("Commune", exact=True).check()
    page.get_by_label("Association", exact=True).check()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("L’accord est enregistré.")).to_be_visible()
    expect(page.get_by_role("heading", name="Contrat de réciprocité")).to_be_visible()
    assert Agreement.objects.get().parties.count() == 2
    assert_accessible(page)
