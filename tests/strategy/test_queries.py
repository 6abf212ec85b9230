"""The list pages do not grow their query count with the number of actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ressort.approaches.models import Approach
from ressort.strategy import demo, services
from tests.strategy.conftest import client_for

pytestmark = pytest.mark.django_db

PAGES = [
    "strategy:overview",
    "strategy:one_page",
    "strategy:timeline",
    "strategy:history",
    "strategy:timeline_xlsx",
    "strategy:timeline_ics",
]


def count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_query_count_does_not_follow_the_number_of_actions(
    approach: Approach, personas: dict[str, Any], name: str
) -> None:
    demo.build(approach)
    client = client_for(personas["equipe"])
    url = reverse(name, args=[approach.slug])
    before = count(client, url)
    objective = approach.strategic_axes.first().objectives.first()
    for i in range(12):
        sheet = services.create_sheet(
            approach, title=f"Action {i}", objective=objective, status="engagee"
        )
        sheet.milestones.create(title="Jalon", due_date="2027-01-01")
        sheet.budget_lines.create(kind="investissement", year=2027, planned=10)
    after = count(client, url)
    assert after <= before + 2, (before, after)
    assert after <= 45  # with the step's checklist at the foot (approaches.progress.guide)
