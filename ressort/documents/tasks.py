"""The queued task that builds a document (run by `ressort taches travailleur`)."""

from __future__ import annotations

from django_tasks import task

from ressort.documents import jobs


@task()
def build_document(job_pk: int, builder: str, attempt: int = 1) -> str:
    """Build job `job_pk` with the function at dotted path `builder`; returns its state."""
    return jobs.run_job(job_pk, jobs.resolve_builder(builder), attempt=attempt)
