"""The demo strategy: 3 axes, 7 objectives, 12 sheets, a late and an over-budget action."""

from __future__ import annotations

from typing import Any

import pytest

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.strategy import demo, documents, services
from ressort.strategy.models import ActionSheet, Axis, Objective
from ressort.systems.models import Vision

pytestmark = pytest.mark.django_db


def test_demo_builds_a_whole_plan_once(approach: Approach, personas: dict[str, Any]) -> None:
    existing = Action.objects.create(approach=approach, title="Plantation de haies en ville")
    demo.build(approach)
    assert Axis.objects.filter(approach=approach).count() == 3
    assert Objective.objects.filter(axis__approach=approach).count() == 7
    sheets = ActionSheet.objects.filter(approach=approach)
    assert sheets.count() == 12
    # An action of the actions demo is kept and placed by its keywords.
    sheet = ActionSheet.objects.get(action=existing)
    assert sheet.objective.title == "Restaurer les continuités écologiques"
    assert Action.objects.filter(approach=approach).count() == 12
    rows = services.action_progress(approach)
    assert sum(r["late"] for r in rows) >= 1
    assert sum(r["over_budget"] for r in rows) >= 1
    assert {r["status"] for r in rows} >= {"idee", "planifiee", "engagee", "realisee"}
    assert all(r["pilot_email"].endswith("@demo.ressort.fr") for r in rows)
    assert all(s.milestones.count() == 3 for s in sheets)
    # No shared vision was written (the systems demo did not run): the strategy writes one.
    assert Vision.objects.get(approach=approach).text == demo.VISION
    demo.build(approach)  # a second call adds nothing
    assert ActionSheet.objects.filter(approach=approach).count() == 12
    text = "\n".join(str(c) for _k, c in documents.outline(approach))
    assert "Texte illustratif" in text or "illustratif" in text


def test_demo_serves_the_shared_vision_it_finds(approach: Approach) -> None:
    Vision.objects.create(approach=approach, text="La vision des ateliers.", horizon_year=2040)
    demo.build(approach)
    assert Vision.objects.get(approach=approach).text == "La vision des ateliers."
    outline = documents.outline(approach)
    assert ("h2", "Vision à l'horizon 2040") in outline
    assert ("p", "La vision des ateliers.") in outline
