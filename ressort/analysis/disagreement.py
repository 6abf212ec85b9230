"""Why ranking methods disagree: the pairs they order differently, and what drives each.

Methods answer different questions. The weighted sum is fully compensatory: a large lead
on one heavy criterion buys back small losses on several others. TOPSIS measures distances
to an ideal and an anti-ideal after vector normalisation, so extreme values weigh more.
PROMETHEE II compares alternatives pair by pair through preference functions: with the
"usual" function only the direction of a difference counts, not its size, so an
alternative that wins narrowly on many criteria beats one that wins widely on a few.
ELECTRE I only says who outranks whom (a weighted majority of criteria, without a strong
veto-like shortfall), and may leave alternatives incomparable.

`pair_reasons(problem, a, b)` returns the facts behind a reversal: the criteria on which
each alternative is better, their total weight, and the weighted-sum contributions of the
widest leads. `reversals(comparison)` lists the pairs that two methods order differently.
Pure Python (numpy), no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ressort.analysis.mcda import Comparison, Problem, weighted_sum


@dataclass(frozen=True, slots=True)
class Lead:
    criterion: str
    weight: float
    contribution: float  # weighted-sum contribution gap (weight × normalised gap)


@dataclass(frozen=True, slots=True)
class PairReasons:
    first: str
    second: str
    first_better: tuple[Lead, ...]  # widest weighted lead first
    second_better: tuple[Lead, ...]

    @property
    def first_weight(self) -> float:
        return sum(lead.weight for lead in self.first_better)

    @property
    def second_weight(self) -> float:
        return sum(lead.weight for lead in self.second_better)


def pair_reasons(problem: Problem, first: str, second: str) -> PairReasons:
    """On which criteria each of two alternatives is strictly better, with the size of each
    lead in the weighted sum (weight × gap of min–max normalised values)."""
    i = problem.alternatives.index(first)
    j = problem.alternatives.index(second)
    contributions = weighted_sum(problem).contributions
    g = problem.oriented
    first_better: list[Lead] = []
    second_better: list[Lead] = []
    for k, criterion in enumerate(problem.criteria):
        weight = float(problem.weights[k])
        gap = float(contributions[i, k] - contributions[j, k])
        if g[i, k] > g[j, k]:
            first_better.append(Lead(criterion.name, weight, gap))
        elif g[j, k] > g[i, k]:
            second_better.append(Lead(criterion.name, weight, -gap))
    first_better.sort(key=lambda lead: -lead.contribution)
    second_better.sort(key=lambda lead: -lead.contribution)
    return PairReasons(first, second, tuple(first_better), tuple(second_better))


@dataclass(frozen=True, slots=True)
class Reversal:
    """`ahead` is ranked before `behind` by `method_a`, and after it by `method_b`."""

    ahead: str
    behind: str
    method_a: str
    method_b: str


def reversals(comparison: Comparison, limit: int = 10) -> list[Reversal]:
    """Pairs ordered strictly one way by one method and strictly the other way by another,
    pairs closest to the top first; at most `limit`, one per pair of alternatives."""
    ranks = comparison.ranks
    names = comparison.alternatives
    found: list[tuple[int, Reversal]] = []
    seen: set[frozenset[str]] = set()
    n = len(names)
    for x in range(n):
        for y in range(n):
            if x == y or frozenset((names[x], names[y])) in seen:
                continue
            for m in range(len(comparison.methods)):
                hit = False
                for o in range(len(comparison.methods)):
                    if ranks[m, x] < ranks[m, y] and ranks[o, x] > ranks[o, y]:
                        best = int(min(ranks[:, x].min(), ranks[:, y].min()))
                        found.append(
                            (
                                best,
                                Reversal(
                                    names[x],
                                    names[y],
                                    comparison.methods[m],
                                    comparison.methods[o],
                                ),
                            )
                        )
                        seen.add(frozenset((names[x], names[y])))
                        hit = True
                        break
                if hit:
                    break
    found.sort(key=lambda item: item[0])
    return [r for _, r in found[:limit]]


def spread(comparison: Comparison) -> dict[str, tuple[int, int]]:
    """Each alternative's best and worst rank over the methods."""
    ranks = np.asarray(comparison.ranks)
    return {
        name: (int(ranks[:, i].min()), int(ranks[:, i].max()))
        for i, name in enumerate(comparison.alternatives)
    }
