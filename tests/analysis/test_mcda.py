"""MCDA methods against pymcdm, a worked example from the literature, and hand computations."""

from __future__ import annotations

import numpy as np
import pytest
from pymcdm.methods import PROMETHEE_II, TOPSIS, WSM
from pymcdm.normalizations import (
    linear_normalization,
    minmax_normalization,
    vector_normalization,
)

from ressort.analysis import mcda
from ressort.analysis.mcda import Criterion, InvalidProblem, Preference, make_problem

# Hwang & Yoon (1981), Multiple Attribute Decision Making, the fighter-aircraft example of
# TOPSIS: max speed (Mach), ferry range (NM), max payload (lb), acquisition cost (M$, to
# minimise), reliability and manoeuvrability (interval scores).
AIRCRAFT = np.array(
    [
        [2.0, 1500, 20000, 5.5, 5, 9],
        [2.5, 2700, 18000, 6.5, 3, 5],
        [1.8, 2000, 21000, 4.5, 7, 7],
        [2.2, 1800, 20000, 5.0, 5, 5],
    ]
)
AIRCRAFT_WEIGHTS = (0.2, 0.1, 0.1, 0.1, 0.2, 0.3)
AIRCRAFT_DIRECTIONS = ("max", "max", "max", "min", "max", "max")


def aircraft() -> mcda.Problem:
    criteria = [
        Criterion(f"X{j + 1}", w, d)  # type: ignore[arg-type]
        for j, (w, d) in enumerate(zip(AIRCRAFT_WEIGHTS, AIRCRAFT_DIRECTIONS, strict=True))
    ]
    return make_problem(criteria, ["A1", "A2", "A3", "A4"], AIRCRAFT)


def random_problem(
    rng: np.random.Generator, n: int = 12, k: int = 5, preferences: list[Preference] | None = None
) -> tuple[mcda.Problem, np.ndarray, np.ndarray, np.ndarray]:
    values = rng.normal(10, 4, size=(n, k)).round(1)
    weights = rng.uniform(0.1, 1, size=k)
    types = rng.choice([1, -1], size=k)
    types[0] = -1  # always at least one "min"
    prefs = preferences or [Preference()] * k
    criteria = [
        Criterion(f"c{j}", float(weights[j]), "max" if types[j] == 1 else "min", prefs[j])
        for j in range(k)
    ]
    problem = make_problem(criteria, [f"a{i}" for i in range(n)], values)
    return problem, values, weights / weights.sum(), types


# --- TOPSIS ---------------------------------------------------------------------------------


def test_topsis_reproduces_hwang_and_yoon_fighter_aircraft() -> None:
    # The book's values, computed with 4-decimal intermediate roundings: C* = 0.643, 0.268,
    # 0.613, 0.312; S* = .0545 .1197 .0580 .1009; S⁻ = .0983 .0439 .0920 .0458.
    result = mcda.topsis(aircraft())
    assert result.scores == pytest.approx([0.643, 0.268, 0.613, 0.312], abs=1e-3)
    assert result.distance_to_ideal == pytest.approx([0.0545, 0.1197, 0.0580, 0.1009], abs=2e-4)
    assert result.distance_to_anti_ideal == pytest.approx(
        [0.0983, 0.0439, 0.0920, 0.0458], abs=2e-4
    )
    assert result.ranks.tolist() == [1, 4, 2, 3]
    # The book's normalised first row (its 4th value, .5063, is a misprint of .5069).
    assert result.normalised[0] == pytest.approx(
        [0.4671, 0.3662, 0.5056, 0.5069, 0.4811, 0.6708], abs=1e-4
    )
    # The ideal is the best weighted value by direction: lowest cost, highest elsewhere.
    assert result.ideal[3] == result.weighted[:, 3].min()
    assert result.anti_ideal[3] == result.weighted[:, 3].max()


@pytest.mark.parametrize("seed", range(5))
def test_topsis_matches_pymcdm_with_vector_normalisation(seed: int) -> None:
    # pymcdm normalises a cost column to 1 − x/‖x‖ and then takes the maximum as ideal:
    # distances, hence closeness, are the same as ours (x/‖x‖, ideal = minimum).
    problem, values, weights, types = random_problem(np.random.default_rng(seed))
    expected = TOPSIS(vector_normalization)(values, weights, types)
    assert mcda.topsis(problem).scores == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_topsis_equal_alternatives_tie_at_one_half() -> None:
    problem = make_problem([Criterion("c", 1.0)], ["a", "b"], [[3.0], [3.0]])
    result = mcda.topsis(problem)
    assert result.scores.tolist() == [0.5, 0.5]
    assert result.ranks.tolist() == [1, 1]


# --- PROMETHEE II ---------------------------------------------------------------------------


def test_promethee_ii_pymcdm_documented_example() -> None:
    criteria = [Criterion(f"c{j}", w) for j, w in enumerate((0.5, 0.3, 0.2))]
    problem = make_problem(criteria, ["a", "b", "c"], [[4, 3, 2], [3, 2, 4], [5, 1, 3]])
    result = mcda.promethee_ii(problem)
    assert result.scores == pytest.approx([0.1, -0.3, 0.2])
    assert result.ranks.tolist() == [2, 3, 1]


@pytest.mark.parametrize("seed", range(5))
def test_promethee_ii_usual_matches_pymcdm(seed: int) -> None:
    problem, values, weights, types = random_problem(np.random.default_rng(seed))
    expected = PROMETHEE_II("usual")(values, weights, types)
    assert mcda.promethee_ii(problem).scores == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_promethee_ii_linear_matches_pymcdm_vshape_2(seed: int) -> None:
    # pymcdm's "vshape_2" is the linear function with indifference: 0 if d ≤ q,
    # (d − q)/(p − q) if q < d ≤ p, 1 beyond: the "linear".
    rng = np.random.default_rng(100 + seed)
    q = rng.uniform(0, 2, size=5).round(2)
    p = q + rng.uniform(0.5, 6, size=5).round(2)
    prefs = [Preference("linear", float(q[j]), float(p[j])) for j in range(5)]
    problem, values, weights, types = random_problem(rng, preferences=prefs)
    expected = PROMETHEE_II("vshape_2", p=p, q=q)(values, weights, types)
    assert mcda.promethee_ii(problem).scores == pytest.approx(expected, abs=1e-12)


def test_promethee_ii_mixed_functions_add_up_like_pymcdm() -> None:
    # Flows are linear in the weights: a mix of usual and linear criteria is pymcdm's usual
    # flow on the usual criteria plus its linear flow on the others.
    rng = np.random.default_rng(7)
    prefs = [Preference(), Preference("linear", 0.5, 3.0), Preference(), Preference("linear", 0, 2)]
    problem, values, weights, types = random_problem(rng, k=4, preferences=prefs)
    linear = np.array([pref.function == "linear" for pref in prefs])
    usual_part = PROMETHEE_II("usual")(
        values, np.where(linear, 0, weights), types, validation=False
    )
    linear_part = PROMETHEE_II("vshape_2", p=[3.0, 3.0, 3.0, 2.0], q=[0.5, 0.5, 0.5, 0.0])(
        values, np.where(linear, weights, 0), types, validation=False
    )
    assert mcda.promethee_ii(problem).scores == pytest.approx(usual_part + linear_part, abs=1e-12)


def test_promethee_ii_by_hand_with_a_linear_cost() -> None:
    # Cost (min, weight 1, linear q = 10, p = 50) and effect (max, weight 3, usual).
    # Costs 100, 120, 180; effects 2, 2, 1. Weights normalise to 0.25 and 0.75.
    # Cost differences d(a, b) = cost_b − cost_a: d(a,b) = 20 → 0.25, d(a,c) = 80 → 1,
    # d(b,c) = 60 → 1, the others ≤ 0 → 0. Effect: a and b each beat c.
    # π(a,b) = .25·.25 = .0625; π(a,c) = .25 + .75 = 1; π(b,c) = .25 + .75 = 1; others 0.
    # φ⁺ = (1.0625, 1, 0)/2; φ⁻ = (0, .0625, 2)/2; φ = (.53125, .46875, −1).
    criteria = [
        Criterion("coût", 1, "min", Preference("linear", 10, 50)),
        Criterion("effet", 3, "max"),
    ]
    problem = make_problem(criteria, ["a", "b", "c"], [[100, 2], [120, 2], [180, 1]])
    result = mcda.promethee_ii(problem)
    assert result.preference[0, 1] == pytest.approx(0.0625)
    assert result.positive_flow == pytest.approx([0.53125, 0.5, 0.0])
    assert result.negative_flow == pytest.approx([0.0, 0.03125, 1.0])
    assert result.scores == pytest.approx([0.53125, 0.46875, -1.0])
    # Per-criterion flows explain the net flow: φ = Σ_j w_j φ_j.
    assert result.criterion_flows @ problem.weights == pytest.approx(result.scores)
    assert result.criterion_flows[:, 1] == pytest.approx([0.5, 0.5, -1.0])


def test_promethee_ii_single_alternative_has_zero_flows() -> None:
    result = mcda.promethee_ii(make_problem([Criterion("c", 1)], ["seule"], [[4.0]]))
    assert result.scores.tolist() == [0.0]
    assert result.ranks.tolist() == [1]


def test_linear_preference_degree_at_the_thresholds() -> None:
    d = np.array([-5.0, 0.0, 10.0, 30.0, 50.0, 80.0])
    assert mcda.preference_degree(d, Preference("linear", 10, 50)).tolist() == [
        0.0,
        0.0,
        0.0,
        0.5,
        1.0,
        1.0,
    ]
    assert mcda.preference_degree(d, Preference()).tolist() == [0, 0, 1, 1, 1, 1]


# --- Weighted sum ---------------------------------------------------------------------------


def test_weighted_sum_by_hand() -> None:
    # Cost (min) 10, 20, 30 → 1, 0.5, 0; effect (max) 0, 4, 2 → 0, 1, 0.5; constant → 0.
    # Weights 1, 1, 2 → .25, .25, .5; scores .25, .375, .125.
    criteria = [Criterion("coût", 1, "min"), Criterion("effet", 1), Criterion("constant", 2)]
    problem = make_problem(criteria, ["a", "b", "c"], [[10, 0, 7], [20, 4, 7], [30, 2, 7]])
    result = mcda.weighted_sum(problem)
    assert result.normalised.tolist() == [[1, 0, 0], [0.5, 1, 0], [0, 0.5, 0]]
    assert result.scores == pytest.approx([0.25, 0.375, 0.125])
    assert result.contributions.sum(axis=1) == pytest.approx(result.scores)
    assert result.ranks.tolist() == [2, 1, 3]


def test_weighted_sum_fighter_aircraft_by_hand() -> None:
    # A1 min–max normalised: speed (2−1.8)/.7, range 0, payload (20000−18000)/3000,
    # cost (6.5−5.5)/2, reliability .5, manoeuvrability 1.
    a1 = 0.2 * 0.2 / 0.7 + 0.1 * 2 / 3 + 0.1 * 0.5 + 0.2 * 0.5 + 0.3 * 1
    assert mcda.weighted_sum(aircraft()).scores[0] == pytest.approx(a1)


@pytest.mark.parametrize("method", sorted(mcda.METHODS))
def test_weights_are_normalised(method: str) -> None:
    problem = aircraft()
    scaled = mcda.with_weights(problem, [10 * w for w in AIRCRAFT_WEIGHTS])
    assert scaled.weights == pytest.approx(problem.weights)
    assert mcda.rank(scaled, method).scores == pytest.approx(mcda.rank(problem, method).scores)


# --- Ties -----------------------------------------------------------------------------------


def test_competition_ranks_share_and_skip() -> None:
    assert mcda.competition_ranks([0.5, 0.9, 0.5, 0.1]).tolist() == [2, 1, 2, 4]
    # Rounding noise does not split a tie…
    assert mcda.competition_ranks([0.3, 0.1 + 0.2]).tolist() == [1, 1]
    # …and groups do not chain: each score is compared with its group's first.
    assert mcda.competition_ranks([1.0, 1.0 - 0.8e-12, 1.0 - 1.6e-12]).tolist() == [1, 1, 3]


@pytest.mark.parametrize("method", sorted(mcda.METHODS))
def test_identical_alternatives_share_a_rank(method: str) -> None:
    criteria = [Criterion("coût", 1, "min"), Criterion("effet", 2)]
    values = [[10, 3], [20, 5], [10, 3], [30, 1]]
    problem = make_problem(criteria, ["a", "b", "a bis", "d"], values)
    result = mcda.rank(problem, method)
    assert result.ranks[0] == result.ranks[2]
    ordered = mcda.ranking(result)
    assert [r.rank for r in ordered] == sorted(r.rank for r in ordered)
    assert ordered[-1].alternative == "d" and ordered[-1].rank == 4
    tied = [r.alternative for r in ordered if r.rank == result.ranks[0]]
    assert tied == ["a", "a bis"]  # input order within a tie


def test_compare_shows_where_methods_disagree() -> None:
    # Fighter aircraft: TOPSIS puts A1 first, the weighted sum of min–max values A3.
    comparison = mcda.compare(aircraft())
    assert comparison.methods == ("somme-ponderee", "topsis", "promethee2")
    assert comparison.ranks.tolist() == [[2, 4, 1, 3], [1, 4, 2, 3], [2, 4, 1, 3]]
    assert comparison.disagreements == ("A1", "A3")
    assert isinstance(comparison.results[1], mcda.TopsisResult)
    assert mcda.compare(aircraft(), ["topsis"]).disagreements == ()


def test_rank_refuses_an_unknown_method() -> None:
    with pytest.raises(ValueError, match="allowed: somme-ponderee, topsis, promethee2"):
        mcda.rank(aircraft(), "electre")


# --- ELECTRE I ------------------------------------------------------------------------------


def test_electre_concordance_of_the_fighter_aircraft() -> None:
    # Weights of the criteria on which the row is at least as good as the column (ties
    # count for both), derived by hand from the data above.
    result = mcda.electre_i(aircraft())
    expected = [
        [1.0, 0.7, 0.5, 0.6],
        [0.3, 1.0, 0.3, 0.6],
        [0.5, 0.7, 1.0, 0.8],
        [0.7, 0.7, 0.2, 1.0],
    ]
    assert result.concordance == pytest.approx(np.array(expected))


def test_electre_discordance_outranking_and_kernel_of_the_fighter_aircraft() -> None:
    # D(A1, A4): A1 is behind A4 on speed by .2 of the range .7 and on range by 300 of
    # 1200: max(.2/.7, .25) = .2857. D(A3, A4): behind on speed by .4/.7 = .5714.
    result = mcda.electre_i(aircraft(), concordance_threshold=0.6, discordance_threshold=0.6)
    assert result.discordance[0, 3] == pytest.approx(0.2 / 0.7)
    assert result.discordance[2, 3] == pytest.approx(0.4 / 0.7)
    assert result.discordance[0, 1] == pytest.approx(1.0)  # A2's ferry range: the whole range
    assert np.argwhere(result.outranks).tolist() == [[0, 3], [2, 3]]
    assert result.kernel == ("A1", "A2", "A3")
    assert result.not_outranked == ("A1", "A2", "A3")
    assert result.cycles == ()


def test_electre_matches_scikit_criteria_on_a_common_scale() -> None:
    # scikit-criteria 0.10's ELECTRE1 (p = .6, q = .4) on this matrix, recorded: it divides
    # shortfalls by the largest range of all criteria, we by each criterion's own range;
    # here every criterion spans 0–10, so both agree. (Too heavy a dependency to keep: it
    # pulls scikit-learn, seaborn and PuLP; 50 random problems of this kind agreed too.)
    criteria = [Criterion("x", 0.5), Criterion("y", 0.3, "min"), Criterion("z", 0.2)]
    values = [[0, 0, 0], [10, 10, 10], [7, 2, 5], [4, 8, 3], [6, 5, 9]]
    problem = make_problem(criteria, ["a0", "a1", "a2", "a3", "a4"], values)
    result = mcda.electre_i(problem, concordance_threshold=0.6, discordance_threshold=0.4)
    off = ~np.eye(5, dtype=bool)
    concordance = [
        [0, 0.3, 0.3, 0.3, 0.3],
        [0.7, 0, 0.7, 0.7, 0.7],
        [0.7, 0.3, 0, 1.0, 0.8],
        [0.7, 0.3, 0.0, 0, 0.0],
        [0.7, 0.3, 0.2, 1.0, 0],
    ]
    discordance = [
        [0, 1.0, 0.7, 0.4, 0.9],
        [1.0, 0, 0.8, 0.2, 0.5],
        [0.2, 0.5, 0, 0.0, 0.4],
        [0.8, 0.7, 0.6, 0, 0.6],
        [0.5, 0.4, 0.3, 0.0, 0],
    ]
    assert result.concordance[off] == pytest.approx(np.array(concordance)[off])
    assert result.discordance[off] == pytest.approx(np.array(discordance)[off])
    assert np.argwhere(result.outranks).tolist() == [[1, 3], [2, 0], [2, 3], [2, 4], [4, 3]]
    assert result.not_outranked == ("a1", "a2")  # scikit-criteria's "kernel"
    assert result.kernel == ("a1", "a2")


def test_electre_kernel_of_a_chain_and_of_a_cycle() -> None:
    # a dominates b dominates c on the only criterion: a → b → c (and a → c).
    chain = make_problem([Criterion("c", 1)], ["a", "b", "c"], [[3], [2], [1]])
    result = mcda.electre_i(chain, discordance_threshold=1.0)
    assert result.kernel == ("a",)
    # x (weight 3) 2, 1, 0 and y (weight 1) 0, .4, .8: a and b each lose half of y's
    # range to the next (D = .5), a loses all of it to c (D = 1): a → b → c but not a → c,
    # so the kernel is {a, c}.
    chain = make_problem(
        [Criterion("x", 3), Criterion("y", 1)], ["a", "b", "c"], [[2, 0], [1, 0.4], [0, 0.8]]
    )
    result = mcda.electre_i(chain, concordance_threshold=0.7, discordance_threshold=0.5)
    assert result.discordance[0, 2] == pytest.approx(1.0)
    assert np.argwhere(result.outranks).tolist() == [[0, 1], [1, 2]]
    assert result.kernel == ("a", "c")
    assert result.not_outranked == ("a",)
    # Two criteria, equal weights, each alternative best on one: they outrank each other
    # (C = .5 both ways) and form a circuit, in the kernel together with nothing above them.
    pair = make_problem(
        [Criterion("x", 1), Criterion("y", 1)], ["p", "q", "r"], [[2, 1], [1, 2], [0, 0]]
    )
    result = mcda.electre_i(pair, concordance_threshold=0.5, discordance_threshold=1.0)
    assert result.cycles == (("p", "q"),)
    assert result.kernel == ("p", "q")


def test_electre_refuses_thresholds_outside_zero_one() -> None:
    with pytest.raises(ValueError, match="concordance threshold"):
        mcda.electre_i(aircraft(), concordance_threshold=1.5)


# --- Sensitivity ----------------------------------------------------------------------------


def test_weight_sensitivity_moves_the_ranking() -> None:
    problem = aircraft()
    result = mcda.weight_sensitivity(problem, "somme-ponderee", "X6", [0.0, 0.3, 1.0])
    assert result.weights.sum(axis=1) == pytest.approx([1, 1, 1])
    # At 0.3, X6's own weight: the problem's weights again.
    assert result.weights[1] == pytest.approx(problem.weights)
    assert result.ranks[1].tolist() == result.base_ranks.tolist()
    # At 1, only manoeuvrability counts: 9, 5, 7, 5.
    assert result.ranks[2].tolist() == [1, 3, 2, 3]
    # At 0 the others keep their proportions (0.2 : 0.1 : 0.1 : 0.1 : 0.2).
    assert result.weights[0] == pytest.approx([2 / 7, 1 / 7, 1 / 7, 1 / 7, 2 / 7, 0])
    # Without manoeuvrability A1, the most manoeuvrable aircraft, falls to last.
    assert result.ranks[0].tolist() == [4, 3, 1, 2]
    assert result.changes == (0.3, 1.0)


def test_weight_sensitivity_default_grid_and_errors() -> None:
    result = mcda.weight_sensitivity(aircraft(), "topsis", "X1")
    assert len(result.values) == 21 and result.ranks.shape == (21, 4)
    with pytest.raises(ValueError, match="unknown criterion 'X9'; allowed: X1, X2"):
        mcda.weight_sensitivity(aircraft(), "topsis", "X9")
    with pytest.raises(ValueError, match=r"in \[0, 1\]"):
        mcda.weight_sensitivity(aircraft(), "topsis", "X1", [0.5, 1.5])
    single = make_problem([Criterion("c", 1)], ["a", "b"], [[1], [2]])
    assert mcda.weight_sensitivity(single, "topsis", "c", [0.0]).weights.tolist() == [[1.0]]


# --- Validation -----------------------------------------------------------------------------


def test_make_problem_reports_every_fault_with_its_path() -> None:
    criteria = [
        Criterion("coût", -1, "min"),
        Criterion("effet", 1, "up"),  # type: ignore[arg-type]
        Criterion("délai", 1, "min", Preference("linear", 5, 5)),
        Criterion("coût", 1, "max", Preference("sigmoid")),  # type: ignore[arg-type]
    ]
    with pytest.raises(InvalidProblem) as caught:
        make_problem(criteria, ["a", "a"], [[1, 2, 3, float("nan")], [1, 2, 3, 4]])
    paths = [path for path, _ in caught.value.errors]
    assert paths == [
        "criteria[0].weight",
        "criteria[1].direction",
        "criteria[2].preference.p",
        "criteria[3].preference.function",
        "criteria[3].name",
        "alternatives[1].name",
        "alternatives[0].values.coût",
    ]
    messages = dict(caught.value.errors)
    assert "« max »" in messages["criteria[1].direction"]
    assert "strictement supérieur" in messages["criteria[2].preference.p"]


def test_make_problem_refuses_a_zero_total_weight() -> None:
    with pytest.raises(InvalidProblem, match="criteria : la somme des poids"):
        make_problem([Criterion("a", 0), Criterion("b", 0)], ["x"], [[1, 2]])


# --- Normalisations (issue 23) --------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_topsis_min_max_matches_pymcdm(seed: int) -> None:
    # pymcdm's min–max normalisation is ours ((max − x)/(max − min) for a cost column) and
    # its TOPSIS takes the column maximum as ideal and the minimum as anti-ideal, as the
    # issue says for min-max. Random columns are never constant (pymcdm gives 1 there).
    problem, values, weights, types = random_problem(np.random.default_rng(200 + seed))
    expected = TOPSIS(minmax_normalization)(values, weights, types)
    result = mcda.topsis(problem, "min-max")
    assert result.scores == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert result.ideal == pytest.approx(result.weighted.max(axis=0))
    assert result.anti_ideal == pytest.approx(result.weighted.min(axis=0))


@pytest.mark.parametrize(
    ("normalisation", "reference"),
    [("min-max", minmax_normalization), ("max", linear_normalization)],
)
@pytest.mark.parametrize("seed", range(4))
def test_weighted_sum_matches_pymcdm(normalisation: str, reference: object, seed: int) -> None:
    # pymcdm's "linear" normalisation is Hwang & Yoon's linear scale transformation, our
    # "max": x / max for a benefit, min / x for a cost. Values kept positive for it.
    problem, values, weights, types = random_problem(np.random.default_rng(300 + seed))
    positive = np.abs(values) + 0.5
    problem = make_problem(problem.criteria, problem.alternatives, positive)
    expected = WSM(reference)(positive, weights, types)
    result = mcda.weighted_sum(problem, normalisation)
    assert result.scores == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_weighted_sum_normalisations_by_hand() -> None:
    # Two criteria, weights 3 and 1 (0.75 and 0.25): effect (max) and cost (min).
    criteria = [Criterion("effet", 3, "max"), Criterion("coût", 1, "min")]
    problem = make_problem(criteria, ["a", "b", "c"], [[2, 100], [4, 400], [1, 200]])
    # max: effect 2/4, 4/4, 1/4; cost 100/100, 100/400, 100/200.
    # a = .75·.5 + .25·1 = .625; b = .75 + .25·.25 = .8125; c = .1875 + .125 = .3125.
    scores = mcda.weighted_sum(problem, "max").scores
    assert scores == pytest.approx([0.625, 0.8125, 0.3125])
    # aucune: a = .75·2 − .25·100 = −23.5; b = 3 − 100 = −97; c = .75 − 50 = −49.25.
    result = mcda.weighted_sum(problem, "aucune")
    assert result.scores == pytest.approx([-23.5, -97.0, -49.25])
    assert result.ranks.tolist() == [1, 3, 2]
    # min-max (the default): effect 1/3, 1, 0; cost 1, 0, 2/3.
    # a = .25 + .25 = .5; b = .75; c = 1/6.
    assert mcda.weighted_sum(problem).scores == pytest.approx([0.5, 0.75, 1 / 6])
    assert mcda.rank(problem, "somme-ponderee", "aucune").scores == pytest.approx(result.scores)


def test_max_normalisation_needs_a_ratio_scale() -> None:
    criteria = [Criterion("effet", 1, "max"), Criterion("coût", 1, "min")]
    problem = make_problem(criteria, ["a", "b"], [[-1, 10], [2, 0]])
    with pytest.raises(InvalidProblem) as caught:
        mcda.weighted_sum(problem, "max")
    assert [path for path, _ in caught.value.errors] == [
        "alternatives[0].values.effet",
        "alternatives[1].values.coût",
    ]
    assert "valeurs > 0 pour un critère « min »" in caught.value.errors[1][1]


def test_topsis_min_max_by_hand() -> None:
    # One benefit criterion (weight 1): r = 0, .5, 1; ideal 1, anti-ideal 0; C = r.
    problem = make_problem([Criterion("c", 1)], ["a", "b", "c"], [[1], [2], [3]])
    assert mcda.topsis(problem, "min-max").scores == pytest.approx([0, 0.5, 1])
    with pytest.raises(ValueError, match="allowed: vecteur, min-max"):
        mcda.topsis(problem, "max")


def test_rank_refuses_a_normalisation_for_promethee() -> None:
    with pytest.raises(ValueError, match="takes no normalisation"):
        mcda.rank(aircraft(), "promethee2", "min-max")


# --- The six preference functions (Brans & Vincke 1985) --------------------------------------

# Brans, Vincke & Mareschal (1986), "How to select and how to rank projects: the PROMETHEE
# method", European Journal of Operational Research 24(2) 228–238: six sites for a
# hydro-electric power station, six criteria each with another preference function type,
# equal weights. Columns: manpower (min, u-shape q = 10), power in MW (max, v-shape p = 30),
# construction cost (min, linear q = 0.5 p = 5), maintenance cost (min, level q = 1 p = 6),
# villages to evacuate (min, usual), security level (max, gaussian s = 5).
HYDRO = [
    [80, 90, 6, 5.4, 8, 5],
    [65, 58, 2, 9.7, 1, 1],
    [83, 60, 4, 7.2, 4, 7],
    [40, 80, 10, 7.5, 7, 10],
    [52, 72, 6, 2.0, 3, 8],
    [94, 96, 7, 3.6, 5, 6],
]
# The example's table of preference indices π(a_i, a_j), to three decimals.
HYDRO_PI = [
    [0.000, 0.296, 0.250, 0.268, 0.100, 0.185],
    [0.462, 0.000, 0.389, 0.333, 0.296, 0.500],
    [0.236, 0.180, 0.000, 0.333, 0.056, 0.429],
    [0.399, 0.505, 0.305, 0.000, 0.223, 0.212],
    [0.444, 0.515, 0.487, 0.380, 0.000, 0.448],
    [0.286, 0.399, 0.250, 0.432, 0.133, 0.000],
]


def hydro() -> mcda.Problem:
    criteria = [
        Criterion("main-d'œuvre", 1, "min", Preference("u-shape", q=10)),
        Criterion("puissance", 1, "max", Preference("v-shape", p=30)),
        Criterion("construction", 1, "min", Preference("linear", q=0.5, p=5)),
        Criterion("entretien", 1, "min", Preference("level", q=1, p=6)),
        Criterion("villages", 1, "min", Preference("usual")),
        Criterion("sécurité", 1, "max", Preference("gaussian", s=5)),
    ]
    return make_problem(criteria, [f"a{i + 1}" for i in range(6)], HYDRO)


def test_promethee_reproduces_the_hydro_power_station_example() -> None:
    result = mcda.promethee_ii(hydro())
    # Every index within the table's rounding (half a unit of the third decimal, plus the
    # rounding of the published table's own intermediate values).
    assert result.preference == pytest.approx(np.array(HYDRO_PI), abs=1.5e-3)
    pi = np.array(HYDRO_PI)
    assert result.positive_flow == pytest.approx(pi.sum(axis=1) / 5, abs=2e-3)
    assert result.negative_flow == pytest.approx(pi.sum(axis=0) / 5, abs=2e-3)
    assert mcda.ranking(result)[0].alternative == "a5"


@pytest.mark.parametrize(
    ("function", "pymcdm_name", "uses"),
    [("u-shape", "ushape", "q"), ("v-shape", "vshape", "p"), ("level", "level", "qp")],
)
@pytest.mark.parametrize("seed", range(3))
def test_promethee_functions_match_pymcdm(
    function: str, pymcdm_name: str, uses: str, seed: int
) -> None:
    rng = np.random.default_rng(400 + seed)
    q = rng.uniform(0, 2, size=5).round(2)
    p = q + rng.uniform(0.5, 6, size=5).round(2)
    prefs = [Preference(function, float(q[j]), float(p[j])) for j in range(5)]  # type: ignore[arg-type]
    problem, values, weights, types = random_problem(rng, preferences=prefs)
    kwargs = {"q": q} if uses == "q" else {"p": p} if uses == "p" else {"p": p, "q": q}
    expected = PROMETHEE_II(pymcdm_name, **kwargs)(values, weights, types)
    assert mcda.promethee_ii(problem).scores == pytest.approx(expected, abs=1e-12)


def test_each_preference_function_by_hand() -> None:
    d = np.array([-3.0, 0.0, 0.5, 1.0, 2.0, 3.0, 4.0])
    degree = mcda.preference_degree
    assert degree(d, Preference("usual")).tolist() == [0, 0, 1, 1, 1, 1, 1]
    assert degree(d, Preference("u-shape", q=1)).tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert degree(d, Preference("v-shape", p=2)).tolist() == [0, 0, 0.25, 0.5, 1, 1, 1]
    assert degree(d, Preference("level", q=1, p=3)).tolist() == [0, 0, 0, 0, 0.5, 0.5, 1]
    assert degree(d, Preference("linear", q=1, p=3)).tolist() == [0, 0, 0, 0, 0.5, 1, 1]
    # 1 − exp(−d² / 2s²) with s = 2: d = 2 → 1 − e^(−1/2); d = 4 → 1 − e^(−2).
    gaussian = degree(d, Preference("gaussian", s=2))
    assert gaussian[:2].tolist() == [0, 0]
    assert gaussian[4] == pytest.approx(1 - np.exp(-0.5), rel=1e-15)
    assert gaussian[6] == pytest.approx(1 - np.exp(-2.0), rel=1e-15)


@pytest.mark.parametrize(
    ("preference", "path", "message"),
    [
        (Preference("u-shape", q=-1), "preference.q", "q doit être ≥ 0"),
        (Preference("v-shape", p=0), "preference.p", "p doit être strictement positif"),
        (Preference("level", q=2, p=2), "preference.p", "strictement supérieur"),
        (Preference("gaussian", s=0), "preference.s", "s de la gaussienne"),
        (Preference("gaussian", s=float("inf")), "preference.s", "nombre fini"),
    ],
)
def test_preference_thresholds_are_checked(preference: Preference, path: str, message: str) -> None:
    errors = mcda.criterion_errors(Criterion("c", 1, "max", preference))
    assert [p for p, _ in errors] == [path]
    assert message in errors[0][1]
