"""Services of strategy (contracts with other apps: /work/shared-notes/contracts.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ressort.approaches.models import Approach
from ressort.strategy.models import Axis, Objective, StrategyStatement

GAP_LABELS = {
    "shortfall": "en manque",
    "overshoot": "en dépassement",
    "within": "dans l'espace sûr et juste",
    "missing": "sans donnée",
}


@dataclass(frozen=True, slots=True)
class DoughnutDimension:
    code: str
    label: str
    ring: str  # "plancher_social" | "plafond_ecologique"
    gap: str  # a GAP_LABELS key


def doughnut_dimensions(approach: Approach) -> list[DoughnutDimension]:
    """The Doughnut's dimensions with this démarche's portrait status, gaps first."""
    from ressort.frameworks.models import Dimension
    from ressort.frameworks.services import shipped_current

    version = shipped_current("donut")
    if version is None:
        return []
    gaps = doughnut_gaps_of(approach)
    rows = Dimension.objects.filter(version=version, kind="dimension").select_related("parent")
    dims = [
        DoughnutDimension(
            code=d.code,
            label=d.label,
            ring=d.parent.code if d.parent else "",
            gap=gaps.get(d.code, "missing"),
        )
        for d in rows
    ]
    rank = {"shortfall": 0, "overshoot": 0, "within": 1, "missing": 2}
    return sorted(dims, key=lambda d: rank.get(d.gap, 3))


def doughnut_gaps_of(approach: Approach, year: int | None = None) -> dict[str, str]:
    """The portrait's Doughnut gaps (empty until the portrait app computes them)."""
    from ressort.portrait import services as portrait

    try:
        return portrait.doughnut_gaps(approach, year)
    except NotImplementedError:
        return {}


def statement_for(approach: Approach) -> StrategyStatement:
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


@transaction.atomic
def delete_axis(axis: Axis, user: Any) -> None:
    approach = axis.approach
    delete_with_history(axis, user)
    renumber(approach.strategic_axes.all(), user)


@transaction.atomic
def delete_objective(objective: Objective, user: Any) -> None:
    axis = objective.axis
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


def action_progress(approach: Approach, today: Any = None) -> list[dict[str, Any]]:
    raise NotImplementedError


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
    raise NotImplementedError
