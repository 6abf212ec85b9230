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
import sys
from collections.abc import Sequence

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
