"""The portfolio within a budget: against brute force, by hand, and through the command line.

The reference is an independent enumeration of every subset (numpy, 2^n rows for n ≤ 12),
which applies the definition literally: keep the subsets within budget that contain the
required actions, no excluding pair and every required-by action, take the greatest total
benefit, then the least cost.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ressort.analysis import budget
from ressort.analysis.budget import Action, Constraint, NoPortfolio, make_problem
from ressort.analysis.cli import main


def brute_force(
    actions: list[Action],
    amount: float,
    constraints: list[Constraint] = (),  # type: ignore[assignment]
) -> tuple[float, float] | None:
    """(best benefit, least cost among the best) by enumeration, or None if infeasible."""
    n = len(actions)
    index = {a.id: i for i, a in enumerate(actions)}
    subsets = np.array(list(itertools.product((0, 1), repeat=n)), dtype=bool)
    cost = subsets @ np.array([a.cost for a in actions])
    benefit = subsets @ np.array([a.benefit for a in actions])
    ok = cost <= amount + 1e-9
    for i, a in enumerate(actions):
        if a.required:
            ok &= subsets[:, i]
        for other in a.requires:
            ok &= ~subsets[:, i] | subsets[:, index[other]]
        for other in a.excludes:
            ok &= ~(subsets[:, i] & subsets[:, index[other]])
    for c in constraints:
        row = np.zeros(n)
        for key, value in c.coefficients.items():
            row[index[key]] = value
        total = subsets @ row
        ok &= (total >= c.lower - 1e-9) & (total <= c.upper + 1e-9)
    if not ok.any():
        return None
    best = benefit[ok].max()
    cheapest = cost[ok & (benefit >= best - 1e-9)].min()
    return float(best), float(cheapest)


def random_actions(rng: np.random.Generator, n: int = 12) -> list[Action]:
    ids = [f"a{i}" for i in range(n)]
    requires: dict[int, list[str]] = {}
    excludes: dict[int, list[str]] = {}
    for _ in range(3):
        i, j = rng.choice(n, 2, replace=False)
        requires.setdefault(int(i), []).append(ids[j])
    for _ in range(3):
        i, j = rng.choice(n, 2, replace=False)
        excludes.setdefault(int(i), []).append(ids[j])
    required = int(rng.integers(n))
    return [
        Action(
            ids[i],
            float(rng.integers(1, 40) * 10_000),
            float(rng.integers(-3, 12)),  # integer benefits: ties happen, the tie-break shows
            i == required,
            tuple(requires.get(i, ())),
            tuple(excludes.get(i, ())),
        )
        for i in range(n)
    ]


def check(choice: budget.Choice, actions: list[Action], amount: float) -> None:
    chosen = set(choice.chosen)
    by_id = {a.id: a for a in actions}
    assert choice.cost == pytest.approx(sum(by_id[i].cost for i in chosen))
    assert choice.benefit == pytest.approx(sum(by_id[i].benefit for i in chosen))
    assert choice.cost <= amount + 1e-9
    for a in actions:
        if a.required:
            assert a.id in chosen
        if a.id in chosen:
            assert set(a.requires) <= chosen
            assert not set(a.excludes) & chosen
    assert list(choice.chosen) == [a.id for a in actions if a.id in chosen]  # input order


@pytest.mark.parametrize("seed", range(12))
def test_choose_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    actions = random_actions(rng)
    problem = make_problem(actions)
    amount = float(sum(a.cost for a in actions) * rng.uniform(0.2, 0.7))
    expected = brute_force(actions, amount)
    if expected is None:
        with pytest.raises(NoPortfolio):
            budget.choose(problem, amount)
        return
    choice = budget.choose(problem, amount)
    check(choice, actions, amount)
    assert (choice.benefit, choice.cost) == pytest.approx(expected)


@pytest.mark.parametrize("seed", range(4))
def test_float_benefits_and_extra_constraints_match_brute_force(seed: int) -> None:
    # MCDA scores are floats without a common quantum; a yearly cap and an axis minimum.
    rng = np.random.default_rng(50 + seed)
    actions = [
        Action(a.id, a.cost, float(rng.random()), a.required, a.requires, a.excludes)
        for a in random_actions(rng, 11)
    ]
    year = {a.id: a.cost / 2 for a in actions[::2]}
    axis = {a.id: 1.0 for a in actions[1:6]}
    constraints = [
        Constraint("dépenses de 2027", year, upper=float(sum(year.values()) / 3)),
        Constraint("axe Eau : au moins 2 actions", axis, lower=2),
    ]
    problem = make_problem(actions, constraints)
    amount = float(sum(a.cost for a in actions) * 0.5)
    expected = brute_force(actions, amount, constraints)
    if expected is None:
        with pytest.raises(NoPortfolio):
            budget.choose(problem, amount)
        return
    choice = budget.choose(problem, amount)
    check(choice, actions, amount)
    assert (choice.benefit, choice.cost) == pytest.approx(expected, rel=1e-12)


def test_by_hand_the_greedy_ratio_would_be_wrong() -> None:
    # Budget 100. By ratio a (62/51 ≈ 1.22) comes first, but a + b or a + c exceeds 100, so
    # a greedy pick stops at 62; b + c costs exactly 100 for 110.
    actions = [Action("a", 51, 62), Action("b", 50, 55), Action("c", 50, 55)]
    choice = budget.choose(make_problem(actions), 100)
    assert choice.chosen == ("b", "c")
    assert (choice.cost, choice.benefit) == (100, 110)


def test_equal_benefits_take_the_cheapest() -> None:
    actions = [Action("cher", 90, 5), Action("bon marché", 40, 5), Action("autre", 30, 1)]
    choice = budget.choose(make_problem(actions), 100)
    assert choice.chosen == ("bon marché", "autre")
    assert (choice.cost, choice.benefit) == (70, 6)


def test_requires_excludes_and_required() -> None:
    actions = [
        Action("haies", 300, 7, required=True),
        Action("eau", 500, 9, excludes=("parking",)),
        Action("parking", 400, 8),
        Action("ombre", 200, 3, requires=("eau",)),
        Action("vélo", 450, 6),
    ]
    problem = make_problem(actions)
    # 1 200: haies + parking + vélo (21) beats haies + eau + ombre (19).
    best = budget.choose(problem, 1200)
    assert best.chosen == ("haies", "parking", "vélo")
    assert best.benefit == 21
    # 1 000: haies + eau + ombre (19) beats haies + parking (15) and haies + vélo (13).
    assert budget.choose(problem, 1000).chosen == ("haies", "eau", "ombre")
    reasons = {r.id: r for r in budget.explain(problem, best)}
    assert set(reasons) == {"eau", "ombre"}
    assert reasons["eau"].excluded_by == ("parking",)
    assert reasons["ombre"].missing == ("eau",)
    # With « ombre » forced in, « eau » comes with it, « parking » and « vélo » go: 19.
    assert reasons["ombre"].with_it is not None
    assert reasons["ombre"].with_it.chosen == ("haies", "eau", "ombre")
    assert reasons["ombre"].displaced == ("parking", "vélo")
    assert reasons["ombre"].added == ("eau",)
    assert reasons["ombre"].loss(best) == 2


def test_an_action_that_cannot_fit_has_no_portfolio_with_it() -> None:
    problem = make_problem([Action("a", 10, 1), Action("énorme", 500, 50)])
    best = budget.choose(problem, 100)
    (reason,) = budget.explain(problem, best)
    assert reason.id == "énorme" and reason.with_it is None and reason.loss(best) is None


def test_frontier_points_are_optimal_and_increasing() -> None:
    rng = np.random.default_rng(3)
    actions = random_actions(rng, 10)
    problem = make_problem(actions)
    amount = float(sum(a.cost for a in actions) * 0.4)
    best = budget.choose(problem, amount)
    points = budget.frontier(problem, amount, 8, known=[best])
    assert points, "at least the budgets above the required actions' cost"
    levels = [p.budget for p in points]
    assert levels == sorted(levels)
    benefits = [p.benefit for p in points]
    assert benefits == sorted(benefits)
    for point in points:
        check(point, actions, point.budget)
        expected = brute_force(actions, point.budget)
        assert expected is not None and point.benefit == pytest.approx(expected[0])
    # The top of the frontier is where more money buys nothing more.
    unlimited = brute_force(actions, float(sum(a.cost for a in actions)))
    assert unlimited is not None
    assert points[-1].benefit == pytest.approx(unlimited[0])
    assert points[-1].budget == pytest.approx(max(amount, unlimited[1]))
    step = points[-1].budget / 8
    assert all(p.budget == pytest.approx(step * round(p.budget / step)) for p in points)


def test_infeasible_required_actions_are_named() -> None:
    problem = make_problem(
        [
            Action("a", 600, 1, required=True, requires=("c",)),
            Action("b", 100, 1),
            Action("c", 500, 1),
        ]
    )
    with pytest.raises(NoPortfolio) as caught:
        budget.choose(problem, 1000)
    message = str(caught.value)
    assert "« a » (600)" in message and "« c » (500)" in message
    assert "1\u202f100" in message and "1\u202f000" in message
    assert caught.value.actions == ("a", "c")
    clash = make_problem(
        [Action("a", 1, 1, required=True, excludes=("b",)), Action("b", 1, 1, required=True)]
    )
    with pytest.raises(NoPortfolio, match="« a » et « b » s'excluent"):
        budget.choose(clash, 10)


def test_make_problem_names_every_fault() -> None:
    with pytest.raises(budget.InvalidPortfolio) as caught:
        make_problem(
            [
                Action("a", -1, 1, requires=("z",)),
                Action("a", 1, float("nan"), excludes=("b", "a")),
                Action("b", 1, 1, requires=("b",)),
            ]
        )
    assert caught.value.errors == (
        ("actions[0].cost", "le coût ne peut pas être négatif (-1)"),
        ("actions[1].id", "identifiant « a » déjà utilisé en actions[0]"),
        ("actions[1].benefit", "le bénéfice doit être un nombre fini"),
        ("actions[0].requires[0]", "action inconnue « z »"),
        ("actions[1].excludes[1]", "une action ne peut pas s'exclure elle-même"),
        ("actions[2].requires[0]", "une action ne peut pas s'exiger elle-même"),
    )


# --- Command line ---------------------------------------------------------------------------

PORTFOLIO: dict[str, Any] = {
    "budget": 1200,
    "actions": [
        {"id": "haies", "cost": 300, "benefit": 7, "required": True},
        {"id": "eau", "cost": 500, "benefit": 9, "excludes": ["parking"]},
        {"id": "parking", "cost": 400, "benefit": 8},
        {"id": "ombre", "cost": 200, "benefit": 3, "requires": ["eau"]},
        {"id": "vélo", "cost": 450, "benefit": 6.5},
    ],
}


def write(tmp_path: Path, data: Any) -> str:
    path = tmp_path / "portefeuille.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_cli_prints_the_portfolio_and_its_frontier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portefeuille", write(tmp_path, PORTFOLIO), "--points", "4"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    result = json.loads(out)
    assert list(result) == ["chosen", "cost", "benefit", "frontier"]
    assert result["chosen"] == ["haies", "parking", "vélo"]
    assert (result["cost"], result["benefit"]) == (1150, 21.5)
    # Unlimited: haies + eau + ombre + vélo = 1 450 for 25.5; four steps of 362.5.
    assert result["frontier"] == [
        {"budget": 362.5, "benefit": 7, "chosen": ["haies"]},
        {"budget": 725, "benefit": 15, "chosen": ["haies", "parking"]},
        {"budget": 1087.5, "benefit": 19, "chosen": ["haies", "eau", "ombre"]},
        {"budget": 1450, "benefit": 25.5, "chosen": ["haies", "eau", "ombre", "vélo"]},
    ]


def test_cli_default_frontier_has_twenty_points(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portefeuille", write(tmp_path, PORTFOLIO)]) == 0
    frontier = json.loads(capsys.readouterr()[0])["frontier"]
    # Steps of 1 450 / 20 = 72.5; the first four (72.5 … 290) are below « haies », required
    # and costing 300: no portfolio there, so no point.
    assert len(frontier) == 16
    assert [p["budget"] for p in frontier][:2] == [362.5, 435]


def mutated(change: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(PORTFOLIO))
    change(data)
    return data


MALFORMED = {
    "duplicate id": (
        lambda d: d["actions"][2].update({"id": "eau"}),
        "actions[2].id : identifiant « eau » déjà utilisé en actions[1]",
    ),
    "unknown required-by id": (
        lambda d: d["actions"][3].update({"requires": ["puits"]}),
        "actions[3].requires[0] : action inconnue « puits »",
    ),
    "unknown excluded id": (
        lambda d: d["actions"][1].update({"excludes": ["parking", "golf"]}),
        "actions[1].excludes[1] : action inconnue « golf »",
    ),
    "negative budget": (lambda d: d.update({"budget": -5}), "budget : le budget ne peut pas"),
    "negative cost": (
        lambda d: d["actions"][1].update({"cost": -500}),
        "actions[1].cost : le coût ne peut pas être négatif (-500)",
    ),
    "text cost": (
        lambda d: d["actions"][1].update({"cost": "500 k€"}),
        "actions[1].cost : un nombre est attendu, pas le texte « 500 k€ »",
    ),
    "boolean benefit": (
        lambda d: d["actions"][0].update({"benefit": True}),
        "actions[0].benefit : un nombre est attendu, pas un booléen",
    ),
    "missing benefit": (
        lambda d: d["actions"][4].pop("benefit"),
        "actions[4].benefit : valeur manquante",
    ),
    "required not a boolean": (
        lambda d: d["actions"][0].update({"required": "oui"}),
        "actions[0].required : true ou false est attendu, pas le texte « oui »",
    ),
    "requires not a list": (
        lambda d: d["actions"][3].update({"requires": "eau"}),
        "actions[3].requires : une liste d'identifiants est attendue",
    ),
    "unknown field": (
        lambda d: d["actions"][0].update({"coût": 3}),
        "actions[0].coût : champ inconnu",
    ),
    "missing budget": (lambda d: d.pop("budget"), "budget : champ obligatoire manquant"),
    "budget not a number": (
        lambda d: d.update({"budget": None}),
        "budget : un nombre est attendu, pas null",
    ),
    "actions not a list": (
        lambda d: d.update({"actions": {}}),
        "actions : une liste est attendue, pas un objet",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_cli_malformed_input_exits_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, message = MALFORMED[case]
    assert main(["portefeuille", write(tmp_path, mutated(change))]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Erreur : ")
    assert message in err


def test_cli_bad_json_and_not_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "casse.json"
    path.write_text('{"budget": 3,\n "actions": [}', encoding="utf-8")
    assert main(["portefeuille", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "JSON invalide ligne 2, colonne 14" in err
    assert main(["portefeuille", write(tmp_path, [1])]) == 2
    assert "« budget » et « actions »" in capsys.readouterr()[1]


def test_cli_no_feasible_portfolio_exits_3_naming_the_actions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = mutated(lambda d: d["actions"][1].update({"required": True}))
    data["budget"] = 700
    assert main(["portefeuille", write(tmp_path, data)]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Erreur : aucun portefeuille possible")
    assert "« haies » (300)" in err and "« eau » (500)" in err and "700" in err


def test_cli_stdout_is_only_json_even_when_native_code_prints(tmp_path: Path) -> None:
    # HiGHS prints debugging lines straight on file descriptor 1 for some problems (300
    # actions with float benefits, for one); the command keeps them out of its output. The
    # solver's print is stood in for by a write on the descriptor during the computation.
    path = write(tmp_path, PORTFOLIO)
    code = f"""
import os, sys
from ressort.analysis import budget
from ressort.analysis.cli import main
solve = budget._solve
def noisy(*args, **kwargs):
    os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\\n")
    return solve(*args, **kwargs)
budget._solve = noisy
sys.exit(main(["portefeuille", {path!r}, "--points", "2"]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert "Highs" not in done.stdout
    assert json.loads(done.stdout)["chosen"] == ["haies", "parking", "vélo"]


def test_budget_modules_import_no_django(tmp_path: Path) -> None:
    path = write(tmp_path, PORTFOLIO)
    code = f"""
import contextlib, io, sys
from ressort.analysis.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["portefeuille", {path!r}]) == 0
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not leaked, leaked
"""
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_solver_prints_nothing_on_standard_output(capfd: pytest.CaptureFixture[str]) -> None:
    """HiGHS prints debugging lines on file descriptor 1 for this problem (seen in web
    requests, in the server's log); the solves keep it silent wherever they are called."""
    import numpy as np

    rng = np.random.default_rng(1)
    actions = [
        budget.Action(str(i), float(rng.integers(10, 100)) * 1000, float(rng.integers(1, 20)))
        for i in range(80)
    ]
    problem = budget.make_problem(
        actions, [budget.Constraint("x", {str(i): 1.0 for i in range(10)}, lower=3)]
    )
    best = budget.choose(problem, 1e6)
    budget.frontier(problem, 1e6, 20, known=[best])
    print("visible")  # standard output works again afterwards
    out = capfd.readouterr().out
    assert out == "visible\n"
