"""The public page, as a project lead publishes it and an inhabitant reads it on a phone
(390 px): choose the parts in « Page publique », open the address without an account,
read the story, the ideas and the plan, download the adopted document; unpublish, and the
address answers « page introuvable » at once. Axe-clean on every page."""

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.actions.models import Idea
from ressort.documents.models import AdoptedVersion
from ressort.story import services as story
from ressort.story.models import ChapterKey
from ressort.strategy import services as strategy
from ressort.strategy.models import SheetStatus
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def content(approach: Any, lead: Any) -> None:
    approach.modules = [*approach.modules, "recit"]
    approach.save(update_fields=["modules"])
    story.save(
        approach,
        ChapterKey.ORIGINS,
        text="Notre vallée a connu la crue de 1993.",
        public=True,
        user=lead,
    )
    story.save(
        approach, ChapterKey.HORIZON, text="Brouillon que l'équipe garde.", public=False, user=lead
    )
    axis = strategy.add_axis(approach, "Sécuriser l'eau", user=lead)
    objective = strategy.add_objective(axis, "Réduire les fuites", user=lead)
    sheet = strategy.create_sheet(approach, title="Réparer les réseaux", objective=objective)
    sheet.status, sheet.progress = SheetStatus.STARTED, 40
    sheet.save()
    Idea.objects.create(
        approach=approach,
        text="Des récupérateurs d'eau de pluie",
        source="atelier",
        proposer="Louise Martin",
        action=sheet.action,
    )
    AdoptedVersion.objects.create(
        approach=approach,
        kind=AdoptedVersion.Kind.STRATEGY,
        number=1,
        title="Stratégie de résilience",
        deliberation_date=date(2027, 3, 14),
        deliberation_number="2027-031",
        filename="strategie.pdf",
        mime="application/pdf",
        content=b"%PDF-1.7\n",
        sha256="0" * 64,
    )


def test_a_lead_publishes_and_an_inhabitant_reads_on_a_phone(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    lead = personas["chef_projet"]
    content(approach, lead)
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 390, "height": 844})
    login_as(lead)
    page.goto(f"{site}/demarches/{approach.slug}/")
    page.get_by_role("button", name="Menu de la démarche").click()
    page.get_by_role("navigation", name="Menu de la démarche").get_by_role(
        "link", name="Page publique", exact=True
    ).click()
    expect(page.get_by_role("heading", name="Page publique pour les habitants")).to_be_visible()
    expect(page.get_by_text(re.compile("La page n.est pas en ligne"))).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Page publiée").check()
    for part in ("Le récit du territoire", "Ce que sont devenues vos idées", "Le plan d'actions"):
        page.get_by_label(part).check()
    page.get_by_label("Les documents adoptés").check()
    page.get_by_label("Mot d’accueil").fill("Bienvenue sur la page de notre démarche.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La page publique est en ligne.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    address = page.get_by_role("link", name=f"/publique/{approach.slug}/").get_attribute("href")

    page.context.clear_cookies()  # an inhabitant, without an account
    page.goto(f"{site}{address}")
    expect(page.get_by_role("heading", name="CAPI résiliente", level=1)).to_be_visible()
    expect(page.get_by_text("Bienvenue sur la page de notre démarche.")).to_be_visible()
    expect(page.get_by_text("Notre vallée a connu la crue de 1993.")).to_be_visible()
    expect(page.get_by_text(re.compile("Brouillon que l.équipe garde"))).to_have_count(0)
    expect(page.get_by_text("Des récupérateurs d’eau de pluie")).to_be_visible()
    expect(page.get_by_text("Louise Martin")).to_have_count(0)
    expect(page.get_by_text("Réparer les réseaux").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"Avancement\s*:\s*40\s*%"))).to_be_visible()
    expect(page.get_by_role("heading", name="Le calendrier de la démarche")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=re.compile(r"^Stratégie de résilience\s*, version 1$")
        ).click()
    assert download.value.suggested_filename == "strategie.pdf"

    login_as(lead)
    page.goto(f"{site}/demarches/{approach.slug}/page-publique/")
    page.get_by_label("Page publiée").uncheck()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La page publique n’est pas (ou plus) en ligne.")).to_be_visible()
    page.context.clear_cookies()
    response = page.goto(f"{site}{address}")
    assert response is not None and response.status == 404
    assert_accessible(page)


def test_the_demos_public_page_on_a_phone(site: str, page: Page, demo_world: Any) -> None:
    """The demo as shipped: its page published with every part but the adopted documents."""
    approach = demo_world
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site}/publique/{approach.slug}/")
    title = approach.name.replace("'", "’")  # the typography filter's apostrophe
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    for heading in (
        "Le récit du territoire",
        "Les messages clés du portrait",
        "La vision partagée",
        "Ce que sont devenues vos idées",
        "Le plan d’actions",
        "Le calendrier de la démarche",
    ):
        expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Documents adoptés")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


@pytest.fixture
def demo_world(db: Any) -> Any:
    from ressort.approaches.demo import load_demo
    from ressort.territories.importer import import_official_territories
    from tests.territories.test_import import CONTOURS, DATA

    import_official_territories(DATA, CONTOURS)
    approach, _ = load_demo()
    return approach
