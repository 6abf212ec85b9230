"""Systems pages at the sizes issue 5 asks for, through Django's test client.

- MICMAC results page (computation, two SVG maps, results table) and matrix page (no grid
  beyond 40 variables) for a seeded 500-variable matrix with 20 % of cells filled.
- Cascade page on a seeded impact chain of 1,000 nodes and 5,000 links: building the
  démarche's graph from the database, the cascade from 5 hazards and the bounded loop list.

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

SEED = 20261126
VARIABLES, DENSITY = 500, 0.2
NODES, LINKS, HAZARDS = 1_000, 5_000, 5


def best_of_3(client: Any, url: str, params: dict[str, Any] | None = None) -> tuple[float, Any]:
    best, response = float("inf"), None
    for _ in range(3):
        start = time.perf_counter()
        response = client.get(url, params or {})
        best = min(best, time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return best, response


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        import numpy as np
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.urls import reverse

        from ressort.analysis.micmac import InfluenceMatrix
        from ressort.approaches.models import Approach, Membership, Role
        from ressort.systems.models import ImpactChain, Link, Node
        from ressort.systems.services.chains import build_system_graph
        from ressort.systems.services.micmac import replace_matrix

        rng = random.Random(SEED)
        user = get_user_model().objects.create_user(email="bench@example.org")
        approach = Approach.objects.create(name="Banc systèmes", name_key="banc", slug="banc")
        Membership.objects.create(approach=approach, user=user, role=Role.FACILITATOR)
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)

        generator = np.random.default_rng(SEED)
        values = generator.integers(1, 4, size=(VARIABLES, VARIABLES)) * (
            generator.random((VARIABLES, VARIABLES)) < DENSITY
        )
        np.fill_diagonal(values, 0)
        start = time.perf_counter()
        replace_matrix(
            approach,
            InfluenceMatrix(
                names=tuple(f"Variable {i}" for i in range(VARIABLES)),
                values=values.astype(np.int64),
                potential=np.zeros(values.shape, dtype=np.bool_),
            ),
        )
        store_s = time.perf_counter() - start
        results_s, results = best_of_3(client, reverse("systems:micmac_results", args=["banc"]))
        matrix_s, _ = best_of_3(client, reverse("systems:micmac", args=["banc"]))
        csv_s, _ = best_of_3(client, reverse("systems:micmac_export", args=["banc"]))

        chain = ImpactChain.objects.create(approach=approach, name="Banc")
        kinds = ["exposition", "sensibilite", "impact", "capacite_adaptation", "ressource"]
        nodes = Node.objects.bulk_create(
            Node(
                chain=chain,
                label=f"Élément {i}",
                kind="alea" if i < HAZARDS else rng.choice(kinds),
            )
            for i in range(NODES)
        )
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < LINKS:
            a, b = rng.randrange(NODES), rng.randrange(NODES)
            if a != b:
                pairs.add((a, b))
        Link.objects.bulk_create(
            Link(
                chain=chain,
                source=nodes[a],
                target=nodes[b],
                sign=rng.choice((1, -1)),
                weight=rng.choice((1, 2, 3)),
            )
            for a, b in sorted(pairs)
        )
        system = build_system_graph(approach)
        hazards = [system.id_of[n.pk] for n in nodes[:HAZARDS]]
        start = time.perf_counter()
        build_system_graph(approach)
        graph_s = time.perf_counter() - start
        cascade_s, response = best_of_3(
            client,
            reverse("systems:cascade", args=["banc"]),
            {"hazards": hazards, "intensity": "2", "max_steps": "10"},
        )
        reached = response.content.decode().count('<th scope="row">')
        return {
            "database": engine,
            "micmac_variables": VARIABLES,
            "micmac_filled_cells": int((values > 0).sum()),
            "micmac_store_s": round(store_s, 3),
            "micmac_results_page_s": round(results_s, 3),
            "micmac_results_page_kib": round(len(results.content) / 1024),
            "micmac_matrix_page_s": round(matrix_s, 3),
            "micmac_csv_export_s": round(csv_s, 3),
            "chain_nodes": NODES,
            "chain_links": LINKS,
            "graph_from_database_s": round(graph_s, 3),
            "cascade_page_s": round(cascade_s, 3),
            "cascade_rows": reached,
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
