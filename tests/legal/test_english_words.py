"""No English left in the interface (issue 16): every page of the demo démarche, opened by
its facilitator (routes from the URL resolver, as in tests/web/test_routes.py), is scanned
for English words that leak from the code — model and field names (« indicator »,
« sheet », « approach »…), the Doughnut's dimension codes (« food », « water »…), Python's
True/False/None. Only the visible text counts (not attributes, scripts or styles)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.demo_pages import demo_pages, visible_text

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


def english_words(html: str) -> set[str]:
    words = re.findall(r"[A-Za-z]+", visible_text(html))
    return {w.lower() for w in words if w.lower() in ENGLISH}


def test_the_scanner_finds_what_it_should() -> None:
    html = (
        '<p title="indicator">Un indicateur</p><script>var sheet;</script>'
        "<td>food — Alimentation</td><td>None</td>"
    )
    assert english_words(html) == {"food", "none"}


def test_no_english_on_the_demo_pages(db: Any) -> None:
    found: dict[str, set[str]] = {}
    opened = 0
    for url, html in demo_pages():
        opened += 1
        words = english_words(html)
        if words:
            found[url] = words
    assert opened > 50
    assert found == {}, "\n".join(f"{url} : {sorted(words)}" for url, words in found.items())
