"""The sweep of interrupted tasks.

A worker killed mid-task (power cut, `kill -9`, a container stopped) leaves its task
« en cours » for ever: no one will finish it. Each worker beats a heartbeat
(WorkerHeartbeat.last_seen, every HEARTBEAT seconds, from a thread so that a long document
does not stop it); a running task whose worker has not been seen for STALE is failed and
queued again with `attempt + 1` (ressort.background.queue), or, its attempts used up, left
failed. Then the documents still shown as in preparation whose task is over are failed with
a French message (ressort.documents.jobs.sweep_orphans).
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ressort.background import queue
from ressort.background.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT = 10  # seconds between two beats of a worker
STALE = timedelta(seconds=60)  # a worker not seen for this long is dead


class Interrupted(Exception):
    """What an interrupted task is failed with (its traceback names the dead worker)."""


@dataclass
class SweepReport:
    requeued: list[tuple[str, str]] = field(default_factory=list)  # (old task, new task)
    abandoned: list[str] = field(default_factory=list)  # attempts used up
    documents_failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "taches_relancees": len(self.requeued),
            "taches_abandonnees": len(self.abandoned),
            "documents_en_echec": self.documents_failed,
        }


def sweep(now: datetime | None = None) -> SweepReport:
    from ressort.documents.jobs import sweep_orphans

    now = now or timezone.now()
    report = SweepReport()
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=now - STALE).values_list(
            "worker_id", flat=True
        )
    )
    for result in DBTaskResult.objects.running():
        owner = result.worker_ids[-1] if result.worker_ids else "?"
        if owner in alive:
            continue
        # Conditional: of two workers sweeping at once, one takes it.
        taken = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{Interrupted.__module__}.{Interrupted.__qualname__}",
            traceback=f"Interrompue : le processus de fond {owner} ne répond plus.",
        )
        if not taken:
            continue
        args = list(result.args_kwargs.get("args", []))
        kwargs = dict(result.args_kwargs.get("kwargs", {}))
        attempt = int(kwargs.pop("attempt", 1))
        try:
            task = result.task
        except ImportError:
            report.abandoned.append(str(result.id))
            continue
        if "attempt" not in inspect.signature(task.func).parameters:
            report.abandoned.append(str(result.id))  # not written to be run again
            continue
        again = queue.retry(task, *args, attempt=attempt, **kwargs)
        if again is None:
            report.abandoned.append(str(result.id))
        else:
            report.requeued.append((str(result.id), str(again.id)))
        logger.warning(
            "Tâche %s interrompue (processus %s) : %s",
            result.id,
            owner,
            f"relancée ({again.id})" if again is not None else "abandonnée",
        )
    WorkerHeartbeat.objects.filter(last_seen__lt=now - STALE * 10).delete()
    report.documents_failed = sweep_orphans(dict(report.requeued))
    return report
