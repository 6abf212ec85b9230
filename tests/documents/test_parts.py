"""Long PDFs laid out part by part (ressort.documents.parts): a changed part is laid out
again and shows its new text, an unchanged one is read from the cache, and the merged PDF
is one tagged document (one structure tree, language, bookmarks, contents with the right
page numbers and working links, « page N sur M » on every page but the cover)."""

from __future__ import annotations

import io
import os
import signal
import time
from datetime import date
from typing import Any

import pikepdf
import pytest
from django.conf import settings

from ressort.documents import engine, parts
from tests.documents.read import pdf_reader, pdf_text, plain

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" data-width-cm="6">'
    '<rect width="200" height="100" fill="#0b5c57"/></svg>'
)
COVER = engine.Cover(
    title="Plan d'actions", authority="Pays test", kind="Plan", date=date(2026, 9, 1)
)


def blocks(changed: str = "Fiche deux, première version.") -> list[Any]:
    out: list[Any] = [
        ("h1", "Plan d'actions — Pays test"),
        ("h2", "Synthèse"),
        ("keys", ("Le plan", ["Trois fiches."])),
        ("part", None),
        ("h2", "Les fiches"),
        ("h3", "Fiche un"),
        ("p", "Fiche un, texte stable. " * 200),  # two pages
        ("svg", (SVG, "Dessin de la fiche un.")),
        ("part", None),
        ("h3", "Fiche deux"),
        ("p", changed),
        ("part", None),
        ("h2", "Calendrier"),
        ("table", ("Jalons", ["Échéance", "Jalon"], [["2027", "Fin des fiches"]])),
    ]
    return out


@pytest.fixture
def cache(tmp_path: Any) -> Any:
    previous = settings.RESSORT_DOCUMENT_CACHE_DIR, settings.RESSORT_DOCUMENT_WORKERS
    settings.RESSORT_DOCUMENT_CACHE_DIR = str(tmp_path / "parts")
    settings.RESSORT_DOCUMENT_WORKERS = 1
    yield tmp_path / "parts"
    settings.RESSORT_DOCUMENT_CACHE_DIR, settings.RESSORT_DOCUMENT_WORKERS = previous
    parts.stop_layout_processes()


def test_a_changed_part_is_laid_out_again_and_an_unchanged_one_read_back(cache: Any) -> None:
    first = engine.write("pdf", COVER, blocks())
    assert parts.last_run["parts"] == 4 and parts.last_run["parts_laid_out"] == 4
    again = engine.write("pdf", COVER, blocks())
    assert parts.last_run["parts_laid_out"] == 0
    assert pdf_text(again) == pdf_text(first)

    changed = engine.write("pdf", COVER, blocks("Fiche deux, version corrigée le 2 mars."))
    assert parts.last_run["parts_laid_out"] == 1  # the second sheet's part only
    text = pdf_text(changed)
    assert "version corrigée le 2 mars" in text
    assert "première version" not in text
    assert "Fiche un, texte stable." in text and "Fin des fiches" in text


def test_the_merged_pdf_is_one_tagged_document(cache: Any) -> None:
    data = engine.write("pdf", COVER, blocks())
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    assert root.MarkInfo.Marked and str(root.Lang).startswith("fr")
    assert plain(str(pdf.docinfo["/Title"])) == "Plan d'actions — Pays test"
    # One Document whose kids are the parts (cover and contents, then the four parts).
    (document,) = list(root.StructTreeRoot.K)
    assert document.S == "/Document"
    assert [str(kid.S) for kid in document.K] == ["/Part"] * 5
    # Every element points to a page of this document, every page's marked content is
    # found again from its key in the parent tree, and the keys are not shared.
    pages = {page.obj.objgen for page in pdf.pages}
    elements, figures, headings = 0, [], []

    def walk(node: Any) -> None:
        nonlocal elements
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") == "/MCR":
            return
        if node.get("/Type") == "/OBJR":
            return
        elements += 1
        if "/Pg" in node:
            assert node.Pg.objgen in pages
        if node.get("/S") == "/Figure":
            figures.append(str(node.get("/Alt", "")))
        if node.get("/S") in ("/H1", "/H2", "/H3"):
            headings.append(str(node.S))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(document)
    assert elements > 20
    assert figures == ["Dessin de la fiche un."]
    assert headings.count("/H2") >= 4  # Sommaire, Synthèse, Les fiches, Calendrier
    nums = list(root.StructTreeRoot.ParentTree.Nums)
    keys = [int(k) for k in nums[::2]]
    assert keys == list(range(len(keys)))
    page_keys = [int(page.obj.StructParents) for page in pdf.pages]
    assert len(set(page_keys)) == len(page_keys) and set(page_keys) <= set(keys)
    # Bookmarks in order, pointing into the merged pages.
    with pdf.open_outline() as outline:
        titles = [plain(item.title) for item in outline.root]
    assert titles == ["Plan d'actions"]


def test_contents_numbers_links_and_page_numbers_are_the_merged_documents(cache: Any) -> None:
    data = engine.write("pdf", COVER, blocks())
    reader = pdf_reader(data)
    count = len(reader.pages)
    texts = [plain(page.extract_text()) for page in reader.pages]
    assert "page" not in texts[0].split("Document produit")[-1]  # the cover is not numbered
    for number, text in enumerate(texts[1:], start=2):
        assert f"page {number} sur {count}" in text
    where = {
        title: next(n for n, t in enumerate(texts, 1) if title in t and n > 2)
        for title in ("Les fiches", "Calendrier")
    }
    assert where["Calendrier"] == count  # after two pages of sheet one and one of sheet two
    contents = texts[1]
    for title, page in where.items():
        line = next(line for line in contents.splitlines() if line.startswith(title))
        assert line.rstrip().endswith(str(page)), line
    # The contents' links lead to the named destinations of the merged pages.
    pdf = pikepdf.open(io.BytesIO(data))
    links = [a for a in pdf.pages[1].obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
    assert {str(link.Dest) for link in links} == {"s1", "s4", "s12"}  # one per entry
    dests = list(pdf.Root.Names.Dests.Names)
    targets = {str(dests[i]): dests[i + 1] for i in range(0, len(dests), 2)}
    page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
    assert {str(link.Dest): page_numbers[targets[str(link.Dest)][0].objgen] for link in links} == {
        "s1": 3,
        "s4": where["Les fiches"],
        "s12": where["Calendrier"],
    }


def _number_forms(data: bytes) -> list[bytes]:
    pdf = pikepdf.open(io.BytesIO(data))
    return [
        next(v for k, v in page.Resources.XObject.items() if "RsPageNumber" in k).read_bytes()
        for page in pdf.pages[1:]
    ]


def test_page_numbers_written_from_one_sample_read_and_sit_as_laid_out_ones(
    cache: Any,
) -> None:
    # « page N sur M » written with the glyphs of one laid-out sample (parts.Numbers) reads
    # like M pages laid out by WeasyPrint, in the same font and at the same place.
    body = [parts.render(f'<html lang="fr"><body><p>Page {n}</p></body></html>') for n in range(12)]
    written = parts.page_numbers()
    assert written is not None
    fast = parts.merge(body, written)
    slow = parts.merge(body, parts.cached_plain(parts.stamp_source(12)))
    fast_texts = [plain(p.extract_text()) for p in pdf_reader(fast).pages]
    assert fast_texts == [plain(p.extract_text()) for p in pdf_reader(slow).pages]
    assert "page 11 sur 12" in fast_texts[10] and "sur" not in fast_texts[0]
    for ours, theirs in zip(_number_forms(fast), _number_forms(slow), strict=True):
        x, y = (float(v) for v in ours.split(b" Tm")[0].split()[-2:])
        x_ref, y_ref = (float(v) for v in theirs.split(b" Tm")[0].split()[-2:])
        assert abs(x - x_ref) < 0.1 and y == y_ref  # right-aligned where WeasyPrint puts it
        assert b"/Artifact" not in ours  # the artifact mark is on the page, around the form
    merged = pikepdf.open(io.BytesIO(fast))
    fonts = {
        font.objgen
        for page in merged.pages[1:]
        for name, form in page.Resources.XObject.items()
        if "RsPageNumber" in name
        for font in form.Resources.Font.values()
    }
    assert len(fonts) == 1  # the numbers' font is embedded once


def test_page_numbers_are_laid_out_when_the_sample_cannot_be_used(
    cache: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Refused(parts.Numbers):
        def __init__(self, sample: bytes) -> None:
            raise ValueError("page numbers in more than one font")

    monkeypatch.setattr(parts, "Numbers", Refused)
    assert parts.page_numbers() is None
    texts = [
        plain(page.extract_text())
        for page in pdf_reader(engine.write("pdf", COVER, blocks())).pages
    ]
    for number, text in enumerate(texts[1:], start=2):
        assert f"page {number} sur {len(texts)}" in text


def test_parts_laid_out_in_parallel_give_the_same_document(cache: Any) -> None:
    alone = pdf_text(engine.write("pdf", COVER, blocks()))
    settings.RESSORT_DOCUMENT_CACHE_DIR = str(cache.parent / "parallel")
    settings.RESSORT_DOCUMENT_WORKERS = 2
    together = pdf_text(engine.write("pdf", COVER, blocks()))
    assert parts.last_run["parts_laid_out"] == 4
    assert together == alone


def test_the_layout_processes_are_started_once_kept_and_replaced_when_one_dies(
    cache: Any,
) -> None:
    settings.RESSORT_DOCUMENT_WORKERS = 2
    assert parts.start_layout_processes() > 0
    pool = parts.layout_pool(2)
    pids = set(pool._processes)
    assert len(pids) == 2
    engine.write("pdf", COVER, blocks())
    assert parts.layout_pool(2) is pool  # the export used the processes started before
    assert set(pool._processes) == pids
    os.kill(next(iter(pids)), signal.SIGKILL)
    for _ in range(100):  # the pool notices the death within a few milliseconds
        if pool._broken:
            break
        time.sleep(0.05)
    settings.RESSORT_DOCUMENT_CACHE_DIR = str(cache.parent / "after-a-death")
    text = pdf_text(engine.write("pdf", COVER, blocks()))
    assert parts.last_run["parts_laid_out"] == 4
    assert "Calendrier" in text
    assert not pids & set(parts.layout_pool(2)._processes)


def test_worn_layout_processes_are_replaced_between_two_documents(
    cache: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.RESSORT_DOCUMENT_WORKERS = 2
    monkeypatch.setattr(parts, "PARTS_PER_PROCESS", 2)
    engine.write("pdf", COVER, blocks())  # 4 parts: 2 each
    worn = parts._pool
    assert worn is not None and parts.layout_pool(2) is worn  # not during a document
    settings.RESSORT_DOCUMENT_CACHE_DIR = str(cache.parent / "fresh")
    assert "Calendrier" in pdf_text(engine.write("pdf", COVER, blocks()))
    assert parts._pool is not None and parts._pool is not worn


def test_a_damaged_cache_entry_is_laid_out_again_and_the_cache_is_trimmed(cache: Any) -> None:
    engine.write("pdf", COVER, blocks())
    for path in cache.glob("*.pdf"):
        path.write_bytes(path.read_bytes()[:100])
    data = engine.write("pdf", COVER, blocks())
    assert parts.last_run["parts_laid_out"] == 4 and "Fin des fiches" in pdf_text(data)
    assert parts.trim(limit_mb=0) > 0
    assert not list(cache.glob("*.json"))
