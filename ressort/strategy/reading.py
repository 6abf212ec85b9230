"""Reading the strategy: the tree of axes, objectives and sheets, the Doughnut gaps they answer.

Shared by the pages (strategy.views) and the document (strategy.documents).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from ressort.analysis import doughnut as dn
from ressort.approaches.models import Approach
from ressort.strategy import services
from ressort.strategy.models import ActionSheet, Axis, Comment


def strategy_tree(approach: Approach, dims: dict[str, services.DoughnutDimension]) -> list[Axis]:
    """Axes → objectives (with the Doughnut gaps they answer) → action sheets."""
    sheets = ActionSheet.objects.select_related("action").prefetch_related("milestones")
    axes = list(
        approach.strategic_axes.prefetch_related(
            "objectives",
            Prefetch("objectives__sheets", queryset=sheets.order_by("order", "pk")),
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
        ).order_by("order", "pk")
    )
    today = services.today()
    for axis in axes:
        axis.comment_anchor = f"commentaires-axe-{axis.pk}"  # type: ignore[attr-defined]
        axis.comment_what = f"sur l'axe {axis.order}"  # type: ignore[attr-defined]
        for objective in axis.objectives.all():
            objective.gaps = [  # type: ignore[attr-defined]
                dims.get(code) or services.DoughnutDimension(code, code, "", dn.Status.MISSING)
                for code in objective.gap_codes
            ]
            for sheet in objective.sheets.all():
                sheet.late = services.is_late(sheet, today)  # type: ignore[attr-defined]
    return axes


def loose_sheets(approach: Approach) -> list[ActionSheet]:
    """Sheets not (or no longer) placed under an objective."""
    today = services.today()
    sheets = list(
        ActionSheet.objects.filter(approach=approach, objective__isnull=True)
        .select_related("action")
        .prefetch_related("milestones")
        .order_by("action__title")
    )
    for sheet in sheets:
        sheet.late = services.is_late(sheet, today)  # type: ignore[attr-defined]
    return sheets


def gap_context(approach: Approach) -> dict[str, Any]:
    dims = services.doughnut_dimensions(approach)
    return {
        "dimensions": {d.code: d for d in dims},
        "open_gaps": [d for d in dims if d.gap in (dn.Status.SHORTFALL, dn.Status.OVERSHOOT)],
    }


def answered_gaps(axes: list[Axis]) -> set[str]:
    return {code for axis in axes for o in axis.objectives.all() for code in o.gap_codes}
