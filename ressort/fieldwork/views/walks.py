"""« Diagnostic en marchant » sessions: a walk's route, who walked, what was seen on the way."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import services
from ressort.fieldwork.forms import WalkForm
from ressort.fieldwork.models import Walk
from ressort.web import link_to
from ressort.web.generic import Noun, object_pages
from ressort.web.scoped import READ, demarche_view, get_scoped, scoped

_list_url = link_to("fieldwork:walk_list")


def walk_geojson(walk: Walk) -> dict[str, Any]:
    """The walk's route and its located observations, for its map."""
    features = [services.route_feature(walk)] if walk.route else []
    features += [
        services.point_feature(obs, "observation")
        for obs in walk.observations.all()
        if obs.has_point
    ]
    return {"type": "FeatureCollection", "features": features}


@demarche_view(Right.VIEW, READ)
def walk_list(request: HttpRequest, approach: Approach) -> HttpResponse:
    walks = scoped(Walk, approach).prefetch_related("observations").order_by("-walked_on", "-pk")
    return render(request, "fieldwork/walk_list.html", {"walks": walks})


@demarche_view(Right.VIEW, READ, objects={"pk": Walk})
def walk_detail(request: HttpRequest, approach: Approach, pk: int) -> HttpResponse:
    walk = get_scoped(Walk.objects.select_related("approach"), approach, pk=pk)
    return render(
        request,
        "fieldwork/walk_detail.html",
        {"walk": walk, "walk_geojson": walk_geojson(walk), "observations": walk.observations.all()},
    )


walk_edit, walk_delete = object_pages(
    Walk,
    WalkForm,
    right=Right.CONTRIBUTE,
    noun=Noun("la marche", attr="title", feminine=True, add="Nouvelle marche"),
    new=lambda request, approach: Walk(approach=approach, author=request.user),
    done=lambda request, w: w.get_absolute_url(),
    listing=_list_url,
    template="fieldwork/walk_form.html",
    consequence="ses observations restent",
)
