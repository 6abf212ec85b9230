"""Queries of the demo's main pages (those of bench/bench_page_load.py), bounded: drawn for
the first time (the démarche's computed parts already kept by another reader), and read
again, when a kept page runs no view at all."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.models import Role
from ressort.frameworks import services as framework_services
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA

pytestmark = pytest.mark.django_db

# URL name: (queries drawn for the facilitator once another role's reader drew the page, the
# démarche's own computed parts per role included; queries read again, from the kept page).
PAGES = {
    "approaches:detail": (12, 5),
    "portrait:portrait": (60, 6),
    "monitoring:dashboard": (32, 5),
    "actions:action_list": (10, 5),
    "strategy:overview": (28, 7),  # two document lists (plan, bilan) redrawn: one query each
    "approaches:journey": (8, 5),
    "approaches:list": (10, 9),  # not a démarche page: its rows kept, not the page
}


@pytest.fixture
def demo(db: Any) -> Any:
    import_official_territories(DATA, CONTOURS)
    framework_services.load_shipped()
    approach, _ = load_demo()
    return approach


def signed_in(role: Role) -> Client:
    account = next(a for a in DEMO_ACCOUNTS if a.role == role)
    client = Client()
    client.force_login(get_user_model().objects.get(email=account.email))
    return client


def test_main_pages_queries(demo: Any, django_assert_max_num_queries: Any) -> None:
    lead, team = signed_in(Role.FACILITATOR), signed_in(Role.TEAM_MEMBER)
    for name, (drawn, again) in PAGES.items():
        url = reverse(name) if name == "approaches:list" else reverse(name, args=[demo.slug])
        assert team.get(url).status_code == 200  # another role's reader
        with django_assert_max_num_queries(drawn, info=name):
            assert lead.get(url).status_code == 200
        with django_assert_max_num_queries(again, info=name):
            assert lead.get(url).status_code == 200
