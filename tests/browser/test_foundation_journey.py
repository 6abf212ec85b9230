"""A new user's first steps: sign in, find a territory, create a démarche, frame it, map."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from ressort.approaches.models import Approach
from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def menu(page: Page) -> Any:
    return page.get_by_role("navigation", name="Menu de la démarche")


def test_sign_in_wrong_password_then_right(
    site: str, page: Page, make_user: Any, territories: Any
) -> None:
    make_user("chef@example.org", first_name="Claire", last_name="Chef")
    page.goto(site + "/")
    expect(page.get_by_role("heading", name="Se connecter")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Adresse électronique").fill("chef@example.org")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Adresse électronique ou mot de passe incorrect")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mes démarches")).to_be_visible()
    expect(page.get_by_text("Vous ne participez encore à aucune démarche")).to_be_visible()
    assert_accessible(page)


def test_find_a_territory(
    site: str, page: Page, login_as: Any, make_user: Any, territories: Any
) -> None:
    login_as(make_user("chef@example.org"))
    page.goto(site + "/territoires/")
    assert_accessible(page)
    page.get_by_label("Nom, code INSEE, SIREN ou code postal").fill("porte de l'is")
    result = page.get_by_role("link", name="CA Porte de l'Isère (CAPI)")
    expect(result).to_be_visible()
    assert_accessible(page)
    result.click()
    expect(page.get_by_role("heading", name="CA Porte de l'Isère (CAPI)")).to_be_visible()
    expect(page.get_by_role("cell", name="Bourgoin-Jallieu")).to_be_visible()
    expect(page.locator("[data-map-loaded]")).to_have_attribute("data-map-loaded", "3")
    assert_accessible(page)


def test_create_an_approach_frame_it_and_see_the_map(
    site: str, page: Page, login_as: Any, make_user: Any, territories: Any
) -> None:
    login_as(make_user("chef@example.org"))
    page.goto(site + "/demarches/nouvelle/")
    assert_accessible(page)
    page.get_by_label("Nom de la démarche").fill("Porte de l'Isère 2030")
    field = page.get_by_role("combobox", name="Territoire officiel")
    field.press_sequentially("porte de l'is", delay=20)
    option = page.get_by_role("option", name="CA Porte de l'Isère (CAPI)", exact=False)
    expect(option).to_be_visible()
    assert_accessible(page)
    field.press("ArrowDown")
    field.press("Enter")
    expect(field).to_have_value("CA Porte de l'Isère (CAPI) (EPCI 243800604)")
    page.get_by_role("button", name="Créer la démarche").click()

    expect(page.get_by_role("heading", name="Porte de l'Isère 2030")).to_be_visible()
    expect(page.locator("[data-map-loaded]")).to_have_attribute("data-map-loaded", "3")
    expect(page.get_by_text("48 834 hab.")).to_be_visible()
    assert_accessible(page)
    approach = Approach.objects.get(name="Porte de l'Isère 2030")
    assert approach.communes.count() == 2

    menu(page).get_by_role("link", name="Cadrage").click()
    page.get_by_label("Ambition").fill("Garantir l'eau et l'alimentation face aux canicules.")
    page.get_by_label("Lecture du vivant").check()
    page.get_by_role("button", name="Enregistrer le cadrage").click()
    expect(page.get_by_text("Le cadrage est enregistré.")).to_be_visible()
    assert_accessible(page)
    approach.refresh_from_db()
    assert approach.modules == ["vivant"]

    menu(page).get_by_role("link", name="Gouvernance", exact=True).click()
    page.get_by_label("Instance").select_option(label="Binôme : élu·e référent·e")
    page.get_by_label("Nom").fill("Jeanne Élue")
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_role("cell", name="Jeanne Élue", exact=True)).to_be_visible()
    assert_accessible(page)

    menu(page).get_by_role("link", name="Calendrier", exact=True).click()
    assert_accessible(page)
    menu(page).get_by_role("link", name="Parcours de la méthode").click()
    expect(page.get_by_role("heading", name="Parcours de la méthode")).to_be_visible()
    assert_accessible(page)
    menu(page).get_by_role("link", name="Membres").click()
    assert_accessible(page)


def test_custom_perimeter_with_an_unknown_code_is_refused(
    site: str, page: Page, login_as: Any, make_user: Any, territories: Any
) -> None:
    login_as(make_user("chef@example.org"))
    page.goto(site + "/demarches/nouvelle/")
    page.get_by_label("Nom de la démarche").fill("Nord-Isère")
    page.get_by_label("Un regroupement de communes").check()
    page.get_by_label("Nature et nom du regroupement").fill("Bassin de vie")
    page.get_by_label("Communes du regroupement").fill("38053\n99999")
    page.get_by_role("button", name="Créer la démarche").click()
    expect(page.get_by_text("Codes inconnus : 99999 (ligne 2)")).to_be_visible()
    assert_accessible(page)
    assert not Approach.objects.filter(name="Nord-Isère").exists()
