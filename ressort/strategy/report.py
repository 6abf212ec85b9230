"""The « Bilan de mise en œuvre » of the strategy: where each action stands, as a document
of its own (PDF, DOCX, ODT) beside the plan to adopt (ressort.strategy.documents).

The plan leaves done and abandoned actions out; the bilan reads every action sheet of the
démarche at a date: a synthesis for élus (actions by status, average progress, money spent
and financing obtained, milestones reached or late), then by axis and objective a table of
every action, the late milestones, the sheets' indicators with their latest value, and an
annex « Méthode et sources ». Same blocks and engine as the plan (ressort.documents.engine).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ressort.analysis.typography import day as french_date
from ressort.analysis.typography import number as french_number
from ressort.analysis.typography import percent, plural
from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob
from ressort.strategy import plan_checks, reading, services
from ressort.strategy.documents import FORMATS, Block, Progress, _quiet, euros
from ressort.strategy.models import ActionSheet, Axis, Milestone, SheetStatus

__all__ = ["FORMATS", "KIND", "build", "figures", "filename", "outline", "start_job"]

KIND = "bilan"
TITLE = "Bilan de mise en œuvre"
# The four states an élu reads, from the sheets' five statuses.
GROUPS: tuple[tuple[str, str, tuple[Any, ...]], ...] = (
    ("en cours", "en cours", (SheetStatus.STARTED,)),
    ("réalisée", "réalisées", (SheetStatus.DONE,)),
    ("abandonnée", "abandonnées", (SheetStatus.ABANDONED,)),
    ("à lancer", "à lancer", (SheetStatus.IDEA, SheetStatus.PLANNED)),
)


@dataclass
class Figures:
    """The bilan's numbers at a date, as the synthesis prints them."""

    today: date
    actions: int = 0
    by_group: dict[str, int] = field(default_factory=dict)  # GROUPS' plural label → count
    average_progress: float | None = None  # over the actions not abandoned
    planned: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    secured: Decimal = Decimal(0)
    sought: Decimal = Decimal(0)
    milestones: int = 0
    reached: int = 0
    late: int = 0


def _group(sheet: ActionSheet) -> str:
    return next(label for _, label, statuses in GROUPS if sheet.status in statuses)


def _late(milestone: Milestone, today: date) -> bool:
    return milestone.done_on is None and milestone.due_date < today


def figures(sheets: list[ActionSheet], today: date) -> Figures:
    result = Figures(today=today, actions=len(sheets))
    result.by_group = {label: 0 for _, label, _ in GROUPS}
    for sheet in sheets:
        result.by_group[_group(sheet)] += 1
    going = [s.progress for s in sheets if s.status != SheetStatus.ABANDONED]
    result.average_progress = sum(going) / len(going) if going else None
    totals = services.budget_totals([line for s in sheets for line in s.budget_lines.all()])
    result.planned, result.spent = totals.planned, totals.spent
    money = plan_checks.axis_money(sheets)
    result.secured, result.sought = money.secured, money.sought
    for sheet in sheets:
        for milestone in sheet.milestones.all():
            result.milestones += 1
            result.reached += milestone.done_on is not None
            result.late += _late(milestone, today)
    return result


def sheets(approach: Approach) -> list[ActionSheet]:
    return list(
        services.sheets_with_details(approach)
        .prefetch_related("fundings", "indicators__indicator")
        .order_by("objective__axis__order", "objective__order", "order", "action__title")
    )


def _synthesis(f: Figures) -> list[Block]:
    counted = ", ".join(
        f"{french_number(f.by_group[label], 0)} {one if f.by_group[label] < 2 else label}"
        for one, label, _ in GROUPS
    )
    glance = [f"{plural(f.actions, 'action')} : {counted}."]
    if f.average_progress is not None:
        glance.append(
            f"Avancement moyen des actions non abandonnées : {percent(f.average_progress)}."
        )
    rate = f" ({percent(f.spent * 100 / f.planned)} du prévu)" if f.planned else ""
    glance.append(f"Budget : {euros(f.spent)} dépensés sur {euros(f.planned)} prévus{rate}.")
    glance.append(
        f"Financements extérieurs : {euros(f.secured)} obtenus sur "
        f"{euros(f.secured + f.sought)} recherchés."
    )
    glance.append(
        f"Jalons au {french_date(f.today)} : {plural(f.reached, 'atteint')} sur "
        f"{french_number(f.milestones, 0)}, {french_number(f.late, 0)} en retard."
        if f.milestones
        else "Aucun jalon n'est fixé."
    )
    return [("h2", "Synthèse"), ("keys", (f"L'état au {french_date(f.today)}", glance))]


def _milestones(sheet: ActionSheet, today: date) -> str:
    every = list(sheet.milestones.all())
    if not every:
        return "—"
    reached = sum(m.done_on is not None for m in every)
    late = sum(_late(m, today) for m in every)
    text = f"{french_number(reached, 0)} sur {french_number(len(every), 0)}"
    return text + (f", {french_number(late, 0)} en retard" if late else "")


HEADER = ["Action", "Pilote", "Statut", "Avancement", "Prévu", "Dépensé", "Jalons atteints"]


def _row(sheet: ActionSheet, today: date) -> list[str]:
    totals = services.budget_totals(sheet.budget_lines.all())
    return [
        sheet.action.title,
        sheet.pilot_service or sheet.pilot_name or "—",
        sheet.get_status_display(),
        percent(sheet.progress),
        euros(totals.planned),
        euros(totals.spent),
        _milestones(sheet, today),
    ]


def _actions_blocks(axes: list[Axis], every: list[ActionSheet], today: date) -> list[Block]:
    blocks: list[Block] = []
    for axis in axes:
        blocks.append(("part", None))
        blocks.append(("h2", f"Axe {axis.order} — {axis.title}"))
        axis_sheets = [s for s in every if s.objective and s.objective.axis_id == axis.pk]
        f = figures(axis_sheets, today)
        blocks.append(
            (
                "p",
                f"{plural(f.actions, 'action')} ; {euros(f.spent)} dépensés sur "
                f"{euros(f.planned)} prévus."
                if axis_sheets
                else "Aucune action dans cet axe.",
            )
        )
        for objective in axis.objectives.all():
            blocks.append(("h3", f"Objectif {objective.number} — {objective.title}"))
            mine = [s for s in every if s.objective_id == objective.pk]
            if not mine:
                blocks.append(("p", "Aucune action pour cet objectif."))
                continue
            blocks.append(
                (
                    "table",
                    (
                        f"Actions de l'objectif {objective.number}",
                        HEADER,
                        [_row(s, today) for s in mine],
                    ),
                )
            )
    loose = [s for s in every if s.objective is None]
    if loose:
        blocks.append(("h2", "Actions hors axe"))
        blocks.append(
            (
                "table",
                ("Actions rattachées à aucun objectif", HEADER, [_row(s, today) for s in loose]),
            )
        )
    return blocks


def _late_blocks(every: list[ActionSheet], today: date) -> list[Block]:
    late = sorted(
        ((m, s) for s in every for m in s.milestones.all() if _late(m, today)),
        key=lambda pair: (pair[0].due_date, pair[0].pk),
    )
    blocks: list[Block] = [("part", None), ("h2", "Jalons en retard")]
    if not late:
        blocks.append(("p", f"Aucun jalon n'est en retard au {french_date(today)}."))
        return blocks
    blocks.append(
        (
            "table",
            (
                f"Jalons non atteints dont l'échéance est passée au {french_date(today)}",
                ["Échéance", "Jalon", "Action", "Retard"],
                [
                    [
                        french_date(m.due_date),
                        m.title,
                        s.action.title,
                        plural((today - m.due_date).days, "jour"),
                    ]
                    for m, s in late
                ],
            ),
        )
    )
    return blocks


def _measure(value: float | None, unit: str, year: int | None) -> str:
    if value is None:
        return "—"
    return f"{french_number(value, 2)} {unit}".strip() + (f" en {year}" if year else "")


def _indicator_blocks(approach: Approach, every: list[ActionSheet]) -> tuple[list[Block], set[str]]:
    """The sheets' indicators, their reference, target and latest value; and the sources of
    the latest values (for the annex)."""
    from ressort.portrait import services as portrait

    links = [(s, i) for s in every for i in s.indicators.all()]
    blocks: list[Block] = [("h2", "Indicateurs des fiches")]
    if not links:
        blocks.append(("p", "Aucune fiche ne suit d'indicateur."))
        return blocks, set()
    followed = [i.indicator for _, i in links if i.indicator is not None]
    latest = portrait.latest_values(approach, followed)
    sources: set[str] = set()
    rows = []
    for sheet, link in links:
        value = latest.get(link.indicator_id) if link.indicator_id else None
        if value is not None:
            vintage = f", {value.vintage}" if value.vintage else f", {value.year}"
            sources.add(f"{value.source}{vintage}" if value.source else f"valeurs saisies{vintage}")
        rows.append(
            [
                str(link),
                sheet.action.title,
                _measure(link.baseline, link.display_unit, link.baseline_year),
                _measure(link.target, link.display_unit, link.target_year),
                _measure(value.value, link.display_unit, value.year) if value else "—",
            ]
        )
    blocks.append(
        (
            "table",
            (
                "Indicateurs suivis par les fiches action",
                ["Indicateur", "Action", "Référence", "Cible", "Dernière valeur"],
                rows,
            ),
        )
    )
    return blocks, sources


def _method(today: date, sources: set[str]) -> list[Block]:
    when = french_date(today)
    blocks: list[Block] = [
        ("part", None),
        ("h2", "Annexe : méthode et sources"),
        (
            "p",
            f"Les chiffres de ce bilan viennent des fiches action de la démarche, état au {when} "
            "(date de production du document) : statut, avancement, lignes de budget, "
            "financements, jalons et indicateurs, tels que l'équipe projet les a saisis.",
        ),
        (
            "p",
            "Statut : il est choisi par l'équipe sur chaque fiche. « Idée » et « Planifiée » "
            "sont comptées « à lancer », « Engagée » « en cours » ; « Réalisée » et "
            "« Abandonnée » gardent leur nom.",
        ),
        (
            "p",
            "Avancement : la part de l'action déjà accomplie, estimée par son pilote de 0 à "
            "100 %. L'avancement moyen est la moyenne simple des actions non abandonnées.",
        ),
        (
            "p",
            "Budget : « prévu » et « dépensé » additionnent les lignes de budget des fiches "
            "(investissement et fonctionnement, toutes années). Financements : « obtenus » "
            "compte les financements extérieurs acquis ; « recherchés » ajoute ceux qui sont "
            "sollicités ou envisagés ; l'autofinancement n'y entre pas.",
        ),
        (
            "p",
            f"Jalons : un jalon est atteint quand sa date de réalisation est saisie ; il est en "
            f"retard quand son échéance est passée au {when} sans qu'il soit atteint.",
        ),
        (
            "p",
            "Indicateurs : la référence et la cible sont celles de la fiche ; la dernière "
            "valeur est la plus récente enregistrée pour le périmètre de la démarche (ou son "
            "territoire) dans le portrait, avec son année.",
        ),
    ]
    if sources:
        blocks.append(("p", "Sources des dernières valeurs : " + " ; ".join(sorted(sources)) + "."))
    return blocks


def _axes_table(axes: list[Axis], every: list[ActionSheet], today: date) -> list[Block]:
    """The axes side by side, for the synthesis: actions, progress, money."""

    def row(label: str, axis_sheets: list[ActionSheet]) -> list[str]:
        f = figures(axis_sheets, today)
        return [
            label,
            french_number(f.actions, 0),
            french_number(f.by_group["réalisées"], 0),
            percent(f.average_progress),
            euros(f.planned),
            euros(f.spent),
        ]

    rows = [
        row(
            f"{axis.order}. {axis.title}",
            [s for s in every if s.objective and s.objective.axis_id == axis.pk],
        )
        for axis in axes
    ]
    loose = [s for s in every if s.objective is None]
    if loose:
        rows.append(row("Hors axe", loose))
    rows.append(row("Total", every))
    header = ["Axe", "Actions", "Réalisées", "Avancement moyen", "Prévu", "Dépensé"]
    return [("table", ("État de la mise en œuvre par axe", header, rows))]


def outline(approach: Approach, today: date | None = None) -> list[Block]:
    """The whole bilan as blocks (ressort.documents.engine)."""
    today = today or services.today()
    statement = services.statement_for(approach)
    axes = reading.strategy_tree(approach, reading.gap_context(approach)["dimensions"])
    every = sheets(approach)
    blocks: list[Block] = [("h1", f"{TITLE} — {statement.title}")]
    blocks += _synthesis(figures(every, today))
    if axes or every:
        blocks += _axes_table(axes, every, today)
    if not every:
        blocks.append(("p", "La démarche n'a encore aucune fiche action."))
    blocks += _actions_blocks(axes, every, today)
    blocks += _late_blocks(every, today)
    indicators, sources = _indicator_blocks(approach, every)
    blocks += indicators
    blocks += _method(today, sources)
    return blocks


def cover(approach: Approach) -> Any:
    from ressort.documents import engine

    statement = services.statement_for(approach)
    return engine.cover_for(approach, f"{TITLE} — {statement.title}", kind=TITLE)


def _write(fmt: str, approach: Approach, progress: Progress) -> bytes:
    from ressort.documents import engine

    progress(5, "Lecture des fiches action")
    blocks = outline(approach)
    progress(30, "Mise en page du PDF" if fmt == "pdf" else f"Écriture du {fmt.upper()}")
    data = engine.write(fmt, cover(approach), blocks)
    progress(100, "Terminé")
    return data


def build(approach: Approach, fmt: str, progress: Progress = _quiet) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"Format inconnu : « {fmt} » (pdf, docx ou odt).")
    return _write(fmt, approach, progress)


def filename(approach: Approach, fmt: str) -> str:
    return f"bilan-de-mise-en-oeuvre-{approach.slug}.{fmt}"


def _build_job(job: DocumentJob, progress: Progress) -> bytes:
    return build(job.approach, job.format, progress)


def start_job(approach: Approach, fmt: str, user: Any) -> DocumentJob:
    """Queue the bilan, built in the background like the plan."""
    return jobs.start_job(
        approach,
        KIND,
        fmt,
        _build_job,
        mime=FORMATS[fmt],
        filename=filename(approach, fmt),
        user=user,
    )
