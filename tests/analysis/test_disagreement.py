"""Why methods disagree: reversals between methods and the reasons behind a pair."""

import numpy as np

from ressort.analysis import disagreement as dg
from ressort.analysis import mcda


def _problem() -> mcda.Problem:
    # A wins widely on one heavy criterion; B wins narrowly on two lighter ones.
    criteria = [
        mcda.Criterion("effet", 0.5),
        mcda.Criterion("coût", 0.25, "min"),
        mcda.Criterion("délai", 0.25, "min"),
    ]
    values = [[10, 101, 13], [0, 100, 12], [5, 150, 20]]
    return mcda.make_problem(criteria, ["A", "B", "C"], values)


def test_pair_reasons() -> None:
    why = dg.pair_reasons(_problem(), "A", "B")
    assert [lead.criterion for lead in why.first_better] == ["effet"]
    # widest lead first: 1 of délai's range of 8 beats 1 of coût's range of 50
    assert [lead.criterion for lead in why.second_better] == ["délai", "coût"]
    assert why.first_weight == 0.5 and why.second_weight == 0.5
    assert why.first_better[0].contribution == 0.5  # 0.5 × (1 − 0)
    assert np.isclose(why.second_better[1].contribution, 0.25 * (1 / 50))


def test_reversals_between_methods() -> None:
    problem = _problem()
    comparison = mcda.compare(problem)
    ranks = dict(zip(comparison.methods, comparison.ranks.tolist(), strict=True))
    # the weighted sum puts A first; PROMETHEE II (usual) ties A and B
    assert ranks["somme-ponderee"][0] == 1 and ranks["somme-ponderee"][1] == 2
    found = dg.reversals(comparison)
    for r in found:
        a, b = problem.alternatives.index(r.ahead), problem.alternatives.index(r.behind)
        assert ranks[r.method_a][a] < ranks[r.method_a][b]
        assert ranks[r.method_b][a] > ranks[r.method_b][b]
    assert len({frozenset((r.ahead, r.behind)) for r in found}) == len(found)


def test_reversal_found_when_promethee_counts_criteria() -> None:
    criteria = [mcda.Criterion("x", 0.4), mcda.Criterion("y", 0.3), mcda.Criterion("z", 0.3)]
    values = [[100, 0, 0], [0, 1, 1], [60, 0.5, 10]]
    problem = mcda.make_problem(criteria, ["Large", "Étroit", "Autre"], values)
    comparison = mcda.compare(problem)
    ws = comparison.ranks[comparison.methods.index("somme-ponderee")]
    pr = comparison.ranks[comparison.methods.index("promethee2")]
    assert ws[0] < ws[1] and pr[0] > pr[1]
    found = dg.reversals(comparison)
    assert any({r.ahead, r.behind} == {"Large", "Étroit"} for r in found)
    assert dg.spread(comparison)["Large"] == (2, 3)


def test_no_reversal_when_methods_agree() -> None:
    criteria = [mcda.Criterion("x", 1.0)]
    problem = mcda.make_problem(criteria, ["a", "b"], [[1], [2]])
    assert dg.reversals(mcda.compare(problem)) == []
