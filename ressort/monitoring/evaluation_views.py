"""Evaluations of the strategy: list, page, edit, delete, document (PDF or DOCX, built in
the background by ressort.documents).

Every member reads; the leads (EDIT_FRAMING) create, edit and delete evaluations.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.approaches.access import Right, get_approach_for_user, role_has
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.documents import jobs
from ressort.documents import views as document_views
from ressort.monitoring import evaluation as ev
from ressort.monitoring.forms import EvaluationForm
from ressort.monitoring.models import Evaluation, EvaluationKind


def get_evaluation_for_user(approach: Approach, pk: int) -> Evaluation:
    return get_object_or_404(
        Evaluation.objects.select_related("approach"), approach=approach, pk=pk
    )


def _lead(approach: Approach) -> bool:
    return role_has(approach.current_role, Right.EDIT_FRAMING)  # type: ignore[attr-defined]


@require_GET
@login_required
def evaluation_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    return render(
        request,
        "monitoring/evaluation_list.html",
        approach_context(
            request, approach, evaluations=approach.evaluations.all(), may_edit=_lead(approach)
        ),
    )


@require_GET
@login_required
def evaluation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    evaluation = get_evaluation_for_user(approach, pk)
    report = ev.report(evaluation)
    return render(
        request,
        "monitoring/evaluation_detail.html",
        approach_context(
            request,
            approach,
            evaluation=evaluation,
            report=report,
            drawings=[(year, mark_safe(svg)) for year, svg in report.drawings],
            gap_labels=ev.GAP_LABELS,
            may_edit=_lead(approach),
            document_jobs=jobs.jobs_context(approach, ev.KIND, evaluation.pk),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def evaluation_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    if pk is None:
        today = timezone.localdate()
        evaluation = Evaluation(approach=approach, created_by=request.user)
        initial = {
            "date": today,
            "title": f"Évaluation à mi-parcours ({today.year})",
            "kind": EvaluationKind.MIDTERM,
            "reference_year": approach.created_at.year - 1,
            "evaluation_year": today.year - 1,
        }
    else:
        evaluation = get_evaluation_for_user(approach, pk)
        initial = {}
    form = EvaluationForm(request.POST or None, instance=evaluation, initial=initial)
    if request.method == "POST" and form.is_valid():
        evaluation = form.save()
        messages.success(request, f"L'évaluation « {evaluation.title} » est enregistrée.")
        return redirect("monitoring:evaluation_detail", approach.slug, evaluation.pk)
    return render(
        request,
        "monitoring/evaluation_form.html",
        approach_context(request, approach, form=form, evaluation=evaluation),
    )


@require_POST
@login_required
def evaluation_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    evaluation = get_evaluation_for_user(approach, pk)
    with transaction.atomic():
        jobs.forget(approach, ev.KIND, evaluation.pk)
        evaluation.delete()
    messages.success(request, f"L'évaluation « {evaluation.title} » est supprimée.")
    return redirect("monitoring:evaluation_list", approach.slug)


@require_POST
@login_required
def evaluation_document(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Start the evaluation's document in the background; the page polls its progress."""
    approach = get_approach_for_user(request, slug)
    evaluation = get_evaluation_for_user(approach, pk)
    fmt = request.POST.get("format", "")
    if fmt not in ev.FORMATS:
        return HttpResponse("Format inconnu : choisissez PDF ou DOCX.", status=400)
    ev.start_job(evaluation, fmt, request.user)
    if request.headers.get("HX-Request"):
        return document_views.jobs_fragment(request, approach, ev.KIND, evaluation.pk)
    messages.info(request, f"Le {fmt.upper()} est en préparation : il apparaîtra ci-dessous.")
    return redirect("monitoring:evaluation_detail", approach.slug, evaluation.pk)
