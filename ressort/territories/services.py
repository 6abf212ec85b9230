"""Queries on territories shared by the pages, the API and the démarches."""

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from ressort.analysis import geo
from ressort.territories.models import Territory, TerritoryType
from ressort.territories.text import normalize

# INSEE codes (01001, 2A004), SIREN of EPCI (243800604) and postal codes (38300).
CODE_LIKE = re.compile(r"[0-9][0-9ab][0-9]*")


def search_territories(
    query: str, types: list[str] | None = None, limit: int = 20
) -> QuerySet[Territory]:
    """Accent- and case-insensitive search by name, INSEE/SIREN code or postal code."""
    words = normalize(query).split()
    qs = Territory.objects.filter(is_current=True)
    if types:
        qs = qs.filter(type__in=types)
    if not words:
        return qs.none()
    if len(words) == 1 and CODE_LIKE.fullmatch(words[0]):
        code = words[0].upper()
        qs = qs.filter(Q(code__startswith=code) | Q(postal_codes__contains=words[0]))
    else:
        for word in words:
            qs = qs.filter(search_name__contains=word)
    first = words[0]
    qs = qs.annotate(
        relevance=Case(
            When(code__iexact=query.strip(), then=Value(0)),
            When(search_name=" ".join(words), then=Value(1)),
            When(search_name__startswith=first, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )
    return qs.order_by("relevance", "-population", "name")[:limit]


def outline_of(territory: Territory) -> str:
    """The territory's outline as GeoJSON, computed from its communes once, then kept."""
    if territory.geometry or territory.type == TerritoryType.COMMUNE:
        return territory.geometry
    contours = territory.members().exclude(geometry="").values_list("geometry", flat=True)
    territory.geometry = geo.outline(contours.iterator()) or ""
    Territory.objects.filter(pk=territory.pk).update(geometry=territory.geometry)
    return territory.geometry
