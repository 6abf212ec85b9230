"""Demo photo-interpretation: three annotations on the demo démarche (illustrative)."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.db import transaction

from ressort.aerial.forms import read_geometry
from ressort.aerial.models import Annotation
from ressort.analysis.measure import measure
from ressort.approaches.models import Approach
from ressort.fieldwork.models import Hazard, Observation, Vulnerability

LABEL = " (exemple illustratif de la démonstration)"

# title, note, then, now, GeoJSON geometry, dimensions, hazards, observation title word
ANNOTATIONS = [
    (
        "Zone logistique sur d'anciens champs",
        "Sur l'image de 1950–1965, des parcelles cultivées en lanières\u00a0; aujourd'hui, des "
        "entrepôts et leurs parkings imperméabilisés.",
        "1950–1965",
        "2023",
        {
            "type": "Polygon",
            "coordinates": [
                [
                    [5.108, 45.641],
                    [5.118, 45.641],
                    [5.118, 45.647],
                    [5.108, 45.647],
                    [5.108, 45.641],
                ]
            ],
        },
        ["land_conversion", "biodiversity"],
        ["inondation", "canicule"],
        "Entrepôts",
    ),
    (
        "Haie disparue le long du chemin des Marais",
        "Une haie continue sur l'image ancienne\u00a0; il n'en reste que deux arbres isolés.",
        "1950–1965",
        "2023",
        {"type": "LineString", "coordinates": [[5.262, 45.598], [5.268, 45.600], [5.275, 45.601]]},
        ["biodiversity"],
        ["secheresse"],
        "Bourbre",
    ),
    (
        "Mare asséchée du hameau",
        "Une mare en eau en 1950–1965\u00a0; une dépression herbeuse aujourd'hui.",
        "1950–1965",
        "2023",
        {"type": "Point", "coordinates": [5.281, 45.592]},
        ["freshwater", "water"],
        ["secheresse"],
        "Bourbre",
    ),
]


@transaction.atomic
def build(approach: Approach) -> None:
    author = get_user_model().objects.filter(memberships__approach=approach).order_by("pk").first()
    hazards = {h.code: h for h in Hazard.objects.filter(approach=None)}
    for title, note, then, now, geometry, dims, hazard_codes, word in ANNOTATIONS:
        shape, points, clean = read_geometry(json.dumps(geometry))
        m = measure(shape, points)
        annotation = Annotation.objects.create(
            approach=approach,
            shape=shape.value,
            geometry=clean,
            title=title,
            note=note + LABEL,
            then_period=then,
            now_period=now,
            dimensions=dims,
            length_m=round(m.length_m, 2),
            area_m2=round(m.area_m2, 2),
            epsg=m.epsg,
            projection=m.projection,
            author=author,
        )
        annotation.hazards.set([hazards[c] for c in hazard_codes if c in hazards])
        annotation.observations.set(
            Observation.objects.filter(approach=approach, title__icontains=word)[:1]
        )
        annotation.vulnerabilities.set(Vulnerability.objects.filter(approach=approach)[:1])
