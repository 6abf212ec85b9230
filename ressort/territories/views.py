import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
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


@require_GET
@login_required
def detail(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    territory = get_territory(kind, code)
    members = territory.members().order_by("name")
    page = Paginator(members, 100).get_page(request.GET.get("page"))
    parents = Territory.objects.filter(
        type__in=["EPCI", "DEP", "REG"],
        code__in=[territory.epci_code, territory.department_code, territory.region_code],
    ).order_by("-type")
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
