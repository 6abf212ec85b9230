"""What a connector receives and returns (see ressort/opendata/refresh.py for the runner)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ressort.analysis.aggregation import Part
from ressort.analysis.typography import read_number
from ressort.opendata.catalogue import Entry
from ressort.opendata.http import unexpected


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    population: float


@dataclass
class Context:
    communes: list[Commune]
    epci_code: str  # the perimeter is exactly this EPCI ("" otherwise)
    entries: list[Entry]  # the démarche's catalogue indicators served by this connector
    today: datetime.date

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.communes]

    @property
    def last_year(self) -> int:
        """The latest complete calendar year."""
        return self.today.year - 1


@dataclass
class Figure:
    """One indicator's figure for one year: commune parts to aggregate, or a value already
    published for the whole perimeter (an EPCI figure)."""

    code: str
    year: int
    vintage: str
    level: str
    parts: list[Part] = field(default_factory=list)
    whole: float | None = None


@dataclass
class ShockSeed:
    """A past event found in a source (a CatNat decree), to seed the timeline."""

    reference: str
    kind: str
    title: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    decree_on: datetime.date | None
    communes: list[str]


@dataclass
class Harvest:
    figures: list[Figure] = field(default_factory=list)
    shocks: list[ShockSeed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # partial failures, in French


@dataclass(frozen=True)
class Connector:
    name: str
    label: str  # what the user reads: the producer and the API
    fetch: Callable[[Context], Harvest]


def commune_figure(code: str, year: int, vintage: str, parts: list[Part]) -> Harvest:
    """One indicator's figure for one year from its commune parts; nothing without parts."""
    return Harvest(figures=[Figure(code, year, vintage, "commune", parts)] if parts else [])


def latest_year(
    code: str, by_year: dict[int, list[Part]], vintage: Callable[[int], str]
) -> Harvest:
    """The figure of the latest year found, for a source that answers for several years."""
    if not by_year:
        return Harvest()
    year = max(by_year)
    return commune_figure(code, year, vintage(year), by_year[year])


def summed(by_year: dict[int, dict[str, float]]) -> dict[int, list[Part]]:
    """Per year, one part per commune: the commune's values added up."""
    return {year: [Part(c, v) for c, v in values.items()] for year, values in by_year.items()}


def parse_date(text: Any) -> datetime.date | None:
    """ISO (2021-06-17, 2021-06-17T00:00:00Z) or French (17/06/2021) dates; None otherwise."""
    if not isinstance(text, str):
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text) or None
    try:
        if match:
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        match = re.match(r"^(\d{2})/(\d{2})/(\d{4})", text)
        if match:
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def records(answer: Any, key: str, what: str) -> list[dict[str, Any]]:
    """The list under `key` in a JSON object, every item an object; a French error otherwise."""
    if not isinstance(answer, dict):
        raise unexpected(what, "objet JSON attendu")
    rows = answer.get(key)
    if rows is None:
        raise unexpected(what, f"champ «\u00a0{key}\u00a0» absent")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise unexpected(what, f"«\u00a0{key}\u00a0» n'est pas une liste d'enregistrements")
    return rows


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(read_number(value))
        except ValueError:
            return None
    return None
