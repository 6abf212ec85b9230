"""The inventory of vulnerabilities and resources, and the hazards they face."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import services
from ressort.fieldwork.forms import HazardForm, ResourceForm, VulnerabilityForm
from ressort.fieldwork.models import Hazard, Observation, Resource, Vulnerability
from ressort.web import link_to
from ressort.web.generic import add_view, delete_view, edit_view
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped, scoped

KINDS: dict[str, tuple[type[Vulnerability] | type[Resource], Any]] = {
    "vulnerabilite": (Vulnerability, VulnerabilityForm),
    "ressource": (Resource, ResourceForm),
}
View = Callable[..., HttpResponse]


def _model(kind: str) -> type[Vulnerability] | type[Resource]:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind][0]


def by_kind(views: dict[str, View]) -> View:
    """One route `…/<str:kind>/…` serving a declared view per kind of item.

    The route carries the first view's declaration (its right, methods and object model),
    with the kinds as samples of `kind` for the route-wide rights test.
    """
    first = next(iter(views.values()))

    @wraps(first)
    def view(request: HttpRequest, slug: str, kind: str, **kwargs: Any) -> HttpResponse:
        if kind not in views:
            raise Http404
        return views[kind](request, slug, **kwargs)

    view.demarche_samples = {"kind": tuple(views)}  # type: ignore[attr-defined]
    return view


_inventory_url = link_to("fieldwork:inventory")


def _observation_initial(request: HttpRequest, approach: Approach) -> dict[str, Any]:
    obs = request.GET.get("observation", "")
    if not obs.isdigit():
        return {}
    return {"observations": scoped(Observation, approach).filter(pk=obs)}


def _item_edit(model: type[Vulnerability] | type[Resource], form_class: Any) -> View:
    return edit_view(
        model,
        form_class,
        right=Right.CONTRIBUTE,
        title=lambda item: (
            f"Modifier « {item.title} »" if item.pk else f"Nouvelle {model.kind_label.lower()}"
        ),
        initial=_observation_initial,
        done=lambda request, item: item.get_absolute_url(),
        listing=_inventory_url,
        template="fieldwork/item_form.html",
        saved=f"La {model.kind_label.lower()} est enregistrée.",
    )


def _item_delete(model: type[Vulnerability] | type[Resource]) -> View:
    return delete_view(
        model,
        right=Right.CONTRIBUTE,
        what=lambda item: f"La {item.kind_label.lower()} « {item.title} »",
        done=_inventory_url,
        back=lambda request, item: item.get_absolute_url(),
    )


item_edit = by_kind({kind: _item_edit(model, form) for kind, (model, form) in KINDS.items()})
item_delete = by_kind({kind: _item_delete(model) for kind, (model, _) in KINDS.items()})


@demarche_view(Right.VIEW, READ)
def inventory(request: HttpRequest, approach: Approach) -> HttpResponse:
    dimension = request.GET.get("dimension", "")
    hazard = request.GET.get("alea", "")
    kind = request.GET.get("type", "")
    groups = []
    for code, (model, _) in KINDS.items():
        if kind and kind != code:
            continue
        qs = scoped(model, approach).select_related("approach")
        qs = qs.prefetch_related("hazards").annotate(
            evidence=Count("observations", distinct=True)
            + Count("testimonies", distinct=True)
            + Count("indicators", distinct=True)
        )
        if hazard:
            qs = qs.filter(hazards__code=hazard).filter(
                Q(hazards__approach=None) | Q(hazards__approach=approach)
            )
        items = [
            item
            for item in qs.order_by(f"-{model.level_name}", "title")
            if not dimension or dimension in item.dimensions
        ]
        groups.append((code, model.kind_label, items))
    return render(
        request,
        "fieldwork/inventory.html",
        {
            "groups": groups,
            "hazards": services.hazards_for(approach),
            "dimension_choices": services.dimension_choices(),
            "kinds": [(k, m.kind_label) for k, (m, _) in KINDS.items()],
            "selected": {"dimension": dimension, "alea": hazard, "type": kind},
        },
    )


@demarche_view(Right.VIEW, READ, objects={"pk": Vulnerability}, samples={"kind": tuple(KINDS)})
def item_detail(request: HttpRequest, approach: Approach, kind: str, pk: int) -> HttpResponse:
    item = get_scoped(_model(kind).objects.select_related("approach"), approach, pk=pk)
    return render(
        request,
        "fieldwork/item_detail.html",
        {
            "item": item,
            "kind": kind,
            "hazards": item.hazards.all(),
            "observations": item.observations.all(),
            "testimonies": item.testimonies.all(),
            "indicators": item.indicators.select_related("approach"),
        },
    )


def _hazards_page(
    request: HttpRequest, approach: Approach, form: HazardForm | None = None
) -> HttpResponse:
    hazards = services.hazards_for(approach).annotate(
        vuln_count=Count(
            "vulnerabilities", filter=Q(vulnerabilities__approach=approach), distinct=True
        ),
        res_count=Count("resources", filter=Q(resources__approach=approach), distinct=True),
    )
    return render(
        request, "fieldwork/hazard_list.html", {"hazards": hazards, "form": form or HazardForm()}
    )


@demarche_view(Right.VIEW, READ)
def hazard_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    return _hazards_page(request, approach)


def _hazard_code(request: HttpRequest, hazard: Hazard, form: HazardForm) -> None:
    """A code of its own in the démarche, from the label; after the shipped hazards."""
    base = slugify(hazard.label)[:50] or "alea"
    code, n = base, 1
    while Hazard.objects.filter(approach=hazard.approach, code=code).exists():
        n += 1
        code = f"{base}-{n}"
    hazard.code = code
    hazard.order = 1000


hazard_add = add_view(
    None,
    HazardForm,
    fill=_hazard_code,
    page=lambda request, approach, _, form: _hazards_page(request, approach, form),
    saved=lambda hazard: f"L'aléa « {hazard.label} » est ajouté.",
    done=link_to("fieldwork:hazard_list"),
)


@demarche_view(Right.CONTRIBUTE, WRITE, objects={"pk": Hazard})
def hazard_delete(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    hazard = get_scoped(Hazard, approach, pk=pk)
    hazard.delete()
    messages.success(request, f"L'aléa « {hazard.label} » est retiré.")
    return redirect("fieldwork:hazard_list", approach.slug)
