"""The accompaniment as it is carried out: sessions held, days spent against days contracted
per brique, deliverables handed over, and their export for the contract's follow-up."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from ressort import tables
from ressort.analysis.typography import short_day
from ressort.approaches.method import MODULE_BY_CODE
from ressort.approaches.models import AccompanimentSession, Approach, ContractedDays, Handover
from ressort.approaches.offer import load_offer

BASE = ""


@dataclass(frozen=True, slots=True)
class DaysRow:
    module: str  # "" for the base
    title: str
    active: bool
    contracted: Decimal | None
    proposed: Decimal  # what the offer suggests at the chosen depths
    spent: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.contracted is None else self.contracted - self.spent

    @property
    def overrun(self) -> Decimal:
        return self.spent - (self.contracted or Decimal(0))

    @property
    def over(self) -> bool:
        return self.contracted is not None and self.spent > self.contracted

    @property
    def percent(self) -> int | None:
        if not self.contracted:
            return None
        return round(self.spent * 100 / self.contracted)


def days_by_brique(approach: Approach) -> list[DaysRow]:
    """The base and each brique that is active or has days recorded: contracted, proposed
    by the offer, spent."""
    offer = load_offer()
    spent = dict(
        approach.accompaniment_sessions.order_by()
        .values("module")
        .annotate(total=Sum("days_spent"))
        .values_list("module", "total")
    )
    contracted = dict(approach.contracted.values_list("module", "days"))
    base_days = sum(
        (Decimal(str(offer.expected(s.code, s.depth).days)) for s in approach.steps.all()),
        Decimal(0),
    )
    rows = [
        DaysRow(
            BASE,
            "Brique de base",
            True,
            contracted.get(BASE),
            base_days,
            spent.get(BASE, Decimal(0)),
        )
    ]
    for code, module in MODULE_BY_CODE.items():
        active = code in approach.modules
        if active or code in spent or code in contracted:
            expected = offer.modules.get(code)
            rows.append(
                DaysRow(
                    code,
                    module.title,
                    active,
                    contracted.get(code),
                    Decimal(str(expected.days)) if expected else Decimal(0),
                    spent.get(code, Decimal(0)),
                )
            )
    return rows


def set_contracted(approach: Approach, days: dict[str, Decimal | None]) -> None:
    """Record the days contracted per brique (None: not contracted, the row is removed)."""
    for module, value in days.items():
        if value is None:
            ContractedDays.objects.filter(approach=approach, module=module).delete()
        else:
            ContractedDays.objects.update_or_create(
                approach=approach, module=module, defaults={"days": value}
            )


SESSION_SCHEMA = tables.TableSchema(
    (
        tables.Column("held_on", "Date"),
        tables.Column("title", "Objet"),
        tables.Column("step", "Étape"),
        tables.Column("module", "Brique"),
        tables.Column("format", "Format"),
        tables.Column("participant_count", "Participants", "integer"),
        tables.Column("duration_hours", "Durée (heures)", "decimal"),
        tables.Column("days_spent", "Jours d'accompagnement", "decimal"),
        tables.Column("notes", "Notes"),
    ),
    name="séances",
)
DAYS_HEADERS = [
    "Brique",
    "Active",
    "Jours contractés",
    "Jours proposés par l'offre",
    "Jours passés",
]
HANDOVER_HEADERS = ["Livrable", "Étape", "Brique", "Remis le", "Remis à", "Notes"]


def session_rows(approach: Approach) -> list[dict[str, Any]]:
    return [
        {
            "held_on": short_day(s.held_on),
            "title": s.title,
            "step": s.get_step_display(),
            "module": s.get_module_display(),
            "format": s.get_format_display(),
            "participant_count": s.participant_count,
            "duration_hours": float(s.duration_hours),
            "days_spent": float(s.days_spent),
            "notes": s.notes,
        }
        for s in AccompanimentSession.objects.filter(approach=approach).order_by("held_on", "pk")
    ]


def sessions_csv(approach: Approach) -> str:
    return tables.write_csv(SESSION_SCHEMA, session_rows(approach))


def workbook(approach: Approach) -> bytes:
    """Three sheets: sessions, days per brique, deliverables handed over."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Séances"
    sheet.append(SESSION_SCHEMA.headers)
    for row in session_rows(approach):
        sheet.append(tables.safe_row(row[c.key] for c in SESSION_SCHEMA.columns))
    days = book.create_sheet("Jours par brique")
    days.append(DAYS_HEADERS)
    for r in days_by_brique(approach):
        days.append(
            tables.safe_row(
                [
                    r.title,
                    "oui" if r.active else "non",
                    float(r.contracted) if r.contracted is not None else "",
                    float(r.proposed),
                    float(r.spent),
                ]
            )
        )
    handed = book.create_sheet("Livrables remis")
    handed.append(HANDOVER_HEADERS)
    for h in Handover.objects.filter(approach=approach).order_by("handed_on", "pk"):
        handed.append(
            tables.safe_row(
                [
                    h.title,
                    h.get_step_display(),
                    h.get_module_display(),
                    short_day(h.handed_on),
                    h.handed_to,
                    h.notes,
                ]
            )
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
