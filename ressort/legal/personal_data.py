"""A person's data in a démarche, found, exported and erased; data past its retention purged.

Found by a name or pseudonym typed by the démarche's leads: the testimonies where the
person is named (and their quotes), the workshop participants under that pseudonym (and
their answers), the actors whose contact they are, the conflict parties of that name, the
consents recorded for them.

Erasure keeps the aggregates consistent: testimonies and their quotes are deleted (they are
the person's words); a participant's answers and the participant are deleted, and the rows
their answers fed in the portrait's scoring sessions keep their scores under an anonymous
reference (a count of participants stays right, no row points back at the person); an
actor keeps its organisation but loses its contact; a conflict party keeps its position
under « Partie anonymisée ». Every erasure is recorded (RightsRequest) without the data.

The purge erases what is older than the démarche's retention period (RetentionPolicy,
36 months by default): testimonies by the date they were spoken, photos by the date they
were taken in, workshops' participants and answers by the workshop's date.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ressort.analysis.typography import plural
from ressort.approaches.models import Approach
from ressort.documents import parts as document_parts
from ressort.fieldwork.models import Photo, Testimony
from ressort.governance.models import Actor, ConflictParty
from ressort.legal.models import (
    DEFAULT_RETENTION_MONTHS,
    ConsentRecord,
    RetentionPolicy,
    RightsRequest,
)
from ressort.portrait.models import GridAnswer
from ressort.web import freshness
from ressort.workshops.models import Answer, Participant

ANONYMOUS_PARTY = "Partie anonymisée"


@dataclass
class PersonData:
    query: str
    testimonies: list[Testimony] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    parties: list[ConflictParty] = field(default_factory=list)
    consents: list[ConsentRecord] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.testimonies or self.participants or self.actors or self.parties or self.consents
        )


def find(approach: Approach, query: str) -> PersonData:
    """Everything the démarche holds under a name, pseudonym or e-mail (case-insensitive,
    whole value or part of it, at least 2 characters)."""
    query = query.strip()
    data = PersonData(query)
    if len(query) < 2:
        return data
    data.testimonies = list(
        Testimony.objects.filter(approach=approach, speaker_name__icontains=query)
        .prefetch_related("quotes")
        .order_by("spoken_on", "pk")
    )
    data.participants = list(
        Participant.objects.filter(workshop__approach=approach, pseudonym__icontains=query)
        .select_related("workshop")
        .prefetch_related("answers__activity")
        .order_by("joined_at", "pk")
    )
    data.actors = list(
        Actor.objects.filter(approach=approach).filter(
            Q(contact_name__icontains=query) | Q(contact_email__icontains=query)
        )
    )
    data.parties = list(
        ConflictParty.objects.filter(conflict__approach=approach, name__icontains=query)
        .select_related("conflict")
        .order_by("pk")
    )
    data.consents = list(ConsentRecord.objects.filter(approach=approach, person__icontains=query))
    return data


def export(data: PersonData) -> dict[str, Any]:
    """The person's data as a plain structure (served as JSON: the access right)."""
    return {
        "recherche": data.query,
        "temoignages": [
            {
                "date": t.spoken_on.isoformat(),
                "nom": t.speaker_name,
                "qui parle": t.get_speaker_category_display(),
                "vecu": t.felt,
                "usages": t.uses,
                "facons de faire": t.practices,
                "citations": [q.text for q in t.quotes.all()],
            }
            for t in data.testimonies
        ],
        "participations": [
            {
                "atelier": p.workshop.title,
                "pseudonyme": p.pseudonym,
                "categorie": p.category,
                "arrivee": p.joined_at.isoformat(),
                "reponses": [
                    {"activite": a.activity.title, "reponse": a.payload} for a in p.answers.all()
                ],
            }
            for p in data.participants
        ],
        "contacts d'acteurs": [
            {"acteur": a.name, "contact": a.contact_name, "courriel": a.contact_email}
            for a in data.actors
        ],
        "parties de conflits": [
            {"conflit": p.conflict.title, "nom": p.name, "position": p.position}
            for p in data.parties
        ],
        "consentements": [
            {
                "personne": c.person,
                "objet": c.purpose,
                "date": c.given_on.isoformat(),
                "forme": c.get_how_display(),
                "retire le": c.withdrawn_on.isoformat() if c.withdrawn_on else None,
            }
            for c in data.consents
        ],
    }


def _erase_participants(participants: list[Participant]) -> int:
    """Delete participants and their answers; their rows in the portrait's scoring
    sessions keep their scores under an anonymous reference each."""
    answers = Answer.objects.filter(participant__in=participants).count()
    for participant in participants:
        GridAnswer.objects.filter(
            session__approach=participant.workshop.approach, participant=f"p{participant.pk}"
        ).update(participant=f"anonyme-{uuid.uuid4().hex[:10]}")
    Participant.objects.filter(pk__in=[p.pk for p in participants]).delete()
    return answers


@transaction.atomic
def erase(approach: Approach, data: PersonData, user: Any) -> str:
    """Erase what `find` found (see the module's docstring); returns what was done."""
    testimonies = len(data.testimonies)
    quotes = sum(len(t.quotes.all()) for t in data.testimonies)
    Testimony.objects.filter(pk__in=[t.pk for t in data.testimonies], approach=approach).delete()
    answers = _erase_participants(
        [p for p in data.participants if p.workshop.approach_id == approach.pk]
    )
    Actor.objects.filter(pk__in=[a.pk for a in data.actors], approach=approach).update(
        contact_name="", contact_email=""
    )
    ConflictParty.objects.filter(
        pk__in=[p.pk for p in data.parties], conflict__approach=approach
    ).update(name=ANONYMOUS_PARTY)
    ConsentRecord.objects.filter(pk__in=[c.pk for c in data.consents], approach=approach).delete()
    summary = (
        f"{plural(testimonies, 'témoignage')} et {plural(quotes, 'citation')} "
        f"supprimés\u00a0; {plural(len(data.participants), 'participation')} à des ateliers "
        f"et {plural(answers, 'réponse')} supprimées (résultats agrégés conservés sans lien "
        f"avec la personne)\u00a0; {plural(len(data.actors), 'contact')} d'acteur "
        f"effacés\u00a0; {plural(len(data.parties), 'partie')} de conflit anonymisées\u00a0; "
        f"{plural(len(data.consents), 'recueil')} de consentement supprimés."
    )
    RightsRequest.objects.create(
        approach=approach, kind=RightsRequest.Kind.ERASURE, summary=summary, created_by=user
    )
    transaction.on_commit(document_parts.clear)  # the cached pages may quote the person
    # Some rows went by queryset update, which raises no version: the kept pages and the
    # computed portrait must not show the person again, whoever called this.
    freshness.bump(approach.pk)
    return summary


def record_access(approach: Approach, data: PersonData, user: Any) -> None:
    RightsRequest.objects.create(
        approach=approach,
        kind=RightsRequest.Kind.ACCESS,
        summary=(
            f"Export\u00a0: {plural(len(data.testimonies), 'témoignage')}, "
            f"{plural(len(data.participants), 'participation')}, "
            f"{plural(len(data.actors), 'contact')}, {plural(len(data.parties), 'partie')}, "
            f"{plural(len(data.consents), 'consentement')}."
        ),
        created_by=user,
    )


# --- Retention and purge ----------------------------------------------------------------------


def retention_months(approach: Approach) -> int:
    policy = RetentionPolicy.objects.filter(approach=approach).first()
    return policy.months if policy else DEFAULT_RETENTION_MONTHS


def cutoff(months: int, today: dt.date | None = None) -> dt.date:
    """The date before which data is past its retention: `months` calendar months ago
    (the last day of a shorter month when the day does not exist)."""
    today = today or timezone.localdate()
    year, month = divmod(today.month - 1 - months, 12)
    year += today.year
    month += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class PurgeLine:
    approach: Approach
    months: int
    before: dt.date
    testimonies: int
    photos: int
    participants: int
    answers: int

    @property
    def anything(self) -> bool:
        return bool(self.testimonies or self.photos or self.participants)


def _delete_files(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


def purge(today: dt.date | None = None, *, apply: bool = False) -> list[PurgeLine]:
    """What is past its retention in every démarche; erased only with `apply`."""
    lines = []
    for approach in Approach.objects.order_by("pk"):
        months = retention_months(approach)
        before = cutoff(months, today)
        testimonies = Testimony.objects.filter(approach=approach, spoken_on__lt=before)
        photos = Photo.objects.filter(observation__approach=approach, created_at__date__lt=before)
        participants = list(
            Participant.objects.filter(workshop__approach=approach)
            .filter(
                Q(workshop__held_on__lt=before)
                | Q(workshop__held_on__isnull=True, joined_at__date__lt=before)
            )
            .select_related("workshop")
        )
        line = PurgeLine(
            approach,
            months,
            before,
            testimonies.count(),
            photos.count(),
            len(participants),
            Answer.objects.filter(participant__in=participants).count(),
        )
        if apply and line.anything:
            with transaction.atomic():
                testimonies.delete()
                files = [(photo.image.storage, photo.image.name) for photo in photos]
                photos.delete()
                _erase_participants(participants)
                # The files go once the rows are gone for good: a purge that fails half-way
                # is rolled back and leaves every photo whole.
                transaction.on_commit(lambda files=files: _delete_files(files))
                transaction.on_commit(document_parts.clear)
                freshness.bump(approach.pk)  # pages kept with what is gone are dropped
        lines.append(line)
    return lines
