"""Morphological analysis: the consistent combinations of a box of hypotheses.

Method: F. Zwicky's morphological box (*Discovery, Invention, Research through the
Morphological Approach*, 1969), as used in prospective by M. Godet (MORPHOL, LIPSOR Cahier
n° 5, « La boîte à outils de prospective stratégique »): each component (key variable) of the
system has a few possible future states (hypotheses); a scenario takes one hypothesis per
component; pairs of hypotheses that cannot go together exclude every scenario holding both.

Counting and listing never build the whole product:
- listing walks the components in their given order, and after each choice removes from the
  later components the hypotheses it excludes, backtracking as soon as one has none left
  (forward checking); scenarios come in lexicographic order of the box;
- counting walks the components in an order that keeps the constrained ones together (most
  exclusions first, then the one most tied to those already chosen), remembers the count of
  each remaining sub-box it meets (the hypotheses still open in the components left), and
  multiplies the sizes as soon as no exclusion is left among the remaining components.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

MIN_HYPOTHESES = 2
MAX_HYPOTHESES = 5

HypothesisRef = tuple[str, str]  # (component name, hypothesis name)
Combination = tuple[int, ...]  # index of the chosen hypothesis in each component


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    hypotheses: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MorphologicalBox:
    """A validated box: build it with `MorphologicalBox.build`.

    `exclusions` holds pairs ((i, a), (j, b)) with i < j: hypothesis a of component i cannot
    go with hypothesis b of component j (indices in the given order).
    """

    components: tuple[Component, ...]
    exclusions: frozenset[tuple[tuple[int, int], tuple[int, int]]]

    @classmethod
    def build(
        cls,
        components: Mapping[str, Sequence[str]],
        exclusions: Iterable[tuple[HypothesisRef, HypothesisRef]] = (),
    ) -> MorphologicalBox:
        """Check the box; ValueError lists every fault and what is allowed.

        `components` maps each component's name to its 2 to 5 hypotheses, in order;
        `exclusions` lists pairs ((component, hypothesis), (component, hypothesis)) of two
        different components.
        """
        faults: list[str] = []
        if not components:
            faults.append("aucune composante (il en faut au moins une).")
        index: dict[HypothesisRef, tuple[int, int]] = {}
        for i, (name, hypotheses) in enumerate(components.items()):
            if not MIN_HYPOTHESES <= len(hypotheses) <= MAX_HYPOTHESES:
                faults.append(
                    f"composante « {name} » : {len(hypotheses)} hypothèses "
                    f"(permis : {MIN_HYPOTHESES} à {MAX_HYPOTHESES})."
                )
            for a, hypothesis in enumerate(hypotheses):
                if (name, hypothesis) in index:
                    faults.append(f"composante « {name} » : hypothèse « {hypothesis} » en double.")
                index[name, hypothesis] = (i, a)
        pairs: set[tuple[tuple[int, int], tuple[int, int]]] = set()
        for first, second in exclusions:
            unknown = [ref for ref in (first, second) if ref not in index]
            if unknown:
                faults.append(
                    f"exclusion {_show(first)} / {_show(second)} : hypothèse inconnue "
                    f"{_show(unknown[0])}."
                )
                continue
            x, y = sorted((index[first], index[second]))
            if x[0] == y[0]:
                faults.append(
                    f"exclusion {_show(first)} / {_show(second)} : deux hypothèses d'une même "
                    "composante s'excluent déjà (permis : deux composantes différentes)."
                )
            else:
                pairs.add((x, y))
        if faults:
            raise ValueError("Boîte morphologique invalide :\n" + "\n".join(faults))
        return cls(
            components=tuple(Component(n, tuple(h)) for n, h in components.items()),
            exclusions=frozenset(pairs),
        )

    @property
    def size(self) -> int:
        """Number of combinations without exclusions (the product of the sizes)."""
        return math.prod(len(c.hypotheses) for c in self.components)

    def describe(self, combination: Combination) -> tuple[str, ...]:
        """The hypotheses' names of a combination, one per component."""
        return tuple(c.hypotheses[a] for c, a in zip(self.components, combination, strict=True))


@dataclass(frozen=True, slots=True)
class Enumeration:
    """Consistent combinations: `count` of them, the first `limit` listed in `combinations`."""

    count: int
    size: int  # combinations without exclusions
    combinations: tuple[Combination, ...]
    truncated: bool  # more consistent combinations than listed

    @property
    def excluded(self) -> int:
        return self.size - self.count


def enumerate_combinations(box: MorphologicalBox, *, limit: int | None = 1000) -> Enumeration:
    """Count the consistent combinations and list the first `limit` (0: count only)."""
    if limit is not None and limit < 0:
        raise ValueError(f"limite {limit} (permis : 0 ou plus, ou aucune).")
    count = count_combinations(box)
    listed: list[Combination] = []
    if limit != 0:
        for combination in iter_combinations(box):
            listed.append(combination)
            if limit is not None and len(listed) >= limit:
                break
    return Enumeration(
        count=count, size=box.size, combinations=tuple(listed), truncated=len(listed) < count
    )


def iter_combinations(box: MorphologicalBox) -> Iterator[Combination]:
    """Consistent combinations in lexicographic order, by forward checking."""
    conflicts = _conflicts(box)
    n = len(box.components)
    chosen: list[int] = []

    def walk(i: int, open_: list[int]) -> Iterator[Combination]:
        if i == n:
            yield tuple(chosen)
            return
        for a in _bits(open_[i]):
            narrowed = _narrow(open_, conflicts[i][a])
            if narrowed is None:
                continue
            chosen.append(a)
            yield from walk(i + 1, narrowed)
            chosen.pop()

    yield from walk(0, [(1 << len(c.hypotheses)) - 1 for c in box.components])


def count_combinations(box: MorphologicalBox) -> int:
    """Number of consistent combinations, without listing them (module docstring)."""
    conflicts = _conflicts(box)
    order = _counting_order(box)
    n = len(order)
    # From depth `deepest` + 1 on, no exclusion is left among the remaining components.
    position = {component: d for d, component in enumerate(order)}
    deepest = max((min(position[i], position[j]) for (i, _), (j, _) in box.exclusions), default=-1)
    memo: dict[tuple[int, ...], int] = {}

    def count(d: int, open_: list[int]) -> int:
        if d > deepest:
            return math.prod(open_[order[e]].bit_count() for e in range(d, n))
        key = (d, *(open_[order[e]] for e in range(d, n)))
        if key in memo:
            return memo[key]
        i = order[d]
        total = 0
        for a in _bits(open_[i]):
            narrowed = _narrow(open_, conflicts[i][a])
            if narrowed is not None:
                total += count(d + 1, narrowed)
        memo[key] = total
        return total

    return count(0, [(1 << len(c.hypotheses)) - 1 for c in box.components])


def _conflicts(box: MorphologicalBox) -> list[list[dict[int, int]]]:
    """conflicts[i][a][j]: bit mask of the hypotheses of j excluded by hypothesis a of i."""
    conflicts: list[list[dict[int, int]]] = [[{} for _ in c.hypotheses] for c in box.components]
    for (i, a), (j, b) in box.exclusions:
        conflicts[i][a][j] = conflicts[i][a].get(j, 0) | (1 << b)
        conflicts[j][b][i] = conflicts[j][b].get(i, 0) | (1 << a)
    return conflicts


def _narrow(open_: list[int], excluded: dict[int, int]) -> list[int] | None:
    """The open hypotheses once `excluded` are removed; None when a component has none."""
    if not excluded:
        return open_
    narrowed = list(open_)
    for j, mask in excluded.items():
        narrowed[j] &= ~mask
        if not narrowed[j]:
            return None
    return narrowed


def _counting_order(box: MorphologicalBox) -> list[int]:
    """Most constrained component first, then the one most tied to those already chosen."""
    n = len(box.components)
    ties = [[0] * n for _ in range(n)]
    for (i, _), (j, _) in box.exclusions:
        ties[i][j] += 1
        ties[j][i] += 1
    degree = [sum(row) for row in ties]
    order: list[int] = []
    left = list(range(n))
    while left:
        best = max(left, key=lambda c: (sum(ties[c][o] for o in order), degree[c], -c))
        order.append(best)
        left.remove(best)
    return order


def _bits(mask: int) -> Iterator[int]:
    a = 0
    while mask:
        if mask & 1:
            yield a
        mask >>= 1
        a += 1


def _show(ref: HypothesisRef) -> str:
    return f"« {ref[0]} : {ref[1]} »"
