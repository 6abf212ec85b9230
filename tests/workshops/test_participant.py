"""Participants: joining, answering, changing, closing, duplicates, isolation (plain forms)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from ressort.workshops import services
from ressort.workshops.models import Activity, Answer, Participant, Workshop
from tests.conftest import page_text
from tests.workshops.conftest import activity, join

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache() -> None:
    cache.clear()


def test_join_with_code_pseudonym_and_category(workshop: Workshop) -> None:
    c = Client()
    page = page_text(c.get(f"/atelier/{workshop.join_code}/"))
    assert workshop.title in page and "Vous êtes (facultatif)" in page
    response = c.post(
        "/atelier/",
        {"code": workshop.join_code.lower(), "pseudonym": "Lou", "category": "Habitant·e"},
    )
    assert response.status_code == 302
    p = Participant.objects.get()
    assert (p.pseudonym, p.category) == ("Lou", "Habitant·e")
    assert c.cookies[f"rs_atelier_{workshop.pk}"].value == p.token
    # Coming back with the QR link goes straight to the activities, same participant.
    assert c.get(f"/atelier/{workshop.join_code}/").status_code == 302
    assert "Aucune activité n’est ouverte" in page_text(c.get(response.url))
    assert Participant.objects.count() == 1


def test_unknown_category_is_dropped(workshop: Workshop) -> None:
    join(Client(), workshop, category="Espion")
    assert Participant.objects.get().category == ""


def test_wrong_and_expired_code(workshop: Workshop) -> None:
    response = Client().post("/atelier/", {"code": "ZZZZZZZZ"})
    assert "Code d'accès inconnu" in page_text(response)
    workshop.code_expires_at = timezone.now() - dt.timedelta(minutes=1)
    workshop.save()
    response = Client().post("/atelier/", {"code": workshop.join_code})
    assert "a expiré" in page_text(response)
    assert not Participant.objects.exists()


def test_code_attempts_are_rate_limited(workshop: Workshop) -> None:
    c = Client()
    for i in range(services.JOIN_ATTEMPTS):
        c.post("/atelier/", {"code": f"WRONG{i:03d}"})
    response = c.post("/atelier/", {"code": workshop.join_code})
    assert response.status_code == 429
    assert "Trop de codes" in page_text(response)


def test_participant_sees_only_open_activity_answers_and_changes(workshop: Workshop) -> None:
    c = join(Client(), workshop)
    board = f"/atelier/{workshop.join_code}/activites/"
    grid, vote = activity(workshop, "grille"), activity(workshop, "vote")
    services.set_state(grid, Activity.State.OPEN)
    page = page_text(c.get(board))
    assert "Gouvernance" in page and "Quelle action d'abord" not in page
    url = f"{board}{grid.pk}/repondre/"
    response = c.post(url, {"q-Q1.1.a": "3", "q-Q1.1.b": "nsp"})
    assert "Votre réponse est enregistrée" in page_text(response)
    assert {a.client_id: a.payload["score"] for a in grid.answers.all()} == {
        "Q1.1.a": 3,
        "Q1.1.b": None,
    }
    # The page shows the stored answer checked (restored on reload / reconnection).
    assert 'value="3" checked' in c.get(board).content.decode()
    c.post(url, {"q-Q1.1.a": "1"})
    assert grid.answers.get(client_id="Q1.1.a").payload["score"] == 1
    assert grid.answers.count() == 2
    response = c.post(url, {"q-Q1.1.a": "7"})
    assert response.status_code == 400
    assert "une note de 0 à 4" in page_text(response)
    # Not open: refused, nothing stored.
    response = c.post(f"{board}{vote.pk}/repondre/", {"g-l1": "3"})
    assert "close" in page_text(response) and not vote.answers.exists()
    services.set_state(grid, Activity.State.CLOSED)
    response = c.post(url, {"q-Q1.1.a": "4"})
    assert response.status_code == 400
    assert grid.answers.get(client_id="Q1.1.a").payload["score"] == 1


def test_duplicate_idea_is_stored_once_and_can_be_withdrawn(workshop: Workshop) -> None:
    c = join(Client(), workshop)
    idea = activity(workshop, "idees")
    services.set_state(idea, Activity.State.OPEN)
    url = f"/atelier/{workshop.join_code}/activites/{idea.pk}/repondre/"
    data = {"client_id": "idee-0000001", "text": "Des haies le long des champs", "dimension": ""}
    c.post(url, data)
    c.post(url, data)
    assert idea.answers.count() == 1
    c.post(url, {"client_id": "idee-0000002", "text": "Une ressourcerie"})
    assert idea.answers.count() == 2
    c.post(url, {"retirer": "idee-0000001"})
    assert list(idea.answers.values_list("payload__text", flat=True)) == ["Une ressourcerie"]
    response = c.post(url, {"client_id": "idee-0000003", "text": ""})
    assert "écrivez quelques mots" in page_text(response)


def test_participant_cannot_reach_another_workshops_activity(
    workshop: Workshop, approach: Any
) -> None:
    other = Workshop.objects.create(approach=approach, title="Autre atelier")
    other_activity = Activity.objects.create(
        workshop=other, kind="nuage", title="Mots", config={"max_words": 3}, state="ouverte"
    )
    c = join(Client(), workshop)
    # Through their own workshop's URL…
    response = c.post(
        f"/atelier/{workshop.join_code}/activites/{other_activity.pk}/repondre/",
        {"client_id": "abcdefghij", "word": "intrus"},
    )
    assert response.status_code == 400
    assert "n'existe pas dans votre atelier" in page_text(response)
    # …and through the other workshop's URL, where they have not joined.
    response = c.post(
        f"/atelier/{other.join_code}/activites/{other_activity.pk}/repondre/",
        {"client_id": "abcdefghij", "word": "intrus"},
    )
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_async_consultation_closes_at_its_date(workshop: Workshop) -> None:
    workshop.mode = Workshop.Mode.ASYNC
    workshop.open_until = timezone.now() + dt.timedelta(days=3)
    workshop.save()
    idea, cloud = activity(workshop, "idees"), activity(workshop, "nuage")
    services.set_state(idea, Activity.State.OPEN)
    services.set_state(cloud, Activity.State.OPEN)
    c = join(Client(), workshop)
    page = page_text(c.get(f"/atelier/{workshop.join_code}/activites/"))
    assert "Vos idées pour l'eau" in page and "La CAPI en 2050" in page  # both open for days
    workshop.open_until = timezone.now() - dt.timedelta(minutes=1)
    workshop.save()
    page = page_text(c.get(f"/atelier/{workshop.join_code}/activites/"))
    assert "La consultation est close" in page
    response = c.post(
        f"/atelier/{workshop.join_code}/activites/{cloud.pk}/repondre/",
        {"client_id": "abcdefghij", "word": "eau"},
    )
    assert response.status_code == 400 and not cloud.answers.exists()


def test_word_cloud_limit_and_card_sort_piles(workshop: Workshop) -> None:
    from ressort.workshops.kinds import AnswerError
    from tests.workshops.conftest import make_activity

    cloud = activity(workshop, "nuage")  # two words each
    services.set_state(cloud, Activity.State.OPEN)
    p = Participant.objects.create(workshop=workshop)
    for i, word in enumerate(["Sobre", "Solidaire"]):
        services.store_answers(p, cloud.pk, {"client_id": [f"mot-000{i}"], "word": [word]})
    services.store_answers(p, cloud.pk, {"client_id": ["mot-0001"], "word": ["Solidaires"]})
    with pytest.raises(AnswerError, match="2 au plus"):
        services.store_answers(p, cloud.pk, {"client_id": ["mot-0009"], "word": ["Trois"]})
    assert sorted(cloud.answers.values_list("payload__word", flat=True)) == ["Sobre", "Solidaires"]

    from ressort.frameworks.models import FrameworkVersion

    donut = FrameworkVersion.objects.get(framework__code="donut", is_current=True)
    sort = make_activity(workshop, "classement", "Trions", {"version": donut.pk, "mode": "piles"})
    services.set_state(sort, Activity.State.OPEN)  # closes the cloud (live mode)
    cards = [c["code"] for c in sort.config["cards"]]
    services.store_answers(
        p, sort.pk, {f"r-{cards[0]}": ["essentiel"], f"r-{cards[1]}": ["secondaire"]}
    )
    with pytest.raises(AnswerError, match="choisissez une pile"):
        services.store_answers(p, sort.pk, {f"r-{cards[0]}": ["urgent"]})
    rows = services.results(sort)["rows"]
    assert rows[0]["points"] == 2 and rows[0]["label"] == sort.config["cards"][0]["label"]
    cloud.refresh_from_db()
    assert cloud.state == Activity.State.CLOSED
