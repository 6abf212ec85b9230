"""Sign in with email and password, sign out, reset a forgotten password by email."""

import re
from typing import Any

from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD


def test_sign_in_is_case_insensitive_on_email(make_user: Any) -> None:
    make_user("claire@example.org")
    client = Client()
    response = client.post(
        "/compte/connexion/", {"username": "Claire@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/demarches/"


def test_wrong_password_gets_a_french_message(make_user: Any) -> None:
    make_user("claire@example.org")
    response = Client().post(
        "/compte/connexion/", {"username": "claire@example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()


def test_sign_out_needs_post(make_user: Any) -> None:
    client = Client()
    client.force_login(make_user("claire@example.org"))
    assert client.get("/compte/deconnexion/").status_code == 405
    assert client.post("/compte/deconnexion/").status_code == 302
    assert client.get("/demarches/").status_code == 302


def test_password_reset_by_email(make_user: Any) -> None:
    user = make_user("claire@example.org")
    client = Client()
    response = client.post("/compte/mot-de-passe/oubli/", {"email": "claire@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "nouveau mot de passe" in body
    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+)", body)
    assert link
    page = client.get(link.group(1), follow=True)
    assert "Choisir un nouveau mot de passe" in page.content.decode()
    url = page.redirect_chain[-1][0]
    done = client.post(
        url, {"new_password1": "Un-nouveau-secret-7", "new_password2": "Un-nouveau-secret-7"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Un-nouveau-secret-7")
    # The link is single use.
    again = client.get(link.group(1), follow=True)
    assert "Lien invalide" in again.content.decode()


def test_password_reset_for_unknown_email_sends_nothing_and_says_nothing(db: Any) -> None:
    response = Client().post("/compte/mot-de-passe/oubli/", {"email": "inconnu@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_tampered_reset_link(make_user: Any) -> None:
    make_user("claire@example.org")
    page = Client().get("/compte/mot-de-passe/nouveau/MQ/abc-def/", follow=True)
    assert "Lien invalide" in page.content.decode()
