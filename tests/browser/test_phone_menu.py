"""The démarche menu on a phone (390 × 844): folded behind a button; opened, a compact list
of phases, each unfolding its pages (the current page's phase unfolded); searchable (accents
and case ignored, a phase's name finds its pages), driven by the keyboard, announced to a
screen reader, axe-clean; without JavaScript, a plain list of every page."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def shown_links(page: Page) -> list[str]:
    return [
        text.strip() for text in page.locator("#menu-demarche a.nav-link:visible").all_inner_texts()
    ]


def test_the_phone_menu_is_a_compact_searchable_list_of_phases(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    page.set_viewport_size(PHONE)
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    page.emulate_media(reduced_motion="reduce")
    nav = page.get_by_role("navigation", name="Menu de la démarche")
    search = nav.get_by_label("Chercher une page du menu", exact=True)
    expect(search).to_be_hidden()  # folded: the page starts with its content
    nav.get_by_role("button", name="Menu de la démarche").click()
    expect(search).to_be_visible()
    # A list of phases; the current page's phase is unfolded, the others are not.
    here = nav.get_by_role("button", name="La démarche", exact=True)
    act = nav.get_by_role("button", name="Agir", exact=True)
    expect(here).to_have_attribute("aria-expanded", "true")
    expect(act).to_have_attribute("aria-expanded", "false")
    assert "Accueil et périmètre" in shown_links(page)
    assert "Choisir dans un budget" not in shown_links(page)
    box = page.locator("#menu-liste").bounding_box()
    assert box is not None and box["height"] < 844, box  # was a 1,516 px column of links
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    act.click()
    expect(act).to_have_attribute("aria-expanded", "true")
    expect(nav.get_by_role("link", name="Choisir dans un budget")).to_be_visible()
    act.click()
    expect(nav.get_by_role("link", name="Choisir dans un budget")).to_be_hidden()

    status = nav.get_by_role("status")
    search.fill("budget")
    expect(status).to_have_text("1 page trouvée.")
    assert shown_links(page) == ["Choisir dans un budget"]
    expect(nav.get_by_role("button", name="Suivre", exact=True)).to_be_hidden()  # no match
    # Accents and case do not matter; every word must be found.
    search.fill("REFERENTIELS apprendre")
    assert shown_links(page) == ["Référentiels (apprendre)"]
    # A phase's name finds all its pages.
    search.fill("suivre")
    expect(nav.get_by_role("button", name="Suivre", exact=True)).to_be_visible()
    suivre = shown_links(page)
    assert "Suivi (tableau de bord)" in suivre and "Choisir dans un budget" not in suivre
    expect(status).to_have_text(f"{len(suivre)} pages trouvées.")
    search.fill("zzz")
    expect(status).to_have_text("Aucune page ne correspond.")
    assert shown_links(page) == []
    assert_accessible(page)
    search.press("Escape")
    expect(search).to_have_value("")
    expect(status).to_contain_text("Entrée ouvre la première page trouvée")
    expect(act).to_have_attribute("aria-expanded", "false")  # folded as before the search
    assert "Choisir dans un budget" not in shown_links(page)

    # The keyboard: Flèche bas goes to the first page found, Entrée opens it.
    search.fill("terrain carte")
    search.press("ArrowDown")
    expect(nav.get_by_role("link", name="Carte du terrain", exact=True)).to_be_focused()
    search.fill("budget")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/budget/$"))
    expect(page.get_by_role("heading", name="Choisir des actions dans un budget")).to_be_visible(
        timeout=30_000
    )


def test_on_a_desk_the_menu_is_unfolded_and_searchable(
    site: str, page: Page, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    login_as(personas["chef_projet"])
    page.goto(f"{site}/demarches/{approach.slug}/")
    nav = page.get_by_role("navigation", name="Menu de la démarche")
    expect(nav.get_by_role("link", name="Choisir dans un budget")).to_be_visible()
    expect(nav.get_by_role("button", name="Agir", exact=True)).to_have_count(0)
    nav.get_by_label("Chercher une page du menu", exact=True).fill("jugement MAJORITAIRE")
    assert shown_links(page) == ["Vote au jugement majoritaire"]
    # From a desk to a phone and back: the phases fold, then unfold again.
    phases = page.locator("[data-rs-phase]").count()
    page.set_viewport_size(PHONE)
    expect(page.locator("#menu-demarche .rs-menu-fold")).to_have_count(phases)
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("#menu-demarche .rs-menu-fold")).to_have_count(0)
    expect(nav.get_by_role("link", name="Vote au jugement majoritaire")).to_be_visible()
    assert_accessible(page)


def test_without_javascript_the_menu_is_a_plain_list(
    site: str, page: Page, browser: Browser, login_as: Any, personas: dict[str, Any], approach: Any
) -> None:
    login_as(personas["chef_projet"])
    plain = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="fr-FR")
    plain.add_cookies(page.context.cookies())
    phone = plain.new_page()
    phone.goto(f"{site}/demarches/{approach.slug}/")
    nav = phone.get_by_role("navigation", name="Menu de la démarche")
    expect(nav.get_by_role("link", name="Choisir dans un budget")).to_be_visible()
    expect(nav.get_by_role("link", name="Suivi (tableau de bord)")).to_be_visible()
    expect(nav.get_by_role("button", name="Menu de la démarche")).to_be_hidden()
    expect(nav.get_by_label("Chercher une page du menu", exact=True)).to_be_hidden()
    plain.close()
