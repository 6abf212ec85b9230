"""Question-grid aggregation: medians, spread, « je ne sais pas », disagreement, tree."""

import pytest

from ressort.analysis.grids import aggregate_tree, score_question


def test_median_quartiles_and_histogram() -> None:
    q = score_question("q1", [1, 2, 2, 3, None, None])
    assert (q.answers, q.unknown) == (4, 2)
    assert q.median == 2.0 and (q.q1, q.q3) == (1.75, 2.25)
    assert q.histogram == (0, 1, 2, 1, 0)
    assert not q.disagreement


def test_even_count_median_is_the_mean_of_the_two_middle_scores() -> None:
    assert score_question("q", [1, 2, 3, 4]).median == 2.5


def test_disagreement_by_spread_or_by_both_ends() -> None:
    assert score_question("q", [0, 0, 3, 4, 4]).disagreement
    assert score_question("q", [0, 2, 2, 2, 4]).disagreement  # both ends present
    assert not score_question("q", [1, 2, 2, 2, 3]).disagreement


def test_only_unknown_answers() -> None:
    q = score_question("q", [None, None])
    assert q.median is None and q.answers == 0 and q.unknown == 2 and not q.disagreement


def test_out_of_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="hors de l'échelle 0–4"):
        score_question("q7", [5])


def test_tree_weighted_mean_of_answered_children() -> None:
    questions = {
        "q1": score_question("q1", [4, 4, 4]),
        "q2": score_question("q2", [2, 2]),
        "q3": score_question("q3", [None]),
        "q4": score_question("q4", [0, 4, 0, 4]),
    }
    children = {"P1": ["L1", "L2"], "L1": ["q1", "q2", "q3"], "L2": ["q4", "q5"]}
    result = aggregate_tree(questions, children, weights={"q1": 3.0})
    assert result["L1"].score == pytest.approx((3 * 4 + 2) / 4)
    assert (result["L1"].answered, result["L1"].questions) == (2, 3)
    assert result["L2"].score == 2.0 and result["L2"].disagreement
    assert result["P1"].score == pytest.approx((3.5 + 2.0) / 2)
    assert (result["P1"].answered, result["P1"].questions) == (3, 5)
    assert result["P1"].disagreement


def test_cycles_are_refused() -> None:
    with pytest.raises(ValueError, match="son propre descendant"):
        aggregate_tree({}, {"A": ["B"], "B": ["A"]})
