"""On a phone: note an observation on site (photo with GPS, place by tapping the map),
record a testimony (the consent rule), confirm a suggested dimension, see the field map."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.fieldwork import tags
from ressort.fieldwork.models import Observation, Quote
from tests.browser.conftest import assert_accessible
from tests.fieldwork.conftest import HashedWords, jpeg_with_gps

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": PHONE, "has_touch": True}


@pytest.fixture(autouse=True)
def private_media(settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    monkeypatch.setattr(tags, "get_embedder", lambda: HashedWords())


def fits_the_phone(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"


def test_field_journey_on_a_phone(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any, tmp_path: Any
) -> None:
    login_as(personas["equipe"])
    page.goto(f"{site}/demarches/{approach.slug}/terrain/observations/")
    expect(page.get_by_role("heading", name="Observations de terrain")).to_be_visible()
    assert_accessible(page)
    # On a phone the démarche menu is folded behind a button, so the page starts with content.
    menu = page.get_by_role("navigation", name="Menu de la démarche")
    expect(menu.get_by_role("link", name="Carte du terrain")).to_be_hidden()
    toggle = menu.get_by_role("button", name="Menu de la démarche")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Carte du terrain")).to_be_visible()
    expect(page.locator("#menu-demarche")).to_have_class(re.compile(r"\bshow\b"))  # opened
    toggle.click()
    expect(menu.get_by_role("link", name="Carte du terrain")).to_be_hidden()
    page.get_by_role("link", name="Noter une observation").click()

    page.get_by_label("Titre").fill("Ruisseau du Vernay à sec")
    page.get_by_label("Ce qui a été observé").fill(
        "Plus une goutte sous la passerelle, les restrictions d'eau potable sont affichées."
    )
    page.get_by_label("Date de l’observation").fill("2026-07-20")
    photo = tmp_path / "IMG_2026.jpg"
    photo.write_bytes(jpeg_with_gps(size=(1200, 900)))
    page.get_by_label("Photo", exact=True).set_input_files(str(photo))
    page.get_by_label("Ce que montre la photo").fill("Le lit du ruisseau, à sec")
    page.get_by_label("Lieu", exact=True).fill("Nivolas-Vermelle")
    # Tap the map: the coordinates fields receive the point.
    the_map = page.locator("[data-place-picker]")
    expect(the_map.locator(".leaflet-pane").first).to_be_attached()
    the_map.click(position={"x": 120, "y": 80})
    expect(page.get_by_role("spinbutton", name="Latitude")).not_to_have_value("")
    latitude = float(page.get_by_role("spinbutton", name="Latitude").input_value())
    assert 44 < latitude < 47
    page.get_by_text("Plutôt une vulnérabilité").click()
    page.locator("summary", has_text="Dimensions des référentiels").click()
    page.get_by_role("group", name="Dimensions des référentiels").get_by_label(
        "Eau", exact=True
    ).check()
    fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer l’observation").click()

    expect(page.get_by_role("heading", name="Ruisseau du Vernay à sec")).to_be_visible()
    image = page.get_by_role("img", name="Le lit du ruisseau, à sec")
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.naturalWidth") == 1200
    expect(page.get_by_text("privée (membres seulement)")).to_be_visible()
    obs = Observation.objects.get()
    assert obs.latitude == pytest.approx(latitude, abs=1e-6)  # the tapped point wins
    assert obs.dimensions == ["water"] and obs.photos.count() == 1
    fits_the_phone(page)
    assert_accessible(page)

    # A testimony: a name without consent is refused, in French, on the field.
    page.goto(f"{site}/demarches/{approach.slug}/terrain/temoignages/nouveau/")
    page.get_by_label("Qui parle").select_option("agriculteur")
    page.get_by_label("Nom de la personne").fill("Jeanne Perrin")
    page.get_by_label("Date").fill("2026-03-12")
    page.get_by_label("Vécu, ressenti").fill("Le forage baisse chaque été.")
    page.get_by_role("button", name="Enregistrer le témoignage").click()
    expect(page.get_by_text("Un nom ne peut être enregistré que si la personne")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nom de la personne").fill("")
    page.get_by_role("button", name="Enregistrer le témoignage").click()
    expect(page.get_by_role("heading", name="Agriculteur·rice")).to_be_visible()

    page.get_by_label("Citation (les mots de la personne)").fill(
        "Les restrictions d'eau potable reviennent chaque été, mon forage baisse."
    )
    page.get_by_role("button", name="Ajouter la citation").click()
    page.get_by_role("link", name="Suggérer des dimensions").click()
    confirm = page.get_by_role("button", name="Confirmer « Eau »")
    expect(confirm).to_be_visible()
    assert_accessible(page)
    confirm.click()
    expect(page.get_by_role("button", name="Confirmer « Eau »")).to_have_count(0)
    expect(page.locator(".rs-suggestions").get_by_text("Eau", exact=True)).to_be_visible()
    expect(page.get_by_text("Dimensions retenues")).to_have_count(1)  # swapped, not added
    assert Quote.objects.get().dimensions == ["water"]
    fits_the_phone(page)

    page.goto(f"{site}/demarches/{approach.slug}/terrain/carte/")
    expect(page.locator("[data-field-map]")).to_have_attribute("data-map-loaded", "1")
    expect(page.get_by_role("link", name="Ruisseau du Vernay à sec")).to_be_visible()
    fits_the_phone(page)
    assert_accessible(page)

    page.goto(f"{site}/demarches/{approach.slug}/terrain/inventaire/")
    assert_accessible(page)
    # The inventory form on the phone: a vulnerability backed by the observation.
    page.goto(f"{site}/demarches/{approach.slug}/terrain/inventaire/vulnerabilite/nouvelle/")
    page.get_by_label("Intitulé").fill("Ruisseaux à sec l'été")
    page.get_by_text("3 — forte").click()
    page.locator("summary", has_text="Aléas liés").click()
    page.get_by_label("Sécheresse", exact=True).check()
    page.get_by_label("Observations").select_option(label="Ruisseau du Vernay à sec")
    fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name="Ruisseaux à sec l'été")).to_be_visible()
    expect(page.get_by_role("link", name="Ruisseau du Vernay à sec")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{site}/demarches/{approach.slug}/terrain/aleas/")
    expect(page.get_by_role("cell", name="Canicule, vague de chaleur")).to_be_visible()
    assert_accessible(page)
