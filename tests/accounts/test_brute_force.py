"""Sign-in and password reset are throttled per account and per address, in French."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.test import Client, RequestFactory

from ressort.accounts.throttle import client_ip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/compte/connexion/"
RESET = "/compte/mot-de-passe/oubli/"


def sign_in(address: str, email: str, password: str) -> Any:
    return Client(REMOTE_ADDR=address).post(LOGIN, {"username": email, "password": password})


def test_an_account_is_locked_after_five_failures_from_any_addresses(make_user: Any) -> None:
    make_user("claire@example.org")
    make_user("paul@example.org")
    for n in range(4):
        assert sign_in(f"203.0.113.{n}", "claire@example.org", "mauvais").status_code == 200
    assert sign_in("203.0.113.4", "Claire@Example.org", "mauvais").status_code == 429  # 5th
    locked = sign_in("198.51.100.7", "claire@example.org", PASSWORD)  # right password, too late
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Connexion temporairement bloquée" in text
    assert "15 minutes" in text and "administrateur" in text
    assert "/compte/mot-de-passe/oubli/" in text
    # another account from one of those addresses is not concerned
    assert sign_in("203.0.113.1", "paul@example.org", PASSWORD).status_code == 302


def test_an_address_is_locked_after_five_failures_on_any_accounts(make_user: Any) -> None:
    make_user("claire@example.org")
    for n in range(5):
        sign_in("203.0.113.9", f"inconnu{n}@example.org", "mauvais")
    assert sign_in("203.0.113.9", "claire@example.org", PASSWORD).status_code == 429
    assert sign_in("198.51.100.1", "claire@example.org", PASSWORD).status_code == 302


def test_unlock_by_the_administrator_or_after_the_cooloff(make_user: Any) -> None:
    make_user("claire@example.org")
    for _ in range(5):
        sign_in("203.0.113.5", "claire@example.org", "mauvais")
    assert sign_in("198.51.100.1", "claire@example.org", PASSWORD).status_code == 429
    call_command("axes_reset_username", "claire@example.org")
    assert sign_in("198.51.100.1", "claire@example.org", PASSWORD).status_code == 302
    for _ in range(5):
        sign_in("198.51.100.2", "claire@example.org", "mauvais")
    assert sign_in("198.51.100.3", "claire@example.org", PASSWORD).status_code == 429
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=16)
        attempt.save()
    assert sign_in("198.51.100.3", "claire@example.org", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_throttled_too(make_user: Any) -> None:
    for _ in range(5):
        Client(REMOTE_ADDR="203.0.113.20").post(
            "/admin/login/", {"username": "root@example.org", "password": "x"}
        )
    assert sign_in("203.0.113.20", "root@example.org", "x").status_code == 429


def test_password_reset_is_throttled_per_email_and_per_address(make_user: Any) -> None:
    make_user("claire@example.org")
    for n in range(3):
        client = Client(REMOTE_ADDR=f"203.0.113.{n}")
        assert client.post(RESET, {"email": "claire@example.org"}).status_code == 302
    refused = Client(REMOTE_ADDR="198.51.100.50").post(RESET, {"email": "Claire@example.org"})
    assert refused.status_code == 429
    assert "Trop de demandes de nouveau mot de passe" in refused.content.decode()
    assert len(mail.outbox) == 3
    client = Client(REMOTE_ADDR="203.0.113.77")
    for n in range(10):
        assert client.post(RESET, {"email": f"p{n}@example.org"}).status_code == 302
    assert client.post(RESET, {"email": "autre@example.org"}).status_code == 429


def test_client_ip_believes_forwarded_for_only_from_trusted_proxies(settings: Any) -> None:
    factory = RequestFactory()
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.1"]
    forged = factory.get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(forged) == "203.0.113.5"
    proxied = factory.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.9, 192.0.2.1"
    )
    assert client_ip(proxied) == "198.51.100.9"  # the left part was written by the client
    garbled = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nimportequoi")
    assert client_ip(garbled) == "10.0.0.2"
    assert client_ip(factory.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"
    settings.TRUSTED_PROXIES = []
    assert client_ip(proxied) == "10.0.0.2"
