"""One document engine: the apps describe a document as a cover and a list of typed blocks;
one writer per format (PDF, DOCX, ODT) turns them into a file a council can adopt.

Every document gets the same frame: a cover (authority, title, démarche, date, version and
status, adoption block), a table of contents, then the body; A4, French (fr-FR), page
numbers in the footer, headings in order (the document's title, then levels 1 to 3), and
French typography on every text (ressort.analysis.typography).

Blocks (tuples, so that an outline prints and compares simply):
- ("h1" | "h2" | "h3", text): h1 is the title (the cover carries it; a second h1 is a part),
  h2 a chapter (level 1 in the table of contents), h3 a section;
- ("p" | "note" | "bullet", text);
- ("keys", (title, [message, …])): a framed box of key messages for élus;
- ("table", (caption, header, rows)): a table with a header row repeated on each page;
- ("fields", [[label, value], …]): the rubrics of a sheet, one paragraph each;
- ("svg", (svg, alternative text[, file name[, source]])): a drawing, SVG in the PDF and the
  ODT, PNG in the DOCX; its printed width in cm can be set by a `data-width-cm` attribute;
  its source and year (« Source : … ») printed under it in every format;
- ("pagebreak", None);
- ("part", None): a page break where the PDF may be cut: each part is laid out on its own,
  its pages cached by its content and merged (ressort.documents.parts), so a long document
  re-lays out only the parts that changed (ignored by DOCX and ODT).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from ressort import branding
from ressort.analysis.typography import day as french_date
from ressort.analysis.typography import french

Block = tuple[str, Any]

# The documents' one colour (headings, rules), never Word's theme blue: the operator's
# accent colour (RESSORT_ACCENT_COLOR), checked to be #rrggbb (ressort.branding.accent).
TEXT = "1D2327"
MUTED = "55606A"
FONT = "Liberation Sans"
DRAWING_CM = 16.0


def figure_source(content: Any) -> str:
    """The « Source : …, année » line of a drawing block, or ""."""
    return str(content[3]) if len(content) > 3 and content[3] else ""


@dataclass
class Cover:
    """What the first page says."""

    title: str
    authority: str
    subtitle: str = ""  # the démarche
    kind: str = ""  # « Portrait de résilience », « Plan d'actions »… (running footer)
    date: datetime.date = field(default_factory=lambda: timezone.localdate())
    status: str = "Version projet"
    adoption: str = ""  # « Adopté par délibération n° … du … »
    note: str = ""  # illustrative content warning
    draft_note: str = "Projet soumis à l'assemblée délibérante\u00a0: ce document n'est pas adopté."
    authority_logo: branding.Logo | None = None  # uploaded in the démarche's settings

    @property
    def operator_logo(self) -> branding.Logo | None:
        return branding.operator_logo()  # RESSORT_LOGO_FILE, checked

    @property
    def operator_name(self) -> str:
        return settings.RESSORT_OPERATOR or settings.RESSORT_INSTANCE_NAME

    @property
    def operator(self) -> str:
        name = settings.RESSORT_INSTANCE_NAME
        operator = settings.RESSORT_OPERATOR
        return f"{name} — {operator}" if operator else name

    @property
    def full_title(self) -> str:
        return f"{self.title} — {self.authority}" if self.authority else self.title


def cover_for(
    approach: Any,
    title: str,
    *,
    kind: str = "",
    adoption: str = "",
    deliverable: str = "",
    target: int | None = None,
) -> Cover:
    """The cover of a démarche's document (the adoption block, when adopted). A draft of a
    `deliverable` already adopted says which adopted version it would replace."""
    draft_note = Cover.draft_note
    if deliverable and not adoption:
        from ressort.documents.adoption import latest

        previous = latest(approach, deliverable, target)
        if previous is not None:
            draft_note = (
                f"Projet modifiant la version {previous.number} adoptée par délibération "
                f"n° {previous.deliberation_number} du {french_date(previous.deliberation_date)}"
                "\u00a0; cette version adoptée reste inchangée."
            )
    return Cover(
        draft_note=draft_note,
        title=title,
        authority=approach.authority,
        authority_logo=approach.authority_logo_image(),
        subtitle=f"Démarche «\u00a0{approach.name}\u00a0»",
        kind=kind or title,
        status="Version adoptée" if adoption else "Version projet",
        adoption=adoption,
        note=(
            "Démarche de démonstration\u00a0: le périmètre est réel\u00a0; les contenus marqués "
            "«\u00a0illustratif\u00a0» ne décrivent pas le territoire réel."
            if getattr(approach, "is_demo", False)
            else ""
        ),
    )


def headings(blocks: Iterable[Block]) -> list[tuple[int, str, str]]:
    """The table of contents: (level 1 or 2, anchor, text) of each h2 and h3."""
    out = []
    for number, (kind, content) in enumerate(blocks):
        if kind in ("h2", "h3"):
            out.append((int(kind[1]) - 1, f"s{number}", content))
    return out


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------


def write_pdf(cover: Cover, blocks: list[Block]) -> bytes:
    """A tagged PDF (PDF/UA-1: structure tree, language, title), drawings with their
    alternative text. A document cut into parts by ("part", None) blocks is laid out part by
    part, each part's pages cached and merged (ressort.documents.parts)."""
    from ressort.documents import pdf

    if any(kind == "part" for kind, _ in blocks):
        from ressort.documents import parts

        return parts.write_pdf(cover, blocks)
    toc = [(level, anchor, text, None) for level, anchor, text in headings(blocks) if level == 1]
    return pdf.write(pdf.html(pdf_source(cover, blocks, toc=toc)))


def pdf_source(
    cover: Cover,
    blocks: list[Block],
    *,
    toc: list[tuple[int, str, str, int | None]] | None = None,
    first: int = 0,
    front: bool = True,
    numbered: bool = True,
) -> str:
    """The HTML of a document (or of a part of it: `blocks` numbered from `first`, with or
    without the cover and contents, with or without page numbers in the footer)."""
    shown = [
        (
            kind,
            (*_svg_image(content[0], content[1]), figure_source(content))
            if kind == "svg"
            else content,
        )
        for kind, content in blocks
    ]
    return render_to_string(
        "documents/document.html",
        {
            "cover": cover,
            "date": french_date(cover.date),
            "blocks": [(kind, content, f"s{first + n}") for n, (kind, content) in enumerate(shown)],
            "toc": toc or [],
            "front": front,
            "numbered": numbered,
            "accent": branding.accent(),  # #rrggbb only: it goes into the CSS
            "accent_tint": branding.tint(branding.accent()),
        },
    )


def _svg_image(svg: str, alt: str) -> tuple[str, str, int]:
    """A drawing as an <img> (data URI): WeasyPrint tags it as a Figure whose alternative
    text is `alt` (an inline <svg> would only give its <title>)."""
    import base64

    from ressort.analysis.typography import french_html

    data = base64.b64encode(french_html(svg).encode()).decode()
    pixels = round(_drawing_width(svg) / 2.54 * 96)  # CSS pixels: 96 per inch
    return (f"data:image/svg+xml;base64,{data}", alt, pixels)


# --------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------


def _docx_field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) in `paragraph`, computed by the word processor."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def _docx_language(element: Any, lang: str = "fr-FR") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else element
    tag = rpr.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        rpr.append(tag)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        tag.set(qn(attribute), lang)


def _docx_styles(doc: Any) -> None:
    """Sober styles: one font, black text, headings in the accent colour, French."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _docx_language(rpr)
    # Word's theme (Calibri, Cambria, blue accents) goes: no style refers to it any more,
    # and the table styles we do not use are dropped.
    theme = {"asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme", "themeColor"}
    theme |= {"themeShade", "themeTint", "themeFill", "themeFillShade", "themeFillTint"}
    root = doc.styles.element
    for element in root.iter():
        for attribute in list(element.attrib):
            if attribute.rsplit("}", 1)[-1] in theme:
                del element.attrib[attribute]
    for style in list(root.findall(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in (
            "TableNormal",
            "TableGrid",
        ):
            root.remove(style)
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.font.color.rgb = RGBColor.from_string(TEXT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    sizes = {"Title": 24, "Subtitle": 13, "Heading 1": 15, "Heading 2": 12, "Heading 3": 10.5}
    accent = branding.accent_hex()
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = RGBColor.from_string(accent if name != "Heading 3" else TEXT)
        style.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 8)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
        # Title's bottom border (a blue rule in Word's default) goes.
        ppr = style.element.pPr
        if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
            ppr.remove(ppr.find(qn("w:pBdr")))
    for name in ("List Bullet", "Caption"):
        doc.styles[name].font.name = FONT
    doc.styles["Caption"].font.color.rgb = RGBColor.from_string(MUTED)
    doc.styles["Caption"].font.size = Pt(9)


def _docx_page(doc: Any, cover: Cover) -> None:
    """A4, margins, a header with the document's title and a footer with page numbers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.different_first_page_header_footer = True  # a bare cover
    header = section.header.paragraphs[0]
    header.text = french(f"{cover.kind} — {cover.authority}")
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(french(f"{cover.status} · page "))
    _docx_field(footer, "PAGE", "1")
    footer.add_run(" sur ")
    _docx_field(footer, "NUMPAGES", "1")
    for paragraph in (header, footer):
        for run in paragraph.runs:
            run.font.size = Pt(8)
            run.font.color.rgb = RGBColor.from_string(MUTED)


def _docx_cover(doc: Any, cover: Cover, contents: list[tuple[int, str, str]]) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    if cover.authority_logo is not None:
        _docx_logo(doc.add_paragraph(), cover.authority_logo, f"Logo\u00a0: {cover.authority}", 2.2)
    authority = doc.add_paragraph()
    run = authority.add_run(french(cover.authority))
    run.bold, run.font.size = True, Pt(14)
    doc.add_paragraph()
    doc.add_paragraph(french(cover.title), style="Title")
    if cover.subtitle:
        doc.add_paragraph(french(cover.subtitle), style="Subtitle")
    doc.add_paragraph(french_date(cover.date))
    status = doc.add_paragraph()
    run = status.add_run(french(cover.status))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(branding.accent_hex())
    doc.add_paragraph(french(cover.adoption or cover.draft_note))
    if cover.note:
        doc.add_paragraph().add_run(french(cover.note)).italic = True
    operator = doc.add_paragraph()
    if cover.operator_logo is not None:
        _docx_logo(operator, cover.operator_logo, f"Logo\u00a0: {cover.operator_name}", 1.0)
        operator.add_run(" ")
    operator.add_run(french(f"Document produit avec {cover.operator}."))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Sommaire", style="Heading 1")
    _docx_contents(doc, contents)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _docx_contents(doc: Any, contents: list[tuple[int, str, str]]) -> None:
    """The table of contents as a TOC field whose last result is already the document's
    headings (level 2 indented): a reader that does not compute fields (LibreOffice until
    « Mettre à jour », a viewer) shows the contents rather than a placeholder; Word
    computes it again with page numbers when the file opens (updateFields)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    first = doc.add_paragraph()
    first.add_run()._r.append(char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = ' TOC \\o "1-2" \\h \\z \\u '
    first.add_run()._r.append(instruction)
    first.add_run()._r.append(char("separate"))
    paragraph = first
    for n, (level, _anchor, text) in enumerate(contents):
        if n:
            paragraph = doc.add_paragraph()
        if level > 1:
            paragraph.paragraph_format.left_indent = Cm(0.8)
        paragraph.add_run(french(text))
    if not contents:
        first.add_run("Le sommaire se met à jour à l'ouverture du document.")
    paragraph.add_run()._r.append(char("end"))


def _docx_logo(paragraph: Any, logo: branding.Logo, alt: str, height_cm: float) -> None:
    """A logo embedded in the file (word/media), with its alternative text."""
    from docx.shared import Cm

    width, height = logo.width_for(height_cm, 7.0)
    shape = paragraph.add_run().add_picture(
        io.BytesIO(logo.png), width=Cm(width), height=Cm(height)
    )
    shape._inline.docPr.set("descr", french(alt))


def _docx_update_fields_on_open(doc: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings_element = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings_element.append(update)
    # The template's theme fonts language (en-US): Word's spelling falls back to it.
    theme_language = settings_element.find(qn("w:themeFontLang"))
    if theme_language is not None:
        theme_language.set(qn("w:val"), "fr-FR")
    # The template's copy of its styles for Word 2010 (stylesWithEffects.xml: en-US, Word's
    # theme) goes; styles.xml, made French above, is the one every reader uses.
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


def _docx_table(doc: Any, caption: str, header: list[str], rows: list[list[str]]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.add_paragraph(french(caption), style="Caption")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(french(text)).bold = True
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), branding.tint(branding.accent())[1:].upper())
        cell._tc.get_or_add_tcPr().append(shading)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = french(str(text))
    doc.add_paragraph()


def png_from_svg(svg: str, width_cm: float, dpi: int = 200) -> bytes:
    """A drawing rasterised on white (cairosvg), for DOCX which cannot carry SVG."""
    import cairosvg

    data: bytes = cairosvg.svg2png(
        bytestring=svg.encode(),
        output_width=round(width_cm / 2.54 * dpi),
        background_color="#ffffff",
        dpi=dpi,
    )
    return data


def _drawing_width(svg: str) -> float:
    match = re.search(r'data-width-cm="([\d.]+)"', svg)
    return float(match.group(1)) if match else DRAWING_CM


def write_docx(cover: Cover, blocks: list[Block]) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    doc.core_properties.title = french(cover.full_title)
    doc.core_properties.author = cover.authority
    doc.core_properties.language = "fr-FR"
    doc.core_properties.comments = cover.status
    # The template's dates (2013) would be the document's in the reader's properties.
    doc.core_properties.created = doc.core_properties.modified = timezone.now()
    _docx_styles(doc)
    _docx_page(doc, cover)
    _docx_update_fields_on_open(doc)
    _docx_cover(doc, cover, headings(blocks))
    for kind, content in blocks:
        if kind in ("h1", "part"):
            continue  # the cover carries the title; parts are the PDF's affair
        if kind in ("h2", "h3"):
            doc.add_heading(french(content), level=int(kind[1]) - 1)
        elif kind == "bullet":
            doc.add_paragraph(french(content), style="List Bullet")
        elif kind == "note":
            doc.add_paragraph().add_run(french(content)).italic = True
        elif kind == "keys":
            title, messages = content
            box = doc.add_table(rows=1, cols=1)
            box.style = "Table Grid"
            cell = box.rows[0].cells[0]
            run = cell.paragraphs[0].add_run(french(title))
            run.bold = True
            run.font.color.rgb = RGBColor.from_string(branding.accent_hex())
            for message in messages:
                cell.add_paragraph(french(message), style="List Bullet")
            doc.add_paragraph()
        elif kind == "svg":
            svg, alt = content[:2]
            width = _drawing_width(svg)
            png = png_from_svg(svg, width)
            shape = doc.add_paragraph().add_run().add_picture(io.BytesIO(png), width=Cm(width))
            shape._inline.docPr.set("descr", french(alt))
            if source := figure_source(content):
                doc.add_paragraph(french(source), style="Caption")
        elif kind == "fields":
            for label, value in content:
                paragraph = doc.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(1)
                paragraph.add_run(french(f"{label}\u00a0: ")).bold = True
                paragraph.add_run(french(str(value)))
        elif kind == "table":
            _docx_table(doc, *content)
        elif kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            doc.add_paragraph(french(content))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------
# ODT
# --------------------------------------------------------------------------------------


def write_odt(cover: Cover, blocks: list[Block]) -> bytes:
    from odf.dc import Language, Title
    from odf.draw import Frame, Image
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer as StyleFooter
    from odf.style import (
        FooterStyle,
        GraphicProperties,
        HeaderFooterProperties,
        ListLevelProperties,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        ParagraphProperties,
        Style,
        TableCellProperties,
        TableColumnProperties,
        TableProperties,
        TextProperties,
    )
    from odf.svg import Desc
    from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import (
        H,
        List,
        ListItem,
        ListLevelStyleBullet,
        ListStyle,
        P,
        PageCount,
        PageNumber,
        Span,
    )

    doc = OpenDocumentText()
    doc.meta.addElement(Title(text=french(cover.full_title)))
    doc.meta.addElement(Language(text="fr-FR"))

    default = Style(name="Standard", family="paragraph")
    default.addElement(
        TextProperties(
            fontname=FONT,
            fontfamily=FONT,
            fontsize="10pt",
            language="fr",
            country="FR",
            color=f"#{TEXT}",
        )
    )
    default.addElement(ParagraphProperties(marginbottom="0.15cm"))
    doc.styles.addElement(default)

    layout = PageLayout(name="A4")
    layout.addElement(
        PageLayoutProperties(
            pagewidth="21cm",
            pageheight="29.7cm",
            margintop="2cm",
            marginbottom="1.5cm",
            marginleft="2cm",
            marginright="2cm",
            printorientation="portrait",
        )
    )
    footer_layout = FooterStyle()
    footer_layout.addElement(HeaderFooterProperties(minheight="0.6cm", margintop="0.3cm"))
    layout.addElement(footer_layout)
    doc.automaticstyles.addElement(layout)
    footer_style = Style(name="Pied", family="paragraph", parentstylename=default)
    footer_style.addElement(ParagraphProperties(textalign="end"))
    footer_style.addElement(TextProperties(fontsize="8pt", color=f"#{MUTED}"))
    doc.styles.addElement(footer_style)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = StyleFooter()
    line = P(
        stylename=footer_style,
        text=french(f"{cover.kind} — {cover.authority} — {cover.status} · page "),
    )
    line.addElement(PageNumber(selectpage="current", text="1"))
    line.addText(" sur ")
    line.addElement(PageCount(text="1"))
    footer.addElement(line)
    master.addElement(footer)
    doc.masterstyles.addElement(master)

    def paragraph_style(name: str, **text: str) -> Any:
        style = Style(name=name, family="paragraph", parentstylename=default)
        style.addElement(TextProperties(**text))
        doc.styles.addElement(style)
        return style

    headings_styles = {}
    for level, size in ((1, "20pt"), (2, "14pt"), (3, "11pt")):
        style = Style(
            name=f"Heading_20_{level}",
            displayname=f"Heading {level}",
            family="paragraph",
            parentstylename=default,
            defaultoutlinelevel=str(level),
        )
        style.addElement(
            TextProperties(
                fontsize=size,
                fontweight="bold",
                color=branding.accent() if level < 3 else f"#{TEXT}",
            )
        )
        style.addElement(
            ParagraphProperties(margintop="0.4cm", marginbottom="0.15cm", keepwithnext="always")
        )
        doc.styles.addElement(style)
        headings_styles[level] = style
    note = paragraph_style("Remarque", fontstyle="italic")
    caption = paragraph_style("Légende", fontstyle="italic", color=f"#{MUTED}", fontsize="9pt")
    strong = Style(name="Gras", family="text")
    strong.addElement(TextProperties(fontweight="bold"))
    doc.styles.addElement(strong)
    cover_big = paragraph_style("Couverture", fontsize="14pt", fontweight="bold")
    breaking = Style(name="Saut", family="paragraph", parentstylename=default)
    breaking.addElement(ParagraphProperties(breakbefore="page"))
    doc.styles.addElement(breaking)

    bullets = ListStyle(name="Puces")
    level_style = ListLevelStyleBullet(level=1, bulletchar="•")
    level_style.addElement(ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.4cm"))
    bullets.addElement(level_style)
    doc.styles.addElement(bullets)

    table_style = Style(name="Tableau", family="table")
    table_style.addElement(TableProperties(width="17cm", align="left"))
    doc.automaticstyles.addElement(table_style)
    cell_style = Style(name="Cellule", family="table-cell")
    cell_style.addElement(TableCellProperties(border="0.5pt solid #C5CCD2", padding="0.08cm"))
    doc.automaticstyles.addElement(cell_style)
    head_style = Style(name="CelluleTitre", family="table-cell")
    head_style.addElement(
        TableCellProperties(
            border="0.5pt solid #C5CCD2",
            padding="0.08cm",
            backgroundcolor=branding.tint(branding.accent()),
        )
    )
    doc.automaticstyles.addElement(head_style)
    frame_style = Style(name="Dessin", family="graphic")
    frame_style.addElement(
        GraphicProperties(anchortype="as-char", verticalpos="top", verticalrel="baseline")
    )
    doc.automaticstyles.addElement(frame_style)
    column_styles: dict[int, Any] = {}

    def column_style(count: int) -> Any:
        if count not in column_styles:
            style = Style(name=f"Colonne{count}", family="table-column")
            style.addElement(TableColumnProperties(columnwidth=f"{17 / count:.2f}cm"))
            doc.automaticstyles.addElement(style)
            column_styles[count] = style
        return column_styles[count]

    body = doc.text

    def text(style: Any, content: str) -> None:
        body.addElement(P(stylename=style, text=french(content)))

    def logo_frame(logo: branding.Logo, name: str, alt: str, height_cm: float) -> Any:
        """A logo embedded in the file (Pictures/), a character of its paragraph."""
        href = doc.addPicture(f"Pictures/{name}.png", "image/png", logo.png)
        width, height = logo.width_for(height_cm, 7.0)
        frame = Frame(
            stylename=frame_style,
            width=f"{width:.2f}cm",
            height=f"{height:.2f}cm",
            anchortype="as-char",
            name=alt,
        )
        frame.addElement(Image(href=href))
        frame.addElement(Desc(text=french(alt)))
        return frame

    # Cover, then the contents (chapters listed; the page numbers are the reader's job).
    if cover.authority_logo is not None:
        holder = P(stylename=default)
        holder.addElement(
            logo_frame(
                cover.authority_logo, "logo-collectivite", f"Logo\u00a0: {cover.authority}", 2.2
            )
        )
        body.addElement(holder)
    text(cover_big, cover.authority)
    body.addElement(H(outlinelevel=1, stylename=headings_styles[1], text=french(cover.title)))
    if cover.subtitle:
        text(default, cover.subtitle)
    text(default, french_date(cover.date))
    text(cover_big, cover.status)
    text(
        default,
        cover.adoption or cover.draft_note,
    )
    if cover.note:
        text(note, cover.note)
    operator = P(stylename=default)
    if cover.operator_logo is not None:
        alt = f"Logo\u00a0: {cover.operator_name}"
        operator.addElement(logo_frame(cover.operator_logo, "logo-operateur", alt, 1.0))
        operator.addText(" ")
    operator.addText(french(f"Document produit avec {cover.operator}."))
    body.addElement(operator)
    body.addElement(P(stylename=breaking))
    body.addElement(H(outlinelevel=2, stylename=headings_styles[2], text="Sommaire"))
    for level, _anchor, title in headings(blocks):
        if level == 1:
            text(default, title)
    body.addElement(P(stylename=breaking))

    for number, (kind, content) in enumerate(blocks):
        if kind in ("h1", "part"):
            continue
        if kind in ("h2", "h3"):
            level = int(kind[1])
            body.addElement(
                H(outlinelevel=level, stylename=headings_styles[level], text=french(content))
            )
        elif kind in ("bullet", "keys"):
            if kind == "keys":
                text(headings_styles[3], content[0])
            items = List(stylename=bullets)
            for message in [content] if kind == "bullet" else content[1]:
                item = ListItem()
                item.addElement(P(stylename=default, text=french(message)))
                items.addElement(item)
            body.addElement(items)
        elif kind == "note":
            text(note, content)
        elif kind == "svg":
            svg, alt = content[:2]
            name = content[2] if len(content) > 2 else f"dessin-{number}"
            width = _drawing_width(svg)
            href = doc.addPicture(f"Pictures/{name}.svg", "image/svg+xml", svg.encode())
            frame = Frame(
                stylename=frame_style,
                width=f"{width}cm",
                height=f"{width * _svg_ratio(svg):.2f}cm",
                # As a character of its own paragraph: the drawing moves to the next page
                # as a whole (anchored to a paragraph, LibreOffice drew it over the foot
                # of the page and again on the next one).
                anchortype="as-char",
                name=f"Dessin {number}",
            )
            frame.addElement(Image(href=href))
            frame.addElement(Desc(text=french(alt)))
            holder = P(stylename=default)
            holder.addElement(frame)
            body.addElement(holder)
            if source := figure_source(content):
                text(caption, source)
        elif kind == "fields":
            for label, value in content:
                paragraph = P(stylename=default)
                paragraph.addElement(Span(stylename=strong, text=french(f"{label}\u00a0: ")))
                paragraph.addText(french(str(value)))
                body.addElement(paragraph)
        elif kind == "table":
            title, header, rows = content
            text(caption, title)
            table = Table(name=f"Tableau {number}", stylename=table_style)
            table.addElement(
                TableColumn(numbercolumnsrepeated=len(header), stylename=column_style(len(header)))
            )
            head = TableHeaderRows()
            for index, row in enumerate([header, *rows]):
                tr = TableRow()
                for value in row:
                    cell = TableCell(
                        valuetype="string", stylename=head_style if index == 0 else cell_style
                    )
                    cell.addElement(P(stylename=default, text=french(str(value))))
                    tr.addElement(cell)
                (head if index == 0 else table).addElement(tr)
                if index == 0:
                    table.addElement(head)
            body.addElement(table)
        elif kind == "pagebreak":
            body.addElement(P(stylename=breaking))
        else:
            text(default, content)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def _svg_ratio(svg: str) -> float:
    box = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg)
    return float(box.group(2)) / float(box.group(1)) if box else 0.6


WRITERS = {"pdf": write_pdf, "docx": write_docx, "odt": write_odt}
MIMES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def write(fmt: str, cover: Cover, blocks: list[Block]) -> bytes:
    if fmt not in WRITERS:
        raise ValueError(f"Format inconnu\u00a0: «\u00a0{fmt}\u00a0» (pdf, docx ou odt).")
    return WRITERS[fmt](cover, blocks)
