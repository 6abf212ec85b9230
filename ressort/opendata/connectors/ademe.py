"""Energy performance certificates (DPE) of existing dwellings, from the ADEME's data-fair API
(https://data.ademe.fr/datasets/dpe03existant): `GET /data-fair/api/v1/datasets/dpe03existant/
values_agg?field=etiquette_dpe&qs=code_insee_ban:"03185"` answers {"total": n, "aggs":
[{"value": "D", "total": k}, ...]}, the number of certificates per label in the commune."""

from __future__ import annotations

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.connectors.base import (
    Connector,
    Context,
    Harvest,
    commune_figure,
    number,
    records,
)
from ressort.opendata.http import get_json

LABELS = set("ABCDEFG")


def fetch(ctx: Context) -> Harvest:
    conf = settings.RESSORT_ADEME_DPE
    url = f"{conf['base'].rstrip('/')}/data-fair/api/v1/datasets/{conf['dataset']}/values_agg"
    parts = []
    for commune in ctx.communes:
        what = f"ADEME (diagnostics de performance énergétique de {commune.name})"
        answer = get_json(
            url,
            {
                "field": conf["etiquette"],
                "qs": f'{conf["commune"]}:"{commune.code}"',
                "agg_size": 10,
            },
            what=what,
        )
        counts = {
            str(row.get("value")): number(row.get("total")) or 0.0
            for row in records(answer, "aggs", what)
            if str(row.get("value")) in LABELS
        }
        total = sum(counts.values())
        if total:
            parts.append(
                Part(
                    commune.code,
                    numerator=counts.get("F", 0) + counts.get("G", 0),
                    denominator=total,
                )
            )
    year = ctx.today.year
    return commune_figure(
        "passoires-energetiques", year, f"DPE depuis juillet 2021, état {year}", parts
    )


CONNECTORS = (Connector("ademe_dpe", "ADEME\u00a0: diagnostics de performance énergétique", fetch),)
