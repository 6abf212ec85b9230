"""« Territoires comparables »: the nearest authorities of the same kind, on the page."""

from __future__ import annotations

from typing import Any

import pytest

from ressort.monitoring import similar
from ressort.monitoring.models import ExperienceReport
from ressort.portrait.models import Indicator, IndicatorValue, Scope
from ressort.territories.models import Territory, TerritoryType
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_as(client: Any, personas: dict[str, Any]) -> Any:
    def login(who: str) -> Any:
        client.force_login(personas[who])
        return client

    return login


def _epci(make_territory: Any, code: str, name: str, communes: list[tuple[int, float]]) -> Any:
    epci = make_territory(TerritoryType.EPCI, code, name, kind="CC")
    for i, (population, area) in enumerate(communes):
        make_territory(
            TerritoryType.COMMUNE,
            f"{code[-4:]}{i}",
            f"{name} {i}",
            epci_code=code,
            population=population,
            area_km2=area,
        )
    return epci


@pytest.fixture
def others(make_territory: Any) -> dict[str, Any]:
    """The CAPI (conftest: 29 816 + 19 018 hab. on 41,2 + 19,8 km²) has a twin with the
    same communes' figures, a near one, ten middling ones and a far, rural one."""
    made = {
        "twin": _epci(make_territory, "200000001", "CC Jumelle", [(29816, 41.2), (19018, 19.8)]),
        "near": _epci(make_territory, "200000002", "CC Voisine", [(31000, 45.0), (18000, 20.0)]),
        "far": _epci(
            make_territory, "200000003", "CC Lointaine", [(150, 30.0), (90, 25.0), (300, 40.0)]
        ),
    }
    for i in range(10):
        made[f"mid{i}"] = _epci(
            make_territory,
            f"20000010{i}",
            f"CC Moyenne {i}",
            [(5000 + 400 * i, 60.0), (1500, 35.0)],
        )
    return made


def test_nearest_territories_by_hand(approach: Any, others: dict[str, Any]) -> None:
    comparison = similar.compare(approach)
    assert comparison.kind == TerritoryType.EPCI and not comparison.error
    result = comparison.result
    assert result is not None and result.pool == 14  # the CAPI and the 13 others
    codes = [n.code for n in result.neighbours]
    assert len(codes) == 10 and "243800604" not in codes  # not its own neighbour
    # by hand: the twin (0), the near one, then the middling ones, largest first (nearest
    # to our size); the two smallest middling ones and the far one are left out
    assert codes == ["200000001", "200000002", *(f"20000010{i}" for i in range(9, 1, -1))]
    assert result.neighbours[0].distance == pytest.approx(0.0)
    assert "200000003" not in codes  # the far, rural one
    # our own figures come from our communes: 48 834 hab. on 61 km², no commune < 2 000
    assert comparison.own.values["population"] == 48834
    assert comparison.own.values["density"] == pytest.approx(48834 / 61.0)
    assert comparison.own.values["small_share"] == 0.0
    # the middling CC have one small commune out of two
    assert comparison.neighbour_values["200000109"]["small_share"] == 50.0


def test_a_commune_is_compared_with_communes(
    approach: Any, others: dict[str, Any], territories: dict[str, Any]
) -> None:
    approach.territory = territories["bourgoin"]
    approach.save()
    approach.communes.set([territories["bourgoin"]])
    comparison = similar.compare(approach)
    assert comparison.kind == TerritoryType.COMMUNE
    kinds = set(
        Territory.objects.filter(
            code__in=[n.code for n in comparison.result.neighbours]  # type: ignore[union-attr]
        ).values_list("type", flat=True)
    )
    assert kinds == {TerritoryType.COMMUNE}
    # the twin's commune of the same figures is the nearest
    assert comparison.result.neighbours[0].code == "00010"  # type: ignore[union-attr]


def test_the_page(approach: Any, others: dict[str, Any], client_as: Any) -> None:
    water = Indicator.objects.create(
        approach=approach, code="eau", name="Consommation d'eau", unit="m³/hab.", source="x"
    )
    Indicator.objects.create(
        approach=approach, code="bruit", name="Points noirs du bruit", unit="points", source="x"
    )
    IndicatorValue.objects.create(indicator=water, scope=Scope.PERIMETER, year=2023, value=52.5)
    for key, value in (("twin", 48.0), ("near", 61.0), ("mid9", 55.0), ("mid0", 99.0)):
        IndicatorValue.objects.create(
            indicator=water,
            scope=Scope.TERRITORY,
            territory=others[key],
            year=2023,
            value=value,
        )
    ExperienceReport.objects.create(
        title="Un village", territory_name="V", size_class="village", population=300, summary="s"
    )
    ExperienceReport.objects.create(
        title="Une agglo",
        territory_name="A",
        size_class="interco_rurale",
        population=60000,
        summary="s",
    )
    response = client_as("partenaire").get(f"/demarches/{approach.slug}/territoires-comparables/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Population\u00a0: notre territoire au " in text  # French typography
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    assert "Les 10 intercommunalités (EPCI à fiscalité propre) les plus proches" in text
    assert "parmi les 14 de France" in text
    assert "CC Jumelle" in text and "CC Lointaine" not in text
    assert "48 834 hab." in text  # our population, French style
    # the twin's row, formatted the same way: 48 834 hab., 61 km², 800,6 hab./km², 2, 0 %
    assert '<td class="text-end text-nowrap">800,6 hab./km²</td>' in text
    assert "<svg" in text and "Losange rouge : notre territoire" in text
    assert "Population : notre territoire au " in text  # the chart in words
    # water: ours 52,5; the neighbours' 48, 61, 55 → median 55, from 48 to 61, 3 of 10
    # known (the 99 of « CC Moyenne 0 », not a neighbour, does not count)
    assert "Consommation d'eau" in text and "55" in text and "48 – 61" in text
    assert "3 sur 10" in text
    assert "Les autres indicateurs de la démarche n'ont encore de valeur" in text
    # the report of our size class comes first
    assert text.index("Une agglo") < text.index("Un village")


def test_rights_and_empty_perimeter(
    approach: Any, personas: dict[str, Any], client_as: Any
) -> None:
    url = f"/demarches/{approach.slug}/territoires-comparables/"
    assert client_as("outsider").get(url).status_code == 404
    other = personas["other_approach"]  # a grouping of Vienne, whose area is unknown
    text = page_text(client_as("outsider").get(f"/demarches/{other.slug}/territoires-comparables/"))
    assert "Caractéristique inconnue pour ce territoire" in text
