"""The data migration that moves the strategy's own vision into the shared vision."""

from __future__ import annotations

from typing import Any

import pytest

from tests.migrating import migrate, migrate_to_latest

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.migrations]

BEFORE = [("strategy", "0002_action_sheets"), ("systems", "0003_historicalvision")]
AFTER = [("strategy", "0004_statement_without_vision")]


def test_statement_vision_fills_an_empty_shared_vision_and_is_kept_otherwise(
    approach: Any, personas: dict[str, Any]
) -> None:
    other = personas["other_approach"]
    try:
        apps = migrate(BEFORE)
        statement = apps.get_model("strategy", "StrategyStatement")
        vision = apps.get_model("systems", "Vision")
        statement.objects.create(approach_id=approach.pk, vision="Garder l'eau.", horizon=2050)
        vision.objects.create(approach_id=other.pk, text="Vision des ateliers.")
        statement.objects.create(
            approach_id=other.pk, vision="Autre texte.", horizon=2040, preamble="Intro."
        )
        apps = migrate(AFTER)
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
        migrate_to_latest()
