"""Behaviour change pages: rights, the journey from a target behaviour to a follow-up
survey, and form faults."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ressort.actions.models import Action
from ressort.approaches.models import Approach
from ressort.behaviour import services
from ressort.behaviour.models import Determinant, FollowUpSurvey, Intervention, TargetBehaviour
from ressort.workshops.models import Answer, Participant
from tests.conftest import page_text as html_text

pytestmark = pytest.mark.django_db


def page_text(response: Any) -> str:
    """The page's words, tags removed and spaces collapsed."""
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html_text(response)))


def base(approach: Approach) -> str:
    return f"/demarches/{approach.slug}/comportements/"


@pytest.fixture
def bike(approach: Approach) -> TargetBehaviour:
    behaviour = TargetBehaviour.objects.create(
        approach=approach, group="agents", title="Venir à vélo"
    )
    Determinant.objects.create(
        behaviour=behaviour, component="O-Ph", kind="frein", statement="Pas d'abri", strength=3
    )
    return behaviour


def test_pages_for_every_role_and_404_for_outsiders(
    approach: Approach, bike: TargetBehaviour, client_as: Any, personas: dict[str, Any]
) -> None:
    pages = ["", "roue/", f"{bike.pk}/"]
    for who in ("facilitateur", "equipe", "partenaire", "elu_referent"):
        client = client_as(who)
        for page in pages:
            assert client.get(base(approach) + page).status_code == 200, (who, page)
    outsider = client_as("outsider")
    for page in [*pages, "ajouter/", f"{bike.pk}/modifier/"]:
        assert outsider.get(base(approach) + page).status_code == 404, page
    assert outsider.post(base(approach) + f"{bike.pk}/enquete/").status_code == 404
    assert not FollowUpSurvey.objects.exists()
    # Another démarche's behaviour is a 404 from this one, even for its facilitator.
    other = personas["other_approach"]
    theirs = TargetBehaviour.objects.create(approach=other, group="elus", title="Autre")
    client = client_as("facilitateur")
    assert client.get(base(approach) + f"{theirs.pk}/").status_code == 404
    assert client.post(base(approach) + f"{theirs.pk}/enquete/").status_code == 404


def test_a_partner_reads_but_cannot_add(
    approach: Approach, bike: TargetBehaviour, client_as: Any
) -> None:
    client = client_as("partenaire")
    response = client.post(
        base(approach) + f"{bike.pk}/freins-leviers/",
        {
            "determinant-component": "C-Ps",
            "determinant-kind": "frein",
            "determinant-statement": "x",
            "determinant-strength": "1",
            "determinant-origin": "equipe",
        },
    )
    assert response.status_code == 403
    assert bike.determinants.count() == 1


def test_journey_diagnosis_suggestions_interventions_and_survey(
    approach: Approach, client_as: Any
) -> None:
    action = Action.objects.create(approach=approach, title="Abris vélos sécurisés")
    client = client_as("facilitateur")
    response = client.post(
        base(approach) + "ajouter/",
        {"group": "agents", "title": "Venir à vélo", "detail": "", "actions": [action.pk]},
    )
    behaviour = TargetBehaviour.objects.get(approach=approach)
    assert response.status_code == 302
    assert list(behaviour.actions.all()) == [action]
    url = base(approach) + f"{behaviour.pk}/"
    response = client.post(
        url + "freins-leviers/",
        {
            "determinant-component": "O-Ph",
            "determinant-kind": "frein",
            "determinant-statement": "Aucun abri sécurisé devant la mairie",
            "determinant-strength": "3",
            "determinant-justification": "Vu lors de la visite de terrain.",
            "determinant-origin": "atelier",
        },
    )
    assert response.status_code == 302
    text = page_text(client.get(url))
    assert "Opportunité physique à faire évoluer (freins\u00a0: 3)" in text
    assert "Restructuration de l'environnement (poids 3)" in text
    assert "Éducation (poids" not in text  # not linked to physical opportunity
    response = client.post(
        url + "interventions/",
        {
            "intervention-function": "environmental_restructuring",
            "intervention-title": "Abri et douches au centre technique",
            "intervention-action": action.pk,
            "intervention-indicator": "Agents venant à vélo",
            "intervention-baseline": "4",
            "intervention-target": "12,5",
            "intervention-unit": "%",
        },
    )
    assert response.status_code == 302
    intervention = Intervention.objects.get(function="environmental_restructuring")
    assert intervention.action == action and float(intervention.target) == 12.5
    detail = page_text(client.get(url))
    assert "Restructuration de l'environnement Abris vélos sécurisés" in detail
    assert "départ 4, cible 12,5\u00a0%" in detail

    assert (
        client.post(
            url + "interventions/",
            {"intervention-function": "modelling", "intervention-title": "Vélobus"},
        ).status_code
        == 302
    )
    assert "Vélobus Exemplarité —" in page_text(client.get(url))  # no action yet

    assert client.post(url + "enquete/").status_code == 302
    survey = FollowUpSurvey.objects.get()
    assert survey.workshop.is_async and survey.workshop.approach == approach
    activity = survey.workshop.activities.get()
    for score in (1, 3):
        person = Participant.objects.create(workshop=survey.workshop, category="Agent·e")
        Answer.objects.create(
            activity=activity, participant=person, client_id="B", payload={"score": score}
        )
        Answer.objects.create(
            activity=activity, participant=person, client_id="M", payload={"score": None}
        )
    [wave] = services.survey_waves(behaviour)
    assert wave.answered == 2 and wave.means["B"] == 2 and wave.means["M"] is None
    assert client.post(url + "enquete/").status_code == 302
    assert [s.wave for s in behaviour.surveys.all()] == [1, 2]


def test_faults_are_named_in_french_and_nothing_is_saved(
    approach: Approach, bike: TargetBehaviour, client_as: Any, personas: dict[str, Any]
) -> None:
    client = client_as("facilitateur")
    url = base(approach) + f"{bike.pk}/"
    response = client.post(
        url + "freins-leviers/",
        {
            "determinant-component": "Z-Z",
            "determinant-kind": "frein",
            "determinant-strength": "9",
            "determinant-origin": "equipe",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert "Ce champ est obligatoire" in text
    assert "Sélectionnez un choix valide" in text
    assert bike.determinants.count() == 1
    theirs = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    response = client.post(
        url + "interventions/",
        {
            "intervention-function": "education",
            "intervention-title": "x",
            "intervention-action": theirs.pk,
        },
    )
    assert response.status_code == 400
    assert not Intervention.objects.exists()
