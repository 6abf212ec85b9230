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
import math
from pathlib import Path
from typing import Any

from ressort.analysis import budget
from ressort.analysis.cli import InputError, NoSolution
from ressort.analysis.mcda_cli import read_json

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


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte « {value} »"
    if isinstance(value, list):
        return "une liste"
    return "un objet"


def _read_number(value: Any, path: str, errors: list[tuple[str, str]]) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append((path, f"un nombre est attendu, pas {_kind(value)}"))
        return None
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        errors.append((path, "un nombre fini est attendu"))
        return None
    return number


def _ids(value: Any, path: str, errors: list[tuple[str, str]]) -> tuple[str, ...]:
    if not isinstance(value, list):
        errors.append((path, f"une liste d'identifiants est attendue, pas {_kind(value)}"))
        return ()
    good = []
    for k, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            errors.append(
                (f"{path}[{k}]", f"un identifiant (texte) est attendu, pas {_kind(item)}")
            )
        else:
            good.append(item)
    return tuple(good)


def parse(data: Any) -> tuple[float, budget.Problem]:
    """Check the document; raise InputError listing every fault with its field."""
    if not isinstance(data, dict):
        raise InputError(
            "le document doit être un objet JSON avec les champs « budget » et « actions »"
        )
    errors: list[tuple[str, str]] = []
    for key in data:
        if key not in _TOP_KEYS:
            errors.append((key, "champ inconnu ; champs permis : « budget », « actions »"))
    amount: float | None = None
    if "budget" not in data:
        errors.append(("budget", "champ obligatoire manquant (un nombre ≥ 0)"))
    else:
        amount = _read_number(data["budget"], "budget", errors)
        if amount is not None and amount < 0:
            errors.append(("budget", f"le budget ne peut pas être négatif ({data['budget']})"))
            amount = None
    raw = data.get("actions")
    actions: list[budget.Action] = []
    if "actions" not in data:
        errors.append(("actions", "champ obligatoire manquant (une liste d'actions)"))
        raw = []
    elif not isinstance(raw, list):
        errors.append(("actions", f"une liste est attendue, pas {_kind(raw)}"))
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
        unique = list(dict.fromkeys(errors))
        head = "1 erreur" if len(unique) == 1 else f"{len(unique)} erreurs"
        raise InputError(
            f"{head} dans le fichier :\n" + "\n".join(f"  {p} : {m}" for p, m in unique)
        )
    assert amount is not None
    return amount, problem


def _action(item: Any, path: str, errors: list[tuple[str, str]]) -> budget.Action | None:
    if not isinstance(item, dict):
        errors.append((path, f"un objet action est attendu, pas {_kind(item)}"))
        return None
    before = len(errors)
    for key in item:
        if key not in _ACTION_KEYS:
            allowed = ", ".join(f"« {k} »" for k in _ACTION_KEYS)
            errors.append((f"{path}.{key}", f"champ inconnu ; champs permis : {allowed}"))
    identifier = item.get("id")
    if "id" not in item:
        errors.append((f"{path}.id", "champ obligatoire manquant (un texte)"))
    elif not isinstance(identifier, str) or not identifier.strip():
        errors.append((f"{path}.id", f"un texte non vide est attendu, pas {_kind(identifier)}"))
    values: dict[str, float | None] = {}
    for key in ("cost", "benefit"):
        if key not in item:
            errors.append((f"{path}.{key}", "valeur manquante (un nombre)"))
            values[key] = None
        else:
            values[key] = _read_number(item[key], f"{path}.{key}", errors)
    cost = values["cost"]
    if cost is not None and cost < 0:
        errors.append((f"{path}.cost", f"le coût ne peut pas être négatif ({item['cost']})"))
    required = item.get("required", False)
    if not isinstance(required, bool):
        errors.append((f"{path}.required", f"true ou false est attendu, pas {_kind(required)}"))
    requires = _ids(item["requires"], f"{path}.requires", errors) if "requires" in item else ()
    excludes = _ids(item["excludes"], f"{path}.excludes", errors) if "excludes" in item else ()
    if len(errors) > before:
        return None
    assert isinstance(identifier, str) and cost is not None and values["benefit"] is not None
    return budget.Action(identifier, cost, values["benefit"], required, requires, excludes)
