"""The strategy and action plan as a document: PDF (WeasyPrint), DOCX and ODT (editable).

One outline — a flat list of blocks built from the démarche's data — feeds the three
writers: the PDF template renders the blocks as HTML (plus the timeline drawing), the DOCX
and ODT writers walk the same blocks. What one format says, the others say too.

Blocks: ("h1"|"h2"|"h3"|"p"|"note"|"bullet", text), ("table", (caption, header, rows)),
("fields", [[label, value], …]) — the rubrics of an action sheet, one paragraph each;
("svg", (svg, alternative text)) — a drawing: SVG in the PDF and the ODT, PNG in the DOCX.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ressort.analysis.typography import number as french_number
from ressort.analysis.typography import percent, plural
from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from ressort.governance import documents as governance_documents
from ressort.justice import documents as justice_documents
from ressort.living import documents as living_documents
from ressort.strategy import plan_checks, reading, services, timeline
from ressort.strategy.models import ActionSheet, Axis

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
Block = tuple[str, Any]
Progress = Callable[[int, str], None]
KIND = "strategie"
# The PDF is laid out in parts cached by their content (ressort.documents.parts): each
# chapter, and the sheets by groups of this many (a group begins on a new page). An edited
# sheet re-lays out its group only; a group rather than one sheet, because each part carries
# its own copy of the fonts' glyphs.
SHEETS_PER_PART = 8
PART: Block = ("part", None)


def _quiet(_: int, __: str) -> None:
    return None


def euros(value: Decimal | float | int) -> str:
    from ressort.analysis.typography import euros as french_euros

    return french_euros(value)


def period(sheet: ActionSheet) -> str:
    if sheet.start_date and sheet.end_date:
        return f"{sheet.start_date:%d/%m/%Y} → {sheet.end_date:%d/%m/%Y}"
    if sheet.start_date:
        return f"à partir du {sheet.start_date:%d/%m/%Y}"
    if sheet.end_date:
        return f"jusqu'au {sheet.end_date:%d/%m/%Y}"
    return "à dater"


def _axes(approach: Approach) -> list[Axis]:
    return reading.strategy_tree(approach, reading.gap_context(approach)["dimensions"])


def outline(approach: Approach) -> list[Block]:
    """The whole document as blocks (see the module's docstring)."""
    statement = services.statement_for(approach)
    axes = _axes(approach)
    every_sheet = list(
        services.sheets_with_details(approach)
        .prefetch_related("fundings", "indicators__indicator")
        .order_by("objective__axis__order", "objective__order", "order", "action__title")
    )
    # A plan to adopt: done and abandoned actions go to the annex (plan_checks).
    sheets = [s for s in every_sheet if s.status not in plan_checks.CLOSED]
    closed = [s for s in every_sheet if s.status in plan_checks.CLOSED]
    communes = dict(approach.communes.values_list("code", "name"))
    blocks: list[Block] = [("h1", f"{statement.title} — {approach.perimeter_name}")]
    blocks += _synthesis(axes, sheets)
    vision = services.vision_for(approach)
    horizon = f" à l'horizon {vision.horizon_year}" if vision and vision.horizon_year else ""
    blocks.append(("h2", f"Vision{horizon}"))
    blocks.append(
        ("p", vision.text if vision and vision.text else "La vision n'est pas encore écrite.")
    )
    if vision is not None and vision.value_list:
        blocks.append(("p", "Valeurs : " + ", ".join(vision.value_list) + "."))
    if vision is not None and vision.commitment_list:
        blocks.append(("p", "Engagements : " + " ; ".join(vision.commitment_list) + "."))
    if statement.preamble:
        blocks.append(("p", statement.preamble))

    blocks.append(PART)
    blocks.append(("h2", "La stratégie en un coup d'œil"))
    if not axes:
        blocks.append(("p", "La stratégie n'a pas encore d'axe."))
    else:
        rows = []
        for axis in axes:
            for objective in axis.objectives.all():
                rows.append(
                    [
                        f"{axis.order}. {axis.title}",
                        f"{objective.number} {objective.title}",
                        "; ".join(s.action.title for s in _open(objective)) or "—",
                    ]
                )
            if not axis.objectives.all():
                rows.append([f"{axis.order}. {axis.title}", "—", "—"])
        blocks.append(
            (
                "table",
                ("Axes, objectifs opérationnels et actions", ["Axe", "Objectif", "Actions"], rows),
            )
        )

    for axis in axes:
        blocks.append(PART)
        blocks.append(("h2", f"Axe {axis.order} — {axis.title}"))
        if axis.description:
            blocks.append(("p", axis.description))
        for objective in axis.objectives.all():
            blocks.append(("h3", f"Objectif {objective.number} — {objective.title}"))
            if objective.description:
                blocks.append(("p", objective.description))
            if objective.vision_link:
                blocks.append(("p", f"Vers la vision : {objective.vision_link}"))
            gaps = objective.gaps  # type: ignore[attr-defined]
            if gaps:
                blocks.append(
                    (
                        "p",
                        "Répond aux écarts du portrait : "
                        + " ; ".join(f"{g.label} ({services.GAP_LABELS[g.gap]})" for g in gaps)
                        + ".",
                    )
                )
            objective_sheets = _open(objective)
            if objective_sheets:
                blocks.append(
                    (
                        "table",
                        (
                            f"Actions de l'objectif {objective.number}",
                            ["Action", "Pilote", "Statut", "Période"],
                            [
                                [
                                    s.action.title,
                                    s.pilot_service or s.pilot_name or "—",
                                    f"{s.get_status_display()} ({percent(s.progress)})",
                                    period(s),
                                ]
                                for s in objective_sheets
                            ],
                        ),
                    )
                )

    blocks.append(PART)
    blocks.append(("h2", "Plan d'actions : les fiches"))
    if not sheets:
        blocks.append(("p", "Aucune fiche action pour l'instant."))
    for number, sheet in enumerate(sheets):
        if number and number % SHEETS_PER_PART == 0:
            blocks.append(PART)
        blocks += _sheet_blocks(sheet, communes)

    blocks.append(PART)
    blocks += _calendar_blocks(approach, sheets)
    blocks.append(PART)
    blocks += _budget_blocks(sheets)
    blocks += _axis_money_blocks(axes, sheets)
    blocks += living_documents.strategy_blocks(approach)  # brique « vivant »
    blocks += justice_documents.strategy_blocks(approach)  # brique « transition juste »
    blocks += governance_documents.strategy_blocks(approach)  # brique « Gouvernance »
    blocks += _conclusion(axes, sheets)
    if closed:
        blocks.append(PART)
        blocks += _report_annex(closed)
    return blocks


def _open(objective: Any) -> list[ActionSheet]:
    return [s for s in objective.sheets.all() if s.status not in plan_checks.CLOSED]


def _synthesis(axes: list[Axis], sheets: list[ActionSheet]) -> list[Block]:
    """The plan at a glance, for élus: axes, money, calendar."""
    total = plan_checks.axis_money(sheets)
    starts = [s.start_date for s in sheets if s.start_date]
    ends = [s.end_date for s in sheets if s.end_date]
    objectives = plural(
        sum(len(a.objectives.all()) for a in axes),
        "objectif opérationnel",
        "objectifs opérationnels",
    )
    glance = [
        f"{plural(len(axes), 'axe')}, {objectives}, {plural(len(sheets), 'action')} à adopter.",
        f"Budget prévu : {euros(total.planned)} ; financements extérieurs acquis : "
        f"{euros(total.secured)}, sollicités : {euros(total.sought)}.",
        "Reste à charge de la collectivité, si les financements sollicités sont obtenus : "
        f"{euros(total.net_cost)}.",
    ]
    if starts and ends:
        glance.append(f"Mise en œuvre de {min(starts).year} à {max(ends).year}.")
    return [
        ("h2", "Synthèse"),
        ("keys", ("Le plan en un coup d'œil", glance)),
        ("keys", ("Les axes", [f"Axe {a.order} — {a.title}" for a in axes] or ["Aucun axe."])),
    ]


def _axis_money_blocks(axes: list[Axis], sheets: list[ActionSheet]) -> list[Block]:
    def row(label: str, m: plan_checks.Money) -> list[str]:
        values = (m.planned, m.secured, m.sought, m.own, m.net_cost)
        return [label, *(euros(v) for v in values)]

    rows = [
        row(
            f"{axis.order}. {axis.title}",
            plan_checks.axis_money(
                [s for s in sheets if s.objective and s.objective.axis_id == axis.pk]
            ),
        )
        for axis in axes
    ]
    loose = plan_checks.axis_money([s for s in sheets if s.objective is None])
    if loose.planned or loose.financing:
        rows.append(row("Hors axe", loose))
    rows.append(row("Total", plan_checks.axis_money(sheets)))
    header = [
        "Axe",
        "Budget prévu",
        "Financements acquis",
        "Financements sollicités",
        "Autofinancement déclaré",
        "Reste à charge",
    ]
    return [
        ("h3", "Budget et financements par axe"),
        ("table", ("Budget, financements et reste à charge par axe", header, rows)),
        (
            "p",
            "Reste à charge : budget prévu moins les financements extérieurs acquis et "
            "sollicités (ce que paie la collectivité s'ils sont tous obtenus).",
        ),
    ]


def _conclusion(axes: list[Axis], sheets: list[ActionSheet]) -> list[Block]:
    total = plan_checks.axis_money(sheets)
    return [
        ("h2", "Conclusion"),
        (
            "p",
            f"Ce plan d'actions décline la vision en {plural(len(axes), 'axe')} et "
            f"{plural(len(sheets), 'action')}, pour un budget prévu de {euros(total.planned)} "
            f"dont {euros(total.net_cost)} à la charge de la collectivité si les financements "
            "sollicités sont obtenus. Son suivi s'appuie sur les indicateurs de chaque fiche "
            "et sur le comité de pilotage.",
        ),
    ]


def _report_annex(closed: list[ActionSheet]) -> list[Block]:
    if not closed:
        return []
    return [
        ("h2", "Annexe : bilan de mise en œuvre"),
        (
            "p",
            "Actions déjà réalisées ou abandonnées : elles ne font pas partie du plan à adopter. "
            "Leur détail, avec celui des actions en cours, fait l'objet d'un document à part, "
            "le « bilan de mise en œuvre ».",
        ),
        (
            "table",
            (
                "Actions réalisées ou abandonnées",
                ["Action", "Statut", "Avancement", "Dépensé"],
                [
                    [
                        s.action.title,
                        s.get_status_display(),
                        percent(s.progress),
                        euros(services.budget_totals(s.budget_lines.all()).spent),
                    ]
                    for s in closed
                ],
            ),
        ),
    ]


def _sheet_blocks(sheet: ActionSheet, communes: dict[str, str]) -> list[Block]:
    lines = list(sheet.budget_lines.all())
    totals = services.budget_totals(lines)
    territory = (
        "tout le territoire"
        if sheet.whole_territory
        else ", ".join(communes.get(c, c) for c in sheet.commune_codes)
    )
    fundings = "; ".join(
        f"{f.funder} : {euros(f.amount)} ({f.get_state_display().lower()})"
        for f in sheet.fundings.all()
    )
    rows = [
        ["Objectif opérationnel", str(sheet.objective) if sheet.objective else "hors objectif"],
        ["Objectif de l'action", sheet.purpose or "à préciser"],
        ["Service pilote", sheet.pilot_service or "—"],
        ["Pilote", sheet.pilot_name or "—"],
        ["Élu·e référent·e", sheet.elected_lead or "—"],
        ["Partenaires", sheet.partners or "—"],
        ["Public cible", sheet.target_public or "—"],
        ["Territoire", territory or "—"],
        ["Période", period(sheet)],
        ["Statut", f"{sheet.get_status_display()}, avancement {percent(sheet.progress)}"],
        ["Budget", f"{euros(totals.planned)} prévus, {euros(totals.spent)} dépensés"],
        ["Financements", fundings or "—"],
        [
            "Reste à charge",
            f"{euros(plan_checks.money(sheet).net_cost)} si les financements sollicités sont "
            "obtenus",
        ],
        ["Prérequis", sheet.prerequisites or "—"],
        ["Risques et parades", sheet.risks or "—"],
        ["Compétences nécessaires", sheet.skills or "—"],
    ]
    from ressort.library import services as library  # the plans in force (issue 17)

    if consistency := library.consistency_summary(sheet.action):
        rows.append(["Cohérence avec les documents en vigueur", consistency])
    blocks: list[Block] = [("h3", sheet.action.title)]
    if sheet.action.description:
        blocks.append(("p", sheet.action.description))
    blocks.append(("fields", rows))
    years = plan_checks.yearly(sheet)
    if years:
        blocks.append(
            (
                "table",
                (
                    f"Budget par année (crédits de paiement) : {sheet.action.title}",
                    ["Année", "Investissement", "Fonctionnement", "Total"],
                    [
                        [
                            str(year),
                            euros(cell.get("investissement", 0)),
                            euros(cell.get("fonctionnement", 0)),
                            euros(sum(cell.values())),
                        ]
                        for year, cell in years.items()
                    ]
                    + [
                        [
                            "Total",
                            euros(sum(c.get("investissement", 0) for c in years.values())),
                            euros(sum(c.get("fonctionnement", 0) for c in years.values())),
                            euros(totals.planned),
                        ]
                    ],
                ),
            )
        )
    for m in sheet.milestones.all():
        done = f" — atteint le {m.done_on:%d/%m/%Y}" if m.done_on else ""
        blocks.append(("bullet", f"Jalon au {m.due_date:%d/%m/%Y} : {m.title}{done}"))
    indicators = list(sheet.indicators.all())
    if indicators:
        blocks.append(
            (
                "table",
                (
                    f"Indicateurs : {sheet.action.title}",
                    ["Indicateur", "Type", "Référence", "Cible"],
                    [
                        [
                            str(i),
                            i.get_kind_display(),
                            _measure(i.baseline, i.display_unit, i.baseline_year, "en"),
                            _measure(i.target, i.display_unit, i.target_year, "en"),
                        ]
                        for i in indicators
                    ],
                ),
            )
        )
    return blocks


def _measure(value: float | None, unit: str, year: int | None, word: str) -> str:
    if value is None:
        return "—"
    return f"{french_number(value, 2)} {unit}".strip() + (f" {word} {year}" if year else "")


def _calendar_blocks(approach: Approach, sheets: list[ActionSheet]) -> list[Block]:
    blocks: list[Block] = [("h2", "Calendrier")]
    groups = timeline.grouped_sheets(approach, timeline.Filters())
    for group in groups:  # the plan to adopt: done and abandoned actions are in the annex
        group.sheets = [s for s in group.sheets if s.status not in plan_checks.CLOSED]
    groups = [g for g in groups if g.sheets]
    drawings = timeline.page_drawings(groups)
    from ressort.documents.engine import french_date

    source = f"Source : plan d'actions de la démarche, état au {french_date(services.today())}."
    for number, svg in enumerate(drawings, start=1):
        blocks.append(("svg", (svg, _svg_text(svg), f"calendrier-{number}", source)))
    svg = "".join(drawings)
    milestones = sorted(
        ((m.due_date, m, s) for s in sheets for m in s.milestones.all()),
        key=lambda t: (t[0], t[1].pk),
    )
    if milestones:
        blocks.append(
            (
                "table",
                (
                    "Jalons dans l'ordre chronologique",
                    ["Échéance", "Jalon", "Action", "Atteint"],
                    [
                        [
                            f"{d:%d/%m/%Y}",
                            m.title,
                            s.action.title,
                            f"{m.done_on:%d/%m/%Y}" if m.done_on else "non",
                        ]
                        for d, m, s in milestones
                    ],
                ),
            )
        )
    elif not svg:
        blocks.append(("p", "Aucune action n'est encore datée."))
    return blocks


def _svg_text(svg: str) -> str:
    """A drawing's title and description, as the alternative text of its picture."""
    title = re.search(r"<title id=[^>]*>(.*?)</title>", svg)
    desc = re.search(r"<desc id=[^>]*>(.*?)</desc>", svg)
    parts = [html.unescape(m.group(1)) for m in (title, desc) if m]
    return ". ".join(parts)


def _svg_ratio(svg: str) -> float:
    box = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    return float(box.group(2)) / float(box.group(1)) if box else 0.5


def _budget_blocks(sheets: list[ActionSheet]) -> list[Block]:
    by_year: dict[int, dict[str, list[Decimal]]] = {}
    for sheet in sheets:
        for line in sheet.budget_lines.all():
            cell = by_year.setdefault(line.year, {}).setdefault(line.kind, [Decimal(0), Decimal(0)])
            cell[0] += line.planned
            cell[1] += line.spent
    blocks: list[Block] = [("h2", "Budget du plan d'actions")]
    if not by_year:
        blocks.append(("p", "Aucune ligne de budget."))
        return blocks
    rows = []
    total = [Decimal(0)] * 4
    for year, kinds in sorted(by_year.items()):
        inv = kinds.get("investissement", [Decimal(0), Decimal(0)])
        op = kinds.get("fonctionnement", [Decimal(0), Decimal(0)])
        values = [inv[0], inv[1], op[0], op[1]]
        total = [a + b for a, b in zip(total, values, strict=True)]
        rows.append([str(year), *(euros(v) for v in values)])
    rows.append(["Total", *(euros(v) for v in total)])
    header = [
        "Année",
        "Investissement prévu",
        "Investissement dépensé",
        "Fonctionnement prévu",
        "Fonctionnement dépensé",
    ]
    blocks.append(("table", ("Budget par année et par section", header, rows)))
    return blocks


# --------------------------------------------------------------------------------------
# Writers: the document engine (ressort.documents.engine) for the three formats
# --------------------------------------------------------------------------------------


def cover(approach: Approach, adoption: str = "") -> Any:
    from ressort.documents import engine

    statement = services.statement_for(approach)
    return engine.cover_for(
        approach,
        statement.title,
        kind="Stratégie et plan d'actions",
        adoption=adoption,
        deliverable="strategie",
    )


def _write(fmt: str, approach: Approach, progress: Progress, adoption: str = "") -> bytes:
    from ressort.documents import engine

    progress(5, "Rassemblement de la stratégie et des fiches actions")
    blocks = outline(approach)
    progress(
        30,
        "Mise en page du PDF (la plus longue étape)"
        if fmt == "pdf"
        else f"Écriture du {fmt.upper()}",
    )
    data = engine.write(fmt, cover(approach, adoption), blocks)
    progress(100, "Terminé")
    return data


def build_pdf(approach: Approach, progress: Progress = _quiet) -> bytes:
    return _write("pdf", approach, progress)


def build_docx(approach: Approach, progress: Progress = _quiet) -> bytes:
    return _write("docx", approach, progress)


def adopted_pdf(approach: Approach, _target: int | None, adoption: str) -> bytes:
    """The PDF frozen at adoption (ressort.documents.adoption)."""
    return _write("pdf", approach, _quiet, adoption)


def build_odt(approach: Approach, progress: Progress = _quiet) -> bytes:
    return _write("odt", approach, progress)


BUILDERS: dict[str, Callable[[Approach, Progress], bytes]] = {
    "pdf": build_pdf,
    "docx": build_docx,
    "odt": build_odt,
}


def build(approach: Approach, fmt: str, progress: Progress = _quiet) -> bytes:
    if fmt not in BUILDERS:
        raise ValueError(f"Format inconnu : « {fmt} » (pdf, docx ou odt).")
    return BUILDERS[fmt](approach, progress)


def filename(approach: Approach, fmt: str) -> str:
    return f"{approach.slug}-strategie.{fmt}"


def _build_job(job: DocumentJob, progress: Progress) -> bytes:
    return build(job.approach, job.format, progress)


def start_job(approach: Approach, fmt: str, user: Any) -> DocumentJob:
    """Queue the strategy document, built in the background (a long plan's PDF takes tens
    of seconds); the command line builds it synchronously with build()."""
    return jobs.start_job(
        approach,
        KIND,
        fmt,
        _build_job,
        mime=FORMATS[fmt],
        filename=filename(approach, fmt),
        user=user,
    )
