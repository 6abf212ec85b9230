"""Official territories: full import, search latency, outlines of large perimeters, the
territories nearest to an EPCI and to a commune.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._django import setup_django

QUERIES = ["besancon", "25056", "porte de l'is", "saint", "lyon", "38300", "val", "isere"]


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.test import Client

        from ressort.territories.importer import import_official_territories
        from ressort.territories.models import Territory
        from ressort.territories.services import outline_of

        start = time.perf_counter()
        report = import_official_territories(force=True)
        import_s = time.perf_counter() - start
        start = time.perf_counter()
        import_official_territories()
        second_import_s = time.perf_counter() - start

        client = Client(HTTP_HOST="localhost")  # an allowed host of the default settings
        latencies = []
        for _ in range(25):
            for q in QUERIES:
                t0 = time.perf_counter()
                response = client.get("/api/v1/territoires", {"q": q})
                latencies.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
        latencies.sort()

        outlines = {}
        for kind, code in [("EPCI", "243800604"), ("DEP", "38"), ("REG", "84")]:
            territory = Territory.objects.get(type=kind, code=code)
            Territory.objects.filter(pk=territory.pk).update(geometry="")
            territory.geometry = ""
            t0 = time.perf_counter()
            outline_of(territory)
            outlines[f"{kind} {code} ({territory.commune_count} communes)"] = round(
                time.perf_counter() - t0, 3
            )
        # « Territoires comparables »: the pool of a kind read from the communes, then the
        # ten nearest (ressort.monitoring.similar, ressort.analysis.similar_territories).
        from ressort.analysis.similar_territories import similar
        from ressort.monitoring.similar import FEATURES, pool

        nearest = {}
        for kind, code in [("EPCI", "243800604"), ("COM", "38053")]:
            t0 = time.perf_counter()
            profiles = pool(kind)
            own = next(p for p in profiles if p.code == code)
            similar(own, profiles, FEATURES[kind], 10)  # type: ignore[index]
            nearest[f"{kind} {code} parmi {len(profiles)}"] = round(time.perf_counter() - t0, 3)
        return {
            "database": engine,
            "similar_s": nearest,
            "communes": report.counts["communes"],
            "import_s": round(import_s, 2),
            "second_import_s": round(second_import_s, 2),
            "search_requests": len(latencies),
            "search_p50_ms": round(statistics.median(latencies), 1),
            "search_p95_ms": round(latencies[int(len(latencies) * 0.95)], 1),
            "outline_s": outlines,
        }
