"""Multi-criteria ranking of alternatives: weighted sum, TOPSIS, PROMETHEE II, ELECTRE I.

A decision problem is built once by `make_problem`, which validates it and reports every
fault at once (`InvalidProblem`, French messages keyed by the path of the field in the JSON
format of `ressort analyse mcda`). Each method is a pure function of the problem and returns
a frozen result that keeps its intermediate values (normalised matrix, distances, flows…)
so that a user interface can explain a score. `rank(problem, method)` dispatches by the
method names of the command line.

Conventions shared by every method:

- weights are normalised to sum to 1 (negative weights are refused);
- a criterion's direction is "max" (more is better) or "min" (less is better);
- scores are "higher is better"; ranks use standard competition ranking (1, 2, 2, 4):
  scores closer than `SCORE_TOLERANCE` (1e-12, absolute; every score here lies in [-1, 1])
  to the first score of their group share its rank, so that rounding noise never splits a
  tie.

Sources: Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer (weighted sum,
TOPSIS, and the fighter-aircraft example of the tests); Brans & Vincke (1985), "A preference
ranking organisation method", *Management Science* 31(6) 647–656 (PROMETHEE II); Roy
(1968), "Classement et choix en présence de points de vue multiples (la méthode ELECTRE)",
*RIRO* 2(8) 57–75, and Figueira, Mousseau & Roy (2005), "ELECTRE methods", in *Multiple
Criteria Decision Analysis: State of the Art Surveys*, Springer (ELECTRE I).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

import networkx as nx
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

SCORE_TOLERANCE = 1e-12
DIRECTIONS = ("max", "min")
PREFERENCE_FUNCTIONS = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")
# The thresholds each preference function reads (the others are ignored).
PREFERENCE_PARAMETERS: Mapping[str, tuple[str, ...]] = {
    "usual": (),
    "u-shape": ("q",),
    "v-shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}
# Normalisations of the command line, default first.
NORMALISATIONS: Mapping[str, tuple[str, ...]] = {
    "somme-ponderee": ("min-max", "max", "aucune"),
    "topsis": ("vecteur", "min-max"),
}
Direction = Literal["max", "min"]
FunctionName = Literal["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]


# --- The problem ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preference:
    """PROMETHEE preference function of a criterion, applied to an oriented difference d,
    after Brans & Vincke (1985), types I to VI (P(d) = 0 whenever d ≤ 0):

    - "usual" (I): 1 if d > 0;
    - "u-shape" (II, quasi-criterion): 1 if d > q, else 0; needs q ≥ 0;
    - "v-shape" (III, linear preference): d / p if d ≤ p, 1 beyond; needs p > 0;
    - "level" (IV): 0 if d ≤ q, ½ if q < d ≤ p, 1 if d > p; needs 0 ≤ q < p;
    - "linear" (V, linear with indifference area): 0 if d ≤ q, (d − q)/(p − q) if
      q < d ≤ p, 1 beyond; needs 0 ≤ q < p;
    - "gaussian" (VI): 1 − exp(−d² / 2s²); needs s > 0.

    Thresholds a function does not read are ignored.
    """

    function: FunctionName = "usual"
    q: float = 0.0
    p: float = 0.0
    s: float = 0.0


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    weight: float
    direction: Direction = "max"
    preference: Preference = field(default_factory=Preference)


@dataclass(frozen=True, slots=True, eq=False)
class Problem:
    """A validated decision problem: build it with `make_problem`.

    `values[i, j]` is alternative i's value on criterion j; `weights` are the criteria's
    weights normalised to sum to 1; `oriented` is `values` with "min" columns negated, so
    that more is always better.
    """

    criteria: tuple[Criterion, ...]
    alternatives: tuple[str, ...]
    values: FloatArray
    weights: FloatArray
    oriented: FloatArray

    @property
    def criterion_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.criteria)


class InvalidProblem(ValueError):
    """Every fault of a problem, as (field path, French message) pairs.

    Paths follow the JSON input of `ressort analyse mcda`, indices from 0:
    `criteria[1].preference.p`, `alternatives[2].values.coût`.
    """

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(f"{path} : {message}" for path, message in self.errors))


def criterion_errors(criterion: Criterion) -> list[tuple[str, str]]:
    """The faults of one criterion, as (path relative to the criterion, French message)."""
    errors: list[tuple[str, str]] = []
    if not isinstance(criterion.name, str) or not criterion.name.strip():
        errors.append(("name", "le nom du critère doit être un texte non vide"))
    if not _is_finite_number(criterion.weight):
        errors.append(("weight", "le poids doit être un nombre fini"))
    elif criterion.weight < 0:
        errors.append(("weight", f"le poids ne peut pas être négatif ({criterion.weight})"))
    if criterion.direction not in DIRECTIONS:
        errors.append(
            (
                "direction",
                f"sens inconnu « {criterion.direction} » : valeurs permises « max » "
                "(plus c'est mieux) ou « min » (moins c'est mieux)",
            )
        )
    errors.extend(preference_errors(criterion.preference))
    return errors


def preference_errors(preference: Preference) -> list[tuple[str, str]]:
    """The faults of a preference function, as (path relative to the criterion, message)."""
    function = preference.function
    if function not in PREFERENCE_FUNCTIONS:
        allowed = ", ".join(f"« {f} »" for f in PREFERENCE_FUNCTIONS)
        return [
            (
                "preference.function",
                f"fonction de préférence inconnue « {function} » : valeurs permises {allowed}",
            )
        ]
    errors: list[tuple[str, str]] = []
    needed = PREFERENCE_PARAMETERS[function]
    finite = {}
    for name in needed:
        value = getattr(preference, name)
        finite[name] = _is_finite_number(value)
        if not finite[name]:
            errors.append((f"preference.{name}", f"le seuil {name} doit être un nombre fini"))
    q, p, s = preference.q, preference.p, preference.s
    if "q" in needed and finite["q"] and q < 0:
        errors.append(("preference.q", f"le seuil d'indifférence q doit être ≥ 0 ({q})"))
    if function == "v-shape" and finite["p"] and p <= 0:
        errors.append(
            ("preference.p", f"le seuil de préférence p doit être strictement positif ({p})")
        )
    if function in ("level", "linear") and finite["q"] and finite["p"] and p <= q:
        errors.append(
            (
                "preference.p",
                f"le seuil de préférence p ({p}) doit être strictement supérieur "
                f"au seuil d'indifférence q ({q})",
            )
        )
    if function == "gaussian" and finite["s"] and s <= 0:
        errors.append(
            ("preference.s", f"le paramètre s de la gaussienne doit être strictement positif ({s})")
        )
    return errors


def criteria_errors(criteria: Sequence[Criterion]) -> list[tuple[str, str]]:
    """The faults of a list of criteria: each one's, repeated names, a total weight ≤ 0."""
    errors: list[tuple[str, str]] = []
    if not criteria:
        errors.append(("criteria", "il faut au moins un critère"))
    seen: dict[str, int] = {}
    for i, criterion in enumerate(criteria):
        errors.extend((f"criteria[{i}].{path}", msg) for path, msg in criterion_errors(criterion))
        if criterion.name in seen:
            errors.append(
                (
                    f"criteria[{i}].name",
                    f"critère « {criterion.name} » déjà défini en criteria[{seen[criterion.name]}]",
                )
            )
        seen.setdefault(criterion.name, i)
    weights = [c.weight for c in criteria]
    if criteria and all(_is_finite_number(w) and w >= 0 for w in weights) and sum(weights) <= 0:
        errors.append(("criteria", "la somme des poids doit être strictement positive"))
    return errors


def make_problem(
    criteria: Sequence[Criterion],
    alternatives: Sequence[str],
    values: npt.ArrayLike,
) -> Problem:
    """Validate and build a problem; raise `InvalidProblem` listing every fault.

    `values` has one row per alternative and one column per criterion, in order.
    """
    errors = criteria_errors(criteria)
    if not alternatives:
        errors.append(("alternatives", "il faut au moins une alternative"))
    seen: dict[str, int] = {}
    for i, name in enumerate(alternatives):
        if not isinstance(name, str) or not name.strip():
            errors.append((f"alternatives[{i}].name", "le nom doit être un texte non vide"))
        elif name in seen:
            errors.append(
                (
                    f"alternatives[{i}].name",
                    f"alternative « {name} » déjà définie en alternatives[{seen[name]}]",
                )
            )
        seen.setdefault(name, i)
    try:
        matrix = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        errors.append(("alternatives", "les valeurs doivent être des nombres"))
        matrix = np.zeros((len(alternatives), len(criteria)))
    if matrix.shape != (len(alternatives), len(criteria)):
        errors.append(
            (
                "alternatives",
                f"{len(alternatives)} × {len(criteria)} valeurs attendues (une par alternative "
                f"et par critère), reçu un tableau de forme {matrix.shape}",
            )
        )
    else:
        for i, j in zip(*np.nonzero(~np.isfinite(matrix)), strict=True):
            errors.append(
                (
                    f"alternatives[{i}].values.{criteria[j].name}",
                    "la valeur doit être un nombre fini",
                )
            )
    if errors:
        raise InvalidProblem(errors)
    raw = np.array([c.weight for c in criteria], dtype=np.float64)
    signs = np.array([1.0 if c.direction == "max" else -1.0 for c in criteria])
    matrix.setflags(write=False)
    return Problem(
        criteria=tuple(criteria),
        alternatives=tuple(alternatives),
        values=matrix,
        weights=_frozen(raw / raw.sum()),
        oriented=_frozen(matrix * signs),
    )


def _is_finite_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def _frozen(a: FloatArray) -> FloatArray:
    a.setflags(write=False)
    return a


# --- Ranking ----------------------------------------------------------------------------


def competition_ranks(scores: npt.ArrayLike, tolerance: float = SCORE_TOLERANCE) -> IntArray:
    """Ranks of `scores` (higher is better) in standard competition order: 1, 2, 2, 4.

    A score within `tolerance` of the first (highest) score of the current group joins the
    group, so ties are never split by rounding noise and groups never chain.
    """
    s = np.asarray(scores, dtype=np.float64)
    order = np.argsort(-s, kind="stable")
    ranks = np.empty(len(s), dtype=np.int64)
    leader = math.inf
    rank = 0
    for position, index in enumerate(order):
        if leader - s[index] > tolerance:
            leader = float(s[index])
            rank = position + 1
        ranks[index] = rank
    return ranks


class MethodResult(Protocol):
    @property
    def alternatives(self) -> tuple[str, ...]: ...
    @property
    def scores(self) -> FloatArray: ...
    @property
    def ranks(self) -> IntArray: ...


@dataclass(frozen=True, slots=True)
class RankedAlternative:
    alternative: str
    score: float
    rank: int


def ranking(result: MethodResult) -> list[RankedAlternative]:
    """The alternatives best first (ties in input order), with score and rank."""
    order = sorted(range(len(result.alternatives)), key=lambda i: (result.ranks[i], i))
    return [
        RankedAlternative(result.alternatives[i], float(result.scores[i]), int(result.ranks[i]))
        for i in order
    ]


# --- Weighted sum -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class WeightedSumResult:
    """`normalised[i, j]` (in [0, 1], 1 the best value, unless the normalisation is
    "aucune"); `contributions = weights × normalised` and each score is the row sum of its
    contributions."""

    alternatives: tuple[str, ...]
    weights: FloatArray
    normalised: FloatArray
    contributions: FloatArray
    scores: FloatArray
    ranks: IntArray


def _min_max(g: FloatArray) -> FloatArray:
    """(g − min) / (max − min) per column of oriented values (more is better): 1 for the
    best value, 0 for the worst; a constant column gives 0 to everyone."""
    low, span = g.min(axis=0), np.ptp(g, axis=0)
    result: FloatArray = np.divide(g - low, span, out=np.zeros_like(g), where=span > 0)
    return result


def _max_ratio(problem: Problem) -> FloatArray:
    """Hwang & Yoon's linear scale transformation: x / max for "max", min / x for "min".

    Meaningful on ratio scales only: "max" criteria need values ≥ 0 and a positive
    maximum, "min" criteria values > 0; InvalidProblem names every value in the way.
    """
    x = problem.values
    errors: list[tuple[str, str]] = []
    for j, criterion in enumerate(problem.criteria):
        column = x[:, j]
        if criterion.direction == "max":
            bad = np.flatnonzero(column < 0)
            message = "la normalisation « max » demande des valeurs ≥ 0 pour un critère « max »"
            if not bad.size and column.max() <= 0:
                bad = np.arange(len(column))
                message = (
                    "la normalisation « max » demande au moins une valeur > 0 pour un "
                    "critère « max »"
                )
        else:
            bad = np.flatnonzero(column <= 0)
            message = "la normalisation « max » demande des valeurs > 0 pour un critère « min »"
        errors.extend(
            (f"alternatives[{i}].values.{criterion.name}", f"{message} ({column[i]:g})")
            for i in bad
        )
    if errors:
        raise InvalidProblem(errors)
    is_max = np.array([c.direction == "max" for c in problem.criteria])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios: FloatArray = np.where(is_max, x / x.max(axis=0), x.min(axis=0) / x)
    return ratios


def weighted_sum(problem: Problem, normalisation: str = "min-max") -> WeightedSumResult:
    """Weighted sum of normalised values (Hwang & Yoon 1981, SAW): score = Σ_j w_j r_ij.

    `normalisation`:
    - "min-max" (default): r_ij = (x_ij − min_j) / (max_j − min_j) for "max",
      (max_j − x_ij) / (max_j − min_j) for "min"; a constant criterion gives r = 0;
    - "max": r_ij = x_ij / max_j for "max", min_j / x_ij for "min" (ratio scales only,
      see `_max_ratio`);
    - "aucune": the values as given, a "min" criterion entering with a minus sign.
    """
    if normalisation == "min-max":
        normalised = _min_max(problem.oriented)
    elif normalisation == "max":
        normalised = _max_ratio(problem)
    elif normalisation == "aucune":
        normalised = problem.oriented.copy()
    else:
        allowed = ", ".join(NORMALISATIONS["somme-ponderee"])
        raise ValueError(f"unknown normalisation {normalisation!r}; allowed: {allowed}")
    contributions = normalised * problem.weights
    scores = contributions.sum(axis=1)
    return WeightedSumResult(
        problem.alternatives,
        problem.weights,
        _frozen(normalised),
        _frozen(contributions),
        _frozen(scores),
        competition_ranks(scores),
    )


# --- TOPSIS -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class TopsisResult:
    """Intermediate values of TOPSIS; `scores` is the closeness to the ideal, in [0, 1]."""

    alternatives: tuple[str, ...]
    weights: FloatArray
    normalised: FloatArray
    weighted: FloatArray
    ideal: FloatArray
    anti_ideal: FloatArray
    distance_to_ideal: FloatArray
    distance_to_anti_ideal: FloatArray
    scores: FloatArray
    ranks: IntArray


def topsis(problem: Problem, normalisation: str = "vecteur") -> TopsisResult:
    """TOPSIS (Hwang & Yoon 1981, ch. 3).

    `normalisation` "vecteur" (default): r_ij = x_ij / √(Σ_i x_ij²) (an all-zero column
    stays 0); the ideal takes each weighted column's best value by direction (max for
    "max", min for "min"), the anti-ideal its worst. "min-max": r_ij = (x_ij − min_j) /
    (max_j − min_j) for "max", (max_j − x_ij) / (max_j − min_j) for "min" (a constant
    criterion gives 0), so that every column is "more is better": the ideal is each weighted
    column's maximum, the anti-ideal its minimum. Then v_ij = w_j r_ij; D⁺ and D⁻ are the
    Euclidean distances to the ideal and anti-ideal; score C = D⁻ / (D⁺ + D⁻). When
    D⁺ + D⁻ = 0 (every alternative equal on every weighted criterion) C = 0.5 for all.
    """
    if normalisation == "vecteur":
        x = problem.values
        norms = np.sqrt((x * x).sum(axis=0))
        normalised = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
        is_max = np.array([c.direction == "max" for c in problem.criteria])
    elif normalisation == "min-max":
        normalised = _min_max(problem.oriented)
        is_max = np.ones(len(problem.criteria), dtype=bool)
    else:
        allowed = ", ".join(NORMALISATIONS["topsis"])
        raise ValueError(f"unknown normalisation {normalisation!r}; allowed: {allowed}")
    weighted = normalised * problem.weights
    ideal = np.where(is_max, weighted.max(axis=0), weighted.min(axis=0))
    anti_ideal = np.where(is_max, weighted.min(axis=0), weighted.max(axis=0))
    d_plus = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((weighted - anti_ideal) ** 2).sum(axis=1))
    total = d_plus + d_minus
    scores = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return TopsisResult(
        problem.alternatives,
        problem.weights,
        _frozen(normalised),
        _frozen(weighted),
        _frozen(ideal),
        _frozen(anti_ideal),
        _frozen(d_plus),
        _frozen(d_minus),
        _frozen(scores),
        competition_ranks(scores),
    )


# --- PROMETHEE II -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class PrometheeResult:
    """PROMETHEE II flows.

    `preference[a, b]` = π(a, b) = Σ_j w_j P_j(d_j(a, b)); `positive_flow` φ⁺ and
    `negative_flow` φ⁻ are its row and column sums over n − 1; `scores` is the net flow
    φ = φ⁺ − φ⁻ ∈ [−1, 1]. `criterion_flows[a, j]` is the net flow of criterion j alone,
    so that φ(a) = Σ_j w_j criterion_flows[a, j]: it shows which criteria carry a score.
    """

    alternatives: tuple[str, ...]
    weights: FloatArray
    preference: FloatArray
    positive_flow: FloatArray
    negative_flow: FloatArray
    criterion_flows: FloatArray
    scores: FloatArray
    ranks: IntArray


def preference_degree(d: FloatArray, preference: Preference) -> FloatArray:
    """P(d) for an array of oriented differences (see `Preference`)."""
    function, q, p = preference.function, preference.q, preference.p
    if function == "usual":
        return (d > 0).astype(np.float64)
    if function == "u-shape":
        return (d > q).astype(np.float64)
    if function == "v-shape":
        return np.clip(d / p, 0.0, 1.0)
    if function == "level":
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if function == "linear":
        return np.clip((d - q) / (p - q), 0.0, 1.0)
    if function == "gaussian":
        positive = np.maximum(d, 0.0)
        return -np.expm1(-(positive * positive) / (2.0 * preference.s * preference.s))
    raise ValueError(f"unknown preference function {function!r}")


def promethee_ii(problem: Problem) -> PrometheeResult:
    """PROMETHEE II net flows (Brans & Vincke 1985).

    For each criterion, d(a, b) = g(a) − g(b) oriented by direction (x_b − x_a for "min");
    π(a, b) = Σ_j w_j P_j(d_j(a, b)); φ⁺(a) = Σ_b π(a, b) / (n − 1),
    φ⁻(a) = Σ_b π(b, a) / (n − 1), score φ = φ⁺ − φ⁻. With a single alternative every flow
    is 0. Memory: one n × n matrix per criterion at a time (8 MB for n = 1,000), added into π.
    """
    g = problem.oriented
    n, k = g.shape
    scale = 1.0 / (n - 1) if n > 1 else 0.0
    pi = np.zeros((n, n))
    criterion_flows = np.empty((n, k))
    for j, criterion in enumerate(problem.criteria):
        column = g[:, j]
        degrees = preference_degree(column[:, None] - column[None, :], criterion.preference)
        criterion_flows[:, j] = (degrees.sum(axis=1) - degrees.sum(axis=0)) * scale
        degrees *= problem.weights[j]
        pi += degrees
    positive = pi.sum(axis=1) * scale
    negative = pi.sum(axis=0) * scale
    scores = positive - negative
    return PrometheeResult(
        problem.alternatives,
        problem.weights,
        _frozen(pi),
        _frozen(positive),
        _frozen(negative),
        _frozen(criterion_flows),
        _frozen(scores),
        competition_ranks(scores),
    )


# --- ELECTRE I --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class ElectreResult:
    """ELECTRE I outranking.

    `concordance[a, b]` is the weight of the criteria on which a is at least as good as b;
    `discordance[a, b]` the largest shortfall of a behind b, as a share of the shortfall
    criterion's range; `outranks[a, b]` holds when concordance ≥ the concordance threshold
    and discordance ≤ the discordance threshold (never on the diagonal). `kernel` is the
    kernel of the outranking graph (see `electre_i`); `not_outranked` the alternatives that
    no other outranks; `cycles` the groups of alternatives that outrank each other in a
    circle, which ELECTRE I treats as indifferent.
    """

    alternatives: tuple[str, ...]
    weights: FloatArray
    concordance: FloatArray
    discordance: FloatArray
    concordance_threshold: float
    discordance_threshold: float
    outranks: BoolArray
    kernel: tuple[str, ...]
    not_outranked: tuple[str, ...]
    cycles: tuple[tuple[str, ...], ...]


def electre_i(
    problem: Problem,
    concordance_threshold: float = 0.65,
    discordance_threshold: float = 0.35,
) -> ElectreResult:
    """ELECTRE I (Roy 1968; Figueira, Mousseau & Roy 2005).

    C(a, b) = Σ_{j : g_j(a) ≥ g_j(b)} w_j (ties count for both, as in Hwang & Yoon 1981);
    D(a, b) = max_{j : g_j(b) > g_j(a)} (g_j(b) − g_j(a)) / (max_j − min_j), 0 when a is
    nowhere worse: each shortfall is measured against its own criterion's range, so values
    in euros and in grades need no common scale (Roy's original divides by the largest
    range on a common scale). C(a, a) = 1 and D(a, a) = 0 but a never outranks itself.
    a outranks b when C(a, b) ≥ ĉ and D(a, b) ≤ d̂ (defaults 0.65 and 0.35, common in the
    literature). The kernel is the set K such that no member of K outranks another and every
    alternative outside K is outranked by a member of K. It exists and is unique in an
    acyclic graph; as Roy does, each circuit is first reduced to one node (its members are
    deemed indifferent and enter or leave the kernel together).
    """
    for name, value in (
        ("concordance", concordance_threshold),
        ("discordance", discordance_threshold),
    ):
        if not (_is_finite_number(value) and 0 <= value <= 1):
            raise ValueError(f"{name} threshold must be a number in [0, 1], not {value!r}")
    g = problem.oriented
    n = len(g)
    concordance = np.zeros((n, n))
    discordance = np.zeros((n, n))
    for j, span in enumerate(np.ptp(g, axis=0)):  # one n × n matrix per criterion at a time
        diff = g[:, j, None] - g[None, :, j]  # diff[a, b] = g_j(a) − g_j(b)
        concordance += problem.weights[j] * (diff >= 0)
        if span > 0:
            np.maximum(discordance, -diff / span, out=discordance)
    outranks = (concordance >= concordance_threshold - SCORE_TOLERANCE) & (
        discordance <= discordance_threshold + SCORE_TOLERANCE
    )
    np.fill_diagonal(outranks, False)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(zip(*np.nonzero(outranks), strict=True))
    condensed = nx.condensation(graph)
    kernel_nodes = _dag_kernel(condensed)
    members = condensed.graph["mapping"]
    names = problem.alternatives
    kernel = tuple(names[i] for i in range(n) if members[i] in kernel_nodes)
    cycles = tuple(
        tuple(names[i] for i in sorted(condensed.nodes[c]["members"]))
        for c in condensed.nodes
        if len(condensed.nodes[c]["members"]) > 1
    )
    return ElectreResult(
        names,
        problem.weights,
        _frozen(concordance),
        _frozen(discordance),
        float(concordance_threshold),
        float(discordance_threshold),
        outranks,
        kernel,
        tuple(names[i] for i in range(n) if not outranks[:, i].any()),
        tuple(sorted(cycles, key=lambda group: names.index(group[0]))),
    )


def _dag_kernel(graph: nx.DiGraph) -> set[int]:
    """Kernel of a directed acyclic graph: take the nodes no remaining node points to,
    drop them and everything they point to, repeat."""
    kernel: set[int] = set()
    remaining = set(graph.nodes)
    while remaining:
        sources = {v for v in remaining if not any(u in remaining for u in graph.predecessors(v))}
        kernel |= sources
        remaining -= sources
        remaining -= {w for v in sources for w in graph.successors(v)}
    return kernel


# --- Entry point and sensitivity --------------------------------------------------------

METHODS: Mapping[str, Callable[[Problem], MethodResult]] = {
    "somme-ponderee": weighted_sum,
    "topsis": topsis,
    "promethee2": promethee_ii,
}


def rank(problem: Problem, method: str, normalisation: str | None = None) -> MethodResult:
    """Rank by a method named as on the command line: somme-ponderee, topsis, promethee2;
    `normalisation` (one of NORMALISATIONS[method], its first by default) for the first two.
    """
    if method == "somme-ponderee":
        return weighted_sum(problem, normalisation or "min-max")
    if method == "topsis":
        return topsis(problem, normalisation or "vecteur")
    if method not in METHODS:
        allowed = ", ".join(METHODS)
        raise ValueError(f"unknown method {method!r}; allowed: {allowed}")
    if normalisation is not None:
        raise ValueError(f"the method {method!r} takes no normalisation")
    return METHODS[method](problem)


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """Several methods' ranks side by side: `ranks[m, i]` is alternative i's rank by
    `methods[m]`; `results` keeps each method's full result, to explain a difference."""

    alternatives: tuple[str, ...]
    methods: tuple[str, ...]
    ranks: IntArray
    results: tuple[MethodResult, ...]

    @property
    def disagreements(self) -> tuple[str, ...]:
        """The alternatives that the methods do not rank alike."""
        differ = (self.ranks != self.ranks[0]).any(axis=0)
        return tuple(name for name, d in zip(self.alternatives, differ, strict=True) if d)


def compare(problem: Problem, methods: Sequence[str] = tuple(METHODS)) -> Comparison:
    """Rank by each method (all three by default) for a side-by-side view."""
    results = tuple(rank(problem, method) for method in methods)
    ranks = np.array([r.ranks for r in results], dtype=np.int64).reshape(len(results), -1)
    return Comparison(problem.alternatives, tuple(methods), ranks, results)


def with_weights(problem: Problem, weights: Sequence[float]) -> Problem:
    """The same problem with other weights (validated again)."""
    criteria = [
        dataclasses.replace(c, weight=float(w))
        for c, w in zip(problem.criteria, weights, strict=True)
    ]
    return make_problem(criteria, problem.alternatives, problem.values)


@dataclass(frozen=True, slots=True, eq=False)
class SensitivityResult:
    """How the ranking moves when one criterion's weight varies.

    Row t of `weights` is the weight vector used for `values[t]` (the varied criterion gets
    `values[t]`, the others share 1 − values[t] in their original proportions); `scores[t]`
    and `ranks[t]` give each alternative's score and rank, in `alternatives` order.
    `base_ranks` is the ranking with the problem's own weights.
    """

    method: str
    criterion: str
    alternatives: tuple[str, ...]
    values: FloatArray
    weights: FloatArray
    scores: FloatArray
    ranks: IntArray
    base_ranks: IntArray

    @property
    def changes(self) -> tuple[float, ...]:
        """The tested weight values at which the ranking differs from the previous one."""
        return tuple(
            float(self.values[t])
            for t in range(1, len(self.values))
            if (self.ranks[t] != self.ranks[t - 1]).any()
        )


def weight_sensitivity(
    problem: Problem,
    method: str,
    criterion: str,
    values: Sequence[float] | None = None,
    normalisation: str | None = None,
) -> SensitivityResult:
    """Rank again for each weight value of one criterion (default 0, 0.05, …, 1).

    The other criteria keep their relative weights and share the rest; if they all weigh
    0 they share it equally. With a single criterion its weight is always 1.
    """
    names = problem.criterion_names
    if criterion not in names:
        raise ValueError(f"unknown criterion {criterion!r}; allowed: {', '.join(names)}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; allowed: {', '.join(METHODS)}")
    grid = np.linspace(0.0, 1.0, 21) if values is None else np.asarray(values, dtype=np.float64)
    if grid.ndim != 1 or len(grid) == 0 or not np.all((grid >= 0) & (grid <= 1)):
        raise ValueError("weight values must be a non-empty list of numbers in [0, 1]")
    k = names.index(criterion)
    others = np.ones(len(names), dtype=bool)
    others[k] = False
    rest = problem.weights[others]
    share = rest / rest.sum() if rest.sum() > 0 else np.full(len(rest), 1.0 / max(len(rest), 1))
    weight_rows = np.empty((len(grid), len(names)))
    score_rows = np.empty((len(grid), len(problem.alternatives)))
    rank_rows = np.empty((len(grid), len(problem.alternatives)), dtype=np.int64)
    for t, value in enumerate(grid):
        w = np.empty(len(names))
        w[k] = value if len(names) > 1 else 1.0
        w[others] = (1.0 - value) * share
        result = rank(with_weights(problem, list(w)), method, normalisation)
        weight_rows[t], score_rows[t], rank_rows[t] = w, result.scores, result.ranks
    return SensitivityResult(
        method,
        criterion,
        problem.alternatives,
        _frozen(grid),
        _frozen(weight_rows),
        _frozen(score_rows),
        rank_rows,
        rank(problem, method, normalisation).ranks,
    )
