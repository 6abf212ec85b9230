"""The demo démarche's behaviour change content: two behaviours diagnosed with COM-B,
interventions chosen among the suggestions and attached to actions, one follow-up survey."""

from __future__ import annotations

from typing import Any

from ressort.approaches.demo import load_demo
from ressort.behaviour import services
from ressort.frameworks import services as frameworks
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA


def test_demo_content(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    behaviours = list(approach.target_behaviours.all())
    assert len(behaviours) == 2
    for behaviour in behaviours:
        assert behaviour.actions.count() == 1
        result = services.diagnosis(behaviour)
        suggested = {s.function for s in result.suggestions}
        chosen = {i.function for i in behaviour.interventions.all()}
        assert len(chosen) == 2 and chosen <= suggested
        assert all(i.action in behaviour.actions.all() for i in behaviour.interventions.all())
    bike = approach.target_behaviours.get(title="Venir au travail à vélo")
    [wave] = services.survey_waves(bike)
    assert wave.answered == 5 and wave.means["B"] == 0.8
    canteen = approach.target_behaviours.get(title="Acheter local pour la cantine")
    assert canteen.determinants.filter(testimonies__isnull=False).exists()
