"""The data migration that moves the strategy's own vision into the shared vision."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.migrations]

BEFORE = [("strategy", "0002_action_sheets"), ("systems", "0003_historicalvision")]
AFTER = [("strategy", "0004_statement_without_vision")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def test_statement_vision_fills_an_empty_shared_vision_and_is_kept_otherwise(
    approach: Any, personas: dict[str, Any]
) -> None:
    other = personas["other_approach"]
    try:
        apps = _migrate(BEFORE)
        statement = apps.get_model("strategy", "StrategyStatement")
        vision = apps.get_model("systems", "Vision")
        statement.objects.create(approach_id=approach.pk, vision="Garder l'eau.", horizon=2050)
        vision.objects.create(approach_id=other.pk, text="Vision des ateliers.")
        statement.objects.create(
            approach_id=other.pk, vision="Autre texte.", horizon=2040, preamble="Intro."
        )
        apps = _migrate(AFTER)
        vision = apps.get_model("systems", "Vision")
        statement = apps.get_model("strategy", "StrategyStatement")
        mine = vision.objects.get(approach_id=approach.pk)
        assert (mine.text, mine.horizon_year) == ("Garder l'eau.", 2050)
        theirs = vision.objects.get(approach_id=other.pk)
        assert (theirs.text, theirs.horizon_year) == ("Vision des ateliers.", 2040)
        assert statement.objects.get(approach_id=other.pk).preamble == (
            "Vision formulée pour la stratégie : Autre texte.\n\nIntro."
        )
    finally:
        _migrate(
            [(key[0], key[1]) for key in MigrationExecutor(connection).loader.graph.leaf_nodes()]
        )
