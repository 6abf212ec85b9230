"""The document engine: every format begins with a cover and a table of contents, is A4,
French, numbered, tagged (PDF); drawings carry their alternative text everywhere."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from datetime import date

import pytest

from ressort.documents import engine
from tests.documents.read import pdf_reader, pdf_text, plain

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" data-width-cm="8">'
    '<rect width="200" height="100" fill="#0b5c57"/><text x="10" y="50">Eau : 60 %</text></svg>'
)
BLOCKS = [
    ("h1", "Plan de résilience — Pays test"),
    ("h2", "Synthèse"),
    ("keys", ("Trois forces", ["Un réseau d'entraide", "L'eau potable : sûre"])),
    ("h2", "Le territoire"),
    ("h3", "Eau"),
    ("p", "Le 1 septembre, 60 % des foyers : « raccordés »."),
    ("bullet", "Une puce"),
    ("svg", (SVG, "Dessin : 60 % des foyers raccordés.", "eau")),
    ("table", ("Budget", ["Année", "Montant"], [["2027", "480 000 €"]])),
    ("fields", [["Pilote", "Service eau"]]),
    ("pagebreak", None),
    ("h2", "Conclusion"),
    ("p", "Fin."),
]
COVER = engine.Cover(
    title="Plan de résilience",
    authority="Pays test",
    subtitle="Démarche « Essai »",
    kind="Plan",
    date=date(2026, 9, 1),
    adoption="Adopté par délibération n° 2026-42 du 1er septembre 2026.",
    status="Version adoptée",
)


def test_pdf_is_tagged_a4_with_cover_contents_and_alt_text() -> None:
    data = engine.write("pdf", COVER, BLOCKS)
    reader = pdf_reader(data)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert str(root["/Lang"]).startswith("fr")
    assert plain(reader.metadata.title) == "Plan de résilience — Pays test"
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    cover = plain(reader.pages[0].extract_text())
    assert "Pays test" in cover and "Version adoptée" in cover and "1er septembre 2026" in cover
    assert "délibération n° 2026-42" in cover
    contents = plain(reader.pages[1].extract_text())
    assert "Sommaire" in contents and "Synthèse" in contents and "Conclusion" in contents
    body = plain(reader.pages[2].extract_text())
    assert "page 3 sur" in body
    # The structure tree holds a Figure whose alternative text is the drawing's.
    figures = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        node = node.get_object()
        if isinstance(node, dict) or hasattr(node, "keys"):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid)
        elif isinstance(node, list):
            for kid in node:
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert any("60 % des foyers raccordés" in plain(alt) for alt in figures), figures


def test_docx_is_french_a4_numbered_with_headings_in_order() -> None:
    from docx import Document

    data = engine.write("docx", COVER, BLOCKS)
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:lang w:val="fr-FR"' in xml and "en-US" not in xml
    assert "Theme" not in xml and "themeColor" not in xml  # Word's fonts and blue are gone
    footer = zipfile.ZipFile(io.BytesIO(data)).read("word/footer1.xml").decode()
    assert " PAGE " in footer and " NUMPAGES " in footer
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "TOC \\o" in document
    # The field's last result is already the contents: a reader that does not compute fields
    # (LibreOffice until refreshed) shows the headings between « separate » and « end ».
    result = document.split('w:fldCharType="separate"', 1)[1].split('w:fldCharType="end"', 1)[0]
    shown = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", result)
    expected = [text for _level, _anchor, text in engine.headings(BLOCKS)]
    assert expected and [plain(t) for t in shown] == [plain(engine.french(t)) for t in expected]
    styles = [p.style.name for p in doc.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert styles[0] == "Title"
    levels = [0] + [int(s.split()[-1]) for s in styles[1:]]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), styles
    text = plain("\n".join(p.text for p in doc.paragraphs))
    assert "Version adoptée" in text and "1er septembre" in text
    assert "Le 1er septembre, 60 % des foyers : « raccordés »." in text
    raw_text = "\n".join(p.text for p in doc.paragraphs)
    assert "60\u202f%" in raw_text and "«\u00a0raccordés\u00a0»" in raw_text
    assert doc.inline_shapes[0]._inline.docPr.get("descr").startswith("Dessin")
    box = doc.tables[0].rows[0].cells[0].text  # the key messages, framed
    assert "Trois forces" in box and "Un réseau d’entraide" in box


def test_odt_is_french_a4_numbered_with_bordered_tables() -> None:
    data = engine.write("odt", COVER, BLOCKS)
    with zipfile.ZipFile(io.BytesIO(data)) as odt:
        styles = odt.read("styles.xml").decode()
        content = odt.read("content.xml").decode()
        meta = odt.read("meta.xml").decode()
        assert "Pictures/eau.svg" in odt.namelist()
    assert 'fo:language="fr"' in styles and 'fo:country="FR"' in styles
    assert 'fo:page-width="21cm"' in content + styles and "text:page-number" in styles
    assert "<dc:language>fr-FR</dc:language>" in meta
    assert re.search(r'fo:border="0.5pt solid #C5CCD2"', content)
    assert "• " not in content  # the list style draws the bullet, once
    assert "Sommaire" in content and "Version adoptée" in content
    # A drawing is a character of its own paragraph: it moves to the next page whole.
    # Anchored to the paragraph, LibreOffice drew the Donut over the foot of one page and
    # again on the next.
    frames = re.findall(r"<draw:frame [^>]*>", content)
    assert frames and all('text:anchor-type="as-char"' in frame for frame in frames)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "odt"])
def test_unknown_and_known_formats(fmt: str) -> None:
    assert engine.write(fmt, COVER, [("h2", "Seul")])
    with pytest.raises(ValueError, match="Format inconnu"):
        engine.write("rtf", COVER, [])


def test_a_drawing_says_its_source_and_year_in_every_format() -> None:
    source = "Source : indicateurs de la démarche, valeurs de 2024."
    blocks = [("h2", "Dessin"), ("svg", (SVG, "Un dessin.", "dessin", source))]
    assert source in plain(pdf_text(engine.write("pdf", COVER, blocks)))
    docx = zipfile.ZipFile(io.BytesIO(engine.write("docx", COVER, blocks)))
    document = docx.read("word/document.xml").decode()
    assert re.search(
        r'<w:pStyle w:val="Caption"/>.*indicateurs de la démarche, valeurs de 2024', document
    )
    odt = zipfile.ZipFile(io.BytesIO(engine.write("odt", COVER, blocks)))
    assert "valeurs de 2024." in odt.read("content.xml").decode()
