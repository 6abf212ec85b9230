"""The analysis grid: evaluating, derived trade-offs and suggestions, the portfolio, rights."""

from typing import Any

import pytest

from ressort.actions import services
from ressort.actions.models import Action, Evaluation, EvaluationProposal, GridChoice
from ressort.analysis.typography import french
from ressort.frameworks import services as fw_services
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def _evaluate(client: Any, approach: Any, action: Action, data: dict[str, str]) -> Any:
    return client.post(f"/demarches/{approach.slug}/actions/{action.pk}/grille/", data)


def test_evaluate_then_trade_offs_and_suggestions(
    approach: Any, client_as: Any, frameworks: None
) -> None:
    action = Action.objects.create(approach=approach, title="Irrigation des maraîchers")
    client = client_as("equipe")
    form = page_text(client.get(f"/demarches/{approach.slug}/actions/{action.pk}/grille/"))
    assert "Prélèvements d'eau douce" in form and 'for="effet-freshwater"' in form
    response = _evaluate(
        client,
        approach,
        action,
        {
            "effet-food": "2",
            "justification-food": "produits locaux",
            "confiance-food": "forte",
            "effet-freshwater": "-2",
            "effet-income_work": "1",
        },
    )
    assert response.status_code == 302
    assert Evaluation.objects.filter(action=action, scenario="").count() == 3
    _evaluate(client, approach, action, {"scenario": "TRACC +4 °C", "effet-food": "-1"})
    detail = page_text(client.get(f"/demarches/{approach.slug}/actions/{action.pk}/"))
    assert "Co-bénéfices" in detail and "améliore plusieurs dimensions" in detail
    # The trade-offs are shown in French typography (no-break spaces, « d’eau »).
    assert (
        french("Améliore « Alimentation » (+2) mais dégrade « Prélèvements d'eau douce » (-2)")
        in detail
    )
    assert french("sous le scénario « TRACC +4 °C »") in detail
    # suggestions: freshwater is linked to Boussole levers L3.1 and L5.3 by crosswalks
    assert "L5.3" in detail and "L3.1" in detail
    assert "Réduire l'artificialisation" in detail  # Ressort's illustrative measure
    assert 'role="img"' in detail and "Dégrade : Eau douce" in detail
    # clearing a value deletes it
    _evaluate(client, approach, action, {"effet-food": "2", "effet-freshwater": ""})
    assert set(action.evaluations.filter(scenario="").values_list("dimension_code", flat=True)) == {
        "food"
    }


def test_invalid_effect_saves_nothing(approach: Any, client_as: Any, frameworks: None) -> None:
    action = Action.objects.create(approach=approach, title="A")
    response = _evaluate(
        client_as("equipe"), approach, action, {"effet-food": "2", "effet-water": "5"}
    )
    assert response.status_code == 200
    assert "« Eau » : l'effet doit être un entier de −2 à +2." in page_text(response)
    assert not Evaluation.objects.exists()


def test_workshop_proposal_prefills_and_is_marked_applied(
    approach: Any, client_as: Any, frameworks: None
) -> None:
    action = Action.objects.create(approach=approach, title="A")
    services.record_evaluations(
        approach, action, [{"water": 2}, {"water": 1}, {"water": 1}], source="Atelier 3"
    )
    proposal = EvaluationProposal.objects.get()
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/actions/{action.pk}/grille/?proposition={proposal.pk}"
    text = page_text(client.get(url))
    assert "Moyenne de l'atelier « Atelier 3 » : +1.3" in text
    _evaluate(client, approach, action, {"effet-water": "1", "proposition": str(proposal.pk)})
    assert EvaluationProposal.objects.get().applied
    assert Evaluation.objects.get().effect == 1


def test_portfolio_before_and_with_portrait_gaps(
    approach: Any, client_as: Any, frameworks: None, monkeypatch: Any
) -> None:
    a = Action.objects.create(approach=approach, title="Sobriété")
    Evaluation.objects.create(action=a, dimension_code="freshwater", effect=2)
    Evaluation.objects.create(action=a, dimension_code="energy", effect=-1)
    client = client_as("partenaire")
    url = f"/demarches/{approach.slug}/portefeuille/"

    from ressort.portrait import services as portrait

    monkeypatch.setattr(portrait, "doughnut_gaps", lambda approach, year=None: {"water": "missing"})
    assert "pas encore d’indicateurs renseignés" in page_text(client.get(url))
    monkeypatch.setattr(
        portrait,
        "doughnut_gaps",
        lambda approach, year=None: {
            "freshwater": "overshoot",
            "housing": "shortfall",
            "energy": "shortfall",
        },
    )
    text = page_text(client.get(url))
    assert "Manques qu’aucune action ne traite\u00a0:</strong> Logement, Énergie." in text
    assert "Manques aggravés par au moins une action\u00a0: Énergie." in text


def test_grid_choice_switches_dimensions(
    approach: Any, personas: dict[str, Any], client_as: Any, frameworks: None
) -> None:
    boussole = fw_services.shipped_current("boussole")
    grid = fw_services.create_grid(approach, personas["facilitateur"], "Notre grille", boussole)
    foreign = fw_services.create_grid(
        personas["other_approach"], personas["outsider"], "Ailleurs", boussole
    )
    url = f"/demarches/{approach.slug}/portefeuille/grille/"
    assert client_as("equipe").post(url, {"grille": grid.pk}).status_code == 403
    client = client_as("chef_projet")
    client.post(url, {"grille": foreign.pk})
    assert not GridChoice.objects.exists()
    client.post(url, {"grille": grid.pk})
    chosen = services.analysis_grid(approach)
    assert chosen.name == "Notre grille" and chosen.framework_code == "boussole"
    assert "L5.3" in chosen.codes() and len(chosen.dimensions) == 18
    action = Action.objects.create(approach=approach, title="A")
    _evaluate(client, approach, action, {"effet-L5.3": "-1"})
    detail = page_text(client.get(f"/demarches/{approach.slug}/actions/{action.pk}/"))
    assert "Réduire l'artificialisation" in detail  # a lever grid suggests its own lever
    client.post(url, {"grille": ""})
    assert services.analysis_grid(approach).framework_code == "donut"


def test_rights(approach: Any, personas: dict[str, Any], client_as: Any, frameworks: None) -> None:
    action = Action.objects.create(approach=approach, title="A")
    foreign = Action.objects.create(approach=personas["other_approach"], title="B")
    base = f"/demarches/{approach.slug}"
    partner = client_as("partenaire")
    assert partner.get(f"{base}/actions/{action.pk}/grille/").status_code == 403
    assert partner.get(f"{base}/portefeuille/").status_code == 200
    team = client_as("equipe")
    assert team.get(f"{base}/actions/{foreign.pk}/grille/").status_code == 404
    assert client_as("outsider").get(f"{base}/portefeuille/").status_code == 404


def test_systems_scenarios_offered_for_evaluation(
    approach: Any, client_as: Any, frameworks: None
) -> None:
    from ressort.systems.models import Scenario

    Scenario.objects.create(approach=approach, name="Territoire sobre 2050")
    action = Action.objects.create(approach=approach, title="A")
    text = page_text(
        client_as("equipe").get(f"/demarches/{approach.slug}/actions/{action.pk}/grille/")
    )
    assert "sous «\u00a0Territoire sobre 2050\u00a0»" in text


def test_evaluations_csv(
    approach: Any, personas: dict[str, Any], client_as: Any, frameworks: None
) -> None:
    action = Action.objects.create(approach=approach, title="Sobriété", kind="politique")
    Evaluation.objects.create(
        action=action, dimension_code="freshwater", effect=2, justification="moins de pompage"
    )
    foreign = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    Evaluation.objects.create(action=foreign, dimension_code="water", effect=1)
    response = client_as("partenaire").get(
        f"/demarches/{approach.slug}/portefeuille/evaluations.csv"
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("action;nature;thème;dimension")
    assert lines[1:] == [
        "Sobriété;Politique ou projet en cours;;freshwater;Prélèvements d'eau douce;;2;"
        "Moyenne;moins de pompage"
    ]
    url = f"/demarches/{approach.slug}/portefeuille/evaluations.csv"
    assert client_as("outsider").get(url).status_code == 404
