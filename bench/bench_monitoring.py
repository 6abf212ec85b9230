"""The monitoring dashboard of a large démarche: 400 action sheets, 300 indicators with 15
years of values and a trajectory each, 60 steering meetings of 3 decisions.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench._django import setup_django

ACTIONS = 400
INDICATORS = 300
YEARS = 15
MEETINGS = 60


def _build() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from ressort.actions.models import Action
    from ressort.approaches.models import Approach, Membership, Role
    from ressort.monitoring.models import Decision, Meeting, Milestone, Trajectory
    from ressort.portrait.models import Indicator, IndicatorValue
    from ressort.strategy import services as strategy
    from ressort.strategy.models import ActionSheet, BudgetLine
    from ressort.strategy.models import Milestone as SheetMilestone

    rng = random.Random(2026)
    user = get_user_model().objects.create_user(email="bench@example.org", password="x" * 12)
    approach = Approach.objects.create(
        name="Banc", name_key="banc", slug="banc", perimeter_kind="sur_mesure"
    )
    Membership.objects.create(approach=approach, user=user, role=Role.PROJECT_LEAD)
    actions = Action.objects.bulk_create(
        [Action(approach=approach, title=f"Action {i:03d}") for i in range(ACTIONS)]
    )
    statuses = ["idee", "planifiee", "engagee", "engagee", "realisee", "abandonnee"]
    sheets = ActionSheet.objects.bulk_create(
        [
            ActionSheet(
                approach=approach,
                action=a,
                order=i,
                status=rng.choice(statuses),
                progress=rng.randint(0, 100),
                start_date=date(2024, 1, 1),
                end_date=date(2025, 1, 1) + timedelta(days=rng.randint(0, 1500)),
                pilot_email=f"pilote{i % 40}@example.org",
            )
            for i, a in enumerate(actions)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                sheet=s,
                kind="fonctionnement",
                year=year,
                planned=Decimal(rng.randint(1, 100) * 1000),
                spent=Decimal(rng.randint(0, 120) * 1000),
            )
            for s in sheets
            for year in (2025, 2026, 2027)
        ]
    )
    SheetMilestone.objects.bulk_create(
        [
            SheetMilestone(sheet=s, title="Jalon", due_date=date(2026, rng.randint(1, 12), 1))
            for s in sheets
        ]
    )
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                approach=approach,
                code=f"i{i}",
                name=f"Indicateur {i:03d}",
                unit="u",
                source="banc",
                direction="lower" if i % 2 else "higher",
            )
            for i in range(INDICATORS)
        ]
    )
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=ind,
                year=2011 + y,
                value=100
                + (y if ind.direction == "higher" else -y) * rng.uniform(0.5, 3)
                + rng.gauss(0, 2),
            )
            for ind in indicators
            for y in range(YEARS)
        ]
    )
    trajectories = Trajectory.objects.bulk_create(
        [
            Trajectory(approach=approach, indicator=ind, baseline_year=2011, baseline_value=100)
            for ind in indicators
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                trajectory=t,
                year=year,
                value=value if t.indicator.direction == "higher" else 200 - value,
            )
            for t in trajectories
            for year, value in ((2030, 140.0), (2040, 170.0), (2050, 190.0))
        ]
    )
    first = date(2020, 1, 15)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(approach=approach, date=first + timedelta(days=30 * i), title=f"COPIL {i}")
            for i in range(MEETINGS)
        ]
    )
    Decision.objects.bulk_create(
        [
            Decision(approach=approach, meeting=m, text=f"Décision {k} du {m.title}")
            for m in meetings
            for k in range(3)
        ]
    )
    # Some progress recorded after the last meeting, with history, as the team would.
    for sheet in sheets[:50]:
        strategy.record_progress(approach, sheet.action, progress=rng.randint(0, 100), user=user)
    return approach, user


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.db import connection
        from django.test import Client

        from ressort.monitoring import dashboard

        t0 = time.perf_counter()
        approach, user = _build()
        build_s = time.perf_counter() - t0

        timings = []
        for _ in range(3):
            t0 = time.perf_counter()
            board = dashboard.build(approach)
            timings.append(time.perf_counter() - t0)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        page = []
        counted: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            counted.append(sql)
            return execute(sql, params, many, context)

        for _ in range(3):
            counted.clear()
            t0 = time.perf_counter()
            with connection.execute_wrapper(count):
                response = client.get(f"/demarches/{approach.slug}/suivi/")
            page.append(time.perf_counter() - t0)
            assert response.status_code == 200
        t0 = time.perf_counter()
        listing = client.get(f"/demarches/{approach.slug}/trajectoires/")
        trajectory_list_s = time.perf_counter() - t0
        assert listing.status_code == 200
        return {
            "database": engine,
            "actions": ACTIONS,
            "indicators": INDICATORS,
            "values": INDICATORS * YEARS,
            "meetings": MEETINGS,
            "data_build_s": round(build_s, 2),
            "dashboard_compute_best_of_3_s": round(min(timings), 3),
            "dashboard_page_best_of_3_s": round(min(page), 3),
            "dashboard_page_queries": len(counted),
            "dashboard_page_kb": round(len(response.content) / 1024),
            "trajectory_list_page_s": round(trajectory_list_s, 3),
            "off_track": board.track_counts.get("off_track", 0),
            "late_actions": len(board.actions.late) if board.actions else None,
            "over_budget_actions": len(board.actions.over_budget) if board.actions else None,
        }
