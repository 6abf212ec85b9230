"""Phase 2 in the browser: a facilitator defines an indicator, enters and imports values,
runs a question-grid scoring session, reads the portrait and gets its PDF."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.frameworks import services as frameworks
from ressort.portrait.models import GridAnswer, IndicatorValue
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_phase_two_journey(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    assert not frameworks.load_shipped().errors
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")

    # Indicators: empty state, official figures, a new indicator and a value
    menu(page).get_by_role("link", name="Indicateurs", exact=True).click()
    expect(page.get_by_text("Aucun indicateur pour l’instant.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Calculer les chiffres officiels").click()
    expect(page.get_by_role("link", name="Population municipale")).to_be_visible()
    page.get_by_role("link", name="Nouvel indicateur").click()
    page.locator("#id_name").fill("Logements suroccupés")
    page.locator("#id_code").fill("suroccupation")
    page.locator("#id_unit").fill("%")
    page.locator("#id_source").fill("INSEE, recensement")
    page.locator("#id_direction").select_option("lower")
    page.locator("#id_social_floor").fill("5")
    page.locator("#id_dimension_codes").select_option(["housing"])
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Logements suroccupés (%)")).to_be_visible()
    page.locator("#id_place").select_option("perimetre")
    page.locator("#id_year").fill("2021")
    page.locator("#id_value").fill("6,5")
    page.get_by_role("button", name="Enregistrer la valeur").click()
    expect(page.get_by_text("Valeur enregistrée")).to_be_visible()
    assert_accessible(page)

    # Import: a faulty file is refused with its line and column, then a good one
    menu(page).get_by_role("link", name="Indicateurs", exact=True).click()
    page.get_by_role("link", name="Importer des valeurs (CSV, XLSX, ODS)").click()
    bad = tmp_path / "valeurs.csv"
    bad.write_text(
        "Indicateur;Code INSEE;Année;Valeur\nsuroccupation;38053;2021;4,9\n"
        "suroccupation;99999;2021;beaucoup\n",
        encoding="utf-8",
    )
    page.get_by_label("Fichier de valeurs (CSV, XLSX ou ODS)").set_input_files(str(bad))
    page.get_by_role("button", name="Vérifier et importer").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("rien n’a été importé")
    expect(alert).to_contain_text("Ligne 3, colonne «\u00a0Code INSEE\u00a0»")
    expect(alert).to_contain_text("Ligne 3, colonne «\u00a0Valeur\u00a0»")
    assert_accessible(page)
    assert IndicatorValue.objects.filter(indicator__code="suroccupation").count() == 1
    bad.write_text(
        "Indicateur;Code INSEE;Année;Valeur\nsuroccupation;38053;2021;4,9\n"
        "suroccupation;FR;2021;5,2\n",
        encoding="utf-8",
    )
    page.get_by_label("Fichier de valeurs (CSV, XLSX ou ODS)").set_input_files(str(bad))
    page.get_by_role("button", name="Vérifier et importer").click()
    expect(page.get_by_text("Import terminé : 2 valeurs ajoutées")).to_be_visible()

    # A scoring session on the Boussole, two participants who disagree
    menu(page).get_by_role("link", name="Grilles de questions").click()
    assert_accessible(page)
    page.locator("#id_title").fill("Atelier d'analyse des élus")
    page.locator("#id_version").select_option(label="La Boussole de la résilience (version 2020-2)")
    page.get_by_role("button", name="Créer la séance").click()
    expect(page.get_by_role("heading", name="Atelier d'analyse des élus")).to_be_visible()
    for name, first, second in (("Élue 1", "0", "3"), ("Agent 2", "4", "nsp")):
        page.get_by_label("Participant·e (nom, initiales ou numéro)").fill(name)
        page.locator(f"#q-Q1\\.1\\.a-{first}").check()
        page.locator(f"#q-Q1\\.1\\.b-{second}").check()
        page.get_by_role("button", name="Enregistrer les réponses").click()
        expect(page.get_by_text(f"réponses enregistrées pour « {name} »")).to_be_visible()
    expect(page.get_by_role("cell", name="désaccord").first).to_be_visible()
    assert GridAnswer.objects.count() == 4
    assert_accessible(page)

    # The portrait: Doughnut, Boussole, a weakness next to the data, the PDF
    menu(page).get_by_role("link", name="Portrait de résilience").click()
    expect(
        page.get_by_role(
            "img", name="Le Donut du territoire : déficits sociaux et dépassements écologiques"
        )
    ).to_be_visible()
    expect(page.get_by_role("row", name="Logement plancher social Déficit")).to_be_visible()
    page.locator("#id_kind").select_option("faiblesse")
    page.locator("#id_dimension_code").select_option("housing")
    page.locator("#id_text").fill("Des logements trop petits pour les familles.")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_text("les données : Donut : déficit")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Produire le PDF").click()
    link = page.get_by_role("link", name="télécharger le document PDF")
    expect(link).to_be_visible(timeout=60_000)  # a background job: minutes under load
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "portrait.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert_accessible(page)
