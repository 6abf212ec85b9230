from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach
from ressort.frameworks import services as fw_services
from ressort.portrait.models import Direction, Indicator, IndicatorValue, Scope


@pytest.fixture
def frameworks(db: Any) -> None:
    report = fw_services.load_shipped()
    assert not report.errors, report.errors


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def make_indicator(approach: Approach) -> Any:
    def make(code: str, *values: tuple[int, float], **fields: Any) -> Indicator:
        fields.setdefault("name", code)
        fields.setdefault("unit", "%")
        fields.setdefault("source", "Source de test")
        fields.setdefault("direction", Direction.HIGHER)
        indicator = Indicator.objects.create(approach=approach, code=code, **fields)
        for year, value in values:
            IndicatorValue.objects.create(
                indicator=indicator, scope=Scope.PERIMETER, year=year, value=value
            )
        return indicator

    return make
