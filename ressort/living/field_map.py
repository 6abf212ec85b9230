"""The living brique's layer on the field map: each milieu placed on a point, with its
state (ressort.fieldwork.services.register_map_layer, registered in apps.ready)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.fieldwork.services import register_map_layer
from ressort.living import services
from ressort.living.models import Milieu


@register_map_layer
def milieux(approach: Approach) -> list[dict[str, Any]]:
    if not services.is_active(approach):
        return []
    rows = Milieu.objects.filter(
        approach=approach, latitude__isnull=False, longitude__isnull=False
    ).order_by("name")
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [m.longitude, m.latitude]},
            "properties": {
                "kind": "milieu",
                "kind_label": (
                    f"{m.get_kind_display().lower()}, état {m.get_state_display().lower()}"
                ),
                "title": m.name,
                "url": reverse("living:overview", args=[approach.slug]) + f"#milieu-{m.pk}",
                "place": m.places,
                "dimensions": [],
            },
        }
        for m in rows
    ]
