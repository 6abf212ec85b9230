"""The portrait as a document: PDF (WeasyPrint, from the page's template and SVG drawings),
DOCX (python-docx) and ODT (odfpy), both editable.

Building is split in steps that report their progress, so that a background job can show
it (ressort.documents, polled by htmx) and the command line can print it.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from ressort.portrait import portrait as pt
from ressort.portrait.templatetags.portrait_tags import french_number

FORMATS = {
    "pdf": ("application/pdf", "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "DOCX",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "ODT"),
}
Progress = Callable[[int, str], None]
KIND = "portrait"


def _quiet(_: int, __: str) -> None:
    return None


def official_figures(approach: Approach) -> list[tuple[str, str]]:
    figures = approach.key_figures()
    out = []
    if figures["population"] is not None:
        out.append(("population", f"{figures['population']:,} hab.".replace(",", "\u202f")))
    if figures["commune_count"]:
        out.append(("communes", str(figures["commune_count"])))
    if figures["area"]:
        out.append(("superficie", f"{figures['area']:.1f} km²".replace(".", ",")))
    return out


# The drawings outline their labels with a white stroke painted under the text
# (paint-order: stroke); WeasyPrint ignores paint-order and paints the stroke over the text,
# so the PDF drops that halo.
HALO = ' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


def for_print(svg: str) -> str:
    return svg.replace(HALO, "")


def context(
    approach: Approach, p: pt.Portrait, *, pdf: bool = False, **extra: Any
) -> dict[str, Any]:
    """The template context shared by the page and the PDF."""
    doughnut, boussole = p.doughnut_svg, p.boussole_svg
    if pdf:
        doughnut, boussole = for_print(doughnut), for_print(boussole)
    for reading in p.strengths + p.weaknesses:
        reading.data_says = pt.reading_context(p, reading)  # type: ignore[attr-defined]
    return {
        "approach": approach,
        "p": p,
        "doughnut_svg": mark_safe(doughnut),
        "boussole_svg": mark_safe(boussole),
        "readings_groups": [("Forces", p.strengths), ("Faiblesses", p.weaknesses)],
        "figures": official_figures(approach),
        **extra,
    }


def build_pdf(approach: Approach, progress: Progress = _quiet) -> bytes:
    from ressort.documents import pdf

    progress(10, "Rassemblement des données")
    p = pt.build(approach)
    progress(30, "Mise en page")
    html = render_to_string("portrait/document.html", context(approach, p, pdf=True, can=set()))
    progress(50, "Production du PDF")
    document = pdf.html(html).render()
    progress(85, f"Écriture des {len(document.pages)} pages")
    data: bytes = document.write_pdf()
    progress(100, "Terminé")
    return data


def _status_text(row: Any) -> str:
    return f"{row.status_label} ({row.gap_label})" if row.status.gap else row.status_label


def _figure_text(figure: pt.KeyFigure) -> str:
    indicator = figure.indicator
    value = (
        f"{french_number(figure.value.value)} {indicator.unit} ({figure.value.year})"
        if figure.value
        else "donnée manquante"
    )
    source = indicator.source + (f", {indicator.year}" if indicator.year else "")
    status = f" — {figure.status.lower()}" if figure.status else ""
    if figure.comparison_text:
        status += f" (même année : {figure.comparison_text})"
    illustrative = " [illustratif]" if indicator.illustrative else ""
    return f"{indicator.name} : {value}{status}{illustrative}. Source : {source}."


def _doughnut_alt(p: pt.Portrait) -> str:
    """The Doughnut in words, for screen readers: each dimension and its status, by ring."""
    rings = []
    for social, name in ((True, "Plancher social"), (False, "Plafond écologique")):
        rows = [d for d in p.doughnut if (d.ring == "social") is social]
        rings.append(f"{name} — " + " ; ".join(f"{d.label} : {_status_text(d)}" for d in rows))
    return "Le Donut du territoire. " + ". ".join(rings) + "."


def _boussole_alt(p: pt.Portrait) -> str:
    """The Boussole profile in words: each principle and its aggregated score out of 4."""
    scores = " ; ".join(
        f"{n.short_label or n.label} : "
        + (f"{s:.1f}".replace(".", ",") + " sur 4" if s is not None else "pas de réponse")
        for n, s, depth in p.boussole
        if not depth
    )
    return f"Profil Boussole du territoire (médianes des ateliers). {scores}."


def png_from_svg(svg: str, width_cm: float, dpi: int = 200) -> bytes:
    """The drawing's SVG rasterised (cairosvg, on Debian's libcairo2) on a white background,
    for formats that cannot carry SVG (DOCX)."""
    import cairosvg

    data: bytes = cairosvg.svg2png(
        bytestring=svg.encode(),
        output_width=round(width_cm / 2.54 * dpi),
        background_color="#ffffff",
        dpi=dpi,
    )
    return data


def _outline(approach: Approach, p: pt.Portrait) -> list[tuple[str, Any]]:
    """The document as a flat list of blocks, shared by the DOCX and ODT writers:
    ("h1"|"h2"|"h3"|"p"|"note"|"bullet", text), ("drawing", (name, svg, width, alt text))
    or ("table", (caption, header, rows))."""
    blocks: list[tuple[str, Any]] = [
        ("h1", f"Portrait de résilience — {approach.perimeter_name}"),
        (
            "p",
            f"Démarche « {approach.name} » · document produit par Ressort le "
            f"{p.generated_at:%d/%m/%Y à %H:%M}. Ce document est modifiable : complétez-le.",
        ),
        (
            "p",
            "Chiffres officiels du territoire : "
            + " · ".join(f"{k} {v}" for k, v in official_figures(approach))
            + ".",
        ),
    ]
    if p.illustrative:
        blocks.append(
            (
                "note",
                "Contenu illustratif : les valeurs marquées [illustratif], les paroles et les "
                "observations de cette démarche de démonstration ne décrivent pas le "
                "territoire réel.",
            )
        )
    blocks += [
        ("h2", "Le Donut du territoire"),
        (
            "p",
            "Pour chacune des 21 dimensions, la pire situation parmi ses indicateurs : déficit "
            "sous le plancher social, dépassement au-delà du plafond écologique, ou espace sûr "
            f"et juste ; « donnée manquante » n'est jamais zéro. {p.measured} dimensions sur 21 "
            "sont mesurées.",
        ),
        ("drawing", ("donut", for_print(p.doughnut_svg), "16cm", _doughnut_alt(p))),
        (
            "table",
            (
                "Statut de chaque dimension du Donut",
                ["Dimension", "Anneau", "Statut", "Indicateurs avec donnée"],
                [
                    [
                        d.label,
                        "plancher social" if d.ring == "social" else "plafond écologique",
                        _status_text(d),
                        f"{d.status.indicators_with_data} / {d.status.indicators}",
                    ]
                    for d in p.doughnut
                ],
            ),
        ),
        ("h2", "Le profil Boussole"),
    ]
    if p.boussole:
        if p.boussole_svg:
            blocks.append(
                ("drawing", ("boussole", for_print(p.boussole_svg), "11cm", _boussole_alt(p)))
            )
        blocks.append(
            (
                "table",
                (
                    f"Notes agrégées des {p.sessions} séances (sur 4)",
                    ["Principe ou levier", "Note"],
                    [
                        [
                            ("    " if depth else "") + f"{n.code} {n.short_label or n.label}",
                            f"{s:.1f}".replace(".", ",") if s is not None else "pas de réponse",
                        ]
                        for n, s, depth in p.boussole
                    ],
                ),
            )
        )
    else:
        blocks.append(("p", "Aucune séance de cotation de la Boussole pour l'instant."))
    blocks.append(("h2", "Forces et faiblesses"))
    for title, items in (("Forces", p.strengths), ("Faiblesses", p.weaknesses)):
        blocks.append(("h3", title))
        if not items:
            blocks.append(("p", "Aucune pour l'instant."))
        for reading in items:
            says = pt.reading_context(p, reading)
            blocks.append(("bullet", reading.text + (f" (les données : {says})" if says else "")))
    blocks.append(("h2", "Dimension par dimension"))
    for section in p.sections:
        title = section.label + (f" — {section.status_label}" if section.status_label else "")
        blocks.append(("h3", title))
        for figure in section.figures:
            blocks.append(("bullet", _figure_text(figure)))
        for label, items in section.evidence_groups:
            blocks.append(("p", f"{label} :"))
            for item in items[:8]:
                blocks.append(("bullet", item.text))
        for reading in section.readings:
            blocks.append(("p", f"{reading.get_kind_display()} : {reading.text}"))
        if not section.figures and not section.has_evidence and not section.readings:
            blocks.append(("p", "Aucun chiffre ni témoignage pour cette dimension."))
    return blocks


def build_docx(approach: Approach, progress: Progress = _quiet) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    progress(10, "Rassemblement des données")
    p = pt.build(approach)
    progress(40, "Écriture du DOCX")
    doc = Document()
    doc.core_properties.title = f"Portrait de résilience — {approach.perimeter_name}"
    doc.core_properties.author = "Ressort"
    doc.styles["Normal"].font.size = Pt(10)
    for kind, content in _outline(approach, p):
        if kind in ("h1", "h2", "h3"):
            doc.add_heading(content, level=int(kind[1]) - 1 if kind == "h1" else int(kind[1]))
        elif kind == "bullet":
            doc.add_paragraph(content, style="List Bullet")
        elif kind == "note":
            doc.add_paragraph().add_run(content).bold = True
        elif kind == "drawing":
            # python-docx cannot embed SVG: the same SVG as the page's, rasterised to PNG,
            # with its statuses in words as the picture's description (alt text).
            _, svg, width, alt = content
            width_cm = float(width.removesuffix("cm"))
            png = png_from_svg(svg, width_cm)
            shape = doc.add_paragraph().add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
            shape._inline.docPr.set("descr", alt)
        elif kind == "table":
            caption, header, rows = content
            doc.add_paragraph().add_run(caption).italic = True
            table = doc.add_table(rows=1, cols=len(header))
            table.style = "Light Grid Accent 1"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        else:
            doc.add_paragraph(content)
    progress(90, "Enregistrement")
    out = io.BytesIO()
    doc.save(out)
    progress(100, "Terminé")
    return out.getvalue()


def build_odt(approach: Approach, progress: Progress = _quiet) -> bytes:
    from odf.draw import Frame, Image
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.svg import Desc
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, List, ListItem, P

    progress(10, "Rassemblement des données")
    p = pt.build(approach)
    progress(40, "Écriture de l'ODT")
    doc = OpenDocumentText()
    doc.meta.addElement(_odf_title(f"Portrait de résilience — {approach.perimeter_name}"))
    styles = {}
    for level, size in ((1, "18pt"), (2, "14pt"), (3, "11pt")):
        style = Style(name=f"Titre {level}", family="paragraph")
        style.addElement(TextProperties(fontsize=size, fontweight="bold", color="#0b5c57"))
        doc.styles.addElement(style)
        styles[level] = style
    bold = Style(name="Note", family="paragraph")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.styles.addElement(bold)
    column = Style(name="Colonne", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="4cm"))
    doc.automaticstyles.addElement(column)
    for kind, content in _outline(approach, p):
        if kind in ("h1", "h2", "h3"):
            level = int(kind[1])
            doc.text.addElement(H(outlinelevel=level, stylename=styles[level], text=content))
        elif kind == "bullet":
            items = List()
            item = ListItem()
            item.addElement(P(text="• " + content))
            items.addElement(item)
            doc.text.addElement(items)
        elif kind == "note":
            doc.text.addElement(P(stylename=bold, text=content))
        elif kind == "drawing":
            name, svg, width, alt = content
            href = doc.addPicture(f"Pictures/{name}.svg", "image/svg+xml", svg.encode())
            frame = Frame(width=width, height=width, anchortype="as-char", name=name)
            frame.addElement(Image(href=href))
            frame.addElement(Desc(text=alt))
            holder = P()
            holder.addElement(frame)
            doc.text.addElement(holder)
        elif kind == "table":
            caption, header, rows = content
            doc.text.addElement(P(text=caption))
            table = Table(name=caption[:30])
            table.addElement(TableColumn(numbercolumnsrepeated=len(header), stylename=column))
            for row in [header, *rows]:
                tr = TableRow()
                for text in row:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=text))
                    tr.addElement(cell)
                table.addElement(tr)
            doc.text.addElement(table)
        else:
            doc.text.addElement(P(text=content))
    progress(90, "Enregistrement")
    out = io.BytesIO()
    doc.write(out)
    progress(100, "Terminé")
    return out.getvalue()


def _odf_title(text: str) -> Any:
    from odf.dc import Title

    return Title(text=text)


BUILDERS: dict[str, Callable[..., bytes]] = {
    "pdf": build_pdf,
    "docx": build_docx,
    "odt": build_odt,
}


def build(approach: Approach, fmt: str, progress: Progress = _quiet) -> bytes:
    if fmt not in BUILDERS:
        raise ValueError(f"Format inconnu : {fmt} (pdf, docx ou odt).")
    return BUILDERS[fmt](approach, progress)


def _build_job(job: DocumentJob, progress: Progress) -> bytes:
    return build(job.approach, job.format, progress)


def filename(approach: Approach, fmt: str) -> str:
    return f"portrait-{approach.slug}-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"


def start_job(approach: Approach, fmt: str, user: Any) -> DocumentJob:
    """Queue a portrait document, built in the background (ressort.documents)."""
    return jobs.start_job(
        approach,
        KIND,
        fmt,
        _build_job,
        mime=FORMATS[fmt][0],
        filename=filename(approach, fmt),
        user=user,
    )
