"""Demo content of workshops for the demo démarche (illustrative, labelled as such).

Two workshops: one already held, with closed results from illustrative participants (an
idea wall, a grid scoring and a majority-judgment vote), ready to be sent into the
démarche; and the same three activities prepared, not yet opened, to run live.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.workshops import kinds
from ressort.workshops.models import Activity, Answer, Participant, Workshop

IDEAS = [
    ("Élu·e", "Planter des haies le long des chemins agricoles", "biodiversity"),
    ("Habitant·e", "Une ressourcerie dans chaque bourg", ""),
    ("Agent·e", "Récupérer l'eau de pluie des bâtiments publics", "water"),
    ("Habitant·e", "Des îlots de fraîcheur dans les cours d'école", "climate_change"),
    ("Partenaire", "Un groupement d'achat local pour la cantine", "food"),
    ("Habitant·e", "Covoiturage organisé vers la gare de Bourgoin", "energy"),
    ("Élu·e", "Un plan communal de sauvegarde commun à l'agglomération", ""),
]
GRID_CODES = ["Q1.1.a", "Q1.1.b", "Q1.2.a", "Q2.1.a"]
VOTE_LABELS = ["Haies bocagères", "Cantine locale", "Îlots de fraîcheur", "Covoiturage"]
CATEGORIES = ["Élu·e", "Agent·e", "Habitant·e", "Habitant·e", "Partenaire", "Habitant·e"]


def _activities(workshop: Workshop, approach: Approach) -> list[Activity]:
    from ressort.frameworks import services as frameworks

    specs: list[tuple[str, str, dict[str, Any]]] = [
        (
            "idees",
            "Quelles actions pour un territoire plus résilient ?",
            {"target": "idees", "tag_dimensions": True},
        )
    ]
    boussole = frameworks.shipped_current("boussole")
    if boussole is not None:
        specs.append(
            (
                "grille",
                "Où en est la gouvernance de la résilience ?",
                {"version": boussole.pk, "codes": " ".join(GRID_CODES)},
            )
        )
    actions = kinds.approach_actions(approach)[:4]
    vote_data: dict[str, Any] = (
        {"actions": [str(pk) for pk, _ in actions], "labels": ""}
        if len(actions) >= 2
        else {"labels": "\n".join(VOTE_LABELS)}
    )
    specs.append(("vote", "Quelles actions engager en premier ?", vote_data))
    out = []
    for order, (code, title, data) in enumerate(specs, start=1):
        config = kinds.get_kind(code).build_config(data, approach)
        out.append(
            Activity.objects.create(
                workshop=workshop, kind=code, title=title, config=config, order=order
            )
        )
    return out


def _answer(activity: Activity, people: list[Participant], rng: random.Random) -> None:
    rows: list[Answer] = []
    if activity.kind == "idees":
        known = {d["code"] for d in activity.config.get("dimensions", [])}
        for i, (category, text, dim) in enumerate(IDEAS):
            author = next((p for p in people if p.category == category), people[0])
            rows.append(
                Answer(
                    activity=activity,
                    participant=author,
                    client_id=f"demo-idee-{i:03d}",
                    payload={"text": text, "dimension": dim if dim in known else ""},
                )
            )
    elif activity.kind == "grille":
        for p in people:
            for q in activity.config["questions"]:
                score = None if rng.random() < 0.12 else rng.choice([1, 1, 2, 2, 2, 3])
                rows.append(
                    Answer(
                        activity=activity,
                        participant=p,
                        client_id=q["code"],
                        payload={"score": score, "comment": ""},
                    )
                )
    elif activity.kind == "vote":
        cands = activity.config["candidates"]
        for p in people:
            grades = {
                c["key"]: min(6, max(0, 5 - i + rng.randint(-2, 1))) for i, c in enumerate(cands)
            }
            rows.append(
                Answer(
                    activity=activity,
                    participant=p,
                    client_id=kinds.SINGLE_KEY,
                    payload={"grades": grades},
                )
            )
    Answer.objects.bulk_create(rows)


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    rng = random.Random(2026)  # noqa: S311 — illustrative answers, reproducible
    creator = approach.created_by
    now = timezone.now()
    with transaction.atomic():
        held = Workshop(
            approach=approach,
            title="Atelier de lancement (illustratif)",
            held_on=timezone.localdate() - dt.timedelta(days=21),
            place="Salle du conseil communautaire, L'Isle-d'Abeau",
            ask_category=True,
            created_by=creator,
        )
        held.code_expires_at = now - dt.timedelta(days=18)
        held.save()
        people = [
            Participant.objects.create(workshop=held, category=CATEGORIES[i % len(CATEGORIES)])
            for i in range(14)
        ]
        for activity in _activities(held, approach):
            _answer(activity, people, rng)
            activity.state = Activity.State.CLOSED
            activity.opened_at = now - dt.timedelta(days=21, minutes=40)
            activity.closed_at = now - dt.timedelta(days=21, minutes=20)
            activity.save()
        ready = Workshop(
            approach=approach,
            title="Atelier à animer (démonstration)",
            held_on=timezone.localdate() + dt.timedelta(days=7),
            place="Médiathèque de Villefontaine",
            ask_category=True,
            created_by=creator,
        )
        ready.code_expires_at = ready.default_expiry()
        ready.save()
        _activities(ready, approach)
