"""The job list polled by the page (htmx) and the download of a finished document.

Both are open to every member of the démarche (the documents show what members read);
another démarche's job is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ressort.approaches.access import get_approach_for_user
from ressort.approaches.models import Approach
from ressort.documents import jobs as document_jobs
from ressort.documents.models import DocumentJob


def jobs_fragment(
    request: HttpRequest, approach: Approach, kind: str, target: int | None = None
) -> HttpResponse:
    return render(
        request,
        "documents/_jobs.html",
        document_jobs.jobs_context(approach, kind, target),
    )


@require_GET
@login_required
def jobs(request: HttpRequest, slug: str, kind: str, target: int | None = None) -> HttpResponse:
    return jobs_fragment(request, get_approach_for_user(request, slug), kind, target)


@require_GET
@login_required
def download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    job = get_object_or_404(DocumentJob, approach=approach, pk=pk, state=DocumentJob.State.DONE)
    response = HttpResponse(bytes(job.content or b""), content_type=job.mime)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response
