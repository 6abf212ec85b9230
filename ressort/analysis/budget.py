"""Choosing a portfolio of actions within a budget: an exact 0–1 programme.

Each action has a cost (≥ 0) and a benefit (any number: the team chooses what it measures,
the resilience effect of the analysis grid, an MCDA score, points from a vote). The chosen
portfolio maximises the total benefit under:

- the total cost ≤ the budget;
- every *required* action in;
- no two actions that *exclude* each other together (the relation is symmetric: one side
  saying it is enough);
- an action in only if every action it *requires* is in too (chains follow);
- optional extra linear constraints `lower ≤ Σ coefficient × chosen ≤ upper`, which express
  a cap on what is spent each year or a minimum per strategic axis.

It is solved exactly by SciPy's `milp` (HiGHS branch and bound) with a zero relative gap:
no greedy ratio heuristic, which misses optima as soon as costs are lumpy. Among portfolios
of equal best benefit the cheapest is returned (a second solve); among those, HiGHS's
choice, which is the same for the same input.

The **efficient frontier** repeats the solve at evenly spaced budgets, from a twentieth of
the largest useful budget (the cost of the cheapest best portfolio with unlimited money, or
the budget itself if larger) up to it, so that élus see what each extra step of money buys.

`explain` says, for each action left out, why: what it conflicts with, what it would need,
and the best portfolio that would include it (computed exactly, so the difference in
benefit is the true price of insisting on it).

Reference for the model: the 0–1 knapsack with precedence and conflict constraints
(Kellerer, Pferschy & Pisinger, *Knapsack Problems*, Springer 2004, ch. 13); PROMETHEE V
(Brans & Mareschal 1992) applies the same programme to net flows as benefits.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from ressort.analysis.native import quiet_stdout
from ressort.analysis.typography import number

if TYPE_CHECKING:
    from scipy.optimize import LinearConstraint

FloatArray = npt.NDArray[np.float64]

DEFAULT_FRONTIER_POINTS = 20
# Cost and benefit sums are compared with this relative slack: the solver's own feasibility
# tolerance is about 1e-7 of a row's activity, and a sum of floats is off by a few ulps.
RELATIVE_SLACK = 1e-9


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    cost: float
    benefit: float
    required: bool = False
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Constraint:
    """`lower ≤ Σ coefficients[id] × chosen(id) ≤ upper`; `label` names it in messages
    (for example « dépenses de 2027 » or « axe Eau : au moins 2 actions »)."""

    label: str
    coefficients: Mapping[str, float]
    lower: float = -math.inf
    upper: float = math.inf


class InvalidPortfolio(ValueError):
    """Every fault of the input as (field path, French message), paths as in the JSON of
    `ressort analyse portefeuille` (`actions[1].cost`, `actions[0].requires[2]`)."""

    def __init__(self, errors: Sequence[tuple[str, str]]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(f"{path} : {message}" for path, message in self.errors))


class NoPortfolio(ValueError):
    """No portfolio satisfies the constraints; the French message names what is in the way
    and `actions` lists the ids concerned."""

    def __init__(self, message: str, actions: Sequence[str] = ()) -> None:
        self.actions = tuple(actions)
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class Choice:
    """A portfolio: `chosen` in input order, its total `cost` and `benefit`."""

    budget: float
    chosen: tuple[str, ...]
    cost: float
    benefit: float


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Why an action is not in the chosen portfolio.

    `excluded_by`: chosen actions it excludes (or that exclude it). `missing`: actions it
    requires, directly or down a chain, that are not chosen. `with_it`: the best portfolio
    that includes it (None when none exists: it cannot fit in the budget with what it
    requires, or conflicts with a required action); `displaced` the chosen actions that
    portfolio gives up and `added` what it brings in besides the action itself.
    """

    id: str
    cost: float
    benefit: float
    excluded_by: tuple[str, ...]
    missing: tuple[str, ...]
    with_it: Choice | None
    displaced: tuple[str, ...] = ()
    added: tuple[str, ...] = ()

    def loss(self, best: Choice) -> float | None:
        """Benefit given up by insisting on this action (None when it cannot be had)."""
        return None if self.with_it is None else best.benefit - self.with_it.benefit


@dataclass(frozen=True, slots=True, eq=False)
class Problem:
    """A validated problem: build it with `make_problem`."""

    actions: tuple[Action, ...]
    constraints: tuple[Constraint, ...] = ()
    index: Mapping[str, int] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actions)

    def closure(self, ids: Sequence[str]) -> tuple[str, ...]:
        """`ids` and every action they require, down the chains, in input order."""
        seen = set(ids)
        stack = list(ids)
        while stack:
            for needed in self.actions[self.index[stack.pop()]].requires:
                if needed not in seen:
                    seen.add(needed)
                    stack.append(needed)
        return tuple(a.id for a in self.actions if a.id in seen)

    def conflicts(self, a: str) -> tuple[str, ...]:
        """The actions excluded by `a` or excluding it, in input order."""
        mine = set(self.actions[self.index[a]].excludes)
        return tuple(b.id for b in self.actions if b.id != a and (b.id in mine or a in b.excludes))


def _finite(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def make_problem(actions: Sequence[Action], constraints: Sequence[Constraint] = ()) -> Problem:
    """Validate the actions and constraints; raise InvalidPortfolio listing every fault."""
    errors: list[tuple[str, str]] = []
    index: dict[str, int] = {}
    for i, action in enumerate(actions):
        path = f"actions[{i}]"
        if not isinstance(action.id, str) or not action.id.strip():
            errors.append((f"{path}.id", "l'identifiant doit être un texte non vide"))
        elif action.id in index:
            errors.append(
                (
                    f"{path}.id",
                    f"identifiant « {action.id} » déjà utilisé en actions[{index[action.id]}]",
                )
            )
        else:
            index[action.id] = i
        if not _finite(action.cost):
            errors.append((f"{path}.cost", "le coût doit être un nombre fini"))
        elif action.cost < 0:
            errors.append((f"{path}.cost", f"le coût ne peut pas être négatif ({action.cost})"))
        if not _finite(action.benefit):
            errors.append((f"{path}.benefit", "le bénéfice doit être un nombre fini"))
    for i, action in enumerate(actions):
        for key, targets in (("requires", action.requires), ("excludes", action.excludes)):
            for k, target in enumerate(targets):
                where = f"actions[{i}].{key}[{k}]"
                if target not in index:
                    errors.append((where, f"action inconnue « {target} »"))
                elif target == action.id:
                    verb = "s'exiger" if key == "requires" else "s'exclure"
                    errors.append((where, f"une action ne peut pas {verb} elle-même"))
    for c, constraint in enumerate(constraints):
        for target, coefficient in constraint.coefficients.items():
            if target not in index:
                errors.append((f"constraints[{c}]", f"action inconnue « {target} »"))
            elif not _finite(coefficient):
                errors.append((f"constraints[{c}]", f"coefficient de « {target} » non fini"))
        if math.isnan(constraint.lower) or math.isnan(constraint.upper):
            errors.append((f"constraints[{c}]", "les bornes doivent être des nombres"))
        elif constraint.lower > constraint.upper:
            errors.append((f"constraints[{c}]", "la borne basse dépasse la borne haute"))
    if errors:
        raise InvalidPortfolio(errors)
    return Problem(tuple(actions), tuple(constraints), index)


# --- Solving --------------------------------------------------------------------------------


def _names(ids: Sequence[str]) -> str:
    quoted = [f"« {i} »" for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " et " + quoted[-1]


def check_feasible(problem: Problem, budget: float) -> None:
    """Raise NoPortfolio, naming the actions, when the required actions (and what they
    require) exclude each other or cost more than the budget."""
    required = [a.id for a in problem.actions if a.required]
    forced = problem.closure(required)
    forced_set = set(forced)
    for a in forced:
        for b in problem.conflicts(a):
            if b in forced_set and problem.index[a] < problem.index[b]:
                raise NoPortfolio(
                    "aucun portefeuille possible : les actions "
                    f"{_names([a, b])} s'excluent mais doivent toutes deux être retenues "
                    f"(obligatoires ou exigées par une action obligatoire : {_names(required)})",
                    (a, b),
                )
    cost = math.fsum(problem.actions[problem.index[a]].cost for a in forced)
    if cost > budget * (1 + RELATIVE_SLACK) + RELATIVE_SLACK:
        extra = [a for a in forced if a not in required]
        detail = ", ".join(
            f"« {a} » ({number(problem.actions[problem.index[a]].cost)})" for a in forced
        )
        needed = f", avec ce qu'elles exigent ({_names(extra)})" if extra else ""
        raise NoPortfolio(
            f"aucun portefeuille possible : les actions obligatoires{needed} coûtent "
            f"{number(cost)}, plus que le budget de {number(budget)} : {detail}",
            forced,
        )


def _matrix(problem: Problem, budget: float) -> tuple[list[LinearConstraint], FloatArray]:
    from scipy.optimize import LinearConstraint  # SciPy is imported on first use: seconds

    n = len(problem.actions)
    rows: list[FloatArray] = []
    lower: list[float] = []
    upper: list[float] = []
    costs = np.array([a.cost for a in problem.actions], dtype=np.float64)
    rows.append(costs)
    lower.append(-np.inf)
    upper.append(budget)
    pairs: set[tuple[int, int]] = set()
    for i, action in enumerate(problem.actions):
        for target in action.excludes:
            j = problem.index[target]
            pairs.add((min(i, j), max(i, j)))
        for target in action.requires:
            row = np.zeros(n)
            row[i], row[problem.index[target]] = 1.0, -1.0  # x_i ≤ x_j
            rows.append(row)
            lower.append(-np.inf)
            upper.append(0.0)
    for i, j in sorted(pairs):
        row = np.zeros(n)
        row[i] = row[j] = 1.0
        rows.append(row)
        lower.append(-np.inf)
        upper.append(1.0)
    for constraint in problem.constraints:
        row = np.zeros(n)
        for target, coefficient in constraint.coefficients.items():
            row[problem.index[target]] = coefficient
        rows.append(row)
        lower.append(constraint.lower)
        upper.append(constraint.upper)
    matrix = np.vstack(rows) if n else np.zeros((len(rows), 0))
    return [LinearConstraint(matrix, np.array(lower), np.array(upper))], costs


def _quantum(values: FloatArray, max_decimals: int = 6) -> float | None:
    """The largest 10^−k (−6 ≤ k ≤ max_decimals) of which every value is a whole multiple
    (1,000 for costs in thousands of euros, 0.01 for scores given to two decimals)."""
    for k in range(-6, max_decimals + 1):
        scaled = values * 10.0**k
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return 10.0**-k
    return None


def _gap(values: FloatArray) -> float:
    """A relative optimality gap that still proves the exact optimum.

    When every coefficient is a multiple of a quantum q, every total is too: two totals
    differ by 0 or at least q. A gap below q / 2 in absolute terms (relative gap × |total|,
    and |total| ≤ Σ|coefficients|) therefore leaves no better total undiscovered, and lets
    HiGHS stop as soon as it has proved that much. Without a quantum, a zero gap.
    """
    quantum = _quantum(values)
    if quantum is None:
        return 0.0
    return 0.5 * quantum / max(1.0, float(np.abs(values).sum()))


def _solve(
    problem: Problem,
    budget: float,
    forced_in: Sequence[str] = (),
    *,
    cheapest: bool = True,
) -> Choice | None:
    """The best portfolio within `budget` containing `forced_in`, or None; with `cheapest`,
    the cheapest of the best ones (a second solve)."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n = len(problem.actions)
    if n == 0:
        return Choice(budget, (), 0.0, 0.0)
    constraints, costs = _matrix(problem, budget)
    benefits = np.array([a.benefit for a in problem.actions], dtype=np.float64)
    low = np.array([1.0 if a.required else 0.0 for a in problem.actions])
    for target in forced_in:
        low[problem.index[target]] = 1.0
    bounds = Bounds(low, np.ones(n))
    integrality = np.ones(n)
    with quiet_stdout():  # HiGHS prints debugging lines on file descriptor 1
        first = milp(
            -benefits,
            integrality=integrality,
            bounds=bounds,
            constraints=constraints,
            options={"mip_rel_gap": _gap(benefits)},
        )
    if first.x is None:
        return None
    if not cheapest:
        return _choice(problem, budget, first.x)
    best = float(benefits @ np.round(first.x))
    slack = RELATIVE_SLACK * max(1.0, float(np.abs(benefits).sum()))
    # Second solve: the cheapest portfolio whose benefit is the best one.
    floor = LinearConstraint(benefits.reshape(1, n), best - slack, np.inf)
    with quiet_stdout():
        second = milp(
            costs,
            integrality=integrality,
            bounds=bounds,
            constraints=[*constraints, floor],
            options={"mip_rel_gap": _gap(costs)},
        )
    return _choice(problem, budget, second.x if second.x is not None else first.x)


def _choice(problem: Problem, budget: float, x: FloatArray) -> Choice:
    chosen = np.round(x) > 0.5
    ids = tuple(a.id for a, c in zip(problem.actions, chosen, strict=True) if c)
    return Choice(
        float(budget),
        ids,
        math.fsum(a.cost for a, c in zip(problem.actions, chosen, strict=True) if c),
        math.fsum(a.benefit for a, c in zip(problem.actions, chosen, strict=True) if c),
    )


def choose(problem: Problem, budget: float) -> Choice:
    """The portfolio of greatest benefit within `budget` (the cheapest among equals).

    Raise NoPortfolio when none exists: the required actions over budget or excluding each
    other (named), or the extra constraints impossible to meet.
    """
    if not _finite(budget) or budget < 0:
        raise ValueError(f"the budget must be a finite number ≥ 0, not {budget!r}")
    check_feasible(problem, budget)
    result = _solve(problem, budget)
    if result is None:
        labels = "; ".join(c.label for c in problem.constraints)
        raise NoPortfolio(
            "aucun portefeuille possible : les contraintes ne peuvent pas être toutes "
            f"respectées dans ce budget ({labels})"
        )
    return result


def frontier(
    problem: Problem,
    budget: float,
    points: int = DEFAULT_FRONTIER_POINTS,
    known: Sequence[Choice] = (),
) -> list[Choice]:
    """The best portfolio at `points` evenly spaced budgets up to max(budget, saturation).

    Budgets where no portfolio exists (below the cost of the required actions) are left out.
    Each point is exact in benefit; among portfolios of equal benefit it is the solver's
    choice, not necessarily the cheapest (one solve a point instead of two). A portfolio
    optimal at budget L and costing C is optimal at every budget between C and L, so the
    solves already made (`known`, the saturation solve, the points above) are reused.
    """
    if points < 1:
        raise ValueError("a frontier needs at least one point")
    total = math.fsum(a.cost for a in problem.actions)
    unlimited = _solve(problem, total)
    solved = [*known, *([unlimited] if unlimited is not None else [])]
    top = max(float(budget), unlimited.cost if unlimited is not None else total)
    levels = [top] if top == 0 else [top * k / points for k in range(points, 0, -1)]
    result = []
    for level in levels:
        choice = next(
            (
                dataclasses.replace(c, budget=level)
                for c in solved
                if c.cost <= level * (1 + RELATIVE_SLACK) and level <= c.budget
            ),
            None,
        ) or _solve(problem, level, cheapest=False)
        if choice is None:
            break  # lower budgets are infeasible too
        solved.append(choice)
        result.append(choice)
    return result[::-1]


def explain(problem: Problem, best: Choice) -> list[LeftOut]:
    """Why each action outside `best` is left out, in input order (see LeftOut)."""
    chosen = set(best.chosen)
    reasons = []
    for action in problem.actions:
        if action.id in chosen:
            continue
        excluded_by = tuple(b for b in problem.conflicts(action.id) if b in chosen)
        missing = tuple(
            b for b in problem.closure([action.id]) if b != action.id and b not in chosen
        )
        with_it = _solve(problem, best.budget, forced_in=[action.id])
        displaced: tuple[str, ...] = ()
        added: tuple[str, ...] = ()
        if with_it is not None:
            other = set(with_it.chosen)
            displaced = tuple(b for b in best.chosen if b not in other)
            added = tuple(b for b in with_it.chosen if b not in chosen and b != action.id)
        reasons.append(
            LeftOut(
                action.id,
                action.cost,
                action.benefit,
                excluded_by,
                missing,
                with_it,
                displaced,
                added,
            )
        )
    return reasons
