from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ressort.frameworks import services


@pytest.fixture
def frameworks(db: Any) -> None:
    report = services.load_shipped()
    assert not report.errors, report.errors


@pytest.fixture
def client_for(client: Client, personas: dict[str, Any]) -> Callable[[str], Client]:
    """A client signed in as one of the personas (by role value, or "outsider")."""

    def make(who: str) -> Client:
        client.force_login(personas[who])
        return client

    return make
