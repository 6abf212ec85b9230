"""ProConnect sign-in against a local provider that speaks as ProConnect does."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
import requests
from django.test import Client

from ressort.accounts.models import ProConnectIdentity, User
from ressort.approaches.models import Approach
from tests.accounts.oidc_provider import Provider
from tests.conftest import page_text

CLAIMS = {
    "sub": "agent-42",
    "email": "Claire.Agent@capi38.fr",
    "given_name": "Claire",
    "usual_name": "Agent",
    "siret": "24380060400011",  # SIREN 243800604: the CAPI
    "uid": "42",
}


@pytest.fixture
def provider(settings: Any) -> Iterator[Provider]:
    with Provider(dict(CLAIMS)) as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        yield running


def sign_in(client: Client, provider: Provider) -> Any:
    """The browser's path: our start page → the provider → back to our callback."""
    start = client.get("/compte/proconnect/")
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize")
    query = urlparse(start["Location"]).query
    assert "acr_values=eidas1" in query and "siret" in query and "nonce=" in query
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = urlparse(back.headers["Location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_first_sign_in_creates_the_account_and_suggests_the_authoritys_demarches(
    client: Client, provider: Provider, approach: Approach
) -> None:
    response = sign_in(client, provider)
    assert response.status_code == 302 and response["Location"] == "/demarches/"
    user = User.objects.get(email="claire.agent@capi38.fr")
    assert (user.first_name, user.last_name) == ("Claire", "Agent")
    assert not user.has_usable_password()
    identity = ProConnectIdentity.objects.get(user=user)
    assert (identity.sub, identity.siret) == ("agent-42", "24380060400011")
    text = page_text(client.get("/demarches/"))
    assert "Démarches de votre collectivité" in text
    assert approach.name in text and "Fanny Facil" in text  # whom to ask for an invitation


def test_an_existing_account_is_matched_by_email_then_by_sub(
    client: Client, provider: Provider, make_user: Any, db: Any
) -> None:
    existing = make_user("claire.agent@capi38.fr", first_name="C.")
    sign_in(client, provider)
    assert User.objects.count() == 1
    assert ProConnectIdentity.objects.get().user == existing
    provider.claims["email"] = "nouvelle.adresse@capi38.fr"  # the agent changed address
    other = Client()
    sign_in(other, provider)
    assert User.objects.count() == 1  # found again by sub
    assert other.get("/demarches/").wsgi_request.user == existing


def test_a_tampered_answer_signs_nobody_in(client: Client, provider: Provider, db: Any) -> None:
    start = client.get("/compte/proconnect/")
    back = requests.get(start["Location"], allow_redirects=False, timeout=5)
    callback = urlparse(back.headers["Location"])
    forged = callback.query.replace("state=", "state=x")
    response = client.get(f"{callback.path}?{forged}", follow=True)
    assert not User.objects.exists()
    assert "La connexion avec ProConnect n’a pas abouti" in page_text(response)


def test_sign_out_ends_the_proconnect_session(client: Client, provider: Provider, db: Any) -> None:
    sign_in(client, provider)
    page = page_text(client.get("/demarches/"))
    assert 'action="/compte/proconnect/deconnexion/"' in page
    response = client.post("/compte/proconnect/deconnexion/")
    assert response["Location"].startswith(provider.url + "/session/end?id_token_hint=")
    requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert provider.ended
    assert client.get("/demarches/").status_code == 302  # signed out here too


def test_without_configuration_there_is_no_proconnect(client: Client, db: Any) -> None:
    assert "ProConnect" not in page_text(client.get("/compte/connexion/"))
    assert client.get("/compte/proconnect/").status_code == 404


def test_the_sign_in_page_offers_proconnect_when_configured(
    client: Client, provider: Provider
) -> None:
    text = page_text(client.get("/compte/connexion/"))
    assert "S’identifier avec ProConnect" in text and "Avec votre adresse électronique" in text
