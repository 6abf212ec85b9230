"""Periodic tasks: what runs when, and the once-per-slot guarantee.

A schedule is written in French in the settings, « lundi 07:00 » (every Monday),
« tous-les-jours 06:30 », or « non » (never). Every worker calls `tick()` between tasks: for
each periodic task whose latest slot has passed (within CATCH_UP, so that a worker started
on a Wednesday does not send Monday's digest), it inserts a ScheduledRun row for that slot
and enqueues the task only if the insert succeeded. The unique constraint on (name, slot)
lets exactly one worker win, however many run; the rows are the record of what ran.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ressort.background.models import ScheduledRun

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
EVERY_DAY = "tous-les-jours"
CATCH_UP = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class Schedule:
    weekday: int | None  # 0 = Monday; None = every day
    at: time

    def latest_slot(self, now: datetime) -> datetime:
        """The latest slot at or before `now` (aware), in the instance's time zone."""
        local = timezone.localtime(now)
        slot = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if slot > local:
            slot -= timedelta(days=1)
        if self.weekday is not None:
            slot -= timedelta(days=(slot.weekday() - self.weekday) % 7)
        # Rebuilt from the naive wall time so that a slot across a DST change keeps its hour.
        return timezone.make_aware(slot.replace(tzinfo=None))


def parse_schedule(text: str) -> Schedule | None:
    """« lundi 07:00 », « tous-les-jours 06:30 » or « non »; a French error otherwise."""
    words = text.strip().lower()
    if words in ("", "non", "jamais"):
        return None
    match = re.fullmatch(r"(\S+)\s+(\d{1,2})[:h](\d{2})", words)
    if not match or (match[1] not in DAYS and match[1] != EVERY_DAY):
        raise ValueError(
            f"Horaire illisible « {text} » : attendu un jour ({', '.join(DAYS)} ou "
            f"{EVERY_DAY}) et une heure, par exemple « lundi 07:00 », ou « non »."
        )
    hour, minute = int(match[2]), int(match[3])
    if hour > 23 or minute > 59:
        raise ValueError(f"Heure impossible dans « {text} ».")
    weekday = None if match[1] == EVERY_DAY else DAYS.index(match[1])
    return Schedule(weekday, time(hour, minute))


@dataclass(frozen=True, slots=True)
class Periodic:
    name: str
    task_path: str  # a task taking `slot` (ISO date-time) and `attempt`
    setting: str  # the setting holding its schedule


PERIODIC = (
    # The digest of late actions to each pilot (ressort.monitoring.tasks).
    Periodic("recapitulatif", "ressort.monitoring.tasks.send_digest", "RESSORT_DIGEST_SCHEDULE"),
    # Hook for the open-data refreshes (official figures, territories): the functions named
    # in RESSORT_OPEN_DATA_REFRESHERS run on this schedule (ressort.background.tasks).
    Periodic(
        "donnees-ouvertes",
        "ressort.background.tasks.refresh_open_data",
        "RESSORT_OPEN_DATA_SCHEDULE",
    ),
    # The watch's RSS and Atom feeds (ressort.library.tasks).
    Periodic("veille", "ressort.library.tasks.refresh_feeds", "RESSORT_WATCH_SCHEDULE"),
    # Personal data past each démarche's retention period (ressort.legal.tasks).
    Periodic("purge", "ressort.legal.tasks.purge_personal_data", "RESSORT_PURGE_SCHEDULE"),
)


def schedules() -> list[tuple[Periodic, Schedule]]:
    found = []
    for periodic in PERIODIC:
        schedule = parse_schedule(getattr(settings, periodic.setting, ""))
        if schedule is not None:
            found.append((periodic, schedule))
    return found


def tick(now: datetime | None = None) -> list[ScheduledRun]:
    """Enqueue the periodic tasks due at `now` that no worker has enqueued yet."""
    now = now or timezone.now()
    started = []
    for periodic, schedule in schedules():
        slot = schedule.latest_slot(now)
        if (
            now - slot > CATCH_UP
            or ScheduledRun.objects.filter(name=periodic.name, slot=slot).exists()
        ):
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=periodic.name, slot=slot)
                result = import_string(periodic.task_path).enqueue(slot=slot.isoformat())
        except IntegrityError:
            continue  # another worker won this slot
        ScheduledRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
        started.append(run)
    return started
