"""The live answer writer: the answers that arrived together, written together.

The websocket consumers queue every answer of their process (`consumers.AnswerWriter`); each
batch comes here. It is validated in Python (the activities read in one query, the stored
entries of idea walls and word clouds in one more), then written as one multi-row insert
that turns a resent answer into an update of the same row (the unique key activity,
participant, client id), in one transaction: one commit for the whole batch. An answer that
fails validation is refused alone, in French; the others are written.

Only when the database refuses the batch (a participant erased or an activity deleted in the
meantime, a value PostgreSQL will not store) is it written again answer by answer, each in
its own savepoint with its constraints checked at once, so that one answer's fault costs
nobody else theirs. Each participant is acknowledged only after the commit holding their
answer.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import DatabaseError, DataError, IntegrityError, connection, transaction
from django.utils import timezone

from ressort.workshops import services
from ressort.workshops.kinds import AnswerError, Fields, get_kind
from ressort.workshops.models import Activity, Answer, Participant

log = logging.getLogger(__name__)

STORED = "Réponse enregistrée."
WITHDRAWN = "Votre contribution est retirée."
REFUSED_BY_DATABASE = "Réponse non enregistrée : rechargez la page, puis renvoyez-la."


@dataclass(frozen=True, slots=True)
class Item:
    participant: Participant
    activity_id: int
    fields: Fields


Result = tuple[bool, str]  # (stored, the text for the participant)


def write_batch(items: Sequence[Item]) -> list[Result]:
    """Store a batch of answers; one result per item, in order."""
    try:
        with transaction.atomic():
            return _write_together(items)
    except DatabaseError as error:
        log.warning("Lot de %s réponses refusé (%r) : réponse par réponse", len(items), error)
    with transaction.atomic():
        return _write_apart(items)


def _write_together(items: Sequence[Item]) -> list[Result]:
    activities = Activity.objects.in_bulk({item.activity_id for item in items})
    entries = _stored_entries(items, activities)
    pending: dict[tuple[int, int, str], Answer] = {}
    results: list[Result] = []
    now = timezone.now()
    for item in items:
        participant = item.participant
        withdrawn = _last(item.fields, "retirer")
        try:
            if withdrawn:
                # A withdrawal is a delete: what came before it in the batch is written first.
                _flush(pending)
                services.withdraw_answer(participant, item.activity_id, withdrawn)
                entries[(item.activity_id, participant.pk)].discard(withdrawn)
                results.append((True, WITHDRAWN))
                continue
            activity = services.answerable(participant, activities.get(item.activity_id))
            kind = get_kind(activity.kind)
            parsed = kind.parse(item.fields, activity.config)
            if kind.multiple:
                keys = entries[(activity.pk, participant.pk)]
                services.check_entry_limit(activity, keys, parsed)
                keys.update(p.key for p in parsed)
            for row in services.answer_rows(participant, activity, parsed, now):
                # The same answer twice in a batch (a resend): the later one wins.
                pending[(activity.pk, participant.pk, row.client_id)] = row
            results.append((True, STORED))
        except AnswerError as error:
            results.append((False, str(error)))
    _flush(pending)
    return results


def _stored_entries(
    items: Sequence[Item], activities: dict[int, Activity]
) -> defaultdict[tuple[int, int], set[str]]:
    """The keys already stored by each participant of the batch in the idea walls and word
    clouds they answer (their number of entries is bounded)."""
    entries: defaultdict[tuple[int, int], set[str]] = defaultdict(set)
    pairs = {
        (item.activity_id, item.participant.pk)
        for item in items
        if item.activity_id in activities and get_kind(activities[item.activity_id].kind).multiple
    }
    if pairs:
        stored = Answer.objects.filter(
            activity_id__in={a for a, _ in pairs}, participant_id__in={p for _, p in pairs}
        ).values_list("activity_id", "participant_id", "client_id")
        for activity_id, participant_id, key in stored:
            if (activity_id, participant_id) in pairs:
                entries[(activity_id, participant_id)].add(key)
    return entries


def _flush(pending: dict[tuple[int, int, str], Answer]) -> None:
    if pending:
        services.write_answers(list(pending.values()))
        pending.clear()


def _write_apart(items: Sequence[Item]) -> list[Result]:
    """The slow path: each answer in its own savepoint, its constraints checked inside it
    (foreign keys are otherwise checked only at the commit, for the whole batch)."""
    activities: dict[int, Activity | None] = {}
    results: list[Result] = []
    for item in items:
        try:
            with transaction.atomic():
                withdrawn = _last(item.fields, "retirer")
                if withdrawn:
                    services.withdraw_answer(item.participant, item.activity_id, withdrawn)
                    text = WITHDRAWN
                else:
                    services.store_answers(
                        item.participant, item.activity_id, item.fields, activities=activities
                    )
                    text = STORED
                connection.check_constraints(table_names=[Answer._meta.db_table])
            results.append((True, text))
        except AnswerError as error:
            results.append((False, str(error)))
        except (IntegrityError, DataError) as error:
            log.warning("Réponse refusée par la base : %r", error)
            results.append((False, REFUSED_BY_DATABASE))
    return results


def _last(fields: Fields, name: str) -> str:
    getlist = getattr(fields, "getlist", None)
    values = getlist(name) if getlist is not None else fields.get(name)
    if isinstance(values, str):
        return values
    return str(values[-1]) if values else ""
