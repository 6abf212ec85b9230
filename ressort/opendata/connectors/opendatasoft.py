"""Two producers that publish on the Opendatasoft platform, read through its Explore API
v2.1 (`/api/explore/v2.1/catalog/datasets/{dataset}/records?where=…&limit=…&offset=…`,
answering {"total_count": n, "results": [...]}):

- the DREES, localised potential accessibility (APL) to general practitioners, per commune;
- Agence ORE, annual electricity and gas consumption per commune and sector.

The dataset identifiers and field names are settings (RESSORT_DREES_APL, RESSORT_ORE_CONSO),
so that an operator can follow a producer's renaming without a new release.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.connectors.base import (
    Connector,
    Context,
    Harvest,
    latest_year,
    number,
    records,
    summed,
)
from ressort.opendata.http import get_json

LIMIT = 100
MAX_PAGES = 20


def _records(base: str, dataset: str, where: str, what: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    url = f"{base.rstrip('/')}/api/explore/v2.1/catalog/datasets/{dataset}/records"
    for page in range(MAX_PAGES):
        answer = get_json(url, {"where": where, "limit": LIMIT, "offset": page * LIMIT}, what=what)
        batch = records(answer, "results", what)
        rows.extend(batch)
        total = answer.get("total_count")
        if len(batch) < LIMIT or not isinstance(total, int) or len(rows) >= total:
            break
    return rows


def fetch_apl(ctx: Context) -> Harvest:
    conf = settings.RESSORT_DREES_APL
    by_year: dict[int, list[Part]] = {}
    for commune in ctx.communes:
        what = f"DREES (APL aux médecins généralistes de {commune.name})"
        where = f'{conf["commune"]}="{commune.code}"'
        for row in _records(conf["base"], conf["dataset"], where, what):
            if str(row.get(conf["commune"], commune.code)) != commune.code:
                continue
            year, value = number(row.get(conf["annee"])), number(row.get(conf["valeur"]))
            if year and value is not None:
                by_year.setdefault(int(year), []).append(Part(commune.code, value))
    return latest_year("apl-medecins", by_year, lambda y: f"APL {y}")


def fetch_ore(ctx: Context) -> Harvest:
    conf = settings.RESSORT_ORE_CONSO
    by_year: dict[int, dict[str, float]] = {}
    for commune in ctx.communes:
        what = f"Agence ORE (consommations d'électricité et de gaz de {commune.name})"
        where = f'{conf["commune"]}="{commune.code}"'
        for row in _records(conf["base"], conf["dataset"], where, what):
            if str(row.get(conf["commune"], commune.code)) != commune.code:
                continue
            year, value = number(row.get(conf["annee"])), number(row.get(conf["valeur"]))
            if year and value is not None:
                place = by_year.setdefault(int(year), {})
                place[commune.code] = place.get(commune.code, 0.0) + value
    return latest_year(
        "conso-electricite-gaz-residentiel", summed(by_year), lambda y: f"Agence ORE {y}"
    )


CONNECTORS = (
    Connector("drees_apl", "DREES\u00a0: accessibilité aux médecins généralistes (APL)", fetch_apl),
    Connector("ore_consommation", "Agence ORE : consommations d'électricité et de gaz", fetch_ore),
)
