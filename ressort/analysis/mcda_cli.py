"""`ressort analyse mcda FICHIER.json --method …`: rank alternatives, JSON on stdout.

Input (UTF-8 JSON)::

    {"criteria": [{"name": "coût", "weight": 2, "direction": "min",
                   "preference": {"function": "linear", "q": 10, "p": 50}}],
     "alternatives": [{"name": "Ferme solaire", "values": {"coût": 120}}]}

`preference` is optional ("usual" by default) and only used by promethee2: "usual",
"u-shape" (q), "v-shape" (p), "level" (q, p), "linear" (q, p) or "gaussian" (s), after
Brans & Vincke (1985), see `mcda.Preference`. `--normalisation` chooses how topsis
(vecteur, min-max) and somme-ponderee (min-max, max, aucune) make criteria comparable; the
output then names it. Every fault of the file is reported at once, each with its field path (indices
from 0, e.g. `alternatives[2].values.coût`), before anything is computed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ressort.analysis import mcda
from ressort.analysis.cli import (
    InputError,
    format_faults,
    join,
    kind,
    number,
    read_json,
    text,
    unknown_keys,
)

_CRITERION_KEYS = ("name", "weight", "direction", "preference")
_PREFERENCE_KEYS = ("function", "q", "p", "s")
_ALTERNATIVE_KEYS = ("name", "values")
_TOP_KEYS = ("criteria", "alternatives")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FICHIER.json", type=Path, help="critères et alternatives")
    parser.add_argument(
        "--method",
        required=True,
        choices=tuple(mcda.METHODS),
        help="somme-ponderee (somme pondérée), topsis, promethee2 (flux net)",
    )
    choices = sorted({n for names in mcda.NORMALISATIONS.values() for n in names})
    parser.add_argument(
        "--normalisation",
        choices=choices,
        help="topsis : vecteur (défaut) ou min-max ; somme-ponderee : min-max (défaut), max "
        "ou aucune",
    )


def run(args: argparse.Namespace) -> object:
    normalisation = getattr(args, "normalisation", None)
    allowed = mcda.NORMALISATIONS.get(args.method, ())
    if normalisation is not None and normalisation not in allowed:
        if not allowed:
            raise InputError(f"--normalisation : la méthode {args.method} n'en prend pas")
        permitted = ", ".join(allowed)
        raise InputError(
            f"--normalisation {normalisation} : pour {args.method}, valeurs permises {permitted}"
        )
    problem = load_problem(args.file)
    try:
        result = mcda.rank(problem, args.method, normalisation)
    except mcda.InvalidProblem as problem_error:
        raise InputError(format_faults(list(problem_error.errors))) from None
    head: dict[str, object] = {"method": args.method}
    if allowed:
        head["normalisation"] = normalisation or allowed[0]
    return {
        **head,
        "weights": {
            c.name: float(w) for c, w in zip(problem.criteria, problem.weights, strict=True)
        },
        "ranking": [
            {"alternative": r.alternative, "score": r.score, "rank": r.rank}
            for r in mcda.ranking(result)
        ],
    }


def load_problem(path: Path) -> mcda.Problem:
    """Read and validate a JSON problem; raise InputError listing every fault."""
    return parse_problem(read_json(path))


def parse_problem(data: Any) -> mcda.Problem:
    """Check the JSON structure, then the problem; raise InputError listing every fault."""
    errors: list[tuple[str, str]] = []
    if not isinstance(data, dict):
        raise InputError(
            "le document doit être un objet JSON avec les champs « criteria » et « alternatives »"
        )
    unknown_keys(data, _TOP_KEYS, "", errors)
    parsed: list[tuple[int, mcda.Criterion]] = []
    raw_criteria = _list(data, "criteria", "", errors)
    for i, item in enumerate(raw_criteria):
        criterion = _criterion(item, f"criteria[{i}]", errors)
        if criterion is not None:
            parsed.append((i, criterion))
    criteria = [criterion for _, criterion in parsed]
    # Names of faulty criteria too, so that their values are not reported as unknown.
    names = [
        item["name"]
        for item in raw_criteria
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    ]
    alternatives: list[str] = []
    rows: list[list[float]] = []
    for i, item in enumerate(_list(data, "alternatives", "", errors)):
        alternative = _alternative(item, f"alternatives[{i}]", names, errors)
        if alternative is not None:
            alternatives.append(alternative[0])
            rows.append(alternative[1])
    if errors:
        # Structural faults first; the semantic faults of what did parse come along.
        if len(criteria) == len(raw_criteria):
            errors.extend(mcda.criteria_errors(criteria))
        else:
            for i, criterion in parsed:
                errors.extend(
                    (f"criteria[{i}].{path}", msg) for path, msg in mcda.criterion_errors(criterion)
                )
        raise InputError(format_faults(errors))
    try:
        return mcda.make_problem(criteria, alternatives, rows)
    except mcda.InvalidProblem as problem_error:
        raise InputError(format_faults(list(problem_error.errors))) from None


def _list(obj: dict[str, Any], key: str, prefix: str, errors: list[tuple[str, str]]) -> list[Any]:
    path = join(prefix, key)
    if key not in obj:
        errors.append((path, "champ obligatoire manquant (une liste)"))
        return []
    value = obj[key]
    if not isinstance(value, list):
        errors.append((path, f"une liste est attendue, pas {kind(value)}"))
        return []
    if not value:
        errors.append((path, "la liste est vide"))
    return value


def _criterion(item: Any, path: str, errors: list[tuple[str, str]]) -> mcda.Criterion | None:
    if not isinstance(item, dict):
        errors.append((path, f"un objet critère est attendu, pas {kind(item)}"))
        return None
    before = len(errors)
    unknown_keys(item, _CRITERION_KEYS, path, errors)
    name = text(item, "name", path, errors)
    weight = number(item, "weight", path, errors)
    direction = text(item, "direction", path, errors)
    preference = mcda.Preference()
    if "preference" in item:
        parsed = _preference(item["preference"], join(path, "preference"), errors)
        preference = parsed if parsed is not None else preference
    if len(errors) > before or name is None or weight is None or direction is None:
        return None
    return mcda.Criterion(name, weight, direction, preference)  # type: ignore[arg-type]


def _preference(item: Any, path: str, errors: list[tuple[str, str]]) -> mcda.Preference | None:
    if not isinstance(item, dict):
        errors.append((path, f"un objet est attendu, pas {kind(item)}"))
        return None
    before = len(errors)
    unknown_keys(item, _PREFERENCE_KEYS, path, errors)
    function = text(item, "function", path, errors)
    needed = mcda.PREFERENCE_PARAMETERS.get(function or "", ())
    thresholds: dict[str, float | None] = {}
    for name in ("q", "p", "s"):
        if name in needed or name in item:
            # A threshold the function does not read must still be a number when given.
            thresholds[name] = number(item, name, path, errors)
        else:
            thresholds[name] = 0.0
    if len(errors) > before or function is None or None in thresholds.values():
        return None
    return mcda.Preference(
        function,  # type: ignore[arg-type]
        thresholds["q"] or 0.0,
        thresholds["p"] or 0.0,
        thresholds["s"] or 0.0,
    )


def _alternative(
    item: Any, path: str, criteria: list[str], errors: list[tuple[str, str]]
) -> tuple[str, list[float]] | None:
    if not isinstance(item, dict):
        errors.append((path, f"un objet alternative est attendu, pas {kind(item)}"))
        return None
    before = len(errors)
    unknown_keys(item, _ALTERNATIVE_KEYS, path, errors)
    name = text(item, "name", path, errors)
    values_path = join(path, "values")
    values = item.get("values")
    if "values" not in item:
        errors.append((values_path, "champ obligatoire manquant (un objet critère → nombre)"))
        return None
    if not isinstance(values, dict):
        errors.append((values_path, f"un objet critère → nombre est attendu, pas {kind(values)}"))
        return None
    known = ", ".join(f"« {c} »" for c in criteria)
    for key in values:
        if key not in criteria:
            errors.append((join(values_path, key), f"critère inconnu ; critères : {known}"))
    row = [number(values, c, values_path, errors) for c in criteria]
    if len(errors) > before or name is None:
        return None
    return name, [v for v in row if v is not None]
