"""Strategy pages: vision, axes and objectives, the one-page view.

Rights: every member reads. The structure of the strategy (framing texts, axes,
objectives) is edited by the leads (EDIT_FRAMING: facilitator, chef·fe de projet), who
transcribe what the steering bodies decided; action sheets are written by contributors
(see sheet_views); reverting history is for the leads.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe

from ressort import tables
from ressort.approaches.access import Right, role_has
from ressort.approaches.models import Approach
from ressort.documents import jobs
from ressort.documents import views as document_views
from ressort.strategy import (
    documents,
    history,
    plan_checks,
    reading,
    report,
    services,
    timeline,
)
from ressort.strategy.forms import AxisForm, ObjectiveForm, StatementForm, VersionedForm
from ressort.strategy.models import Axis, Objective, SheetStatus
from ressort.strategy.versioning import EditConflict, save_versioned
from ressort.web import demarche_url, link_to
from ressort.web.files import download
from ressort.web.generic import delete_view
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped


@demarche_view(Right.VIEW, READ, kept=True)
def overview(request: HttpRequest, approach: Approach) -> HttpResponse:
    gaps = reading.gap_context(approach)
    axes = reading.strategy_tree(approach, gaps["dimensions"])
    answered = reading.answered_gaps(axes)
    return render(
        request,
        "strategy/overview.html",
        {
            "statement": services.statement_for(approach),
            "vision": services.vision_for(approach),
            "axes": axes,
            "loose": reading.loose_sheets(approach),
            "actions_without_sheet": approach.actions.filter(sheet__isnull=True).count(),
            "unanswered": [d for d in gaps["open_gaps"] if d.code not in answered],
            "document_jobs": jobs.jobs_part(request, approach, documents.KIND),
            "report_jobs": jobs.jobs_part(request, approach, report.KIND),
            "plan_warnings": plan_checks.check(approach).warnings,
            **gaps,
        },
    )


@demarche_view(Right.VIEW, READ)
def one_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    gaps = reading.gap_context(approach)
    axes = reading.strategy_tree(approach, gaps["dimensions"])
    return render(
        request,
        "strategy/one_page.html",
        {
            "statement": services.statement_for(approach),
            "vision": services.vision_for(approach),
            "axes": axes,
            "loose": reading.loose_sheets(approach),
            **gaps,
        },
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


def versioned_edit(
    request: HttpRequest,
    form: VersionedForm,
    *,
    success: str,
    done: str,
    title: str,
    cancel_url: str = "",
    delete_url: str = "",
    vision_url: str = "",
) -> HttpResponse:
    """The strategy's edit path: a versioned form, saved unless someone saved in between
    (409, with what changed); a form with faults answers 422."""
    conflict = None
    if request.method == "POST":
        ok, form, conflict = save_form(request, form, success=success)
        if ok:
            return redirect(done)
    return render(
        request,
        "strategy/edit.html",
        {
            "form": form,
            "conflict": conflict,
            "title": title,
            "cancel_url": cancel_url or done,
            "delete_url": delete_url,
            "vision_url": vision_url,
        },
        status=409 if conflict else (422 if form.is_bound and form.errors else 200),
    )


_overview_url = link_to("strategy:overview")  # of the démarche, or of a generic view's request


@demarche_view(Right.EDIT_FRAMING, FORM)
def statement_edit(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = StatementForm(request.POST or None, instance=services.stored_statement(approach))
    return versioned_edit(
        request,
        form,
        success="Le cadre de la stratégie est enregistré.",
        done=_overview_url(approach),
        title="Titre et introduction de la stratégie",
        vision_url=demarche_url(approach, "systems:vision"),
    )


@demarche_view(Right.EDIT_FRAMING, FORM, objects={"pk": Axis})
def axis_edit(request: HttpRequest, approach: Approach, pk: int | None = None) -> HttpResponse:
    """Adds an axis (no `pk` in the URL) or edits one."""
    if pk is None:
        axis = Axis(approach=approach)
        initial = {"order": services.next_order(approach.strategic_axes.all())}
    else:
        axis, initial = get_scoped(Axis, approach, pk=pk), {}
    return versioned_edit(
        request,
        AxisForm(request.POST or None, instance=axis, initial=initial),
        success="L'axe est enregistré." if pk else "L'axe est ajouté.",
        done=_overview_url(approach),
        title=f"Modifier l'axe {axis.order}" if pk else "Ajouter un axe stratégique",
        delete_url=demarche_url(approach, "strategy:axis_delete", pk) if pk else "",
    )


axis_delete = delete_view(
    Axis,
    right=Right.EDIT_FRAMING,
    what=lambda axis: f"L'axe « {axis.title} »",
    consequence="ses objectifs aussi ; l'historique permet de le rétablir",
    gone="{what} est supprimé avec ses objectifs ; l'historique permet de le rétablir.",
    done=_overview_url,
    perform=lambda request, axis: services.delete_axis(axis, request.user),
)


@demarche_view(Right.EDIT_FRAMING, FORM, objects={"pk": Objective})
def objective_edit(request: HttpRequest, approach: Approach, pk: int | None = None) -> HttpResponse:
    """Adds an objective (no `pk` in the URL: to the axis `?axe=`, or the first) or edits one."""
    if pk is None:
        axis = approach.strategic_axes.filter(pk=request.GET.get("axe") or 0).first()
        if axis is None:
            axis = approach.strategic_axes.order_by("order", "pk").first()
        if axis is None:
            messages.info(request, "Créez d'abord un axe stratégique.")
            return redirect("strategy:axis_add", approach.slug)
        objective = Objective()
        initial = {"axis": axis.pk, "order": services.next_order(axis.objectives.all())}
    else:
        objective, initial = get_scoped(Objective, approach, pk=pk), {}
    extra = {
        "axes": approach.strategic_axes.order_by("order", "pk"),
        "dimensions": services.doughnut_dimensions(approach),
    }
    form = ObjectiveForm(request.POST or None, instance=objective, initial=initial, **extra)
    form.extra_kwargs = extra  # type: ignore[attr-defined]
    return versioned_edit(
        request,
        form,
        success="L'objectif est enregistré." if pk else "L'objectif est ajouté.",
        done=_overview_url(approach),
        title=f"Modifier l'objectif {objective.number}"
        if pk
        else "Ajouter un objectif opérationnel",
        delete_url=demarche_url(approach, "strategy:objective_delete", pk) if pk else "",
    )


objective_delete = delete_view(
    Objective,
    right=Right.EDIT_FRAMING,
    what=lambda objective: f"L'objectif « {objective.title} »",
    consequence="l'historique permet de le rétablir",
    gone="{what} est supprimé ; l'historique permet de le rétablir.",
    done=_overview_url,
    perform=lambda request, objective: services.delete_objective(objective, request.user),
)


HISTORY_PAGE = 50


@demarche_view(Right.VIEW, READ)
def history_page(request: HttpRequest, approach: Approach) -> HttpResponse:
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
        {
            "entries": items[:HISTORY_PAGE],
            "page": page,
            "has_next": len(items) > HISTORY_PAGE,
            "groups": [(key, label) for key, (label, _keys) in history.GROUPS.items()],
            "group": group,
            "can_revert": role_has(approach.current_role, Right.EDIT_FRAMING),
        },
    )


@demarche_view(Right.EDIT_FRAMING, WRITE, samples={"kind": ("axe",), "history_id": ("1",)})
def history_revert(
    request: HttpRequest, approach: Approach, kind: str, history_id: int
) -> HttpResponse:
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


@demarche_view(Right.VIEW, READ)
def timeline_page(request: HttpRequest, approach: Approach) -> HttpResponse:
    filters, groups = _timeline_data(request, approach)
    return render(
        request,
        "strategy/timeline.html",
        {
            "filters": filters,
            "groups": groups,
            "count": sum(len(g.sheets) for g in groups),
            "svg": mark_safe(timeline.drawing(groups)),
            "pilots": timeline.pilots(approach),
            "statuses": SheetStatus.choices,
            "communes": approach.communes.order_by("name").values_list("code", "name"),
            "query": request.GET.urlencode(),
        },
    )


@demarche_view(Right.VIEW, READ)
def timeline_ics(request: HttpRequest, approach: Approach) -> HttpResponse:
    _filters, groups = _timeline_data(request, approach)
    return download(
        timeline.to_ical(approach, groups, request.build_absolute_uri("/").rstrip("/")),
        f"{approach.slug}-plan-actions.ics",
    )


@demarche_view(Right.VIEW, READ)
def timeline_xlsx(request: HttpRequest, approach: Approach) -> HttpResponse:
    _filters, groups = _timeline_data(request, approach)
    return download(timeline.to_xlsx(approach, groups), f"{approach.slug}-plan-actions.xlsx")


@demarche_view(Right.VIEW, READ)
def timeline_ods(request: HttpRequest, approach: Approach) -> HttpResponse:
    """The same workbook as the XLSX, in OpenDocument (LibreOffice Calc)."""
    _filters, groups = _timeline_data(request, approach)
    return download(
        tables.xlsx_to_ods(timeline.to_xlsx(approach, groups)), f"{approach.slug}-plan-actions.ods"
    )


document_start = document_views.start_view(documents, "strategy:overview")
report_start = document_views.start_view(report, "strategy:overview")
