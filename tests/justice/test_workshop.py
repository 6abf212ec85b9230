"""Acceptability collected through a consultation kind: inhabitants answer from their phones
how acceptable and how affordable each measure is, optionally naming their group; delivered,
the answers become the justice brique's acceptability answers, counted, per group beside each
action. Through the pages, as the facilitator and the inhabitants use them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.justice.models import AcceptabilityAnswer, Participation, PopulationGroup
from ressort.workshops.models import Workshop
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache() -> None:
    cache.clear()  # the join rate limit


def participant(workshop: Workshop) -> Client:
    c = Client()
    response = c.post("/atelier/", {"code": workshop.join_code})
    assert response.status_code == 302
    return c


def test_inhabitants_answer_and_the_answers_reach_the_justice_brique(
    approach: Approach, client_as: Any
) -> None:
    team = client_as("facilitateur")
    toll = Action.objects.create(approach=approach, title="Péage urbain")
    bus = Action.objects.create(approach=approach, title="Bus à la demande")
    Action.objects.create(approach=approach, title="Non soumise")
    poor = PopulationGroup.objects.create(approach=approach, name="Modestes", dimension="revenu")
    rural = PopulationGroup.objects.create(approach=approach, name="Ruraux", dimension="lieu")
    base = f"/demarches/{approach.slug}/ateliers/"
    team.post(base + "ajouter/", {"title": "Questionnaire mobilité", "mode": "direct"})
    workshop = Workshop.objects.get(title="Questionnaire mobilité")
    base = f"{base}{workshop.pk}/"
    new = f"{base}activites/nouvelle/"

    page = page_text(team.get(f"{new}?type=acceptabilite"))
    assert "Acceptabilité des mesures" in page and "Modestes" in page
    refused = team.post(new, {"type": "acceptabilite", "title": "Vide"})
    assert "cochez-en au moins une" in page_text(refused)
    response = team.post(
        new,
        {
            "type": "acceptabilite",
            "title": "Vos mesures",
            "actions": [toll.pk, bus.pk],
            "groups": [poor.pk, rural.pk],
        },
    )
    assert response.status_code == 302
    activity = workshop.activities.get()
    team.post(f"{base}activites/{activity.pk}/etat/", {"state": "ouverte"})

    board = f"/atelier/{workshop.join_code}/activites/"
    url = f"{board}{activity.pk}/repondre/"
    t, b = f"a{toll.pk}", f"a{bus.pk}"
    for fields in (
        {
            "groupe": f"g{poor.pk}",
            f"acc-{t}": "1",
            f"aff-{t}": "1",
            f"acc-{b}": "4",
            f"aff-{b}": "3",
        },
        {"groupe": f"g{poor.pk}", f"acc-{t}": "1", f"aff-{t}": "1"},
        {"groupe": f"g{rural.pk}", f"acc-{t}": "3", f"aff-{t}": "2"},
        {f"acc-{t}": "4", f"aff-{t}": "4"},
    ):
        c = participant(workshop)
        page = page_text(c.get(board))
        assert "Péage urbain" in page and "Non soumise" not in page
        assert "Vous vous situez plutôt parmi (facultatif)" in page
        response = c.post(url, fields)
        assert "Votre réponse est enregistrée" in page_text(response), page_text(response)[:400]

    half = participant(workshop).post(url, {f"acc-{t}": "2"})
    assert half.status_code == 400
    assert "«\u00a0Péage urbain\u00a0»\u00a0: dites aussi si la mesure est abordable" in (
        page_text(half)
    )
    foreign = participant(workshop).post(
        url, {"groupe": "g999999", f"acc-{t}": "2", f"aff-{t}": "2"}
    )
    assert foreign.status_code == 400 and "choisissez-le dans la liste" in page_text(foreign)
    out = participant(workshop).post(url, {f"acc-{t}": "5", f"aff-{t}": "2"})
    assert out.status_code == 400 and "acceptable\u00a0: de 1 à 4" in page_text(out)

    results = page_text(team.get(f"{base}activites/{activity.pk}/"))
    assert "Toutes les réponses" in results and "Sans groupe déclaré" in results
    # The toll: 4 answers (1, 1, 3, 4) → mean 2.25 written « 2,3 », two in four find it acceptable.
    flat = re.sub(r"[ \n]+", " ", re.sub("<[^>]+>", " ", results))
    assert "Toutes les réponses 4 2,3 2 50\u202f%" in flat

    team.post(f"{base}activites/{activity.pk}/etat/", {"state": "close"})
    report = page_text(team.post(f"{base}activites/{activity.pk}/envoyer/", follow=True))
    assert "5 réponses d'acceptabilité sur 2 mesures et 4 participations envoyées" in report
    # Who took part: the four phones that answered, each once, under the group it named
    # (the three refused answers stored nothing).
    took_part = {
        (p.category.name if p.category else None, p.age_group_id): p.count
        for p in Participation.objects.select_related("category")
    }
    assert took_part == {("Modestes", None): 2, ("Ruraux", None): 1, (None, None): 1}
    assert all(p.event.startswith("Atelier") for p in Participation.objects.all())
    rows = {
        (a.action.title, a.group.name if a.group else None, a.acceptable, a.affordable): a.count
        for a in AcceptabilityAnswer.objects.select_related("action", "group")
    }
    assert rows == {
        ("Péage urbain", "Modestes", 1, 1): 2,
        ("Péage urbain", "Ruraux", 3, 2): 1,
        ("Péage urbain", None, 4, 4): 1,
        ("Bus à la demande", "Modestes", 4, 3): 1,
    }
    assert all(a.consultation.startswith("Atelier") for a in AcceptabilityAnswer.objects.all())
    plan = page_text(team.get(f"/demarches/{approach.slug}/transition-juste/acceptabilite/"))
    assert "Péage urbain" in plan and "Modestes" in plan


def test_no_action_no_activity(approach: Approach, client_as: Any) -> None:
    team = client_as("facilitateur")
    base = f"/demarches/{approach.slug}/ateliers/"
    team.post(base + "ajouter/", {"title": "Questionnaire", "mode": "direct"})
    workshop = Workshop.objects.get(title="Questionnaire")
    response = team.post(
        f"{base}{workshop.pk}/activites/nouvelle/", {"type": "acceptabilite", "title": "X"}
    )
    assert "n’a pas encore d’actions" in page_text(response)
    assert not workshop.activities.exists()
