"""Numbers and dates on every page of the demo read the French way (issue 16: one formatter
of French numbers, dates and money): every démarche page, opened by the demo's
facilitator (routes from the URL resolver, as in tests/legal/test_english_words.py), is
scanned in its visible text for what a hand-written formatter leaves behind — « 1 décembre »
without « er », an English month, a decimal point in a measure (« 7.5 % », « 12.25 km »),
thousands grouped by commas (« 12,345,678 »)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ressort.analysis.typography import MONTHS, UNITS
from ressort.approaches.demo import load_demo
from ressort.frameworks import services as framework_services
from ressort.territories.importer import import_official_territories
from tests.demo_pages import demo_pages, visible_text
from tests.territories.test_import import CONTOURS, DATA

pytestmark = pytest.mark.django_db

SPACE = "[ \u00a0\u202f]"
FAULTS = {
    "« 1 » sans « er » devant un mois": re.compile(rf"(?<![\d,.])1{SPACE}+(?:{MONTHS})\b", re.I),
    "mois en anglais": re.compile(
        r"\b(?:January|February|March|April|June|July|August|September|October|November|"
        r"December)\b"
    ),
    "point décimal dans une mesure": re.compile(rf"(?<![\w.,])\d+\.\d+{SPACE}*(?:{UNITS})(?!\w)"),
    "milliers séparés par des virgules": re.compile(r"(?<![\d,])\d{1,3}(?:,\d{3}){2,}(?![\d,])"),
    "unité collée au nombre": re.compile(r"(?<![\w.,])\d+(?:,\d+)?(?:€|k€|M€|%)"),
}


def faults_in(html: str) -> list[str]:
    text = visible_text(html)
    return [
        f"{name} : « {match.group(0)} »"
        for name, pattern in FAULTS.items()
        for match in pattern.finditer(text)
    ]


def test_the_scanner_finds_what_it_should() -> None:
    html = (
        "<p>Le 1 décembre 2026, 7.5 % des ménages, 12,345,678 habitants, 480k€ ; "
        "held on December 3.</p><p>Le 1er décembre, 7,5 %, 12 345 678, 1.1 Diagnostic, "
        "Licence Ouverte 2.0, 480 k€.</p><script>var d = '1 décembre 7.5 %';</script>"
    )
    assert [f.split(" : ")[0] for f in faults_in(html)] == [
        "« 1 » sans « er » devant un mois",
        "mois en anglais",
        "point décimal dans une mesure",
        "milliers séparés par des virgules",
        "unité collée au nombre",
    ]


def test_numbers_and_dates_of_the_demo_pages_are_french(db: Any) -> None:
    found: dict[str, list[str]] = {}
    opened = 0
    for url, html in demo_pages():
        opened += 1
        faults = faults_in(html)
        if faults:
            found[url] = faults
    assert opened > 50
    assert found == {}, "\n".join(f"{url} : {faults}" for url, faults in found.items())


def docx_text(data: bytes) -> str:
    import io

    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_numbers_and_dates_of_the_demo_documents_are_french(db: Any) -> None:
    """The portrait and the strategy of the demo, as DOCX (the same blocks as the PDF and the
    ODT: ressort.documents.engine), scanned like the pages."""
    from html import escape

    from ressort.portrait import documents as portrait_documents
    from ressort.strategy import documents as strategy_documents

    import_official_territories(DATA, CONTOURS)
    assert not framework_services.load_shipped().errors
    demo, _ = load_demo()
    found = {}
    for name, build in (
        ("portrait", portrait_documents.build_docx),
        ("stratégie", strategy_documents.build_docx),
    ):
        faults = faults_in(f"<p>{escape(docx_text(build(demo)))}</p>")
        if faults:
            found[name] = faults
    assert found == {}, found
