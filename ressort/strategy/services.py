"""Services of strategy (contracts with other apps: docs/contracts.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort.analysis import doughnut as dn
from ressort.analysis.typography import NBSP, quoted, read_number
from ressort.approaches.models import Approach
from ressort.strategy.models import (
    ActionSheet,
    Axis,
    BudgetKind,
    BudgetLine,
    Objective,
    SheetStatus,
    StrategyStatement,
)

GAP_LABELS = dn.STATUS_PHRASES


@dataclass(frozen=True, slots=True)
class DoughnutDimension:
    code: str
    label: str
    ring: str  # "plancher_social" | "plafond_ecologique"
    gap: str  # an analysis.doughnut.Status value

    @property
    def phrase(self) -> str:
        return GAP_LABELS.get(self.gap, self.gap)


def doughnut_dimensions(approach: Approach) -> list[DoughnutDimension]:
    """The Doughnut's dimensions with this démarche's portrait status, gaps first."""
    from ressort.frameworks import services as frameworks

    gaps = doughnut_gaps_of(approach)
    dims = [
        DoughnutDimension(
            code=d.code, label=d.label, ring=d.ring, gap=gaps.get(d.code, dn.Status.MISSING)
        )
        for d in frameworks.doughnut_dimensions()
    ]
    rank = {dn.Status.SHORTFALL: 0, dn.Status.OVERSHOOT: 0, dn.Status.SAFE: 1, dn.Status.MISSING: 2}
    return sorted(dims, key=lambda d: rank.get(d.gap, 3))


def doughnut_gaps_of(approach: Approach, year: int | None = None) -> dict[str, str]:
    """The portrait's Doughnut gaps (empty until the portrait app computes them)."""
    from ressort.portrait import services as portrait

    return portrait.doughnut_gaps(approach, year)


def statement_for(approach: Approach) -> StrategyStatement:
    """The démarche's statement, or an unsaved default one (reading pages write nothing)."""
    found = StrategyStatement.objects.filter(approach=approach).first()
    return found if found is not None else StrategyStatement(approach=approach)


def vision_for(approach: Approach) -> Any:
    """The démarche's shared vision (systems.Vision, page « Vision »), or None if unwritten.

    The strategy has no vision of its own: it serves this one.
    """
    from ressort.systems.models import Vision

    return Vision.objects.filter(approach=approach).first()


def stored_statement(approach: Approach) -> StrategyStatement:
    statement, _ = StrategyStatement.objects.get_or_create(approach=approach)
    return statement


def next_order(queryset: Any) -> int:
    last = queryset.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


@transaction.atomic
def add_axis(approach: Approach, title: str, description: str = "", user: Any = None) -> Axis:
    axis = Axis(
        approach=approach,
        title=title,
        description=description,
        order=next_order(approach.strategic_axes.all()),
    )
    _set_user(axis, user)
    axis.save()
    return axis


@transaction.atomic
def add_objective(
    axis: Axis,
    title: str,
    *,
    description: str = "",
    vision_link: str = "",
    gap_codes: list[str] | None = None,
    user: Any = None,
) -> Objective:
    objective = Objective(
        axis=axis,
        title=title,
        description=description,
        vision_link=vision_link,
        gap_codes=list(gap_codes or []),
        order=next_order(axis.objectives.all()),
    )
    _set_user(objective, user)
    objective.save()
    return objective


def _set_user(instance: Any, user: Any) -> None:
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user


@transaction.atomic
def delete_with_history(instance: Any, user: Any) -> None:
    _set_user(instance, user)
    instance.delete()


def _detach_sheets(objectives: Any, user: Any) -> None:
    """Sheets leave a deleted objective through a save, so that their history shows it."""
    for sheet in ActionSheet.objects.filter(objective__in=objectives):
        sheet.objective = None
        sheet.version += 1
        _set_user(sheet, user)
        sheet._change_reason = "Objectif supprimé"  # type: ignore[attr-defined]
        sheet.save()


@transaction.atomic
def delete_axis(axis: Axis, user: Any) -> None:
    approach = axis.approach
    _detach_sheets(axis.objectives.all(), user)
    delete_with_history(axis, user)
    renumber(approach.strategic_axes.all(), user)


@transaction.atomic
def delete_objective(objective: Objective, user: Any) -> None:
    axis = objective.axis
    _detach_sheets([objective], user)
    delete_with_history(objective, user)
    renumber(axis.objectives.all(), user)


@transaction.atomic
def renumber(queryset: Any, user: Any = None) -> None:
    """Orders 1, 2, 3… after a deletion (kept in history like any change)."""
    for position, item in enumerate(queryset.order_by("order", "pk"), start=1):
        if item.order != position:
            item.order = position
            item.version += 1
            _set_user(item, user)
            item.save(update_fields=["order", "version"])


# --------------------------------------------------------------------------------------
# Action sheets
# --------------------------------------------------------------------------------------

CLOSED = (SheetStatus.DONE, SheetStatus.ABANDONED)


@transaction.atomic
def create_sheet(
    approach: Approach,
    *,
    action: Any = None,
    title: str = "",
    objective: Objective | None = None,
    user: Any = None,
    **fields: Any,
) -> ActionSheet:
    """The sheet of an existing action of the démarche, or of a new action named `title`."""
    from ressort.actions.models import Action

    if action is None:
        action = Action.objects.create(
            approach=approach, title=title, created_by=user if _is_user(user) else None
        )
    elif action.approach_id != approach.pk:
        raise ValueError("L'action appartient à une autre démarche.")
    if objective is not None and objective.axis.approach_id != approach.pk:
        raise ValueError("L'objectif appartient à une autre démarche.")
    siblings = ActionSheet.objects.filter(approach=approach, objective=objective)
    sheet = ActionSheet(
        approach=approach,
        action=action,
        objective=objective,
        order=next_order(siblings),
        **fields,
    )
    _set_user(sheet, user)
    sheet.save()
    return sheet


def _is_user(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    planned: Decimal
    spent: Decimal
    by_year: dict[int, tuple[Decimal, Decimal]]  # year → (planned, spent)

    @property
    def over_budget(self) -> bool:
        """More spent than planned in total, or in any one year."""
        return self.spent > self.planned or any(s > p for p, s in self.by_year.values())

    @property
    def rate(self) -> float | None:
        return float(self.spent / self.planned * 100) if self.planned else None


def budget_totals(lines: Any) -> BudgetTotals:
    planned = spent = Decimal(0)
    by_year: dict[int, tuple[Decimal, Decimal]] = {}
    for line in lines:
        planned += line.planned
        spent += line.spent
        p, s = by_year.get(line.year, (Decimal(0), Decimal(0)))
        by_year[line.year] = (p + line.planned, s + line.spent)
    return BudgetTotals(planned, spent, dict(sorted(by_year.items())))


def today() -> date:
    return timezone.localdate()


def now() -> datetime:
    return timezone.now()


def is_late(sheet: ActionSheet, today: date) -> bool:
    """Late: still open (planned or started) past its end date, or with an overdue milestone."""
    if sheet.status not in (SheetStatus.PLANNED, SheetStatus.STARTED):
        return False
    if sheet.end_date is not None and sheet.end_date < today:
        return True
    return any(m.done_on is None and m.due_date < today for m in sheet.milestones.all())


def sheets_with_details(approach: Approach) -> Any:
    return (
        ActionSheet.objects.filter(approach=approach)
        .select_related("action", "objective__axis")
        .prefetch_related("budget_lines", "milestones")
    )


def action_progress(approach: Approach, today: Any = None) -> list[dict[str, Any]]:
    """One dict per action sheet of the démarche (contract used by monitoring)."""
    today = today or timezone.localdate()
    rows = []
    for sheet in sheets_with_details(approach):
        totals = budget_totals(sheet.budget_lines.all())
        rows.append(
            {
                "action": sheet.action,
                "sheet": sheet,
                "axis": sheet.objective.axis if sheet.objective else None,
                "status": sheet.status,
                "progress": sheet.progress,
                "late": is_late(sheet, today),
                "over_budget": totals.over_budget,
                "planned": totals.planned,
                "spent": totals.spent,
                "end": sheet.end_date,
                "pilot_email": sheet.pilot_email,
            }
        )
    return rows


@transaction.atomic
def record_progress(
    approach: Approach,
    action: Any,
    *,
    status: str | None = None,
    progress: int | None = None,
    spent: Any = None,
    year: int | None = None,
    user: Any = None,
) -> None:
    """Record an action's progress (contract used by monitoring's entry and import).

    `spent` is the amount spent on the action in `year` (default: this year), all budget
    lines of that year together: with one line it is that line's spent amount; with several
    it is shared in proportion to their planned amounts (the cents left on the last line);
    with none, a line « Dépenses constatées » (operation, nothing planned) is added. The
    sheet is created (status « idée ») if the action has none. Raises ValueError in French.
    """
    if action.approach_id != approach.pk:
        raise ValueError("L'action appartient à une autre démarche.")
    # order_by("pk"): the default ordering joins the (nullable) objective and axis, and
    # PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    sheet = ActionSheet.objects.select_for_update().filter(action=action).order_by("pk").first()
    if sheet is None:
        sheet = create_sheet(approach, action=action, user=user)
    changed = False
    if status is not None:
        if status not in SheetStatus.values:
            raise ValueError(
                f"Statut « {status} » inconnu (valeurs : {', '.join(SheetStatus.values)})."
            )
        changed |= sheet.status != status
        sheet.status = status
    if progress is not None:
        if not 0 <= int(progress) <= 100:
            raise ValueError(f"L'avancement doit être entre 0 et 100 % (reçu : {progress}).")
        changed |= sheet.progress != int(progress)
        sheet.progress = int(progress)
    if changed:
        sheet.version += 1
        _set_user(sheet, user)
        sheet._change_reason = "Saisie du suivi"  # type: ignore[attr-defined]
        sheet.save()
    if spent is not None:
        _record_spent(sheet, _amount(spent), year or timezone.localdate().year, user)


def _amount(value: Any) -> Decimal:
    try:
        amount = read_number(str(value))
    except ValueError:
        raise ValueError(f"Montant dépensé illisible{NBSP}: {quoted(value)}.") from None
    if amount < 0:
        raise ValueError(f"Le montant dépensé ne peut pas être négatif (reçu{NBSP}: {value}).")
    return amount.quantize(Decimal("0.01"))


def _record_spent(sheet: ActionSheet, spent: Decimal, year: int, user: Any) -> None:
    lines = list(sheet.budget_lines.filter(year=year).order_by("kind", "pk"))
    if not lines:
        line = BudgetLine(
            sheet=sheet,
            kind=BudgetKind.OPERATION,
            year=year,
            label="Dépenses constatées",
            planned=Decimal(0),
            spent=spent,
        )
        _set_user(line, user)
        line.save()
        return
    total_planned = sum((line.planned for line in lines), Decimal(0))
    shares: list[Decimal] = []
    for line in lines[:-1]:
        share = (
            (spent * line.planned / total_planned).quantize(Decimal("0.01"))
            if total_planned
            else Decimal(0)
        )
        shares.append(share)
    shares.append(spent - sum(shares, Decimal(0)))
    for line, share in zip(lines, shares, strict=True):
        if line.spent != share:
            line.spent = share
            line.version += 1
            _set_user(line, user)
            line._change_reason = "Saisie du suivi"  # type: ignore[attr-defined]
            line.save()
