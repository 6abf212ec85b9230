"""The field map: observations, testimonies and inventory items placed on the territory."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from ressort.approaches.access import Right
from ressort.approaches.models import Approach
from ressort.fieldwork import services
from ressort.web.scoped import READ, demarche_view


@demarche_view(Right.VIEW, READ)
def field_map(request: HttpRequest, approach: Approach) -> HttpResponse:
    features = services.map_features(approach)["features"]
    return render(request, "fieldwork/map.html", {"features": [f["properties"] for f in features]})


@demarche_view(Right.VIEW, READ)
def field_map_geojson(request: HttpRequest, approach: Approach) -> JsonResponse:
    return JsonResponse(services.map_features(approach))
