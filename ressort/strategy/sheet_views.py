"""Action sheets: the fiche of each action, its budget, funding, milestones and indicators.

Rights: every member reads; contributors (facilitator, chef·fe de projet, élu·e, agents)
write the sheets — the agents who carry an action keep its sheet up to date. Partners read.
Every form is versioned: a second concurrent save is refused with what changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from ressort.approaches.access import Right, role_has
from ressort.approaches.models import Approach
from ressort.strategy import history, services
from ressort.strategy.forms import (
    BudgetLineForm,
    FundingForm,
    MilestoneForm,
    SheetCreateForm,
    SheetForm,
    SheetIndicatorForm,
    VersionedForm,
)
from ressort.strategy.models import (
    ActionSheet,
    BudgetLine,
    Funding,
    Milestone,
    Objective,
    SheetIndicator,
)
from ressort.strategy.views import versioned_edit
from ressort.web import demarche_url, link_to
from ressort.web.generic import delete_view
from ressort.web.scoped import FORM, READ, WRITE, demarche_view, get_scoped


def get_sheet(approach: Approach, pk: int) -> ActionSheet:
    """The sheet if it belongs to this démarche; 404 otherwise."""
    return get_scoped(
        ActionSheet.objects.select_related("action", "objective__axis"), approach, pk=pk
    )


def sheet_url(sheet: ActionSheet) -> str:
    return demarche_url(sheet.approach, "strategy:sheet_detail", sheet.pk)


@demarche_view(Right.CONTRIBUTE, FORM)
def sheet_add(request: HttpRequest, approach: Approach) -> HttpResponse:
    initial: dict[str, Any] = {}
    objective_pk = request.GET.get("objectif", "")
    if objective_pk.isdigit():
        initial["objective"] = objective_pk
    action_pk = request.GET.get("action", "")
    if action_pk.isdigit():
        initial["action"] = action_pk
    form = SheetCreateForm(request.POST or None, approach=approach, initial=initial)
    if request.method == "POST" and form.is_valid():
        from ressort.actions.models import Action

        data = form.cleaned_data
        objective = (
            Objective.objects.filter(axis__approach=approach, pk=data["objective"]).first()
            if data["objective"]
            else None
        )
        action = (
            get_object_or_404(Action, approach=approach, pk=data["action"], sheet__isnull=True)
            if data["action"]
            else None
        )
        sheet = services.create_sheet(
            approach,
            action=action,
            title=data["title"].strip(),
            objective=objective,
            user=request.user,
        )
        messages.success(request, "La fiche action est créée : complétez-la.")
        return redirect("strategy:sheet_edit", approach.slug, sheet.pk)
    return render(
        request,
        "strategy/sheet_add.html",
        {"form": form},
        status=422 if form.is_bound and form.errors else 200,
    )


@demarche_view(Right.VIEW, READ, objects={"pk": ActionSheet})
def sheet_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    sheet = get_sheet(approach, pk)
    lines = list(sheet.budget_lines.all())
    communes = dict(approach.communes.values_list("code", "name"))
    return render(
        request,
        "strategy/sheet_detail.html",
        {
            "sheet": sheet,
            "action": sheet.action,
            "budget_lines": lines,
            "totals": services.budget_totals(lines),
            "fundings": list(sheet.fundings.all()),
            "milestones": list(sheet.milestones.all()),
            "indicators": list(sheet.indicators.select_related("indicator")),
            "communes": [(c, communes.get(c, c)) for c in sheet.commune_codes],
            "evaluation": grid_evaluation(approach, sheet),
            "inspirations": list(sheet.action.inspirations.select_related("report")),
            "late": services.is_late(sheet, services.today()),
            "comments": list(sheet.comments.select_related("author")),
        },
    )


def grid_evaluation(approach: Approach, sheet: ActionSheet) -> dict[str, Any]:
    """The action's evaluation with the démarche's analysis grid (from the actions app)."""
    from ressort.actions import services as actions

    grid = actions.analysis_grid(approach)
    today, _scenarios = actions.effects_of(sheet.action)
    rows = [(d, today.get(d.code)) for d in grid.dimensions if d.code in today]
    return {"grid": grid, "rows": rows, "missing": len(grid.dimensions) - len(rows)}


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": ActionSheet})
def sheet_edit(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    sheet = get_sheet(approach, pk)
    form = SheetForm(request.POST or None, instance=sheet, approach=approach)
    form.extra_kwargs = {"approach": approach}  # type: ignore[attr-defined]
    return versioned_edit(
        request,
        form,
        success="La fiche action est enregistrée.",
        done=sheet_url(sheet),
        title=f"Fiche action : {sheet.action.title}",
        delete_url=demarche_url(approach, "strategy:sheet_delete", sheet.pk),
    )


sheet_delete = delete_view(
    ActionSheet,
    right=Right.CONTRIBUTE,
    what=lambda sheet: f"La fiche de « {sheet.action.title} »",
    consequence="l'action reste dans la liste des actions et l'historique permet de rétablir "
    "la fiche",
    gone="{what} est supprimée (l'action reste dans la liste des actions ; l'historique "
    "permet de rétablir la fiche).",
    done=link_to("strategy:overview"),
    back=lambda request, sheet: sheet_url(sheet),
    perform=lambda request, sheet: services.delete_with_history(sheet, request.user),
)


@dataclass(frozen=True)
class Part:
    """A repeated part of a sheet, edited through its own small versioned form."""

    model: type[Any]
    form: type[VersionedForm]
    title: str
    added: str
    anchor: str
    needs_approach: bool = False


PARTS = {
    "budget": Part(BudgetLine, BudgetLineForm, "ligne de budget", "La ligne de budget", "budget"),
    "financement": Part(
        Funding, FundingForm, "source de financement", "La source de financement", "financement"
    ),
    "jalon": Part(Milestone, MilestoneForm, "jalon", "Le jalon", "calendrier"),
    "indicateur": Part(
        SheetIndicator,
        SheetIndicatorForm,
        "indicateur",
        "L'indicateur",
        "indicateurs",
        needs_approach=True,
    ),
}


def _part(kind: str) -> Part:
    part = PARTS.get(kind)
    if part is None:
        raise Http404("Élément de fiche inconnu.")
    return part


def _part_page(
    request: HttpRequest, approach: Approach, pk: int, kind: str, item: int | None
) -> HttpResponse:
    sheet = get_sheet(approach, pk)
    part = _part(kind)
    instance = (
        get_object_or_404(part.model, sheet=sheet, pk=item)
        if item is not None
        else part.model(sheet=sheet)
    )
    extra = {"approach": approach} if part.needs_approach else {}
    form = part.form(request.POST or None, instance=instance, **extra)
    form.extra_kwargs = extra  # type: ignore[attr-defined]
    verb = "enregistré" if item is not None else "ajouté"
    ending = "e" if part.added.startswith("La ") else ""
    return versioned_edit(
        request,
        form,
        success=f"{part.added} est {verb}{ending}.",
        done=f"{sheet_url(sheet)}#{part.anchor}",
        title=(f"Modifier : {part.title}" if item else f"Ajouter : {part.title}")
        + f" — {sheet.action.title}",
        delete_url=(
            demarche_url(approach, "strategy:part_delete", sheet.pk, kind, item) if item else ""
        ),
    )


PART_KINDS = {"kind": tuple(PARTS)}
PART_ITEM = {"item": BudgetLine, "pk": "item.sheet_id"}  # the route test's example


@demarche_view(Right.CONTRIBUTE, FORM, objects={"pk": ActionSheet}, samples=PART_KINDS)
def part_add(request: HttpRequest, approach: Approach, pk: int, kind: str) -> HttpResponse:
    return _part_page(request, approach, pk, kind, None)


@demarche_view(Right.CONTRIBUTE, FORM, objects=PART_ITEM, samples=PART_KINDS)
def part_edit(
    request: HttpRequest, approach: Approach, pk: int, kind: str, item: int
) -> HttpResponse:
    return _part_page(request, approach, pk, kind, item)


@demarche_view(Right.CONTRIBUTE, WRITE, objects=PART_ITEM, samples=PART_KINDS)
def part_delete(
    request: HttpRequest, approach: Approach, pk: int, kind: str, item: int
) -> HttpResponse:
    sheet = get_sheet(approach, pk)
    part = _part(kind)
    obj = get_object_or_404(part.model, sheet=sheet, pk=item)
    with transaction.atomic():
        services.delete_with_history(obj, request.user)
    messages.success(request, f"{part.added} « {obj} » est supprimé·e de la fiche.")
    return redirect(f"{sheet_url(sheet)}#{part.anchor}")


@demarche_view(Right.VIEW, READ, objects={"pk": ActionSheet})
def sheet_history(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    sheet = get_sheet(approach, pk)

    def only(kind: history.Tracked, qs: Any) -> Any:
        if kind.key == "fiche":
            return qs.filter(id=sheet.pk)
        if kind.key in ("budget", "financement", "jalon", "indicateur-fiche"):
            return qs.filter(sheet_id=sheet.pk)
        return None

    return render(
        request,
        "strategy/sheet_history.html",
        {
            "sheet": sheet,
            "entries": history.entries(approach, limit=200, only=only),
            "can_revert": role_has(approach.current_role, Right.EDIT_FRAMING),
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": ActionSheet})
def sheet_geojson(request: HttpRequest, approach: Approach, pk: int) -> JsonResponse:
    """The perimeter's communes, those concerned by the action marked `concernee`."""
    sheet = get_sheet(approach, pk)
    chosen = set(sheet.commune_codes)
    features = []
    for code, name, geometry in approach.communes.exclude(geometry="").values_list(
        "code", "name", "geometry"
    ):
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(geometry),
                "properties": {
                    "code": code,
                    "nom": name,
                    "concernee": sheet.whole_territory or code in chosen,
                },
            }
        )
    return JsonResponse({"type": "FeatureCollection", "features": features})
