"""Offline open data: a transport that answers from tests/data/opendata/, and CA Montluçon
Communauté built from the shipped territory files (data/territories)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ressort.approaches import services
from ressort.approaches.models import Approach, Role
from ressort.opendata.http import using_transport
from ressort.territories.models import Territory, TerritoryType
from ressort.territories.text import normalize

DATA = Path(__file__).resolve().parents[1] / "data" / "opendata"
SHIPPED = Path(__file__).resolve().parents[2] / "data" / "territories"
MONTLUCON = "200071082"

# Which folder answers which URL.
ROUTES = (
    ("/gaspar/catnat", "georisques_catnat"),
    ("/gaspar/risques", "georisques_risques"),
    ("/installations_classees", "georisques_icpe"),
    ("/qualite_eau_potable/", "hubeau_eau_potable"),
    ("/prelevements/", "hubeau_prelevements"),
    ("/qualite_rivieres/", "hubeau_nitrates"),
    ("/melodi/data/", "insee_melodi"),
    ("/conso_espaces/", "cerema_naf"),
    ("/api/login", "atmo_login"),
    ("/indices/atmo", "atmo_indices"),
    ("data.drees", "drees_apl"),
    ("agenceore", "ore_consommation"),
    ("/dpe03existant/", "ademe_dpe"),
)


class Answers:
    """The test transport: `cases[folder]` is "normal" (default), "empty", "malformed" or
    "timeout"; every request is recorded in `calls`."""

    def __init__(self) -> None:
        self.cases: dict[str, str] = {}
        self.calls: list[tuple[str, str]] = []

    def __call__(
        self, method: str, url: str, headers: dict[str, str], body: bytes | None, timeout: float
    ) -> bytes:
        self.calls.append((method, url))
        folder = next((f for marker, f in ROUTES if marker in url), None)
        if folder is None:
            raise AssertionError(f"no shipped answer for {url}")
        case = self.cases.get(folder, "normal")
        if case == "timeout":
            raise TimeoutError("timed out")
        return (DATA / folder / f"{case}.json").read_bytes()


@pytest.fixture
def answers() -> Iterator[Answers]:
    transport = Answers()
    with using_transport(transport):
        yield transport


def _shipped(name: str) -> list[dict[str, Any]]:
    return json.loads((SHIPPED / name).read_text(encoding="utf-8"))


@pytest.fixture
def montlucon(db: Any) -> Territory:
    """CA Montluçon Communauté and its communes, as shipped in data/territories."""
    epci = next(e for e in _shipped("epci.json") if e["code"] == MONTLUCON)
    members = {m["code"] for m in epci["membres"]}
    for c in _shipped("communes.json"):
        if c.get("code") in members and c.get("type", "commune-actuelle") == "commune-actuelle":
            Territory.objects.get_or_create(
                type=TerritoryType.COMMUNE,
                code=c["code"],
                defaults={
                    "name": c["nom"],
                    "search_name": normalize(c["nom"]),
                    "population": c.get("population"),
                    "epci_code": MONTLUCON,
                    "department_code": c.get("departement", "03"),
                    "region_code": c.get("region", "84"),
                },
            )
    return Territory.objects.create(
        type=TerritoryType.EPCI,
        code=MONTLUCON,
        name=epci["nom"],
        search_name=normalize(epci["nom"]),
        kind=epci.get("type", ""),
        population=epci.get("populationMunicipale"),
        department_code="03",
        region_code="84",
        commune_count=len(members),
    )


@pytest.fixture
def montlucon_approach(montlucon: Territory, make_user: Callable[..., Any]) -> Approach:
    facilitator = make_user("facilitatrice@montlucon.example")
    return services.create_approach(
        name="Montluçon résiliente",
        creator=facilitator,
        role=Role.FACILITATOR,
        territory=montlucon,
        communes=[],
    )
