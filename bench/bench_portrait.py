"""The portrait at scale: page and documents of a démarche with 300 indicators × 10 years,
2,000 testimonies and 500 observations; and the Doughnut status of every commune.

The Doughnut status of every commune of France for 30 indicators in one call is measured by
bench/bench_doughnut.py (ressort.analysis.doughnut.bulk_status); this benchmark reruns it
through that module so both figures come from one run, without a second implementation.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
"""

from __future__ import annotations

import datetime
import tempfile
import time
from pathlib import Path
from typing import Any

from bench._django import setup_django

INDICATORS = 300
YEARS = 10
TESTIMONIES = 2_000
OBSERVATIONS = 500
COMMUNES = 20


def _best(fn: Any, repeat: int) -> tuple[float, Any]:
    timings, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def _build_approach() -> Any:
    """A démarche on a synthetic EPCI of 20 communes, filled to the benchmark's size."""
    import numpy as np
    from django.contrib.auth import get_user_model

    from ressort.analysis.doughnut import Ring
    from ressort.approaches import services as approaches
    from ressort.approaches.models import Role
    from ressort.fieldwork.models import Observation, Quote, Testimony
    from ressort.frameworks import services as frameworks
    from ressort.frameworks.models import FrameworkVersion
    from ressort.portrait import services
    from ressort.portrait.models import Indicator, IndicatorValue, Scope
    from ressort.territories.models import Territory

    frameworks.load_shipped()
    reg = Territory.objects.create(type="REG", code="84", name="Région", search_name="region")
    Territory.objects.create(
        type="DEP", code="38", name="Département", search_name="dep", region_code="84"
    )
    epci = Territory.objects.create(
        type="EPCI",
        code="200000000",
        name="EPCI de test",
        search_name="epci",
        department_code="38",
        region_code="84",
    )
    Territory.objects.bulk_create(
        Territory(
            type="COM",
            code=f"38{i:03d}",
            name=f"Commune {i}",
            search_name=f"commune {i}",
            epci_code=epci.code,
            department_code="38",
            region_code=reg.code,
            population=1000 + 37 * i,
            area_km2=10.0 + i,
        )
        for i in range(COMMUNES)
    )
    # bench_documents builds this démarche in the same database as bench_strategy's plan,
    # whose user it is too.
    user = get_user_model().objects.filter(email="bench@example.org").first()
    if user is None:
        user = get_user_model().objects.create_user(email="bench@example.org", password=None)
    approach = approaches.create_approach(
        name="Banc d'essai", creator=user, role=Role.FACILITATOR, territory=epci, communes=[]
    )
    services.sync_official_indicators(approach)
    rng = np.random.default_rng(2026)
    dimensions = services.doughnut_dimensions()
    codes = [c for c, _, _ in dimensions]
    social = {c for c, _, ring in dimensions if ring == Ring.SOCIAL}
    indicators = []
    for i in range(INDICATORS):
        dims = [codes[i % len(codes)], codes[(i * 7) % len(codes)]]
        indicators.append(
            Indicator(
                approach=approach,
                code=f"ind-{i}",
                name=f"Indicateur {i}",
                unit="%",
                source="Synthétique",
                year=2024,
                direction="higher" if i % 2 else "lower",
                social_floor=50.0 if dims[0] in social else None,
                ecological_ceiling=None if dims[0] in social else 50.0,
                dimension_codes=list(dict.fromkeys(dims)),
                illustrative=True,
            )
        )
    Indicator.objects.bulk_create(indicators)
    values = rng.uniform(10, 90, size=(INDICATORS, YEARS))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=ind, scope=Scope.PERIMETER, year=2015 + y, value=float(values[i, y])
        )
        for i, ind in enumerate(indicators)
        for y in range(YEARS)
    )
    boussole = FrameworkVersion.objects.get(framework__code="boussole", is_current=True)
    questions = [q.code for q in services.grid_questions(boussole)]
    services.record_grid_answers(
        approach,
        boussole,
        [
            {"question": q, "score": int(rng.integers(0, 5)), "participant": f"P{p}"}
            for q in questions
            for p in range(20)
        ],
        source="Atelier",
    )
    testimonies = Testimony.objects.bulk_create(
        Testimony(
            approach=approach,
            speaker_category="habitant",
            felt=f"Témoignage {i}",
            source="Banc d'essai",
            spoken_on=datetime.date(2026, 1, 1 + i % 28),
        )
        for i in range(TESTIMONIES)
    )
    Quote.objects.bulk_create(
        Quote(testimony=t, text=f"Citation {i} sur le territoire.", dimensions=[codes[i % 21]])
        for i, t in enumerate(testimonies)
    )
    Observation.objects.bulk_create(
        Observation(
            approach=approach,
            title=f"Observation {i}",
            text="Vu sur place.",
            observed_on=datetime.date(2026, 5, 1 + i % 28),
            dimensions=[codes[i % 21]],
            latitude=45.5 + i * 1e-4,
            longitude=5.2 + i * 1e-4,
        )
        for i in range(OBSERVATIONS)
    )
    return approach, user


def run() -> dict[str, Any]:
    from bench import bench_doughnut

    doughnut_all = bench_doughnut.run()
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.test import Client
        from django.urls import reverse

        from ressort.portrait import documents, services
        from ressort.portrait import portrait as pt

        start = time.perf_counter()
        approach, user = _build_approach()
        fill_s = time.perf_counter() - start
        gaps_s, gaps = _best(lambda: services.doughnut_gaps(approach), 3)
        build_s, portrait = _best(lambda: pt.build(approach), 3)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        url = reverse("portrait:portrait", args=[approach.slug])
        page_s, response = _best(lambda: client.get(url), 3)
        assert response.status_code == 200
        pdf_s, pdf = _best(lambda: documents.build_pdf(approach), 1)
        docx_s, docx = _best(lambda: documents.build_docx(approach), 1)
        odt_s, odt = _best(lambda: documents.build_odt(approach), 1)
        return {
            "doughnut_all_communes": {
                "communes": doughnut_all["communes"],
                "indicators": doughnut_all["indicators"],
                "best_of_3_s": doughnut_all["best_of_3_s"],
            },
            "database": engine,
            "indicators": INDICATORS,
            "years": YEARS,
            "values": INDICATORS * YEARS,
            "testimonies": TESTIMONIES,
            "observations": OBSERVATIONS,
            "fill_s": round(fill_s, 2),
            "doughnut_gaps_best_of_3_s": round(gaps_s, 3),
            "portrait_data_best_of_3_s": round(build_s, 3),
            "portrait_page_best_of_3_s": round(page_s, 3),
            "page_kib": round(len(response.content) / 1024),
            "pdf_s": round(pdf_s, 2),
            "pdf_kib": round(len(pdf) / 1024),
            "docx_s": round(docx_s, 2),
            "docx_kib": round(len(docx) / 1024),
            "odt_s": round(odt_s, 2),
            "odt_kib": round(len(odt) / 1024),
            "dimensions_measured": sum(1 for v in gaps.values() if v != "missing"),
            "sections": len(portrait.sections),
        }
