"""A territory's page says what it really belongs to: each code matched with its own kind."""

from __future__ import annotations

from typing import Any

from ressort.territories.models import Territory
from ressort.territories.views import containing
from tests.conftest import page_text


def test_codes_are_never_matched_across_kinds(
    territories: dict[str, Territory], make_territory: Any
) -> None:
    # Département 84 (Vaucluse) and région 38 would both be wrong answers for Isère.
    make_territory("DEP", "84", "Vaucluse", region_code="93")
    make_territory("REG", "38", "Région au code trompeur")
    assert [t.name for t in containing(territories["dep"])] == ["Auvergne-Rhône-Alpes"]
    assert [t.name for t in containing(territories["epci"])] == ["Auvergne-Rhône-Alpes", "Isère"]
    commune = territories["bourgoin"]
    assert [t.name for t in containing(commune)] == [
        "Auvergne-Rhône-Alpes",
        "Isère",
        "CA Porte de l'Isère (CAPI)",
    ]
    assert containing(territories["reg"]) == []


def test_the_page_lists_them(
    client: Any, territories: dict[str, Territory], make_user: Any
) -> None:
    client.force_login(make_user("lecteur@example.org"))
    text = page_text(client.get("/territoires/DEP/38/"))
    assert "Appartient à\u00a0: " in text and "Auvergne-Rhône-Alpes" in text
