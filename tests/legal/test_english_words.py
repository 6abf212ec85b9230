"""No English left in the interface (issue 16): every page of the demo démarche, opened by
its facilitator (routes from the URL resolver, as in tests/web/test_routes.py), is scanned
for English words that leak from the code — model and field names (« indicator »,
« sheet », « approach »…), the Doughnut's dimension codes (« food », « water »…), Python's
True/False/None. Only the visible text counts (not attributes, scripts or styles)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
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
from tests.web.test_routes import declared, demarche_routes, url_params

pytestmark = pytest.mark.django_db

# English words of the code that must never reach a page: model and field names, the
# Doughnut's codes, Python's constants. French homographs (action, vision, question,
# observation, participant, session, variable, influence, position, version, option,
# budget, photo, dimension, document, scenario…) are deliberately left out.
ENGLISH = frozenset(
    """
    approach approaches indicator indicators sheet sheets workshop workshops testimony
    testimonies criterion criteria ballot ballots arbitration arbitrations theme themes
    actor actors agreement agreements conflict conflicts objective objectives funding
    fundings milestone milestones answer answers activity activities framework frameworks
    proposal proposals statement statements axis reading readings quote quotes
    resource resources setting settings membership memberships study studies
    evaluation evaluations link links hazard hazards inventory walk walks
    food water energy housing health shelter education income mobility freshwater
    biodiversity
    true false none null undefined nan
    """.split()  # noqa: SIM905 — a readable word list
)
SKIP_SUFFIXES = (".csv", ".ics", ".xlsx", ".ods", ".geojson", ".json", ".svg", ".png", ".pdf")


class VisibleText(HTMLParser):
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


def english_words(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    words = re.findall(r"[A-Za-z]+", " ".join(parser.parts))
    return {w.lower() for w in words if w.lower() in ENGLISH}


def test_the_scanner_finds_what_it_should() -> None:
    html = (
        '<p title="indicator">Un indicateur</p><script>var sheet;</script>'
        "<td>food — Alimentation</td><td>None</td>"
    )
    assert english_words(html) == {"food", "none"}


def test_no_english_on_the_demo_pages(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    report = framework_services.load_shipped()  # as an instance has them (labels of codes)
    assert not report.errors, report.errors
    demo, _ = load_demo()
    account = next(a for a in DEMO_ACCOUNTS if a.role == Role.FACILITATOR)
    client = Client()
    client.force_login(get_user_model().objects.get(email=account.email))
    found: dict[str, set[str]] = {}
    opened = 0
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
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        opened += 1
        words = english_words(html)
        if words:
            found[url] = words
    assert opened > 50
    assert found == {}, "\n".join(f"{url} : {sorted(words)}" for url, words in found.items())
