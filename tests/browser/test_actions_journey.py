"""A team's journey through phase 3B: ideas → a draft action → the analysis grid with its
trade-offs and suggestions → criteria and two ranking methods → a vote of 40 imported
ballots → an arbitrated conflict of use over water. Every page is checked with axe."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.actions.models import Action, Arbitration, Ballot
from ressort.frameworks import services
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def frameworks(db: Any) -> None:
    assert not services.load_shipped().errors


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_ideas_to_arbitration(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    frameworks: None,
    tmp_path: Path,
) -> None:
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Idées d’actions").click()
    expect(page.get_by_text("Aucune idée pour l’instant")).to_be_visible()
    assert_accessible(page)
    for text in (
        "Irriguer les maraîchers depuis la nappe",
        "Irrigation des maraîchers en été",
        "Réduire les fuites du réseau d'eau",
    ):
        page.get_by_role("textbox", name="Idée").fill(text)
        page.locator("#id_source").select_option("atelier")
        page.get_by_role("button", name="Ajouter l’idée").click()
        expect(page.get_by_text("L’idée est ajoutée.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Irriguer les maraîchers depuis la nappe").check()
    page.get_by_label("Irrigation des maraîchers en été").check()
    page.get_by_role("button", name="Fusionner (dans la plus ancienne)").click()
    expect(page.get_by_text("Doublons fusionnés")).to_be_visible()
    page.get_by_label("Irriguer les maraîchers depuis la nappe").check()
    page.get_by_label("Intitulé de la fiche").fill("Irrigation maraîchère")
    page.get_by_role("button", name="Retenir : créer une fiche action").click()
    expect(page.get_by_role("heading", name="Irrigation maraîchère")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Évaluer avec la grille").click()
    assert_accessible(page)
    page.get_by_label("Effet sur Alimentation").select_option("2")
    page.get_by_label("Effet sur Prélèvements d’eau douce").select_option("-2")
    page.get_by_label("Justification pour Prélèvements d’eau douce").fill("Pompage estival")
    page.get_by_role("button", name="Enregistrer l’évaluation").click()
    expect(page.get_by_text("mais dégrade « Prélèvements d’eau douce »")).to_be_visible()
    expect(page.get_by_role("heading", name="Pistes d’amélioration")).to_be_visible()
    expect(page.get_by_role("img", name="Effets de « Irrigation maraîchère »")).to_be_visible()
    assert_accessible(page)

    menu(page).get_by_role("link", name="Actions et grille d’analyse").click()
    page.get_by_label("Intitulé").fill("Réduire les fuites")
    page.get_by_role("button", name="Créer la fiche").click()
    page.get_by_role("link", name="Évaluer avec la grille").click()
    page.get_by_label("Effet sur Prélèvements d’eau douce").select_option("2")
    page.get_by_role("button", name="Enregistrer l’évaluation").click()
    expect(page.get_by_text("L’évaluation est enregistrée.")).to_be_visible()
    menu(page).get_by_role("link", name="Portefeuille d’actions").click()
    expect(page.get_by_role("heading", name="Portefeuille d’actions")).to_be_visible()
    assert_accessible(page)

    menu(page).get_by_role("link", name="Priorisation multicritère").click()
    expect(page.get_by_text("Aucun critère pour l’instant")).to_be_visible()
    assert_accessible(page)
    page.get_by_text("Ajouter un critère").click()
    page.get_by_label("Nom").fill("Effet de résilience")
    page.get_by_label("Calculé depuis la grille d’analyse").check()
    page.get_by_role("button", name="Ajouter le critère").click()
    page.get_by_text("Ajouter un critère").click()
    page.get_by_label("Nom").fill("Coût")
    page.get_by_label("Sens").select_option("min")
    page.get_by_role("button", name="Ajouter le critère").click()
    page.get_by_label("Coût de Irrigation maraîchère").fill("300")
    page.get_by_label("Coût de Réduire les fuites").fill("900")
    page.get_by_role("button", name="Enregistrer les valeurs").click()
    expect(page.get_by_role("heading", name="Classements côte à côte")).to_be_visible()
    expect(page.get_by_role("columnheader", name="PROMETHEE II")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Voir la sensibilité du classement aux poids").click()
    expect(page.get_by_text("Poids actuel de « Effet de résilience »")).to_be_visible()
    assert_accessible(page)

    csv = tmp_path / "forum.csv"
    rows = ["Irrigation maraîchère;Réduire les fuites"]
    rows += ["Passable;Très bien"] * 25 + ["Bien;Assez bien"] * 15
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    menu(page).get_by_role("link", name="Vote au jugement majoritaire").click()
    expect(page.get_by_text("Aucun bulletin pour l’instant")).to_be_visible()
    page.get_by_label("Fichier CSV des bulletins").set_input_files(str(csv))
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("40 bulletins importés")).to_be_visible()
    expect(page.get_by_text("1. Réduire les fuites")).to_be_visible()
    assert Ballot.objects.filter(approach=approach).count() == 40
    assert_accessible(page)
    # a paper vote's count, typed from the counting sheet; a fault names its field first
    page.get_by_label("Dépouillement", exact=True).fill("Urne de la mairie")
    page.get_by_label("Bulletins dépouillés", exact=True).fill("10")
    page.get_by_label("Irrigation maraîchère : Bien", exact=True).fill("12")
    page.get_by_role("button", name="Enregistrer le dépouillement").click()
    expect(
        page.get_by_text("« Irrigation maraîchère » : 12 mentions pour 10 bulletins")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Irrigation maraîchère : Bien", exact=True).fill("8")
    page.get_by_label("Réduire les fuites : Excellent", exact=True).fill("10")
    page.get_by_role("button", name="Enregistrer le dépouillement").click()
    expect(
        page.get_by_role(
            "heading",
            name="Résultat (50 bulletins : 40 saisis ou importés, 10 dépouillés sur papier)",
        )
    ).to_be_visible()
    expect(page.get_by_text("Urne de la mairie : 10 bulletins dépouillés")).to_be_visible()
    assert_accessible(page)

    menu(page).get_by_role("link", name="Conflits d’usage").click()
    expect(page.get_by_text("Le registre est vide")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ressource").fill("Nappe de la Bourbre en été")
    page.get_by_role("button", name="Ajouter au registre").click()
    expect(page.get_by_role("heading", name="Nappe de la Bourbre en été")).to_be_visible()
    page.locator("#id_u-use").fill("Irrigation maraîchère")
    page.get_by_role("button", name="Ajouter l’usage").click()
    page.locator("#id_o-title").fill("Quotas d'été")
    page.get_by_role("button", name="Ajouter l’option").click()
    page.get_by_label("Irrigation maraîchère").check()
    page.get_by_label("Réduire les fuites").check()
    page.get_by_role("button", name="Enregistrer", exact=True).first.click()
    page.get_by_label("Critères de l’arbitrage").fill("Eau potable d'abord")
    page.get_by_label("Qui a décidé").fill("Bureau communautaire")
    page.get_by_label("Date de la décision").fill("2027-11-18")
    page.get_by_label("Option retenue").select_option(label="Quotas d'été")
    page.locator("#id_a-decision").fill("Quotas de juillet à septembre")
    page.get_by_label("Justification").fill("Protéger l'eau potable et la rivière")
    page.get_by_role("button", name="Consigner l’arbitrage").click()
    expect(
        page.get_by_role("heading", name="Décision du 18 novembre 2027 — Bureau communautaire")
    ).to_be_visible()
    assert_accessible(page)
    assert Arbitration.objects.get().option.title == "Quotas d'été"
    assert set(Action.objects.get(title="Réduire les fuites").resources.all()) == {
        Arbitration.objects.get().resource
    }
    menu(page).get_by_role("link", name="Conflits d’usage").click()
    expect(page.get_by_text("arbitré le 18/11/2027")).to_be_visible()
    assert_accessible(page)


def test_demo_decision_pages_are_accessible(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, frameworks: None
) -> None:
    from ressort.actions import demo

    demo.build(approach)
    login_as(personas["elu_referent"])
    irrigation = Action.objects.get(approach=approach, title__startswith="Irriguer")
    page.goto(f"{site}/demarches/{approach.slug}/actions/{irrigation.pk}/")
    expect(page.get_by_role("heading", name="Points de vigilance")).to_be_visible()
    assert_accessible(page)
    menu(page).get_by_role("link", name="Portefeuille d’actions").click()
    expect(page.get_by_role("table").first).to_be_visible()
    assert_accessible(page)
    menu(page).get_by_role("link", name="Priorisation multicritère").click()
    expect(page.get_by_role("heading", name="Pourquoi les méthodes divergent")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Voir la sensibilité du classement aux poids").click()
    page.get_by_label("Méthode").select_option("promethee2")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_text("Poids actuel de « Effet de résilience »")).to_be_visible()
    assert_accessible(page)
    menu(page).get_by_role("link", name="Vote au jugement majoritaire").click()
    expect(
        page.get_by_role(
            "heading",
            name="Résultat (52 bulletins : 40 saisis ou importés, 12 dépouillés sur papier)",
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Dépouillements papier")).to_be_visible()
    assert_accessible(page)
    menu(page).get_by_role("link", name="Conflits d’usage").click()
    page.get_by_role("link", name="Eau de la nappe de la Bourbre en été").first.click()
    expect(page.get_by_role("heading", name="Arbitrages")).to_be_visible()
    assert_accessible(page)
