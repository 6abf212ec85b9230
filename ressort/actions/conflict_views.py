"""Conflicts of use: the register of contested resources (uses, actors, claims, options,
arbitrations) and the conflicts detected automatically between actions and policies."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ressort.actions import services
from ressort.actions.forms import ArbitrationForm, OptionForm, ResourceForm, UseForm
from ressort.actions.models import (
    Action,
    Arbitration,
    ContestedResource,
    ResourceOption,
    ResourceUse,
)
from ressort.analysis import portfolio as pf
from ressort.approaches.access import Right, get_approach_for_user
from ressort.approaches.views import approach_context

MAX_PUSHES = 40


@require_http_methods(["GET", "POST"])
@login_required
def conflict_list(request: HttpRequest, slug: str) -> HttpResponse:
    approach = get_approach_for_user(request, slug)
    form = ResourceForm()
    if request.method == "POST":
        approach = get_approach_for_user(request, slug, Right.CONTRIBUTE)
        form = ResourceForm(request.POST)
        if form.is_valid():
            resource = form.save(commit=False)
            resource.approach = approach
            resource.save()
            messages.success(request, f"« {resource.name} » est ajoutée au registre.")
            return redirect("actions:resource_detail", approach.slug, resource.pk)
    resources = list(
        ContestedResource.objects.filter(approach=approach).prefetch_related(
            "uses", "options", "arbitrations", "actions"
        )
    )
    actions = list(
        Action.objects.filter(approach=approach)
        .prefetch_related("evaluations", "resources")
        .order_by("title", "pk")
    )
    names = services.alternative_names(actions)
    shared = pf.shared_resources(
        {names[a.pk]: [r.name for r in a.resources.all()] for a in actions}
    )
    by_name = {r.name: r for r in resources}
    grid = services.analysis_grid(approach)
    pushes = pf.opposite_pushes({names[a.pk]: services.effects_of(a)[0] for a in actions})
    return render(
        request,
        "actions/conflicts.html",
        approach_context(
            request,
            approach,
            form=form,
            resources=resources,
            shared=[(by_name.get(s.resource), s) for s in shared],
            pushes=[{"push": p, "label": grid.label(p.dimension)} for p in pushes[:MAX_PUSHES]],
            more_pushes=max(0, len(pushes) - MAX_PUSHES),
        ),
    )


def _resource(request: HttpRequest, slug: str, pk: int, right: Right) -> tuple[Any, Any]:
    approach = get_approach_for_user(request, slug, right)
    return approach, get_object_or_404(ContestedResource, pk=pk, approach=approach)


@require_http_methods(["GET", "POST"])
@login_required
def resource_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    approach, resource = _resource(request, slug, pk, Right.VIEW)
    forms: dict[str, Any] = {
        "resource_form": ResourceForm(instance=resource, prefix="r"),
        "use_form": UseForm(prefix="u"),
        "option_form": OptionForm(prefix="o"),
        "arbitration_form": ArbitrationForm(resource=resource, prefix="a"),
    }
    if request.method == "POST":
        approach, resource = _resource(request, slug, pk, Right.CONTRIBUTE)
        part = request.POST.get("partie", "")
        saved = ""
        if part == "ressource":
            form = ResourceForm(request.POST, instance=resource, prefix="r")
            forms["resource_form"] = form
            if form.is_valid():
                form.save()
                saved = "La ressource est enregistrée."
        elif part == "usage":
            form = UseForm(request.POST, prefix="u")
            forms["use_form"] = form
            if form.is_valid():
                form.instance.resource = resource
                form.save()
                saved = "L'usage est ajouté."
        elif part == "option":
            form = OptionForm(request.POST, prefix="o")
            forms["option_form"] = form
            if form.is_valid():
                form.instance.resource = resource
                form.save()
                saved = "L'option est ajoutée."
        elif part == "arbitrage":
            form = ArbitrationForm(request.POST, resource=resource, prefix="a")
            forms["arbitration_form"] = form
            if form.is_valid():
                form.instance.resource = resource
                form.save()
                saved = "L'arbitrage est consigné."
        elif part == "actions":
            chosen = request.POST.getlist("actions")
            linked = Action.objects.filter(
                approach=approach, pk__in=[c for c in chosen if c.isdigit()]
            )
            resource.actions.set(linked)
            saved = "Les actions qui sollicitent la ressource sont enregistrées."
        if saved:
            messages.success(request, saved)
            return redirect("actions:resource_detail", approach.slug, resource.pk)
        messages.error(request, "Rien n'est enregistré : corrigez le formulaire signalé.")
    linked = set(resource.actions.values_list("pk", flat=True))
    return render(
        request,
        "actions/resource_detail.html",
        approach_context(
            request,
            approach,
            resource=resource,
            uses=resource.uses.all(),
            options=resource.options.all(),
            arbitrations=resource.arbitrations.select_related("option"),
            actions=Action.objects.filter(approach=approach).order_by("title", "pk"),
            linked=linked,
            **forms,
        ),
    )


@require_POST
@login_required
def resource_item_delete(
    request: HttpRequest, slug: str, pk: int, kind: str, item: int
) -> HttpResponse:
    approach, resource = _resource(request, slug, pk, Right.CONTRIBUTE)
    models = {"usage": ResourceUse, "option": ResourceOption, "arbitrage": Arbitration}
    if kind == "ressource":
        resource.delete()
        messages.success(request, f"« {resource.name} » est retirée du registre.")
        return redirect("actions:conflict_list", approach.slug)
    model = models.get(kind)
    if model is None:
        return redirect("actions:resource_detail", approach.slug, resource.pk)
    get_object_or_404(model, pk=item, resource=resource).delete()
    messages.success(request, "L'élément est supprimé.")
    return redirect("actions:resource_detail", approach.slug, resource.pk)
