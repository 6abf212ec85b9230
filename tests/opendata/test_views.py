"""Open-data pages: rights (every member reads, outsiders get 404, partners cannot write),
the one-click catalogue, the refresh button through the queue, the past-shocks timeline."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from ressort.approaches.models import Approach
from ressort.fieldwork.models import Hazard
from ressort.opendata.models import FetchRecord, PastShock
from ressort.portrait.models import Indicator
from tests.conftest import page_text
from tests.opendata.conftest import Answers

pytestmark = pytest.mark.django_db


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/"


@pytest.fixture
def client_as(client: Any, personas: dict[str, Any]) -> Any:
    def login(who: str) -> Any:
        client.force_login(personas[who])
        return client

    return login


def test_pages_for_every_role_and_404_for_outsiders(approach: Approach, client_as: Any) -> None:
    shock = PastShock.objects.create(approach=approach, kind="canicule", title="Canicule d'août")
    pages = ["indicateurs/catalogue/", "donnees-ouvertes/", "chocs-passes/"]
    for who in ("facilitateur", "equipe", "partenaire"):
        client = client_as(who)
        for page in pages:
            assert client.get(base(approach) + page).status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in [*pages, f"chocs-passes/{shock.pk}/", f"chocs-passes/{shock.pk}/supprimer/"]:
        assert outsider.get(base(approach) + page).status_code == 404, page
    assert (
        outsider.post(base(approach) + "indicateurs/catalogue/ajouter/", {"tout": "1"}).status_code
        == 404
    )
    assert outsider.post(base(approach) + "donnees-ouvertes/actualiser/").status_code == 404
    assert not Indicator.objects.filter(approach=approach).exists()


def test_partner_reads_but_cannot_add_or_refresh(approach: Approach, client_as: Any) -> None:
    client = client_as("partenaire")
    page = page_text(client.get(base(approach) + "indicateurs/catalogue/"))
    assert "Ajouter tout le catalogue" not in page
    assert (
        client.post(base(approach) + "indicateurs/catalogue/ajouter/", {"tout": "1"}).status_code
        == 403
    )
    assert client.post(base(approach) + "donnees-ouvertes/actualiser/").status_code == 403
    assert client.post(base(approach) + "chocs-passes/catnat/").status_code == 403


def test_another_demarche_shock_is_404(
    approach: Approach, personas: dict[str, Any], client_as: Any
) -> None:
    other = PastShock.objects.create(
        approach=personas["other_approach"], kind="inondation", title="Crue ailleurs"
    )
    client = client_as("facilitateur")
    assert client.get(base(approach) + f"chocs-passes/{other.pk}/").status_code == 404
    assert client.post(base(approach) + f"chocs-passes/{other.pk}/supprimer/").status_code == 404
    assert PastShock.objects.filter(pk=other.pk).exists()


def test_one_click_catalogue_then_adapt(approach: Approach, client_as: Any) -> None:
    client = client_as("equipe")
    response = client.post(
        base(approach) + "indicateurs/catalogue/ajouter/",
        {"dimension": ["water", "P3"]},
        follow=True,
    )
    codes = set(approach.indicators.values_list("code", flat=True))
    assert {"conformite-bacteriologique", "prelevements-eau-potable", "arretes-catnat"} <= codes
    assert "taux-pauvrete" not in codes
    assert "indicateurs ajoutés" in page_text(response)
    water = approach.indicators.get(code="conformite-bacteriologique")
    assert water.social_floor == 96.2 and "Diag360" in water.threshold_source
    assert water.aggregation == "ratio" and water.level == "commune"
    water.social_floor = 99
    water.save()
    response = client.post(
        base(approach) + "indicateurs/catalogue/ajouter/", {"tout": "1"}, follow=True
    )
    assert "déjà présent" in page_text(response)
    water.refresh_from_db()
    assert water.social_floor == 99  # the team's adaptation is kept
    nothing = client.post(base(approach) + "indicateurs/catalogue/ajouter/", {}, follow=True)
    assert "Aucune dimension choisie" in page_text(nothing)


def test_refresh_button_runs_through_the_queue(
    montlucon_approach: Approach, answers: Answers, client: Any
) -> None:
    approach = montlucon_approach
    client.force_login(approach.memberships.get().user)
    response = client.post(base(approach) + "donnees-ouvertes/actualiser/", follow=True)
    assert "ajoutez d’abord le catalogue" in page_text(response)
    client.post(
        base(approach) + "indicateurs/catalogue/ajouter/", {"dimension": ["chemical_pollution"]}
    )
    response = client.post(
        base(approach) + "donnees-ouvertes/actualiser/", {"source": "georisques_icpe"}, follow=True
    )
    record = FetchRecord.objects.get(approach=approach)
    assert record.status == "ok" and record.values == 1
    text = page_text(response)
    assert "Géorisques\u00a0: installations classées" in text and "1 valeur enregistrée" in text
    answers.cases["georisques_icpe"] = "timeout"
    response = client.post(base(approach) + "donnees-ouvertes/actualiser/", follow=True)
    assert "n'a pas répondu" in page_text(response)
    assert "conservées" in page_text(response)
    bad = client.post(
        base(approach) + "donnees-ouvertes/actualiser/", {"source": "inconnue"}, follow=True
    )
    assert "Source inconnue" in page_text(bad)


def test_shock_timeline_journey(approach: Approach, client_as: Any) -> None:
    client = client_as("equipe")
    hazard = Hazard.objects.create(approach=approach, code="crue-locale", label="Crue locale")
    url = base(approach) + "chocs-passes/nouveau/"
    response = client.post(
        url,
        {
            "kind": "inondation",
            "title": "Crue du Cher",
            "started_on": "2021-06-20",
            "ended_on": "2021-06-10",
            "lessons": "Prévenir plus tôt.",
        },
    )
    assert response.status_code == 200
    assert "La fin ne peut pas précéder le début." in page_text(response)
    assert not PastShock.objects.filter(approach=approach).exists()
    client.post(
        url,
        {
            "kind": "inondation",
            "title": "Crue du Cher",
            "started_on": "2021-06-10",
            "ended_on": "2021-06-20",
            "lessons": "Prévenir plus tôt.",
            "hazards": [hazard.pk],
        },
    )
    shock = PastShock.objects.get(approach=approach)
    assert shock.started_on == datetime.date(2021, 6, 10)
    assert list(shock.hazards.all()) == [hazard]
    page = page_text(client.get(base(approach) + "chocs-passes/"))
    assert "Crue du Cher" in page and "2021" in page and "Prévenir plus tôt." in page
    assert "Crue locale" in page
    client.post(base(approach) + f"chocs-passes/{shock.pk}/supprimer/")
    assert not PastShock.objects.filter(approach=approach).exists()


def test_catnat_button_seeds_the_timeline(
    montlucon_approach: Approach, answers: Answers, client: Any
) -> None:
    approach = montlucon_approach
    client.force_login(approach.memberships.get().user)
    client.post(base(approach) + "chocs-passes/catnat/")
    assert approach.indicators.filter(code="arretes-catnat").exists()
    page = page_text(client.get(base(approach) + "chocs-passes/"))
    assert "Sécheresse" in page and "Arrêté CatNat (Géorisques)" in page
    assert PastShock.objects.filter(approach=approach).count() == 3
