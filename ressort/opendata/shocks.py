"""The territory's past shocks: seeded from CatNat decrees, completed by the team.

`seed` adds one shock per CatNat decree (one national code for all the communes it names)
that the timeline does not have yet; a shock the team edited is never overwritten.
`timeline(approach)` is what the page and the story read: the shocks, newest first, grouped
by year. `for_story(approach)` gives the story a short list of sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from ressort.approaches.models import Approach
from ressort.opendata.connectors.base import ShockSeed
from ressort.opendata.models import PastShock

# Past-shock kind → the shipped hazard (data/fieldwork/hazards.yaml) a seeded shock illustrates.
KIND_HAZARDS = {
    "inondation": "inondation",
    "secheresse": "secheresse",
    "canicule": "canicule",
    "tempete": "tempete",
    "mouvement_terrain": "mouvement_terrain",
    "industriel": "accident_industriel",
    "sanitaire": "pandemie",
}


@transaction.atomic
def seed(approach: Approach, seeds: Iterable[ShockSeed]) -> int:
    """One shock per new decree, linked to the shipped hazard of its kind (the systems
    phase's hazards), which the team can change."""
    from ressort.fieldwork.models import Hazard

    hazards = {h.code: h for h in Hazard.objects.filter(approach=None)}
    known = set(approach.past_shocks.exclude(reference="").values_list("reference", flat=True))
    made = 0
    for s in seeds:
        if s.reference in known:
            continue
        places = ", ".join(sorted(set(s.communes)))
        shock = PastShock.objects.create(
            approach=approach,
            kind=s.kind,
            title=s.title,
            started_on=s.started_on,
            ended_on=s.ended_on,
            decree_on=s.decree_on,
            places=places,
            origin=PastShock.Origin.CATNAT,
            reference=s.reference[:60],
            description=(
                "Reconnaissance de l'état de catastrophe naturelle"
                + (f" (arrêté du {s.decree_on:%d/%m/%Y})" if s.decree_on else "")
                + "."
            ),
        )
        hazard = hazards.get(KIND_HAZARDS.get(s.kind, ""))
        if hazard is not None:
            shock.hazards.add(hazard)
        known.add(s.reference)
        made += 1
    return made


@dataclass
class Year:
    year: int | None
    shocks: list[PastShock]


def timeline(approach: Approach) -> list[Year]:
    rows = approach.past_shocks.prefetch_related("hazards", "testimonies").order_by(
        "-started_on", "-decree_on", "-pk"
    )
    years: list[Year] = []
    for shock in rows:
        year = shock.started_on.year if shock.started_on else None
        if not years or years[-1].year != year:
            years.append(Year(year, []))
        years[-1].shocks.append(shock)
    return years


def for_story(approach: Approach, limit: int = 8) -> list[str]:
    """Sentences for the story: the shocks that taught something first, then the latest."""
    rows = list(approach.past_shocks.order_by("-started_on", "-pk"))
    rows.sort(key=lambda s: not s.lessons.strip())
    sentences = []
    for shock in rows[:limit]:
        when = f"{shock.started_on:%m/%Y}" if shock.started_on else "date inconnue"
        text = f"{shock.title} ({when})"
        if shock.lessons.strip():
            text += f"\u00a0: {shock.lessons.strip()}"
        sentences.append(text)
    return sentences
