"""Running migrations forward and back inside a test (the `migrations`-marked tests)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Migrate the test database to `targets`; the historical apps registry at that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Back to the newest migration of every app (what the other tests expect)."""
    migrate(list(MigrationExecutor(connection).loader.graph.leaf_nodes()))
