"""Start a document job, run it in a thread saving its progress, list a démarche's jobs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, connections, transaction
from django.urls import reverse
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.documents.models import DocumentJob

logger = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
# A builder receives the job (its approach loaded, in the job's own thread) and a progress
# callback (percent, step in French) and returns the document's bytes.
Builder = Callable[[DocumentJob, Progress], bytes]

KEEP = 5  # finished documents kept per démarche and kind; older ones are rebuilt on demand

# Tests set this to False: the job then runs in the request (no thread to wait for).
RUN_IN_THREAD = True


def quiet(_: int, __: str) -> None:
    return None


def run_job(job_pk: int, build: Builder) -> None:
    """Build a job's document, saving its progress as it goes; a failure is saved in French
    for the page to show (the traceback goes to the log)."""
    job = DocumentJob.objects.select_related("approach").get(pk=job_pk)
    job.state = DocumentJob.State.RUNNING
    job.save(update_fields=["state"])

    def progress(percent: int, step: str) -> None:
        DocumentJob.objects.filter(pk=job_pk).update(progress=percent, step=step[:200])

    try:
        data = build(job, progress)
    except Exception as error:  # shown to the user, who can retry
        logger.exception("Document %s (%s) en échec", job_pk, job.kind)
        DocumentJob.objects.filter(pk=job_pk).update(
            state=DocumentJob.State.FAILED,
            error=f"la préparation a échoué ({type(error).__name__} : {error})."[:500],
            finished_at=timezone.now(),
        )
        return
    DocumentJob.objects.filter(pk=job_pk).update(
        state=DocumentJob.State.DONE,
        content=data,
        progress=100,
        step="Terminé",
        finished_at=timezone.now(),
    )


def _in_thread(job_pk: int, build: Builder) -> None:
    """A thread has its own database connection: open it fresh, close it at the end."""
    close_old_connections()
    try:
        run_job(job_pk, build)
    finally:
        connections.close_all()


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
    """Queue a document (the thread starts once the request's transaction commits); older
    finished documents of the same kind beyond the last KEEP are dropped."""
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
    if RUN_IN_THREAD:
        thread = threading.Thread(target=_in_thread, args=(job.pk, build), daemon=True)
        transaction.on_commit(thread.start)
    else:
        run_job(job.pk, build)
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
    return {
        "approach": approach,
        "jobs": jobs,
        "polling": any(j.active for j in jobs),
        "poll_url": reverse("documents:jobs", args=args),
    }


def forget(approach: Approach, kind: str, target: int | None = None) -> None:
    """Drop the documents of an object being deleted."""
    DocumentJob.objects.filter(approach=approach, kind=kind, target=target).delete()
