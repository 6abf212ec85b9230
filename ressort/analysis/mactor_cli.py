"""`ressort analyse mactor FICHIER.json`: MACTOR actors' strategies as JSON on stdout.

Input (UTF-8 JSON)::

    {"actors": ["Commune", "Chambre d'agriculture", "Association"],
     "objectives": ["Préserver la ressource en eau", "Développer le tourisme"],
     "influences": [[0, 3, 2], [1, 0, 1], [0, 2, 0]],
     "positions": [[3, 2], [-2, 1], [4, -3]]}

`influences` is n × n integers 0–4 (row actor's direct influence on column actor; the
diagonal is ignored), `positions` n × m integers −4…+4. The method and the output are
described in `ressort.analysis.mactor`. Every fault of the file is reported at once, each
with its field path (indices from 0, e.g. `influences[1][2]`), before anything is computed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ressort.analysis import mactor
from ressort.analysis.cli import InputError, read_json, unknown_keys

_TOP_KEYS = ("actors", "objectives", "influences", "positions")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FICHIER.json",
        type=Path,
        help="acteurs, objectifs, influences directes (0 à 4) et positions (−4 à +4)",
    )


def run(args: argparse.Namespace) -> object:
    data = read_json(args.file)
    if not isinstance(data, dict):
        raise InputError(
            "le document doit être un objet JSON avec les champs « actors », « objectives », "
            "« influences » et « positions »"
        )
    errors: list[tuple[str, str]] = []
    unknown_keys(data, _TOP_KEYS, "", errors)
    missing = [key for key in _TOP_KEYS if key not in data]
    for key in missing:
        errors.append((key, "champ obligatoire manquant"))
    if missing:
        raise InputError(mactor.format_errors(errors))
    more, problem = mactor.input_errors(
        data["actors"], data["objectives"], data["influences"], data["positions"]
    )
    errors.extend(more)
    if errors or problem is None:
        raise InputError(mactor.format_errors(errors))
    return mactor.as_json(mactor.analyse(problem))
