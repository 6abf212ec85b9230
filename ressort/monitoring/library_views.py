"""The experience library (« retours d'expérience »), seen from a démarche.

The library is shared by every démarche: any member reads it; facilitators and chef·fes de
projet (EDIT_FRAMING) add cases; a case is edited by its author, by the leads of the démarche
that published it, or by site staff (the shipped public cases: staff only).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ressort.approaches.access import Right, role_has
from ressort.approaches.models import Approach
from ressort.monitoring import library
from ressort.monitoring.forms import ExperienceForm, ExperienceSearchForm, InspirationForm
from ressort.monitoring.models import ActionInspiration, ExperienceReport
from ressort.web import link_to
from ressort.web.generic import delete_view
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped

PAGE_SIZE = 20


def get_report_for_user(
    request: HttpRequest, approach: Approach, pk: int, *, edit: bool = False
) -> ExperienceReport:
    report = get_object_or_404(
        ExperienceReport.objects.select_related("region", "published_by", "created_by"), pk=pk
    )
    if edit and not library.may_edit(report, request.user, approach):
        raise PermissionDenied(
            "Seul·e l'auteur·rice de ce retour d'expérience (ou l'équipe qui l'a publié) peut "
            "le modifier ; les cas livrés avec Ressort se corrigent par l'administration du site."
        )
    return report


@demarche_view(Right.VIEW, READ)
def experience_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    form = ExperienceSearchForm(request.GET or None)
    form.is_valid()  # an unknown criterion is reported on the form; the others still apply
    criteria = getattr(form, "cleaned_data", {})
    reports = library.search(
        text=criteria.get("q", ""),
        theme=criteria.get("theme", ""),
        dimension=criteria.get("dimension", ""),
        size_class=criteria.get("size", ""),
        region=criteria.get("region"),
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "monitoring/experience_list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "themes": library.THEMES,
            "publishable": _publishable(approach),
        },
    )


def _publishable(approach: Approach) -> list[Any]:
    """The démarche's actions its leads may publish as a case (none for other roles)."""
    if not role_has(approach.current_role, Right.EDIT_FRAMING):  # type: ignore[attr-defined]
        return []
    from ressort.actions.models import Action

    return list(Action.objects.filter(approach=approach).order_by("title").only("pk", "title"))


@demarche_view(Right.VIEW, READ, objects={"pk": ExperienceReport})
def experience_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    report = get_report_for_user(request, approach, pk)
    labels = library.dimension_labels()
    return render(
        request,
        "monitoring/experience_detail.html",
        {
            "report": report,
            "themes": [library.THEMES.get(t, t) for t in report.themes],
            "dimensions": [labels.get(c, c) for c in report.dimension_codes],
            "editable": library.may_edit(report, request.user, approach),
            "inspirations": report.inspirations.filter(action__approach=approach).select_related(
                "action"
            ),
            "inspiration_form": InspirationForm(approach=approach)
            if role_has(approach.current_role, Right.CONTRIBUTE)  # type: ignore[attr-defined]
            else None,
        },
    )


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ExperienceReport})
def inspiration_add(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """« Inspiré de » : link one of the démarche's actions to the report."""
    report = get_report_for_user(request, approach, pk)
    form = InspirationForm(request.POST, approach=approach)
    if form.is_valid():
        action = form.cleaned_data["action"]
        _, created = ActionInspiration.objects.get_or_create(
            action=action,
            report=report,
            defaults={"note": form.cleaned_data["note"], "created_by": request.user},
        )
        if created:
            messages.success(request, f"L'action « {action.title} » est liée à ce retour.")
        else:
            messages.info(request, f"L'action « {action.title} » était déjà liée à ce retour.")
    else:
        messages.error(request, "Choisissez une action de la démarche à lier.")
    return redirect("monitoring:experience_detail", approach.slug, report.pk)


inspiration_delete = delete_view(
    ActionInspiration,
    item="link_pk",
    parent="report",
    what=lambda link: f"Le lien avec l'action « {link.action.title} »",
    gone="{what} est retiré.",
    done=link_to("monitoring:experience_detail", "report_id"),
)


def _from_action(approach: Approach, action: Any) -> dict[str, Any]:
    """A report's first draft from one of the démarche's actions (and its sheet, if any)."""
    territory = approach.territory
    population = approach.key_figures()["population"]
    initial: dict[str, Any] = {
        "title": action.title,
        "territory_name": approach.perimeter_name,
        "population": population,
        "size_class": library.size_class_for(territory, population),
        "summary": action.description,
    }
    if territory is not None and territory.region_code:
        from ressort.territories.models import Territory

        region = Territory.objects.filter(type="REG", code=territory.region_code).first()
        initial["region"] = region.pk if region else None
    sheet = getattr(action, "sheet", None)
    if sheet is not None:
        initial["actions"] = sheet.purpose
    return initial


def _report_page(
    request: HttpRequest, approach: Approach, report: ExperienceReport, initial: dict[str, Any]
) -> HttpResponse:
    form = ExperienceForm(request.POST or None, instance=report, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            report = form.save()
            library.set_tags(report, form.cleaned_data["themes"], form.cleaned_data["dimensions"])
        messages.success(request, f"Le retour d'expérience « {report.title} » est enregistré.")
        return redirect("monitoring:experience_detail", approach.slug, report.pk)
    return render(request, "monitoring/experience_form.html", {"form": form, "report": report})


@demarche_view(Right.EDIT_FRAMING, FORM)
def experience_create(request: HttpRequest, approach: Approach) -> HttpResponse:
    report = ExperienceReport(created_by=request.user)
    initial: dict[str, Any] = {}
    action_pk = request.GET.get("action") or request.POST.get("source_action")
    if action_pk:  # a démarche publishes one of its actions as a case
        from ressort.actions.models import Action

        action = get_scoped(Action, approach, pk=action_pk)
        report.published_by = approach
        report.source_action = action
        initial = _from_action(approach, action)
    return _report_page(request, approach, report, initial)


# The library is shared: a case is edited from any démarche by whom library.may_edit allows.
@demarche_view(Right.EDIT_FRAMING, FORM, objects={"pk": ExperienceReport})
def experience_edit(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _report_page(
        request, approach, get_report_for_user(request, approach, pk, edit=True), {}
    )


@demarche_view(Right.EDIT_FRAMING, WRITE, objects={"pk": ExperienceReport})
def experience_delete(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    report = get_report_for_user(request, approach, pk, edit=True)
    title = report.title
    report.delete()
    messages.success(request, f"Le retour d'expérience « {title} » est supprimé.")
    return redirect("monitoring:experience_list", approach.slug)
