"""Branding in every format: the authority's and the operator's logos on the cover (embedded
as files), the authority's name in the running header or footer, the operator's accent
colour on headings and rules — and never anything but a #rrggbb colour in the CSS."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from ressort import branding
from ressort.documents import engine
from tests.documents.read import pdf_reader, plain

BLOCKS = [
    ("h1", "Plan"),
    ("h2", "Synthèse"),
    ("keys", ("Trois forces", ["Un réseau d'entraide"])),
    ("table", ("Budget", ["Année", "Montant"], [["2027", "480 000 €"]])),
    ("pagebreak", None),
    ("h2", "Conclusion"),
    ("p", "Fin."),
]


def picture(size: tuple[int, int], colour: str, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def branded(settings: Any, tmp_path: Path) -> engine.Cover:
    """A cover with the authority's logo (300 × 100) and an operator's logo file (64 × 64)."""
    operator = tmp_path / "operateur.jpg"
    operator.write_bytes(picture((64, 64), "#a0522d", "JPEG"))
    settings.RESSORT_LOGO_FILE = str(operator)
    settings.RESSORT_OPERATOR = "Agence Résilience"
    settings.RESSORT_ACCENT_COLOR = "#8A1C1C"
    return engine.Cover(
        title="Plan de résilience",
        authority="Pays de la Bièvre",
        authority_logo=branding.clean_logo(picture((300, 100), "#2f6f9f")),
        kind="Plan d'actions",
        date=date(2027, 3, 1),
    )


def pdf_images(data: bytes) -> list[list[tuple[int, int]]]:
    """The (width, height) of the images each page draws (its content stream's `Do`
    operators, through the forms it draws): pages may share one resource dictionary."""
    import pikepdf

    def drawn(stream: Any, resources: Any, found: list[tuple[int, int]]) -> None:
        xobjects = resources.get("/XObject", {})
        for operands, operator in pikepdf.parse_content_stream(stream):
            if str(operator) != "Do" or operands[0] not in xobjects:
                continue
            xobject = xobjects[operands[0]]
            if xobject.get("/Subtype") == "/Image":
                found.append((int(xobject.Width), int(xobject.Height)))
            elif xobject.get("/Subtype") == "/Form":
                drawn(xobject, xobject.get("/Resources", resources), found)

    pages = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            found: list[tuple[int, int]] = []
            drawn(page, page.obj.get("/Resources", {}), found)
            pages.append(found)
    return pages


@pytest.mark.parametrize("cut", [False, True], ids=["one-piece", "in-parts"])
def test_pdf_cover_carries_both_logos_and_every_page_the_authority(
    branded: engine.Cover, cut: bool
) -> None:
    blocks = [*BLOCKS[:4], ("part", None), *BLOCKS[5:]] if cut else BLOCKS
    data = engine.write("pdf", branded, blocks)
    images = pdf_images(data)
    assert sorted(images[0]) == [(64, 64), (300, 100)]  # the cover: both logos, as drawn
    assert all(not page for page in images[1:])  # nowhere else
    reader = pdf_reader(data)
    cover = plain(reader.pages[0].extract_text())
    assert "Pays de la Bièvre" in cover and "Agence Résilience" in cover
    for page in reader.pages[1:]:
        assert "Plan d'actions — Pays de la Bièvre" in plain(page.extract_text())
    # The logos are figures of the structure tree, named for a screen reader.
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if hasattr(node, "keys"):
            if node.get("/S") == "/Figure":
                alts.append(plain(str(node.get("/Alt", ""))))
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert "Logo : Pays de la Bièvre" in alts and "Logo : Agence Résilience" in alts


def pdf_colours(data: bytes) -> set[tuple[float, ...]]:
    """The RGB colours (fill and stroke) the pages and their forms paint with."""
    import pikepdf

    colours: set[tuple[float, ...]] = set()

    def paint(stream: Any, resources: Any) -> None:
        for operands, operator in pikepdf.parse_content_stream(stream):
            if str(operator) in ("rg", "RG"):
                colours.add(tuple(round(float(v), 3) for v in operands))
            elif str(operator) == "Do":
                xobject = resources.get("/XObject", {}).get(operands[0])
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    paint(xobject, xobject.get("/Resources", resources))

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            paint(page, page.obj.get("/Resources", {}))
    return colours


def rgb(colour: str) -> tuple[float, ...]:
    return tuple(round(int(colour[i : i + 2], 16) / 255, 3) for i in (1, 3, 5))


def test_pdf_headings_and_rules_take_the_accent_colour(branded: engine.Cover) -> None:
    source = engine.pdf_source(branded, BLOCKS)
    tint = branding.tint("#8a1c1c")
    assert f'<body style="--rs-accent: #8a1c1c; --rs-accent-tint: {tint}">' in source
    colours = pdf_colours(engine.write("pdf", branded, BLOCKS))
    assert rgb("#8a1c1c") in colours and rgb(tint) in colours  # headings, table headers
    assert rgb("#0b5c57") not in colours


@pytest.mark.parametrize(
    "colour", ["red;}body{display:none", "#fff;} @page { background: url(http://x/) }"]
)
def test_a_refused_colour_never_enters_the_pdf_css(
    branded: engine.Cover, settings: Any, colour: str
) -> None:
    settings.RESSORT_ACCENT_COLOR = colour
    source = engine.pdf_source(branded, BLOCKS)
    assert "display:none" not in source and "http://x/" not in source
    assert '<body style="--rs-accent: #0b5c57; --rs-accent-tint: ' in source  # the default
    assert rgb("#0b5c57") in pdf_colours(engine.write("pdf", branded, BLOCKS))


def test_docx_embeds_both_logos_and_uses_the_accent_colour(branded: engine.Cover) -> None:
    from docx import Document

    data = engine.write("docx", branded, BLOCKS)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        sizes = sorted(Image.open(io.BytesIO(docx.read(n))).size for n in media)
        styles = docx.read("word/styles.xml").decode()
        header = docx.read("word/header1.xml").decode()
        document = docx.read("word/document.xml").decode()
    assert sizes == [(64, 64), (300, 100)]
    assert "Pays de la Bièvre" in plain(header)
    assert 'w:color w:val="8A1C1C"' in styles and "0B5C57" not in styles
    assert 'w:fill="' + branding.tint("#8a1c1c")[1:].upper() + '"' in document
    shapes = Document(io.BytesIO(data)).inline_shapes
    alts = [plain(shape._inline.docPr.get("descr")) for shape in shapes]
    assert alts == ["Logo : Pays de la Bièvre", "Logo : Agence Résilience"]
    # Drawn at the cover's sizes, in proportion: 2.2 cm high for the authority's.
    assert round(shapes[0].height.cm, 1) == 2.2 and round(shapes[0].width.cm, 1) == 6.6


def test_odt_embeds_both_logos_and_names_the_authority_in_the_footer(
    branded: engine.Cover,
) -> None:
    data = engine.write("odt", branded, BLOCKS)
    with zipfile.ZipFile(io.BytesIO(data)) as odt:
        names = odt.namelist()
        content = odt.read("content.xml").decode()
        styles = odt.read("styles.xml").decode()
        manifest = odt.read("META-INF/manifest.xml").decode()
        authority = Image.open(io.BytesIO(odt.read("Pictures/logo-collectivite.png"))).size
        operator = Image.open(io.BytesIO(odt.read("Pictures/logo-operateur.png"))).size
    assert (authority, operator) == ((300, 100), (64, 64))
    assert "Pictures/logo-collectivite.png" in manifest and "Pictures/logo-operateur.png" in names
    assert "Logo : Pays de la Bièvre" in plain(content)
    footer = styles.split("<style:footer>", 1)[1].split("</style:footer>", 1)[0]
    assert "Pays de la Bièvre" in plain(footer)
    assert 'fo:color="#8a1c1c"' in styles and "0b5c57" not in styles.lower()
    frames = re.findall(r"<draw:frame [^>]*>", content)
    assert len(frames) == 2 and all('text:anchor-type="as-char"' in f for f in frames)


@pytest.mark.django_db
def test_a_demarche_cover_takes_its_authority_name_and_logo(
    approach: Any, settings: Any, tmp_path: Path
) -> None:
    from ressort.approaches import logo

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
    cover = engine.cover_for(approach, "Portrait")
    assert cover.authority == approach.perimeter_name and cover.authority_logo is None
    logo.set_branding(
        approach, "Communauté d'agglomération", branding.clean_logo(picture((90, 30), "#000"))
    )
    cover = engine.cover_for(approach, "Portrait")
    assert cover.authority == "Communauté d'agglomération"
    assert cover.authority_logo is not None and cover.authority_logo.width == 90
