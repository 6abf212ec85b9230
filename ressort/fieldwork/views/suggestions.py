"""Dimension tags suggested for quotes and observations, confirmed or set aside by people."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import services, tags
from ressort.fieldwork.models import Observation, Quote
from ressort.web.scoped import READ, WRITE, demarche_view, get_scoped

TARGETS: dict[str, type[Quote] | type[Observation]] = {
    "observation": Observation,
    "citation": Quote,
}
DECLARED = {"objects": {"pk": Observation}, "samples": {"what": tuple(TARGETS)}}


def _tag_target(approach: Approach, what: str, pk: int) -> Quote | Observation:
    if what not in TARGETS:
        raise Http404
    return get_scoped(TARGETS[what], approach, pk=pk)


def _back_to(target: Quote | Observation) -> str:
    if isinstance(target, Quote):
        return target.get_absolute_url()
    return target.get_absolute_url() + "#etiquettes"


def _suggestions_response(
    request: HttpRequest, what: str, target: Quote | Observation
) -> HttpResponse:
    context = {
        "what": what,
        "target": target,
        "suggestions": tags.suggest_for(target),
        "back": _back_to(target),
    }
    template = (
        "fieldwork/_suggestions.html" if request.htmx else "fieldwork/suggestions_page.html"  # type: ignore[attr-defined]
    )
    return render(request, template, context)


@demarche_view(Right.CONTRIBUTE, READ, **DECLARED)  # type: ignore[arg-type]
def suggestions(request: HttpRequest, approach: Approach, what: str, pk: int) -> HttpResponse:
    return _suggestions_response(request, what, _tag_target(approach, what, pk))


@demarche_view(Right.CONTRIBUTE, WRITE, **DECLARED)  # type: ignore[arg-type]
def tag_decide(request: HttpRequest, approach: Approach, what: str, pk: int) -> HttpResponse:
    target = _tag_target(approach, what, pk)
    code = request.POST.get("code", "")
    labels = services.dimension_labels()
    if code not in labels:
        messages.error(request, "Dimension inconnue : rien n'est enregistré.")
        return redirect(_back_to(target))
    accepted = request.POST.get("decision") == "confirmer"
    tags.decide(target, code, accepted, request.user)
    if request.htmx:  # type: ignore[attr-defined]
        return _suggestions_response(request, what, target)
    verb = "ajoutée" if accepted else "écartée"
    messages.success(request, f"Dimension « {labels[code]} » {verb}.")
    return redirect(_back_to(target))
