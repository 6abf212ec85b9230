"""A facilitator of CA Montluçon Communauté adds the indicator catalogue in one click, fetches
the open data (answers shipped under tests/data/opendata, one source timing out), reads the
portrait with sources and years, and completes the past-shocks timeline seeded from CatNat
decrees; axe checks every page, at desktop width and on a 390 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from ressort.approaches.models import Approach
from ressort.opendata.models import PastShock
from tests.browser.conftest import assert_accessible
from tests.browser.test_governance import field, on_phone_too
from tests.opendata.conftest import Answers, answers, montlucon, montlucon_approach  # noqa: F401

pytestmark = pytest.mark.browser


@override_settings(RESSORT_ATMO_USERNAME="test", RESSORT_ATMO_PASSWORD="secret")
def test_catalogue_open_data_and_past_shocks(
    site: str,
    page: Page,
    login_as: Any,
    montlucon_approach: Approach,  # noqa: F811 (fixtures imported above)
    answers: Answers,  # noqa: F811
) -> None:
    page.set_default_timeout(60_000)  # one request per commune and source, 21 communes
    approach = montlucon_approach
    answers.cases["ore_consommation"] = "timeout"
    login_as(approach.memberships.get().user)
    root = f"{site}/demarches/{approach.slug}/"
    page.goto(root + "indicateurs/")
    page.get_by_role("link", name="Ajouter depuis le catalogue").click()
    expect(page.get_by_role("heading", name="Catalogue d’indicateurs")).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)
    page.get_by_role("button", name="Ajouter tout le catalogue").click()
    expect(page.get_by_text("indicateurs ajoutés")).to_be_visible()
    expect(page.get_by_role("heading", name="Données ouvertes", level=1)).to_be_visible()
    page.get_by_role("button", name="Actualiser toutes les sources").click()
    expect(page.get_by_text("La récupération est lancée")).to_be_visible()
    expect(page.get_by_text("n'a pas répondu").first).to_be_visible()
    expect(page.get_by_text("valeurs enregistrées").first).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)

    page.goto(root + "portrait/")
    expect(page.get_by_text("Taux de pauvreté").first).to_be_visible()
    expect(page.get_by_text("DS_FILOSOFI_CC 2021").first).to_be_visible()
    on_phone_too(page)

    page.goto(root + "chocs-passes/")
    expect(page.get_by_text("Sécheresse").first).to_be_visible()
    assert_accessible(page)
    on_phone_too(page)
    page.get_by_role("link", name="Ajouter un choc").click()
    field(page, "Type d’événement").select_option(label="Choc économique")
    field(page, "Intitulé").fill("Fermeture de l'usine Dunlop")
    field(page, "Début").fill("2024-06-01")
    field(page, "Fin").fill("2024-01-01")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La fin ne peut pas précéder le début.")).to_be_visible()
    assert_accessible(page)
    field(page, "Fin").fill("2024-12-31")
    field(page, "Enseignements tirés").fill("Accompagner les salariés dès l'annonce.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le choc est enregistré dans la frise.")).to_be_visible()
    expect(page.get_by_text("Accompagner les salariés dès l'annonce.")).to_be_visible()
    on_phone_too(page)
    assert PastShock.objects.filter(approach=approach).count() == 4
