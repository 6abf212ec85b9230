"""Géorisques, API v1 (https://www.georisques.gouv.fr/doc-api): past « catastrophe
naturelle » decrees, the major risks of each commune (base GASPAR), classified installations.

Answers are paginated: {"results": n, "page": 1, "total_pages": k, "next": url|null,
"data": [...]}; queried per commune (`code_insee`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.connectors.base import (
    Connector,
    Context,
    Figure,
    Harvest,
    ShockSeed,
    parse_date,
    records,
)
from ressort.opendata.http import get_json

MAX_PAGES = 20


def _base() -> str:
    return str(settings.RESSORT_GEORISQUES_URL).rstrip("/")


def _pages(path: str, code: str, what: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for page in range(1, MAX_PAGES + 1):
        answer = get_json(
            f"{_base()}{path}",
            {"code_insee": code, "page": page, "page_size": 100},
            what=what,
        )
        rows.extend(records(answer, "data", what))
        total_pages = answer.get("total_pages") if isinstance(answer, dict) else None
        if not answer.get("next") or (isinstance(total_pages, int) and page >= total_pages):
            break
    return rows


# The CatNat peril labels (libelle_risque_jo) → the past-shock kinds of ressort.opendata.
KINDS = (
    ("inond", "inondation"),
    ("coulée", "inondation"),
    ("sécheresse", "secheresse"),
    ("mouvement", "mouvement_terrain"),
    ("tempête", "tempete"),
    ("vent", "tempete"),
    ("grêle", "tempete"),
    ("neige", "tempete"),
    ("séisme", "seisme"),
)


def kind_of(label: str) -> str:
    low = label.lower()
    return next((kind for word, kind in KINDS if word in low), "autre_naturel")


def fetch_catnat(ctx: Context) -> Harvest:
    seeds: dict[str, ShockSeed] = {}
    count = 0
    latest = None
    for commune in ctx.communes:
        what = f"Géorisques (arrêtés CatNat de {commune.name})"
        seen: set[str] = set()
        for row in _pages("/gaspar/catnat", commune.code, what):
            if str(row.get("code_insee", commune.code)) != commune.code:
                continue
            reference = str(row.get("code_national_catnat") or "").strip()
            if not reference or reference in seen:
                continue
            seen.add(reference)
            count += 1
            decree = parse_date(row.get("date_publication_arrete")) or parse_date(
                row.get("date_publication_jo")
            )
            if decree and (latest is None or decree > latest):
                latest = decree
            label = str(row.get("libelle_risque_jo") or "Catastrophe naturelle").strip()
            seed = seeds.get(reference)
            if seed is None:
                seed = seeds[reference] = ShockSeed(
                    reference=reference,
                    kind=kind_of(label),
                    title=label[:200],
                    started_on=parse_date(row.get("date_debut_evt")),
                    ended_on=parse_date(row.get("date_fin_evt")),
                    decree_on=decree,
                    communes=[],
                )
            seed.communes.append(commune.name)
    year = ctx.today.year
    vintage = f"arrêtés publiés jusqu'au {latest:%d/%m/%Y}" if latest else "aucun arrêté"
    figure = Figure("arretes-catnat", year, vintage, "commune", parts=[Part("*", float(count))])
    return Harvest(figures=[figure], shocks=sorted(seeds.values(), key=lambda s: s.reference))


def fetch_risks(ctx: Context) -> Harvest:
    parts = []
    for commune in ctx.communes:
        what = f"Géorisques (risques de {commune.name})"
        rows = records(
            get_json(f"{_base()}/gaspar/risques", {"code_insee": commune.code}, what=what),
            "data",
            what,
        )
        risks = set()
        for row in rows:
            if str(row.get("code_insee", commune.code)) != commune.code:
                continue
            for detail in row.get("risques_detail") or []:
                if isinstance(detail, dict) and detail.get("libelle_risque_long"):
                    risks.add(str(detail["libelle_risque_long"]))
        parts.append(Part(commune.code, float(len(risks))))
    return Harvest(
        figures=[Figure("risques-majeurs", ctx.today.year, "base GASPAR", "commune", parts)]
    )


def fetch_icpe(ctx: Context) -> Harvest:
    parts = []
    for commune in ctx.communes:
        what = f"Géorisques (installations classées de {commune.name})"
        rows = _pages("/installations_classees", commune.code, what)
        mine = {
            str(r.get("codeAIOT") or r.get("raisonSociale") or i)
            for i, r in enumerate(rows)
            if str(r.get("codeInsee", r.get("code_insee", commune.code))) == commune.code
        }
        parts.append(Part(commune.code, float(len(mine))))
    return Harvest(
        figures=[
            Figure("icpe", ctx.today.year, "base des installations classées", "commune", parts)
        ]
    )


CONNECTORS = (
    Connector("georisques_catnat", "Géorisques : arrêtés de catastrophe naturelle", fetch_catnat),
    Connector("georisques_risques", "Géorisques\u00a0: risques majeurs par commune", fetch_risks),
    Connector("georisques_icpe", "Géorisques\u00a0: installations classées", fetch_icpe),
)
