from typing import Any

import pytest

from ressort.frameworks import services


@pytest.fixture
def frameworks(db: Any) -> None:
    report = services.load_shipped()
    assert not report.errors, report.errors


@pytest.fixture
def client_as(client: Any, personas: dict[str, Any]) -> Any:
    def login(who: str) -> Any:
        client.force_login(personas[who])
        return client

    return login
