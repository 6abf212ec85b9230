"""Every document of the demo démarche, in every format, as a council receives it (issue 13's
« done when »): a cover (the authority, the title, the version, the operator), a table of
contents, a synthesis first, A4 pages with page numbers, French (tagged PDF with its
language; fr-FR in the DOCX and the ODT), and no internal code — no snake_case identifier
(« air_pollution ») and none of the code's English words (tests/legal/test_english_words.py).

The documents are built once for the module, on the demo loaded in a transaction rolled
back afterwards; each test reads the files only (pypdf, the DOCX and ODT XML)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tests.documents.read import pdf_reader, plain
from tests.legal.test_english_words import ENGLISH

# The tests read files only, but the mark makes pytest-django set the test database up for
# the module's fixture even when this module runs alone.
pytestmark = pytest.mark.django_db

FORMATS = ("pdf", "docx", "odt")
SYNTHESIS = ("Synthèse", "En bref")  # the story's synthesis is its « En bref »
SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
A4_POINTS = (595, 842)


@dataclass(frozen=True)
class Built:
    name: str
    title: str
    authority: str
    files: dict[str, bytes]


def _build_all() -> list[Built]:
    from ressort.approaches.demo import load_demo
    from ressort.frameworks import services as framework_services
    from ressort.monitoring import evaluation as evaluations
    from ressort.monitoring.models import Evaluation
    from ressort.portrait import documents as portrait
    from ressort.story import documents as story
    from ressort.strategy import documents as strategy
    from ressort.strategy import report as strategy_report
    from ressort.strategy import services as strategy_services
    from ressort.territories.importer import import_official_territories
    from tests.territories.test_import import CONTOURS, DATA

    import_official_territories(DATA, CONTOURS)
    assert not framework_services.load_shipped().errors
    demo, _ = load_demo()
    authority = demo.authority
    built = [
        Built(
            "portrait",
            "Portrait de résilience",
            authority,
            {fmt: portrait.build(demo, fmt) for fmt in FORMATS},
        ),
        Built(
            "stratégie",
            strategy_services.statement_for(demo).title,
            authority,
            {fmt: strategy.build(demo, fmt) for fmt in FORMATS},
        ),
        Built(
            "bilan de mise en œuvre",
            strategy_report.cover(demo).title,
            authority,
            {fmt: strategy_report.build(demo, fmt) for fmt in FORMATS},
        ),
        Built("récit", story.TITLE, authority, {fmt: story._write(fmt, demo) for fmt in FORMATS}),
    ]
    evaluations_of_demo = Evaluation.objects.filter(approach=demo).order_by("pk")
    assert evaluations_of_demo.exists()  # the « bilan d'étape » of the demo
    for ev in evaluations_of_demo:
        report = evaluations.report(ev)
        writers = {
            "pdf": evaluations.build_pdf,
            "docx": evaluations.build_docx,
            "odt": evaluations.build_odt,
        }
        built.append(
            Built(
                f"évaluation « {ev.title} »",
                ev.title,
                authority,
                {fmt: write(report) for fmt, write in writers.items()},
            )
        )
    return built


@pytest.fixture(scope="module")
def documents(django_db_setup: Any, django_db_blocker: Any) -> Iterator[list[Built]]:
    from django.core.cache import caches
    from django.db import transaction

    with django_db_blocker.unblock():
        for alias in ("default", "pages"):
            caches[alias].clear()
        with transaction.atomic():
            built = _build_all()
            transaction.set_rollback(True)
        for alias in ("default", "pages"):
            caches[alias].clear()
    yield built


def internal_codes(text: str) -> list[str]:
    """snake_case identifiers and the code's English words found in `text`."""
    found = SNAKE_CASE.findall(text)
    found += sorted({w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH})
    return found


def test_the_scanner_finds_internal_codes() -> None:
    assert internal_codes("Dimension air_pollution : Eau ; indicator None ; l'eau") == [
        "air_pollution",
        "None",
        "indicator",
    ]
    assert internal_codes("Démarche « Cœur de Savoie » : 12,5 % — Source : Insee, 2021.") == []


# ---------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------


def test_every_pdf_is_tagged_french_a4_numbered_with_cover_contents_and_synthesis(
    documents: list[Built],
) -> None:
    faults: dict[str, list[str]] = {}
    for doc in documents:
        problems = faults.setdefault(doc.name, [])
        reader = pdf_reader(doc.files["pdf"])
        root = reader.trailer["/Root"]
        if "/StructTreeRoot" not in root or not root["/MarkInfo"]["/Marked"]:
            problems.append("PDF non balisé")
        if str(root.get("/Lang", "")).lower() not in ("fr", "fr-fr"):
            problems.append(f"langue {root.get('/Lang')!r}")
        sizes = {
            (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
        }
        if sizes != {A4_POINTS}:
            problems.append(f"pages {sizes}, pas A4")
        pages = [plain(page.extract_text() or "") for page in reader.pages]
        cover = pages[0]
        for expected in (doc.authority, "Version projet", "Document produit avec"):
            if expected not in cover:
                problems.append(f"couverture sans « {expected} »")
        if plain(doc.title).split(" — ")[0] not in cover.replace("\n", " "):
            problems.append(f"couverture sans le titre « {doc.title} »")
        contents = pages[1]
        if "Sommaire" not in contents:
            problems.append("pas de sommaire en page 2")
        else:
            first = contents.split("Sommaire", 1)[1].strip().splitlines()[0]
            if not first.startswith(SYNTHESIS):
                problems.append(f"le sommaire commence par « {first} », pas la synthèse")
        for number, text in enumerate(pages[1:], start=2):
            if f"page {number} sur {len(pages)}" not in text:
                problems.append(f"page {number} sans son numéro")
                break
        body = "\n".join(pages[2:])
        if not any(title in body for title in SYNTHESIS):
            problems.append("pas de synthèse")
        if codes := internal_codes("\n".join(pages)):
            problems.append(f"codes internes : {codes}")
    assert {name: p for name, p in faults.items() if p} == {}


# ---------------------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------------------


def docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        return {
            name: docx.read(name).decode()
            for name in docx.namelist()
            if (name.startswith("word/") and name.endswith(".xml")) or name == "docProps/core.xml"
        }


def texts(xml: str, tag: str) -> str:
    """The text of the XML's `tag` elements (w:t, text:p…), one line per element."""
    import html

    pattern = rf"<(?:{tag})(?: [^>]*)?(?<!/)>(.*?)</(?:{tag})>"
    return "\n".join(
        html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(pattern, xml, re.S)
    )


def test_every_docx_is_french_a4_numbered_with_cover_contents_and_synthesis(
    documents: list[Built],
) -> None:
    from docx import Document

    faults: dict[str, list[str]] = {}
    for doc in documents:
        problems = faults.setdefault(doc.name, [])
        data = doc.files["docx"]
        parts = docx_parts(data)
        styles = parts["word/styles.xml"]
        if 'w:lang w:val="fr-FR"' not in styles:
            problems.append("styles sans la langue fr-FR")
        if english := [name for name, xml in parts.items() if "en-US" in xml]:
            problems.append(f"en-US dans {english}")
        if "<dc:language>fr-FR</dc:language>" not in parts["docProps/core.xml"]:
            problems.append("propriété de langue autre que fr-FR")
        word = Document(io.BytesIO(data))
        for section in word.sections:
            size = (round(section.page_width.cm, 1), round(section.page_height.cm, 1))
            if size != (21.0, 29.7):
                problems.append(f"format {size}, pas A4")
        footers = "".join(v for k, v in parts.items() if k.startswith("word/footer"))
        if " PAGE " not in footers or " NUMPAGES " not in footers:
            problems.append("pas de numéro de page en pied de page")
        paragraphs = [(p.style.name, plain(p.text)) for p in word.paragraphs]
        before_contents = [t for _, t in paragraphs[: [t for _, t in paragraphs].index("Sommaire")]]
        cover = "\n".join(before_contents)
        for expected in (doc.authority, "Version projet", "Document produit avec"):
            if expected not in cover:
                problems.append(f"couverture sans « {expected} »")
        titles = [t for style, t in paragraphs if style == "Title"]
        if titles != [plain(doc.title)] and not (
            titles and titles[0].startswith(plain(doc.title).split(" — ")[0])
        ):
            problems.append(f"titre de couverture {titles}")
        document = parts["word/document.xml"]
        if "TOC \\o" not in document:
            problems.append("pas de sommaire (champ TOC)")
        chapters = [t for style, t in paragraphs if style == "Heading 1" and t != "Sommaire"]
        if not chapters or not chapters[0].startswith(SYNTHESIS):
            problems.append(f"le premier chapitre est {chapters[:1]}, pas la synthèse")
        text = "\n".join(texts(v, "w:t") for k, v in parts.items() if k.startswith("word/"))
        if codes := internal_codes(plain(text)):
            problems.append(f"codes internes : {codes}")
    assert {name: p for name, p in faults.items() if p} == {}


# ---------------------------------------------------------------------------------------
# ODT
# ---------------------------------------------------------------------------------------


def test_every_odt_is_french_a4_numbered_with_cover_contents_and_synthesis(
    documents: list[Built],
) -> None:
    faults: dict[str, list[str]] = {}
    for doc in documents:
        problems = faults.setdefault(doc.name, [])
        with zipfile.ZipFile(io.BytesIO(doc.files["odt"])) as odt:
            content = odt.read("content.xml").decode()
            styles = odt.read("styles.xml").decode()
            meta = odt.read("meta.xml").decode()
        if "<dc:language>fr-FR</dc:language>" not in meta:
            problems.append("métadonnée de langue autre que fr-FR")
        if 'fo:language="fr"' not in styles or 'fo:country="FR"' not in styles:
            problems.append("style par défaut sans langue française")
        layouts = re.findall(r"<style:page-layout-properties [^>]*>", content + styles)
        if not layouts or not all(
            'fo:page-width="21cm"' in lay and 'fo:page-height="29.7cm"' in lay for lay in layouts
        ):
            problems.append("pages pas A4")
        if "text:page-number" not in styles or "text:page-count" not in styles:
            problems.append("pas de numéro de page en pied de page")
        headings = [
            (int(level), plain(texts(f"<h>{inner}</h>", "h")))
            for level, inner in re.findall(
                r'<text:h [^>]*text:outline-level="(\d)"[^>]*>(.*?)</text:h>', content, re.S
            )
        ]
        paragraphs = plain(texts(content, "text:p"))
        cover = paragraphs.split("Sommaire", 1)[0]
        for expected in (doc.authority, "Version projet", "Document produit avec"):
            if expected not in cover:
                problems.append(f"couverture sans « {expected} »")
        if not headings or not headings[0][1].startswith(plain(doc.title).split(" — ")[0]):
            problems.append(f"titre de couverture {headings[:1]}")
        names = [text for _, text in headings]
        if "Sommaire" not in names:
            problems.append("pas de sommaire")
        else:
            after = names[names.index("Sommaire") + 1 :]
            if not after or not after[0].startswith(SYNTHESIS):
                problems.append(f"le premier chapitre est {after[:1]}, pas la synthèse")
        text = plain(texts(content, "text:p") + "\n" + texts(content, "text:h"))
        if codes := internal_codes(text):
            problems.append(f"codes internes : {codes}")
    assert {name: p for name, p in faults.items() if p} == {}


# ---------------------------------------------------------------------------------------
# The same figures in every format
# ---------------------------------------------------------------------------------------

# French thousands are grouped by a (narrow) no-break space; a plain space separates two
# numbers (« 2024 115 000 € » in a table row read back from the PDF).
NUMBER = re.compile(r"\d+(?:[\u00a0\u202f]\d{3})*(?:,\d+)?")


def numbers(text: str) -> set[str]:
    """The numbers a reader sees (« 1 000 », « 12,5 »), spaces taken out."""
    return {
        re.sub(r"\s", "", n.replace("\u202f", "").replace("\u00a0", ""))
        for n in NUMBER.findall(text)
    }


def test_every_figure_reads_the_same_in_the_three_formats(documents: list[Built]) -> None:
    """One rounding for a value wherever it appears: the numbers of the ODT's text are the
    DOCX's, and the PDF prints each of them (it also prints its page numbers and the
    drawings' labels, which the word processors number themselves or show as images)."""
    faults = {}
    for doc in documents:
        with zipfile.ZipFile(io.BytesIO(doc.files["odt"])) as odt:
            odt_numbers = numbers(texts(odt.read("content.xml").decode(), "text:p|text:h"))
        docx_xml = docx_parts(doc.files["docx"])["word/document.xml"]
        docx_numbers = numbers(texts(docx_xml, "w:t"))
        reader = pdf_reader(doc.files["pdf"])
        pdf_text = "\n".join(page.extract_text() or "" for page in reader.pages)
        # The PDF's text sometimes reads a no-break space back as a plain one: both readings.
        pdf_numbers = numbers(pdf_text) | numbers(
            re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", pdf_text)
        )
        differences = {
            "ODT, pas DOCX": sorted(odt_numbers - docx_numbers),
            "DOCX, pas ODT": sorted(docx_numbers - odt_numbers),
            "ODT, pas PDF": sorted(odt_numbers - pdf_numbers),
        }
        if any(differences.values()):
            faults[doc.name] = {k: v for k, v in differences.items() if v}
    assert faults == {}
