"""The job list polled by the page (htmx) and the download of a finished document.

Both are open to every member of the démarche (the documents show what members read);
another démarche's job is a 404.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressort.approaches.models import Approach
from ressort.documents import jobs as document_jobs
from ressort.documents.models import DocumentJob
from ressort.web import Right, demarche_view, get_scoped
from ressort.web.scoped import READ


def jobs_fragment(
    request: HttpRequest, approach: Approach, kind: str, target: int | None = None
) -> HttpResponse:
    return render(
        request,
        "documents/_jobs.html",
        document_jobs.jobs_context(approach, kind, target),
    )


@demarche_view(
    Right.VIEW, READ, samples={"kind": ("strategie", "portrait", "evaluation"), "target": ("1",)}
)
def jobs(
    request: HttpRequest, approach: Approach, kind: str, target: int | None = None
) -> HttpResponse:
    return jobs_fragment(request, approach, kind, target)


@demarche_view(Right.VIEW, READ, objects={"pk": DocumentJob})
def download(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    job = get_scoped(DocumentJob, approach, pk=pk, state=DocumentJob.State.DONE)
    response = HttpResponse(bytes(job.content or b""), content_type=job.mime)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
