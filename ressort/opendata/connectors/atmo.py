"""Air quality: the daily ATMO index per commune, from the Atmo France API
(https://admindata.atmo-france.org/api/doc/v2). The API needs an account: `POST /api/login`
{"username", "password"} answers {"token"}; then `GET /api/v2/data/indices/atmo` with
`format=geojson`, the commune (`code_zone`) and a date range answers a FeatureCollection
whose properties hold `code_zone`, `date_ech` and `code_qual` (1 bon … 6 extrêmement
mauvais). Without an account configured (RESSORT_ATMO_USERNAME, RESSORT_ATMO_PASSWORD) the
connector says so and fetches nothing."""

from __future__ import annotations

from django.conf import settings

from ressort.analysis.aggregation import Part
from ressort.opendata.connectors.base import (
    Connector,
    Context,
    Harvest,
    commune_figure,
    number,
    parse_date,
    records,
)
from ressort.opendata.http import FetchError, get_json, post_json, unexpected

BAD = 4  # « mauvais » and worse


def fetch(ctx: Context) -> Harvest:
    base = str(settings.RESSORT_ATMO_URL).rstrip("/")
    if not settings.RESSORT_ATMO_USERNAME or not settings.RESSORT_ATMO_PASSWORD:
        raise FetchError(
            "Atmo France\u00a0: aucun compte d'accès configuré (RESSORT_ATMO_USERNAME et "
            "RESSORT_ATMO_PASSWORD)\u00a0; les indices de qualité de l'air n'ont pas été récupérés."
        )
    what = "Atmo France (connexion)"
    login = post_json(
        f"{base}/api/login",
        {"username": settings.RESSORT_ATMO_USERNAME, "password": settings.RESSORT_ATMO_PASSWORD},
        what=what,
    )
    token = login.get("token") if isinstance(login, dict) else None
    if not isinstance(token, str) or not token:
        raise unexpected(what, "jeton absent")
    year = ctx.last_year
    parts = []
    for commune in ctx.communes:
        what = f"Atmo France (indice ATMO de {commune.name}, {year})"
        answer = get_json(
            f"{base}/api/v2/data/indices/atmo",
            {
                "format": "geojson",
                "code_zone": commune.code,
                "date_historique": f"{year}-01-01",
                "date": f"{year}-12-31",
                "with_geom": "false",
            },
            what=what,
            headers={"Authorization": f"Bearer {token}"},
        )
        days: set[str] = set()
        seen = False
        for feature in records(answer, "features", what):
            props = feature.get("properties")
            if not isinstance(props, dict):
                raise unexpected(what, "élément sans «\u00a0properties\u00a0»")
            if str(props.get("code_zone", commune.code)) != commune.code:
                continue
            day = parse_date(props.get("date_ech"))
            quality = number(props.get("code_qual"))
            if day is None or quality is None or day.year != year:
                continue
            seen = True
            if quality >= BAD:
                days.add(day.isoformat())
        if seen:
            parts.append(Part(commune.code, days=frozenset(days)))
    return commune_figure("jours-pollution-air", year, f"indice ATMO {year}", parts)


CONNECTORS = (Connector("atmo_indices", "Atmo France : indice ATMO de la qualité de l'air", fetch),)
