"""« Reprendre des ateliers d'une autre démarche »: copy workshops as templates into this one
(ressort.workshops.reuse). The copier contributes to both démarches; any other démarche, or
a workshop that is not the chosen démarche's, is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.web.scoped import FORM, demarche_view
from ressort.workshops import reuse
from ressort.workshops.models import Workshop


def _source(request: HttpRequest, approach: Approach, raw: str) -> Approach | None:
    if not raw:
        return None
    found = reuse.sources_for(request.user, approach).filter(pk=int(raw) if raw.isdigit() else 0)
    source = found.first()
    if source is None:
        raise Http404("Démarche introuvable.")
    return source


@demarche_view(Right.CONTRIBUTE, FORM)
def workshop_reuse(request: HttpRequest, approach: Approach) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    source = _source(request, approach, data.get("source", "").strip())
    error = ""
    if request.method == "POST":
        ids = data.getlist("ateliers")
        if source is None:
            error = "Démarche d'origine\u00a0: choisissez-la."
        elif not ids:
            error = "Ateliers à reprendre\u00a0: cochez-en au moins un."
        else:
            if not all(i.isdigit() for i in ids):
                raise Http404("Atelier introuvable.")
            chosen = list(
                Workshop.objects.filter(approach=source, pk__in=ids).order_by("created_at", "pk")
            )
            if len(chosen) != len(set(ids)):
                raise Http404("Atelier introuvable.")
            copied = reuse.copy_workshops(chosen, approach, request.user)
            n = len(copied.workshops)
            messages.success(
                request,
                f"{n}\u00a0atelier{'s' if n > 1 else ''} repris de «\u00a0{source.name}\u00a0» "
                f"({copied.activities}\u00a0activité{'s' if copied.activities > 1 else ''}), "
                "en préparation, sans participant ni réponse.",
            )
            for note in copied.notes:
                messages.warning(request, f"À compléter\u00a0: {note}")
            return redirect("workshops:list", approach.slug)
    workshops = (
        list(
            Workshop.objects.filter(approach=source)
            .annotate(n_activities=Count("activities"))
            .order_by("-created_at", "-pk")
        )
        if source
        else []
    )
    return render(
        request,
        "workshops/reuse.html",
        {
            "sources": reuse.sources_for(request.user, approach),
            "source": source,
            "workshops": workshops,
            "error": error,
        },
        status=400 if error else 200,
    )
