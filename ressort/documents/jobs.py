"""Start a document job on the task queue, run it saving its progress, list a démarche's jobs.

The document is built by a worker process (`ressort taches travailleur`, started by `make run`
beside the web server), not in the web process: a job survives a restart of the web server,
is retried after an error (ressort.background.queue), and a job left « en cours » by a worker
that died is re-queued or failed in French by the sweep (ressort.background.sweep).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from ressort.approaches.models import Approach
from ressort.documents.models import DocumentJob
from ressort.web import kept

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
# A builder receives the job (its approach loaded) and a progress callback (percent, step in
# French) and returns the document's bytes. It is queued by its dotted path, so it must be a
# module-level function.
Builder = Callable[[DocumentJob, Progress], bytes]

# What the page says of a failure: the exception's class and text are English and technical
# (« OSError: [Errno 28] ») and go to the server's log only, with the job's number to find them.
FAILED_MESSAGE = (
    "la préparation a échoué après plusieurs essais\u00a0; le détail est consigné dans le "
    "journal du serveur (document n°\u00a0{pk})."
)
KEEP = 5  # finished documents kept per démarche and kind; older ones are rebuilt on demand


def quiet(_: int, __: str) -> None:
    return None


def builder_path(build: Builder) -> str:
    path = f"{build.__module__}.{build.__qualname__}"
    if "<" in path:
        raise ValueError(f"{path}\u00a0: un document se prépare avec une fonction de module.")
    return path


def resolve_builder(path: str) -> Builder:
    build = import_string(path)
    if not callable(build):
        raise TypeError(f"{path} n'est pas une fonction.")
    return build  # type: ignore[no-any-return]


def run_job(job_pk: int, build: Builder, *, attempt: int = 1, retry: bool = True) -> str:
    """Build a job's document, saving its progress as it goes. After an error the job is
    queued again (up to ressort.background.queue.MAX_ATTEMPTS); the last failure is saved in
    French for the page to show (the traceback goes to the log). Returns the job's state."""
    from ressort.background import queue
    from ressort.documents.tasks import build_document

    job = DocumentJob.objects.select_related("approach").filter(pk=job_pk).first()
    if job is None or not job.active:
        return "absent" if job is None else job.state  # deleted, or already swept
    job.state = DocumentJob.State.RUNNING
    job.save(update_fields=["state"])

    def progress(percent: int, step: str) -> None:
        DocumentJob.objects.filter(pk=job_pk).update(progress=percent, step=step[:200])

    try:
        data = build(job, progress)
    except Exception:  # the detail goes to the log; the page says it in French
        logger.exception("Document %s (%s) en échec, essai %s", job_pk, job.kind, attempt)
        if retry and attempt < queue.MAX_ATTEMPTS:
            # Marked first: the immediate backend of the tests runs the retry inside retry().
            DocumentJob.objects.filter(pk=job_pk).update(
                state=DocumentJob.State.PENDING,
                step=f"Nouvel essai ({attempt + 1} sur {queue.MAX_ATTEMPTS}) après une erreur",
            )
            again = queue.retry(build_document, job_pk, builder_path(build), attempt=attempt)
            if again is not None:
                DocumentJob.objects.filter(pk=job_pk, state=DocumentJob.State.PENDING).update(
                    task_id=str(again.id)
                )
            return DocumentJob.State.PENDING
        DocumentJob.objects.filter(pk=job_pk).update(
            state=DocumentJob.State.FAILED,
            error=FAILED_MESSAGE.format(pk=job_pk),
            finished_at=timezone.now(),
        )
        return DocumentJob.State.FAILED
    DocumentJob.objects.filter(pk=job_pk).update(
        state=DocumentJob.State.DONE,
        content=data,
        progress=100,
        step="Terminé",
        finished_at=timezone.now(),
    )
    return DocumentJob.State.DONE


@transaction.atomic
def start_job(
    approach: Approach,
    kind: str,
    fmt: str,
    build: Builder,
    *,
    mime: str,
    filename: str,
    user: Any = None,
    target: int | None = None,
) -> DocumentJob:
    """Queue a document; older finished documents of the same kind beyond the last KEEP are
    dropped. The queued task is a row written in the same transaction as the job: a worker
    sees both once the request commits, or neither.

    One document at a time per démarche, kind and target: while one is pending or running,
    asking again returns it instead of queuing another (a reader could otherwise fill the
    queue). The démarche's row is locked meanwhile, so two requests cannot both start one."""
    from ressort.documents.tasks import build_document

    path = builder_path(build)
    Approach.objects.select_for_update().filter(pk=approach.pk).first()
    active = DocumentJob.objects.filter(
        approach=approach,
        kind=kind,
        target=target,
        state__in=(DocumentJob.State.PENDING, DocumentJob.State.RUNNING),
    ).first()
    if active is not None:
        return active
    job = DocumentJob.objects.create(
        approach=approach,
        kind=kind,
        target=target,
        format=fmt,
        mime=mime,
        filename=filename,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    same = DocumentJob.objects.filter(approach=approach, kind=kind, target=target)
    keep = list(same.values_list("pk", flat=True)[:KEEP])
    same.exclude(pk__in=keep).exclude(
        state__in=(DocumentJob.State.PENDING, DocumentJob.State.RUNNING)
    ).delete()
    result = build_document.enqueue(job.pk, path)
    # The immediate backend (tests) has run it already; the task id links the job to its
    # queued task for the sweep.
    DocumentJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def recent(approach: Approach, kind: str, target: int | None = None) -> list[DocumentJob]:
    return list(
        DocumentJob.objects.filter(approach=approach, kind=kind, target=target).defer("content")[
            :KEEP
        ]
    )


def jobs_context(approach: Approach, kind: str, target: int | None = None) -> dict[str, Any]:
    """What documents/_jobs.html needs: the recent jobs, whether to poll, where."""
    jobs = recent(approach, kind, target)
    args: list[Any] = [approach.slug, kind] + ([target] if target is not None else [])
    polling = any(j.active for j in jobs)
    return {
        "approach": approach,
        "jobs": jobs,
        "polling": polling,
        "poll_url": reverse("documents:jobs", args=args),
        "no_worker": polling and not worker_alive(),
    }


def _jobs_part(request: HttpRequest, approach: Approach, kind: str) -> str:
    return render_to_string("documents/_jobs.html", jobs_context(approach, kind))


# A page that lists a kind's documents draws the list with `jobs_part`: the worker finishes
# them in the background, which raises no version of the démarche (ressort.web.freshness),
# so a kept page (ressort.web.kept) draws the list afresh at every reading.
kept.register_part("documents", _jobs_part)


def jobs_part(request: HttpRequest, approach: Approach, kind: str) -> str:
    """documents/_jobs.html for one kind (without a target), as a part of a kept page."""
    return kept.part(request, approach, "documents", kind)


def worker_alive() -> bool:
    """Whether a background worker beat lately: without one, a queued document waits."""
    from ressort.background.models import WorkerHeartbeat
    from ressort.background.sweep import STALE

    return WorkerHeartbeat.objects.filter(last_seen__gte=timezone.now() - STALE).exists()


def forget(approach: Approach, kind: str, target: int | None = None) -> None:
    """Drop the documents of an object being deleted."""
    DocumentJob.objects.filter(approach=approach, kind=kind, target=target).delete()


INTERRUPTED = (
    "la préparation a été interrompue (le processus de fond s'est arrêté) et n'a pas pu "
    "être reprise."
)


def sweep_orphans(requeued: dict[str, str]) -> int:
    """Called by the sweep (ressort.background.sweep): jobs whose task was queued again
    follow it; jobs still shown as in preparation whose task is over, or gone, are failed
    in French. Returns how many were failed."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    for old, new in requeued.items():
        DocumentJob.objects.filter(task_id=old).update(
            task_id=new,
            state=DocumentJob.State.PENDING,
            step="Reprise après l'arrêt du processus de fond",
        )
    active = (DocumentJob.State.PENDING, DocumentJob.State.RUNNING)
    # The jobs first, then the live tasks: a job created in between is not taken for an orphan.
    candidates = list(DocumentJob.objects.filter(state__in=active).values_list("pk", "task_id"))
    waiting = {
        str(pk)
        for pk in DBTaskResult.objects.filter(
            status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)
        ).values_list("pk", flat=True)
    }
    orphans = [pk for pk, task_id in candidates if task_id not in waiting]
    return DocumentJob.objects.filter(pk__in=orphans, state__in=active).update(
        state=DocumentJob.State.FAILED, error=INTERRUPTED, finished_at=timezone.now()
    )
