"""Majority judgment: each voter grades every candidate on a common ordered scale.

Balinski & Laraki, "A theory of measuring, electing, and ranking", PNAS 104(21) 8720–8725
(2007), and *Majority Judgment: Measuring, Ranking, and Electing*, MIT Press (2011):

- a candidate's **majority grade** is the lower median of its grades (with an even number
  of grades, the lower of the two middle ones);
- candidates are ranked by their **majority value**: the sequence of majority grades
  obtained by taking out one majority grade at a time, compared lexicographically (the
  first difference decides); identical grade profiles have equal majority values and share
  a rank (standard competition ranking: 1, 2, 2, 4).

Everything works from tallies (the number of each grade per candidate), never by sorting
ballots: `tally` counts a ballots array with one `bincount`, and the majority value of a
tally of n grades is read off in O(n) by a fixed permutation of its sorted grades (below).
Grades are indices 0 … G − 1, lowest first; `DEFAULT_GRADES` is Ressort's seven-level scale.

**Absent grades.** A voter may leave a candidate ungraded. Three rules (`ABSENCE_RULES`):
count the absence as the lowest grade (Balinski & Laraki's advice, the default), as a named
grade, or leave it out of that candidate's profile. Left out, candidates are graded by
different numbers of voters; they are then compared on their grade *distributions*: each
of a candidate's n grades is counted L / n times, L the least common multiple of the
numbers of grades, and the majority values of these equal-length profiles are compared
exactly (computed from the tallies, never materialised: `compare_scaled`). A candidate's
majority grade is still the lower median of its own grades.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cmp_to_key, lru_cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

DEFAULT_GRADES: tuple[str, ...] = (
    "À rejeter",
    "Insuffisant",
    "Passable",
    "Assez bien",
    "Bien",
    "Très bien",
    "Excellent",
)
MAX_GRADES = 256  # majority values are compared as bytes, one byte a grade
# How an absent grade counts (the command line's names): as the lowest grade, left out of
# the candidate's profile, or (any other value) as the grade of that name.
ABSENCE_LOWEST, ABSENCE_EXCLUDE = "plus-basse", "exclure"
ABSENCE_RULES = (ABSENCE_LOWEST, ABSENCE_EXCLUDE)


def tally(ballots: npt.ArrayLike, n_grades: int) -> IntArray:
    """Count grades: `ballots[v, c]` is voter v's grade index for candidate c.

    Returns `counts[c, g]`, the number of voters who gave grade g to candidate c.
    """
    grades = np.asarray(ballots)
    if grades.ndim != 2:
        raise ValueError("ballots must be a 2-D array: one row per voter, one column per candidate")
    if not 1 <= n_grades <= MAX_GRADES:
        raise ValueError(f"the scale must have between 1 and {MAX_GRADES} grades, not {n_grades}")
    if not np.issubdtype(grades.dtype, np.integer):
        raise ValueError("grades must be integer indices into the scale, lowest first")
    if grades.size and (grades.min() < 0 or grades.max() >= n_grades):
        raise ValueError(f"grades must lie in 0 … {n_grades - 1}")
    n_candidates = grades.shape[1]
    flat = grades.astype(np.int64) + np.arange(n_candidates, dtype=np.int64) * n_grades
    counts = np.bincount(flat.ravel(), minlength=n_candidates * n_grades)
    return counts.reshape(n_candidates, n_grades).astype(np.int64)


def majority_grade(counts: npt.ArrayLike) -> int:
    """The lower median grade of a tally (counts per grade, lowest first)."""
    c = np.asarray(counts, dtype=np.int64)
    total = int(c.sum())
    if total <= 0:
        raise ValueError("a tally needs at least one grade")
    return int(np.searchsorted(np.cumsum(c), (total - 1) // 2, side="right"))


@lru_cache(maxsize=8)
def _median_order(n: int) -> IntArray:
    """Positions, in the sorted grades, of the successive lower medians.

    With n = 2m + 1 grades sorted lowest first (positions 0 … 2m) the lower median is at m;
    take it out and the next lower median is at m − 1, then m + 1, m − 2, m + 2 … With
    n = 2m it starts at m − 1, then m, m − 2, m + 1 … : the medians alternate outwards.
    """
    start = (n - 1) // 2
    below = np.arange(start - 1, -1, -1)
    above = np.arange(start + 1, n)
    first, second = (below, above) if n % 2 else (above, below)
    order = np.empty(n, dtype=np.int64)
    order[0] = start
    order[1::2][: len(first)] = first
    order[2::2][: len(second)] = second
    order.setflags(write=False)
    return order


def majority_value(counts: npt.ArrayLike) -> IntArray:
    """The majority value: the successive lower medians as grades are taken out one by one.

    For grades [0, 1, 1, 3, 4] it is [1, 1, 3, 0, 4]: median 1; without it [0, 1, 3, 4],
    lower median 1; then [0, 3, 4] → 3; [0, 4] → 0; [4] → 4.
    """
    c = np.asarray(counts, dtype=np.int64)
    if c.ndim != 1 or (c < 0).any() or c.sum() <= 0:
        raise ValueError("a tally is a list of non-negative counts with at least one grade")
    ordered = np.repeat(np.arange(len(c)), c)
    return ordered[_median_order(len(ordered))]


def decisive_step(counts_a: npt.ArrayLike, counts_b: npt.ArrayLike) -> int | None:
    """How many majority grades are taken out before two tallies' majority values differ.

    0 means their majority grades already differ; None that the profiles are identical.
    """
    a, b = majority_value(counts_a), majority_value(counts_b)
    if len(a) != len(b):
        raise ValueError("both tallies must count the same number of voters")
    differ = np.flatnonzero(a != b)
    return int(differ[0]) if len(differ) else None


def _median_rank(lo: int, hi: int, middle: int, odd: bool) -> int:
    """The smallest place, in the order in which majority grades are taken out of a sorted
    profile of L grades, of a position in [lo, hi] (see `_median_order`: the lower median
    `middle` first, then one step below and one above, below first when L is odd)."""
    if lo <= middle <= hi:
        return 0
    if hi < middle:
        d = middle - hi
        return 2 * d - 1 if odd else 2 * d
    d = lo - middle
    return 2 * d if odd else 2 * d - 1


def compare_scaled(a: Sequence[int], b: Sequence[int], length: int) -> int:
    """Compare the majority values of two tallies scaled to `length` grades each (a common
    multiple of their totals): 1 if a's is greater, −1 if b's, 0 if equal.

    In the sorted scaled profile of a tally c with total n, grade g fills the positions
    [k·C(g−1), k·C(g)) with k = length / n and C the cumulative counts. The first place
    in median order where the two profiles differ decides; it is found interval by interval
    between the breakpoints of both profiles, in O(number of grades).
    """
    na, nb = sum(a), sum(b)
    if na <= 0 or nb <= 0 or length % na or length % nb:
        raise ValueError("length must be a common multiple of two positive totals")
    ka, kb = length // na, length // nb
    bounds_a = [ka * c for c in _cumulative(a)]
    bounds_b = [kb * c for c in _cumulative(b)]
    middle, odd = (length - 1) // 2, length % 2 == 1
    best: tuple[int, int, int] | None = None
    edges = sorted({0, *bounds_a, *bounds_b})
    for lo, hi in pairwise(edges):
        grade_a, grade_b = bisect_right(bounds_a, lo), bisect_right(bounds_b, lo)
        if grade_a == grade_b:
            continue
        place = _median_rank(lo, hi - 1, middle, odd)
        if best is None or place < best[0]:
            best = (place, grade_a, grade_b)
    if best is None:
        return 0
    return 1 if best[1] > best[2] else -1


def _cumulative(counts: Sequence[int]) -> list[int]:
    total, out = 0, []
    for c in counts:
        total += int(c)
        out.append(total)
    return out


@dataclass(frozen=True, slots=True)
class CandidateResult:
    """One candidate's result, with what a merit-profile chart needs.

    `tally[g]` counts grade g (lowest first); `share_above` / `share_below` are the shares
    of voters who gave strictly more / strictly less than the majority grade (Balinski &
    Laraki's p and q: the majority gauge is α⁺ if p > q, α⁻ otherwise), as shares of the
    grades the candidate received (`graded`, fewer than the voters when absences are left
    out).
    """

    candidate: str
    rank: int
    majority_grade: int
    majority_grade_label: str
    tally: tuple[int, ...]
    share_above: float
    share_below: float
    graded: int = 0

    @property
    def share_at_or_above(self) -> float:
        return 1.0 - self.share_below

    @property
    def share_at_or_below(self) -> float:
        return 1.0 - self.share_above

    @property
    def gauge_sign(self) -> str:
        return "+" if self.share_above > self.share_below else "-"


@dataclass(frozen=True, slots=True)
class MajorityJudgmentResult:
    """The ranking, best first (candidates of equal rank in input order)."""

    grades: tuple[str, ...]
    voters: int
    ranking: tuple[CandidateResult, ...]

    def by_candidate(self, name: str) -> CandidateResult:
        for result in self.ranking:
            if result.candidate == name:
                return result
        raise KeyError(name)


def majority_judgment(
    candidates: Sequence[str],
    counts: npt.ArrayLike,
    grades: Sequence[str] = DEFAULT_GRADES,
    *,
    unequal: bool = False,
) -> MajorityJudgmentResult:
    """Rank candidates from their tallies: `counts[c, g]` voters gave grade g to candidate c.

    Every candidate must be graded by the same number of voters (≥ 1), unless `unequal`:
    then each needs at least one grade and they are compared on their distributions (see
    the module's docstring); `voters` is then the largest number of grades.
    """
    c = np.asarray(counts)
    names = tuple(candidates)
    if c.ndim != 2 or c.shape != (len(names), len(grades)):
        raise ValueError(
            f"counts must have one row per candidate ({len(names)}) and one column per grade "
            f"({len(grades)}), not the shape {c.shape}"
        )
    if not names:
        raise ValueError("there must be at least one candidate")
    if len(set(names)) != len(names):
        raise ValueError("candidate names must be unique")
    if not 1 <= len(grades) <= MAX_GRADES:
        raise ValueError(f"the scale must have between 1 and {MAX_GRADES} grades")
    if not np.issubdtype(c.dtype, np.integer) or (c < 0).any():
        raise ValueError("counts must be non-negative integers")
    totals = c.sum(axis=1)
    if unequal:
        if (totals <= 0).any():
            empty = [names[i] for i in np.flatnonzero(totals <= 0)]
            raise ValueError(f"every candidate needs at least one grade; none for {empty}")
    elif totals[0] <= 0 or (totals != totals[0]).any():
        raise ValueError(
            "every candidate must be graded by the same, positive, number of voters; "
            f"got {sorted(set(totals.tolist()))}"
        )
    voters = int(totals.max())
    if not unequal or (totals == totals[0]).all():
        # The majority values of equal-length sequences compare like their bytes.
        keys = [majority_value(row).astype(np.uint8).tobytes() for row in c]
        order = sorted(range(len(names)), key=lambda i: keys[i], reverse=True)

        def same(i: int, j: int) -> bool:
            return keys[i] == keys[j]
    else:
        length = math.lcm(*(int(t) for t in totals))
        rows = [[int(x) for x in row] for row in c]

        def cmp(i: int, j: int) -> int:
            return compare_scaled(rows[i], rows[j], length)

        order = sorted(range(len(names)), key=cmp_to_key(cmp), reverse=True)

        def same(i: int, j: int) -> bool:
            return cmp(i, j) == 0

    ranks = [0] * len(names)
    for position, i in enumerate(order):
        previous = order[position - 1] if position else None
        tied = previous is not None and same(previous, i)
        ranks[i] = ranks[previous] if tied and previous is not None else position + 1
    results = []
    for i in sorted(range(len(names)), key=lambda i: (ranks[i], i)):
        row = c[i].astype(np.int64)
        graded = int(row.sum())
        grade = majority_grade(row)
        results.append(
            CandidateResult(
                candidate=names[i],
                rank=ranks[i],
                majority_grade=grade,
                majority_grade_label=grades[grade],
                tally=tuple(int(x) for x in row),
                share_above=float(row[grade + 1 :].sum() / graded),
                share_below=float(row[:grade].sum() / graded),
                graded=graded,
            )
        )
    return MajorityJudgmentResult(tuple(grades), voters, tuple(results))


def rank_ballots(
    candidates: Sequence[str],
    ballots: npt.ArrayLike,
    grades: Sequence[str] = DEFAULT_GRADES,
) -> MajorityJudgmentResult:
    """Count a ballots array (one row per voter, grade indices) and rank the candidates."""
    return majority_judgment(candidates, tally(ballots, len(grades)), grades)


def fill_absences(counts: npt.ArrayLike, voters: int, absent: int | None) -> IntArray:
    """Tallies completed for `voters` voters: a candidate whose row counts fewer grades has
    absent grades, counted as grade `absent` (an index of the scale), or left out (None,
    the rows are then returned unchanged and ranked with `unequal=True`).

    Tallies from several sources (ballots typed or imported, paper counts) add up before
    this step: the absences of the sum are the sum of each source's absences.
    """
    c = np.array(counts, dtype=np.int64)
    if c.ndim != 2 or (c < 0).any():
        raise ValueError("counts must be a 2-D array of non-negative integers")
    totals = c.sum(axis=1)
    if c.size and int(totals.max()) > voters:
        raise ValueError(f"a candidate has {int(totals.max())} grades for {voters} voters")
    if absent is None:
        return c
    if not 0 <= absent < c.shape[1]:
        raise ValueError(f"the absent grade must lie in 0 … {c.shape[1] - 1}")
    c[:, absent] += voters - totals
    return c
