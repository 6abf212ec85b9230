"""The join-code limit: per real client address behind trusted proxies, wrong codes only."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

from ressort.workshops import services
from ressort.workshops.models import Participant, Workshop
from tests.conftest import page_text

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def behind_proxy(client_address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def guess_wrong(client: Client, times: int = services.JOIN_ATTEMPTS) -> None:
    for i in range(times):
        client.post("/atelier/", {"code": f"FAUX{i:04d}"})


def test_one_client_behind_the_proxy_is_limited_not_the_others(
    workshop: Workshop, settings: Any
) -> None:
    settings.TRUSTED_PROXIES = [PROXY]
    guesser = behind_proxy("198.51.100.20")
    guess_wrong(guesser)
    blocked = guesser.post("/atelier/", {"code": "FAUX9999"})
    assert blocked.status_code == 429 and "Trop de codes" in page_text(blocked)
    # another participant in the same room, through the same proxy, gets in
    other = behind_proxy("198.51.100.21").post("/atelier/", {"code": workshop.join_code})
    assert other.status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(workshop: Workshop) -> None:
    for i in range(services.JOIN_ATTEMPTS):
        Client(REMOTE_ADDR="203.0.113.8", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").post(
            "/atelier/", {"code": f"FAUX{i:04d}"}
        )
    again = Client(REMOTE_ADDR="203.0.113.8", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert again.post("/atelier/", {"code": "FAUX9999"}).status_code == 429


def test_valid_codes_are_never_counted(workshop: Workshop) -> None:
    room = "203.0.113.30"
    for n in range(services.JOIN_ATTEMPTS + 5):
        response = Client(REMOTE_ADDR=room).post(
            "/atelier/", {"code": workshop.join_code, "pseudonym": f"P{n}"}
        )
        assert response.status_code == 302
    wrong = Client(REMOTE_ADDR=room).post("/atelier/", {"code": "FAUX0001"})
    assert "Code d'accès inconnu" in page_text(wrong)
    assert Participant.objects.count() == services.JOIN_ATTEMPTS + 5


def test_the_qr_code_link_gets_in_even_from_a_limited_address(workshop: Workshop) -> None:
    client = Client(REMOTE_ADDR="203.0.113.40")
    guess_wrong(client)
    assert client.get(f"/atelier/{workshop.join_code}/").status_code == 429
    key = services.qr_key(workshop)
    page = client.get(f"/atelier/{workshop.join_code}/?cle={key}")
    assert page.status_code == 200 and workshop.title in page_text(page)
    assert f'name="cle" value="{key}"' in page.content.decode()
    joined = client.post("/atelier/", {"code": workshop.join_code, "cle": key, "pseudonym": "Q"})
    assert joined.status_code == 302
    forged = Client(REMOTE_ADDR="203.0.113.40").post(
        "/atelier/", {"code": workshop.join_code, "cle": "x" * len(key)}
    )
    assert forged.status_code == 429


def test_the_qr_code_carries_the_key(workshop: Workshop, personas: Any, monkeypatch: Any) -> None:
    import segno

    encoded: list[str] = []
    real = segno.make

    def spy(content: str, **kwargs: Any) -> Any:
        encoded.append(content)
        return real(content, **kwargs)

    monkeypatch.setattr(segno, "make", spy)
    client = Client()
    client.force_login(personas["facilitateur"])
    svg = client.get(f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/qr.svg")
    assert svg.status_code == 200
    assert encoded == [
        f"http://testserver/atelier/{workshop.join_code}/?cle={services.qr_key(workshop)}"
    ]


def test_counters_go_to_redis_when_redis_url_is_set() -> None:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    def backend(**env: str) -> str:
        environ = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        environ["DJANGO_SETTINGS_MODULE"] = "ressort.settings"
        out = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={**environ, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()

    assert backend(REDIS_URL="redis://127.0.0.1:6379/0").endswith("RedisCache")
    assert backend().endswith("LocMemCache")
