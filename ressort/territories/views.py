import json
from functools import reduce
from operator import or_

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ressort.territories.models import Territory, TerritoryType
from ressort.territories.services import outline_of, search_territories

# Beyond this, the map shows the outline alone (a région has thousands of communes).
MAX_COMMUNES_ON_MAP = 1500


def get_territory(kind: str, code: str) -> Territory:
    if kind not in TerritoryType.values:
        raise Http404("Type de territoire inconnu.")
    return get_object_or_404(Territory, type=kind, code=code)


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("type", "")
    results = list(search_territories(query, [kind] if kind else None, 50)) if query else []
    context = {"query": query, "kind": kind, "results": results, "types": TerritoryType.choices}
    template = "territories/_results.html" if request.htmx else "territories/search.html"
    return render(request, template, context)


def containing(territory: Territory) -> list[Territory]:
    """The région, département and intercommunality a territory belongs to, each matched
    with its own kind (a code means nothing across kinds: région 84 is not département 84)."""
    wanted = [
        (TerritoryType.REGION, territory.region_code),
        (TerritoryType.DEPARTMENT, territory.department_code),
        (TerritoryType.EPCI, territory.epci_code),
    ]
    found = {
        (t.type, t.code): t
        for t in Territory.objects.filter(
            reduce(or_, (Q(type=kind, code=code) for kind, code in wanted if code), Q(pk=None))
        ).exclude(pk=territory.pk)
    }
    return [found[key] for key in wanted if key in found]


@require_GET
@login_required
def detail(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    territory = get_territory(kind, code)
    members = territory.members().order_by("name")
    page = Paginator(members, 100).get_page(request.GET.get("page"))
    parents = containing(territory)
    return render(
        request,
        "territories/detail.html",
        {"territory": territory, "page": page, "parents": parents},
    )


@require_GET
@login_required
def contours(request: HttpRequest, kind: str, code: str) -> JsonResponse:
    territory = get_territory(kind, code)
    return JsonResponse(feature_collection(outline_of(territory), territory.members()))


def feature_collection(outline: str, communes: QuerySet[Territory]) -> dict[str, object]:
    """GeoJSON of a perimeter: its outline, and its communes when they are not too many."""
    features: list[dict[str, object]] = []
    if outline:
        features.append(
            {"type": "Feature", "geometry": json.loads(outline), "properties": {"role": "outline"}}
        )
    if communes.count() <= MAX_COMMUNES_ON_MAP:
        for code, name, geom in communes.exclude(geometry="").values_list(
            "code", "name", "geometry"
        ):
            features.append(
                {
                    "type": "Feature",
                    "geometry": json.loads(geom),
                    "properties": {"role": "commune", "code": code, "nom": name},
                }
            )
    return {"type": "FeatureCollection", "features": features}
