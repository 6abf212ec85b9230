"""`ressort analyse …`: analyses for analysts and scripts, JSON on stdout.

Pure Python, no Django: `ressort analyse` never touches the database. Each subcommand lives
in its own module exposing `add_arguments(parser)` and `run(args) -> object` (the JSON
result); `run` raises InputError with a French message naming the line and column or the
field, which exits with status 2 and prints nothing on stdout; NoSolution (a well-formed
problem without any solution, e.g. required actions over budget) exits with status 3.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ressort.analysis.native import quiet_stdout

# subcommand -> (module, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "micmac": ("ressort.analysis.micmac_cli", "Analyse structurelle MICMAC d'une matrice CSV."),
    "mcda": ("ressort.analysis.mcda_cli", "Classement multicritère d'alternatives (JSON)."),
    "vote": ("ressort.analysis.vote_cli", "Dépouillement d'un vote au jugement majoritaire."),
    "mactor": ("ressort.analysis.mactor_cli", "Stratégies d'acteurs MACTOR (JSON)."),
    "portefeuille": (
        "ressort.analysis.budget_cli",
        "Meilleur portefeuille d'actions dans un budget, et frontière efficace (JSON).",
    ),
}


class InputError(ValueError):
    """Malformed input: the message is French and names the line/column or the field."""


class NoSolution(ValueError):
    """Well-formed input without any solution: the French message names what is in the way."""


# --- Reading a JSON input file: every fault named by its field path -------------------------

Faults = list[tuple[str, str]]  # (field path, French message), e.g. ("actions[1].cost", "…")

# json's messages, in French (the position is added separately).
_JSON_MESSAGES = {
    "Expecting value": "valeur attendue",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Unterminated string starting at": "texte entre guillemets non terminé",
    "Invalid control character at": "caractère de contrôle dans un texte",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\uXXXX invalide",
    "Extra data": "données en trop après la fin du document",
    "Illegal trailing comma before end of object": "virgule en trop avant la fin de l'objet",
    "Illegal trailing comma before end of array": "virgule en trop avant la fin de la liste",
}


def read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path} : fichier introuvable") from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path} : le fichier n'est pas en UTF-8 (octet {error.start + 1})"
        ) from None
    except OSError as error:
        raise InputError(f"{path} : lecture impossible ({error.strerror})") from None
    try:
        # NaN and Infinity are read as numbers so that the field is named later.
        return json.loads(text, parse_constant=float)
    except json.JSONDecodeError as error:
        message = _JSON_MESSAGES.get(error.msg, error.msg)
        raise InputError(
            f"{path} : JSON invalide ligne {error.lineno}, colonne {error.colno} : {message}"
        ) from None


def format_faults(errors: Faults) -> str:
    unique = list(dict.fromkeys(errors))
    head = "1 erreur" if len(unique) == 1 else f"{len(unique)} erreurs"
    return f"{head} dans le fichier :\n" + "\n".join(f"  {path} : {msg}" for path, msg in unique)


def join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def kind(value: Any) -> str:
    """What a JSON value is, in French, for « … est attendu, pas <kind> »."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, str):
        return f"le texte « {value} »"
    if isinstance(value, list | tuple):
        return "une liste"
    return "un objet"


def unknown_keys(
    obj: dict[str, Any], allowed: tuple[str, ...], prefix: str, errors: Faults
) -> None:
    for key in obj:
        if key not in allowed:
            permitted = ", ".join(f"« {k} »" for k in allowed)
            errors.append((join(prefix, key), f"champ inconnu ; champs permis : {permitted}"))


def number(obj: dict[str, Any], key: str, prefix: str, errors: Faults) -> float | None:
    """The finite number `obj[key]`, or None with its fault."""
    path = join(prefix, key)
    if key not in obj:
        errors.append((path, "valeur manquante (un nombre)"))
        return None
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append((path, f"un nombre est attendu, pas {kind(value)}"))
        return None
    try:
        found = float(value)
    except OverflowError:
        found = math.inf
    if not math.isfinite(found):
        errors.append((path, "un nombre fini est attendu"))
        return None
    return found


def text(obj: dict[str, Any], key: str, prefix: str, errors: Faults) -> str | None:
    """The non-blank text `obj[key]`, or None with its fault."""
    path = join(prefix, key)
    if key not in obj:
        errors.append((path, "champ obligatoire manquant (un texte)"))
        return None
    value = obj[key]
    if not isinstance(value, str) or not value.strip():
        errors.append((path, f"un texte non vide est attendu, pas {kind(value)}"))
        return None
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"ressort analyse : erreur : {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ressort analyse", description="Analyses de Ressort (sortie JSON).")
    sub = parser.add_subparsers(dest="analysis", required=True, parser_class=_Parser)
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        child = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(child)
        child.set_defaults(module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with quiet_stdout():
            result = args.module.run(args)
    except InputError as error:
        sys.stderr.write(f"Erreur : {error}\n")
        return 2
    except NoSolution as error:
        sys.stderr.write(f"Erreur : {error}\n")
        return 3
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0
