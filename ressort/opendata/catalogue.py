"""The indicator catalogue (data/opendata/catalogue.yaml): read by `load_catalogue`, added to
a démarche by `add_to_approach` (all of it, or the indicators of chosen dimensions)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction

from ressort.analysis.aggregation import RULES
from ressort.approaches.models import Approach
from ressort.portrait.models import Direction, Indicator

CATALOGUE_PATH = Path(settings.BASE_DIR) / "data" / "opendata" / "catalogue.yaml"
LEVELS = {
    "commune": "Commune",
    "epci": "EPCI",
    "departement": "Département",
    "region": "Région",
    "monde": "Monde",
}


class CatalogueError(ValueError):
    """The catalogue file is not as documented (message in French)."""


@dataclass(frozen=True)
class Threshold:
    kind: str  # "plancher" | "plafond"
    value: float
    source: str


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    definition: str
    unit: str
    direction: str
    dimensions: tuple[str, ...]
    source: str
    source_url: str
    level: str
    rhythm: str
    aggregation: str
    threshold: Threshold | None
    collect: dict[str, Any] = field(default_factory=dict)

    @property
    def connector(self) -> str:
        return str(self.collect.get("connecteur", ""))

    @property
    def level_label(self) -> str:
        return LEVELS.get(self.level, self.level)


@dataclass(frozen=True)
class Catalogue:
    code: str
    version: str
    source: str
    entries: tuple[Entry, ...]

    def get(self, code: str) -> Entry | None:
        return next((e for e in self.entries if e.code == code), None)

    def for_dimensions(self, codes: set[str]) -> list[Entry]:
        return [e for e in self.entries if codes & set(e.dimensions)]


def _entry(raw: dict[str, Any], number: int) -> Entry:
    where = f"indicateur n° {number} ({raw.get('code', '?')})"
    for key in ("code", "nom", "unite", "sens", "dimensions", "source", "agregation"):
        if not raw.get(key):
            raise CatalogueError(f"{where}\u00a0: champ «\u00a0{key}\u00a0» manquant.")
    if raw["sens"] not in ("haut", "bas"):
        raise CatalogueError(f"{where} : sens « {raw['sens']} » inconnu (haut ou bas).")
    if raw["agregation"] not in RULES:
        raise CatalogueError(f"{where} : règle d'agrégation « {raw['agregation']} » inconnue.")
    threshold = None
    if raw.get("seuil"):
        seuil = raw["seuil"]
        if seuil.get("type") not in ("plancher", "plafond") or not seuil.get("source"):
            raise CatalogueError(f"{where} : un seuil a un type (plancher, plafond) et une source.")
        threshold = Threshold(seuil["type"], float(seuil["valeur"]), str(seuil["source"]))
    source = raw["source"]
    return Entry(
        code=str(raw["code"]),
        name=str(raw["nom"]),
        definition=str(raw.get("definition", "")),
        unit=str(raw["unite"]),
        direction=Direction.HIGHER if raw["sens"] == "haut" else Direction.LOWER,
        dimensions=tuple(str(c) for c in raw["dimensions"]),
        source=str(source.get("nom", "")),
        source_url=str(source.get("url", "")),
        level=str(raw.get("niveau", "")),
        rhythm=str(raw.get("rythme", "")),
        aggregation=str(raw["agregation"]),
        threshold=threshold,
        collect=dict(raw.get("collecte") or {}),
    )


def parse_catalogue(text: str) -> Catalogue:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CatalogueError(f"Catalogue illisible\u00a0: {error}") from error
    if not isinstance(raw, dict) or not isinstance(raw.get("indicateurs"), list):
        raise CatalogueError("Catalogue sans liste «\u00a0indicateurs\u00a0».")
    entries = tuple(_entry(item, n) for n, item in enumerate(raw["indicateurs"], start=1))
    codes = [e.code for e in entries]
    doubles = sorted({c for c in codes if codes.count(c) > 1})
    if doubles:
        raise CatalogueError("Codes en double dans le catalogue\u00a0: " + ", ".join(doubles) + ".")
    return Catalogue(
        code=str(raw.get("code", "")),
        version=str(raw.get("version", "")),
        source=" ".join(str(raw.get("source", "")).split()),
        entries=entries,
    )


@functools.cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue (the one function that reads data/opendata/catalogue.yaml)."""
    return parse_catalogue(CATALOGUE_PATH.read_text(encoding="utf-8"))


def _fields(entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
    floor = ceiling = None
    if entry.threshold is not None:
        if entry.threshold.kind == "plancher":
            floor = entry.threshold.value
        else:
            ceiling = entry.threshold.value
    return {
        "name": entry.name[:200],
        "unit": entry.unit[:40],
        "source": entry.source[:300],
        "source_url": entry.source_url,
        "direction": entry.direction,
        "social_floor": floor,
        "ecological_ceiling": ceiling,
        "dimension_codes": list(entry.dimensions),
        "description": entry.definition,
        "catalogue_code": entry.code,
        "threshold_source": (entry.threshold.source if entry.threshold else "")[:300],
        "level": entry.level,
        "aggregation": entry.aggregation,
        "update_rhythm": entry.rhythm[:60],
    }


@dataclass
class AddResult:
    created: list[Indicator]
    kept: list[Indicator]


@transaction.atomic
def add_to_approach(
    approach: Approach, codes: list[str] | None = None, *, user: Any = None
) -> AddResult:
    """Add the catalogue's indicators (all, or those whose codes are given) to the démarche.

    An indicator the démarche already has (same code) is kept as the team adapted it: adding
    the catalogue twice changes nothing."""
    catalogue = load_catalogue()
    entries = list(catalogue.entries)
    if codes is not None:
        wanted = set(codes)
        unknown = wanted - {e.code for e in entries}
        if unknown:
            raise CatalogueError(
                "Indicateurs absents du catalogue\u00a0: " + ", ".join(sorted(unknown)) + "."
            )
        entries = [e for e in entries if e.code in wanted]
    existing = {i.code: i for i in approach.indicators.filter(code__in=[e.code for e in entries])}
    result = AddResult([], [])
    for entry in entries:
        if entry.code in existing:
            result.kept.append(existing[entry.code])
            continue
        indicator = Indicator.objects.create(
            approach=approach,
            code=entry.code,
            created_by=user if getattr(user, "pk", None) else None,
            **_fields(entry, catalogue),
        )
        result.created.append(indicator)
    return result
