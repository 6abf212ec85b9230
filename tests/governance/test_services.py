"""Governance services: matrices stored and read back, results, actor map, grid; the matrix
formset keeps typed values and names each faulty cell."""

from __future__ import annotations

from typing import Any

import pytest

from ressort.approaches.models import Approach
from ressort.governance import services
from ressort.governance.forms import MatrixFormSet
from ressort.governance.models import (
    Actor,
    ActorLink,
    LinkKind,
    MactorObjective,
    MactorPosition,
    MactorStudy,
)
from tests.analysis.test_mactor import WORKED

pytestmark = pytest.mark.django_db


def worked_study(approach: Approach, actors: list[Actor]) -> MactorStudy:
    study = MactorStudy.objects.create(approach=approach, title="Cas calculé à la main")
    services.set_participants(study, actors)
    people = list(study.participants.all())
    objectives = [
        MactorObjective.objects.create(study=study, name=name, order=j)
        for j, name in enumerate(WORKED["objectives"])
    ]
    services.save_influences(
        study,
        {
            (people[i].pk, people[k].pk): WORKED["influences"][i][k]
            for i in range(3)
            for k in range(3)
        },
    )
    services.save_positions(
        study,
        {
            (people[i].pk, objectives[j].pk): WORKED["positions"][i][j]
            for i in range(3)
            for j in range(2)
        },
    )
    return study


def test_stored_matrices_give_the_hand_computed_results(
    approach: Approach, actors: list[Actor]
) -> None:
    study = worked_study(approach, actors)
    assert study.influences.count() == 5  # zeros are not stored
    assert study.positions.count() == 5
    data = services.matrices(study)
    assert data.influences == WORKED["influences"]
    assert data.positions == WORKED["positions"]
    view = services.mactor_view(study)
    assert view is not None
    assert [row.score.r_star for row in view.actors] == pytest.approx([27 / 14, 6 / 7, 3 / 14])
    assert [row.quadrant for row in view.actors] == ["dominant", "relais", "dominé"]
    assert view.objectives[0].mobilisation == pytest.approx(51 / 7)
    assert view.convergence.rows[0][1][1] == pytest.approx(45 / 14)
    assert "<svg" in view.map_svg and "Commune" in view.convergence_svg


def test_no_results_without_two_actors_and_an_objective(
    approach: Approach, actors: list[Actor]
) -> None:
    study = MactorStudy.objects.create(approach=approach, title="Vide")
    assert services.mactor_view(study) is None
    services.set_participants(study, actors)
    assert services.mactor_view(study) is None  # no objective yet
    MactorObjective.objects.create(study=study, name="Objectif")
    view = services.mactor_view(study)
    assert view is not None and all(row.score.r_star == 1 for row in view.actors)


def test_changing_participants_keeps_the_scores_of_those_who_stay(
    approach: Approach, actors: list[Actor]
) -> None:
    study = worked_study(approach, actors)
    services.set_participants(study, actors[:2])
    data = services.matrices(study)
    assert [p.actor.name for p in data.participants] == ["Commune", "Chambre d'agriculture"]
    assert data.influences == [[0, 2], [1, 0]]
    assert data.positions == [[2, -1], [3, 2]]
    services.set_participants(study, actors)
    assert services.matrices(study).positions[2] == [0, 0]  # the newcomer starts neutral
    assert not MactorPosition.objects.filter(study=study, value=0).exists()


def test_actor_map_and_interest_grid(approach: Approach, actors: list[Actor]) -> None:
    commune, _chamber, association = actors
    ActorLink.objects.create(
        approach=approach, source=commune, target=association, kind=LinkKind.FUNDING
    )
    commune.interest, commune.influence = 4, 4
    commune.save()
    association.interest, association.influence = 4, 1
    association.save()
    drawn = services.actor_map(approach)
    assert len(drawn.actors) == 3 and drawn.link_lines == [
        "Commune → Association\u00a0: financement"
    ]
    assert [g.label for g in drawn.groups] == [
        "Collectivité territoriale",
        "Chambre consulaire",
        "Association",
    ]
    assert "Financement" in drawn.svg
    grid = {q.key: [a.name for a in q.actors] for q in services.interest_grid(actors)}
    assert grid == {
        "satisfaire": [],
        "associer": ["Commune"],
        "surveiller": ["Chambre d'agriculture"],
        "informer": ["Association"],
    }


def matrix_formset(study: MactorStudy, data: Any = None) -> Any:
    people = list(study.participants.select_related("actor"))
    return MatrixFormSet(
        data,
        prefix="mid",
        rows=[(p, p.actor.name) for p in people],
        columns=[(p.pk, p.actor.name) for p in people],
        values={},
        low=0,
        high=4,
        skip_diagonal=True,
        cell_label="Influence de « {row} » sur « {column} »",
    )


def test_matrix_formset_keeps_typed_values_and_names_faulty_cells(
    approach: Approach, actors: list[Actor]
) -> None:
    study = worked_study(approach, actors)
    people = list(study.participants.all())
    blank = matrix_formset(study)
    assert len(blank.forms) == 3
    assert [c is None for c in blank.forms[1].bound_cells()] == [False, True, False]
    data = {
        "mid-TOTAL_FORMS": "7",  # ignored: the rows come from the database
        "mid-INITIAL_FORMS": "3",
        f"mid-0-c{people[1].pk}": "5",
        f"mid-0-c{people[2].pk}": "2",
        f"mid-1-c{people[0].pk}": "beaucoup",
        f"mid-2-c{people[0].pk}": "",
    }
    bound = matrix_formset(study, data)
    assert not bound.is_valid()
    assert bound.faults() == [
        "Ligne «\u00a0Commune\u00a0», colonne «\u00a0Chambre d'agriculture\u00a0»\u00a0: "
        "la valeur doit être comprise entre 0 et 4.",
        "Ligne «\u00a0Chambre d'agriculture\u00a0», colonne «\u00a0Commune\u00a0»\u00a0: "
        "un nombre entier de 0 à 4 est attendu.",
    ]
    assert bound.forms[0].bound_cells()[1].value() == "5"
    assert bound.forms[1].bound_cells()[0].value() == "beaucoup"
    data[f"mid-0-c{people[1].pk}"] = "4"
    data[f"mid-1-c{people[0].pk}"] = "1"
    good = matrix_formset(study, data)
    assert good.is_valid(), good.faults()
    cells = good.values()
    assert cells[people[0].pk, people[1].pk] == 4
    assert cells[people[2].pk, people[0].pk] == 0  # blank means 0
    assert (people[1].pk, people[1].pk) not in cells  # the diagonal has no field
