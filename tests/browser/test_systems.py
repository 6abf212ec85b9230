"""A facilitator builds an impact chain (template, graph editor, keyboard), runs a cascade,
fills and reads a MICMAC matrix, writes the vision and a scenario with its TRACC level, and
reads its stress test; axe checks every page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.frameworks import services as frameworks
from ressort.systems.models import ImpactChain, Influence, Scenario
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def tracc(db: Any) -> None:
    assert not frameworks.load_shipped().errors


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_chain_cascade_micmac_vision_scenario_and_stress_test(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, tracc: None
) -> None:
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Chaînes d’impacts").click()
    expect(page.get_by_role("heading", name="Chaînes d’impacts", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("combobox", name="Modèle").select_option(label="Sécheresse et pénurie d'eau")
    page.get_by_role("button", name="Créer depuis le modèle").click()
    expect(page.get_by_role("heading", name="Sécheresse et pénurie d'eau")).to_be_visible()
    assert_accessible(page)

    # The graph editor: add a hazard and link it, by keyboard-reachable forms
    page.get_by_role("link", name="Ouvrir l’éditeur graphique").click()
    expect(page.locator("#rs-graph-editor[data-ready='1']")).to_be_attached()
    assert_accessible(page)
    # laid out by stage, labels never under 12 px, zoom and pan
    graph = page.locator("#rs-graph")
    assert float(graph.get_attribute("data-label-px") or 0) >= 12
    before_zoom = float(graph.get_attribute("data-zoom") or 0)
    page.get_by_role("button", name="Agrandir").click()
    assert float(graph.get_attribute("data-zoom") or 0) > before_zoom
    for _ in range(6):
        page.get_by_role("button", name="Réduire").click()
    assert float(graph.get_attribute("data-label-px") or 0) >= 12
    page.get_by_role("button", name="Recentrer").click()
    page.get_by_role("button", name="Ranger par étapes").click()
    expect(page.locator("#rs-graph-status")).to_contain_text("rangés par étape")
    placed = {n.kind: n.x for n in ImpactChain.objects.get(approach=approach).nodes.all()}
    assert placed["alea"] < placed["exposition"] < placed["sensibilite"] < placed["impact"]
    page.get_by_label("Libellé", exact=True).fill("Canicule")
    page.get_by_label("Nature", exact=True).select_option(label="Aléa")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.locator("#rs-graph-status")).to_have_text("« Canicule » est ajouté.")
    page.get_by_label("Depuis", exact=True).select_option(label="Canicule")
    page.get_by_label("Vers", exact=True).select_option(label="Baisse des débits d'étiage")
    page.get_by_label("Force", exact=True).select_option(label="3 — forte")
    page.get_by_role("button", name="Relier").click()
    expect(
        page.get_by_text("Canicule renforce Baisse des débits d'étiage (force 3)")
    ).to_be_visible()
    chain = ImpactChain.objects.get(approach=approach)
    node = chain.nodes.get(label="Canicule")
    before = node.x
    page.get_by_role("button", name="Canicule (aléa)").click()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#rs-graph-status")).to_have_text("Élément sélectionné : Canicule.")
    page.wait_for_function("() => document.querySelector('#rs-graph-errors').hidden")
    page.wait_for_timeout(300)
    node.refresh_from_db()
    assert node.x is not None and node.x == pytest.approx((before or 0) + 15, abs=1)
    # rename the selected element, weaken a link
    page.get_by_label("Nouveau libellé").fill("Canicule estivale")
    page.get_by_role("button", name="Enregistrer l’élément").click()
    expect(page.locator("#rs-graph-status")).to_have_text("« Canicule estivale » est enregistré.")
    page.get_by_label(
        "Force du lien Canicule estivale renforce Baisse des débits d'étiage (force 3)"
    ).select_option("1")
    expect(page.locator("#rs-graph-status")).to_contain_text("force 1.")
    page.get_by_role("button", name="Inverser l'effet du lien Canicule estivale renforce").click()
    expect(
        page.get_by_text("Canicule estivale affaiblit Baisse des débits d'étiage (force 1)")
    ).to_be_visible()
    page.get_by_role("button", name="Inverser l'effet du lien Canicule estivale affaiblit").click()
    expect(
        page.get_by_text("Canicule estivale renforce Baisse des débits d'étiage (force 1)")
    ).to_be_visible()
    node.refresh_from_db()
    assert node.label == "Canicule estivale"
    # a server-side refusal is shown
    page.get_by_label("Libellé", exact=True).fill("Canicule estivale")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("porte déjà ce libellé")
    assert_accessible(page)

    # Cascade
    menu(page).get_by_role("link", name="Cascades et boucles").click()
    page.get_by_label("Canicule estivale").check()
    page.get_by_label("Intensité").select_option("3")
    page.get_by_role("button", name="Lancer la cascade").click()
    expect(page.get_by_role("heading", name="Ce qui se propage")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Restrictions d'usage de l'eau")).to_be_visible()
    assert_accessible(page)

    # MICMAC: seed from the chain, change a cell, read the maps
    menu(page).get_by_role("link", name="Analyse structurelle (MICMAC)").click()
    page.get_by_label("Je remplace la matrice actuelle").check()
    page.get_by_role("button", name="Amorcer la matrice").click()
    expect(
        page.get_by_text("Matrice amorcée depuis les chaînes d’impacts : 10 variables.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label(
        "Influence de « Pertes de récoltes » sur « Cultures irriguées »"
    ).select_option("2")
    page.get_by_role("button", name="Enregistrer la matrice").click()
    expect(page.get_by_text("La matrice est enregistrée.")).to_be_visible()
    assert (
        Influence.objects.get(
            source__name="Pertes de récoltes", target__name="Cultures irriguées"
        ).value
        == 2
    )
    page.get_by_role("link", name="Voir les résultats et le plan influence–dépendance").click()
    expect(page.get_by_role("img", name="Plan influence–dépendance direct")).to_be_visible()
    expect(page.get_by_role("img", name="Plan influence–dépendance indirect")).to_be_visible()
    assert_accessible(page)

    # Vision
    menu(page).get_by_role("link", name="Vision").click()
    page.get_by_label("Vision partagée").fill("Un territoire qui partage son eau.")
    page.get_by_label("Horizon").fill("2050")
    page.get_by_role("button", name="Enregistrer la vision").click()
    expect(page.get_by_text("Horizon 2050")).to_be_visible()
    assert_accessible(page)

    # Scenarios: a small box, an exclusion, a combination kept as a scenario
    menu(page).get_by_role("link", name="Scénarios et test de résistance").click()
    assert_accessible(page)
    for name, hypotheses in (("Eau", "Partagée\nRationnée"), ("Agriculture", "Irriguée\nSèche")):
        page.get_by_text("Ajouter une composante").click()
        page.locator("#id_composante-name").fill(name)
        page.get_by_label("Hypothèses (2 à 5, une par ligne)").fill(hypotheses)
        page.get_by_role("button", name="Ajouter", exact=True).click()
    page.get_by_text("Noter une incompatibilité").click()
    page.get_by_label("Cette hypothèse").select_option(label="Eau : Rationnée")
    page.get_by_label("ne va pas avec").select_option(label="Agriculture : Irriguée")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_text("3 combinaisons cohérentes sur 4 possibles")).to_be_visible()
    page.get_by_role("link", name="Lister les combinaisons cohérentes").click()
    assert_accessible(page)
    page.get_by_role("link", name="Retenir la combinaison 3").click()
    page.get_by_label("Nom du scénario").fill("Sécheresse chronique")
    page.get_by_label("Cadre climatique (TRACC)").select_option(
        label="France métropolitaine (hexagonale) : +2,7 °C en 2050"
    )
    page.get_by_label("Récit").fill("L'eau manque chaque été.")
    page.get_by_role("button", name="Créer le scénario").click()
    expect(page.get_by_role("heading", name="Sécheresse chronique")).to_be_visible()
    expect(page.get_by_text("Cadre climatique : TRACC")).to_be_visible()
    page.get_by_label("Sécheresse", exact=True).select_option("3")
    page.get_by_role("button", name="Enregistrer et relancer le test").click()
    expect(page.get_by_role("heading", name="Test de résistance")).to_be_visible()
    expect(page.get_by_text("Vulnérabilités et impacts aggravés")).to_be_visible()
    assert_accessible(page)
    scenario = Scenario.objects.get(approach=approach)
    assert {h.label for h in scenario.hypotheses.all()} == {"Rationnée", "Sèche"}
