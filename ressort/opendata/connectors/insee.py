"""INSEE local statistics through the Melodi API (https://api.insee.fr/melodi, open without
authentication, 30 requests a minute): `GET /data/{dataset}?GEO=EPCI-200071082` (or
`COM-03185`) answers {"observations": [{"dimensions": {"GEO": "2024-EPCI-200071082",
"TIME_PERIOD": "2021", <measure dimension>: <code>, ...}, "measures": {"OBS_VALUE_NIVEAU":
{"value": 17.2}}}], ...}.

The catalogue names, for each indicator, the dataset (`jeu`), the code of the measure it
wants (`mesure`, looked up among the observation's dimension values) and optional extra
filters. When the perimeter is exactly an EPCI, the EPCI's own figure is taken (no
aggregation); otherwise each commune's figure, aggregated by the catalogue's rule.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.catalogue import Entry
from ressort.opendata.connectors.base import Connector, Context, Figure, Harvest, number, records
from ressort.opendata.http import get_json, unexpected

GEO = re.compile(r"(?:^|-)(COM|EPCI)-([0-9AB]{5,9})$")


def _observations(dataset: str, geo: str, what: str) -> list[dict[str, Any]]:
    base = str(settings.RESSORT_INSEE_MELODI_URL).rstrip("/")
    return records(
        get_json(f"{base}/data/{dataset}", {"GEO": geo}, what=what), "observations", what
    )


def _pick(
    rows: list[dict[str, Any]], entry: Entry, geo_code: str, what: str
) -> tuple[int, float] | None:
    """(year, value) of the latest observation of the entry's measure for that place."""
    wanted = str(entry.collect.get("mesure", ""))
    filters = {str(k): str(v) for k, v in (entry.collect.get("filtres") or {}).items()}
    best: tuple[int, float] | None = None
    for row in rows:
        dims = row.get("dimensions")
        measures = row.get("measures")
        if not isinstance(dims, dict) or not isinstance(measures, dict):
            raise unexpected(what, "observation sans « dimensions » ni « measures »")
        match = GEO.search(str(dims.get("GEO", "")))
        if not match or match[2] != geo_code:
            continue
        if wanted not in {str(v) for v in dims.values()}:
            continue
        if any(str(dims.get(k)) != v for k, v in filters.items()):
            continue
        raw = measures.get("OBS_VALUE_NIVEAU")
        value = number(raw.get("value") if isinstance(raw, dict) else raw)
        year = number(str(dims.get("TIME_PERIOD", ""))[:4])
        if value is None or year is None:
            continue
        if best is None or int(year) > best[0]:
            best = (int(year), value)
    return best


def fetch(ctx: Context) -> Harvest:
    harvest = Harvest()
    datasets: dict[str, list[Entry]] = {}
    for entry in ctx.entries:
        if entry.collect.get("jeu"):
            datasets.setdefault(str(entry.collect["jeu"]), []).append(entry)
    places = (
        [("EPCI", ctx.epci_code, "epci")]
        if ctx.epci_code
        else [("COM", c.code, "commune") for c in ctx.communes]
    )
    for dataset, entries in datasets.items():
        found: dict[str, dict[int, list[Part]]] = {}
        level = places[0][2] if places else "commune"
        for kind, code, _ in places:
            what = f"INSEE Melodi ({dataset}, {kind} {code})"
            rows = _observations(dataset, f"{kind}-{code}", what)
            for entry in entries:
                picked = _pick(rows, entry, code, what)
                if picked:
                    year, value = picked
                    found.setdefault(entry.code, {}).setdefault(year, []).append(Part(code, value))
        for entry in entries:
            years = found.get(entry.code)
            if not years:
                continue
            year = max(years)
            figure = Figure(entry.code, year, f"{dataset} {year}", level, parts=years[year])
            if ctx.epci_code:
                figure.whole = years[year][0].value
            harvest.figures.append(figure)
    return harvest


CONNECTORS = (Connector("insee_melodi", "INSEE\u00a0: statistiques locales (API Melodi)", fetch),)
