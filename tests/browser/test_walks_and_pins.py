"""On a phone of 390 px: a walk's page (its route and observations on the map) and its
form, the field map with the walk; a workshop on the imagery: a participant taps the aerial
image, comments, and the projector shows the pin on both images. Axe-clean throughout."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.basemaps import AerialLayer
from ressort.fieldwork.models import Walk
from ressort.workshops import kinds, services
from ressort.workshops.models import Activity, Workshop
from tests.browser.conftest import assert_accessible
from tests.fieldwork import factories

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": PHONE, "has_touch": True}


def fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"


def test_a_walk_on_a_phone(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    obs = factories.observation(approach)
    walk = Walk.objects.create(
        approach=approach,
        title="Marche du Vernay",
        walked_on=dt.date(2026, 11, 28),
        participants="2 élus, 6 habitants",
        route=[[5.2730, 45.5860], [5.2740, 45.5866], [5.2750, 45.5870]],
        length_m=190,
        source="gpx",
    )
    walk.observations.add(obs)
    login_as(personas["equipe"])
    page.goto(f"{site}{walk.get_absolute_url()}")
    expect(page.locator("[data-walk-map]")).to_have_attribute("data-map-loaded", "2")
    expect(page.get_by_role("link", name=obs.title)).to_be_visible()
    fits(page)
    assert_accessible(page)
    page.get_by_role("link", name="Modifier la marche").click()
    expect(page.get_by_label("Trace au format GPX")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer la trace")).to_be_visible()
    fits(page)
    assert_accessible(page)
    page.goto(f"{site}/demarches/{approach.slug}/terrain/marches/")
    expect(page.get_by_role("link", name="Marche du Vernay")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{site}/demarches/{approach.slug}/terrain/carte/")
    expect(page.locator("[data-field-map]")).to_have_attribute("data-map-loaded", "2")
    expect(page.get_by_text("parcours d’une marche").last).to_be_visible()


def test_pins_on_the_imagery(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, settings: Any
) -> None:
    tile = f"{site}/static/fieldwork/icon-192.png"
    settings.RESSORT_AERIAL_LAYERS = [
        AerialLayer("Image de test actuelle", tile, "Ressort (test)", "2026"),
        AerialLayer("Image de test ancienne", tile, "Ressort (test)", "1950–1965"),
    ]
    workshop = Workshop(
        approach=approach, title="Atelier paysages", created_by=personas["facilitateur"]
    )
    workshop.code_expires_at = workshop.default_expiry()
    workshop.save()
    config = kinds.get_kind("photo").build_config(
        {"latitude": 45.617, "longitude": 5.158, "zoom": 16, "then_layer": "1", "now_layer": "0"},
        approach,
    )
    act = Activity.objects.create(
        workshop=workshop, kind="photo", title="Ce qui a changé", config=config, order=1
    )
    services.set_state(act, Activity.State.OPEN)

    page.goto(f"{site}/atelier/{workshop.join_code}/")
    page.get_by_role("button", name="Rejoindre").click()
    the_map = page.locator("[data-pin-map]")
    expect(the_map.locator(".leaflet-tile-loaded").first).to_be_attached()
    fits(page)
    assert_accessible(page)
    the_map.click(position={"x": 150, "y": 100})
    expect(
        page.get_by_label("Latitude de l’épingle (remplie en touchant la photo)")
    ).not_to_have_value("")
    page.get_by_label("Ce que vous voyez ici").fill("Ici la haie a disparu")
    page.get_by_role("button", name="Poser l’épingle").click()
    expect(page.get_by_role("heading", name="Vos épingles")).to_be_visible()
    expect(page.locator("[data-pin-mine]")).to_contain_text("Ici la haie a disparu")
    assert act.answers.count() == 1
    assert_accessible(page)

    projector = page.context.new_page()
    projector.route(
        "**/*", lambda route: route.continue_() if site in route.request.url else route.abort()
    )
    page.context.clear_cookies()
    login_as(personas["facilitateur"])
    projector.set_viewport_size({"width": 1280, "height": 800})
    projector.goto(f"{site}/demarches/{approach.slug}/ateliers/{workshop.pk}/projection/")
    expect(projector.locator("[data-pins-projection]")).to_have_attribute("data-pins", "1")
    expect(projector.locator(".rs-pin")).to_have_count(2)  # the pin on both images
