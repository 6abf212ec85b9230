"""Majority judgment against its definition, applied naively, and hand-derived examples.

No majority-judgment package on PyPI works, and we are not certain enough of the exact
figures of Balinski & Laraki's published experiments (Orsay 2007) to copy them: the
examples below are built for the purpose and their majority values derived by hand in the
comments; the naive reference re-implements the definition literally (sort the grades, take
out the lower median one at a time) on random profiles.
"""

from __future__ import annotations

import numpy as np
import pytest

from ressort.analysis import majority_judgment as mj
from ressort.analysis.majority_judgment import DEFAULT_GRADES

# Grade indices on the default scale.
REJ, INS, PAS, AB, BIEN, TB, EXC = range(7)


def counts(grades: list[int], n_grades: int = 7) -> list[int]:
    return np.bincount(grades, minlength=n_grades).tolist()


def naive_majority_value(grades: list[int]) -> list[int]:
    remaining = sorted(grades)
    value = []
    while remaining:
        value.append(remaining.pop((len(remaining) - 1) // 2))
    return value


def test_majority_grade_is_the_lower_median() -> None:
    assert mj.majority_grade(counts([PAS, AB, BIEN])) == AB
    # Four voters: the two middle grades are Passable and Bien; the lower one counts.
    assert mj.majority_grade(counts([INS, PAS, BIEN, TB])) == PAS
    assert mj.majority_grade(counts([EXC])) == EXC


def test_majority_value_by_hand() -> None:
    # [Passable, Assez bien, Assez bien, Bien, Très bien]: median Assez bien; without it
    # [P, AB, B, TB] → lower median AB; then [P, B, TB] → B; [P, TB] → P; [TB].
    assert mj.majority_value(counts([PAS, AB, AB, BIEN, TB])).tolist() == [AB, AB, BIEN, PAS, TB]
    # Even number: [I, P, B, TB] → P, then [I, B, TB] → B, [I, TB] → I, [TB].
    assert mj.majority_value(counts([INS, PAS, BIEN, TB])).tolist() == [PAS, BIEN, INS, TB]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7, 10, 51])
def test_majority_value_matches_the_naive_definition(n: int) -> None:
    rng = np.random.default_rng(n)
    for _ in range(20):
        grades = rng.integers(0, 7, size=n).tolist()
        assert mj.majority_value(counts(grades)).tolist() == naive_majority_value(grades)


def test_tie_on_the_majority_grade_is_broken_by_the_majority_value() -> None:
    # Three actions, all « Assez bien » by majority, five voters:
    #   A: P, AB, AB, B, TB   → majority value AB, AB, B, P, TB
    #   B: I, AB, AB, AB, EXC → AB, AB, AB, I, EXC
    #   C: AB, AB, AB, B, B   → AB, AB, B, AB, B
    # C and A part from B at the third grade (B > AB); C beats A at the fourth (AB > P).
    # Averages would tie A and C (3.4) and reward B's Excellent: majority judgment does not.
    tallies = [
        counts([PAS, AB, AB, BIEN, TB]),
        counts([INS, AB, AB, AB, EXC]),
        counts([AB, AB, AB, BIEN, BIEN]),
    ]
    result = mj.majority_judgment(["A", "B", "C"], tallies)
    assert [(r.candidate, r.rank, r.majority_grade_label) for r in result.ranking] == [
        ("C", 1, "Assez bien"),
        ("A", 2, "Assez bien"),
        ("B", 3, "Assez bien"),
    ]
    assert mj.decisive_step(tallies[2], tallies[0]) == 3
    assert mj.decisive_step(tallies[0], tallies[1]) == 2


def test_the_median_beats_the_mean() -> None:
    # X: two Excellent, three À rejeter (mean 2.4, majority grade À rejeter);
    # Y: five Passable (mean 2, majority grade Passable). Y wins.
    tallies = [counts([EXC, EXC, REJ, REJ, REJ]), counts([PAS] * 5)]
    result = mj.majority_judgment(["X", "Y"], tallies)
    assert [r.candidate for r in result.ranking] == ["Y", "X"]


def test_identical_profiles_share_a_rank() -> None:
    same = counts([INS, BIEN, BIEN, TB])
    tallies = [counts([PAS, PAS, PAS, PAS]), same, same, counts([REJ, REJ, BIEN, EXC])]
    result = mj.majority_judgment(["a", "b", "c", "d"], tallies)
    assert [(r.candidate, r.rank) for r in result.ranking] == [
        ("b", 1),
        ("c", 1),
        ("a", 3),
        ("d", 4),
    ]
    assert mj.decisive_step(same, same) is None


@pytest.mark.parametrize("seed", range(10))
def test_ranking_matches_the_naive_definition(seed: int) -> None:
    rng = np.random.default_rng(seed)
    voters, candidates = int(rng.integers(1, 30)), 8
    # Few grades, so that majority grades and whole profiles often tie.
    ballots = rng.integers(2, 5, size=(voters, candidates))
    ballots[:, 1] = ballots[:, 0]  # a guaranteed identical profile
    result = mj.rank_ballots([f"c{i}" for i in range(candidates)], ballots)
    values = {f"c{i}": naive_majority_value(ballots[:, i].tolist()) for i in range(candidates)}
    for r in result.ranking:
        better = sum(1 for v in values.values() if v > values[r.candidate])
        assert r.rank == better + 1
        assert r.majority_grade == values[r.candidate][0]
    assert result.by_candidate("c0").rank == result.by_candidate("c1").rank


@pytest.mark.parametrize("seed", range(10))
def test_ranking_respects_the_majority_gauge(seed: int) -> None:
    # Balinski & Laraki (2011): when the majority gauges (α, p, q) of two candidates
    # differ, their majority values order them the same way — α⁺ (p > q) before α⁻, and
    # among α⁺ the larger p, among α⁻ the smaller q.
    rng = np.random.default_rng(1000 + seed)
    ballots = rng.integers(0, 7, size=(int(rng.integers(5, 60)), 12))
    result = mj.rank_ballots([f"c{i}" for i in range(12)], ballots)

    def gauge(r: mj.CandidateResult) -> tuple[int, int, float]:
        if r.share_above > r.share_below:
            return (r.majority_grade, 1, r.share_above)
        return (r.majority_grade, 0, -r.share_below)

    for better in result.ranking:
        for worse in result.ranking:
            if better.rank < worse.rank and gauge(better) != gauge(worse):
                assert gauge(better) > gauge(worse)


def test_tally_counts_ballots_and_shares_add_up() -> None:
    ballots = np.array([[0, 6], [2, 6], [2, 5], [6, 0]])
    counts_ = mj.tally(ballots, 7)
    assert counts_.tolist() == [[1, 0, 2, 0, 0, 0, 1], [1, 0, 0, 0, 0, 1, 2]]
    result = mj.majority_judgment(["a", "b"], counts_)
    a, b = result.by_candidate("a"), result.by_candidate("b")
    assert (a.majority_grade_label, a.share_below, a.share_above) == ("Passable", 0.25, 0.25)
    assert a.share_at_or_above == 0.75 and a.share_at_or_below == 0.75
    assert (b.majority_grade_label, b.share_below, b.share_above) == ("Très bien", 0.25, 0.5)
    assert b.gauge_sign == "+" and a.gauge_sign == "-"
    assert result.voters == 4 and result.grades == DEFAULT_GRADES


def test_other_scales() -> None:
    result = mj.majority_judgment(["x", "y"], [[1, 2], [2, 1]], grades=("Non", "Oui"))
    assert [(r.candidate, r.majority_grade_label) for r in result.ranking] == [
        ("x", "Oui"),
        ("y", "Non"),
    ]


def test_invalid_tallies_and_ballots_are_refused() -> None:
    with pytest.raises(ValueError, match="same, positive, number of voters"):
        mj.majority_judgment(["a", "b"], [counts([1, 2]), counts([1])])
    with pytest.raises(ValueError, match="one row per candidate"):
        mj.majority_judgment(["a"], [[1, 2]])
    with pytest.raises(ValueError, match="unique"):
        mj.majority_judgment(["a", "a"], [counts([1]), counts([1])])
    with pytest.raises(ValueError, match="grades must lie in 0 … 6"):
        mj.tally(np.array([[0, 7]]), 7)
    with pytest.raises(ValueError, match="integer"):
        mj.tally(np.array([[0.5]]), 7)
    with pytest.raises(ValueError, match="at least one grade"):
        mj.majority_grade([0, 0, 0])


def test_tallies_from_two_sources_add_up_before_the_absences() -> None:
    """Three typed ballots (A: Bien ×3; B: one Excellent, two absent) and a paper count of
    ten (A: Passable ×4, Bien ×6; B: Insuffisant ×3, Très bien ×5, two absent). The sum has
    13 voters; B has 9 grades, so 4 absences. By hand: counted as « À rejeter », B's 13
    grades sorted are R R R R I I I T T T T T E, the 7th (lower median) is Insuffisant; A's
    are P ×4 then B ×9, the 7th is Bien: A wins. Left out, B's 9 grades I I I T T T T T E
    have Très bien as their 5th: B wins."""
    typed = np.array([[0, 0, 0, 0, 3, 0, 0], [0, 0, 0, 0, 0, 0, 1]])
    paper = np.array([[0, 0, 4, 0, 6, 0, 0], [0, 3, 0, 0, 0, 5, 0]])
    total = typed + paper
    lowest = mj.fill_absences(total, 13, REJ)
    assert lowest[1].tolist() == [4, 3, 0, 0, 0, 5, 1]
    result = mj.majority_judgment(["A", "B"], lowest)
    assert [(r.candidate, r.majority_grade) for r in result.ranking] == [("A", BIEN), ("B", INS)]
    left_out = mj.fill_absences(total, 13, None)
    assert left_out.tolist() == total.tolist()
    result = mj.majority_judgment(["A", "B"], left_out, unequal=True)
    assert [(r.candidate, r.majority_grade) for r in result.ranking] == [("B", TB), ("A", BIEN)]
    as_pas = mj.fill_absences(total, 13, PAS)
    assert as_pas[1].tolist() == [0, 3, 4, 0, 0, 5, 1]  # 7th of I I I P P P P …: Passable
    assert mj.majority_judgment(["A", "B"], as_pas).by_candidate("B").majority_grade == PAS
    with pytest.raises(ValueError, match="14 grades for 13 voters"):
        mj.fill_absences(total + np.array([[1, 0, 0, 0, 0, 0, 0], [0] * 7]), 13, REJ)
