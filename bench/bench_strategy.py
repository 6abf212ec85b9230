"""The strategy pages, exports and documents of a large plan: 400 action sheets under 4 axes
and 12 objectives, with 3 milestones and 4 budget lines each, and 1 000 edits in history.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench._django import setup_django

ACTIONS = 400
AXES = 4
OBJECTIVES_PER_AXIS = 3
EDITS = 1000


def _build() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from ressort.actions.models import Action
    from ressort.approaches.models import Approach, Membership, Role
    from ressort.strategy import services
    from ressort.strategy.models import ActionSheet, BudgetLine, Milestone

    rng = random.Random(2026)
    user = get_user_model().objects.create_user(email="bench@example.org", password="x" * 12)
    approach = Approach.objects.create(
        name="Banc", name_key="banc", slug="banc", perimeter_kind="sur_mesure"
    )
    Membership.objects.create(approach=approach, user=user, role=Role.PROJECT_LEAD)
    objectives = []
    for a in range(AXES):
        axis = services.add_axis(approach, f"Axe {a}", user=user)
        for o in range(OBJECTIVES_PER_AXIS):
            objectives.append(
                services.add_objective(axis, f"Objectif {a}.{o}", gap_codes=["water"], user=user)
            )
    actions = Action.objects.bulk_create(
        [Action(approach=approach, title=f"Action {i:03d}") for i in range(ACTIONS)]
    )
    statuses = ["idee", "planifiee", "engagee", "engagee", "realisee", "abandonnee"]
    sheets = ActionSheet.objects.bulk_create(
        [
            ActionSheet(
                approach=approach,
                action=a,
                objective=objectives[i % len(objectives)],
                order=i,
                status=rng.choice(statuses),
                progress=rng.randint(0, 100),
                pilot_service=f"Service {i % 12}",
                start_date=date(2025, 1, 1) + timedelta(days=rng.randint(0, 700)),
                end_date=date(2027, 1, 1) + timedelta(days=rng.randint(0, 1500)),
            )
            for i, a in enumerate(actions)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                sheet=s,
                kind="investissement" if year % 2 else "fonctionnement",
                year=year,
                planned=Decimal(rng.randint(1, 100) * 1000),
                spent=Decimal(rng.randint(0, 80) * 1000),
            )
            for s in sheets
            for year in (2025, 2026, 2027, 2028)
        ]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(sheet=s, title=f"Jalon {k}", due_date=date(2026 + k, rng.randint(1, 12), 1))
            for s in sheets
            for k in range(3)
        ]
    )
    for n in range(EDITS):  # edits through the history, as the team would
        services.record_progress(
            approach, sheets[n % ACTIONS].action, progress=rng.randint(0, 100), user=user
        )
    return approach, user


def _best(client: Any, url: str, times: int = 3) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(times):
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append(time.perf_counter() - t0)
        assert response.status_code == 200, url
    return round(min(timings), 3), len(queries), round(len(response.content) / 1024)


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.test import Client

        from ressort.strategy import documents, services

        t0 = time.perf_counter()
        approach, user = _build()
        build_s = time.perf_counter() - t0
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        base = f"/demarches/{approach.slug}/strategie/"
        results: dict[str, Any] = {
            "database": engine,
            "load_average_1min_at_start": round(os.getloadavg()[0], 2),
            "actions": ACTIONS,
            "milestones": ACTIONS * 3,
            "budget_lines": ACTIONS * 4,
            "history_edits": EDITS,
            "data_build_s": round(build_s, 2),
        }
        t0 = time.perf_counter()
        rows = services.action_progress(approach)
        results["action_progress_s"] = round(time.perf_counter() - t0, 3)
        results["late"] = sum(r["late"] for r in rows)
        results["over_budget"] = sum(r["over_budget"] for r in rows)
        for name, path in (
            ("overview", ""),
            ("one_page", "une-page/"),
            ("timeline", "calendrier/"),
            ("history", "historique/"),
            ("ics", "calendrier.ics"),
            ("xlsx", "calendrier.xlsx"),
        ):
            seconds, queries, kb = _best(client, base + path)
            results[f"{name}_best_of_3_s"] = seconds
            results[f"{name}_queries"] = queries
            results[f"{name}_kb"] = kb
        for fmt in ("docx", "odt", "pdf"):
            t0 = time.perf_counter()
            data = documents.build(approach, fmt)
            results[f"document_{fmt}_s"] = round(time.perf_counter() - t0, 2)
            results[f"document_{fmt}_kb"] = round(len(data) / 1024)
        return results
