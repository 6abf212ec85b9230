"""Each connector against its shipped answers: normal, empty, malformed, timeout. A failure
says in French what could not be fetched and keeps the values already there."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import override_settings

from ressort.approaches.models import Approach
from ressort.opendata import refresh
from ressort.opendata.catalogue import add_to_approach
from ressort.opendata.connectors import REGISTRY
from ressort.opendata.models import FetchRecord, PastShock
from ressort.portrait.models import IndicatorValue, Scope
from tests.opendata.conftest import Answers

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
ATMO = {"RESSORT_ATMO_USERNAME": "test", "RESSORT_ATMO_PASSWORD": "secret"}

# connector → (its answer folder, the indicator it fills, the expected perimeter value)
EXPECTED = {
    "georisques_catnat": ("georisques_catnat", "arretes-catnat", 5.0),
    "georisques_risques": ("georisques_risques", "risques-majeurs", 4.0),
    "georisques_icpe": ("georisques_icpe", "icpe", 3.0),
    "hubeau_eau_potable": ("hubeau_eau_potable", "conformite-bacteriologique", 100 * 79 / 82),
    "hubeau_nitrates": ("hubeau_nitrates", "nitrates-cours-eau", 22.7),
    "insee_melodi": ("insee_melodi", "taux-pauvrete", 18.9),
    "cerema_naf": ("cerema_naf", "consommation-enaf", 7.44),
    "atmo_indices": ("atmo_indices", "jours-pollution-air", 4.0),
    "drees_apl": ("drees_apl", "apl-medecins", None),  # population-weighted: checked below
    "hubeau_prelevements": ("hubeau_prelevements", "prelevements-eau-potable", None),
    "ore_consommation": ("ore_consommation", "conso-electricite-gaz-residentiel", None),
    # the same shipped answer for each of the 21 communes: (455 + 310) / 3 900 certificates
    "ademe_dpe": ("ademe_dpe", "passoires-energetiques", 100 * 765 / 3900),
}


def test_every_connector_is_tested() -> None:
    assert set(EXPECTED) == set(REGISTRY)


def own(approach: Approach, code: str) -> IndicatorValue | None:
    return IndicatorValue.objects.filter(
        indicator__approach=approach, indicator__code=code, scope=Scope.PERIMETER
    ).first()


@pytest.fixture
def ready(montlucon_approach: Approach) -> Approach:
    add_to_approach(montlucon_approach)
    return montlucon_approach


@override_settings(**ATMO)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_normal_answer_stores_sourced_values(name: str, ready: Approach, answers: Answers) -> None:
    record = refresh.run_connector(ready, name, today=TODAY)
    assert record.status == FetchRecord.Status.DONE, record.message
    _, code, expected = EXPECTED[name]
    value = own(ready, code)
    assert value is not None
    if expected is not None:
        assert value.value == pytest.approx(expected, rel=1e-3)
    assert value.source and value.vintage and value.level and value.retrieved_at
    assert REGISTRY[name].label in value.source


@override_settings(**ATMO)
def test_aggregation_rules_on_commune_figures(ready: Approach, answers: Answers) -> None:
    populations = dict(ready.communes.values_list("code", "population"))
    refresh.run_connector(ready, "drees_apl", today=TODAY)
    apl = own(ready, "apl-medecins")
    weighted = (3.1 * populations["03185"] + 2.4 * populations["03101"]) / (
        populations["03185"] + populations["03101"]
    )
    assert apl is not None and apl.year == 2023 and apl.value == pytest.approx(weighted, rel=1e-3)
    assert "moyenne pondérée" in apl.source_note
    # the commune figures behind it are kept, each with its place
    communes = IndicatorValue.objects.filter(indicator=apl.indicator, scope=Scope.TERRITORY)
    assert {v.territory.code: v.value for v in communes} == {"03185": 3.1, "03101": 2.4}
    refresh.run_connector(ready, "hubeau_prelevements", today=TODAY)
    water = own(ready, "prelevements-eau-potable")
    assert water is not None and water.year == 2023
    assert water.value == pytest.approx((2230000 + 310000) / sum(populations.values()), rel=1e-3)


@override_settings(**ATMO)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_empty_answer_stores_nothing_and_says_so(
    name: str, ready: Approach, answers: Answers
) -> None:
    answers.cases[EXPECTED[name][0]] = "empty"
    record = refresh.run_connector(ready, name, today=TODAY)
    _, code, _ = EXPECTED[name]
    if name == "georisques_catnat":  # « no decree » is itself a figure: zero
        assert record.status == FetchRecord.Status.DONE
        assert own(ready, code).value == 0  # type: ignore[union-attr]
        return
    if name == "georisques_risques" or name == "georisques_icpe":  # zero risks, zero sites
        assert own(ready, code).value == 0  # type: ignore[union-attr]
        return
    assert record.status == FetchRecord.Status.EMPTY
    assert "aucune donnée" in record.message
    assert own(ready, code) is None


@override_settings(**ATMO)
@pytest.mark.parametrize("case", ["malformed", "timeout"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_failure_keeps_what_was_there(
    name: str, case: str, ready: Approach, answers: Answers
) -> None:
    first = refresh.run_connector(ready, name, today=TODAY)
    assert first.status == FetchRecord.Status.DONE
    _, code, _ = EXPECTED[name]
    before = own(ready, code)
    assert before is not None
    answers.cases[EXPECTED[name][0]] = case
    record = refresh.run_connector(ready, name, today=TODAY)
    assert record.status == FetchRecord.Status.FAILED
    assert "conservées" in record.message
    if case == "timeout":
        assert "n'a pas répondu" in record.message
    else:
        assert "réponse" in record.message
    after = own(ready, code)
    assert after is not None and after.value == before.value and after.pk == before.pk


def test_atmo_without_account_says_so(ready: Approach, answers: Answers) -> None:
    record = refresh.run_connector(ready, "atmo_indices", today=TODAY)
    assert record.status == FetchRecord.Status.FAILED
    assert "aucun compte d'accès configuré" in record.message
    assert answers.calls == []


def test_catnat_seeds_the_timeline_once(ready: Approach, answers: Answers) -> None:
    from ressort.fieldwork import services as fieldwork

    fieldwork.load_hazards()
    refresh.run_connector(ready, "georisques_catnat", today=TODAY)
    shocks = {s.reference: s for s in PastShock.objects.filter(approach=ready)}
    assert set(shocks) == {"INTE1700123A", "INTE2200456A", "NOR19990001"}
    drought = shocks["INTE2200456A"]
    assert drought.kind == "secheresse" and drought.places == "Domérat, Montluçon"
    assert drought.started_on == datetime.date(2022, 1, 1)
    assert shocks["NOR19990001"].kind == "inondation"
    # each seeded shock feeds the systems phase's hazard of its kind
    assert [h.code for h in drought.hazards.all()] == ["secheresse"]
    assert [h.code for h in shocks["NOR19990001"].hazards.all()] == ["inondation"]
    drought.lessons = "Anticiper les restrictions d'eau."
    drought.save()
    refresh.run_connector(ready, "georisques_catnat", today=TODAY)
    assert PastShock.objects.filter(approach=ready).count() == 3
    drought.refresh_from_db()
    assert drought.lessons == "Anticiper les restrictions d'eau."


def test_insee_per_commune_when_the_perimeter_is_not_an_epci(
    ready: Approach, answers: Answers, montlucon: Any
) -> None:
    from ressort.territories.models import Territory

    ready.territory = None
    ready.save()
    ready.communes.set(Territory.objects.filter(code__in=["03185", "03101"]))
    refresh.run_connector(ready, "insee_melodi", today=TODAY)
    assert any("COM-03185" in url for _, url in answers.calls)
    pop = dict(ready.communes.values_list("code", "population"))
    poverty = own(ready, "taux-pauvrete")
    expected = (23 * pop["03185"] + 10 * pop["03101"]) / (pop["03185"] + pop["03101"])
    assert poverty is not None and poverty.value == pytest.approx(expected, rel=1e-3)
    assert poverty.year == 2021 and poverty.level == "commune"


@override_settings(**ATMO)
def test_scheduled_refresh_runs_every_demarche_using_a_connector(
    ready: Approach, answers: Answers
) -> None:
    from ressort.background.tasks import refresh_open_data

    refresh_open_data.enqueue(slot="2026-11-29T03:00")
    names = set(FetchRecord.objects.filter(approach=ready).values_list("connector", flat=True))
    assert names == set(REGISTRY)
    assert own(ready, "taux-pauvrete") is not None
