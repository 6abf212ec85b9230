"""Rights of each role on its own démarche, and a 404 on anyone else's."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressort.approaches.access import RIGHTS, Right
from ressort.approaches.models import Role

READ_PAGES = ["detail", "journey", "framing", "governance", "calendar", "members", "perimeter"]
LEAD_PAGES = ["settings", "delete"]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("page", READ_PAGES)
def test_every_member_reads_every_page(
    personas: dict[str, Any], approach: Any, role: str, page: str
) -> None:
    response = client_for(personas[role]).get(reverse(f"approaches:{page}", args=[approach.slug]))
    assert response.status_code == 200


@pytest.mark.parametrize("page", READ_PAGES + LEAD_PAGES)
def test_outsider_gets_404_everywhere(personas: dict[str, Any], approach: Any, page: str) -> None:
    response = client_for(personas["outsider"]).get(
        reverse(f"approaches:{page}", args=[approach.slug])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("page", READ_PAGES + LEAD_PAGES)
def test_anonymous_is_sent_to_login(approach: Any, page: str, db: Any) -> None:
    response = Client().get(reverse(f"approaches:{page}", args=[approach.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [r.value for r in Role])
@pytest.mark.parametrize("page", LEAD_PAGES)
def test_lead_pages_need_a_lead_role(
    personas: dict[str, Any], approach: Any, role: str, page: str
) -> None:
    response = client_for(personas[role]).get(reverse(f"approaches:{page}", args=[approach.slug]))
    expected = 200 if Role(role) in RIGHTS[Right.EDIT_FRAMING] else 403
    assert response.status_code == expected
