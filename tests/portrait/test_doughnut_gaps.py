"""doughnut_gaps: the rule of ressort/analysis/doughnut.py on the démarche's own values."""

from typing import Any

from ressort.portrait import services
from ressort.portrait.models import Direction, IndicatorValue, Scope


def test_every_dimension_missing_without_indicators(approach: Any) -> None:
    gaps = services.doughnut_gaps(approach)
    assert len(gaps) == 21
    assert set(gaps.values()) == {"missing"}


def test_shortfall_overshoot_within_and_missing(approach: Any, make_indicator: Any) -> None:
    # social, higher is better, below the floor → shortfall
    make_indicator("logement-decent", (2020, 80.0), dimension_codes=["housing"], social_floor=95)
    # social, lower is better, exactly on the floor → within
    make_indicator(
        "pauvrete",
        (2020, 12.0),
        dimension_codes=["income_work"],
        social_floor=12,
        direction=Direction.LOWER,
    )
    # ecological, lower is better, above the ceiling → overshoot
    make_indicator(
        "co2",
        (2020, 6.0),
        dimension_codes=["climate_change"],
        ecological_ceiling=2,
        direction=Direction.LOWER,
        unit="tCO2e/hab",
    )
    # ecological, higher is better (natural land must stay above) → within
    make_indicator(
        "espaces-naturels",
        (2020, 40.0),
        dimension_codes=["land_conversion"],
        ecological_ceiling=30,
    )
    # informs a dimension but has no value → missing, never zero
    make_indicator("eau-potable", dimension_codes=["water"], social_floor=100)
    gaps = services.doughnut_gaps(approach)
    assert gaps["housing"] == "shortfall"
    assert gaps["income_work"] == "safe"
    assert gaps["climate_change"] == "overshoot"
    assert gaps["land_conversion"] == "safe"
    assert gaps["water"] == "missing"
    assert gaps["food"] == "missing"


def test_worst_indicator_wins_and_year_picks_latest_before(
    approach: Any, make_indicator: Any
) -> None:
    make_indicator("a", (2018, 99.0), (2022, 50.0), dimension_codes=["health"], social_floor=90)
    make_indicator("b", (2018, 95.0), dimension_codes=["health"], social_floor=90)
    assert services.doughnut_gaps(approach)["health"] == "shortfall"
    assert services.doughnut_gaps(approach, year=2020)["health"] == "safe"
    assert services.doughnut_gaps(approach, year=2010)["health"] == "missing"


def test_only_own_values_count(approach: Any, make_indicator: Any, territories: Any) -> None:
    indicator = make_indicator("x", dimension_codes=["education"], social_floor=90)
    IndicatorValue.objects.create(indicator=indicator, scope=Scope.FRANCE, year=2020, value=10)
    IndicatorValue.objects.create(
        indicator=indicator,
        scope=Scope.TERRITORY,
        territory=territories["dep"],
        year=2020,
        value=10,
    )
    assert services.doughnut_gaps(approach)["education"] == "missing"
    # the démarche's own territory (the EPCI) counts as its own value
    IndicatorValue.objects.create(
        indicator=indicator,
        scope=Scope.TERRITORY,
        territory=territories["epci"],
        year=2020,
        value=10,
    )
    assert services.doughnut_gaps(approach)["education"] == "shortfall"


def test_indicator_without_threshold_does_not_decide(approach: Any, make_indicator: Any) -> None:
    make_indicator("sans-seuil", (2020, 1.0), dimension_codes=["energy"])
    report = {r.code: r for r in services.doughnut_report(approach)}
    assert report["energy"].contract_status == "missing"
    assert [i.code for i in report["energy"].without_threshold] == ["sans-seuil"]
