"""Governance in a live workshop: the internal governance grid scored by the room becomes
the diagnosis's scores (with the comments in its findings); a MACTOR study's positions and
influences filled by the room become the study's matrices (median of each cell, cells nobody
filled kept). Through the pages, as the facilitator and the participants use them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from ressort.approaches.models import Approach
from ressort.governance import services
from ressort.governance.models import (
    Actor,
    GovernanceDiagnosis,
    MactorObjective,
    MactorStudy,
)
from ressort.workshops.models import Activity, Workshop
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_cache() -> None:
    cache.clear()  # the join rate limit


def new_workshop(approach: Approach, client: Client) -> tuple[Workshop, str]:
    base = f"/demarches/{approach.slug}/ateliers/"
    response = client.post(base + "ajouter/", {"title": "Séminaire des services", "mode": "direct"})
    assert response.status_code == 302, page_text(response)[:500]
    workshop = Workshop.objects.get(title="Séminaire des services")
    return workshop, f"{base}{workshop.pk}/"


def participant(workshop: Workshop) -> Client:
    c = Client()
    response = c.post("/atelier/", {"code": workshop.join_code})
    assert response.status_code == 302
    return c


def open_activity(client: Client, base: str, activity: Activity) -> None:
    client.post(f"{base}activites/{activity.pk}/etat/", {"state": "ouverte"})


def deliver(client: Client, base: str, activity: Activity) -> str:
    client.post(f"{base}activites/{activity.pk}/etat/", {"state": "close"})
    response = client.post(f"{base}activites/{activity.pk}/envoyer/", follow=True)
    return page_text(response)


def test_the_room_scores_the_internal_governance_grid(approach: Approach, client_as: Any) -> None:
    team = client_as("facilitateur")
    GovernanceDiagnosis.objects.create(
        approach=approach, criterion="decision", score=4, findings="Bureau hebdomadaire."
    )
    workshop, base = new_workshop(approach, team)
    page = page_text(team.get(f"{base}activites/nouvelle/?type=gouvernance"))
    assert "Cotation de la gouvernance interne" in page
    response = team.post(
        f"{base}activites/nouvelle/", {"type": "gouvernance", "title": "Notre gouvernance"}
    )
    assert response.status_code == 302
    grid = workshop.activities.get()
    open_activity(team, base, grid)
    board = f"/atelier/{workshop.join_code}/activites/"
    url = f"{board}{grid.pk}/repondre/"
    for fields in (
        {"q-transversalite": "1", "q-decision": "2", "c-decision": "Trop d'allers-retours"},
        {"q-transversalite": "2", "q-decision": "2", "q-ressources": "nsp"},
        {"q-transversalite": "1", "q-decision": "3"},
    ):
        c = participant(workshop)
        assert "de 1 (à construire) à 4 (exemplaire)" in page_text(c.get(board))
        response = c.post(url, fields)
        assert "Votre réponse est enregistrée" in page_text(response)
    faulty = participant(workshop).post(url, {"q-competences": "0"})
    assert faulty.status_code == 400
    assert "« Compétences et culture des transitions » : une note de 1 à 4" in page_text(faulty)

    results = page_text(team.get(f"{base}activites/{grid.pk}/"))
    assert "Circuits de décision" in results and "Médiane" in results
    report = deliver(team, base, grid)
    assert "Appréciation de 2 critères du diagnostic de la gouvernance interne" in report
    rows = {d.criterion: d for d in GovernanceDiagnosis.objects.filter(approach=approach)}
    assert rows["transversalite"].score == 1
    assert rows["decision"].score == 2
    assert rows["decision"].findings.startswith("Bureau hebdomadaire.\n\nAtelier")
    assert "– Trop d'allers-retours" in rows["decision"].findings
    assert "ressources" not in rows  # only « je ne sais pas »: nothing written
    page = page_text(team.get(f"/demarches/{approach.slug}/gouvernance-interne/diagnostic/"))
    assert "Trop d'allers-retours" in page


def test_the_room_fills_a_mactor_study(
    approach: Approach, actors: list[Actor], client_as: Any
) -> None:
    team = client_as("facilitateur")
    study = MactorStudy.objects.create(approach=approach, title="L'eau d'été")
    services.set_participants(study, actors)
    commune, chamber, association = study.participants.order_by("order")
    water = MactorObjective.objects.create(study=study, name="Préserver l'eau", order=0)
    tourism = MactorObjective.objects.create(study=study, name="Tourisme", order=1)
    services.save_positions(study, {(association.pk, tourism.pk): -1})
    services.save_influences(study, {(chamber.pk, commune.pk): 3})

    workshop, base = new_workshop(approach, team)
    new = f"{base}activites/nouvelle/"
    assert "Analyse des jeux d’acteurs" in page_text(team.get(f"{new}?type=mactor"))
    empty = MactorStudy.objects.create(approach=approach, title="Vide")
    response = team.post(
        new, {"type": "mactor", "title": "Positions", "study": empty.pk, "matrix": "positions"}
    )
    assert "n’a pas encore d’acteurs et d’objectifs" in page_text(response)
    for matrix in ("positions", "influences"):
        response = team.post(
            new, {"type": "mactor", "title": matrix.title(), "study": study.pk, "matrix": matrix}
        )
        assert response.status_code == 302
    positions = workshop.activities.get(title="Positions")
    influences = workshop.activities.get(title="Influences")

    open_activity(team, base, positions)
    board = f"/atelier/{workshop.join_code}/activites/"
    url = f"{board}{positions.pk}/repondre/"
    a, o = f"a{commune.pk}", f"o{water.pk}"
    for value in ("3", "1", "2"):
        c = participant(workshop)
        assert "Position de « Commune » sur « Préserver l'eau »" in page_text(c.get(board))
        response = c.post(url, {f"m-{a}-{o}": value, f"m-a{chamber.pk}-o{tourism.pk}": "-2"})
        assert "Votre réponse est enregistrée" in page_text(response)
    faulty = participant(workshop).post(url, {f"m-{a}-{o}": "5"})
    assert faulty.status_code == 400
    assert "Position de « Commune » sur « Préserver l'eau » : un nombre entier de −4 à +4" in (
        page_text(faulty)
    )
    report = deliver(team, base, positions)
    assert "2 cases de la matrice des positions de « L'eau d'été » envoyées" in report
    m = services.matrices(study)
    assert m.positions == [[2, 0], [0, -2], [0, -1]]  # medians; the association's −1 kept

    open_activity(team, base, influences)
    url = f"{board}{influences.pk}/repondre/"
    c = participant(workshop)
    page = page_text(c.get(board))
    assert "Influence de « Commune » sur « Association »" in page
    assert "Influence de « Commune » sur « Commune »" not in page
    c.post(url, {f"m-a{commune.pk}-a{association.pk}": "4"})
    participant(workshop).post(url, {f"m-a{commune.pk}-a{association.pk}": "2"})
    deliver(team, base, influences)
    m = services.matrices(study)
    assert m.influences == [[0, 0, 2], [3, 0, 0], [0, 0, 0]]  # median_low of 2 and 4: 2
    view = services.mactor_view(study)
    assert view is not None


def test_a_study_of_another_demarche_cannot_be_chosen(
    approach: Approach, personas: dict[str, Any], client_as: Any
) -> None:
    team = client_as("facilitateur")
    foreign = MactorStudy.objects.create(approach=personas["other_approach"], title="Ailleurs")
    workshop, base = new_workshop(approach, team)
    response = team.post(
        f"{base}activites/nouvelle/",
        {"type": "mactor", "title": "X", "study": foreign.pk, "matrix": "positions"},
    )
    assert response.status_code == 200
    assert not workshop.activities.exists()
