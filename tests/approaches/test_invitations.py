"""Invitations by email link: new account, existing account, and every broken link."""

import re
from typing import Any

import pytest
from django.core import mail, signing
from django.test import Client

from ressort.approaches import invitations
from ressort.approaches.models import Invitation, Membership, Role
from tests.conftest import page_text


def invite(personas: Any, approach: Any, email: str, role: str = "equipe") -> str:
    client = Client()
    client.force_login(personas["chef_projet"])
    response = client.post(f"/demarches/{approach.slug}/membres/", {"email": email, "role": role})
    assert response.status_code == 302
    link = re.search(r"http://testserver(/demarches/invitation/\S+/)", mail.outbox[-1].body)
    assert link
    return link.group(1)


def test_new_person_creates_an_account_and_joins(personas: Any, approach: Any) -> None:
    url = invite(personas, approach, "nouvelle@example.org", "elu_referent")
    assert "Invitation à la démarche" in mail.outbox[-1].subject
    client = Client()
    page = client.get(url)
    assert "Créer votre compte" in page_text(page)
    weak = client.post(
        url, {"first_name": "N", "last_name": "E", "password1": "123", "password2": "123"}
    )
    assert (
        weak.status_code == 200
        and not Membership.objects.filter(user__email="nouvelle@example.org").exists()
    )
    response = client.post(
        url,
        {
            "first_name": "Nina",
            "last_name": "Élue",
            "password1": "Un-secret-solide-9",
            "password2": "Un-secret-solide-9",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="nouvelle@example.org")
    assert membership.role == Role.ELECTED_LEAD and membership.approach == approach
    assert client.get(f"/demarches/{approach.slug}/").status_code == 200
    used = client.get(url)
    assert used.status_code == 400
    assert "déjà été utilisée" in page_text(used)


def test_existing_account_signs_in_then_accepts(personas: Any, approach: Any) -> None:
    outsider = personas["outsider"]
    url = invite(personas, approach, outsider.email)
    anonymous = page_text(Client().get(url))
    assert "Se connecter pour accepter" in anonymous
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/demarches/{approach.slug}/").status_code == 404
    client.post(url)
    assert client.get(f"/demarches/{approach.slug}/").status_code == 200


def test_wrong_account_cannot_use_someone_elses_invitation(personas: Any, approach: Any) -> None:
    url = invite(personas, approach, "quelquun@example.org")
    client = Client()
    client.force_login(personas["outsider"])
    page = page_text(client.get(url))
    assert "cette invitation est adressée à quelquun@example.org" in page
    client.post(url)
    assert not approach.memberships.filter(user=personas["outsider"]).exists()


def test_tampered_link(personas: Any, approach: Any) -> None:
    url = invite(personas, approach, "x@example.org")
    response = Client().get(url[:-5] + "abcd/")
    assert response.status_code == 400
    assert "n'est pas valide" in page_text(response)


def test_expired_link(personas: Any, approach: Any, settings: Any) -> None:
    invitation = Invitation.objects.create(approach=approach, email="x@example.org", role="equipe")
    token = invitations.make_token(invitation)
    settings.RESSORT_INVITATION_DAYS = 0
    with pytest.raises(invitations.InvitationError, match="a expiré"):
        invitations.read_token(token)
    signer_token = signing.dumps({"i": invitation.pk, "e": "autre@example.org"}, salt="autre")
    with pytest.raises(invitations.InvitationError, match="pas valide"):
        invitations.read_token(signer_token)


def test_revoked_link(personas: Any, approach: Any) -> None:
    url = invite(personas, approach, "x@example.org")
    invitation = Invitation.objects.get(email="x@example.org")
    client = Client()
    client.force_login(personas["facilitateur"])
    client.post(f"/demarches/{approach.slug}/invitations/{invitation.pk}/annuler/")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "annulée" in page_text(Client().get(url))


def test_only_leads_invite_and_members_are_not_invited_twice(personas: Any, approach: Any) -> None:
    client = Client()
    client.force_login(personas["equipe"])
    denied = client.post(
        f"/demarches/{approach.slug}/membres/", {"email": "a@b.fr", "role": "equipe"}
    )
    assert denied.status_code == 403
    client.force_login(personas["facilitateur"])
    again = client.post(
        f"/demarches/{approach.slug}/membres/",
        {"email": personas["equipe"].email.upper(), "role": "equipe"},
    )
    assert "déjà membre" in page_text(again)
    assert not Invitation.objects.exists()


def test_invitation_links_are_shown_to_leads_only(personas: Any, approach: Any) -> None:
    invite(personas, approach, "x@example.org")
    lead = Client()
    lead.force_login(personas["facilitateur"])
    assert "/demarches/invitation/" in page_text(lead.get(f"/demarches/{approach.slug}/membres/"))
    partner = Client()
    partner.force_login(personas["partenaire"])
    page = page_text(partner.get(f"/demarches/{approach.slug}/membres/"))
    assert "/demarches/invitation/" not in page and "x@example.org" not in page
