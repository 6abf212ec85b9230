"""Territories like ours: the ten nearest authorities of the same kind, their figures beside
ours, and the case library's reports from territories of our size first.

The characteristics come from the shipped official data only (ressort.territories: legal
populations, commune contours' areas, memberships), so that every territory of France has
them and nothing is fetched. Age structure, income and climate are not in that data: the
open-data connectors fetch them for the démarche's own communes only. The distance is
`ressort.analysis.similar_territories` (its docstring states the method).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import median
from typing import Any

from django.db.models import Count, Q, Sum

from ressort.analysis.similar_territories import Feature, Profile, Similarity, similar
from ressort.approaches.models import Approach
from ressort.monitoring.library import size_class_for
from ressort.monitoring.models import ExperienceReport
from ressort.portrait.models import Indicator, IndicatorValue, Scope
from ressort.territories.models import Territory, TerritoryType

NEIGHBOURS = 10
SMALL_COMMUNE = 2000  # inhabitants: INSEE's historical threshold of a rural commune

POPULATION = Feature("population", "Population", log=True)
AREA = Feature("area", "Superficie", log=True)
DENSITY = Feature("density", "Densité", log=True)
COMMUNES = Feature("communes", "Nombre de communes", log=True)
SMALL_SHARE = Feature("small_share", "Part des communes de moins de 2 000 habitants")
FEATURES = {
    TerritoryType.COMMUNE: (POPULATION, AREA, DENSITY),
    TerritoryType.EPCI: (POPULATION, AREA, DENSITY, COMMUNES, SMALL_SHARE),
    TerritoryType.DEPARTMENT: (POPULATION, AREA, DENSITY, COMMUNES, SMALL_SHARE),
    TerritoryType.REGION: (POPULATION, AREA, DENSITY, COMMUNES, SMALL_SHARE),
}
KIND_LABELS = {
    TerritoryType.COMMUNE: "communes",
    TerritoryType.EPCI: "intercommunalités (EPCI à fiscalité propre)",
    TerritoryType.DEPARTMENT: "départements",
    TerritoryType.REGION: "régions",
}
GROUP_FIELD = {
    TerritoryType.EPCI: "epci_code",
    TerritoryType.DEPARTMENT: "department_code",
    TerritoryType.REGION: "region_code",
}


def _profile(code: str, name: str, population: Any, area: Any, count: int, small: int) -> Profile:
    population = float(population) if population is not None else None
    area = float(area) if area else None
    return Profile(
        code,
        name,
        {
            "population": population,
            "area": area,
            "density": population / area if population is not None and area else None,
            "communes": float(count),
            "small_share": 100.0 * small / count if count else None,
        },
    )


def pool(kind: str) -> list[Profile]:
    """Every current territory of that kind, with its characteristics."""
    communes = Territory.objects.filter(type=TerritoryType.COMMUNE, is_current=True)
    if kind == TerritoryType.COMMUNE:
        return [
            _profile(code, name, population, area, 1, int((population or 0) < SMALL_COMMUNE))
            for code, name, population, area in communes.values_list(
                "code", "name", "population", "area_km2"
            )
        ]
    field = GROUP_FIELD[TerritoryType(kind)]
    names = dict(Territory.objects.filter(type=kind, is_current=True).values_list("code", "name"))
    rows = communes.exclude(**{field: ""}).values(field).annotate(**_totals()).order_by(field)
    return [
        _profile(
            r[field], names[r[field]], r["inhabitants"], r["surface"], r["members"], r["small"]
        )
        for r in rows
        if r[field] in names
    ]


def _totals() -> dict[str, Any]:
    """What a profile adds up over communes: people, surface, communes, small communes."""
    return {
        "inhabitants": Sum("population"),
        "surface": Sum("area_km2"),
        "members": Count("pk"),
        "small": Count("pk", filter=Q(population__lt=SMALL_COMMUNE)),
    }


def ours(approach: Approach) -> tuple[str, Profile]:
    """The kind the démarche is compared within, and its own profile (from its communes).

    A custom grouping of communes is compared with the EPCI, the groupings it resembles."""
    territory = approach.territory
    kind = territory.type if territory is not None else TerritoryType.EPCI
    communes = approach.communes.filter(type=TerritoryType.COMMUNE)
    totals = communes.aggregate(**_totals())
    code = territory.code if territory is not None else ""
    return kind, _profile(
        code,
        approach.perimeter_name,
        totals["inhabitants"],
        totals["surface"],
        totals["members"] or 0,
        totals["small"] or 0,
    )


@dataclass
class IndicatorComparison:
    indicator: Indicator
    own: IndicatorValue | None
    others: list[tuple[str, IndicatorValue | None]]  # neighbour's name → its latest value
    median: float | None
    lowest: float | None
    highest: float | None

    @property
    def known(self) -> int:
        return sum(1 for _, value in self.others if value is not None)


@dataclass
class Comparison:
    kind: str
    kind_label: str
    own: Profile
    result: Similarity | None
    territories: dict[str, Territory]  # neighbours by code
    neighbour_values: dict[str, Mapping[str, float | None]]  # their characteristics, by code
    indicators: list[IndicatorComparison]
    reports: list[ExperienceReport]
    error: str = ""


def indicator_comparisons(
    approach: Approach, neighbours: list[Territory]
) -> list[IndicatorComparison]:
    """The démarche's own indicators (not those computed from the official data, already in
    the characteristics) with their latest values for us and for each neighbour, when the
    team entered, imported or fetched them."""
    indicators = list(approach.indicators.filter(computed_from="").order_by("name", "pk"))
    latest_own: dict[int, IndicatorValue] = {}
    latest_other: dict[tuple[int, int], IndicatorValue] = {}
    values = IndicatorValue.objects.filter(indicator__in=indicators).order_by("year")
    for value in values.filter(scope=Scope.PERIMETER):
        latest_own[value.indicator_id] = value
    for value in values.filter(scope=Scope.TERRITORY, territory__in=neighbours):
        latest_other[(value.indicator_id, value.territory_id)] = value  # type: ignore[index]
    result = []
    for indicator in indicators:
        others = [(t.name, latest_other.get((indicator.pk, t.pk))) for t in neighbours]
        figures = [v.value for _, v in others if v is not None]
        result.append(
            IndicatorComparison(
                indicator=indicator,
                own=latest_own.get(indicator.pk),
                others=others,
                median=median(figures) if figures else None,
                lowest=min(figures) if figures else None,
                highest=max(figures) if figures else None,
            )
        )
    return result


def reports_like(approach: Approach, population: float | None, limit: int = 6) -> list[Any]:
    """The case library's reports, those of our size class first, then the nearest in
    population (on a logarithmic scale), then the others by title."""
    size = size_class_for(approach.territory, int(population) if population else None)
    reports = list(ExperienceReport.objects.select_related("region").order_by("title", "pk"))

    def key(report: ExperienceReport) -> tuple[int, float]:
        if report.population and population:
            gap = abs(math.log10(report.population) - math.log10(population))
        else:
            gap = math.inf
        return (0 if report.size_class == size else 1, gap)

    return sorted(reports, key=key)[:limit]


def compare(approach: Approach, count: int = NEIGHBOURS) -> Comparison:
    kind, own = ours(approach)
    label = KIND_LABELS[TerritoryType(kind)]
    reports = reports_like(approach, own.values["population"])
    profiles = pool(kind)
    try:
        result = similar(own, profiles, FEATURES[TerritoryType(kind)], count)
    except ValueError as error:
        return Comparison(kind, label, own, None, {}, {}, [], reports, str(error))
    codes = [n.code for n in result.neighbours]
    territories = {
        t.code: t for t in Territory.objects.filter(type=kind, code__in=codes, is_current=True)
    }
    neighbours = [territories[c] for c in codes if c in territories]
    chosen = set(codes)
    return Comparison(
        kind,
        label,
        own,
        result,
        territories,
        {p.code: p.values for p in profiles if p.code in chosen},
        indicator_comparisons(approach, neighbours),
        reports,
    )
