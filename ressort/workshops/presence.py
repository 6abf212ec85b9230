"""Who is connected to a live workshop, right even after a server process crashed.

A participant counts as connected while they have a socket open (`Participant.open_sockets`,
read by `services.participation`). Each socket is also recorded with the process holding it
(`LiveSocket`), and each process beats every `RESSORT_LIVE_HEARTBEAT_S` seconds
(`LiveServer`). A process killed without closing its sockets stops beating; after
`STALE_BEATS` silent beats, the next process to beat (another one, or the restarted one at
its first socket) takes its sockets off the counts, once (the dead process's row is deleted
first, so two processes sweeping together cannot both do it).

A process that was only slow, and was swept meanwhile, finds its own row gone at its next
beat and records its open sockets again (`_registry` holds them). Everything here is
synchronous; the consumers call it through their database thread.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.db.models.functions import Greatest
from django.utils import timezone

from ressort.workshops.models import LiveServer, LiveSocket, Participant

STALE_BEATS = 6
BOOT_ID = uuid.uuid4().hex  # this process, from its start to its end
# This process's open sockets: socket key → participant.
_registry: dict[str, int] = {}
_last_beat = 0.0


def interval() -> float:
    return float(settings.RESSORT_LIVE_HEARTBEAT_S)


Event = tuple[str, str, int]  # ("ouverte" or "fermee", socket key, participant)
OPENED, CLOSED = "ouverte", "fermee"


def opened(key: str, participant_pk: int) -> None:
    """A participant's socket is open in this process."""
    record([(OPENED, key, participant_pk)])


def closed(key: str) -> None:
    """The socket closed: off the count, unless a sweep already took it off."""
    record([(CLOSED, key, 0)])


def record(events: Sequence[Event]) -> None:
    """Sockets opened and closed, in order, recorded in one transaction (a room of phones
    arriving at once costs one insert and an update or two, not two statements a phone)."""
    if time.monotonic() - _last_beat > interval():
        beat()  # the process is known to be alive before its sockets are recorded
    opening: dict[str, int] = {}
    closing: list[str] = []
    for kind, key, participant_pk in events:
        if kind == OPENED:
            opening[key] = participant_pk
        elif opening.pop(key, None) is None:  # not opened and closed within the batch
            closing.append(key)
    delta: Counter[int] = Counter()
    with transaction.atomic():
        if closing:
            gone = dict(
                LiveSocket.objects.filter(key__in=closing).values_list("key", "participant_id")
            )
            LiveSocket.objects.filter(key__in=gone).delete()
            delta.subtract(gone.values())
        if opening:
            now = timezone.now()
            LiveSocket.objects.bulk_create(
                LiveSocket(server=BOOT_ID, key=key, participant_id=pk, opened_at=now)
                for key, pk in opening.items()
            )
            delta.update(opening.values())
        _change_counts(delta)
    for kind, key, participant_pk in events:
        if kind == OPENED and key in opening:
            _registry[key] = participant_pk
        else:
            _registry.pop(key, None)


def _change_counts(delta: Counter[int]) -> None:
    """One update per distinct change (usually +1 or -1), never below zero."""
    by_change: dict[int, list[int]] = {}
    for participant_pk, change in delta.items():
        if change:
            by_change.setdefault(change, []).append(participant_pk)
    for change, pks in by_change.items():
        Participant.objects.filter(pk__in=pks).update(
            open_sockets=Greatest(F("open_sockets") + change, 0)
        )


def beat(now: dt.datetime | None = None, boot_id: str | None = None) -> int:
    """This process (or the one named) is alive; the sockets of processes silent too long
    are taken off the counts. Returns how many were."""
    global _last_beat
    now = now or timezone.now()
    mine = boot_id is None or boot_id == BOOT_ID
    boot_id = boot_id or BOOT_ID
    with transaction.atomic():
        if not LiveServer.objects.filter(boot_id=boot_id).update(seen_at=now):
            LiveServer.objects.create(boot_id=boot_id, started_at=now, seen_at=now)
            if mine:
                _record_again(now)
    if mine:
        _last_beat = time.monotonic()
    return sweep(now)


def sweep(now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(seconds=interval() * STALE_BEATS)
    swept = 0
    for boot_id in LiveServer.objects.filter(seen_at__lt=cutoff).values_list("boot_id", flat=True):
        with transaction.atomic():
            if not LiveServer.objects.filter(boot_id=boot_id, seen_at__lt=cutoff).delete()[0]:
                continue  # another process swept it first, or it beat again
            sockets = LiveSocket.objects.filter(server=boot_id)
            per_participant = sockets.values_list("participant_id").annotate(n=Count("pk"))
            for participant_pk, n in per_participant.order_by():
                Participant.objects.filter(pk=participant_pk).update(
                    open_sockets=Greatest(F("open_sockets") - n, 0)
                )
            swept += sockets.delete()[0]
    return swept


def _record_again(now: dt.datetime) -> None:
    """Swept while alive (silent too long, not dead): count this process's sockets again."""
    known = set(LiveSocket.objects.filter(key__in=_registry).values_list("key", flat=True))
    for key, participant_pk in list(_registry.items()):
        if key in known:
            continue
        LiveSocket.objects.create(
            server=BOOT_ID, key=key, participant_id=participant_pk, opened_at=now
        )
        Participant.objects.filter(pk=participant_pk).update(open_sockets=F("open_sockets") + 1)
