from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def client_as(client: Any, personas: dict[str, Any]) -> Any:
    def login(who: str) -> Any:
        client.force_login(personas[who])
        return client

    return login
