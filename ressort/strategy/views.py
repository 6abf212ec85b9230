"""Strategy pages: vision, axes and objectives, the one-page view.

Rights: every member reads. The structure of the strategy (framing texts, axes,
objectives) is edited by the leads (EDIT_FRAMING: facilitator, chef·fe de projet), who
transcribe what the steering bodies decided; action sheets are written by contributors
(see sheet_views); reverting history is for the leads.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ressort.approaches.access import Right, get_approach_for_user, role_has
from ressort.approaches.models import Approach
from ressort.approaches.views import approach_context
from ressort.documents import jobs
from ressort.documents import views as document_views
from ressort.strategy import documents, history, services, timeline
from ressort.strategy.forms import AxisForm, ObjectiveForm, StatementForm, VersionedForm
from ressort.strategy.models import ActionSheet, Axis, Objective, SheetStatus
from ressort.strategy.versioning import EditConflict, save_versioned


def strategy_tree(approach: Approach, dims: dict[str, services.DoughnutDimension]) -> list[Axis]:
    """Axes → objectives (with the Doughnut gaps they answer) → action sheets."""
    sheets = ActionSheet.objects.select_related("action").prefetch_related("milestones")
    axes = list(
        approach.strategic_axes.prefetch_related(
            "objectives", Prefetch("objectives__sheets", queryset=sheets.order_by("order", "pk"))
        ).order_by("order", "pk")
    )
    today = services.today()
    for axis in axes:
        for objective in axis.objectives.all():
            objective.gaps = [  # type: ignore[attr-defined]
                dims.get(code) or services.DoughnutDimension(code, code, "", "missing")
                for code in objective.gap_codes
            ]
            for sheet in objective.sheets.all():
                sheet.late = services.is_late(sheet, today)  # type: ignore[attr-defined]
    return axes


def loose_sheets(approach: Approach) -> list[ActionSheet]:
    """Sheets not (or no longer) placed under an objective."""
    today = services.today()
    sheets = list(
        ActionSheet.objects.filter(approach=approach, objective__isnull=True)
        .select_related("action")
        .prefetch_related("milestones")
        .order_by("action__title")
    )
    for sheet in sheets:
        sheet.late = services.is_late(sheet, today)  # type: ignore[attr-defined]
    return sheets


def gap_context(approach: Approach) -> dict[str, Any]:
    dims = services.doughnut_dimensions(approach)
    return {
        "dimensions": {d.code: d for d in dims},
        "open_gaps": [d for d in dims if d.gap in ("shortfall", "overshoot")],
    }


def answered_gaps(axes: list[Axis]) -> set[str]:
    return {code for axis in axes for o in axis.objectives.all() for code in o.gap_codes}


@require_GET
@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    gaps = gap_context(approach)
    axes = strategy_tree(approach, gaps["dimensions"])
    answered = answered_gaps(axes)
    return render(
        request,
        "strategy/overview.html",
        approach_context(
            request,
            approach,
            statement=services.statement_for(approach),
            vision=services.vision_for(approach),
            axes=axes,
            loose=loose_sheets(approach),
            actions_without_sheet=approach.actions.filter(sheet__isnull=True).count(),
            unanswered=[d for d in gaps["open_gaps"] if d.code not in answered],
            document_jobs=jobs.jobs_context(approach, documents.KIND),
            **gaps,
        ),
    )


@require_GET
@login_required
def one_page(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    gaps = gap_context(approach)
    axes = strategy_tree(approach, gaps["dimensions"])
    return render(
        request,
        "strategy/one_page.html",
        approach_context(
            request,
            approach,
            statement=services.statement_for(approach),
            vision=services.vision_for(approach),
            axes=axes,
            loose=loose_sheets(approach),
            **gaps,
        ),
    )


def save_form(
    request: HttpRequest, form: VersionedForm, *, success: str
) -> tuple[bool, VersionedForm, EditConflict | None]:
    """Validate and save a versioned form; on a conflict, rebuild it on the current version."""
    if not form.is_valid():
        return False, form, None
    instance = form.instance
    if instance.pk is None:
        services._set_user(instance, request.user)
        instance.save()
        messages.success(request, success)
        return True, form, None
    try:
        save_versioned(
            instance,
            form.cleaned_data["base_version"],
            user=request.user,
            fields=form.edited_fields(),
        )
    except EditConflict as conflict:
        data = request.POST.copy()
        data["base_version"] = str(conflict.current.version)
        kwargs: dict[str, Any] = {"instance": conflict.current}
        kwargs.update(getattr(form, "extra_kwargs", {}))
        rebuilt = type(form)(data, **kwargs)
        rebuilt.is_valid()
        return False, rebuilt, conflict
    messages.success(request, success)
    return True, form, None


def render_edit(
    request: HttpRequest,
    approach: Approach,
    form: VersionedForm,
    conflict: EditConflict | None,
    *,
    title: str,
    cancel_url: str,
    delete_url: str = "",
    vision_url: str = "",
) -> HttpResponse:
    return render(
        request,
        "strategy/edit.html",
        approach_context(
            request,
            approach,
            form=form,
            conflict=conflict,
            title=title,
            cancel_url=cancel_url,
            delete_url=delete_url,
            vision_url=vision_url,
        ),
        status=409 if conflict else (422 if form.is_bound and form.errors else 200),
    )


@require_http_methods(["GET", "POST"])
@login_required
def statement_edit(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    statement = services.stored_statement(approach)
    form = StatementForm(request.POST or None, instance=statement)
    conflict = None
    if request.method == "POST":
        ok, form, conflict = save_form(
            request, form, success="Le cadre de la stratégie est enregistré."
        )
        if ok:
            return redirect("strategy:overview", approach.slug)
    return render_edit(
        request,
        approach,
        form,
        conflict,
        title="Titre et introduction de la stratégie",
        cancel_url=_overview_url(approach),
        vision_url=reverse("systems:vision", args=[approach.slug]),
    )


def _overview_url(approach: Approach) -> str:
    return reverse("strategy:overview", args=[approach.slug])


@require_http_methods(["GET", "POST"])
@login_required
def axis_add(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    form = AxisForm(
        request.POST or None,
        instance=Axis(approach=approach),
        initial={"order": services.next_order(approach.strategic_axes.all())},
    )
    conflict = None
    if request.method == "POST":
        ok, form, conflict = save_form(request, form, success="L'axe est ajouté.")
        if ok:
            return redirect("strategy:overview", approach.slug)
    return render_edit(
        request,
        approach,
        form,
        conflict,
        title="Ajouter un axe stratégique",
        cancel_url=_overview_url(approach),
    )


@require_http_methods(["GET", "POST"])
@login_required
def axis_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    axis = get_object_or_404(Axis, approach=approach, pk=pk)
    form = AxisForm(request.POST or None, instance=axis)
    conflict = None
    if request.method == "POST":
        ok, form, conflict = save_form(request, form, success="L'axe est enregistré.")
        if ok:
            return redirect("strategy:overview", approach.slug)
    return render_edit(
        request,
        approach,
        form,
        conflict,
        title=f"Modifier l'axe {axis.order}",
        cancel_url=_overview_url(approach),
        delete_url=reverse("strategy:axis_delete", args=[approach.slug, axis.pk]),
    )


@require_POST
@login_required
def axis_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    axis = get_object_or_404(Axis, approach=approach, pk=pk)
    title = axis.title
    services.delete_axis(axis, request.user)
    messages.success(
        request,
        f"L'axe « {title} » est supprimé avec ses objectifs ; l'historique permet de le rétablir.",
    )
    return redirect("strategy:overview", approach.slug)


def _objective_form(
    request: HttpRequest, approach: Approach, instance: Objective, initial: dict[str, Any]
) -> ObjectiveForm:
    extra = {
        "axes": approach.strategic_axes.order_by("order", "pk"),
        "dimensions": services.doughnut_dimensions(approach),
    }
    form = ObjectiveForm(request.POST or None, instance=instance, initial=initial, **extra)
    form.extra_kwargs = extra  # type: ignore[attr-defined]
    return form


@require_http_methods(["GET", "POST"])
@login_required
def objective_add(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    axis = approach.strategic_axes.filter(pk=request.GET.get("axe") or 0).first()
    if axis is None:
        axis = approach.strategic_axes.order_by("order", "pk").first()
    if axis is None:
        messages.info(request, "Créez d'abord un axe stratégique.")
        return redirect("strategy:axis_add", approach.slug)
    form = _objective_form(
        request,
        approach,
        Objective(),
        {"axis": axis.pk, "order": services.next_order(axis.objectives.all())},
    )
    conflict = None
    if request.method == "POST":
        ok, form, conflict = save_form(request, form, success="L'objectif est ajouté.")
        if ok:
            return redirect("strategy:overview", approach.slug)
    return render_edit(
        request,
        approach,
        form,
        conflict,
        title="Ajouter un objectif opérationnel",
        cancel_url=_overview_url(approach),
    )


@require_http_methods(["GET", "POST"])
@login_required
def objective_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    objective = get_object_or_404(Objective, axis__approach=approach, pk=pk)
    form = _objective_form(request, approach, objective, {})
    conflict = None
    if request.method == "POST":
        ok, form, conflict = save_form(request, form, success="L'objectif est enregistré.")
        if ok:
            return redirect("strategy:overview", approach.slug)
    return render_edit(
        request,
        approach,
        form,
        conflict,
        title=f"Modifier l'objectif {objective.number}",
        cancel_url=_overview_url(approach),
        delete_url=reverse("strategy:objective_delete", args=[approach.slug, objective.pk]),
    )


@require_POST
@login_required
def objective_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    objective = get_object_or_404(Objective, axis__approach=approach, pk=pk)
    title = objective.title
    services.delete_objective(objective, request.user)
    messages.success(
        request, f"L'objectif « {title} » est supprimé ; l'historique permet de le rétablir."
    )
    return redirect("strategy:overview", approach.slug)


HISTORY_PAGE = 50


@require_GET
@login_required
def history_page(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    group = request.GET.get("quoi", "")
    if group not in history.GROUPS:
        group = ""
    only = None
    if group:
        keys = history.GROUPS[group][1]

        def only(kind: history.Tracked, qs: Any) -> Any:
            return qs if kind.key in keys else None

    items = history.entries(
        approach, limit=HISTORY_PAGE + 1, offset=(page - 1) * HISTORY_PAGE, only=only
    )
    return render(
        request,
        "strategy/history.html",
        approach_context(
            request,
            approach,
            entries=items[:HISTORY_PAGE],
            page=page,
            has_next=len(items) > HISTORY_PAGE,
            groups=[(key, label) for key, (label, _keys) in history.GROUPS.items()],
            group=group,
            can_revert=role_has(approach.current_role, Right.EDIT_FRAMING),  # type: ignore[attr-defined]
        ),
    )


@require_POST
@login_required
def history_revert(request: HttpRequest, slug: str, kind: str, history_id: int) -> HttpResponse:
    approach = get_approach_for_user(request, slug, Right.EDIT_FRAMING)
    found = history.find_record(approach, kind, history_id)
    if found is None:
        raise Http404("État introuvable dans l'historique de cette démarche.")
    try:
        restored = history.revert(*found, request.user)
    except history.RevertError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"« {restored} » est revenu à l'état choisi.")
    target = request.POST.get("next", "")
    if target.startswith(f"/demarches/{approach.slug}/"):
        return redirect(target)
    return redirect("strategy:history", approach.slug)


def _timeline_data(request: HttpRequest, approach: Approach) -> tuple[Any, list[Any]]:
    filters = timeline.Filters.from_query(request.GET)
    return filters, timeline.grouped_sheets(approach, filters)


@require_GET
@login_required
def timeline_page(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    filters, groups = _timeline_data(request, approach)
    return render(
        request,
        "strategy/timeline.html",
        approach_context(
            request,
            approach,
            filters=filters,
            groups=groups,
            count=sum(len(g.sheets) for g in groups),
            svg=mark_safe(timeline.drawing(groups)),
            pilots=timeline.pilots(approach),
            statuses=SheetStatus.choices,
            communes=approach.communes.order_by("name").values_list("code", "name"),
            query=request.GET.urlencode(),
        ),
    )


@require_GET
@login_required
def timeline_ics(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    _filters, groups = _timeline_data(request, approach)
    response = HttpResponse(
        timeline.to_ical(approach, groups, request.build_absolute_uri("/").rstrip("/")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{approach.slug}-plan-actions.ics"'
    return response


@require_GET
@login_required
def timeline_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    _filters, groups = _timeline_data(request, approach)
    response = HttpResponse(
        timeline.to_xlsx(approach, groups),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{approach.slug}-plan-actions.xlsx"'
    return response


@require_POST
@login_required
def document_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the strategy document in the background; the page polls its progress."""
    approach = get_approach_for_user(request, slug)
    fmt = request.POST.get("format", "")
    if fmt not in documents.FORMATS:
        return HttpResponse("Format inconnu : choisissez PDF, DOCX ou ODT.", status=400)
    documents.start_job(approach, fmt, request.user)
    if request.headers.get("HX-Request"):
        return document_views.jobs_fragment(request, approach, documents.KIND)
    messages.info(request, f"Le {fmt.upper()} est en préparation : il apparaîtra ci-dessous.")
    return redirect("strategy:overview", approach.slug)
