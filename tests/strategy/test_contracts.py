"""Contract functions used by monitoring: action_progress and record_progress."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.strategy import services
from ressort.strategy.models import ActionSheet, BudgetKind, BudgetLine, Milestone, SheetStatus

pytestmark = pytest.mark.django_db


def make_sheet(approach: Approach, title: str, **fields: Any) -> ActionSheet:
    return services.create_sheet(approach, title=title, **fields)


def test_action_progress_flags_late_and_over_budget(
    approach: Approach, strategy: dict[str, Any]
) -> None:
    today = date(2027, 6, 1)
    make_sheet(
        approach,
        "Récupérateurs d'eau",
        objective=strategy["objective"],
        status=SheetStatus.STARTED,
        end_date=date(2027, 5, 31),
        pilot_email="eau@example.org",
    )
    milestone_late = make_sheet(approach, "Cantines", status=SheetStatus.PLANNED)
    Milestone.objects.create(sheet=milestone_late, title="Marché", due_date=date(2027, 1, 1))
    on_time = make_sheet(approach, "Haies", status=SheetStatus.STARTED, end_date=today)
    Milestone.objects.create(
        sheet=on_time, title="Plantation", due_date=date(2027, 1, 1), done_on=date(2027, 1, 3)
    )
    done = make_sheet(approach, "Fait", status=SheetStatus.DONE, end_date=date(2026, 1, 1))
    BudgetLine.objects.create(
        sheet=on_time, kind=BudgetKind.INVESTMENT, year=2027, planned=1000, spent=900
    )
    BudgetLine.objects.create(
        sheet=on_time, kind=BudgetKind.OPERATION, year=2026, planned=500, spent=100
    )
    rows = {r["action"].title: r for r in services.action_progress(approach, today=today)}
    assert set(rows) == {"Récupérateurs d'eau", "Cantines", "Haies", "Fait"}
    assert rows["Récupérateurs d'eau"]["late"] is True
    assert rows["Récupérateurs d'eau"]["axis"] == strategy["axis"]
    assert rows["Récupérateurs d'eau"]["pilot_email"] == "eau@example.org"
    assert rows["Cantines"]["late"] is True
    assert rows["Haies"]["late"] is False
    assert rows["Fait"]["late"] is False and rows["Fait"]["sheet"] == done
    # Over budget: more spent than planned in total or in any one year.
    assert rows["Haies"]["over_budget"] is False
    assert rows["Haies"]["planned"] == Decimal("1500") and rows["Haies"]["spent"] == Decimal("1000")
    BudgetLine.objects.filter(sheet=on_time, year=2026).update(spent=501)
    rows = {r["action"].title: r for r in services.action_progress(approach, today=today)}
    assert rows["Haies"]["over_budget"] is True
    assert rows["Haies"]["end"] == today and rows["Haies"]["status"] == "engagee"


def test_record_progress_creates_the_sheet_and_shares_spending(
    approach: Approach, personas: dict[str, Any]
) -> None:
    user = personas["equipe"]
    action = Action.objects.create(approach=approach, title="Compostage partagé")
    services.record_progress(approach, action, status="engagee", progress=40, user=user)
    sheet = ActionSheet.objects.get(action=action)
    assert (sheet.status, sheet.progress) == ("engagee", 40)
    assert sheet.history.first().history_user == user
    # No line that year: a line of observed spending is added.
    services.record_progress(approach, action, spent="1 250,5", year=2026)
    line = BudgetLine.objects.get(sheet=sheet, year=2026)
    assert line.spent == Decimal("1250.50") and line.planned == 0
    # Several lines: shared in proportion to what was planned, cents on the last one.
    a = BudgetLine.objects.create(sheet=sheet, kind="investissement", year=2027, planned=200)
    b = BudgetLine.objects.create(sheet=sheet, kind="fonctionnement", year=2027, planned=100)
    services.record_progress(approach, action, spent=100, year=2027)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.spent + b.spent == Decimal(100)
    assert b.spent == Decimal("33.33") and a.spent == Decimal("66.67")
    version = sheet.version
    services.record_progress(approach, action, progress=40)  # nothing changes
    sheet.refresh_from_db()
    assert sheet.version == version


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"status": "finie"}, "Statut « finie » inconnu"),
        ({"progress": 120}, "entre 0 et 100 %"),
        ({"spent": "beaucoup"}, "Montant dépensé illisible"),
        ({"spent": -5}, "ne peut pas être négatif"),
    ],
)
def test_record_progress_refuses_bad_values_in_french(
    approach: Approach, kwargs: dict[str, Any], message: str
) -> None:
    action = Action.objects.create(approach=approach, title="Haies")
    sheet = services.create_sheet(approach, action=action)
    with pytest.raises(ValueError, match=message):
        services.record_progress(approach, action, **kwargs)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.progress, sheet.budget_lines.count()) == ("idee", 0, 0)


def test_record_progress_refuses_another_demarches_action(
    approach: Approach, personas: dict[str, Any]
) -> None:
    other = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    with pytest.raises(ValueError, match="autre démarche"):
        services.record_progress(approach, other, progress=10)
    assert not ActionSheet.objects.exists()
