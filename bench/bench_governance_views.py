"""Governance pages at the sizes issue 19 asks for, through Django's test client.

- The actor map page (network drawn by category as server-side SVG, its list alternative,
  the interest × influence grid) for a seeded register of 500 actors and 2,000 links; must
  render under 0.5 s of server time.
- The register page for the same actors, and the MACTOR results page of a stored study of
  50 of them on 12 objectives (matrices read from the database, analysis, three drawings).

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
Each figure is the best of 3 requests (time.perf_counter), in seconds.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._django import setup_django

SEED = 20261201
ACTORS, LINKS = 500, 2_000
STUDY_ACTORS, OBJECTIVES = 50, 12


def best_of_3(client: Any, url: str) -> tuple[float, Any]:
    best, response = float("inf"), None
    for _ in range(3):
        start = time.perf_counter()
        response = client.get(url)
        best = min(best, time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return round(best, 4), response


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from ressort.approaches.models import Approach, Membership, Role
        from ressort.governance import services
        from ressort.governance.models import (
            Actor,
            ActorCategory,
            ActorLink,
            LinkKind,
            MactorObjective,
            MactorStudy,
            Scale,
        )

        rng = random.Random(SEED)
        user = get_user_model().objects.create_user(email="bench@example.org")
        approach = Approach.objects.create(name="Banc gouvernance", name_key="banc", slug="banc")
        Membership.objects.create(approach=approach, user=user, role=Role.FACILITATOR)
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)

        categories = [c for c, _ in ActorCategory.choices]
        scales = [s for s, _ in Scale.choices]
        kinds = [k for k, _ in LinkKind.choices]
        actors = Actor.objects.bulk_create(
            Actor(
                approach=approach,
                name=f"Acteur {i + 1}",
                category=rng.choice(categories),
                scale=rng.choice(scales),
                interest=rng.randint(1, 4),
                influence=rng.randint(1, 4),
            )
            for i in range(ACTORS)
        )
        triples: set[tuple[int, int, str]] = set()
        while len(triples) < LINKS:
            s, t = rng.randrange(ACTORS), rng.randrange(ACTORS)
            if s != t:
                triples.add((s, t, rng.choice(kinds)))
        ActorLink.objects.bulk_create(
            ActorLink(approach=approach, source=actors[s], target=actors[t], kind=k)
            for s, t, k in sorted(triples)
        )
        map_s, response = best_of_3(client, reverse("governance:actor_map", args=["banc"]))
        size = len(response.content)
        register_s, _ = best_of_3(client, reverse("governance:actor_list", args=["banc"]))

        study = MactorStudy.objects.create(approach=approach, title="Banc")
        services.set_participants(study, actors[:STUDY_ACTORS])
        people = list(study.participants.all())
        objectives = MactorObjective.objects.bulk_create(
            MactorObjective(study=study, name=f"Objectif {j + 1}", order=j)
            for j in range(OBJECTIVES)
        )
        services.save_influences(
            study,
            {(a.pk, b.pk): rng.randint(0, 4) for a in people for b in people if a != b},
        )
        services.save_positions(
            study, {(a.pk, o.pk): rng.randint(-4, 4) for a in people for o in objectives}
        )
        results_s, _ = best_of_3(client, reverse("governance:results", args=["banc", study.pk]))
        return {
            "database": engine,
            "load_average_1min": round(os.getloadavg()[0], 2),
            f"actor_map_page_{ACTORS}_actors_{LINKS}_links_s": map_s,
            "actor_map_page_kib": round(size / 1024),
            f"actor_register_page_{ACTORS}_actors_s": register_s,
            f"mactor_results_page_{STUDY_ACTORS}x{OBJECTIVES}_s": results_s,
        }
