"""The plan over time: filtered sheets grouped by axis, the Gantt drawing, iCalendar, XLSX."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ressort import tables
from ressort.analysis import gantt
from ressort.analysis.typography import percent
from ressort.approaches.models import Approach
from ressort.strategy import services
from ressort.strategy.models import ActionSheet, SheetStatus
from ressort.web import demarche_url

STATUS_COLOURS = {
    SheetStatus.IDEA: "#8a9399",
    SheetStatus.PLANNED: "#3f6e8c",
    SheetStatus.STARTED: "#0b5c57",
    SheetStatus.DONE: "#3c7a3a",
    SheetStatus.ABANDONED: "#c5ccd2",
}


@dataclass(frozen=True)
class Filters:
    pilot: str = ""
    status: str = ""
    commune: str = ""

    @classmethod
    def from_query(cls, query: Any) -> Filters:
        status = query.get("statut", "")
        return cls(
            pilot=query.get("pilote", "").strip(),
            status=status if status in SheetStatus.values else "",
            commune=query.get("commune", "").strip(),
        )

    def matches(self, sheet: ActionSheet) -> bool:
        if self.pilot and self.pilot not in (sheet.pilot_service, sheet.pilot_name):
            return False
        if self.status and sheet.status != self.status:
            return False
        return not (
            self.commune and not sheet.whole_territory and self.commune not in sheet.commune_codes
        )

    @property
    def active(self) -> bool:
        return bool(self.pilot or self.status or self.commune)


@dataclass
class AxisRows:
    label: str
    sheets: list[ActionSheet] = field(default_factory=list)


def grouped_sheets(approach: Approach, filters: Filters) -> list[AxisRows]:
    """Filtered sheets by axis (in strategy order), then those outside any objective."""
    today = services.today()
    sheets = (
        ActionSheet.objects.filter(approach=approach)
        .select_related("action", "objective__axis")
        .prefetch_related("milestones", "budget_lines")
        .order_by("objective__axis__order", "objective__order", "order", "action__title")
    )
    groups: dict[Any, AxisRows] = {}
    for sheet in sheets:
        if not filters.matches(sheet):
            continue
        sheet.late = services.is_late(sheet, today)  # type: ignore[attr-defined]
        axis = sheet.objective.axis if sheet.objective else None
        key = axis.pk if axis else None
        if key not in groups:
            groups[key] = AxisRows(f"Axe {axis.order} — {axis.title}" if axis else "Hors objectif")
        groups[key].sheets.append(sheet)
    ordered = [g for k, g in groups.items() if k is not None]
    if None in groups:
        ordered.append(groups[None])
    return ordered


def pilots(approach: Approach) -> list[str]:
    names: set[str] = set()
    for service, name in ActionSheet.objects.filter(approach=approach).values_list(
        "pilot_service", "pilot_name"
    ):
        names.update(n for n in (service, name) if n)
    return sorted(names, key=str.casefold)


def gantt_groups(groups: list[AxisRows]) -> list[gantt.Group]:
    return [
        gantt.Group(
            g.label,
            tuple(
                gantt.Bar(
                    label=s.action.title,
                    start=s.start_date,
                    end=s.end_date,
                    status=s.status,
                    late=getattr(s, "late", False),
                    marks=tuple(
                        gantt.Mark(m.title, m.due_date, m.done_on is not None)
                        for m in s.milestones.all()
                    ),
                )
                for s in g.sheets
            ),
        )
        for g in groups
    ]


def _description(count: int) -> str:
    return (
        f"{count} action{'s' if count > 1 else ''} : une barre par action du début à la "
        "fin prévue, couleur selon le statut, contour rouge si en retard ; losanges : "
        "jalons (pleins quand ils sont atteints). Le tableau qui suit donne les mêmes "
        "informations."
    )


def drawing(groups: list[AxisRows]) -> str:
    """The whole plan in one drawing (the web page scrolls)."""
    return gantt.draw(
        gantt_groups(groups),
        title="Calendrier des actions par axe",
        description=_description(sum(len(g.sheets) for g in groups)),
        colours=STATUS_COLOURS,
        today=services.today(),
        legend=legend(),
    )


def legend() -> list[tuple[str, str]]:
    """The statuses' colours, named as the sheets name them."""
    return [(SheetStatus(code).label, colour) for code, colour in STATUS_COLOURS.items()]


PRINTED_ROWS = 30  # lines of a drawing that fit a printed A4 page


def page_drawings(groups: list[AxisRows]) -> list[str]:
    """The plan cut into drawings of one printed page each, on a common time scale."""
    whole = gantt_groups(groups)
    today = services.today()
    window = gantt.span(whole, today)
    if window is None:
        return []
    pieces = gantt.chunks(whole, PRINTED_ROWS)
    column = gantt.label_column(whole)  # one label column, so one time scale, on every page
    return [
        gantt.draw(
            piece,
            title=f"Calendrier des actions par axe ({n}/{len(pieces)})",
            description=_description(sum(len(g.bars) for g in piece)),
            colours=STATUS_COLOURS,
            today=today,
            window=window,
            label_width=round(column),
            id_prefix=f"gantt-{n}",
            legend=legend(),
        )
        for n, piece in enumerate(pieces, start=1)
    ]


# --------------------------------------------------------------------------------------
# iCalendar
# --------------------------------------------------------------------------------------


def to_ical(approach: Approach, groups: list[AxisRows], base_url: str = "") -> bytes:
    """All-day events: one per action with dates, one per milestone (stable UIDs)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Ressort//Plan d'actions//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Plan d'actions — {approach.name}")
    stamp = services.now()
    for group in groups:
        for sheet in group.sheets:
            url = base_url + demarche_url(approach, "strategy:sheet_detail", sheet.pk)
            start = sheet.start_date or sheet.end_date
            if start is not None:
                end = sheet.end_date or sheet.start_date
                event = Event()
                event.add("uid", f"fiche-{sheet.pk}@{approach.slug}.ressort")
                event.add("dtstamp", stamp)
                event.add("summary", sheet.action.title)
                event.add("dtstart", start)
                event.add("dtend", (end or start) + timedelta(days=1))
                event.add("description", _describe(sheet, group.label))
                event.add("categories", [group.label])
                event.add("url", url)
                calendar.add_component(event)
            for milestone in sheet.milestones.all():
                event = Event()
                event.add("uid", f"jalon-{milestone.pk}@{approach.slug}.ressort")
                event.add("dtstamp", stamp)
                done = " (atteint)" if milestone.done_on else ""
                event.add("summary", f"Jalon : {milestone.title}{done} — {sheet.action.title}")
                event.add("dtstart", milestone.due_date)
                event.add("dtend", milestone.due_date + timedelta(days=1))
                event.add("categories", [group.label])
                event.add("url", url)
                calendar.add_component(event)
    return bytes(calendar.to_ical())


def _describe(sheet: ActionSheet, axis: str) -> str:
    lines = [axis, f"Statut : {sheet.get_status_display()} ({percent(sheet.progress)})"]
    if sheet.pilot_service or sheet.pilot_name:
        lines.append(
            "Pilote : " + ", ".join(p for p in (sheet.pilot_service, sheet.pilot_name) if p)
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------

ACTION_COLUMNS = [
    "Axe",
    "Objectif",
    "Action",
    "Service pilote",
    "Pilote",
    "Élu·e référent·e",
    "Statut",
    "Avancement (%)",
    "En retard",
    "Début",
    "Fin prévue",
    "Territoire",
    "Prévu (€)",
    "Dépensé (€)",
]


def to_xlsx(approach: Approach, groups: list[AxisRows]) -> bytes:
    """Three sheets: actions, milestones, budget lines (dates as dates, amounts as numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    communes = dict(approach.communes.values_list("code", "name"))
    book = Workbook()

    def append(sheet: Any, values: list[Any]) -> None:
        sheet.append(tables.safe_row(values))  # text that Excel would run stays text

    actions = book.active
    actions.title = "Actions"
    milestones = book.create_sheet("Jalons")
    budget = book.create_sheet("Budget")
    append(actions, ACTION_COLUMNS)
    append(milestones, ["Axe", "Action", "Jalon", "Échéance", "Atteint le"])
    append(budget, ["Axe", "Action", "Année", "Section", "Objet", "Prévu (€)", "Dépensé (€)"])
    for group in groups:
        for sheet in group.sheets:
            lines = list(sheet.budget_lines.all())
            totals = services.budget_totals(lines)
            append(
                actions,
                [
                    group.label,
                    str(sheet.objective) if sheet.objective else "",
                    sheet.action.title,
                    sheet.pilot_service,
                    sheet.pilot_name,
                    sheet.elected_lead,
                    sheet.get_status_display(),
                    sheet.progress,
                    "oui" if getattr(sheet, "late", False) else "non",
                    sheet.start_date,
                    sheet.end_date,
                    "Tout le territoire"
                    if sheet.whole_territory
                    else ", ".join(communes.get(c, c) for c in sheet.commune_codes),
                    float(totals.planned),
                    float(totals.spent),
                ],
            )
            for m in sheet.milestones.all():
                append(
                    milestones, [group.label, sheet.action.title, m.title, m.due_date, m.done_on]
                )
            for line in lines:
                append(
                    budget,
                    [
                        group.label,
                        sheet.action.title,
                        line.year,
                        line.get_kind_display(),
                        line.label,
                        float(line.planned),
                        float(line.spent),
                    ],
                )
    for ws in (actions, milestones, budget):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for column in ws.columns:
            letter = column[0].column_letter
            width = max(len(str(c.value or "")) for c in column)
            ws.column_dimensions[letter].width = min(max(10, width + 2), 60)
            for c in column[1:]:
                if isinstance(c.value, date):
                    c.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
