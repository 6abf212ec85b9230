"""Finding a territory by name or code, in the UI and through the API."""

from typing import Any

import pytest
from django.test import Client

from ressort.territories.services import search_territories
from ressort.territories.text import normalize
from tests.territories.test_import import CONTOURS, DATA


@pytest.fixture
def imported(db: Any) -> None:
    from ressort.territories.importer import import_official_territories

    import_official_territories(DATA, CONTOURS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Porte de l'Isère (CAPI)", "porte de l isere capi"),
        ("BESANÇON", "besancon"),
        ("Œuilly", "oeuilly"),
        ("  L'Isle-d'Abeau ", "l isle d abeau"),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("query", "first_code"),
    [
        ("besancon", "25056"),
        ("Besançon", "25056"),
        ("BESANCON", "25056"),
        ("25056", "25056"),
        ("porte de l’is", "243800604"),
        ("isle d abeau", "38193"),
        ("243800604", "243800604"),
        ("38300", "38053"),
        ("2a004", "2A004"),
        ("isere porte", "243800604"),
    ],
)
def test_search_finds(imported: None, query: str, first_code: str) -> None:
    results = list(search_territories(query))
    assert results, query
    assert results[0].code == first_code


def test_search_by_type_and_nothing(imported: None) -> None:
    assert [t.type for t in search_territories("isere", ["DEP"])] == ["DEP"]
    assert list(search_territories("zzzz")) == []
    assert list(search_territories("  ")) == []


def test_api_lists_objects_with_code_nom_type_population(imported: None) -> None:
    response = Client().get("/api/v1/territoires", {"q": "porte de l’is"})
    assert response.status_code == 200
    data = response.json()
    assert data[0]["code"] == "243800604"
    assert data[0]["nom"] == "CA Porte de l'Isère (CAPI)"
    assert data[0]["type"] == "EPCI"
    assert data[0]["population"] > 100_000
    assert {"code", "nom", "type", "population"} <= set(data[0])


def test_api_filters_by_type_and_limits(imported: None) -> None:
    response = Client().get("/api/v1/territoires", {"q": "38", "type": "COM", "limite": 3})
    data = response.json()
    assert len(data) == 3 and {d["type"] for d in data} == {"COM"}


def test_api_needs_q_and_says_so(imported: None) -> None:
    response = Client().get("/api/v1/territoires")
    assert response.status_code == 422


def test_openapi_schema(db: Any) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/territoires" in schema["paths"]


def test_search_page_and_fragment(imported: None, make_user: Any) -> None:
    client = Client()
    client.force_login(make_user("a@example.org"))
    page = client.get("/territoires/", {"q": "besancon"})
    assert page.status_code == 200
    assert "Besançon" in page.content.decode()
    assert "<html" in page.content.decode()
    fragment = client.get("/territoires/", {"q": "besancon"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "Besançon" in fragment.content.decode()


def test_territory_page_and_contours(imported: None, make_user: Any) -> None:
    client = Client()
    client.force_login(make_user("a@example.org"))
    page = client.get("/territoires/EPCI/243800604/")
    assert page.status_code == 200
    assert "Bourgoin-Jallieu" in page.content.decode()
    geojson = client.get("/territoires/EPCI/243800604/contours.geojson").json()
    roles = [f["properties"]["role"] for f in geojson["features"]]
    assert roles.count("outline") == 1 and roles.count("commune") == 22
    assert client.get("/territoires/XXX/1/").status_code == 404
    assert client.get("/territoires/COM/99999/").status_code == 404
