"""Question-grid scoring: sessions, entry, aggregation, focuses, record_grid_answers and
boussole_profile (contracts)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from ressort.frameworks import services as fw_services
from ressort.frameworks.models import FrameworkVersion
from ressort.portrait import services
from ressort.portrait.focus import filter_questions
from ressort.portrait.models import GridAnswer, ScoringSession
from tests.conftest import page_text
from tests.portrait.conftest import client_for


@pytest.fixture
def boussole(frameworks: None) -> FrameworkVersion:
    return FrameworkVersion.objects.get(framework__code="boussole", is_current=True)


def test_record_grid_answers_and_profile(approach: Any, boussole: Any) -> None:
    answers = [
        {"question": "Q1.1.a", "score": 1, "comment": "peu", "participant": "A"},
        {"question": "Q1.1.a", "score": 3, "comment": "", "participant": "B"},
        {"question": "Q1.1.a", "score": None, "comment": "?", "participant": "C"},
        {"question": "Q1.1.b", "score": 4, "comment": "", "participant": "A"},
        {"question": "Q1.2.a", "score": 0, "comment": "", "participant": "A"},
        {"question": "Q1.2.a", "score": 4, "comment": "", "participant": "B"},
    ]
    session = services.record_grid_answers(
        approach, boussole, answers, source="Atelier du 12 mars", category="élus"
    )
    assert session.title == "Atelier du 12 mars" and session.category == "élus"
    assert session.answers.count() == 6
    profile = services.boussole_profile(approach)
    # Q1.1.a median 2 (1 and 3; « ? » left out), Q1.1.b 4 → L1.1 = 3; Q1.2.a median 2 → L1.2 = 2
    assert profile["L1.1"] == pytest.approx(3.0)
    assert profile["L1.2"] == pytest.approx(2.0)
    assert profile["L1.3"] is None  # no answer: missing, not zero
    assert profile["P1"] == pytest.approx(2.5)
    assert "Q1.1.a" not in profile
    result = services.session_result(session)
    by_code = {q.code: s for q, s, _ in result.questions}
    assert by_code["Q1.2.a"].disagreement  # 0 and 4
    assert by_code["Q1.1.a"].unknown == 1 and by_code["Q1.1.a"].answers == 2


def test_profile_until_a_date(approach: Any, boussole: Any) -> None:
    first = services.record_grid_answers(
        approach, boussole, [{"question": "Q1.1.a", "score": 1, "participant": "A"}], source="1"
    )
    first.held_on = datetime.date(2025, 1, 10)
    first.save()
    second = services.record_grid_answers(
        approach, boussole, [{"question": "Q1.1.a", "score": 3, "participant": "A"}], source="2"
    )
    second.held_on = datetime.date(2026, 1, 10)
    second.save()
    assert services.boussole_profile(approach, until=datetime.date(2025, 6, 1))["L1.1"] == 1.0
    assert services.boussole_profile(approach)["L1.1"] == 2.0


def test_record_grid_answers_refuses_bad_answers_and_stores_nothing(
    approach: Any, boussole: Any
) -> None:
    with pytest.raises(services.GridAnswersError) as error:
        services.record_grid_answers(
            approach,
            boussole,
            [
                {"question": "Q1.1.a", "score": 2, "participant": "A"},
                {"question": "Q9.9.z", "score": 2, "participant": "A"},
                {"question": "Q1.1.b", "score": 5, "participant": "A"},
            ],
            source="x",
        )
    assert "Q9.9.z" in str(error.value) and "5" in str(error.value)
    assert not ScoringSession.objects.exists() and not GridAnswer.objects.exists()


def test_grid_of_another_approach_refused(approach: Any, personas: Any, boussole: Any) -> None:
    grid = fw_services.create_grid(
        personas["other_approach"], personas["outsider"], "Leur grille", boussole
    )
    with pytest.raises(services.GridAnswersError):
        services.record_grid_answers(approach, grid.current_version(), [], source="x")


def test_co_built_grid_counts_in_the_profile(approach: Any, personas: Any, boussole: Any) -> None:
    grid = fw_services.create_grid(approach, personas["facilitateur"], "Notre boussole", boussole)
    services.record_grid_answers(
        approach,
        grid.current_version(),
        [{"question": "Q2.1.a", "score": 3, "participant": "A"}],
        source="Atelier",
    )
    assert services.boussole_profile(approach)["L2.1"] == 3.0


def test_focus_filters_questions(boussole: Any) -> None:
    questions = services.grid_questions(boussole)
    water = filter_questions(questions, "eau")
    assert 0 < len(water) < len(questions)
    assert filter_questions(questions, "") == questions
    risks = {q.code for q in filter_questions(questions, "risques")}
    assert "Q1.3.a" in risks  # « aléas … TRACC »


def test_session_pages(approach: Any, personas: Any, boussole: Any) -> None:
    client = client_for(personas["equipe"])
    url = reverse("portrait:session_add", args=[approach.slug])
    response = client.post(
        url,
        {"title": "Atelier élus", "version": boussole.pk, "held_on": "2026-03-12", "focus": ""},
    )
    session = ScoringSession.objects.get()
    assert response.status_code == 302
    detail = reverse("portrait:session", args=[approach.slug, session.pk])
    answers = reverse("portrait:session_answers", args=[approach.slug, session.pk])
    text = page_text(client.get(detail))
    assert "0 – Non engagé" in text and "Je ne sais pas" in text
    # a comment without a score is refused, nothing stored
    response = client.post(answers, {"participant": "A", "c-Q1.1.a": "hmm"})
    assert "un commentaire sans note" in page_text(response)
    assert not GridAnswer.objects.exists()
    client.post(answers, {"participant": "A", "q-Q1.1.a": "0", "q-Q1.1.b": "nsp", "c-Q1.1.b": "?"})
    client.post(answers, {"participant": "B", "q-Q1.1.a": "4"})
    assert GridAnswer.objects.count() == 3
    text = page_text(client.get(detail))
    assert "désaccord" in text and "2 participants" in text
    # entering A again replaces A's answers
    client.post(answers, {"participant": "A", "q-Q1.1.a": "3"})
    assert GridAnswer.objects.filter(participant="A").count() == 1
    client.post(
        reverse("portrait:session_participant_delete", args=[approach.slug, session.pk]),
        {"participant": "B"},
    )
    assert GridAnswer.objects.count() == 1
    # rights: a partner reads, cannot enter; an outsider gets a 404
    assert client_for(personas["partenaire"]).get(detail).status_code == 200
    assert client_for(personas["partenaire"]).post(answers, {"participant": "P"}).status_code == 403
    assert client.post(detail, {"participant": "A", "q-Q1.1.a": "1"}).status_code == 405
    assert client_for(personas["outsider"]).get(detail).status_code == 404
    client.post(reverse("portrait:session_delete", args=[approach.slug, session.pk]))
    assert not ScoringSession.objects.exists()


def test_session_with_focus_shows_only_its_questions(
    approach: Any, personas: Any, boussole: Any
) -> None:
    session = ScoringSession.objects.create(
        approach=approach, version=boussole, title="Eau", focus="eau"
    )
    text = page_text(
        client_for(personas["facilitateur"]).get(
            reverse("portrait:session", args=[approach.slug, session.pk])
        )
    )
    water = filter_questions(services.grid_questions(boussole), "eau")
    assert text.count('<fieldset class="border') == len(water)
