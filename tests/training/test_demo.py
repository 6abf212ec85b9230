"""The demo démarche's training content, as issue 20's « Done when » lists it."""

from __future__ import annotations

from typing import Any

from ressort.approaches.demo import load_demo
from ressort.frameworks import services as frameworks
from ressort.territories.importer import import_official_territories
from ressort.training import services
from tests.territories.test_import import CONTOURS, DATA


def test_demo_content(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    groups = services.needs_by_group(approach.training_needs.all())
    assert sum(g.respondents for g in groups if g.audience == "agents") == 30
    paths = {p.audience + p.trade: p for p in approach.training_paths.all()}
    assert set(paths) == {"elus", "agentsvoirie"}
    assert all(p.steps.count() >= 3 for p in paths.values())
    progress = services.progress(approach)
    assert len(progress) == 2
    assert all(p.gain is not None and p.gain > 0 for p in progress)
    action_session = next(p.session for p in progress if p.session.is_formation_action)
    assert action_session.commitments.exclude(action=None).count() == 2
    assert action_session.documents.exists()  # materials from the démarche's library
    coverage = {c.label: c for c in services.coverage(approach)}
    assert coverage["Élus"].trained == 6 and coverage["Élus"].headcount == 34
