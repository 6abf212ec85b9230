"""Two new démarches as contracted at cadrage: a 3,000-inhabitant commune at light depth
with the base only, a département at deep depth with three briques. Their menus and
journeys differ; a page of a brique the commune has not taken says so and offers to
activate it; their deliverables differ too, and the portrait the commune adopts stays as
adopted after the team's edits. The demo's statuses follow from its content, its calendar
from today. axe checks every page, at desktop width and on a 390 px phone."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from ressort.approaches import services
from ressort.approaches.models import Role
from ressort.documents.models import AdoptedVersion
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def on_phone_too(page: Page) -> None:
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"
    assert desktop is not None
    page.set_viewport_size(desktop)


def test_a_commune_and_a_departement_get_different_menus_and_journeys(
    site: str,
    page: Page,
    login_as: Any,
    make_user: Any,
    make_territory: Any,
    territories: dict[str, Any],
) -> None:
    page.set_default_timeout(30_000)
    lead = make_user("cheffe@example.org", first_name="Léa", last_name="Cheffe")
    village = make_territory(
        "COM", "38998", "Saint-Exemple", population=3000, department_code="38", region_code="84"
    )
    commune = services.create_approach(
        name="Saint-Exemple résilient",
        creator=lead,
        role=Role.PROJECT_LEAD,
        territory=village,
        communes=[],
    )
    departement = services.create_approach(
        name="Isère en transition",
        creator=lead,
        role=Role.PROJECT_LEAD,
        territory=territories["dep"],
        communes=[],
    )
    login_as(lead)

    # The commune: the suggestion is light; the lead keeps it and takes no brique.
    page.goto(f"{site}/demarches/{commune.slug}/cadrage/")
    expect(page.get_by_text("Suggestion pour une commune de 3 000 habitants")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ambition").fill("Un bourg qui garde son eau et ses commerces.")
    page.get_by_role("button", name="Enregistrer le cadrage").click()
    expect(page.get_by_text("Le cadrage est enregistré.")).to_be_visible()
    assert {s.depth for s in commune.steps.all()} == {"leger"}

    # The département: deep by suggestion, three briques.
    page.goto(f"{site}/demarches/{departement.slug}/cadrage/")
    expect(page.get_by_text("Suggestion pour un département")).to_be_visible()
    page.get_by_label("Ambition").fill("Une stratégie départementale de résilience.")
    for title in ("Gouvernance et coopération", "Mise en récit", "Lecture du vivant"):
        page.get_by_label(title).check()
    page.get_by_label("Étape 3C — Suivre et poursuivre").select_option(label="Standard")
    page.get_by_role("button", name="Enregistrer le cadrage").click()
    expect(page.get_by_text("Le cadrage est enregistré.")).to_be_visible()
    on_phone_too(page)
    departement.refresh_from_db()
    assert departement.modules == ["gouvernance", "recit", "vivant"]
    assert departement.steps.get(code="2").depth == "approfondi"
    assert departement.steps.get(code="3C").depth == "standard"

    # Different menus and journeys.
    page.goto(f"{site}/demarches/{departement.slug}/parcours/")
    expect(menu(page).get_by_role("link", name="Acteurs du territoire")).to_be_attached()
    expect(page.get_by_text("Profondeur : Approfondi").first).to_be_visible()
    expect(page.get_by_role("heading", name="Gouvernance et coopération")).to_be_visible()
    expect(page.get_by_role("heading", name="Mise en récit")).to_be_visible()
    expect(page.get_by_text("Et ensuite ?").first).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)

    page.goto(f"{site}/demarches/{commune.slug}/parcours/")
    expect(menu(page).get_by_role("link", name="Acteurs du territoire")).to_have_count(0)
    expect(page.get_by_text("Profondeur : Léger").first).to_be_visible()
    expect(page.get_by_text("Profondeur : Approfondi")).to_have_count(0)
    expect(page.get_by_text("Aucune brique complémentaire n’est activée")).to_be_visible()
    assert_accessible(page)

    # A page of the governance brique, on the commune: explained, with the way to activate.
    page.goto(site + reverse("governance:actor_list", args=[commune.slug]))
    expect(
        page.get_by_role("heading", name="Cette page fait partie d’une brique non activée")
    ).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)
    page.get_by_role("button", name="Activer la brique « Gouvernance et coopération »").click()
    expect(page.get_by_text("est activée pour la démarche")).to_be_visible()
    expect(menu(page).get_by_role("link", name="Acteurs du territoire")).to_be_attached()
    commune.refresh_from_db()
    assert commune.modules == ["gouvernance"]

    # Different deliverables: each step's at its depth, and the briques' own.
    page.goto(f"{site}/demarches/{departement.slug}/parcours/")
    expect(
        page.get_by_text("Portrait de résilience détaillé, par thème et par secteur")
    ).to_be_attached()
    page.goto(f"{site}/demarches/{commune.slug}/parcours/")
    expect(page.get_by_text("Portrait de résilience synthétique").first).to_be_attached()
    expect(
        page.get_by_text("Portrait de résilience détaillé, par thème et par secteur")
    ).to_have_count(0)
    story = page.get_by_label("Livrable adopté").locator("option", has_text="Récit du territoire")
    page.goto(f"{site}/demarches/{departement.slug}/versions-adoptees/")
    expect(story).to_have_count(1)
    page.goto(f"{site}/demarches/{commune.slug}/versions-adoptees/")
    expect(story).to_have_count(0)

    # The commune adopts its portrait; the team's edits afterwards never change it.
    page.get_by_label("Livrable adopté").select_option("portrait")
    page.get_by_label("Date de la délibération").fill("2026-11-20")
    page.get_by_label("Numéro de la délibération").fill("2026-77")
    page.get_by_role("button", name="Figer la version adoptée").click()
    expect(page.get_by_text("est figé en version 1 adoptée")).to_be_visible(timeout=60_000)
    adopted = AdoptedVersion.objects.get(approach=commune)
    assert_accessible(page)
    before = download_adopted(page)
    assert hashlib.sha256(before).hexdigest() == adopted.sha256
    page.goto(f"{site}/demarches/{commune.slug}/portrait/lecture/")
    page.get_by_label("Type").select_option(label="Force")
    page.get_by_label("Texte").fill("Un tissu associatif très vivant.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le portrait est enregistré.")).to_be_visible()
    expect(page.get_by_text("Un tissu associatif très vivant.").first).to_be_visible()
    page.goto(f"{site}/demarches/{commune.slug}/versions-adoptees/")
    expect(page.get_by_text(adopted.sha256)).to_be_visible()
    assert download_adopted(page) == before
    assert AdoptedVersion.objects.filter(approach=commune).count() == 1
    assert bytes(AdoptedVersion.objects.get(approach=commune).content) == before
    on_phone_too(page)


def download_adopted(page: Page) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name="Document adopté (PDF)").first.click()
    return Path(download.value.path()).read_bytes()


@pytest.fixture
def demo(db: Any) -> Any:
    from ressort.approaches.demo import load_demo
    from ressort.territories.importer import import_official_territories
    from tests.territories.test_import import CONTOURS, DATA

    import_official_territories(DATA, CONTOURS)
    approach, _ = load_demo()
    return approach


def test_the_demos_statuses_follow_its_content_and_its_calendar_today(
    site: str, page: Page, login_as: Any, demo: Any
) -> None:
    """The demo as a new visitor opens it: the steps done are « Terminée » and planned in the
    past, those under way run through today, the rest are to come."""
    from django.contrib.auth import get_user_model

    from ressort.analysis.typography import day as date_fr
    from ressort.approaches import progress
    from ressort.approaches.demo import DEMO_ACCOUNTS

    page.set_default_timeout(30_000)
    login_as(get_user_model().objects.get(email=DEMO_ACCOUNTS[1].email))
    page.goto(f"{site}/demarches/{demo.slug}/parcours/")
    today = date.today()
    steps = progress.progress(demo, today)
    assert {s.status_label for s in steps} >= {"Terminée", "En cours"}
    for s in steps:
        item = page.locator(f"#etape-{s.code}")
        expect(item.get_by_role("heading").first).to_contain_text(s.status_label)
        planned = s.method_step
        start, end = (
            re.sub("<[^>]+>", "", date_fr(d)) for d in (planned.start_date, planned.end_date)
        )
        expect(item).to_contain_text(f"Prévue du {start} au {end}")
        if s.status_label == "Terminée":
            assert planned.end_date < today, s.code
        elif s.status_label == "En cours":
            assert planned.start_date <= today <= planned.end_date, s.code
    expect(page.get_by_text("En retard")).to_have_count(0)
    assert_accessible(page)
    on_phone_too(page)


def test_accompaniment_follow_up_and_portfolio(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    page.set_default_timeout(30_000)
    login_as(personas["facilitateur"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    menu(page).get_by_role("link", name="Accompagnement").click()
    expect(page.get_by_role("heading", name="Suivi de l’accompagnement")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Ajouter une séance tenue").click()
    page.get_by_label("Date").fill("2026-11-17")
    page.get_by_label("Objet").fill("Atelier d'analyse")
    page.get_by_label("Étape").select_option(label="Étape 2")
    page.get_by_label("Format").select_option(label="Atelier")
    page.get_by_label("Jours d’accompagnement").fill("1,5")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La séance est enregistrée.")).to_be_visible()
    expect(page.get_by_role("cell", name="1,5 j").first).to_be_visible()
    on_phone_too(page)

    menu(page).get_by_role("link", name="Calendrier", exact=True).click()
    expect(page.get_by_text("1 séance tenue du 17 novembre 2026")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site}/demarches/")
    expect(page.get_by_role("link", name="CAPI résiliente")).to_be_visible()
    expect(page.get_by_text("1,5 j").first).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)
    page.get_by_label("Statut").select_option(label="Terminée")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("Aucune de vos démarches ne correspond à ces filtres")).to_be_visible()
