"""The perimeter aggregation rules (ressort/analysis/aggregation.py)."""

from __future__ import annotations

import pytest

from ressort.analysis.aggregation import Part, UnknownRule, aggregate

POP = {"a": 30000.0, "b": 10000.0}


def test_sum_max_and_missing_communes() -> None:
    parts = [Part("a", 2.0), Part("b", None), Part("c", 5.0)]
    assert aggregate("somme", parts, POP) == 7.0
    assert aggregate("max", parts, POP) == 5.0
    assert aggregate("somme", [Part("a", None)], POP) is None  # missing is not zero


def test_population_weighted_mean() -> None:
    # 20 % in a (30 000 inhabitants) and 10 % in b (10 000): (0.2×30 000 + 0.1×10 000)/40 000
    parts = [Part("a", 20.0), Part("b", 10.0)]
    assert aggregate("moyenne_ponderee_population", parts, POP) == pytest.approx(17.5)
    assert aggregate("moyenne_ponderee_population", [Part("x", 3.0)], POP) is None


def test_ratio_per_inhabitant_and_days() -> None:
    ratio = [Part("a", numerator=48, denominator=50), Part("b", numerator=20, denominator=20)]
    assert aggregate("ratio", ratio, POP) == pytest.approx(100 * 68 / 70)
    assert aggregate("par_habitant", [Part("a", 400000.0)], POP) == pytest.approx(10.0)
    days = [
        Part("a", days=frozenset({"2025-06-20", "2025-06-21"})),
        Part("b", days=frozenset({"2025-06-21"})),
    ]
    assert aggregate("jours_distincts", days, POP) == 2.0
    assert aggregate("jours_distincts", [], POP) is None
    with pytest.raises(UnknownRule):
        aggregate("mediane", days, POP)
