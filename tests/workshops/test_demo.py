from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ressort.approaches.models import Approach
from ressort.workshops import demo, services
from ressort.workshops.models import Activity, Workshop
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def test_demo_has_a_held_workshop_and_one_to_run(
    approach: Approach, personas: dict[str, Any], frameworks: None
) -> None:
    demo.build(approach)
    held = Workshop.objects.get(approach=approach, title__contains="illustratif")
    kinds = list(held.activities.values_list("kind", "state"))
    assert kinds == [("idees", "close"), ("grille", "close"), ("vote", "close")]
    vote = held.activities.get(kind="vote")
    vote.workshop = held
    assert services.results(vote)["voters"] == 14
    assert services.participation(vote)["abstained"] == 0
    ready = Workshop.objects.get(approach=approach, title__contains="à animer")
    assert set(ready.activities.values_list("state", flat=True)) == {Activity.State.DRAFT}
    assert ready.code_is_valid() and not held.code_is_valid()
    c = Client()
    c.force_login(personas["elu_referent"])
    grid = held.activities.get(kind="grille")
    page = page_text(c.get(f"/demarches/{approach.slug}/ateliers/{held.pk}/activites/{grid.pk}/"))
    assert "Dans quelle mesure les habitants" in page and "Médiane" in page
