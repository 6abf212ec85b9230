"""Small factories for fieldwork objects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ressort.approaches.models import Approach
from ressort.fieldwork.models import Observation, Quote, Resource, Testimony, Vulnerability


def observation(approach: Approach, **fields: Any) -> Observation:
    defaults: dict[str, Any] = {
        "title": "Berges de la Bourbre asséchées",
        "text": "La rivière est presque à sec sous le pont.",
        "observed_on": dt.date(2026, 7, 20),
        "place_name": "Bourgoin-Jallieu",
        "latitude": 45.5866,
        "longitude": 5.2736,
        "dimensions": ["water", "freshwater"],
    }
    return Observation.objects.create(approach=approach, **{**defaults, **fields})


def testimony(
    approach: Approach, quotes: tuple[tuple[str, list[str]], ...] = (), **fields: Any
) -> Testimony:
    defaults: dict[str, Any] = {
        "speaker_category": "habitant",
        "spoken_on": dt.date(2026, 3, 12),
        "felt": "On a peur de manquer d'eau l'été.",
    }
    t = Testimony.objects.create(approach=approach, **{**defaults, **fields})
    for i, (text, codes) in enumerate(quotes):
        Quote.objects.create(testimony=t, text=text, dimensions=codes, order=i)
    return t


def vulnerability(approach: Approach, **fields: Any) -> Vulnerability:
    defaults: dict[str, Any] = {
        "title": "Dépendance à une seule ressource en eau",
        "severity": 3,
        "dimensions": ["water"],
        "latitude": 45.61,
        "longitude": 5.22,
    }
    return Vulnerability.objects.create(approach=approach, **{**defaults, **fields})


def resource(approach: Approach, **fields: Any) -> Resource:
    defaults: dict[str, Any] = {
        "title": "Marais de la Bourbre",
        "strength": 3,
        "dimensions": ["biodiversity", "water"],
    }
    return Resource.objects.create(approach=approach, **{**defaults, **fields})
