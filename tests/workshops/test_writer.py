"""The live answer writer: a batch validated in Python, written as one multi-row insert that
turns resends into updates, answer by answer only when the database refuses the batch."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from ressort.workshops import services, writer
from ressort.workshops.models import Activity, Answer, Participant, Workshop
from tests.workshops.conftest import activity

pytestmark = pytest.mark.django_db


def people(workshop: Workshop, n: int) -> list[Participant]:
    Participant.objects.bulk_create(Participant(workshop=workshop) for _ in range(n))
    return list(Participant.objects.filter(workshop=workshop).select_related("workshop"))


def item(participant: Participant, act: Activity, query: str) -> writer.Item:
    return writer.Item(participant, act.pk, QueryDict(query))


def answer_inserts(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(f'INSERT INTO "{Answer._meta.db_table}"')
    ]


def test_a_batch_is_one_insert_and_a_resent_batch_adds_nothing(workshop: Workshop) -> None:
    grid = activity(workshop, "grille")
    services.set_state(grid, Activity.State.OPEN)
    room = people(workshop, 40)
    batch = [item(p, grid, f"q-Q1.1.a={i % 5}&q-Q1.1.b=nsp") for i, p in enumerate(room)]
    with CaptureQueriesContext(connection) as queries:
        results = writer.write_batch(batch)
    assert results == [(True, "Réponse enregistrée.")] * 40
    assert len(answer_inserts(queries)) == 1
    # Reading the activities, the insert, and the transaction's own statements: not one
    # statement per answer.
    assert len(queries.captured_queries) <= 4, [q["sql"] for q in queries.captured_queries]
    assert grid.answers.count() == 80
    # The whole batch again (lost acknowledgements): the same 80 rows.
    assert writer.write_batch(batch) == [(True, "Réponse enregistrée.")] * 40
    assert grid.answers.count() == 80
    first = grid.answers.get(participant=room[1], client_id="Q1.1.a")
    assert first.payload == {"score": 1, "comment": ""}


def test_the_later_of_two_answers_to_one_question_wins(workshop: Workshop) -> None:
    grid = activity(workshop, "grille")
    services.set_state(grid, Activity.State.OPEN)
    (alice,) = people(workshop, 1)
    results = writer.write_batch([item(alice, grid, "q-Q1.1.a=1"), item(alice, grid, "q-Q1.1.a=3")])
    assert [ok for ok, _ in results] == [True, True]
    assert [a.payload["score"] for a in grid.answers.all()] == [3]


def test_resent_entries_never_count_twice_against_the_limit(workshop: Workshop) -> None:
    cloud = activity(workshop, "nuage")  # two words at most
    services.set_state(cloud, Activity.State.OPEN)
    (alice,) = people(workshop, 1)
    first = item(alice, cloud, "client_id=mot-00000001&word=Eau")
    assert [ok for ok, _ in writer.write_batch([first, first, first])] == [True] * 3
    second = item(alice, cloud, "client_id=mot-00000002&word=Haies")
    third = item(alice, cloud, "client_id=mot-00000003&word=Ombre")
    results = writer.write_batch([first, second, second, third])
    assert results[:3] == [(True, "Réponse enregistrée.")] * 3
    assert results[3] == (False, "Vous avez déjà envoyé 2 contributions : 2 au plus.")
    assert sorted(cloud.answers.values_list("payload__word", flat=True)) == ["Eau", "Haies"]


def test_an_entry_added_then_withdrawn_in_one_batch_is_gone(workshop: Workshop) -> None:
    idea = activity(workshop, "idees")
    services.set_state(idea, Activity.State.OPEN)
    alice, bob = people(workshop, 2)
    results = writer.write_batch(
        [
            item(alice, idea, "client_id=idee-00000001&text=Des+haies"),
            item(bob, idea, "client_id=idee-00000002&text=Une+cantine"),
            item(alice, idea, "retirer=idee-00000001"),
        ]
    )
    assert results[2] == (True, "Votre contribution est retirée.")
    assert list(idea.answers.values_list("client_id", flat=True)) == ["idee-00000002"]


def test_one_bad_answer_is_refused_in_french_and_the_others_are_written(
    workshop: Workshop,
) -> None:
    grid = activity(workshop, "grille")
    vote = activity(workshop, "vote")
    services.set_state(grid, Activity.State.OPEN)
    alice, bob, carol = people(workshop, 3)
    with CaptureQueriesContext(connection) as queries:
        results = writer.write_batch(
            [
                item(alice, grid, "q-Q1.1.a=3"),
                item(bob, grid, "q-Q1.1.a=9"),  # not on the scale
                item(carol, vote, "g-l1=5"),  # the vote is not open
                item(carol, grid, "q-Q1.1.b=nsp"),
            ]
        )
    assert [ok for ok, _ in results] == [True, False, False, True]
    assert results[1][1].startswith("« ") and "une note de 0 à 4" in results[1][1]
    assert results[2][1] == "Cette activité est close : votre réponse n'a pas été enregistrée."
    assert len(answer_inserts(queries)) == 1
    assert sorted(grid.answers.values_list("participant_id", "client_id")) == [
        (alice.pk, "Q1.1.a"),
        (carol.pk, "Q1.1.b"),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_batch_the_database_refuses_is_written_answer_by_answer(
    workshop: Workshop, caplog: Any
) -> None:
    """A participant erased while their answer waited: the multi-row insert fails at the
    commit (foreign key); each answer is then written in its own savepoint, and only the
    erased participant's is refused."""
    grid = activity(workshop, "grille")
    services.set_state(grid, Activity.State.OPEN)
    alice, erased, carol = people(workshop, 3)
    Participant.objects.filter(pk=erased.pk).delete()
    with CaptureQueriesContext(connection) as queries:
        results = writer.write_batch(
            [
                item(alice, grid, "q-Q1.1.a=3"),
                item(erased, grid, "q-Q1.1.a=1"),
                item(carol, grid, "q-Q1.1.a=nsp"),
            ]
        )
    assert results == [
        (True, "Réponse enregistrée."),
        (False, "Réponse non enregistrée : rechargez la page, puis renvoyez-la."),
        (True, "Réponse enregistrée."),
    ]
    assert len(answer_inserts(queries)) == 4  # the batch, then each answer
    assert sorted(grid.answers.values_list("participant_id", flat=True)) == [alice.pk, carol.pk]
    assert "réponse par réponse" in caplog.text
