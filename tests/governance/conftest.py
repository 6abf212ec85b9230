from __future__ import annotations

from typing import Any

import pytest

from ressort.approaches.models import Approach
from ressort.governance.models import Actor, ActorCategory


@pytest.fixture
def client_as(client: Any, personas: dict[str, Any]) -> Any:
    def login(who: str) -> Any:
        client.force_login(personas[who])
        return client

    return login


@pytest.fixture
def actors(approach: Approach) -> list[Actor]:
    """Commune, Chambre d'agriculture, Association: the worked MACTOR case's actors."""
    return [
        Actor.objects.create(approach=approach, name=name, category=category)
        for name, category in (
            ("Commune", ActorCategory.AUTHORITY),
            ("Chambre d'agriculture", ActorCategory.CHAMBER),
            ("Association", ActorCategory.ASSOCIATION),
        )
    ]
