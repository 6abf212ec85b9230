"""The functions other apps call (docs/contracts.md): ideas, ballots, evaluations."""

from typing import Any

import pytest

from ressort.actions import services
from ressort.actions.models import Action, Ballot, EvaluationProposal, Grade, Idea

pytestmark = pytest.mark.django_db


def test_add_idea_from_a_workshop_label(approach: Any, frameworks: None) -> None:
    idea = services.add_idea(
        approach,
        "  Récupérer l'eau de pluie  ",
        source="Atelier du 12 mars",
        dimension_code="water",
    )
    assert idea.text == "Récupérer l'eau de pluie"
    assert idea.source == Idea.Source.WORKSHOP and idea.source_label == "Atelier du 12 mars"
    assert idea.answers == Idea.Answers.DIMENSION and idea.dimension_code == "water"
    team = services.add_idea(approach, "Une idée", source="equipe", proposer="Lucas")
    assert team.source == Idea.Source.TEAM and team.source_label == "" and team.answers == ""


def test_add_idea_refuses_empty_text(approach: Any) -> None:
    with pytest.raises(ValueError):
        services.add_idea(approach, "   ", source="equipe")
    assert not Idea.objects.exists()


def test_record_ballots_stores_and_validates_all_first(
    approach: Any, personas: dict[str, Any]
) -> None:
    a = Action.objects.create(approach=approach, title="A")
    b = Action.objects.create(approach=approach, title="B")
    foreign = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    assert services.record_ballots(approach, [{a.pk: 6, b.pk: 0}, {}, {a.pk: 3}], source="x") == 2
    assert Ballot.objects.count() == 2 and Grade.objects.count() == 3
    with pytest.raises(ValueError, match="inconnue"):
        services.record_ballots(approach, [{a.pk: 1}, {foreign.pk: 2}], source="x")
    with pytest.raises(ValueError, match="hors de l'échelle"):
        services.record_ballots(approach, [{a.pk: 1}, {b.pk: 7}], source="x")
    assert Ballot.objects.count() == 2  # nothing half-saved


def test_record_evaluations_proposal_and_average(approach: Any, frameworks: None) -> None:
    action = Action.objects.create(approach=approach, title="A")
    services.record_evaluations(
        approach, action, [{"water": 2, "health": 1}, {"water": 1}], source="Atelier"
    )
    proposal = EvaluationProposal.objects.get()
    assert services.proposal_average(proposal) == {"water": 1.5, "health": 1.0}
    with pytest.raises(ValueError, match="absente de la grille"):
        services.record_evaluations(approach, action, [{"nope": 1}], source="x")
    with pytest.raises(ValueError, match="hors de"):
        services.record_evaluations(approach, action, [{"water": 3}], source="x")
    assert EvaluationProposal.objects.count() == 1


def test_record_evaluations_refuses_another_demarche_action(
    approach: Any, personas: dict[str, Any]
) -> None:
    foreign = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    with pytest.raises(ValueError):
        services.record_evaluations(approach, foreign, [], source="x")
