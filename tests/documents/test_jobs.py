"""The shared background documents: a job runs in its own thread, saves its progress, keeps
the last few documents of a kind, records a failure in French."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents.models import DocumentJob


def _start(approach: Approach, build: jobs.Builder, kind: str = "essai") -> DocumentJob:
    return jobs.start_job(
        approach, kind, "pdf", build, mime="application/pdf", filename="essai.pdf"
    )


@pytest.mark.django_db(transaction=True)
def test_job_runs_in_a_thread_with_progress(approach: Approach) -> None:
    seen: list[int] = []
    gate = threading.Event()

    def build(job: DocumentJob, progress: jobs.Progress) -> bytes:
        progress(50, "À mi-chemin")
        seen.append(DocumentJob.objects.get(pk=job.pk).progress)
        gate.wait(timeout=60)
        return b"%PDF-essai"

    before = set(threading.enumerate())
    job = _start(approach, build)
    workers = [t for t in threading.enumerate() if t not in before]
    assert len(workers) == 1  # started once committed, outside the request
    gate.set()
    workers[0].join(timeout=60)
    job.refresh_from_db()
    assert seen == [50]
    assert (job.state, job.progress, job.step) == (DocumentJob.State.DONE, 100, "Terminé")
    assert bytes(job.content or b"") == b"%PDF-essai" and job.finished_at is not None


@pytest.mark.django_db
def test_failure_kept_in_french_and_old_documents_dropped(
    approach: Approach, monkeypatch: Any
) -> None:
    monkeypatch.setattr(jobs, "RUN_IN_THREAD", False)

    def broken(job: DocumentJob, progress: jobs.Progress) -> bytes:
        raise OSError("disque plein")

    failed = _start(approach, broken)
    assert failed.state == DocumentJob.State.FAILED
    assert failed.error == "la préparation a échoué (OSError : disque plein)."
    for _ in range(jobs.KEEP + 2):
        _start(approach, lambda job, progress: b"ok")
    _start(approach, lambda job, progress: b"ok", kind="autre")
    assert DocumentJob.objects.filter(kind="essai").count() == jobs.KEEP
    assert not DocumentJob.objects.filter(pk=failed.pk).exists()
    running = DocumentJob.objects.create(approach=approach, kind="essai", format="pdf")
    context = jobs.jobs_context(approach, "essai")
    assert context["polling"] and context["poll_url"].endswith("/documents/etat/essai/")
    for _ in range(jobs.KEEP + 1):
        _start(approach, lambda job, progress: b"ok")
    assert DocumentJob.objects.filter(pk=running.pk).exists()  # never dropped while running
    assert not jobs.jobs_context(approach, "essai")["polling"]  # the list shows the latest
    jobs.forget(approach, "essai")
    assert list(DocumentJob.objects.values_list("kind", flat=True)) == ["autre"]
