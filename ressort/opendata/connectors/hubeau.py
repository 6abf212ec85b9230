"""Hub'Eau (https://hubeau.eaufrance.fr/page/apis): drinking-water quality (contrôle
sanitaire), water withdrawals (BNPE), nitrates in rivers. Answers: {"count": n, "next": url,
"data": [...]}; queried per commune, for the latest complete year (withdrawals: the latest
year the base holds)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.connectors.base import (
    Connector,
    Context,
    Harvest,
    commune_figure,
    latest_year,
    number,
    parse_date,
    records,
    summed,
)
from ressort.opendata.http import get_json

SIZE = 5000


def _base() -> str:
    return str(settings.RESSORT_HUBEAU_URL).rstrip("/")


def _data(path: str, params: dict[str, Any], what: str) -> list[dict[str, Any]]:
    return records(get_json(f"{_base()}{path}", {**params, "size": SIZE}, what=what), "data", what)


def _mine(row: dict[str, Any], key: str, code: str) -> bool:
    return str(row.get(key, code)) == code


def fetch_drinking_water(ctx: Context) -> Harvest:
    year = ctx.last_year
    parts = []
    for commune in ctx.communes:
        what = f"Hub'Eau (qualité de l'eau potable de {commune.name}, {year})"
        rows = _data(
            "/v1/qualite_eau_potable/resultats_dis",
            {
                "code_commune": commune.code,
                "date_min_prelevement": f"{year}-01-01",
                "date_max_prelevement": f"{year}-12-31",
                "fields": "code_prelevement,code_commune,date_prelevement,"
                "conformite_limites_bact_prelevement",
            },
            what,
        )
        samples: dict[str, str] = {}
        for row in rows:
            if _mine(row, "code_commune", commune.code) and row.get("code_prelevement"):
                verdict = str(row.get("conformite_limites_bact_prelevement") or "")
                if verdict in ("C", "N"):
                    samples[str(row["code_prelevement"])] = verdict
        if samples:
            conform = sum(1 for v in samples.values() if v == "C")
            parts.append(Part(commune.code, numerator=conform, denominator=len(samples)))
    return commune_figure("conformite-bacteriologique", year, f"contrôle sanitaire {year}", parts)


def fetch_withdrawals(ctx: Context) -> Harvest:
    by_year: dict[int, dict[str, float]] = {}
    for commune in ctx.communes:
        what = f"Hub'Eau (prélèvements en eau de {commune.name})"
        rows = _data(
            "/v1/prelevements/chroniques",
            {"code_commune_insee": commune.code, "code_usage": "AEP"},
            what,
        )
        for row in rows:
            if not _mine(row, "code_commune_insee", commune.code):
                continue
            usage = f"{row.get('code_usage', '')} {row.get('libelle_usage', '')}".upper()
            year, volume = number(row.get("annee")), number(row.get("volume"))
            if ("AEP" in usage or "POTABLE" in usage) and year and volume is not None:
                place = by_year.setdefault(int(year), {})
                place[commune.code] = place.get(commune.code, 0.0) + volume
    return latest_year("prelevements-eau-potable", summed(by_year), lambda y: f"BNPE {y}")


def fetch_nitrates(ctx: Context) -> Harvest:
    year = ctx.last_year
    parts = []
    for commune in ctx.communes:
        what = f"Hub'Eau (nitrates des cours d'eau de {commune.name}, {year})"
        rows = _data(
            "/v2/qualite_rivieres/analyse_pc",
            {
                "code_commune": commune.code,
                "code_parametre": "1340",
                "date_debut_prelevement": f"{year}-01-01",
                "date_fin_prelevement": f"{year}-12-31",
            },
            what,
        )
        values = [
            v
            for row in rows
            if _mine(row, "code_commune", commune.code)
            and str(row.get("code_parametre", "1340")) == "1340"
            and (d := parse_date(row.get("date_prelevement"))) is not None
            and d.year == year
            and (v := number(row.get("resultat"))) is not None
        ]
        if values:
            parts.append(Part(commune.code, max(values)))
    return commune_figure("nitrates-cours-eau", year, f"analyses {year}", parts)


CONNECTORS = (
    Connector("hubeau_eau_potable", "Hub'Eau : qualité de l'eau potable", fetch_drinking_water),
    Connector("hubeau_prelevements", "Hub'Eau : prélèvements en eau (BNPE)", fetch_withdrawals),
    Connector("hubeau_nitrates", "Hub'Eau : qualité des cours d'eau (nitrates)", fetch_nitrates),
)
