"""Issue 17, « Done when »: on a new démarche for CA Montluçon Communauté (200071082),
adding the catalogue and running the connectors against the shipped test answers fills at
least 15 of the 21 Doughnut dimensions with sourced values; the portrait shows them with
source and year."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import override_settings

from ressort.approaches.models import Approach
from ressort.opendata import refresh
from ressort.opendata.catalogue import add_to_approach, load_catalogue
from ressort.portrait import services
from ressort.portrait.models import IndicatorValue, Scope
from tests.conftest import page_text
from tests.opendata.conftest import MONTLUCON, Answers

pytestmark = pytest.mark.django_db


def test_montlucon_is_in_the_shipped_territories(montlucon: Any) -> None:
    assert montlucon.code == MONTLUCON and montlucon.name == "CA Montluçon Communauté"
    assert montlucon.members().count() == 21


def test_catalogue_covers_every_dimension_and_principle() -> None:
    catalogue = load_catalogue()
    covered = {code for entry in catalogue.entries for code in entry.dimensions}
    doughnut = {code for code, _, _ in services.doughnut_dimensions()}
    assert doughnut <= covered
    assert {f"P{n}" for n in range(1, 7)} <= covered
    for entry in catalogue.entries:
        assert entry.source and entry.unit and entry.level and entry.rhythm
        if entry.threshold is not None:
            assert entry.threshold.source


@override_settings(RESSORT_ATMO_USERNAME="test", RESSORT_ATMO_PASSWORD="secret")
def test_montlucon_portrait_fills_itself(
    montlucon_approach: Approach, answers: Answers, client: Any
) -> None:
    approach = montlucon_approach
    assert approach.communes.count() == 21
    add_to_approach(approach)
    records = refresh.refresh(approach, today=datetime.date(2026, 12, 1))
    assert records and all(r.status == "ok" for r in records), [r.message for r in records]

    filled = set()
    for row in services.doughnut_report(approach):
        for indicator in approach.indicators.filter(
            pk__in=[i.pk for i, _, _ in row.indicators] + [i.pk for i in row.without_threshold]
        ):
            value = indicator.values.filter(scope=Scope.PERIMETER).first()
            if value is not None and value.source and value.year:
                filled.add(row.code)
    assert len(filled) >= 15, sorted(filled)

    client.force_login(approach.memberships.get().user)
    page = page_text(client.get(f"/demarches/{approach.slug}/portrait/"))
    shown = IndicatorValue.objects.filter(indicator__approach=approach, scope=Scope.PERIMETER)
    poverty = shown.get(indicator__code="taux-pauvrete")
    assert "Taux de pauvreté" in page
    assert "INSEE" in page and "2021" in page
    assert poverty.vintage in page
    detail = page_text(
        client.get(f"/demarches/{approach.slug}/indicateurs/{poverty.indicator.pk}/")
    )
    assert "Diag360 v1.3.5, be2_i05" in detail  # the threshold's source
    assert "Moyenne pondérée par la population" in detail  # the aggregation rule
    assert "DS_FILOSOFI_CC 2021, niveau epci, récupérée le" in detail
