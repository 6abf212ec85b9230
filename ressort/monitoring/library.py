"""The experience library: themes, dimension choices, search and tag writing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from ressort.monitoring.models import ExperienceReport, ExperienceTag, TagKind

# Themes of the library, as used by French local authorities' transition plans.
THEMES: dict[str, str] = {
    "alimentation": "Alimentation et agriculture",
    "eau": "Eau et milieux aquatiques",
    "energie": "Énergie et climat",
    "mobilite": "Mobilités",
    "habitat": "Habitat, urbanisme et sols",
    "biodiversite": "Biodiversité et paysages",
    "economie": "Économie locale et emploi",
    "solidarite": "Solidarités, santé et cohésion",
    "risques": "Risques et adaptation",
    "dechets": "Déchets et ressources",
    "gouvernance": "Gouvernance, participation et coopération",
    "culture": "Culture, patrimoine et identité",
}

# The frameworks whose nodes a report may name, and the node kinds offered.
DIMENSION_FRAMEWORKS = (("donut", ("dimension",)), ("boussole", ("principe", "levier")))


def dimension_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped (framework name, [(code, label)]) of the shipped frameworks' current versions."""
    from ressort.frameworks.services import shipped_current

    groups = []
    for code, kinds in DIMENSION_FRAMEWORKS:
        version = shipped_current(code)
        if version is None:
            continue
        nodes = version.dimensions.filter(kind__in=kinds).order_by("order", "code")
        # The Doughnut's codes are English words (« food »): its labels alone on a page;
        # the Boussole's codes are its numbering, kept in front of the label.
        groups.append(
            (
                version.name,
                [(n.code, n.label if code == "donut" else f"{n.code} — {n.label}") for n in nodes],
            )
        )
    return groups


def dimension_labels() -> dict[str, str]:
    return {code: label for _, items in dimension_choices() for code, label in items}


def search(
    *,
    text: str = "",
    theme: str = "",
    dimension: str = "",
    size_class: str = "",
    region: Any = None,
) -> QuerySet[ExperienceReport]:
    reports = ExperienceReport.objects.select_related("region", "published_by")
    if text:
        reports = reports.filter(
            Q(title__icontains=text)
            | Q(territory_name__icontains=text)
            | Q(summary__icontains=text)
            | Q(actions__icontains=text)
            | Q(lessons__icontains=text)
        )
    if theme:
        reports = reports.filter(tags__kind=TagKind.THEME, tags__value=theme)
    if dimension:
        reports = reports.filter(tags__kind=TagKind.DIMENSION, tags__value=dimension)
    if size_class:
        reports = reports.filter(size_class=size_class)
    if region:
        reports = reports.filter(region=region)
    return reports.prefetch_related("tags").distinct().order_by("title", "pk")


@transaction.atomic
def set_tags(report: ExperienceReport, themes: Iterable[str], dimensions: Iterable[str]) -> None:
    report.tags.all().delete()
    ExperienceTag.objects.bulk_create(
        [ExperienceTag(report=report, kind=TagKind.THEME, value=v) for v in dict.fromkeys(themes)]
        + [
            ExperienceTag(report=report, kind=TagKind.DIMENSION, value=v)
            for v in dict.fromkeys(dimensions)
        ]
    )


def size_class_for(territory: Any, population: int | None) -> str:
    """The library's size class of a démarche's perimeter."""
    from ressort.monitoring.models import SizeClass

    kind = getattr(territory, "type", "")
    if kind in ("DEP", "REG"):
        return SizeClass.DEPARTMENT
    if kind == "COM":
        if population is not None and population < 2000:
            return SizeClass.VILLAGE
        if population is not None and population <= 20000:
            return SizeClass.SMALL_TOWN
        return SizeClass.TOWN
    if population is not None and population > 100000:
        return SizeClass.URBAN_GROUPING
    return SizeClass.RURAL_GROUPING


def may_edit(report: ExperienceReport, user: Any, approach: Any) -> bool:
    """Shipped cases: staff only. Others: their author, or the leads of the publishing démarche."""
    if getattr(user, "is_staff", False):
        return True
    if report.shipped:
        return False
    if report.created_by_id is not None and report.created_by_id == user.pk:
        return True
    from ressort.approaches.access import LEADS

    return (
        report.published_by_id is not None
        and report.published_by_id == approach.pk
        and approach.current_role in LEADS
    )


SHIPPED = Path(__file__).resolve().parents[2] / "data" / "monitoring" / "experiences.yaml"
REQUIRED = ("title", "territory_name", "size_class", "summary", "source_label")


def read_shipped_cases(path: Path = SHIPPED) -> list[dict[str, Any]]:
    """The shipped cases, checked; ValueError in French naming the entry and the field."""
    import yaml

    from ressort.monitoring.models import SizeClass

    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path.name} : une liste de cas est attendue.")
    faults = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, cas n° {number}"
        if not isinstance(entry, dict):
            faults.append(f"{where} : un dictionnaire est attendu.")
            continue
        faults += [f"{where} : champ « {f} » manquant." for f in REQUIRED if not entry.get(f)]
        if entry.get("size_class") not in SizeClass.values:
            faults.append(f"{where}, size_class : « {entry.get('size_class')} » inconnu.")
        faults += [
            f"{where}, themes : thème « {t} » inconnu."
            for t in entry.get("themes", [])
            if t not in THEMES
        ]
    if faults:
        raise ValueError("\n".join(faults))
    return entries  # type: ignore[no-any-return]


@transaction.atomic
def load_shipped_cases(path: Path = SHIPPED) -> tuple[int, int]:
    """Create or update the shipped cases (matched by title); returns (created, updated)."""
    from ressort.territories.models import Territory

    created = updated = 0
    for entry in read_shipped_cases(path):
        region = (
            Territory.objects.filter(type="REG", code=entry["region_code"]).first()
            if entry.get("region_code")
            else None
        )
        report, was_created = ExperienceReport.objects.update_or_create(
            title=entry["title"],
            shipped=True,
            defaults={
                "territory_name": entry["territory_name"],
                "population": entry.get("population"),
                "size_class": entry["size_class"],
                "region": region,
                "summary": entry["summary"],
                "actions": entry.get("actions", ""),
                "results": entry.get("results", ""),
                "lessons": entry.get("lessons", ""),
                "contacts": entry.get("contacts", ""),
                "source_label": entry["source_label"],
                "source_url": entry.get("source_url", ""),
            },
        )
        set_tags(report, entry.get("themes", []), entry.get("dimensions", []))
        created += was_created
        updated += not was_created
    return created, updated
