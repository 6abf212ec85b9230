"""A facilitator brings the PCAET into the library, finds a passage by full-text search,
cites it on a Doughnut dimension, records the plan's objective and checks an action
against it, then notes a weak signal and turns it into an action idea; axe checks every
page, at desktop width and on a 390 px phone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.actions.models import Action, Idea
from ressort.library.models import Citation, ConsistencyCheck, Signal
from ressort.library.samples import minimal_pdf
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


def field(page: Page, label: str) -> Any:
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def on_phone_too(page: Page) -> None:
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"
    assert desktop is not None
    page.set_viewport_size(desktop)


def test_library_citation_consistency_and_watch(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, tmp_path: Any
) -> None:
    page.set_default_timeout(30_000)
    action = Action.objects.create(approach=approach, title="Végétaliser les cours d'école")
    pdf = tmp_path / "pcaet.pdf"
    pdf.write_bytes(
        minimal_pdf(
            [["Orientation 2 : adapter le territoire aux canicules et aux ilots de chaleur."]]
        )
    )
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    page.get_by_role("navigation", name="Menu de la démarche").get_by_role(
        "link", name="Bibliothèque"
    ).click()
    expect(page.get_by_role("heading", name="Bibliothèque de la démarche")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ajouter un document").click()
    field(page, "Titre").fill("PCAET 2020-2026")
    field(page, "Type de document").select_option(
        label="PCAET (plan climat-air-énergie territorial)"
    )
    field(page, "Fichier").set_input_files(str(pdf))
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le document est ajouté.")).to_be_visible()
    on_phone_too(page)

    page.get_by_role("link", name="Bibliothèque").first.click()
    page.get_by_label("Rechercher dans le texte des documents").fill("canicules")
    page.get_by_role("button", name="Chercher").click()
    expect(page.locator("mark").first).to_have_text(re.compile("canicules", re.I))
    on_phone_too(page)

    page.get_by_role("link", name="PCAET 2020-2026").first.click()
    field(page, "Passage cité").fill("adapter le territoire aux canicules")
    field(page, "Emplacement").fill("page 1")
    page.get_by_role("button", name="Enregistrer le passage").click()
    page.get_by_label("Citer ce passage comme preuve sur").select_option(label="Santé")
    page.get_by_role("button", name="Citer").click()
    expect(page.get_by_text("Le passage est cité comme preuve.")).to_be_visible()
    assert Citation.objects.get().dimension_code == "health"
    field(page, "Objectif").fill("Adapter le territoire aux canicules.")
    field(page, "Repère").fill("Orientation 2")
    page.get_by_role("button", name="Ajouter l’objectif").click()
    expect(page.get_by_text("L’objectif est enregistré.")).to_be_visible()
    on_phone_too(page)

    page.goto(f"{site}/demarches/{approach.slug}/bibliotheque/coherence/actions/{action.pk}/")
    page.get_by_label("Cohérence").select_option(label="Compatible")
    page.get_by_label("Justification").fill("Des cours ombragées contre la chaleur.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La cohérence de l’action est enregistrée.")).to_be_visible()
    assert ConsistencyCheck.objects.get().verdict == "compatible"
    on_phone_too(page)

    page.goto(f"{site}/demarches/{approach.slug}/veille/")
    assert_accessible(page)
    page.get_by_role("link", name="Noter un signal").click()
    field(page, "Signal").fill("Arrivée du moustique tigre")
    field(page, "Nature").select_option(label="Article, actualité")
    field(page, "Ce que cela pourrait signifier pour le territoire").fill("Maladies vectorielles")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le signal est enregistré.")).to_be_visible()
    page.get_by_role("button", name=re.compile("En faire une idée d’action")).click()
    expect(page.get_by_text("Le signal est devenu une idée d’action")).to_be_visible()
    assert Signal.objects.get().became_idea == Idea.objects.get(approach=approach)
    on_phone_too(page)
    page.goto(f"{site}/demarches/{approach.slug}/veille/flux/")
    on_phone_too(page)
    page.goto(f"{site}/demarches/{approach.slug}/bibliotheque/importer-un-plan/")
    on_phone_too(page)
