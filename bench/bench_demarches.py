"""« Mes démarches », the facilitator's portfolio, at the size issue 18 asks for.

A facilitator member of 200 démarches, each with its steps at a depth, some content the
checklists count (indicators in several dimensions, coded testimonies, actions, a steering
meeting), accompaniment sessions held and planned, and contracted days. The page computes
each démarche's phase, progress, next session, late steps, last activity and days used;
must render under 0.5 s of server time, in a number of queries that does not depend on the
number of démarches.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
Each figure is the best of 3 requests (time.perf_counter), in seconds; the 1-minute load
average at the start tells how busy the machine was (2 cores shared with other work).
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

SEED = 20261201
DEMARCHES = 200
TARGET_S = 0.5


def run() -> dict[str, Any]:
    load = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client

        from ressort.actions.models import Action
        from ressort.approaches.method import MODULE_CODES, STEP_CODES
        from ressort.approaches.models import (
            AccompanimentSession,
            Approach,
            ContractedDays,
            Membership,
            MethodStep,
            Role,
        )
        from ressort.fieldwork.models import Quote, Testimony
        from ressort.monitoring.models import Meeting
        from ressort.portrait.models import Indicator

        rng = random.Random(SEED)
        user = get_user_model().objects.create_user(email="bench@example.org")
        approaches = Approach.objects.bulk_create(
            Approach(
                name=f"Démarche {i:03d}",
                name_key=f"demarche {i:03d}",
                slug=f"demarche-{i:03d}",
                perimeter_label=f"Groupement {i}",
                perimeter_kind="sur_mesure",
                modules=rng.sample(MODULE_CODES, rng.randint(0, 3)),
            )
            for i in range(DEMARCHES)
        )
        Membership.objects.bulk_create(
            Membership(approach=a, user=user, role=Role.FACILITATOR) for a in approaches
        )
        today = date.today()
        depths = ("leger", "standard", "approfondi")
        MethodStep.objects.bulk_create(
            MethodStep(
                approach=a,
                code=code,
                depth=rng.choice(depths),
                start_date=today - timedelta(days=300 - 60 * n),
                end_date=today - timedelta(days=240 - 60 * n),
            )
            for a in approaches
            for n, code in enumerate(STEP_CODES)
        )
        dimensions = [f"dim-{k}" for k in range(12)]
        Indicator.objects.bulk_create(
            Indicator(
                approach=a,
                code=f"ind-{k}",
                name=f"Indicateur {k}",
                unit="%",
                source="banc",
                dimension_codes=rng.sample(dimensions, 2),
            )
            for a in approaches
            for k in range(rng.randint(0, 8))
        )
        testimonies = Testimony.objects.bulk_create(
            Testimony(approach=a, speaker_category="habitant", spoken_on=today, felt="…")
            for a in approaches
            for _ in range(rng.randint(0, 6))
        )
        Quote.objects.bulk_create(
            Quote(testimony=t, text="…", dimensions=rng.sample(dimensions, rng.randint(0, 2)))
            for t in testimonies
        )
        Action.objects.bulk_create(
            Action(approach=a, title=f"Action {k}")
            for a in approaches
            for k in range(rng.randint(0, 10))
        )
        Meeting.objects.bulk_create(
            Meeting(approach=a, date=today) for a in approaches if rng.random() < 0.3
        )
        AccompanimentSession.objects.bulk_create(
            AccompanimentSession(
                approach=a,
                held_on=today + timedelta(days=rng.randint(-200, 60)),
                title="Séance",
                step=rng.choice(STEP_CODES),
                format="atelier",
                days_spent=Decimal("0.5"),
            )
            for a in approaches
            for _ in range(rng.randint(0, 8))
        )
        ContractedDays.objects.bulk_create(
            ContractedDays(approach=a, module="", days=Decimal(rng.randint(10, 40)))
            for a in approaches
        )

        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        client.get("/demarches/")  # warm up (templates, the offer file)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            response = client.get("/demarches/")
            best = min(best, time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        queries: list[str] = []

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):  # survives the request closing its connection
            client.get("/demarches/")
        filtered_start = time.perf_counter()
        client.get("/demarches/", {"statut": "en_retard", "brique": "recit"})
        filtered_s = time.perf_counter() - filtered_start
        return {
            "database": engine,
            "load_average_1min": load,
            f"portfolio_page_{DEMARCHES}_demarches_s": round(best, 4),
            f"portfolio_page_{DEMARCHES}_demarches_filtered_s": round(filtered_s, 4),
            "portfolio_queries": len(queries),
            "portfolio_page_kib": round(len(response.content) / 1024),
            "target_s": TARGET_S,
            "within_target": best < TARGET_S,
        }
