"""Actors' strategies by MACTOR: balance of power, mobilisation, convergences and divergences.

Method: Michel Godet's MACTOR (« Méthode ACTeurs, Objectifs, Rapports de force »), LIPSOR;
see M. Godet, *Manuel de prospective stratégique*, t. 2 « L'art et la méthode », Dunod,
ch. « Analyser les jeux d'acteurs », and F. Bourse, M. Godet, LIPSOR Cahier n° 5 « La boîte à
outils de prospective stratégique ». The team scores, for n actors and m objectives:

- MID (« matrice des influences directes »), n × n integers 0–4: MID_ij is the direct
  influence of actor i on actor j (0 none, 1 on operating procedures, 2 on projects, 3 on
  missions, 4 on existence); the diagonal is ignored (counted as 0);
- 2MAO (« matrice valuée des positions »), n × m integers −4…+4: the sign says whether
  actor i is for or against objective j, the magnitude how much it matters to it (1 its
  operating procedures, 2 its projects, 3 its missions, 4 its existence); 0 is neutral or
  indifferent.

Definitions (those of `ressort analyse mactor`):

- MIDI (direct and indirect influences): MIDI_ij = MID_ij + Σ_k≠i,j min(MID_ik, MID_kj)
  for i ≠ j (the influence of i on j directly and through one intermediate actor, an
  intermediate transmitting at most the weaker of the two links); MIDI_ii =
  Σ_k≠i min(MID_ik, MID_ki) (what i exerts on itself through others, its retroaction).
- I_i = Σ_j≠i MIDI_ij (influence), D_i = Σ_j≠i MIDI_ji (dependence).
- Balance of power: r_i = (I_i / Σ_k I_k) × (I_i / (I_i + D_i)), 0 when I_i + D_i = 0;
  normalised r*_i = n × r_i / Σ_k r_k, so that the mean is 1 (all 1 when every r_i is 0).
- 3MAO_ij = 2MAO_ij × r*_i (positions weighted by the balance of power). For objective j:
  for_j = Σ_i max(3MAO_ij, 0), against_j = Σ_i max(−3MAO_ij, 0), mobilisation_j =
  Σ_i |3MAO_ij| = for_j + against_j.
- Convergences and divergences between actors i ≠ k: for each objective j on which both
  take a non-zero position, the pair converges when the signs agree and diverges otherwise.
  Order 1 (1CAA, 1DAA) counts such objectives; order 2 (2CAA, 2DAA) adds
  (|2MAO_ij| + |2MAO_kj|) / 2; order 3 (3CAA, 3DAA) adds (|3MAO_ij| + |3MAO_kj|) / 2.
  Diagonals are 0; every matrix is symmetric.
- Ambivalence_i = 1 − Σ_k |3CAA_ik − 3DAA_ik| / Σ_k (3CAA_ik + 3DAA_ik), 0 when the
  denominator is 0: 0 for an actor whose relations with each other actor are all
  convergent or all divergent, towards 1 for one whose alliances and conflicts cancel out.

Computation: the sum of minima is a sum of products of threshold matrices, since for
integers a, b ≥ 0, min(a, b) = Σ_t≥1 [a ≥ t][b ≥ t]; so Σ_k min(MID_ik, MID_kj) =
Σ_t (T_t T_t)_ij with T_t = [MID ≥ t], four integer matrix products for scores 0–4, exact.
Convergences and divergences are likewise four integer products of the sign and magnitude
matrices (see `convergences_divergences`). Everything else is elementwise. Integer products
keep orders 1 and 2 exact and avoid BLAS, whose threads stall on a busy machine.

Faults of the input are reported at once as (field path, French message) pairs
(`InvalidMactor`), the paths being those of the JSON input: `influences[1][2]`,
`positions[0][3]`, `actors[2]` (indices from 0).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ressort.analysis.cli import kind

MAX_INFLUENCE = 4
MAX_POSITION = 4
MAX_REPORTED = 20  # faults listed in a message; the rest are counted

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Labels of the scales, in French, as shown to users.
INFLUENCE_LABELS = {
    0: "aucune influence",
    1: "sur ses modes opératoires",
    2: "sur ses projets",
    3: "sur ses missions",
    4: "sur son existence",
}
POSITION_LABELS = {
    0: "neutre ou indifférent",
    1: "ses modes opératoires",
    2: "ses projets",
    3: "ses missions",
    4: "son existence",
}


class InvalidMactor(ValueError):
    """Every fault of a MACTOR input, as (field path, French message) pairs."""

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = tuple(errors)
        super().__init__(format_errors(self.errors))


def format_errors(errors: Sequence[tuple[str, str]]) -> str:
    """One French message listing the faults (the first `MAX_REPORTED`, then a count)."""
    unique = list(dict.fromkeys(errors))
    head = "1 erreur" if len(unique) == 1 else f"{len(unique)} erreurs"
    lines = [f"  {path} : {message}" for path, message in unique[:MAX_REPORTED]]
    if len(unique) > MAX_REPORTED:
        lines.append(f"  … et {len(unique) - MAX_REPORTED} autres")
    return f"{head} dans les données :\n" + "\n".join(lines)


@dataclass(frozen=True, slots=True, eq=False)
class MactorInput:
    """A validated MACTOR problem: build it with `make_input` (or `mactor` directly)."""

    actors: tuple[str, ...]
    objectives: tuple[str, ...]
    mid: IntArray  # n × n, diagonal set to 0
    mao2: IntArray  # n × m


@dataclass(frozen=True, slots=True, eq=False)
class Orders:
    """Convergence or divergence matrices of orders 1, 2 and 3 (n × n, symmetric, 0 diagonal)."""

    first: FloatArray
    second: FloatArray
    third: FloatArray

    def by_order(self) -> dict[str, FloatArray]:
        return {"1": self.first, "2": self.second, "3": self.third}


@dataclass(frozen=True, slots=True)
class ActorResult:
    name: str
    direct_influence: int  # Σ_j MID_ij
    direct_dependence: int  # Σ_j MID_ji
    influence: int  # I_i
    dependence: int  # D_i
    r: float
    r_star: float
    ambivalence: float


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    name: str
    for_: float
    against: float
    mobilisation: float
    supporters: int  # actors with a positive position
    opponents: int  # actors with a negative position


@dataclass(frozen=True, slots=True, eq=False)
class MactorResult:
    """Every intermediate matrix of the method, and the per-actor and per-objective figures."""

    problem: MactorInput
    midi: IntArray  # n × n
    influence: IntArray  # I, n
    dependence: IntArray  # D, n
    r: FloatArray  # n
    r_star: FloatArray  # n
    mao3: FloatArray  # n × m
    for_: FloatArray  # m
    against: FloatArray  # m
    mobilisation: FloatArray  # m
    convergence: Orders
    divergence: Orders
    ambivalence: FloatArray  # n
    actors: tuple[ActorResult, ...]
    objectives: tuple[ObjectiveResult, ...]


def _is_integral(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value) and value.is_integer()


def _names(values: Any, field: str, errors: list[tuple[str, str]]) -> list[str] | None:
    if not isinstance(values, list | tuple):
        errors.append((field, f"une liste de noms est attendue, pas {kind(values)}"))
        return None
    if not values:
        errors.append((field, "la liste est vide"))
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        path = f"{field}[{index}]"
        if not isinstance(value, str) or not value.strip():
            errors.append((path, f"un nom non vide est attendu, pas {kind(value)}"))
            continue
        key = value.strip().casefold()
        if key in seen:
            errors.append((path, f"nom en double : « {value} » est déjà {field}[{seen[key]}]"))
        else:
            seen[key] = index
        names.append(value)
    return names


def _matrix(
    values: Any,
    field: str,
    rows: int | None,
    columns: int | None,
    low: int,
    high: int,
    what: str,
    errors: list[tuple[str, str]],
    *,
    skip_diagonal: bool = False,
) -> list[list[int]] | None:
    """Check a matrix of integers low…high of the given size; None when any cell is wrong."""
    if not isinstance(values, list | tuple):
        errors.append((field, f"une matrice (liste de lignes) est attendue, pas {kind(values)}"))
        return None
    before = len(errors)
    if rows is not None and len(values) != rows:
        errors.append((field, f"{rows} lignes attendues ({what}), {len(values)} trouvées"))
    matrix: list[list[int]] = []
    for i, row in enumerate(values):
        path = f"{field}[{i}]"
        if not isinstance(row, list | tuple):
            errors.append((path, f"une ligne (liste de nombres) est attendue, pas {kind(row)}"))
            continue
        if columns is not None and len(row) != columns:
            errors.append((path, f"{columns} colonnes attendues, {len(row)} trouvées"))
        if (
            all(type(value) is int for value in row)
            and (not row or low <= min(row) <= max(row) <= high)
            and (columns is None or len(row) == columns)
        ):
            matrix.append(list(row))  # the common case, checked in bulk
            continue
        cells: list[int] = []
        for j, value in enumerate(row):
            cell = f"{path}[{j}]"
            if skip_diagonal and i == j and (value is None or _is_integral(value)):
                cells.append(0)  # the diagonal is ignored: any integer or null is accepted
                continue
            if not _is_integral(value):
                errors.append((cell, f"un entier de {low} à {high} est attendu, pas {kind(value)}"))
                cells.append(0)
                continue
            number = int(value)
            if not low <= number <= high:
                errors.append((cell, f"{number} est hors de l'échelle {low} à {high}"))
            cells.append(number)
        matrix.append(cells)
    return None if len(errors) > before else matrix


def input_errors(
    actors: Any, objectives: Any, influences: Any, positions: Any
) -> tuple[list[tuple[str, str]], MactorInput | None]:
    """Check raw values (as read from JSON); return the faults and, when none, the problem."""
    errors: list[tuple[str, str]] = []
    actor_names = _names(actors, "actors", errors)
    objective_names = _names(objectives, "objectives", errors)
    n = len(actors) if isinstance(actors, list | tuple) else None
    m = len(objectives) if isinstance(objectives, list | tuple) else None
    mid = _matrix(
        influences,
        "influences",
        n,
        n,
        0,
        MAX_INFLUENCE,
        "une par acteur",
        errors,
        skip_diagonal=True,
    )
    mao = _matrix(
        positions, "positions", n, m, -MAX_POSITION, MAX_POSITION, "une par acteur", errors
    )
    if errors or actor_names is None or objective_names is None or mid is None or mao is None:
        return errors, None
    mid_array = np.array(mid, dtype=np.int64).reshape(len(actor_names), len(actor_names))
    np.fill_diagonal(mid_array, 0)
    mao_array = np.array(mao, dtype=np.int64).reshape(len(actor_names), len(objective_names))
    return [], MactorInput(tuple(actor_names), tuple(objective_names), mid_array, mao_array)


def make_input(actors: Any, objectives: Any, influences: Any, positions: Any) -> MactorInput:
    """A validated problem, or InvalidMactor listing every fault."""
    errors, problem = input_errors(actors, objectives, influences, positions)
    if problem is None:
        raise InvalidMactor(errors)
    return problem


def indirect_influences(mid: IntArray) -> IntArray:
    """MIDI from MID (diagonal of MID taken as 0), exactly, by threshold matrix products."""
    direct = np.array(mid, dtype=np.int64, copy=True)
    np.fill_diagonal(direct, 0)
    through = np.zeros_like(direct)
    top = int(direct.max()) if direct.size else 0
    for t in range(1, top + 1):
        threshold = (direct >= t).astype(np.int64)
        through += threshold @ threshold
    # With a zero diagonal the terms k = i and k = j are min(0, ·) = 0, so the full sums
    # over k are the sums over k ≠ i, j; on the diagonal, MID_ii = 0 leaves the retroaction.
    return direct + through


def balance_of_power(midi: IntArray) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """(I, D, r, r*) from MIDI."""
    n = len(midi)
    diagonal = np.diag(midi)
    influence = midi.sum(axis=1) - diagonal
    dependence = midi.sum(axis=0) - diagonal
    total = int(influence.sum())
    both = influence + dependence
    r = np.zeros(n, dtype=np.float64)
    if total > 0:
        active = both > 0
        r[active] = (influence[active] / total) * (influence[active] / both[active])
    r_total = float(r.sum())
    r_star = n * r / r_total if r_total > 0 else np.ones(n, dtype=np.float64)
    return influence, dependence, r, r_star


def convergences_divergences(mao2: IntArray, r_star: FloatArray) -> tuple[Orders, Orders]:
    """Convergence and divergence matrices of orders 1–3 (see the module docstring).

    With N = [2MAO ≠ 0], S = sign(2MAO) and A = |2MAO|, for a pair (i, k) and an objective j
    where both are non-zero, S_ij S_kj is +1 when they converge and −1 when they diverge.
    So with the integer products B = N Nᵀ, G = S Sᵀ, X = A Nᵀ and Y = 2MAO Sᵀ:
    order 1 is (B ± G) / 2; order 2 is (W ± V) / 2 with W = (X + Xᵀ) / 2 and
    V = (Y + Yᵀ) / 2; order 3 is the same with X and Y rows scaled by r* (since
    |3MAO_ij| = r*_i |2MAO_ij|). + gives convergences, − divergences.
    """
    nonzero = (mao2 != 0).astype(np.int64)
    sign = np.sign(mao2).astype(np.int64)
    both = nonzero @ nonzero.T
    agree = sign @ sign.T
    x = (np.abs(mao2) @ nonzero.T).astype(np.float64)
    y = (mao2 @ sign.T).astype(np.float64)
    w2, v2 = (x + x.T) / 2, (y + y.T) / 2
    x3, y3 = r_star[:, None] * x, r_star[:, None] * y
    w3, v3 = (x3 + x3.T) / 2, (y3 + y3.T) / 2
    c1, d1 = ((both + agree) // 2).astype(np.float64), ((both - agree) // 2).astype(np.float64)
    c2, d2 = (w2 + v2) / 2, (w2 - v2) / 2
    c3, d3 = (w3 + v3) / 2, (w3 - v3) / 2
    for matrix in (c1, d1, c2, d2, c3, d3):
        np.fill_diagonal(matrix, 0.0)
    return Orders(c1, c2, c3), Orders(d1, d2, d3)


def ambivalence(convergence3: FloatArray, divergence3: FloatArray) -> FloatArray:
    """1 − Σ_k |3CAA_ik − 3DAA_ik| / Σ_k (3CAA_ik + 3DAA_ik), 0 when the denominator is 0."""
    gap = np.abs(convergence3 - divergence3).sum(axis=1)
    total = (convergence3 + divergence3).sum(axis=1)
    result = np.zeros(len(total), dtype=np.float64)
    positive = total > 0
    result[positive] = 1.0 - gap[positive] / total[positive]
    return result


def analyse(problem: MactorInput) -> MactorResult:
    """Run MACTOR on a validated problem."""
    midi = indirect_influences(problem.mid)
    influence, dependence, r, r_star = balance_of_power(midi)
    mao3 = problem.mao2.astype(np.float64) * r_star[:, None]
    for_ = np.maximum(mao3, 0.0).sum(axis=0)
    against = np.maximum(-mao3, 0.0).sum(axis=0)
    mobilisation = np.abs(mao3).sum(axis=0)
    convergence, divergence = convergences_divergences(problem.mao2, r_star)
    ambivalent = ambivalence(convergence.third, divergence.third)
    direct_influence = problem.mid.sum(axis=1)
    direct_dependence = problem.mid.sum(axis=0)
    actors = tuple(
        ActorResult(
            name=name,
            direct_influence=int(direct_influence[i]),
            direct_dependence=int(direct_dependence[i]),
            influence=int(influence[i]),
            dependence=int(dependence[i]),
            r=float(r[i]),
            r_star=float(r_star[i]),
            ambivalence=float(ambivalent[i]),
        )
        for i, name in enumerate(problem.actors)
    )
    supporters = (problem.mao2 > 0).sum(axis=0)
    opponents = (problem.mao2 < 0).sum(axis=0)
    objectives = tuple(
        ObjectiveResult(
            name=name,
            for_=float(for_[j]),
            against=float(against[j]),
            mobilisation=float(mobilisation[j]),
            supporters=int(supporters[j]),
            opponents=int(opponents[j]),
        )
        for j, name in enumerate(problem.objectives)
    )
    return MactorResult(
        problem=problem,
        midi=midi,
        influence=influence,
        dependence=dependence,
        r=r,
        r_star=r_star,
        mao3=mao3,
        for_=for_,
        against=against,
        mobilisation=mobilisation,
        convergence=convergence,
        divergence=divergence,
        ambivalence=ambivalent,
        actors=actors,
        objectives=objectives,
    )


def mactor(actors: Any, objectives: Any, influences: Any, positions: Any) -> MactorResult:
    """Validate then analyse; InvalidMactor lists every fault of the input."""
    return analyse(make_input(actors, objectives, influences, positions))


def as_json(result: MactorResult) -> dict[str, object]:
    """The document printed by `ressort analyse mactor` (actors and objectives in input order)."""

    def matrix(values: npt.NDArray[Any]) -> list[list[float]] | list[list[int]]:
        return values.tolist()  # type: ignore[no-any-return]

    def orders(o: Orders) -> dict[str, object]:
        first = o.first.astype(np.int64)
        return {"1": matrix(first), "2": matrix(o.second), "3": matrix(o.third)}

    return {
        "actors": [
            {
                "name": a.name,
                "influence": a.influence,
                "dependence": a.dependence,
                "r": a.r,
                "r_star": a.r_star,
                "ambivalence": a.ambivalence,
            }
            for a in result.actors
        ],
        "objectives": [
            {"name": o.name, "for": o.for_, "against": o.against, "mobilisation": o.mobilisation}
            for o in result.objectives
        ],
        "midi": matrix(result.midi),
        "convergence": orders(result.convergence),
        "divergence": orders(result.divergence),
    }
