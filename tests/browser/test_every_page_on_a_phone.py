"""Every démarche page, opened by the chef de projet of the demo on a phone (390 × 844), is no
wider than the screen (wide tables scroll inside their own region) and axe-clean.

The routes come from the URL resolver, as in tests/web/test_routes.py, on the same world (the
demo plus what some routes act on), so a page added tomorrow is checked without being listed.
"""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from ressort.approaches.access import role_has
from ressort.approaches.models import Role
from tests.browser.conftest import axe_violations
from tests.web.test_routes import declared, demarche_routes, url_params, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

WIDTH = 390


def test_every_demarche_page_fits_a_phone_and_is_accessible(
    site: str,
    page: Page,
    login_as: Any,
    world: dict[str, Any],  # noqa: F811
) -> None:
    demo = world["demo"]
    login_as(world["members"][Role.PROJECT_LEAD])
    page.set_viewport_size({"width": WIDTH, "height": 844})
    too_wide: dict[str, int] = {}
    inaccessible: dict[str, list[str]] = {}
    opened = 0
    for route in demarche_routes():
        if not declared(route) or "GET" not in route.callback.demarche_methods:
            continue
        if not role_has(Role.PROJECT_LEAD, route.callback.demarche_right):
            continue
        params = url_params(route, demo)
        assert not isinstance(params, str), params
        url = reverse(route.view_name, kwargs={"slug": demo.slug, **params})
        head = page.request.get(site + url)  # a file (CSV, PDF, YAML…) is not a page
        assert head.ok, f"{url} : {head.status}"
        if not head.headers.get("content-type", "").startswith("text/html") or (
            "attachment" in head.headers.get("content-disposition", "")
        ):
            continue
        if "<html" not in head.text():  # an htmx fragment, checked inside its page
            continue
        response = page.goto(site + url)
        assert response is not None and response.ok, url
        opened += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[route.view_name] = width
        violations = axe_violations(page)
        if violations:
            inaccessible[route.view_name] = [v["id"] for v in violations]
    assert opened > 100
    assert (too_wide, inaccessible) == ({}, {}), "\n".join(
        [f"{name} : {width} px" for name, width in too_wide.items()]
        + [f"{name} : {', '.join(ids)}" for name, ids in inaccessible.items()]
    )
