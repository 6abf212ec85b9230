"""The dashboard is kept per démarche, role and day; a change shows at once."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressort.approaches.models import Approach
from ressort.monitoring.models import Decision, Meeting
from tests.conftest import page_text
from tests.monitoring.factories import indicator, sheet, trajectory, values

pytestmark = pytest.mark.django_db


def test_a_change_shows_at_once(approach: Approach, client_for: Callable[[str], Client]) -> None:
    sheet(approach, "Pistes cyclables", status="engagee", end_date=date(2099, 12, 31))
    client = client_for("equipe")
    url = reverse("monitoring:dashboard", args=[approach.slug])
    assert "Aucune action en retard." in page_text(client.get(url))

    # A late action written outside a page (a task, the admin), with its sheet under it.
    sheet(approach, "Rénovation des écoles", status="engagee", end_date=date(2020, 6, 30))
    text = page_text(client.get(url))
    assert "Rénovation des écoles" in text and "Aucune action en retard." not in text

    # A decision at a meeting, then the meeting moved: rows of the démarche, saved.
    meeting = Meeting.objects.create(
        approach=approach, date=timezone.localdate() - timedelta(days=3), title="Copil 1"
    )
    Decision.objects.create(approach=approach, meeting=meeting, text="Lancer le plan vélo.")
    assert "Lancer le plan vélo." in page_text(client.get(url))
    meeting.title = "Comité de pilotage n° 1"
    meeting.save()
    assert "Comité de pilotage n° 1" in page_text(client.get(url))


def test_kept_between_readers(
    approach: Approach,
    client_for: Callable[[str], Client],
    django_assert_max_num_queries: Any,
) -> None:
    for i in range(12):
        sheet(approach, f"Action {i}", status="engagee", end_date=date(2026, 1, 1))
        ind = indicator(approach, f"i{i}")
        values(ind, {2020: 10.0, 2021: 11.0})
        trajectory(ind, (2020, 10.0), {2030: 5.0})
    url = reverse("monitoring:dashboard", args=[approach.slug])
    assert "Saisir l’avancement" in page_text(client_for("equipe").get(url))
    client = client_for("partenaire")  # another role: its own page, computed once
    assert "Saisir l’avancement" not in page_text(client.get(url))
    with django_assert_max_num_queries(14) as queries:
        text = page_text(client.get(url))
    assert "Action 11" in text and "Saisir l’avancement" not in text
    assert not any("historical" in q["sql"].lower() for q in queries.captured_queries)
