"""`ressort analyse micmac FILE.csv [--potentiel] [--puissance N]`: MICMAC as JSON.

The file format and the method are described in `ressort.analysis.micmac`. `--puissance N`
fixes the power of the indirect values instead of stopping when the rankings are stable.
The output's `orderings` gives, for each power computed (1 is the direct matrix), the
variables by decreasing influence and by decreasing dependence (ties in input order).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ressort.analysis.cli import InputError
from ressort.analysis.micmac import (
    MAX_FIXED_POWER,
    MatrixFileError,
    MicmacResult,
    micmac,
    read_matrix_csv,
)

DECIMALS = 4


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        metavar="FICHIER.csv",
        help="matrice des influences directes (CSV UTF-8 : 0, 1, 2, 3, P ou vide)",
    )
    parser.add_argument(
        "--potentiel",
        action="store_true",
        help="compter les influences potentielles (P) comme fortes (3) au lieu de 0",
    )
    parser.add_argument(
        "--puissance",
        type=int,
        metavar="N",
        help=f"calculer les valeurs indirectes à la puissance N (1 à {MAX_FIXED_POWER}) au "
        "lieu de s'arrêter quand les classements sont stables",
    )


def run(args: argparse.Namespace) -> dict[str, object]:
    path: Path = args.file
    power = getattr(args, "puissance", None)
    if power is not None and not 1 <= power <= MAX_FIXED_POWER:
        raise InputError(f"--puissance : un entier de 1 à {MAX_FIXED_POWER} est attendu ({power})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"fichier introuvable : « {path} ».") from None
    except OSError:
        raise InputError(f"impossible de lire le fichier « {path} ».") from None
    try:
        matrix = read_matrix_csv(data)
    except MatrixFileError as error:
        raise InputError(str(error)) from None
    result = micmac(matrix.matrix(potential=args.potentiel), matrix.names, power=power)
    return as_json(result, potential=args.potentiel, potential_cells=int(matrix.potential.sum()))


def as_json(result: MicmacResult, *, potential: bool, potential_cells: int) -> dict[str, object]:
    """The JSON document printed by the command (indirect values rounded to 4 decimals)."""
    n = len(result.variables)
    names = [v.name for v in result.variables]
    return {
        "power": result.power,
        "stop": result.stop.value,
        "acyclic": result.acyclic,
        "note": result.note,
        "potential": potential,
        "potential_cells": potential_cells,
        "total": result.total,
        "mean": round(result.total / n, DECIMALS) if n else 0.0,
        "variables": [
            {
                "name": v.name,
                "direct_influence": v.direct_influence,
                "direct_dependence": v.direct_dependence,
                "indirect_influence": round(v.indirect_influence, DECIMALS),
                "indirect_dependence": round(v.indirect_dependence, DECIMALS),
                "direct_influence_rank": v.direct_influence_rank,
                "direct_dependence_rank": v.direct_dependence_rank,
                "indirect_influence_rank": v.indirect_influence_rank,
                "indirect_dependence_rank": v.indirect_dependence_rank,
                "influence_rank_shift": v.influence_rank_shift,
                "dependence_rank_shift": v.dependence_rank_shift,
                "direct_zone": v.direct_zone.value if v.direct_zone else None,
                "indirect_zone": v.indirect_zone.value if v.indirect_zone else None,
            }
            for v in result.variables
        ],
        "orderings": [
            {
                "power": p,
                "influence": [names[i] for i in influence],
                "dependence": [names[i] for i in dependence],
            }
            for p, (influence, dependence) in enumerate(
                zip(result.influence_orders, result.dependence_orders, strict=True), start=1
            )
        ],
    }
