"""The demo démarche's past-shocks timeline: illustrative, saying so, linked to hazards and
to a testimony, shown on the page and offered to the story."""

from __future__ import annotations

from typing import Any

from ressort.approaches.demo import load_demo
from ressort.frameworks import services as frameworks
from ressort.opendata import shocks
from ressort.territories.importer import import_official_territories
from tests.conftest import page_text
from tests.territories.test_import import CONTOURS, DATA


def test_demo_timeline(db: Any, client: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    rows = list(approach.past_shocks.all())
    assert len(rows) == 5
    assert all(s.illustrative and "(exemple)" in s.title for s in rows)
    assert {s.kind for s in rows} >= {"inondation", "secheresse", "canicule", "sanitaire"}
    drought = approach.past_shocks.get(kind="secheresse")
    assert {h.code for h in drought.hazards.all()} == {"secheresse", "mouvement_terrain"}
    assert drought.testimonies.count() == 1
    years = shocks.timeline(approach)
    assert [y.year for y in years] == [2022, 2021, 2020, 2009, 2003]
    story = shocks.for_story(approach)
    assert story[0].startswith("Sécheresse et restrictions d'eau (exemple) (06/2022)\u00a0: ")
    client.force_login(approach.memberships.order_by("pk").first().user)
    page = page_text(client.get(f"/demarches/{approach.slug}/chocs-passes/"))
    assert "Crue de la Bourbre (exemple)" in page and "illustratif" in page
