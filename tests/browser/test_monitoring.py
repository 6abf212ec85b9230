"""A chef de projet follows the strategy in the browser: sets a trajectory from a national
target, holds a committee whose decision names an action, enters progress, sees the
dashboard flag what is off track and late, writes an evaluation and searches the experience
library; axe on every page."""

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.monitoring import library
from ressort.monitoring.models import Decision, Evaluation, ExperienceReport, Trajectory
from tests.browser.conftest import assert_accessible
from tests.monitoring.factories import indicator, sheet, values

pytestmark = pytest.mark.browser


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_follow_the_strategy(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    monkeypatch: Any,
) -> None:
    # Bootstrap's 0.15 s colour transition off: axe caught the evaluation page's DOCX button
    # half-way through it once, just after a click, on a loaded machine.
    page.emulate_media(reduced_motion="reduce")
    ges = indicator(approach, "ges", name="Émissions de GES", unit="kt")
    values(ges, {2020: 100.0, 2021: 99.0, 2022: 98.0})
    late = sheet(
        approach,
        "Rénovation des écoles",
        status="engagee",
        end_date=date(2024, 6, 30),
        pilot_email="pilote@example.org",
    )
    report = ExperienceReport.objects.create(
        title="Cantines bio",
        territory_name="Une vallée",
        size_class="interco_rurale",
        summary="Des repas locaux.",
        shipped=True,
        source_label="Source publique",
    )
    library.set_tags(report, ["alimentation"], [])
    login_as(personas["chef_projet"])

    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Trajectoires").click()
    expect(page.get_by_role("heading", name="Trajectoires des indicateurs")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="fixer une trajectoire pour Émissions de GES").click()
    expect(page.get_by_label("Année de référence")).to_have_value("2020")
    page.get_by_label("Origine de la cible").select_option(label="Déclinée d'un objectif national")
    page.get_by_label("Objectif national de référence").fill("SNBC")
    page.locator("#id_jalons-0-year").fill("2030")
    page.locator("#id_jalons-0-percent").fill("-40")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer la trajectoire").click()
    expect(page.get_by_text("Hors trajectoire").first).to_be_visible()
    expect(page.get_by_role("img", name="Trajectoire : Émissions de GES")).to_be_visible()
    assert_accessible(page)
    assert Trajectory.objects.get().milestones.get().value == pytest.approx(60.0)

    menu(page).get_by_role("link", name="Comités et décisions").click()
    expect(page.get_by_text("Aucune réunion enregistrée")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nouvelle réunion").click()
    page.get_by_label("Date").fill("2026-03-12")
    page.get_by_label("Intitulé").fill("Comité de pilotage n° 1")
    page.get_by_label("Participants").fill("Présidente\nCheffe de projet")
    page.locator("#id_decisions-0-text").fill("Relancer la rénovation des écoles.")
    page.locator("#id_decisions-0-kind").select_option(
        label="Modifier (contenu, budget, calendrier)"
    )
    page.locator("#id_decisions-0-actions").select_option(label="Rénovation des écoles")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Comité de pilotage n° 1")).to_be_visible()
    assert_accessible(page)
    assert list(Decision.objects.get().actions.all()) == [late.action]

    menu(page).get_by_role("link", name="Suivi (tableau de bord)").click()
    expect(page.get_by_text("1 hors trajectoire")).to_be_visible()
    expect(page.get_by_text("En retard").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Saisir l’avancement").click()
    page.get_by_label("Avancement de Rénovation des écoles (%)").fill("60")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer l’avancement").click()
    expect(page.get_by_text("Avancement enregistré pour 1 action.")).to_be_visible()
    late.refresh_from_db()
    assert late.progress == 60

    menu(page).get_by_role("link", name="Évaluations").click()
    page.get_by_role("link", name="Nouvelle évaluation").click()
    page.get_by_label("Année du premier portrait").fill("2020")
    page.get_by_label("Année des nouvelles données").fill("2022")
    page.get_by_label("Enseignements").fill("Associer les communes plus tôt.")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Associer les communes plus tôt.")).to_be_visible()
    page.get_by_role("button", name="Produire le document modifiable (DOCX)").click()
    link = page.get_by_role("link", name="télécharger le document DOCX")
    expect(link).to_be_visible(timeout=60_000)  # a background job: minutes under load
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".docx")
    assert_accessible(page)
    assert Evaluation.objects.filter(approach=approach).count() == 1

    menu(page).get_by_role("link", name="Retours d’expérience").click()
    page.get_by_label("Thème").select_option(label="Alimentation et agriculture")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Cantines bio").click()
    page.get_by_label("Action de la démarche").select_option(label="Rénovation des écoles")
    assert_accessible(page)
    page.get_by_role("button", name="Lier").click()
    expect(page.get_by_text("est liée à ce retour")).to_be_visible()
    assert_accessible(page)
