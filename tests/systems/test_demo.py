"""The demo démarche's systems content: chain with loops, 15-variable matrix, vision, two
scenarios with TRACC levels and a stress test; every page renders."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ressort.approaches.demo import DEMO_ACCOUNTS, load_demo
from ressort.frameworks import services as frameworks
from ressort.systems.services.chains import build_system_graph
from ressort.systems.services.chains import loops as system_loops
from ressort.systems.services.micmac import run_micmac
from ressort.systems.services.scenarios import stress_test
from ressort.territories.importer import import_official_territories
from tests.conftest import page_text
from tests.systems.conftest import client_for
from tests.territories.test_import import CONTOURS, DATA


def test_demo_content_and_pages(db: Any) -> None:
    import_official_territories(DATA, CONTOURS)
    assert not frameworks.load_shipped().errors
    approach, _ = load_demo()
    chain = approach.impact_chains.get(name="Chaleur et sécheresse")
    assert chain.nodes.count() == 18 and chain.links.count() == 22
    system = build_system_graph(approach)
    assert not system.conflicts
    loops, _ = system_loops(system)
    assert {loop.reinforcing for loop in loops} == {True, False}
    assert approach.variables.count() == 15
    view = run_micmac(approach)
    assert view is not None and view.result.total > 0
    assert {s.direct_zone for s in view.result.variables} >= {"motrice", "dépendante"}
    assert approach.vision.horizon_year == 2050
    assert approach.vision_keywords.get(word="Sobriété").count == 2
    scenarios = list(approach.scenarios.all())
    assert [s.tracc_level for s in scenarios] == ["metropole.2100", "metropole.2050"]
    for scenario in scenarios:
        stress = stress_test(scenario)
        assert stress is not None and stress.vulnerabilities
    user = approach.memberships.get(user__email=DEMO_ACCOUNTS[0].email).user
    client = client_for(user)
    s = approach.slug
    for url in [
        reverse("systems:chains", args=[s]),
        reverse("systems:chain", args=[s, chain.pk]),
        reverse("systems:chain_graph", args=[s, chain.pk]),
        reverse("systems:cascade", args=[s]),
        reverse("systems:micmac", args=[s]),
        reverse("systems:micmac_results", args=[s]),
        reverse("systems:vision", args=[s]),
        reverse("systems:scenarios", args=[s]),
        reverse("systems:combinations", args=[s]),
        *[reverse("systems:scenario", args=[s, x.pk]) for x in scenarios],
    ]:
        assert client.get(url).status_code == 200, url
    page = page_text(client.get(reverse("systems:scenario", args=[s, scenarios[1].pk])))
    assert "TRACC France métropolitaine (hexagonale) : +2,7 °C en 2050" in page
    assert "Surmortalité et hospitalisations" in page
