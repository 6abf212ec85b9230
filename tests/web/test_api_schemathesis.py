"""The JSON API fuzzed from its own schema (issue 15): schemathesis generates requests from
/api/v1/openapi.json, valid and invalid, and every answer must be no server error and must
match what the schema promises. Bounded: a fixed number of examples, no example database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from ressort.territories.models import Territory

EXAMPLES = 60


@pytest.fixture
def wsgi_app(territories: dict[str, Territory]) -> Iterator[Any]:
    # As Django's test client does: neither the request's start nor its end may close the
    # connection that holds the test's transaction (on PostgreSQL, closing it there hands it
    # back to the pool, and the next query fails: « Cannot open a new connection in an
    # atomic block »; SQLite's in-memory test database never showed it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_api_never_fails_on_what_its_schema_allows(wsgi_app: Any) -> None:
    """Every operation of the schema (schemathesis' strategies driven by hypothesis
    directly: its pytest plugin does not run under pytest 9)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "le schéma ne décrit aucune opération"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: Any) -> None:
            case.call_and_validate()

        call()
