"""Contract functions of photo-interpretation, for the other apps (docs/contracts.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from ressort.aerial.models import Annotation
from ressort.analysis.measure import Shape, measure
from ressort.approaches.models import Approach


def add_pins(
    approach: Approach,
    pins: Iterable[Mapping[str, Any]],
    *,
    source: str,
    then_period: str = "",
    now_period: str = "",
) -> int:
    """Point annotations from pins {"lat", "lon", "comment"} (a workshop on the imagery)."""
    created = 0
    with transaction.atomic():
        for pin in pins:
            lon, lat = float(pin["lon"]), float(pin["lat"])
            m = measure(Shape.POINT, [(lon, lat)])
            comment = str(pin.get("comment", "")).strip()
            Annotation.objects.create(
                approach=approach,
                shape=Shape.POINT.value,
                geometry={"type": "Point", "coordinates": [lon, lat]},
                title=(comment[:80] + "…") if len(comment) > 80 else comment or "Épingle",
                note=f"{comment}\n\n{source}".strip(),
                then_period=then_period[:40],
                now_period=now_period[:40],
                epsg=m.epsg,
                projection=m.projection,
            )
            created += 1
    return created
