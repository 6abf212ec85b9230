"""Query counts of the list-like pages do not grow with what they list."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.fieldwork.models import Vulnerability
from ressort.systems.models import Scenario
from ressort.systems.services.chains import build_system_graph, create_chain_from_template
from tests.systems.conftest import client_for


def queries(client: Any, url: str, params: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context.captured_queries)


def grow(approach: Approach, n: int) -> None:
    for template in ["chaleur", "secheresse", "inondation", "energie", "alimentation"][:n]:
        chain = create_chain_from_template(approach, template)
        for node in chain.nodes.all()[:3]:
            node.vulnerabilities.add(
                Vulnerability.objects.create(
                    approach=approach, title=f"{node.label} ({chain.pk})", place_name="Bourgoin"
                )
            )
        Scenario.objects.create(
            approach=approach, name=f"S{chain.pk}", tracc_level="metropole.2050"
        )


def test_pages_do_not_query_per_item(approach: Approach, personas: dict[str, Any]) -> None:
    client = client_for(personas["equipe"])
    s = approach.slug
    grow(approach, 1)
    chain = approach.impact_chains.get()
    system = build_system_graph(approach)
    hazard = next(e for e, rows in system.members.items() if rows[0].is_source)
    pages = [
        (reverse("systems:chains", args=[s]), None),
        (reverse("systems:chain", args=[s, chain.pk]), None),
        (reverse("systems:scenarios", args=[s]), None),
        (
            reverse("systems:cascade", args=[s]),
            {"hazards": [hazard], "intensity": 3, "max_steps": 9},
        ),
    ]
    before = [queries(client, url, params) for url, params in pages]
    grow(approach, 5)
    after = [queries(client, url, params) for url, params in pages]
    assert after == before
