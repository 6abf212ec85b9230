"""Fixtures of the strategy tests: a démarche with a small strategy."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach
from ressort.strategy import services
from ressort.strategy.models import Axis, Objective


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def strategy(approach: Approach, personas: dict[str, Any]) -> dict[str, Any]:
    lead = personas["chef_projet"]
    axis = services.add_axis(approach, "Sécuriser l'eau", user=lead)
    objective = services.add_objective(
        axis, "Réduire les fuites des réseaux", gap_codes=["water"], user=lead
    )
    axis2 = services.add_axis(approach, "Se nourrir sur place", user=lead)
    return {"axis": axis, "objective": objective, "axis2": axis2}


def refresh(obj: Axis | Objective) -> Any:
    obj.refresh_from_db()
    return obj
