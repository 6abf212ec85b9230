"""Every page of the strategy and of the monitoring, opened by the chef de projet of the demo
on a phone (390 × 844), is no wider than the screen (wide tables scroll inside their own
region). The routes come from the URL resolver, as in tests/web/test_routes.py."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page

from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.models import Role
from ressort.monitoring.models import ExperienceReport
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA
from tests.web.test_routes import app_of, declared, demarche_routes, url_params

pytestmark = pytest.mark.browser

WIDTH = 390
APPS = ("ressort.strategy", "ressort.monitoring")


def test_strategy_and_monitoring_pages_fit_a_phone(
    site: str, page: Page, login_as: Any, db: Any
) -> None:
    import_official_territories(DATA, CONTOURS)
    demo, _ = load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == Role.PROJECT_LEAD)
    lead = get_user_model().objects.get(email=account.email)
    ExperienceReport.objects.create(  # a case the lead may edit (the demo publishes none)
        title="Cas publié par la démo",
        territory_name=demo.perimeter_name,
        size_class="bourg",
        summary="Une action de la démo publiée dans la bibliothèque.",
        published_by=demo,
        created_by=lead,
    )
    login_as(lead)
    page.set_viewport_size({"width": WIDTH, "height": 844})
    too_wide: dict[str, int] = {}
    opened = 0
    for route in demarche_routes():
        if app_of(route) not in APPS or not declared(route):
            continue
        if "GET" not in route.callback.demarche_methods:
            continue
        params = url_params(route, demo)
        assert not isinstance(params, str), params
        url = reverse(route.view_name, kwargs={"slug": demo.slug, **params})
        if url.endswith((".csv", ".ics", ".xlsx", ".geojson")):
            continue
        response = page.goto(site + url)
        assert response is not None and response.ok, url
        opened += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[route.view_name] = width
    assert opened > 20
    assert too_wide == {}
