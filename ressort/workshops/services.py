"""Workshop operations shared by the views, the websocket consumers and the benchmark.

Everything that writes is synchronous and atomic; the consumers call it through
`database_sync_to_async`, and acknowledge an answer only after `store_answers` returned
(the transaction is committed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from ressort.accounts.throttle import Limit
from ressort.analysis.typography import plural
from ressort.workshops.kinds import AnswerError, DeliveryError, Fields, Parsed, get_kind
from ressort.workshops.models import Activity, Answer, Participant, Workshop

# Wrong codes per client address (the real one, behind the proxy: accounts.throttle) in the
# shared cache; valid codes are never counted, so one participant's typos cost nobody else.
JOIN_FAILURES = Limit("workshop-join", limit=20, window=600)
JOIN_ATTEMPTS = JOIN_FAILURES.limit
_QR_SIGNER = signing.Signer(salt="ressort.workshops.qr")


class JoinError(ValueError):
    pass


def qr_key(workshop: Workshop) -> str:
    """The key the QR code's link carries: proof that the link came from the workshop's
    screen, so that it gets in even from an address that typed too many wrong codes."""
    return _QR_SIGNER.signature(workshop.join_code)


def join_blocked(address: str) -> bool:
    return JOIN_FAILURES.exceeded(address)


def find_workshop(code: str, address: str, key: str = "") -> Workshop:
    """The workshop of a join code; counts wrong codes per client address (rate limit).

    Beyond the limit the address may not try typed codes for a while (otherwise the limit
    would not slow down guessing); the QR code's link (`key`) still gets in.
    """
    normalized = "".join(code.split()).upper().replace("-", "")
    from_qr = bool(key and normalized) and constant_time_compare(
        key, _QR_SIGNER.signature(normalized)
    )
    if not from_qr and join_blocked(address):
        raise JoinError(
            "Trop de codes essayés depuis cette connexion : réessayez dans quelques minutes, "
            "ou scannez le QR code de l'atelier."
        )
    workshop = (
        Workshop.objects.select_related("approach").filter(join_code=normalized).first()
        if normalized
        else None
    )
    if workshop is None or not workshop.code_is_valid():
        JOIN_FAILURES.hit(address)
        if workshop is None:
            raise JoinError("Code d'accès inconnu : vérifiez-le auprès de l'animation.")
        raise JoinError("Ce code d'accès a expiré : demandez le nouveau code à l'animation.")
    return workshop


def participant_for(workshop: Workshop, token: str | None) -> Participant | None:
    if not token:
        return None
    return Participant.objects.filter(workshop=workshop, token=token).first()


def open_activities(workshop: Workshop) -> list[Activity]:
    if not workshop.accepts_answers():
        return []
    return list(workshop.activities.filter(state=Activity.State.OPEN).order_by("order", "pk"))


@dataclass(frozen=True)
class Stored:
    activity_id: int
    keys: tuple[str, ...]


def answerable(participant: Participant, activity: Activity | None) -> Activity:
    """The activity, if this participant may answer it now; AnswerError in French if not."""
    if activity is not None and activity.workshop_id != participant.workshop_id:
        activity = None
    if activity is None:
        raise AnswerError("Cette activité n'existe pas dans votre atelier.")
    if activity.state != Activity.State.OPEN:
        raise AnswerError("Cette activité est close : votre réponse n'a pas été enregistrée.")
    if not participant.workshop.accepts_answers():
        raise AnswerError("La consultation est close : votre réponse n'a pas été enregistrée.")
    return activity


def check_entry_limit(activity: Activity, existing: set[str], parsed: Sequence[Parsed]) -> None:
    """An idea wall or word cloud takes a bounded number of entries per participant; a
    resent entry (a key already stored) never counts twice."""
    new = {p.key for p in parsed} - existing
    limit = int(activity.config.get("max_words", 20)) if activity.kind == "nuage" else 20
    if new and len(existing) + len(new) > limit:
        raise AnswerError(
            f"Vous avez déjà envoyé {plural(len(existing), 'contribution')} : {limit} au plus."
        )


def answer_rows(
    participant: Participant, activity: Activity, parsed: Sequence[Parsed], now: dt.datetime
) -> list[Answer]:
    return [
        Answer(
            activity=activity,
            participant=participant,
            client_id=p.key,
            payload=p.payload,
            created_at=now,
            updated_at=now,
        )
        for p in parsed
    ]


def write_answers(rows: Sequence[Answer]) -> None:
    """One statement: insert, or update the same (activity, participant, key) row. A resent
    or concurrent duplicate can only update it, never add a second one. The rows must have
    distinct keys (PostgreSQL refuses to update one row twice in a statement)."""
    Answer.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["activity", "participant", "client_id"],
        update_fields=["payload", "updated_at"],
    )


def store_answers(
    participant: Participant,
    activity_id: int,
    fields: Fields,
    *,
    activities: dict[int, Activity | None] | None = None,
) -> Stored:
    """Validate then write a participant's answers to an open activity of their workshop.

    Idempotent: the same answer sent twice updates the same row. Raises AnswerError with a
    French message for the participant. `activities` caches the activities read within one
    transaction. The live path writes many participants' answers at once instead
    (ressort.workshops.writer), with the same checks.
    """
    cache = activities if activities is not None else {}
    if activity_id not in cache:
        cache[activity_id] = Activity.objects.filter(pk=activity_id).first()
    activity = answerable(participant, cache[activity_id])
    kind = get_kind(activity.kind)
    parsed = kind.parse(fields, activity.config)
    with transaction.atomic():
        if kind.multiple:
            existing = set(
                Answer.objects.filter(activity=activity, participant=participant).values_list(
                    "client_id", flat=True
                )
            )
            check_entry_limit(activity, existing, parsed)
        write_answers(answer_rows(participant, activity, parsed, timezone.now()))
    return Stored(activity.pk, tuple(p.key for p in parsed))


def withdraw_answer(participant: Participant, activity_id: int, client_id: str) -> bool:
    """A participant takes back one of their entries (idea, word) while the activity is open."""
    activity = Activity.objects.filter(
        pk=activity_id, workshop_id=participant.workshop_id, state=Activity.State.OPEN
    ).first()
    if activity is None:
        raise AnswerError("Cette activité est close : rien n'a été retiré.")
    deleted, _ = Answer.objects.filter(
        activity=activity, participant=participant, client_id=client_id
    ).delete()
    return bool(deleted)


def my_answers(participant: Participant, activity: Activity) -> list[Answer]:
    return list(activity.answers.filter(participant=participant).order_by("created_at", "pk"))


def set_state(activity: Activity, state: str) -> None:
    """Open or close an activity. In a live workshop, opening one closes the one before:
    participants see only the current activity."""
    now = timezone.now()
    with transaction.atomic():
        if state == Activity.State.OPEN:
            if not activity.workshop.is_async:
                activity.workshop.activities.filter(state=Activity.State.OPEN).exclude(
                    pk=activity.pk
                ).update(state=Activity.State.CLOSED, closed_at=now)
            activity.state = Activity.State.OPEN
            activity.opened_at = activity.opened_at or now
            activity.closed_at = None
        elif state == Activity.State.CLOSED:
            activity.state = Activity.State.CLOSED
            activity.closed_at = now
        else:
            activity.state = Activity.State.DRAFT
        activity.save(update_fields=["state", "opened_at", "closed_at"])


def visible_answers(activity: Activity) -> list[Answer]:
    return list(
        activity.answers.filter(hidden=False)
        .select_related("participant")
        .order_by("created_at", "pk")
    )


def participation(activity: Activity) -> dict[str, Any]:
    """Who is here and who answered: « N ont répondu sur M connectés ».

    Connected: the participants whose socket is open now (a phone that left no longer
    counts); answered: those with a visible answer to this activity, here or gone;
    abstained: those connected who have not answered. By category when categories were
    asked."""
    workshop = activity.workshop
    people = workshop.participants.all()
    joined = dict(people.values_list("category").annotate(n=Count("pk")).order_by())
    connected = dict(
        people.filter(open_sockets__gt=0).values_list("category").annotate(n=Count("pk")).order_by()
    )
    answered = dict(
        Participant.objects.filter(answers__activity=activity, answers__hidden=False)
        .values_list("category")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    waiting = dict(
        people.filter(open_sockets__gt=0)
        .exclude(answers__activity=activity, answers__hidden=False)
        .values_list("category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_category = [
        {
            "category": cat or "Sans catégorie",
            "joined": n,
            "connected": connected.get(cat, 0),
            "answered": answered.get(cat, 0),
            "abstained": waiting.get(cat, 0),
        }
        for cat, n in sorted(joined.items())
    ]
    return {
        "joined": sum(joined.values()),
        "connected": sum(connected.values()),
        "answered": sum(answered.values()),
        "abstained": sum(waiting.values()),
        "answers": activity.answers.filter(hidden=False).count(),
        "hidden": activity.answers.filter(hidden=True).count(),
        "by_category": by_category if workshop.ask_category else [],
    }


def results(activity: Activity) -> dict[str, Any]:
    return get_kind(activity.kind).results(activity.config, visible_answers(activity))


def source_label(workshop: Workshop) -> str:
    when = f" du {workshop.held_on:%d/%m/%Y}" if workshop.held_on else ""
    kind = "Consultation" if workshop.is_async else "Atelier"
    return f"{kind}{when} « {workshop.title} »"[:200]


def deliver(activity: Activity) -> str:
    """Send a closed activity's results into the démarche (all or nothing)."""
    if activity.state != Activity.State.CLOSED:
        raise DeliveryError(
            "Fermez d'abord l'activité\u00a0: ses résultats doivent être définitifs."
        )
    if activity.delivered_at:
        raise DeliveryError(
            "Les résultats ont déjà été envoyés le "
            f"{timezone.localtime(activity.delivered_at):%d/%m/%Y à %H:%M}."
        )
    answers: Sequence[Answer] = visible_answers(activity)
    if not answers:
        raise DeliveryError("Aucune réponse à envoyer.")
    kind = get_kind(activity.kind)
    try:
        with transaction.atomic():
            report = kind.deliver(activity, answers, source_label(activity.workshop))
            activity.delivered_at = timezone.now()
            activity.delivery_report = report
            activity.save(update_fields=["delivered_at", "delivery_report"])
    except ValueError as error:
        raise DeliveryError(f"la démarche a refusé ces résultats : {error}") from None
    except NotImplementedError:
        raise DeliveryError(
            f"L'envoi vers {kind.delivers_to} n'est pas encore disponible dans cette version."
        ) from None
    return report
