"""Cadrage, governance, calendar, settings, deletion and members: edits and their rights."""

import re
from html import unescape
from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach, GovernanceMember, Membership, MethodStep, Role


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("facilitateur", True),
        ("chef_projet", True),
        ("elu_referent", False),
        ("equipe", False),
        ("partenaire", False),
    ],
)
def test_framing_edit_rights(personas: Any, approach: Approach, role: str, allowed: bool) -> None:
    response = as_user(personas[role]).post(
        f"/demarches/{approach.slug}/cadrage/",
        {"ambition": "Une ambition", "intentions": "", "modules": ["vivant", "formation"]},
    )
    approach.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert approach.ambition == "Une ambition"
        assert sorted(approach.modules) == ["formation", "vivant"]
    else:
        assert response.status_code == 403
        assert approach.ambition == ""


def test_outsider_cannot_post_anything(personas: Any, approach: Approach) -> None:
    client = as_user(personas["outsider"])
    for url in ["cadrage/", "gouvernance/", "calendrier/", "membres/", "parametres/", "supprimer/"]:
        assert client.post(f"/demarches/{approach.slug}/{url}", {}).status_code == 404
    assert Approach.objects.filter(pk=approach.pk).exists()


def test_unknown_module_is_refused(personas: Any, approach: Approach) -> None:
    response = as_user(personas["facilitateur"]).post(
        f"/demarches/{approach.slug}/cadrage/", {"modules": ["astrologie"]}
    )
    assert response.status_code == 200
    assert "modules" in response.context["form"].errors


def test_governance_add_edit_remove(personas: Any, approach: Approach) -> None:
    client = as_user(personas["chef_projet"])
    url = f"/demarches/{approach.slug}/gouvernance/"
    response = client.post(url, {"body": "binome_elu", "name": "Jeanne", "email": "pas-un-email"})
    assert "email" in response.context["form"].errors
    assert not GovernanceMember.objects.exists()
    client.post(url, {"body": "binome_elu", "name": "Jeanne", "position": "VP"})
    member = GovernanceMember.objects.get()
    client.post(f"{url}{member.pk}/", {"body": "copil", "name": "Jeanne D."})
    member.refresh_from_db()
    assert (member.body, member.name) == ("copil", "Jeanne D.")
    assert as_user(personas["equipe"]).post(f"{url}{member.pk}/retirer/").status_code == 403
    client.post(f"{url}{member.pk}/retirer/")
    assert not GovernanceMember.objects.exists()


def test_governance_of_another_approach_is_404(personas: Any, approach: Approach) -> None:
    other = personas["other_approach"]
    member = GovernanceMember.objects.create(approach=other, body="copil", name="X")
    client = as_user(personas["facilitateur"])
    assert client.get(f"/demarches/{approach.slug}/gouvernance/{member.pk}/").status_code == 404
    assert (
        client.post(f"/demarches/{approach.slug}/gouvernance/{member.pk}/retirer/").status_code
        == 404
    )
    assert GovernanceMember.objects.filter(pk=member.pk).exists()


def test_calendar_is_all_or_nothing(personas: Any, approach: Approach) -> None:
    client = as_user(personas["facilitateur"])
    data = {"etape-1-notes": "Séances prévues en mairie"}
    data["etape-2-start_date"] = "2027-03-01"
    data["etape-2-end_date"] = "2027-01-01"
    response = client.post(f"/demarches/{approach.slug}/calendrier/", data)
    assert response.status_code == 200
    assert "La fin de l’étape ne peut pas précéder son début." in unescape(
        response.content.decode()
    )
    assert MethodStep.objects.get(approach=approach, code="1").notes == ""
    data["etape-2-end_date"] = "2027-06-30"
    assert client.post(f"/demarches/{approach.slug}/calendrier/", data).status_code == 302
    assert MethodStep.objects.get(approach=approach, code="1").notes == "Séances prévues en mairie"
    journey = unescape(client.get(f"/demarches/{approach.slug}/parcours/").content.decode())
    assert "Prévue du 1er\u00a0mars 2027 au 30\u00a0juin 2027" in journey


def test_settings_change_name_and_perimeter(personas: Any, approach: Approach) -> None:
    client = as_user(personas["chef_projet"])
    response = client.post(
        f"/demarches/{approach.slug}/parametres/",
        {
            "name": "CAPI 2030",
            "perimeter_kind": "sur_mesure",
            "perimeter_label": "Cœur d'agglo",
            "commune_codes": "38053",
        },
    )
    assert response.status_code == 302
    approach.refresh_from_db()
    assert approach.name == "CAPI 2030" and approach.territory is None
    assert list(approach.communes.values_list("code", flat=True)) == ["38053"]
    taken = client.post(
        f"/demarches/{approach.slug}/parametres/",
        {"name": "Autre démarche", "perimeter_kind": "officiel", "territory": "38053"},
    )
    assert "Une démarche porte déjà le nom" in taken.content.decode()


def test_delete_needs_the_exact_name(personas: Any, approach: Approach) -> None:
    client = as_user(personas["facilitateur"])
    client.post(f"/demarches/{approach.slug}/supprimer/", {"confirm_name": "capi"})
    assert Approach.objects.filter(pk=approach.pk).exists()
    client.post(f"/demarches/{approach.slug}/supprimer/", {"confirm_name": approach.name})
    assert not Approach.objects.filter(pk=approach.pk).exists()


def test_change_role_and_remove_member(personas: Any, approach: Approach) -> None:
    client = as_user(personas["chef_projet"])
    member = Membership.objects.get(approach=approach, user=personas["equipe"])
    client.post(f"/demarches/{approach.slug}/membres/{member.pk}/role/", {"role": "partenaire"})
    member.refresh_from_db()
    assert member.role == Role.PARTNER
    client.post(f"/demarches/{approach.slug}/membres/{member.pk}/retirer/")
    assert not Membership.objects.filter(pk=member.pk).exists()
    denied = as_user(personas["elu_referent"]).post(
        f"/demarches/{approach.slug}/membres/{member.pk}/role/", {"role": "facilitateur"}
    )
    assert denied.status_code in (403, 404)


def test_the_last_lead_cannot_leave_or_be_demoted(approach: Approach) -> None:
    lead = approach.memberships.get()
    client = as_user(lead.user)
    client.post(f"/demarches/{approach.slug}/membres/{lead.pk}/role/", {"role": "equipe"})
    lead.refresh_from_db()
    assert lead.role == Role.FACILITATOR
    client.post(f"/demarches/{approach.slug}/membres/{lead.pk}/retirer/")
    assert Membership.objects.filter(pk=lead.pk).exists()


def test_member_of_another_approach_cannot_be_touched(personas: Any, approach: Approach) -> None:
    other_member = personas["other_approach"].memberships.get()
    client = as_user(personas["facilitateur"])
    url = f"/demarches/{approach.slug}/membres/{other_member.pk}/retirer/"
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other_member.pk).exists()


def test_journey_links_each_step_to_its_pages(personas: Any, approach: Approach) -> None:
    client = as_user(personas["partenaire"])
    journey = unescape(client.get(f"/demarches/{approach.slug}/parcours/").content.decode())
    for href in [
        f"/demarches/{approach.slug}/portrait/",
        f"/demarches/{approach.slug}/vision/",
        f"/demarches/{approach.slug}/idees/",
        f"/demarches/{approach.slug}/suivi/",
    ]:
        assert f'href="{href}"' in journey
    # every linked page opens for a member (or says why it sends them elsewhere)
    for href in re.findall(rf'href="(/demarches/{approach.slug}/[^"]+)"', journey):
        assert client.get(href, follow=True).status_code == 200, href
