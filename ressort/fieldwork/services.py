"""Services of fieldwork (contracts with other apps: docs/contracts.md).

`evidence_by_dimension`, `map_features` and `add_testimony` are the cross-app contracts;
the rest serves this app's views: the catalogue of dimensions one can tag with, the
shipped hazards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.fieldwork.models import (
    Hazard,
    Observation,
    Quote,
    Resource,
    SpeakerCategory,
    Testimony,
    Vulnerability,
    Walk,
)

DATA_DIR = Path(settings.BASE_DIR) / "data" / "fieldwork"
FRAMEWORK_NAMES = {"donut": "Donut", "boussole": "Boussole de la résilience"}
# Which kind of node one tags with, per shipped framework.
TAG_KINDS = {"donut": "dimension", "boussole": "levier"}


# --------------------------------------------------------------------------------------
# Dimensions one can tag with
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DimensionRef:
    framework: str
    code: str
    label: str


@cache
def tag_examples_file() -> dict[str, dict[str, Any]]:
    """data/fieldwork/tag_examples.yaml: framework → code → {libelle, exemples}."""
    with (DATA_DIR / "tag_examples.yaml").open(encoding="utf-8") as f:
        data: dict[str, dict[str, Any]] = yaml.safe_load(f)
    return data


def tag_examples() -> dict[str, list[str]]:
    """Dimension code → its shipped example sentences."""
    return {
        code: list(entry["exemples"])
        for codes in tag_examples_file().values()
        for code, entry in codes.items()
    }


def dimension_catalogue() -> list[DimensionRef]:
    """The Doughnut dimensions and Boussole levers, from the loaded frameworks when they
    are (their current labels), from data/fieldwork/tag_examples.yaml otherwise."""
    from ressort.frameworks.models import Dimension

    rows = list(
        Dimension.objects.filter(
            version__is_current=True,
            version__framework__approach=None,
            version__framework__code__in=list(TAG_KINDS),
        )
        .values_list("version__framework__code", "code", "kind", "label")
        .order_by("version__framework__code", "order")
    )
    found = [
        DimensionRef(fw, code, label) for fw, code, kind, label in rows if TAG_KINDS[fw] == kind
    ]
    frameworks_found = {d.framework for d in found}
    for fw, codes in tag_examples_file().items():
        if fw not in frameworks_found:
            found.extend(DimensionRef(fw, code, entry["libelle"]) for code, entry in codes.items())
    order = list(TAG_KINDS)
    return sorted(found, key=lambda d: order.index(d.framework))


def dimension_labels() -> dict[str, str]:
    return {d.code: d.label for d in dimension_catalogue()}


def dimension_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a form field: (framework name, [(code, label)…])."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for d in dimension_catalogue():
        groups.setdefault(FRAMEWORK_NAMES[d.framework], []).append((d.code, d.label))
    return list(groups.items())


# --------------------------------------------------------------------------------------
# Hazards
# --------------------------------------------------------------------------------------


def load_hazards() -> int:
    """Create or update the shipped hazards from data/fieldwork/hazards.yaml (idempotent)."""
    with (DATA_DIR / "hazards.yaml").open(encoding="utf-8") as f:
        entries = yaml.safe_load(f)
    with transaction.atomic():
        for order, entry in enumerate(entries):
            Hazard.objects.update_or_create(
                approach=None,
                code=entry["code"],
                defaults={
                    "label": entry["libelle"],
                    "family": entry.get("famille", ""),
                    "description": entry.get("description", ""),
                    "order": order,
                },
            )
    return len(entries)


def hazards_for(approach: Approach) -> QuerySet[Hazard]:
    """The shipped hazards (loaded on first use) and the démarche's own."""
    if not Hazard.objects.filter(approach=None).exists():
        load_hazards()
    return Hazard.objects.filter(Q(approach=None) | Q(approach=approach))


# --------------------------------------------------------------------------------------
# Contracts
# --------------------------------------------------------------------------------------

EVIDENCE_KEYS = ("quotes", "observations", "vulnerabilities", "resources")


def _group(target: dict[str, dict[str, list[Any]]], key: str, items: Iterable[Any]) -> None:
    for item in items:
        for code in item.dimensions:
            entry = target.setdefault(code, {k: [] for k in EVIDENCE_KEYS})
            entry[key].append(item)


def evidence_by_dimension(approach: Approach) -> dict[str, dict[str, list[Any]]]:
    """Dimension code → {"quotes", "observations", "vulnerabilities", "resources"}.

    Only the codes that have at least one piece of evidence are keys (use `.get(code)`).
    Quotes come with their testimony, observations with their photos (a photo shows in
    the portrait only if `in_portrait`: see `Observation.portrait_photos`), vulnerabilities
    by decreasing severity and resources by decreasing strength.
    """
    result: dict[str, dict[str, list[Any]]] = {}
    _group(
        result,
        "quotes",
        Quote.objects.filter(testimony__approach=approach)
        .select_related("testimony__approach")
        .order_by("-testimony__spoken_on", "order", "pk"),
    )
    _group(
        result,
        "observations",
        Observation.objects.filter(approach=approach)
        .select_related("approach")
        .prefetch_related("photos"),
    )
    _group(
        result,
        "vulnerabilities",
        Vulnerability.objects.filter(approach=approach)
        .select_related("approach")
        .order_by("-severity", "title"),
    )
    _group(
        result,
        "resources",
        Resource.objects.filter(approach=approach)
        .select_related("approach")
        .order_by("-strength", "title"),
    )
    return result


def point_feature(item: Any, kind: str, **extra: Any) -> dict[str, Any]:
    """A located observation or inventory item as a GeoJSON point."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [item.longitude, item.latitude]},
        "properties": {
            "kind": kind,
            "title": item.title,
            "url": item.get_absolute_url(),
            "place": item.place_name,
            "dimensions": list(item.dimensions),
            **extra,
        },
    }


def route_feature(walk: Walk) -> dict[str, Any]:
    """A walk's route as a GeoJSON line."""
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": walk.route},
        "properties": {
            "kind": "marche",
            "title": walk.title,
            "url": walk.get_absolute_url(),
            "place": "",
            "dimensions": [],
        },
    }


MapLayer = Callable[[Approach], list[dict[str, Any]]]
MAP_LAYERS: list[MapLayer] = []


def register_map_layer(layer: MapLayer) -> MapLayer:
    """Another brique's features on the field map (the living brique's milieux): the app
    registers a function of the démarche that returns GeoJSON features whose properties are
    those of `map_features`, plus `kind_label`. Registered at app start, so that fieldwork
    imports nothing from the briques above it."""
    MAP_LAYERS.append(layer)
    return layer


def map_features(approach: Approach) -> dict[str, Any]:
    """GeoJSON FeatureCollection of located observations, vulnerabilities and resources.

    Properties: kind ("observation" | "vulnerabilite" | "ressource" | "temoignage" |
    "marche", a walk's route as a line), title, url, place,
    dimensions, and level (severity or strength, 1–4) for the inventory.
    """
    features: list[dict[str, Any]] = []
    located = {"latitude__isnull": False, "longitude__isnull": False}
    for obs in Observation.objects.filter(approach=approach, **located).select_related("approach"):
        features.append(point_feature(obs, "observation", nature=obs.nature))
    for vuln in Vulnerability.objects.filter(approach=approach, **located).select_related(
        "approach"
    ):
        features.append(point_feature(vuln, "vulnerabilite", level=vuln.severity))
    for res in Resource.objects.filter(approach=approach, **located).select_related("approach"):
        features.append(point_feature(res, "ressource", level=res.strength))
    # Testimonies: who spoke as the testimony page says it (a name only with consent).
    for t in Testimony.objects.filter(approach=approach, **located).select_related("approach"):
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [t.longitude, t.latitude]},
                "properties": {
                    "kind": "temoignage",
                    "title": t.speaker_label,
                    "url": t.get_absolute_url(),
                    "place": t.place_name,
                    "dimensions": [],
                },
            }
        )
    for walk in Walk.objects.filter(approach=approach).select_related("approach"):
        if len(walk.route) >= 2:
            features.append(route_feature(walk))
    for layer in MAP_LAYERS:
        features += layer(approach)
    return {"type": "FeatureCollection", "features": features}


def add_testimony(
    approach: Approach,
    text: str,
    *,
    category: str,
    source: str,
    dimension_codes: Iterable[str] = (),
) -> Testimony:
    """A testimony from elsewhere (a workshop's idea wall…): its text becomes the felt
    experience and a quote tagged with `dimension_codes`. An unknown category is « autre »."""
    text = text.strip()
    if not text:
        raise ValueError("Le témoignage est vide.")
    if category not in SpeakerCategory.values:
        category = SpeakerCategory.OTHER
    with transaction.atomic():
        testimony = Testimony.objects.create(
            approach=approach,
            speaker_category=category,
            spoken_on=timezone.localdate(),
            source=source[:200],
            felt=text,
        )
        Quote.objects.create(
            testimony=testimony, text=text, dimensions=list(dict.fromkeys(dimension_codes))
        )
    return testimony
