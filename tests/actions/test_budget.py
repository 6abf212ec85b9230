"""Choosing actions within a budget: settings, links, the exact choice and its reasons, the
frontier, building the action plan, rights; and the demo's 12 actions within 1.2 M€."""

from itertools import combinations
from typing import Any

import pytest

from ressort.actions import budget
from ressort.actions.models import Action, ActionLink, BudgetSetting, Evaluation
from ressort.analysis.frontier_chart import CHAR_WIDTH, tick_labels
from tests.conftest import page_text

pytestmark = pytest.mark.django_db


def _action(approach: Any, title: str, cost: int | None, effects: dict[str, int]) -> Action:
    action = Action.objects.create(approach=approach, title=title, cost=cost)
    for code, effect in effects.items():
        Evaluation.objects.create(action=action, dimension_code=code, effect=effect)
    return action


def _setup(approach: Any) -> dict[str, Action]:
    # Resilience effect = sum of today's effects: haies 3, eau 4, parking 3, ombre 1, vélo 1.
    return {
        "haies": _action(approach, "Planter des haies", 300_000, {"water": 2, "food": 1}),
        "eau": _action(approach, "Récupérer l'eau", 500_000, {"water": 2, "freshwater": 2}),
        "parking": _action(approach, "Parking relais", 400_000, {"mobility": 2, "energy": 1}),
        "ombre": _action(approach, "Ombrières", 200_000, {"energy": 1}),
        "velo": _action(approach, "Vélo-route", 450_000, {"mobility": 1}),
        "sans_cout": _action(approach, "Étude sans coût", None, {"water": 1}),
        "non_evaluee": Action.objects.create(approach=approach, title="Non évaluée", cost=1),
    }


def test_settings_links_choice_and_reasons(approach: Any, client_as: Any) -> None:
    a = _setup(approach)
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/budget/"
    text = page_text(client.get(url))
    assert "Calculer le meilleur choix" in text
    assert "Étude sans coût</a>\u00a0: coût estimé à renseigner sur sa fiche." in text
    assert "Non évaluée</a>\u00a0: pas encore évaluée avec la grille d'analyse." in text
    response = client.post(
        url + "reglages/",
        {"budget": "1200000", "benefit": "grille", "required": [a["haies"].pk]},
    )
    assert response.status_code == 302
    client.post(
        url + "liens/",
        {"source": a["eau"].pk, "kind": "exclut", "target": a["parking"].pk},
    )
    client.post(url + "liens/", {"source": a["ombre"].pk, "kind": "exige", "target": a["eau"].pk})
    # By hand, within 1.2 M€ with « haies » in: haies + eau + ombre (1 M€, 3 + 4 + 1 = 8)
    # beats haies + parking + vélo (1.15 M€, 7); haies + eau + vélo costs 1.25 M€; « ombre »
    # needs « eau », which excludes « parking ».
    result = budget.choose(approach)
    assert result is not None and not result.error
    assert sorted(c.action.title for c in result.chosen) == [
        "Ombrières",
        "Planter des haies",
        "Récupérer l'eau",
    ]
    assert (result.cost, result.benefit) == (1_000_000, 8)
    text = page_text(client.get(url))
    assert "le meilleur choix retient 3 actions pour 1\u00a0M€, et un bénéfice total de 8" in text
    reasons = {item.action.title: " ".join(item.reasons) for item in result.left_out}
    assert "Elle exclut « Récupérer l'eau », retenue." in reasons["Parking relais"]
    # With « parking » or « vélo » forced in, the best is haies + parking + vélo: 7.
    for title in ("Parking relais", "Vélo-route"):
        assert "La retenir coûterait 1 de bénéfice au total" in reasons[title]
        assert "apporte 7 contre 8" in reasons[title]
    assert "il faudrait renoncer à « Ombrières », « Récupérer l'eau »" in reasons["Vélo-route"]
    assert "Frontière efficace" in text and "Les points de la frontière en tableau" in text
    # Every left-out reason is on the page, in words.
    assert "Ce qui reste de côté, et pourquoi" in text


def test_infeasible_required_actions_are_named(approach: Any, client_as: Any) -> None:
    a = _setup(approach)
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/budget/"
    client.post(
        url + "reglages/",
        {"budget": "600000", "benefit": "grille", "required": [a["haies"].pk, a["eau"].pk]},
    )
    text = page_text(client.get(url))
    assert "Aucun portefeuille possible" in text
    assert "« Planter des haies » (300\u202f000)" in text and "« Récupérer l'eau »" in text


def test_bad_settings_and_links_keep_the_page(approach: Any, client_as: Any) -> None:
    a = _setup(approach)
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/budget/"
    response = client.post(url + "reglages/", {"budget": "-5", "benefit": "grille"})
    assert response.status_code == 200 and not BudgetSetting.objects.exists()
    assert 'value="-5"' in response.content.decode()  # the typed value stays
    response = client.post(
        url + "liens/", {"source": a["eau"].pk, "kind": "exclut", "target": a["eau"].pk}
    )
    assert "Choisissez une autre action que la première." in page_text(response)
    client.post(url + "liens/", {"source": a["eau"].pk, "kind": "exclut", "target": a["velo"].pk})
    response = client.post(
        url + "liens/", {"source": a["velo"].pk, "kind": "exclut", "target": a["eau"].pk}
    )
    assert "Ce lien existe déjà." in page_text(response)
    assert ActionLink.objects.count() == 1


def test_benefit_from_the_vote_and_from_the_mcda(approach: Any, client_as: Any) -> None:
    from ressort.actions.models import Ballot, Criterion, CriterionValue, Grade

    a = _setup(approach)
    ballot = Ballot.objects.create(approach=approach, source="saisie")
    for key, grade in (("haies", 6), ("eau", 5), ("parking", 1), ("ombre", 4), ("velo", 3)):
        Grade.objects.create(ballot=ballot, action=a[key], grade=grade)
    BudgetSetting.objects.create(approach=approach, budget=700_000, benefit="vote")
    data = budget.budget_data(approach)
    points = {c.action.title: c.benefit for c in data.candidates}
    # The 5 actions graded on a ballot are ranked: haies first → 5 points, eau 4, ombre 3.
    assert (points["Planter des haies"], points["Récupérer l'eau"], points["Ombrières"]) == (
        5,
        4,
        3,
    )
    assert "la première vaut 5 points" in data.note
    criterion = Criterion.objects.create(approach=approach, name="c", weight=1)
    for key, value in (("haies", 1), ("eau", 3)):
        CriterionValue.objects.create(criterion=criterion, action=a[key], value=value)
    BudgetSetting.objects.filter(approach=approach).update(benefit="multicritere")
    data = budget.budget_data(approach)
    assert {c.action.title: c.benefit for c in data.candidates} == {
        "Planter des haies": 0.0,
        "Récupérer l'eau": 1.0,
    }
    missing = {action.title: why for action, why in data.missing}
    assert missing["Vélo-route"] == "valeur manquante pour « c »"


def test_build_the_action_plan_from_the_choice(approach: Any, client_as: Any) -> None:
    from ressort.strategy.models import ActionSheet

    a = _setup(approach)
    BudgetSetting.objects.create(approach=approach, budget=800_000, benefit="grille")
    url = f"/demarches/{approach.slug}/budget/plan-d-actions/"
    assert client_as("equipe").post(url).status_code == 403
    response = client_as("chef_projet").post(url, follow=True)
    # 800 k€: haies + eau (7) is the best pair.
    assert set(ActionSheet.objects.values_list("action__title", flat=True)) == {
        "Planter des haies",
        "Récupérer l'eau",
    }
    assert "2 fiches action ajoutées au plan d’actions" in page_text(response)
    client_as("chef_projet").post(url)
    assert ActionSheet.objects.count() == 2  # nothing twice
    assert a["haies"].sheet is not None


def test_rights(approach: Any, personas: dict[str, Any], client_as: Any) -> None:
    a = _setup(approach)
    foreign = Action.objects.create(approach=personas["other_approach"], title="Ailleurs")
    url = f"/demarches/{approach.slug}/budget/"
    partner = client_as("partenaire")
    assert partner.get(url).status_code == 200
    assert partner.post(url + "reglages/", {"budget": "1", "benefit": "grille"}).status_code == 403
    team = client_as("equipe")
    # Another démarche's action is not a choice of the form.
    response = team.post(
        url + "liens/", {"source": a["eau"].pk, "kind": "exclut", "target": foreign.pk}
    )
    assert response.status_code == 200 and not ActionLink.objects.exists()
    other = Action.objects.create(approach=personas["other_approach"], title="Autre")
    theirs = ActionLink.objects.create(
        approach=personas["other_approach"], source=foreign, kind="exclut", target=other
    )
    assert team.post(f"{url}liens/{theirs.pk}/supprimer/").status_code == 404
    assert ActionLink.objects.filter(pk=theirs.pk).exists()
    assert client_as("outsider").get(url).status_code == 404


def test_frontier_tick_labels_never_overlap() -> None:
    for top in (9_000, 120_000, 1_200_000, 3_456_789, 11_800_000, 250_000_000):
        for low, high in ((0, 7), (-3, 41.5), (0, 0.873), (0, 12_000)):
            axes = tick_labels(top, low, high)
            assert len(axes.x_labels) >= 2 and len(axes.y_labels) >= 2
            boxes = [label.box("middle") for label in axes.x_labels]
            for (l1, _, r1, _), (l2, _, r2, _) in combinations(boxes, 2):
                assert r1 <= l2 or r2 <= l1, (top, [lab.text for lab in axes.x_labels])
            y_boxes = [label.box("end") for label in axes.y_labels]
            for (_, t1, _, b1), (_, t2, _, b2) in combinations(y_boxes, 2):
                assert b1 <= t2 or b2 <= t1
            assert axes.x_top >= top and axes.y_low + axes.y_span >= high
    assert CHAR_WIDTH > 6


def test_demo_twelve_actions_within_budget(approach: Any, client: Any, frameworks: None) -> None:
    from ressort.actions import demo

    demo.build(approach)
    setting = BudgetSetting.objects.get(approach=approach)
    assert float(setting.budget) == 1_200_000
    required = list(setting.required.all())
    assert [a.title for a in required] == ["Registre des personnes isolées et veille canicule"]
    (pair,) = ActionLink.objects.filter(approach=approach)
    assert pair.kind == "exclut"
    data = budget.budget_data(approach)
    assert len(data.candidates) == 12 and not data.missing
    result = budget.choose(approach)
    assert result is not None and not result.error
    chosen = {c.action.title for c in result.chosen}
    assert required[0].title in chosen
    assert not {pair.source.title, pair.target.title} <= chosen
    assert result.cost <= 1_200_000
    # Exact: no subset within the budget and the constraints does better (2^12 subsets).
    candidates = data.candidates
    best = max(
        sum(c.benefit for c in subset)
        for size in range(len(candidates) + 1)
        for subset in combinations(candidates, size)
        if sum(c.cost for c in subset) <= 1_200_000
        and required[0] in [c.action for c in subset]
        and not {pair.source, pair.target} <= {c.action for c in subset}
    )
    assert result.benefit == best
    client.force_login(approach.memberships.first().user)
    text = page_text(client.get(f"/demarches/{approach.slug}/budget/"))
    assert "Avec un budget de 1,2\u00a0M€, le meilleur choix retient" in text
    assert "Ce qui reste de côté, et pourquoi" in text and 'role="img"' in text


def test_annual_cap_and_minimum_per_theme(approach: Any, client_as: Any) -> None:
    from ressort.actions.models import Theme

    a = _setup(approach)
    water = Theme.objects.create(approach=approach, name="Eau")
    mobility = Theme.objects.create(approach=approach, name="Mobilité")
    for key, year, theme in (
        ("haies", 2027, None),
        ("eau", 2027, water),
        ("parking", 2028, mobility),
        ("ombre", 2028, None),
        ("velo", 2028, mobility),
    ):
        a[key].cost_year, a[key].theme = year, theme
        a[key].save()
    client = client_as("equipe")
    url = f"/demarches/{approach.slug}/budget/"
    ActionLink.objects.create(
        approach=approach, source=a["eau"], kind="exclut", target=a["parking"]
    )
    ActionLink.objects.create(approach=approach, source=a["ombre"], kind="exige", target=a["eau"])
    text = page_text(client.get(url))
    assert "Plafond des dépenses en 2027 (€)" in text and "Plafond des dépenses en 2028" in text
    assert "Au moins, pour le thème «\u00a0Mobilité\u00a0» (€)" in text
    settings = {"budget": "1200000", "benefit": "grille", "required": [a["haies"].pk]}
    # Without caps: haies + eau + ombre (8). At most 600 000 € in 2027: « eau » (500 000 €)
    # no longer fits beside « haies » (300 000 €), so haies + parking + vélo (7).
    client.post(url + "reglages/", {**settings, "cap_2027": "600000"})
    setting = BudgetSetting.objects.get(approach=approach)
    assert setting.year_caps == {"2027": 600_000.0} and setting.theme_minimums == {}
    result = budget.choose(approach)
    assert result is not None and not result.error
    assert sorted(c.action.title for c in result.chosen) == [
        "Parking relais",
        "Planter des haies",
        "Vélo-route",
    ]
    text = page_text(client.get(url))
    assert "Dépenses de 2027 : au plus 600\u00a0k€." in text
    # At least 400 000 € on mobility, no cap: the same answer for another reason.
    client.post(url + "reglages/", {**settings, f"min_{mobility.pk}": "400000"})
    setting.refresh_from_db()
    assert setting.year_caps == {} and setting.theme_minimums == {str(mobility.pk): 400_000.0}
    result = budget.choose(approach)
    assert result is not None and (result.cost, result.benefit) == (1_150_000, 7)
    assert "Thème « Mobilité » : au moins 400\u00a0k€." in page_text(client.get(url))
    # Both at once and a cap too low for the required « haies »: no portfolio, said why.
    client.post(
        url + "reglages/", {**settings, "cap_2027": "100000", f"min_{mobility.pk}": "400000"}
    )
    result = budget.choose(approach)
    assert result is not None and "les contraintes ne peuvent pas être toutes respectées" in (
        result.error
    )
    assert "dépenses de 2027 : au plus" in result.error
    # A negative cap is refused on its field, nothing saved.
    response = client.post(url + "reglages/", {**settings, "cap_2028": "-5"})
    assert response.status_code == 200
    setting.refresh_from_db()
    assert "2028" not in setting.year_caps


def test_a_fiche_with_a_yearly_budget_speaks_for_its_action(approach: Any) -> None:
    a = _setup(approach)
    a["eau"].cost_year = 2027
    a["eau"].save()
    assert budget.yearly_spending(a["eau"]) == {2027: 500_000.0}
    assert budget.yearly_spending(a["velo"]) == {}
    assert budget.spending_years(approach) == [2027]
