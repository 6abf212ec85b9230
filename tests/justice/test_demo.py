"""The demo démarche's just-transition content, as issue 21's « Done when » lists it."""

from __future__ import annotations

from typing import Any

from ressort.approaches.demo import load_demo
from ressort.frameworks import services as frameworks
from ressort.justice import services
from ressort.territories.importer import import_official_territories
from tests.conftest import page_text
from tests.territories.test_import import CONTOURS, DATA


def test_demo_content(db: Any, client: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    groups = services.groups_of(approach)
    assert len(groups) == 5 and all(g.total for g in groups)
    view = services.justice_view(approach)
    assert len({e.action_id for e in view.effects}) == 8
    flagged = [row for row in view.flags if row.remedies]
    assert flagged and flagged[0].flag.action == "Réseau de chaleur bois à Villefontaine"
    participation = services.participation_view(approach)
    assert any(gap.row.under_represented for gap in participation.by_commune)
    client.force_login(approach.memberships.first().user)
    text = page_text(client.get(f"/demarches/{approach.slug}/transition-juste/participation/"))
    assert "Sous-représenté" in text
