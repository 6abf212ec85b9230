"""The demo démarche's governance content: 15 actors with links, a MACTOR of 8 actors × 6
objectives, one conflict worked through mediation, one cooperation agreement."""

from __future__ import annotations

from typing import Any

from ressort.approaches.demo import load_demo
from ressort.frameworks import services as frameworks
from ressort.governance import services
from ressort.governance.models import ConflictProcess
from ressort.territories.importer import import_official_territories
from tests.territories.test_import import CONTOURS, DATA


def test_demo_content(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    # 15 actors of governance's demo, plus the 3 entities of the living demo's parlement
    assert approach.territory_actors.filter(spokespeople=None).count() == 15
    assert approach.actor_links.count() >= 20
    assert approach.raci.filter(role="A").count() == 5  # one accountable party a step
    study = approach.mactor_studies.get()
    view = services.mactor_view(study)
    assert view is not None
    assert (len(view.actors), len(view.objectives)) == (8, 6)
    # The illustrative scores make a readable case: the State is the strongest actor, and
    # summer irrigation is the contested objective (actors both for and against it).
    strongest = max(view.actors, key=lambda row: row.score.r_star)
    assert strongest.name == "Préfecture et DDT"
    irrigation = view.objectives[1]
    assert irrigation.supporters and irrigation.opponents
    assert all(o.opponents == 0 for o in view.objectives[3:4])
    conflict = approach.actor_conflicts.get()
    assert conflict.process == ConflictProcess.MEDIATION
    assert conflict.parties.count() == 4 and conflict.meetings.count() == 3
    assert conflict.resources.exists() and conflict.actions.count() == 2
    agreement = approach.cooperation_agreements.get()
    assert agreement.parties.count() == 4 and agreement.actions.count() == 2
