"""Démarche pages kept per reader (ressort.web.kept): served again without running their view,
drawn afresh after any write to the démarche, never another reader's, always with the
reader's own form token, never holding a message."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.session import SessionStorage
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from ressort.approaches.models import Role
from ressort.documents.models import DocumentJob
from ressort.portrait.models import Indicator
from ressort.territories.models import Territory
from ressort.web import kept
from tests.conftest import page_text

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def client_for(user: Any, **options: Any) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


def home(approach: Any) -> str:
    return reverse("approaches:detail", args=[approach.slug])


def without_tokens(content: bytes) -> bytes:
    return re.sub(rb"[A-Za-z0-9]{64}", b"TOKEN", content)


def test_served_again_without_its_view(
    approach: Any, personas: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(personas["facilitateur"])
    first = client.get(home(approach))
    assert first.status_code == 200
    # The session, the user, the membership with its démarche, the versions, and which
    # documents are ready (a step's checklist counts them; no version follows them).
    with django_assert_max_num_queries(5):
        again = client.get(home(approach))
    assert again.status_code == 200
    assert without_tokens(again.content) == without_tokens(first.content)


def test_a_write_anywhere_shows_at_once(approach: Any, personas: Any) -> None:
    client = client_for(personas["facilitateur"])
    url = home(approach)
    assert "L’ambition n’est pas encore formulée." in page_text(client.get(url))

    # Through a page of the démarche.
    response = client.post(
        reverse("approaches:framing", args=[approach.slug]),
        {"ambition": "Un territoire sobre et solidaire.", "modules": list(approach.modules)},
    )
    assert response.status_code == 302
    assert "Un territoire sobre et solidaire." in page_text(client.get(url))

    # Elsewhere (a task, a command, the admin): the démarche's own row.
    approach.ambition = "Une ambition écrite ailleurs."
    approach.save()
    assert "Une ambition écrite ailleurs." in page_text(client.get(url))

    # A row every démarche shows: its territory renamed.
    territory = Territory.objects.get(pk=approach.territory_id)
    territory.name = "CAPI rebaptisée"
    territory.save()
    assert "CAPI rebaptisée" in page_text(client.get(url))

    # A member's new name, on the home's list of members.
    member = personas["partenaire"]
    member.first_name, member.last_name = "Zoé", "Nouvelnom"
    member.save()
    assert "Zoé Nouvelnom" in page_text(client.get(url))


def test_each_reader_gets_their_own_page(approach: Any, personas: Any) -> None:
    lead, partner = client_for(personas["facilitateur"]), client_for(personas["partenaire"])
    url = home(approach)
    lead_page = page_text(lead.get(url))
    assert f"votre rôle\u00a0: {Role.FACILITATOR.label}" in lead_page
    partner_page = page_text(partner.get(url))
    assert f"votre rôle\u00a0: {Role.PARTNER.label}" in partner_page
    assert personas["partenaire"].display_name in partner_page.split("Se déconnecter")[0]
    # Kept for both, each their own.
    assert f"votre rôle\u00a0: {Role.FACILITATOR.label}" in page_text(lead.get(url))
    assert f"votre rôle\u00a0: {Role.PARTNER.label}" in page_text(partner.get(url))


def test_the_form_token_is_the_readers_own(approach: Any, personas: Any) -> None:
    client = client_for(personas["facilitateur"], enforce_csrf_checks=True)
    url = home(approach)
    client.get(url)
    kept_page = client.get(url)  # from the cache
    secret = client.cookies["csrftoken"].value
    tokens = TOKEN.findall(kept_page.content.decode())
    assert tokens and all(_unmask_cipher_token(t) == secret for t in tokens)

    # A reader whose token cookie went (another browser of the same session) gets a token of
    # the cookie the page now sets, and posts with it.
    del client.cookies["csrftoken"]
    page = client.get(url)
    secret = page.cookies["csrftoken"].value
    token = TOKEN.findall(page.content.decode())[0]
    assert _unmask_cipher_token(token) == secret
    response = client.post(
        reverse("approaches:framing", args=[approach.slug]),
        {"csrfmiddlewaretoken": token, "ambition": "Avec le bon jeton."},
    )
    assert response.status_code != 403


def test_a_pending_message_is_shown_once(approach: Any, personas: Any) -> None:
    client = client_for(personas["facilitateur"])
    url = home(approach)
    client.get(url)
    client.get(url)  # kept
    session = client.session
    storage = SessionStorage(SimpleNamespace(session=session))  # type: ignore[arg-type]
    storage.add(constants.SUCCESS, "Un message pour vous.")
    storage.update(None)  # type: ignore[arg-type]
    session.save()
    assert "Un message pour vous." in page_text(client.get(url))
    assert "Un message pour vous." not in page_text(client.get(url))


def test_only_reads_of_followed_tables_are_kept(approach: Any) -> None:
    with kept.watch() as reads:
        list(Indicator.objects.filter(approach=approach))
        list(approach.memberships.select_related("user"))
    assert reads.pure
    with kept.watch() as reads:
        DocumentJob.objects.filter(approach=approach).count()  # finished in the background
    assert not reads.pure
    with kept.watch() as reads:
        Indicator.objects.create(approach=approach, code="x", name="X", unit="%")
    assert not reads.pure
