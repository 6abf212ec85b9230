"""The demo's governance, living and just-transition briques on a 390 px phone, as a new
user would use them (issues 19 and 21): every page axe-clean and no wider than the phone.

- Governance: the facilitator reads the actor map (15 actors and the spokespeople of the
  living, apart), the MACTOR of 8 actors × 6 objectives (balance of power, convergence
  graph), the conflict worked through mediation and the cooperation agreement; then scores
  the internal governance grid in a live workshop with a participant's phone, and the
  medians land in the diagnosis.
- The living and a just transition: a milieu placed on the field map with the place picker;
  the spokespeople's mentions beside the vote, not counted; acceptability asked from an
  inhabitant's phone and sent into the justice brique.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.models import Approach, Role
from ressort.governance.models import GovernanceDiagnosis
from ressort.justice.models import AcceptabilityAnswer
from ressort.living.models import Milieu
from ressort.territories.importer import import_official_territories
from tests.browser.conftest import assert_accessible
from tests.territories.test_import import CONTOURS, DATA

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def fits(page: Page) -> None:
    """Axe-clean, and the page does not scroll sideways at 390 px."""
    page.emulate_media(reduced_motion="reduce")
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} déborde : {width} px"


def field(page: Page, label: str) -> Any:
    """A form field by its label, required (« Nom* ») or not."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def demo(login_as: Any, role: Role = Role.FACILITATOR) -> Approach:
    import_official_territories(DATA, CONTOURS)
    approach, _ = load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == role)
    login_as(get_user_model().objects.get(email=account.email))
    return approach


def phone_of(browser: Browser, site: str) -> Page:
    """An inhabitant's phone: its own browser, no account, offline but for the site."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="fr-FR")
    context.route(
        "**/*", lambda route: route.continue_() if site in route.request.url else route.abort()
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def new_live_activity(page: Page, base: str, kind_label: str, title: str) -> str:
    """Creates a live workshop and one activity of the kind, opens it; returns the code."""
    page.goto(f"{base}/ateliers/")
    page.get_by_label("Intitulé").fill(title)
    page.get_by_role("button", name="Créer l’atelier").click()
    code = page.locator("#code-atelier").inner_text().strip()
    # The page's own link, not the menu's entry of the same name (« Acceptabilité des mesures »).
    page.locator("#contenu .col-lg-9").get_by_role("link", name=kind_label, exact=True).click()
    page.get_by_label("Consigne affichée aux participant·es").fill(title)
    return code


def test_governance_demo_on_a_phone(
    site: str, page: Page, login_as: Any, db: Any, browser: Browser
) -> None:
    page.set_default_timeout(30_000)
    page.set_viewport_size(PHONE)
    approach = demo(login_as)
    base = f"{site}/demarches/{approach.slug}"

    page.goto(f"{base}/acteurs/carte/")
    expect(page.get_by_role("img", name="Carte des acteurs du territoire")).to_be_visible()
    expect(page.get_by_text("Préfecture et DDT").first).to_be_attached()
    expect(page.get_by_text("Porte-parole\u00a0: La rivière Bourbre").first).to_be_attached()
    fits(page)

    page.goto(f"{base}/jeux-d-acteurs/")
    page.get_by_role("link", name=re.compile("eau")).first.click()
    page.get_by_role("link", name="Résultats", exact=True).click()
    expect(page.get_by_role("heading", name="Rapports de force")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Préfecture et DDT")).first).to_be_visible()
    expect(
        page.get_by_role("img", name="Graphe des convergences entre acteurs (ordre 3)")
    ).to_be_attached()
    fits(page)

    page.goto(f"{base}/conflits/")
    conflict = approach.actor_conflicts.get()
    page.get_by_role("link", name=conflict.title, exact=True).click()
    expect(page.get_by_text("Médiation").first).to_be_visible()
    fits(page)
    page.goto(f"{base}/cooperation/")
    agreement = approach.cooperation_agreements.get()
    expect(page.get_by_role("heading", name=agreement.title)).to_be_visible()
    fits(page)

    # The internal governance grid scored in a live workshop, from a participant's phone.
    new_live_activity(page, base, "Cotation de la gouvernance interne", "Notre gouvernance")
    page.get_by_role("button", name="Enregistrer l’activité").click()
    page.get_by_role("button", name="Ouvrir « Notre gouvernance »").click()
    code = page.locator("#code-atelier").inner_text().strip()
    fits(page)
    inhabitant = phone_of(browser, site)
    inhabitant.goto(f"{site}/atelier/{code}/")
    inhabitant.get_by_role("button", name="Rejoindre").click()
    decision = inhabitant.get_by_role("group", name="Circuits de décision")
    decision.get_by_label("2 — fragile").check()
    inhabitant.get_by_role("group", name="Transversalité", exact=False).first.get_by_label(
        "1 — à construire"
    ).check()
    fits(inhabitant)
    inhabitant.get_by_role("button", name="Enregistrer mes réponses").click()
    expect(inhabitant.get_by_text("Votre réponse est enregistrée").first).to_be_visible()
    fits(inhabitant)
    inhabitant.context.close()

    page.get_by_role("button", name="Fermer « Notre gouvernance »").click()
    page.get_by_role("link", name="Notre gouvernance").first.click()
    page.get_by_role("button", name="Envoyer les résultats dans la démarche").click()
    expect(page.get_by_text("du diagnostic de la gouvernance interne").first).to_be_visible()
    fits(page)
    scores = dict(
        GovernanceDiagnosis.objects.filter(approach=approach).values_list("criterion", "score")
    )
    assert scores["decision"] == 2
    page.goto(f"{base}/gouvernance-interne/diagnostic/")
    decision = page.get_by_role("group", name="Circuits de décision")
    expect(decision.get_by_label("Appréciation")).to_have_value("2")
    fits(page)


def test_living_and_justice_additions_on_a_phone(
    site: str, page: Page, login_as: Any, db: Any, browser: Browser
) -> None:
    page.set_default_timeout(30_000)
    page.set_viewport_size(PHONE)
    approach = demo(login_as, Role.PROJECT_LEAD)
    base = f"{site}/demarches/{approach.slug}"

    # The demo's six milieux are on the field map; one more is placed with the picker.
    page.goto(f"{base}/terrain/carte/")
    expect(page.get_by_text("milieu vivant (cours d'eau, état dégradé)")).to_be_visible()
    fits(page)
    page.goto(f"{base}/vivant/milieux/ajouter/")
    field(page, "Nom").fill("Mare des Fougères")
    field(page, "Nature").select_option(label="Zone humide")
    page.locator("[data-place-picker]").click(position={"x": 180, "y": 120})
    expect(field(page, "Latitude")).not_to_have_value("")
    fits(page)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le milieu est enregistré.")).to_be_visible()
    pond = Milieu.objects.get(name="Mare des Fougères")
    assert pond.latitude is not None and pond.longitude is not None
    page.goto(f"{base}/terrain/carte/")
    expect(page.locator("[data-field-map]")).not_to_have_attribute("data-map-loaded", "0")
    expect(page.get_by_role("link", name="Mare des Fougères")).to_be_visible()

    # The spokespeople's mentions beside the vote, not counted.
    page.goto(f"{base}/vote/")
    expect(page.get_by_role("heading", name="Les voix du vivant")).to_be_visible()
    expect(page.get_by_text("pas comptées")).to_be_visible()
    fits(page)
    page.goto(f"{base}/conflits-d-usage/")
    page.get_by_role("link", name="Eau de la nappe de la Bourbre en été").first.click()
    expect(page.get_by_role("heading", name="Les voix du vivant sur ce conflit")).to_be_visible()
    fits(page)

    # Acceptability asked from an inhabitant's phone, sent into the justice brique.
    before = sum(AcceptabilityAnswer.objects.values_list("count", flat=True))
    new_live_activity(page, base, "Acceptabilité des mesures", "Des mesures pour vous")
    page.get_by_label("Réseau de chaleur bois à Villefontaine").check()
    page.get_by_label("Ménages en précarité énergétique", exact=False).first.check()
    page.get_by_role("button", name="Enregistrer l’activité").click()
    page.get_by_role("button", name="Ouvrir « Des mesures pour vous »").click()
    code = page.locator("#code-atelier").inner_text().strip()
    inhabitant = phone_of(browser, site)
    inhabitant.goto(f"{site}/atelier/{code}/")
    inhabitant.get_by_role("button", name="Rejoindre").click()
    inhabitant.get_by_label("Vous vous situez plutôt parmi (facultatif)").select_option(index=1)
    measure = inhabitant.get_by_role("group", name="Réseau de chaleur bois à Villefontaine")
    measure.get_by_role("group", name="Acceptable pour moi").get_by_label("3 — plutôt").check()
    measure.get_by_role("group", name="Abordable pour moi").get_by_label("2 — plutôt pas").check()
    fits(inhabitant)
    inhabitant.get_by_role("button", name="Enregistrer mes réponses").click()
    expect(inhabitant.get_by_text("Votre réponse est enregistrée").first).to_be_visible()
    fits(inhabitant)
    inhabitant.context.close()

    page.get_by_role("button", name="Fermer « Des mesures pour vous »").click()
    page.get_by_role("link", name="Des mesures pour vous").first.click()
    expect(page.get_by_text("Toutes les réponses").first).to_be_visible()
    fits(page)
    page.get_by_role("button", name="Envoyer les résultats dans la démarche").click()
    expect(page.get_by_text("1 réponse d’acceptabilité sur 1 mesure").first).to_be_visible()
    assert sum(AcceptabilityAnswer.objects.values_list("count", flat=True)) == before + 1
    page.goto(f"{base}/transition-juste/acceptabilite/")
    expect(page.get_by_role("cell", name="Ménages en précarité énergétique").first).to_be_visible()
    fits(page)
