"""Import of indicator values from CSV, XLSX or ODS (ressort/tables.py): all or nothing.

Every row is checked first — known indicator, known place (INSEE code of a commune, SIREN
of an EPCI, code of a département or région, « FR » for France, « périmètre » for the
démarche), a year, a number, and the unit when the file gives one. One fault rejects the
whole file, with the line and column of each fault; otherwise every value is written in
one transaction (an existing value for the same place and year is replaced).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ressort import tables
from ressort.approaches.models import Approach
from ressort.portrait.models import Indicator, IndicatorValue, Scope
from ressort.territories.models import Territory, TerritoryType
from ressort.territories.text import normalize

SCHEMA = tables.TableSchema(
    name="valeurs d'indicateurs",
    columns=(
        tables.Column("indicator", "Indicateur", help="code ou nom de l'indicateur"),
        tables.Column(
            "place",
            "Code INSEE",
            help="commune, SIREN d'EPCI, département, région, FR ou périmètre",
            aliases=("code", "code insee", "territoire", "lieu", "codgeo"),
        ),
        tables.Column("year", "Année", "year", aliases=("annee", "millesime")),
        tables.Column("value", "Valeur", "decimal"),
        tables.Column("unit", "Unité", required=False, aliases=("unite",)),
        tables.Column(
            "level",
            "Niveau",
            required=False,
            help="commune, epci, département, région (pour lever une ambiguïté)",
        ),
        tables.Column("note", "Note sur la source", required=False, aliases=("source", "note")),
    ),
)

LEVELS = {
    "commune": TerritoryType.COMMUNE,
    "com": TerritoryType.COMMUNE,
    "epci": TerritoryType.EPCI,
    "intercommunalite": TerritoryType.EPCI,
    "departement": TerritoryType.DEPARTMENT,
    "dep": TerritoryType.DEPARTMENT,
    "region": TerritoryType.REGION,
    "reg": TerritoryType.REGION,
}
FRANCE = {"fr", "france"}
PERIMETER = {"perimetre", "demarche", "perimetre de la demarche"}


def _unit_key(unit: str) -> str:
    """Units compared without case, spaces or typographic variants (km² = km2, CO₂ = CO2)."""
    return "".join(unicodedata.normalize("NFKC", unit).casefold().split())


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def _place(
    raw: str, level: str | None, cache: dict[tuple[str, str], Territory | None]
) -> tuple[Scope, Territory | None] | str:
    key = normalize(raw)
    if key in FRANCE:
        return Scope.FRANCE, None
    if key in PERIMETER:
        return Scope.PERIMETER, None
    try:
        code = tables.PARSERS["insee"](raw)
    except ValueError as error:
        return str(error)
    if level:
        kind = LEVELS.get(normalize(level))
        if kind is None:
            return f"niveau « {level} » inconnu (commune, EPCI, département ou région)."
    elif len(code) == 9:
        kind = TerritoryType.EPCI
    elif len(code) == 5:
        kind = TerritoryType.COMMUNE
    else:
        kind = TerritoryType.DEPARTMENT
    if (kind, code) not in cache:
        cache[(kind, code)] = Territory.objects.filter(type=kind, code=code).first()
    territory = cache[(kind, code)]
    if territory is None:
        label = TerritoryType(kind).label.lower()
        return f"code « {raw} » inconnu ({label}) dans les territoires officiels."
    return Scope.TERRITORY, territory


def check(approach: Approach, data: bytes, filename: str) -> list[dict[str, Any]]:
    """Every row, cleaned and resolved; TableError listing every fault otherwise."""
    # Read every cell as text, then parse year and value here: the faults of all kinds
    # (numbers, codes, units) are reported together, line by line.
    as_text = dataclasses.replace(
        SCHEMA, columns=tuple(dataclasses.replace(c, kind="text") for c in SCHEMA.columns)
    )
    rows = tables.parse(tables.read_rows(data, filename), as_text)
    indicators = list(approach.indicators.all())
    by_key: dict[str, Indicator] = {}
    for indicator in indicators:
        by_key.setdefault(normalize(indicator.code), indicator)
        by_key.setdefault(normalize(indicator.name), indicator)
    faults: list[tables.Fault] = []
    cache: dict[tuple[str, str], Territory | None] = {}
    seen: dict[tuple[int, str, int | None, int], int] = {}
    label = {c.key: c.label for c in SCHEMA.columns}
    for row in rows:
        line = row["_line"]
        for key in ("year", "value"):
            column = next(c for c in SCHEMA.columns if c.key == key)
            try:
                row[key] = tables.PARSERS[column.kind](row[key])
            except ValueError as error:
                faults.append(tables.Fault(line, column.label, str(error)))
        indicator = by_key.get(normalize(row["indicator"]))
        if indicator is None:
            faults.append(
                tables.Fault(
                    line,
                    label["indicator"],
                    f"indicateur « {row['indicator']} » inconnu dans cette démarche "
                    "(donnez son code ou son nom exact).",
                )
            )
        elif row.get("unit") and _unit_key(row["unit"]) != _unit_key(indicator.unit):
            faults.append(
                tables.Fault(
                    line,
                    label["unit"],
                    f"unité « {row['unit']} » différente de celle de l'indicateur "
                    f"« {indicator.name} » ({indicator.unit}) : convertissez la valeur.",
                )
            )
        place = _place(row["place"], row.get("level"), cache)
        if isinstance(place, str):
            faults.append(tables.Fault(line, label["place"], place))
        elif indicator is not None:
            scope, territory = place
            key = (indicator.pk, scope, territory.pk if territory else None, row["year"])
            if isinstance(row["year"], str):
                pass
            elif key in seen:
                faults.append(
                    tables.Fault(
                        line,
                        None,
                        f"même indicateur, même lieu et même année qu'à la ligne {seen[key]}.",
                    )
                )
            seen[key] = line
            row["_indicator"], row["_scope"], row["_territory"] = indicator, scope, territory
        if len(faults) >= tables.MAX_FAULTS:
            break
    if faults:
        raise tables.TableError(faults)
    return rows


def import_values(approach: Approach, data: bytes, filename: str) -> ImportResult:
    rows = check(approach, data, filename)
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _, was_created = IndicatorValue.objects.update_or_create(
                indicator=row["_indicator"],
                scope=row["_scope"],
                territory=row["_territory"],
                year=row["year"],
                defaults={"value": row["value"], "source_note": (row.get("note") or "")[:300]},
            )
            created += was_created
            updated += not was_created
    return ImportResult(created, updated)


def template_csv(approach: Approach) -> str:
    """A file to fill in: one line per indicator for the perimeter."""
    rows = [
        {
            "indicator": i.code,
            "place": "périmètre",
            "year": None,
            "value": None,
            "unit": i.unit,
            "level": None,
            "note": None,
        }
        for i in approach.indicators.all()
    ]
    return tables.write_csv(SCHEMA, rows)
