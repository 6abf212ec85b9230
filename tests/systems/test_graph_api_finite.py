"""The graph editor's API refuses non-finite numbers (Infinity, NaN), in French."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.systems.models import ImpactChain, Node
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("word", ["Infinity", "-Infinity", "NaN", "1e999"])
def test_positions_must_be_finite(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain, word: str
) -> None:
    client = client_for(personas["equipe"])
    url = reverse("systems:api_nodes", args=[approach.slug, heat.pk])
    before = Node.objects.count()
    body = '{"label": "Coupures", "kind": "impact", "x": ' + word + ', "y": 1}'
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    message = " ".join(m for ms in response.json()["errors"].values() for m in ms)
    assert "fini" in message
    assert Node.objects.count() == before
    node = heat.nodes.first()
    assert node is not None
    patch = client.patch(
        reverse("systems:api_node", args=[approach.slug, heat.pk, node.pk]),
        '{"y": ' + word + "}",
        content_type="application/json",
    )
    assert patch.status_code == 400
    node.refresh_from_db()
    assert node.y is None or abs(node.y) < 1e9


def test_link_weight_must_be_finite(
    approach: Approach, personas: dict[str, Any], heat: ImpactChain
) -> None:
    client = client_for(personas["equipe"])
    a, b = heat.nodes.all()[:2]
    url = reverse("systems:api_links", args=[approach.slug, heat.pk])
    body = f'{{"source": {a.pk}, "target": {b.pk}, "sign": 1, "weight": NaN}}'
    assert client.post(url, body, content_type="application/json").status_code == 400
