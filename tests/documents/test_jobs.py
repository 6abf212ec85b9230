"""The shared background documents: a job is queued, saves its progress, keeps the last few
documents of a kind, is retried after an error and records the last failure in French.

The tasks run immediately here (tests/conftest.py); tests/background runs them on the
database queue with a worker."""

from __future__ import annotations

import logging

import pytest

from ressort.approaches.models import Approach
from ressort.background import queue
from ressort.documents import jobs
from ressort.documents.models import DocumentJob

SEEN: list[int] = []
CALLS: list[int] = []


def halfway(job: DocumentJob, progress: jobs.Progress) -> bytes:
    progress(50, "À mi-chemin")
    SEEN.append(DocumentJob.objects.get(pk=job.pk).progress)
    return b"%PDF-essai"


def broken(job: DocumentJob, progress: jobs.Progress) -> bytes:
    CALLS.append(job.pk)
    raise OSError("disque plein")


def flaky(job: DocumentJob, progress: jobs.Progress) -> bytes:
    CALLS.append(job.pk)
    if len(CALLS) == 1:
        raise OSError("réseau coupé")
    return b"ok"


def fine(job: DocumentJob, progress: jobs.Progress) -> bytes:
    return b"ok"


def _start(approach: Approach, build: jobs.Builder, kind: str = "essai") -> DocumentJob:
    return jobs.start_job(
        approach, kind, "pdf", build, mime="application/pdf", filename="essai.pdf"
    )


@pytest.fixture(autouse=True)
def _reset() -> None:
    SEEN.clear()
    CALLS.clear()


@pytest.mark.django_db
def test_job_saves_its_progress_and_document(approach: Approach) -> None:
    job = _start(approach, halfway)
    assert SEEN == [50]
    assert (job.state, job.progress, job.step) == (DocumentJob.State.DONE, 100, "Terminé")
    assert bytes(job.content or b"") == b"%PDF-essai" and job.finished_at is not None
    assert job.task_id  # linked to its task, for the sweep


@pytest.mark.django_db
def test_a_failed_build_is_retried_then_recorded_in_french(
    approach: Approach, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="ressort.documents.jobs"):
        failed = _start(approach, broken)
    assert len(CALLS) == queue.MAX_ATTEMPTS
    assert failed.state == DocumentJob.State.FAILED
    assert failed.error == jobs.FAILED_MESSAGE.format(pk=failed.pk)
    assert "OSError" not in failed.error and "disque plein" not in failed.error
    assert "document n°\u00a0" in failed.error
    # The detail is in the log, with the job's number to find it.
    assert "disque plein" in caplog.text and "OSError" in caplog.text
    CALLS.clear()
    recovered = _start(approach, flaky)
    assert len(CALLS) == 2 and recovered.state == DocumentJob.State.DONE


def test_a_builder_must_be_a_module_function() -> None:
    with pytest.raises(ValueError, match="fonction de module"):
        jobs.builder_path(lambda job, progress: b"")
    assert jobs.resolve_builder(jobs.builder_path(fine)) is fine


@pytest.mark.django_db
def test_old_documents_dropped_running_ones_kept(approach: Approach) -> None:
    failed = _start(approach, broken)
    # Its retries are queued for later; say they are spent (one active job per kind).
    DocumentJob.objects.filter(pk=failed.pk).update(state=DocumentJob.State.FAILED)
    for _ in range(jobs.KEEP + 2):
        _start(approach, fine)
    _start(approach, fine, kind="autre")
    assert DocumentJob.objects.filter(kind="essai").count() == jobs.KEEP
    assert not DocumentJob.objects.filter(pk=failed.pk).exists()
    running = DocumentJob.objects.create(approach=approach, kind="essai", format="pdf")
    context = jobs.jobs_context(approach, "essai")
    assert context["polling"] and context["poll_url"].endswith("/documents/etat/essai/")
    for _ in range(jobs.KEEP + 1):
        assert _start(approach, fine).pk == running.pk  # one active job per kind and target
    assert DocumentJob.objects.filter(pk=running.pk).exists()  # never dropped while running
    running.delete()
    for _ in range(jobs.KEEP + 1):
        _start(approach, fine)
    assert not jobs.jobs_context(approach, "essai")["polling"]  # the list shows the latest
    jobs.forget(approach, "essai")
    assert list(DocumentJob.objects.values_list("kind", flat=True)) == ["autre"]
