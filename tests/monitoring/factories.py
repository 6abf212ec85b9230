"""Small builders of portrait indicators and trajectories for the monitoring tests."""

from typing import Any

from ressort.approaches.models import Approach
from ressort.monitoring.models import Milestone, Trajectory


def indicator(
    approach: Approach, code: str = "ges", direction: str = "lower", **fields: Any
) -> Any:
    from ressort.portrait.models import Indicator

    fields.setdefault("name", f"Indicateur {code}")
    fields.setdefault("unit", "kt")
    fields.setdefault("source", "Observatoire")
    return Indicator.objects.create(approach=approach, code=code, direction=direction, **fields)


def values(ind: Any, series: dict[int, float], **fields: Any) -> None:
    from ressort.portrait.models import IndicatorValue

    for year, value in series.items():
        IndicatorValue.objects.create(indicator=ind, year=year, value=value, **fields)


def trajectory(
    ind: Any, baseline: tuple[int, float], milestones: dict[int, float], **fields: Any
) -> Trajectory:
    t = Trajectory.objects.create(
        approach=ind.approach,
        indicator=ind,
        baseline_year=baseline[0],
        baseline_value=baseline[1],
        **fields,
    )
    for year, value in milestones.items():
        Milestone.objects.create(trajectory=t, year=year, value=value)
    return t


def sheet(approach: Approach, title: str, **fields: Any) -> Any:
    """An action with its strategy sheet; `budget` = {year: (planned, spent)}."""
    from decimal import Decimal

    from ressort.strategy import services as strategy
    from ressort.strategy.models import BudgetLine

    budget = fields.pop("budget", {})
    s = strategy.create_sheet(approach, title=title, **fields)
    for year, (planned, spent) in budget.items():
        BudgetLine.objects.create(
            sheet=s,
            kind="fonctionnement",
            year=year,
            planned=Decimal(planned),
            spent=Decimal(spent),
        )
    return s
