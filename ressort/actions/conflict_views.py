"""Conflicts of use: the register of contested resources (uses, actors, claims, options,
arbitrations) and the conflicts detected automatically between actions and policies."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web import link_to
from ressort.web.generic import Noun, add_view, delete_view, edit_view
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped, scoped

MAX_PUSHES = 40


def _conflicts_page(
    request: HttpRequest, approach: Approach, form: ResourceForm | None = None
) -> HttpResponse:
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
    effects = {names[a.pk]: services.effects_of(a)[0] for a in actions}
    pushes = pf.opposite_pushes(effects, limit=MAX_PUSHES)
    total_pushes = pf.count_opposite_pushes(effects)
    return render(
        request,
        "actions/conflicts.html",
        {
            "form": form or ResourceForm(),
            "resources": resources,
            "shared": [(by_name.get(s.resource), s) for s in shared],
            "pushes": [{"push": p, "label": grid.label(p.dimension)} for p in pushes],
            "more_pushes": max(0, total_pushes - len(pushes)),
        },
    )


@demarche_view(Right.VIEW, READ)
def conflict_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _conflicts_page(request, approach)


resource_add = add_view(
    None,
    ResourceForm,
    page=lambda request, approach, _, form: _conflicts_page(request, approach, form),
    saved=lambda resource: f"« {resource.name} » est ajoutée au registre.",
    done=link_to("actions:resource_detail", "pk"),
)


def _resource_page(
    request: HttpRequest,
    approach: Approach,
    resource: ContestedResource,
    status: int = 200,
    **bound: BaseForm,
) -> HttpResponse:
    """The resource's page; `bound` replaces one of its forms by the one just posted."""
    forms: dict[str, Any] = {
        "resource_form": ResourceForm(instance=resource, prefix="r"),
        "use_form": UseForm(prefix="u"),
        "option_form": OptionForm(prefix="o"),
        "arbitration_form": ArbitrationForm(resource=resource, prefix="a"),
        **bound,
    }
    if bound:
        messages.error(request, "Rien n'est enregistré : corrigez le formulaire signalé.")
    linked = set(resource.actions.values_list("pk", flat=True))
    return render(
        request,
        "actions/resource_detail.html",
        {
            "resource": resource,
            "uses": resource.uses.all(),
            "options": resource.options.all(),
            "arbitrations": resource.arbitrations.select_related("option"),
            "actions": scoped(Action, approach).order_by("title", "pk"),
            "linked": linked,
            **forms,
        },
        status=status,
    )


@demarche_view(Right.VIEW, READ, objects={"pk": ContestedResource})
def resource_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    return _resource_page(request, approach, get_scoped(ContestedResource, approach, pk=pk))


def _saved(request: HttpRequest, approach: Approach, resource: Any, text: str) -> HttpResponse:
    messages.success(request, text)
    return redirect("actions:resource_detail", approach.slug, resource.pk)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ContestedResource})
def resource_edit(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    resource = get_scoped(ContestedResource, approach, pk=pk)
    form = ResourceForm(request.POST, instance=resource, prefix="r")
    if not form.is_valid():
        return _resource_page(request, approach, resource, resource_form=form)
    form.save()
    return _saved(request, approach, resource, "La ressource est enregistrée.")


def _part_add(form_class: Any, prefix: str, bound: str, saved: str) -> Any:
    return add_view(
        ContestedResource,
        form_class,
        parent="resource",
        prefix=prefix,
        form_kwargs=(
            (lambda request, approach, resource: {"resource": resource})
            if form_class is ArbitrationForm
            else None
        ),
        page=lambda request, approach, resource, form: _resource_page(
            request, approach, resource, **{bound: form}
        ),
        saved=saved,
        done=link_to("actions:resource_detail", "resource_id"),
    )


use_add = _part_add(UseForm, "u", "use_form", "L'usage est ajouté.")
option_add = _part_add(OptionForm, "o", "option_form", "L'option est ajoutée.")
arbitration_add = _part_add(ArbitrationForm, "a", "arbitration_form", "L'arbitrage est consigné.")


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": ContestedResource})
def resource_actions(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    """The actions that draw on the resource (the checked ones, of this démarche only)."""
    resource = get_scoped(ContestedResource, approach, pk=pk)
    chosen = [c for c in request.POST.getlist("actions") if c.isdigit()]
    resource.actions.set(scoped(Action, approach).filter(pk__in=chosen))
    return _saved(
        request, approach, resource, "Les actions qui sollicitent la ressource sont enregistrées."
    )


_conflicts_url = link_to("actions:conflict_list")


_parent_url = link_to("actions:resource_detail", "resource_id")


_own_url = link_to("actions:resource_detail", "pk")


resource_delete = delete_view(
    ContestedResource,
    right=Right.CONTRIBUTE,
    what=lambda r: f"« {r.name} »",
    done=_conflicts_url,
    back=_own_url,
    consequence="Ses usages, options et arbitrages sont retirés du registre avec elle.",
    gone="{what} est retirée du registre.",
)
use_delete = delete_view(
    ResourceUse,
    right=Right.CONTRIBUTE,
    noun=Noun("l'usage", attr="use"),
    done=_parent_url,
)
option_delete = delete_view(
    ResourceOption,
    right=Right.CONTRIBUTE,
    noun=Noun("l'option", attr="title", feminine=True),
    done=_parent_url,
)
arbitration_delete = delete_view(
    Arbitration,
    right=Right.CONTRIBUTE,
    what=lambda a: f"L'arbitrage du {a.decided_on:%d/%m/%Y}" if a.decided_on else "L'arbitrage",
    done=_parent_url,
)


def _versions(arbitration: Arbitration) -> list[dict[str, Any]]:
    """The arbitration's earlier versions, newest first, with who changed what."""
    records = list(arbitration.history.select_related("history_user").order_by("-history_date"))
    labels = {f.name: f.verbose_name for f in Arbitration._meta.fields}
    out = []
    for newer, older in pairwise(records):
        changed = [labels.get(c.field, c.field) for c in newer.diff_against(older).changes]
        out.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "changed": changed,
                "before": older,
            }
        )
    if records:
        out.append(
            {
                "date": records[-1].history_date,
                "user": records[-1].history_user,
                "changed": [],
                "before": None,
            }
        )
    return out


arbitration_edit = edit_view(
    Arbitration,
    ArbitrationForm,
    right=Right.CONTRIBUTE,
    title=lambda a: f"Corriger l'arbitrage du {a.decided_on:%d/%m/%Y}",
    done=_parent_url,
    form_kwargs=lambda request, approach, a: {"resource": a.resource},
    delete="actions:resource_arbitration_delete",
    template="actions/arbitration_edit.html",
    saved="L'arbitrage est corrigé ; sa version précédente reste dans l'historique.",
    extra=lambda request, a: {"versions": _versions(a)},
)
