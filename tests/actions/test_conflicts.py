"""Conflicts of use: register, uses, options, arbitration, automatic detection, rights."""

from typing import Any

import pytest

from ressort.actions.models import Action, Arbitration, ContestedResource, Evaluation
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def test_register_and_arbitration(approach: Any, client_as: Any) -> None:
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/conflits-d-usage/"
    assert "Le registre est vide" in page_text(client.get(url))
    assert client.post(url, {"name": "Nappe de la Bourbre", "kind": "eau"}).status_code == 405
    response = client.post(f"{url}ajouter/", {"name": "Nappe de la Bourbre", "kind": "eau"})
    resource = ContestedResource.objects.get()
    detail = f"{url}{resource.pk}/"
    assert response["Location"] == detail
    client.post(
        f"{detail}usages/",
        {"u-use": "Irrigation", "u-actors": "Maraîchers", "u-claim": "Été"},
    )
    client.post(f"{detail}options/", {"o-title": "Quotas d'été"})
    option = resource.options.get()
    irrigation = Action.objects.create(approach=approach, title="Irrigation")
    bottling = Action.objects.create(approach=approach, title="Embouteillage")
    client.post(f"{detail}actions/", {"actions": [irrigation.pk, bottling.pk]})
    assert set(resource.actions.all()) == {irrigation, bottling}
    bad = client.post(f"{detail}arbitrages/", {"a-decision": "x"})
    assert bad.status_code == 200 and not Arbitration.objects.exists()
    assert "Rien n’est enregistré" in page_text(bad)
    client.post(
        f"{detail}arbitrages/",
        {
            "a-criteria": "Eau potable d'abord",
            "a-decided_by": "Bureau communautaire",
            "a-decided_on": "2026-06-12",
            "a-option": option.pk,
            "a-decision": "Quotas de juillet à septembre",
            "a-rationale": "Préserver l'eau potable",
        },
    )
    text = page_text(client.get(detail))
    assert "Décision du 12\u00a0juin 2026 — Bureau communautaire" in text and "Quotas d'été" in text
    listing = page_text(client.get(url))
    assert "arbitré le 12/06/2026" in listing
    assert "Irrigation" in listing and "Embouteillage" in listing  # shared resource detected


def test_opposite_pushes_detected(approach: Any, client_as: Any) -> None:
    a = Action.objects.create(approach=approach, title="Irrigation")
    b = Action.objects.create(approach=approach, title="Sobriété")
    Evaluation.objects.create(action=a, dimension_code="freshwater", effect=-2)
    Evaluation.objects.create(action=b, dimension_code="freshwater", effect=1)
    text = page_text(client_as("partenaire").get(f"/demarches/{approach.slug}/conflits-d-usage/"))
    assert "Sobriété (+1)" in text and "Irrigation (-2)" in text


def test_deletes(approach: Any, client_as: Any) -> None:
    resource = ContestedResource.objects.create(approach=approach, name="Forêt", kind="foret")
    use = resource.uses.create(use="Bois énergie")
    client = client_as("equipe")
    base = f"/demarches/{approach.slug}/conflits-d-usage/"
    client.post(f"{base}usages/{use.pk}/supprimer/")
    assert not resource.uses.exists()
    client.post(f"{base}{resource.pk}/supprimer/")
    assert not ContestedResource.objects.exists()


def test_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    mine = ContestedResource.objects.create(approach=approach, name="Eau")
    use = mine.uses.create(use="x")
    foreign = ContestedResource.objects.create(approach=personas["other_approach"], name="Eau")
    url = f"/demarches/{approach.slug}/conflits-d-usage/"
    partner = client_as("partenaire")
    assert partner.get(f"{url}{mine.pk}/").status_code == 200
    assert partner.post(f"{url}{mine.pk}/options/", {"o-title": "x"}).status_code == 403
    assert partner.post(f"{url}usages/{use.pk}/supprimer/").status_code == 403
    team = client_as("equipe")
    assert team.get(f"{url}{foreign.pk}/").status_code == 404
    assert team.post(f"{url}{foreign.pk}/supprimer/").status_code == 404
    assert ContestedResource.objects.count() == 2
    assert client_as("outsider").get(url).status_code == 404


def test_arbitration_corrected_with_its_history(
    approach: Any, personas: dict[str, Any], client_as: Any
) -> None:
    resource = ContestedResource.objects.create(approach=approach, name="Nappe", kind="eau")
    option = resource.options.create(title="Quotas d'été")
    client = client_as("equipe")
    base = f"/demarches/{approach.slug}/conflits-d-usage/"
    client.post(
        f"{base}{resource.pk}/arbitrages/",
        {
            "a-criteria": "Eau potable d'abord",
            "a-decided_by": "Bureau",
            "a-decided_on": "2026-06-12",
            "a-option": option.pk,
            "a-decision": "Quotas de juillet à septembre",
            "a-rationale": "Préserver l'eau potable",
        },
    )
    arbitration = Arbitration.objects.get()
    url = f"{base}arbitrages/{arbitration.pk}/"
    resource_page = page_text(client.get(f"{base}{resource.pk}/"))
    assert "Corriger l’arbitrage du 12\u00a0juin 2026" in resource_page
    bad = client.post(url, {"decision": ""})
    assert bad.status_code == 200 and Arbitration.objects.get().decided_by == "Bureau"
    response = client.post(
        url,
        {
            "criteria": "Eau potable d'abord",
            "decided_by": "Conseil communautaire",
            "decided_on": "2026-07-03",
            "option": option.pk,
            "decision": "Quotas de juin à septembre",
            "rationale": "Préserver l'eau potable",
        },
    )
    assert response.status_code == 302
    corrected = Arbitration.objects.get()
    assert corrected.decision == "Quotas de juin à septembre"
    assert corrected.history.count() == 2
    text = page_text(client.get(url))
    assert "Historique (2 versions)" in text
    before = "avant\u00a0: «\u00a0Quotas de juillet à septembre\u00a0» (Bureau, 12\u00a0juin 2026)"
    assert before in text
    assert "modifié (qui a décidé, date de la décision, décision)" in text
    foreign = ContestedResource.objects.create(approach=personas["other_approach"], name="Eau")
    theirs = Arbitration.objects.create(
        resource=foreign,
        criteria="x",
        decided_by="x",
        decided_on="2026-01-01",
        decision="x",
        rationale="x",
    )
    assert client.get(f"{base}arbitrages/{theirs.pk}/").status_code == 404
    assert client_as("partenaire").get(url).status_code == 403
