"""Evaluations of the strategy: list, page, edit, delete, document (PDF or DOCX, built in
the background by ressort.documents).

Every member reads; the leads (EDIT_FRAMING) create, edit and delete evaluations.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents import views as document_views
from ressort.monitoring import evaluation as ev
from ressort.monitoring.forms import EvaluationForm
from ressort.monitoring.models import Evaluation, EvaluationKind
from ressort.web import link_to
from ressort.web.generic import delete_view, edit_view
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped


@demarche_view(Right.VIEW, READ)
def evaluation_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return render(
        request,
        "monitoring/evaluation_list.html",
        {"evaluations": approach.evaluations.all()},
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Evaluation})
def evaluation_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    evaluation = get_scoped(Evaluation, approach, pk=pk)
    report = ev.report(evaluation)
    return render(
        request,
        "monitoring/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "report": report,
            "drawings": [(year, mark_safe(svg)) for year, svg in report.drawings],
            "document_jobs": jobs.jobs_context(approach, ev.KIND, evaluation.pk),
        },
    )


def _new_evaluation(request: HttpRequest, approach: Approach) -> Evaluation:
    return Evaluation(approach=approach, created_by=request.user)


def _first_draft(request: HttpRequest, approach: Approach) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "date": today,
        "title": f"Évaluation à mi-parcours ({today.year})",
        "kind": EvaluationKind.MIDTERM,
        "reference_year": approach.created_at.year - 1,
        "evaluation_year": today.year - 1,
    }


_evaluation_url = link_to("monitoring:evaluation_detail", "pk")


_evaluations_url = link_to("monitoring:evaluation_list")


evaluation_edit = edit_view(
    Evaluation,
    EvaluationForm,
    right=Right.EDIT_FRAMING,
    title=lambda e: f"Modifier « {e.title} »" if e.pk else "Nouvelle évaluation",
    new=_new_evaluation,
    initial=_first_draft,
    done=_evaluation_url,
    listing=_evaluations_url,
    delete="monitoring:evaluation_delete",
    template="monitoring/evaluation_form.html",
    saved="L'évaluation est enregistrée.",
)


def _forget_and_delete(request: HttpRequest, evaluation: Evaluation) -> None:
    jobs.forget(evaluation.approach, ev.KIND, evaluation.pk)
    evaluation.delete()


evaluation_delete = delete_view(
    Evaluation,
    right=Right.EDIT_FRAMING,
    what=lambda e: f"L'évaluation « {e.title} »",
    consequence="ses documents aussi",
    gone="{what} est supprimée.",
    done=_evaluations_url,
    back=_evaluation_url,
    perform=_forget_and_delete,
)


@demarche_view(Right.VIEW, WRITE, objects={"pk": Evaluation})
def evaluation_document(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """Start the evaluation's document in the background; the page polls its progress."""
    evaluation = get_scoped(Evaluation, approach, pk=pk)
    return document_views.start(
        request,
        approach,
        ev.KIND,
        ev.FORMATS,
        lambda fmt: ev.start_job(evaluation, fmt, request.user),
        _evaluation_url(request, evaluation),
        target=evaluation.pk,
    )
