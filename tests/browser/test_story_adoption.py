"""The story and an adoption, as a project lead would on a phone (390 px) and a desktop:
open « Mise en récit » from the menu, take up the app's proposal for a chapter, rewrite and
save it; freeze the portrait as adopted with its deliberation, find it listed with its
fingerprint; axe-clean on every page."""

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.documents.models import AdoptedVersion
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_story_then_adoption(
    site: str,
    page: Page,
    login_as: Any,
    personas: dict[str, Any],
    approach: Any,
    width: int,
    tmp_path: Path,
) -> None:
    approach.modules = [*approach.modules, "recit"]
    approach.save(update_fields=["modules"])
    page.set_viewport_size({"width": width, "height": 844})
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    if width < 992:
        page.get_by_role("button", name="Menu de la démarche").click()
        # On a phone the menu lists the phases: the search finds a page in any of them.
        page.get_by_label("Chercher une page du menu", exact=True).fill("récit")
    page.get_by_role("navigation", name="Menu de la démarche").get_by_role(
        "link", name="Mise en récit"
    ).click()
    expect(page.get_by_role("heading", name="Le récit du territoire")).to_be_visible()
    expect(page.get_by_text("Proposition de l’application").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Où l’on va").click()
    text = page.get_by_label("Texte")
    expect(text).to_have_value(
        "La vision partagée n'est pas encore écrite (page «\u00a0Vision\u00a0»)."
    )
    text.fill("Nous voulons un territoire où l'eau se partage.")
    page.get_by_label("Publiable").check()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Nous voulons un territoire où l’eau se partage.")).to_be_visible()
    expect(page.get_by_text("Écrit par l’équipe")).to_be_visible()

    page.goto(f"{site}/demarches/{approach.slug}/versions-adoptees/")
    expect(page.get_by_text("Aucun livrable n’a encore été adopté.")).to_be_visible()
    assert_accessible(page)
    deliberation = tmp_path / "deliberation.pdf"
    deliberation.write_bytes(b"%PDF-1.4\n% test\n")
    page.get_by_label("Livrable adopté").select_option("portrait")
    page.get_by_label("Date de la délibération").fill("2026-09-01")
    page.get_by_label("Numéro de la délibération").fill("2026-42")
    page.get_by_label("Délibération (PDF, facultatif)").set_input_files(str(deliberation))
    page.get_by_role("button", name="Figer la version adoptée").click()
    expect(page.get_by_text("est figé en version 1 adoptée")).to_be_visible(timeout=60_000)
    version = AdoptedVersion.objects.get(approach=approach)
    expect(page.get_by_text(version.sha256)).to_be_visible()
    expect(page.get_by_role("link", name="Document adopté (PDF)")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
