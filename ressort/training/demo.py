"""Demo content of training for the demo démarche (illustrative, labelled as such).

Needs collected from 30 agents through the self-assessment consultation; a path for the
élus and one for the roads service, both from Ressort's proposal; two sessions held with
attendance and before/after scores (a climate fresco for the élus, a formation-action for
the roads service); the formation-action's commitments, two of them turned into actions.
Every name and score is illustrative.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from ressort.approaches.models import Approach
from ressort.library.models import Document
from ressort.training import services
from ressort.training.catalogue import load_catalogue
from ressort.training.models import (
    Attendee,
    Audience,
    Commitment,
    Format,
    Headcount,
    Module,
    Session,
    Trade,
    TrainingPath,
)
from ressort.workshops.models import Answer, Participant

EX = " (exemple)"

# 30 agents: (service, count); scores follow a fixed pattern so the demo is reproducible.
AGENTS = (
    (Trade.ROADS, 8),
    (Trade.URBANISM, 6),
    (Trade.WATER, 6),
    (Trade.EARLY_CHILDHOOD, 5),
    (Trade.PURCHASING, 5),
)
# Topic → the agents' typical knowledge level (0–4): well known, half known, little known.
LEVELS = {
    "resilience": 1,
    "climat": 2,
    "donut": 0,
    "boussole": 0,
    "systemique": 1,
    "participation": 2,
    "conflits": 1,
    "comportements": 1,
    "eau": 2,
    "achats": 1,
    "amenagement": 2,
    "pilotage": 1,
}

ELECTED = (
    "Anne Mercier",
    "Bruno Lefèvre",
    "Chantal Roux",
    "Daniel Girard",
    "Émilie Faure",
    "Farid Benali",
    "Gisèle Morel",
    "Hugo Perrin",
)
ROADS = (
    "Inès Blanc",
    "Jules Garnier",
    "Karim Dumas",
    "Laura Fontaine",
    "Marc Chevalier",
    "Nadia Robin",
)
# (before, after, satisfaction) per attendee, in order; None = absent.
ELECTED_SCORES = ((1, 3, 5), (2, 3, 4), (1, 2, 4), None, (0, 2, 5), (2, 4, 5), (1, 3, 4), None)
ROADS_SCORES = ((1, 3, 4), (2, 3, 5), (1, 3, 4), (2, 4, 5), None, (1, 2, 3))
COMMITMENTS = (
    (0, "Désimperméabiliser la cour du centre technique municipal"),
    (2, "Planter des arbres d'alignement sur l'avenue de la gare à la prochaine réfection"),
    (3, "Tester une noue d'infiltration sur le parking de la piscine"),
)


def _needs(approach: Approach) -> None:
    survey = services.start_needs_survey(approach)
    activity = survey.workshop.activities.get()
    category = {code: label for label, (_a, code) in services.CATEGORIES.items() if code}
    n = 0
    for trade, count in AGENTS:
        for _ in range(count):
            person = Participant.objects.create(
                workshop=survey.workshop, category=category[trade], pseudonym=f"Agent {n + 1}"
            )
            answers = []
            for i, (topic, level) in enumerate(LEVELS.items()):
                shift = (n + i) % 3 - 1  # −1, 0 or +1 around the level
                knowledge = min(4, max(0, level + shift))
                confidence = max(0, knowledge - (1 if (n + i) % 2 else 0))
                if trade == Trade.ROADS and topic in ("amenagement", "eau"):
                    knowledge, confidence = max(0, knowledge - 1), max(0, confidence - 1)
                for code, score in ((f"k-{topic}", knowledge), (f"c-{topic}", confidence)):
                    answers.append(
                        Answer(
                            activity=activity,
                            participant=person,
                            client_id=code,
                            payload={"score": score, "comment": ""},
                        )
                    )
            Answer.objects.bulk_create(answers)
            n += 1


def _session(
    approach: Approach,
    module: Module,
    path: TrainingPath,
    day: date,
    place: str,
    people: tuple[str, ...],
    scores: tuple[tuple[int, int, int] | None, ...],
    audience: str,
    trade: str = "",
    member: object = None,
) -> Session:
    session = Session.objects.create(
        approach=approach,
        module=module,
        path=path,
        held_on=day,
        place=place,
        trainer="Cerema, équipe d'accompagnement" + EX,
        materials=module.materials,
    )
    session.documents.set(Document.objects.filter(approach=approach).order_by("pk")[:2])
    for i, (name, score) in enumerate(zip(people, scores, strict=True)):
        before, after, satisfaction = score if score else (None, None, None)
        Attendee.objects.create(
            session=session,
            member=member if i == 0 else None,
            name=name + EX,
            audience=audience,
            trade=trade,
            present=score is not None,
            score_before=before,
            score_after=after,
            satisfaction=satisfaction,
        )
    return session


def build(approach: Approach) -> None:
    """Add this app's demo content to a freshly created demo démarche."""
    load_catalogue()
    Module.objects.create(
        approach=approach,
        code="bourbre-usages",
        title="La Bourbre et ses usages\u00a0: visite avec le syndicat de rivière" + EX,
        objectives="Voir les étiages de la Bourbre\nRencontrer les usagers de la rivière",
        audiences=[Audience.ELECTED, Audience.STAFF, Audience.PARTNERS],
        trades=[Trade.WATER, Trade.ROADS],
        duration_hours=3,
        format=Format.VISIT,
        elements=["Donut\u00a0: eau douce", "Vulnérabilités du territoire"],
        topics=["eau"],
        phase="2",
        materials="Bottes, carte du bassin versant.",
        source="Module propre à la démarche" + EX,
    )
    _needs(approach)
    elected = TrainingPath.objects.create(
        approach=approach,
        title="Parcours des élus",
        audience=Audience.ELECTED,
        notes="Co-construit avec le bureau communautaire" + EX + ".",
    )
    services.apply_proposal(elected)
    roads = TrainingPath.objects.create(
        approach=approach,
        title="Parcours du service voirie",
        audience=Audience.STAFF,
        trade=Trade.ROADS,
        notes="Co-construit avec le chef du service voirie" + EX + ".",
    )
    services.apply_proposal(roads)
    Headcount.objects.bulk_create(
        [
            Headcount(approach=approach, audience=Audience.ELECTED, count=34),
            Headcount(approach=approach, audience=Audience.STAFF, trade=Trade.ROADS, count=18),
            Headcount(approach=approach, audience=Audience.STAFF, trade=Trade.URBANISM, count=9),
        ]
    )
    lead = (
        get_user_model()
        .objects.filter(memberships__approach=approach, memberships__role="elu_referent")
        .first()
    )
    _session(
        approach,
        Module.objects.get(approach=None, code="fresque-climat"),
        elected,
        date(2026, 10, 8),
        "Salle du conseil communautaire",
        ELECTED,
        ELECTED_SCORES,
        Audience.ELECTED,
        member=lead,
    )
    action_session = _session(
        approach,
        Module.objects.get(approach=None, code="voirie-adaptee"),
        roads,
        date(2026, 11, 19),
        "Centre technique intercommunal",
        ROADS,
        ROADS_SCORES,
        Audience.STAFF,
        Trade.ROADS,
    )
    people = list(action_session.attendees.order_by("pk"))
    commitments = [
        Commitment.objects.create(session=action_session, attendee=people[i], text=text + EX)
        for i, text in COMMITMENTS
    ]
    for commitment in commitments[:2]:
        services.commitment_to_action(commitment)
