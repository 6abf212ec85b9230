"""The demo démarche's living content, as issue 21's « Done when » lists it."""

from __future__ import annotations

from typing import Any

from ressort.analysis.living import ErcStatus
from ressort.approaches.demo import load_demo
from ressort.frameworks import services as frameworks
from ressort.governance.models import ActorCategory
from ressort.living import services
from ressort.territories.importer import import_official_territories
from tests.conftest import page_text
from tests.territories.test_import import CONTOURS, DATA


def test_demo_content(db: Any, client: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    assert "vivant" in approach.modules
    milieux = services.milieux_of(approach)
    assert len(milieux) == 6 and all(m.illustrative for m in milieux)
    assert all(m.evidence_lines() for m in milieux)
    assert len(services.species_of(approach)) == 3
    river = next(m for m in milieux if m.name == "La Bourbre")
    node = river.chain_nodes.get()
    assert node.incoming.get().source.label == "Canicule"
    assert node.outgoing.get().target.label == "Eau potable des communes de la plaine"
    plan = services.plan_view(approach)
    checks = [e.erc().status for e in plan.harms]
    assert ErcStatus.DONE in checks and ErcStatus.TO_DO in checks
    living_actors = approach.territory_actors.filter(category=ActorCategory.LIVING)
    assert living_actors.filter(spokespeople__isnull=False).distinct().count() == 3
    client.force_login(approach.memberships.first().user)
    text = page_text(client.get(f"/demarches/{approach.slug}/acteurs/carte/"))
    assert "Porte-parole\u00a0: La rivière Bourbre" in text
