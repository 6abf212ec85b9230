"""Land take: the Cerema's consumption of natural, agricultural and forest spaces (NAF),
from the land files (fichiers fonciers), through the Cerema's « données foncières » API
(`/indicateurs/conso_espaces/communes/?code_insee=…`, paginated {"count", "next",
"results"}). Each result carries the commune (`idcom`) and one column per year of
consumption in m², `nafAAartBB` for the year from 1 January 20AA to 1 January 20BB (the
columns of the observatory's published file)."""

from __future__ import annotations

import re

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.connectors.base import (
    Connector,
    Context,
    Harvest,
    latest_year,
    number,
    records,
)
from ressort.opendata.http import get_json

YEAR_COLUMN = re.compile(r"^naf(\d{2})art(\d{2})$")


def fetch(ctx: Context) -> Harvest:
    base = str(settings.RESSORT_CEREMA_DF_URL).rstrip("/")
    by_year: dict[int, list[Part]] = {}
    for commune in ctx.communes:
        what = f"Cerema (consommation d'espaces NAF de {commune.name})"
        rows = records(
            get_json(
                f"{base}/indicateurs/conso_espaces/communes/",
                {"code_insee": commune.code},
                what=what,
            ),
            "results",
            what,
        )
        for row in rows:
            if str(row.get("idcom", commune.code)) != commune.code:
                continue
            for column, raw in row.items():
                match = YEAR_COLUMN.match(column)
                value = number(raw)
                if match and value is not None and int(match[2]) == int(match[1]) + 1:
                    year = 2000 + int(match[1])
                    by_year.setdefault(year, []).append(Part(commune.code, value / 10_000))
    return latest_year(
        "consommation-enaf",
        by_year,
        lambda y: f"fichiers fonciers, 1er janvier {y} au 1er janvier {y + 1}",
    )


CONNECTORS = (
    Connector(
        "cerema_naf", "Cerema : consommation d'espaces naturels, agricoles et forestiers", fetch
    ),
)
