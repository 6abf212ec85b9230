"""The démarche versions under which computed pages are kept (ressort.web.freshness)."""

from typing import Any

import pytest
from django.db import transaction

from ressort.portrait.models import Indicator, IndicatorValue
from ressort.territories.models import Territory
from ressort.web import freshness

pytestmark = pytest.mark.django_db


def test_rows_find_their_demarche(approach: Any) -> None:
    indicator = Indicator.objects.create(approach=approach, code="x", name="X", unit="%")
    value = IndicatorValue.objects.create(
        indicator=indicator, scope="perimetre", year=2020, value=1
    )
    assert freshness.approach_of(approach) == approach.pk
    assert freshness.approach_of(indicator) == approach.pk
    assert freshness.approach_of(value) == approach.pk  # through its indicator
    assert freshness.approach_of(Territory.objects.first()) is None


def test_writes_raise_their_demarche_or_every_one(approach: Any, territories: Any) -> None:
    shared, own = freshness.version(approach.pk)
    indicator = Indicator.objects.create(approach=approach, code="x", name="X", unit="%")
    assert freshness.version(approach.pk) == (shared, own + 1)
    IndicatorValue.objects.create(indicator=indicator, scope="perimetre", year=2020, value=1)
    assert freshness.version(approach.pk) == (shared, own + 2)
    territory = Territory.objects.first()
    territory.name += " (nouveau nom)"
    territory.save()  # shared by every démarche
    assert freshness.version(approach.pk) == (shared + 1, own + 2)


@pytest.mark.django_db(transaction=True)
def test_raised_once_after_the_commit(approach: Any) -> None:
    """In a real transaction, the rows of one démarche raise its version once, at commit."""
    shared, own = freshness.version(approach.pk)
    with transaction.atomic():
        indicator = Indicator.objects.create(approach=approach, code="x", name="X", unit="%")
        for year in (2020, 2021, 2022):
            IndicatorValue.objects.create(
                indicator=indicator, scope="perimetre", year=year, value=1
            )
        assert freshness.version(approach.pk) == (shared, own)
    assert freshness.version(approach.pk) == (shared, own + 1)


def test_a_rolled_back_write_raises_nothing(approach: Any) -> None:
    before = freshness.version(approach.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        Indicator.objects.create(approach=approach, code="x", name="X", unit="%")
        raise RuntimeError
    assert freshness.version(approach.pk) == before
