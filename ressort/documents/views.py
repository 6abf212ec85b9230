"""The job list polled by the page (htmx), the download of a finished document, and the
POST that starts a document, declared by each page that offers one (`start_view`).

All are open to every member of the démarche (the documents show what members read);
another démarche's job is a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.models import Approach
from ressort.documents import jobs as document_jobs
from ressort.documents.models import DocumentJob
from ressort.web import Right, demarche_url, demarche_view, files, get_scoped
from ressort.web.scoped import READ, WRITE


def jobs_fragment(
    request: HttpRequest, approach: Approach, kind: str, target: int | None = None
) -> HttpResponse:
    return render(
        request,
        "documents/_jobs.html",
        document_jobs.jobs_context(approach, kind, target),
    )


@demarche_view(
    Right.VIEW,
    READ,
    samples={"kind": ("strategie", "bilan", "portrait", "evaluation"), "target": ("1",)},
)
def jobs(
    request: HttpRequest, approach: Approach, kind: str, target: int | None = None
) -> HttpResponse:
    return jobs_fragment(request, approach, kind, target)


@demarche_view(Right.VIEW, READ, objects={"pk": DocumentJob})
def download(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    job = get_scoped(DocumentJob, approach, pk=pk, state=DocumentJob.State.DONE)
    return files.download(bytes(job.content or b""), job.filename, job.mime)


def start(
    request: HttpRequest,
    approach: Approach,
    kind: str,
    formats: Container[str],
    queue: Callable[[str], Any],
    back: str,
    target: int | None = None,
) -> HttpResponse:
    """Queue a document in the posted format (`queue(fmt)`, built in the background) and
    answer the job list the page polls (htmx), or without htmx the page `back`."""
    fmt = request.POST.get("format", "")
    if fmt not in formats:
        return HttpResponse("Format inconnu\u00a0: choisissez PDF, DOCX ou ODT.", status=400)
    queue(fmt)
    if request.headers.get("HX-Request"):
        return jobs_fragment(request, approach, kind, target)
    messages.info(request, f"Le {fmt.upper()} est en préparation\u00a0: il apparaîtra ci-dessous.")
    return redirect(back)


def start_view(
    document: Any, back: str, formats: Container[str] | None = None
) -> Callable[..., HttpResponse]:
    """The POST that starts the démarche's document of `document`, a module with `KIND`,
    `FORMATS` (unless `formats` is given) and `start_job(approach, fmt, user)`; without htmx
    it comes back to the page `back` (a URL name)."""

    @demarche_view(Right.VIEW, WRITE)
    def view(request: HttpRequest, approach: Approach) -> HttpResponse:
        return start(
            request,
            approach,
            document.KIND,
            document.FORMATS if formats is None else formats,
            lambda fmt: document.start_job(approach, fmt, request.user),
            demarche_url(approach, back),
        )

    return view
