"""Every démarche page of the demo as its facilitator sees it, and its visible text: the
scans of pages for English words (tests/legal/test_english_words.py) and for numbers and
dates not written the French way (tests/documents/test_demo_typography.py) read them."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.approaches.models import Role
from ressort.frameworks import services as framework_services
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA
from tests.web.test_routes import declared, demarche_routes, url_params

SKIP_SUFFIXES = (".csv", ".ics", ".xlsx", ".ods", ".geojson", ".json", ".svg", ".png", ".pdf")


class VisibleText(HTMLParser):
    """The text a reader sees: not attributes, scripts, styles or templates."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def demo_pages() -> Iterator[tuple[str, str]]:
    """(address, HTML) of every démarche page of the demo that answers 200 with HTML to its
    facilitator, routes taken from the URL resolver (as tests/web/test_routes.py does)."""
    import_official_territories(DATA, CONTOURS)
    report = framework_services.load_shipped()  # as an instance has them (labels of codes)
    assert not report.errors, report.errors
    demo, _ = load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == Role.FACILITATOR)
    client = Client()
    client.force_login(get_user_model().objects.get(email=account.email))
    for route in demarche_routes():
        if not declared(route) or "GET" not in route.callback.demarche_methods:
            continue
        params = url_params(route, demo)
        if isinstance(params, str):
            continue
        url = reverse(route.view_name, kwargs={"slug": demo.slug, **params})
        if url.endswith(SKIP_SUFFIXES):
            continue
        response = client.get(url)
        # Read to the end, which closes a served file (a PDF of the library). Never
        # response.close() a second time: request_finished would close the database
        # connection inside the test's transaction (fatal on PostgreSQL).
        html = response.getvalue().decode(errors="replace")
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            yield url, html
