"""Actions and policies: list, create, edit, delete; rights."""

from typing import Any

import pytest

from ressort.actions.models import Action
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def test_create_list_filter_edit_delete(approach: Any, client_as: Any, frameworks: None) -> None:
    client = client_as("elu_referent")
    url = f"/demarches/{approach.slug}/actions/"
    assert "Aucune fiche pour l’instant" in page_text(client.get(url))
    response = client.post(
        f"{url}ajouter/", {"kind": "politique", "title": "PLUi en cours", "description": "x"}
    )
    action = Action.objects.get()
    assert response["Location"].endswith(f"/actions/{action.pk}/")
    detail = page_text(client.get(response["Location"]))
    assert "PLUi en cours" in detail and "non évaluée" in detail
    assert "PLUi en cours" in page_text(client.get(url + "?nature=politique"))
    assert "PLUi en cours" not in page_text(client.get(url + "?nature=action"))
    client.post(f"{url}{action.pk}/modifier/", {"kind": "action", "title": "PLUi révisé"})
    assert Action.objects.get().title == "PLUi révisé"
    client.post(f"{url}{action.pk}/supprimer/")
    assert not Action.objects.exists()


def test_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    action = Action.objects.create(approach=approach, title="A")
    foreign = Action.objects.create(approach=personas["other_approach"], title="B")
    partner = client_as("partenaire")
    assert partner.get(f"/demarches/{approach.slug}/actions/{action.pk}/").status_code == 200
    assert (
        partner.get(f"/demarches/{approach.slug}/actions/{action.pk}/modifier/").status_code == 403
    )
    assert (
        partner.post(
            f"/demarches/{approach.slug}/actions/ajouter/", {"title": "x", "kind": "action"}
        ).status_code
        == 403
    )
    assert partner.get(f"/demarches/{approach.slug}/actions/{foreign.pk}/").status_code == 404
    assert client_as("outsider").get(f"/demarches/{approach.slug}/actions/").status_code == 404
