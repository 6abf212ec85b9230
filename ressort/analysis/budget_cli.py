"""`ressort analyse portefeuille FICHIER.json`: the best portfolio within a budget, as JSON.

Input (UTF-8 JSON)::

    {"budget": 1200000,
     "actions": [{"id": "haies", "cost": 150000, "benefit": 7,
                  "required": false, "requires": ["eau"], "excludes": ["parking"]}]}

`required`, `requires` and `excludes` are optional. Output::

    {"chosen": [ids in input order], "cost": …, "benefit": …,
     "frontier": [{"budget": …, "benefit": …, "chosen": [ids]}, …]}

Malformed input exits 2 with every fault named by its field (`actions[1].cost`); when no
portfolio exists (required actions over budget, or excluding each other) the command exits
3 with a French message naming them. Nothing is printed on stdout in either case. The method
is described in `ressort.analysis.budget`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ressort.analysis import budget
from ressort.analysis.cli import (
    Faults,
    InputError,
    NoSolution,
    format_faults,
    kind,
    number,
    read_json,
    text,
    unknown_keys,
)

_TOP_KEYS = ("budget", "actions")
_ACTION_KEYS = ("id", "cost", "benefit", "required", "requires", "excludes")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER.json", type=Path, help="budget et actions")
    parser.add_argument(
        "--points",
        type=int,
        default=budget.DEFAULT_FRONTIER_POINTS,
        metavar="N",
        help="nombre de budgets de la frontière efficace (défaut : "
        f"{budget.DEFAULT_FRONTIER_POINTS})",
    )


def run(args: argparse.Namespace) -> object:
    if args.points < 1:
        raise InputError("--points : il faut au moins un point")
    amount, problem = parse(read_json(args.file))
    try:
        best = budget.choose(problem, amount)
    except budget.NoPortfolio as error:
        raise NoSolution(str(error)) from None
    return {
        "chosen": list(best.chosen),
        "cost": _number(best.cost),
        "benefit": _number(best.benefit),
        "frontier": [
            {"budget": _number(p.budget), "benefit": _number(p.benefit), "chosen": list(p.chosen)}
            for p in budget.frontier(problem, amount, args.points, known=[best])
        ],
    }


def _number(x: float) -> int | float:
    """Whole numbers print without « .0 »."""
    return int(x) if float(x).is_integer() and abs(x) < 2**53 else x


def _ids(value: Any, path: str, errors: Faults) -> tuple[str, ...]:
    if not isinstance(value, list):
        errors.append((path, f"une liste d'identifiants est attendue, pas {kind(value)}"))
        return ()
    good = []
    for k, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            errors.append((f"{path}[{k}]", f"un identifiant (texte) est attendu, pas {kind(item)}"))
        else:
            good.append(item)
    return tuple(good)


def parse(data: Any) -> tuple[float, budget.Problem]:
    """Check the document; raise InputError listing every fault with its field."""
    if not isinstance(data, dict):
        raise InputError(
            "le document doit être un objet JSON avec les champs « budget » et « actions »"
        )
    errors: Faults = []
    unknown_keys(data, _TOP_KEYS, "", errors)
    amount: float | None = None
    if "budget" not in data:
        errors.append(("budget", "champ obligatoire manquant (un nombre ≥ 0)"))
    else:
        amount = number(data, "budget", "", errors)
        if amount is not None and amount < 0:
            errors.append(("budget", f"le budget ne peut pas être négatif ({data['budget']})"))
            amount = None
    raw = data.get("actions")
    actions: list[budget.Action] = []
    if "actions" not in data:
        errors.append(("actions", "champ obligatoire manquant (une liste d'actions)"))
        raw = []
    elif not isinstance(raw, list):
        errors.append(("actions", f"une liste est attendue, pas {kind(raw)}"))
        raw = []
    for i, item in enumerate(raw):
        action = _action(item, f"actions[{i}]", errors)
        if action is not None:
            actions.append(action)
    if len(actions) == len(raw):
        try:
            problem = budget.make_problem(actions)
        except budget.InvalidPortfolio as invalid:
            errors.extend(invalid.errors)
    if errors:
        raise InputError(format_faults(errors))
    assert amount is not None
    return amount, problem


def _action(item: Any, path: str, errors: Faults) -> budget.Action | None:
    if not isinstance(item, dict):
        errors.append((path, f"un objet action est attendu, pas {kind(item)}"))
        return None
    before = len(errors)
    unknown_keys(item, _ACTION_KEYS, path, errors)
    identifier = text(item, "id", path, errors)
    cost = number(item, "cost", path, errors)
    benefit = number(item, "benefit", path, errors)
    if cost is not None and cost < 0:
        errors.append((f"{path}.cost", f"le coût ne peut pas être négatif ({item['cost']})"))
    required = item.get("required", False)
    if not isinstance(required, bool):
        errors.append((f"{path}.required", f"true ou false est attendu, pas {kind(required)}"))
    requires = _ids(item["requires"], f"{path}.requires", errors) if "requires" in item else ()
    excludes = _ids(item["excludes"], f"{path}.excludes", errors) if "excludes" in item else ()
    if len(errors) > before:
        return None
    assert identifier is not None and cost is not None and benefit is not None
    return budget.Action(identifier, cost, benefit, required, requires, excludes)
