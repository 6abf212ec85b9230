"""Field evidence at the scale of a long démarche: 2,000 testimonies (4,000 quotes), 500
observations, 150 vulnerabilities and resources. Times the contract functions the portrait
calls, the list and map pages, a tag suggestion with the shipped multilingual model, and
the processing of a 12-megapixel phone photo.

Runs on a fresh SQLite file by default; `BENCH_DATABASE_URL=postgres://…` for PostgreSQL.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench._django import setup_django

TESTIMONIES = 2_000
OBSERVATIONS = 500
VULNERABILITIES = 90
RESOURCES = 60


def _best(fn: Any, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append(time.perf_counter() - start)
    return round(min(timings), 3)


def _populate(approach: Any) -> None:
    from ressort.fieldwork import services
    from ressort.fieldwork.models import (
        Observation,
        Quote,
        Resource,
        SpeakerCategory,
        Testimony,
        Vulnerability,
    )

    rng = random.Random(2026)
    codes = list(services.tag_examples())
    examples = [s for sentences in services.tag_examples().values() for s in sentences]
    start = date(2024, 1, 1)
    Observation.objects.bulk_create(
        Observation(
            approach=approach,
            title=f"Observation {i}",
            text=rng.choice(examples),
            observed_on=start + timedelta(days=i % 700),
            latitude=45.55 + rng.random() * 0.1,
            longitude=5.1 + rng.random() * 0.25,
            dimensions=rng.sample(codes, 2),
        )
        for i in range(OBSERVATIONS)
    )
    testimonies = Testimony.objects.bulk_create(
        Testimony(
            approach=approach,
            speaker_category=rng.choice(SpeakerCategory.values),
            spoken_on=start + timedelta(days=i % 700),
            felt=rng.choice(examples),
        )
        for i in range(TESTIMONIES)
    )
    Quote.objects.bulk_create(
        Quote(testimony=t, text=rng.choice(examples), dimensions=rng.sample(codes, 2), order=k)
        for t in testimonies
        for k in range(2)
    )
    for model, count, level in (
        (Vulnerability, VULNERABILITIES, "severity"),
        (Resource, RESOURCES, "strength"),
    ):
        model.objects.bulk_create(
            model(
                approach=approach,
                title=f"{model.kind_label} {i}",
                dimensions=rng.sample(codes, 2),
                latitude=45.55 + rng.random() * 0.1,
                longitude=5.1 + rng.random() * 0.25,
                **{level: rng.randint(1, 4)},
            )
            for i in range(count)
        )


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = setup_django(Path(tmp))
        from django.contrib.auth import get_user_model
        from django.test import Client
        from django.test.utils import override_settings
        from PIL import Image

        from ressort.approaches import services as approaches
        from ressort.approaches.models import Role
        from ressort.fieldwork import photos, services, tags

        user = get_user_model().objects.create_user(email="bench@example.org", password=None)
        approach = approaches.create_approach(
            name="Banc d'essai terrain",
            creator=user,
            role=Role.FACILITATOR,
            territory=None,
            communes=[],
        )
        start = time.perf_counter()
        _populate(approach)
        populate_s = time.perf_counter() - start

        evidence_s = _best(lambda: services.evidence_by_dimension(approach))
        features_s = _best(lambda: services.map_features(approach))
        client = Client()
        client.force_login(user)
        pages = {}
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            for name, path in (
                ("observations", "observations/"),
                ("testimonies", "temoignages/"),
                ("inventory", "inventaire/"),
                ("map", "carte/"),
                ("map_geojson", "carte.geojson"),
            ):
                url = f"/demarches/{approach.slug}/terrain/{path}"
                assert client.get(url).status_code == 200, url
                pages[f"page_{name}_s"] = _best(lambda url=url: client.get(url))

        start = time.perf_counter()
        tags.suggest(approach, "Les nappes baissent et les puits sont à sec")
        first_suggestion_s = time.perf_counter() - start  # model load + examples encoded
        # A new text each time: nothing of it is cached, only the examples are.
        texts = iter(f"Le bus numéro {i} ne passe plus après 20 heures" for i in range(10))
        later_suggestion_s = _best(lambda: tags.suggest(approach, next(texts)), 5)

        image = Image.effect_noise((4000, 3000), 64).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=90)
        data = buffer.getvalue()
        photo_s = _best(lambda: photos.process(data))
        return {
            "database": engine,
            "testimonies": TESTIMONIES,
            "quotes": TESTIMONIES * 2,
            "observations": OBSERVATIONS,
            "vulnerabilities": VULNERABILITIES,
            "resources": RESOURCES,
            "populate_s": round(populate_s, 2),
            "evidence_by_dimension_s": evidence_s,
            "map_features_s": features_s,
            **pages,
            "first_tag_suggestion_s": round(first_suggestion_s, 2),
            "tag_suggestion_s": later_suggestion_s,
            "photo_12mpx_bytes": len(data),
            "photo_12mpx_process_s": photo_s,
        }
