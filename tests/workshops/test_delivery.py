"""« Envoyer les résultats dans la démarche »: each kind calls its owner app's contract."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from ressort.workshops import services
from ressort.workshops.kinds import DeliveryError
from ressort.workshops.models import Activity, Participant, Workshop
from tests.conftest import page_text
from tests.workshops.conftest import activity, make_activity

pytestmark = pytest.mark.django_db


def answered(workshop: Workshop, act: Activity, rows: list[tuple[str, dict[str, Any]]]) -> None:
    """One participant per row (category, fields), answers stored through the service."""
    services.set_state(act, Activity.State.OPEN)
    for category, fields in rows:
        p = Participant.objects.create(workshop=workshop, category=category)
        services.store_answers(p, act.pk, {k: [v] for k, v in fields.items()})
    services.set_state(act, Activity.State.CLOSED)
    act.refresh_from_db()


def test_idea_wall_becomes_action_ideas_hidden_ones_stay(workshop: Workshop) -> None:
    from ressort.actions.models import Idea

    idea = activity(workshop, "idees")
    answered(
        workshop,
        idea,
        [
            (
                "Élu·e",
                {"client_id": "aaaaaaaa1", "text": "Planter des haies", "dimension": "freshwater"},
            ),
            ("", {"client_id": "aaaaaaaa2", "text": "Hors sujet", "dimension": ""}),
        ],
    )
    idea.answers.filter(payload__text="Hors sujet").update(hidden=True)
    report = services.deliver(idea)
    assert report == "1 idée d'action ajoutée."
    row = Idea.objects.get(approach=workshop.approach)
    assert (row.text, row.dimension_code, row.source) == (
        "Planter des haies",
        "freshwater",
        "atelier",
    )
    assert row.source_label == "Atelier « Atelier vision du 12 mars »"
    with pytest.raises(DeliveryError, match="déjà été envoyés"):
        services.deliver(idea)
    assert Idea.objects.count() == 1


def test_idea_wall_as_testimonies(workshop: Workshop) -> None:
    from ressort.fieldwork.models import Testimony

    wall = make_activity(workshop, "idees", "Vos souvenirs de crue", {"target": "temoignages"})
    answered(
        workshop,
        wall,
        [("Habitant·e", {"client_id": "bbbbbbbb1", "text": "En 1993 l'eau est montée ici"})],
    )
    services.deliver(wall)
    testimony = Testimony.objects.get(approach=workshop.approach)
    assert testimony.speaker_category == "habitant"
    assert testimony.felt == "En 1993 l'eau est montée ici"


def test_word_cloud_feeds_the_vision(workshop: Workshop) -> None:
    from ressort.systems.models import VisionKeyword

    cloud = activity(workshop, "nuage")
    answered(
        workshop,
        cloud,
        [
            ("", {"client_id": "cccccccc1", "word": "Solidaire"}),
            ("", {"client_id": "cccccccc2", "word": "solidaire"}),
            ("", {"client_id": "cccccccc3", "word": "sobre"}),
        ],
    )
    services.deliver(cloud)
    counts = dict(VisionKeyword.objects.values_list("key", "count"))
    assert counts == {"solidaire": 2, "sobre": 1}


def test_vote_on_actions_goes_to_prioritisation(workshop: Workshop) -> None:
    from ressort.actions.models import Action, Ballot

    hedges = Action.objects.create(approach=workshop.approach, title="Haies bocagères")
    canteen = Action.objects.create(approach=workshop.approach, title="Cantine bio")
    vote = make_activity(
        workshop,
        "vote",
        "Départagez",
        {"actions": [str(hedges.pk), str(canteen.pk)], "labels": "Une idée hors actions"},
    )
    keys = [c["key"] for c in vote.config["candidates"]]
    answered(
        workshop,
        vote,
        [
            ("Élu·e", {f"g-{keys[0]}": "6", f"g-{keys[1]}": "2", f"g-{keys[2]}": "3"}),
            ("Habitant·e", {f"g-{keys[0]}": "5"}),
            ("Habitant·e", {f"g-{keys[0]}": "4", f"g-{keys[1]}": "5"}),
        ],
    )
    results = services.results(vote)
    assert results["voters"] == 3
    assert results["rows"][0]["r"].candidate == "Haies bocagères"
    assert results["rows"][0]["r"].majority_grade_label == "Très bien"
    assert [g["category"] for g in results["by_category"]] == ["Habitant·e", "Élu·e"]
    report = services.deliver(vote)
    assert report == "3 bulletins envoyés à la priorisation des actions."
    assert Ballot.objects.filter(approach=workshop.approach).count() == 3
    grades = sorted(
        Ballot.objects.get(grades__action=canteen, grades__grade=5).grades.values_list(
            "action__title", "grade"
        )
    )
    assert grades == [("Cantine bio", 5), ("Haies bocagères", 4)]


def test_vote_without_actions_is_not_sent(workshop: Workshop) -> None:
    vote = activity(workshop, "vote")
    answered(workshop, vote, [("", {"g-l1": "3"})])
    with pytest.raises(DeliveryError, match="Aucune proposition n'est une action"):
        services.deliver(vote)
    vote.refresh_from_db()
    assert vote.delivered_at is None


def test_rating_becomes_evaluation_proposals(workshop: Workshop) -> None:
    from ressort.actions.models import Action, EvaluationProposal

    hedges = Action.objects.create(approach=workshop.approach, title="Haies bocagères")
    rating = make_activity(
        workshop, "notation", "Notez", {"actions": [str(hedges.pk)], "labels": "Autre piste"}
    )
    codes = [c["code"] for c in rating.config["criteria"]]
    assert "water" in codes  # the analysis grid: the Doughnut by default
    answered(
        workshop,
        rating,
        [
            ("", {f"s-a{hedges.pk}-water": "2", f"s-a{hedges.pk}-{codes[1]}": "-1"}),
            ("", {f"s-a{hedges.pk}-water": "1", "s-l1-water": "2"}),
        ],
    )
    report = services.deliver(rating)
    assert report == (
        "Évaluations de 1 action envoyées ; 1 proposition hors actions reste dans l'atelier."
    )
    proposal = EvaluationProposal.objects.get(action=hedges)
    assert proposal.scores == [{"water": 2, codes[1]: -1}, {"water": 1}]


def test_ranking_becomes_appropriation_results(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    from ressort.frameworks.models import PriorityExercise

    ranking = activity(workshop, "classement")
    cards = [c["code"] for c in ranking.config["cards"]]
    answered(
        workshop,
        ranking,
        [
            ("Élu·e", {f"r-{cards[0]}": "1", f"r-{cards[1]}": "2"}),
            ("Habitant·e", {f"r-{cards[1]}": "1", f"r-{cards[0]}": "2", f"r-{cards[2]}": "3"}),
            ("Habitant·e", {f"r-{cards[1]}": "1"}),
        ],
    )
    assert services.results(ranking)["rows"][0]["label"] == ranking.config["cards"][1]["label"]
    services.deliver(ranking)
    exercise = PriorityExercise.objects.get(approach=workshop.approach)
    assert exercise.source == PriorityExercise.Source.LIVE
    assert exercise.votes.count() == 6
    c = Client()
    c.force_login(personas["facilitateur"])
    page = page_text(c.get(f"/demarches/{workshop.approach.slug}/appropriation/{exercise.pk}/"))
    assert exercise.title in page and "Atelier en direct" in page


def test_rank_must_be_unique(workshop: Workshop) -> None:
    ranking = activity(workshop, "classement")
    services.set_state(ranking, Activity.State.OPEN)
    p = Participant.objects.create(workshop=workshop)
    cards = [c["code"] for c in ranking.config["cards"]]
    from ressort.workshops.kinds import AnswerError

    with pytest.raises(AnswerError, match="même rang"):
        services.store_answers(p, ranking.pk, {f"r-{cards[0]}": ["1"], f"r-{cards[1]}": ["1"]})


def test_deliver_needs_a_closed_activity_and_rights(
    workshop: Workshop, personas: dict[str, Any]
) -> None:
    idea = activity(workshop, "idees")
    services.set_state(idea, Activity.State.OPEN)
    with pytest.raises(DeliveryError, match="Fermez d'abord"):
        services.deliver(idea)
    url = f"/demarches/{workshop.approach.slug}/ateliers/{workshop.pk}/activites/{idea.pk}/envoyer/"
    c = Client()
    c.force_login(personas["partenaire"])
    assert c.post(url).status_code == 403
    c.force_login(personas["facilitateur"])
    response = c.post(url, follow=True)
    assert "Fermez d’abord" in page_text(response)


def test_grid_scoring_becomes_portrait_sessions_by_category(workshop: Workshop) -> None:
    from ressort.portrait.models import ScoringSession

    grid = activity(workshop, "grille")
    answered(
        workshop,
        grid,
        [
            ("Élu·e", {"q-Q1.1.a": "3", "q-Q1.1.b": "nsp"}),
            ("Habitant·e", {"q-Q1.1.a": "1", "q-Q1.2.a": "2", "c-Q1.2.a": "Peu connu"}),
            ("Habitant·e", {"q-Q1.1.a": "2"}),
        ],
    )
    rows = services.results(grid)["rows"]
    assert rows[0]["median"] == 2 and rows[0]["answered"] == 3
    assert rows[1]["nsp"] == 1
    assert services.results(grid)["categories"] == ["Habitant·e", "Élu·e"]
    report = services.deliver(grid)
    assert report == "5 cotations en 2 sessions de cotation du portrait."
    sessions = ScoringSession.objects.filter(approach=workshop.approach).order_by("category")
    assert [s.category for s in sessions] == ["Habitant·e", "Élu·e"]
    assert sessions[0].title == "Atelier « Atelier vision du 12 mars »"


def test_grid_needs_questions(workshop: Workshop) -> None:
    from django import forms

    from ressort.frameworks.models import FrameworkVersion
    from ressort.workshops import kinds

    odd = FrameworkVersion.objects.get(framework__code="odd", is_current=True)
    with pytest.raises(forms.ValidationError):
        kinds.get_kind("grille").build_config({"version": odd.pk}, workshop.approach)
