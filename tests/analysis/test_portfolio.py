"""Co-benefits, points de vigilance, the portfolio against gaps, and conflicts (pure)."""

import pytest

from ressort.analysis import portfolio as pf
from ressort.analysis.effect_drawing import EffectSegment, effect_svg


def test_profile_co_benefits_and_trade_offs_between_dimensions() -> None:
    p = pf.profile({"water": 2, "food": 1, "energy": -1, "health": 0}, order=["food", "water"])
    assert p.co_benefits == ("water", "food")  # strongest first
    assert p.is_co_beneficial and p.balance == 2
    assert p.harmed == ("energy",)
    assert [(v.kind, v.helped, v.harmed) for v in p.vigilance] == [
        ("dimension", "water", "energy"),
        ("dimension", "food", "energy"),
    ]


def test_profile_helps_today_harms_under_a_scenario() -> None:
    p = pf.profile(
        {"water": 1},
        {"+4 °C": {"water": -1, "food": 0}, "+2 °C": {"water": 1}},
    )
    assert p.vigilance == (pf.Vigilance("scenario", "water", "water", 1, -1, "+4 °C"),)
    assert p.harmed == ("water",)
    # a dimension already harmed today and no worse under the scenario is not repeated
    same = pf.profile({"water": -1}, {"s": {"water": -1}})
    assert [v.kind for v in same.vigilance] == []
    assert same.harmed == ("water",)


def test_profile_without_anything() -> None:
    p = pf.profile({})
    assert p == pf.Profile((), (), (), 0) and not p.is_co_beneficial


@pytest.mark.parametrize("bad", [3, -3, 1.5, True, "1"])
def test_effects_are_checked(bad: object) -> None:
    with pytest.raises(ValueError):
        pf.profile({"water": bad})  # type: ignore[dict-item]


def test_portfolio_against_gaps() -> None:
    actions = {"Récupérer l'eau": {"freshwater": 2, "energy": -1}, "Bus": {"climate_change": 1}}
    gaps = {
        "freshwater": "overshoot",
        "energy": "shortfall",
        "housing": "shortfall",
        "food": "safe",
        "water": "missing",
    }
    result = pf.portfolio(actions, gaps)
    assert [g.code for g in result.gaps] == ["freshwater", "energy", "housing"]
    assert result.gaps[0].improving == ("Récupérer l'eau",) and result.gaps[0].addressed
    assert result.gaps[1].worsening == ("Récupérer l'eau",) and not result.gaps[1].addressed
    assert result.unaddressed == ("energy", "housing")
    assert result.worsened_gaps == ("energy",)
    assert result.net == {"freshwater": 2, "energy": -1, "climate_change": 1}


def test_opposite_pushes_and_pairs() -> None:
    actions = {
        "Irrigation": {"food": 2, "freshwater": -2},
        "Sobriété": {"freshwater": 1},
        "Retenue": {"freshwater": -1, "food": 1},
    }
    pushes = pf.opposite_pushes(actions)
    assert [(c.dimension, c.improving, c.worsening, c.severity) for c in pushes] == [
        ("freshwater", "Sobriété", "Irrigation", 1),
        ("freshwater", "Sobriété", "Retenue", 1),
    ]
    assert pf.pairs_in_conflict(actions) == {
        frozenset({"Irrigation", "Sobriété"}),
        frozenset({"Retenue", "Sobriété"}),
    }


def test_shared_resources() -> None:
    uses = {"A": ["Nappe", "Sol"], "B": ["Nappe"], "C": ["Sol", "Sol"], "D": []}
    assert pf.shared_resources(uses) == [
        pf.SharedResource("Nappe", ("A", "B")),
        pf.SharedResource("Sol", ("A", "C")),
    ]


def test_effect_svg_is_accessible_and_marks_signs() -> None:
    svg = effect_svg(
        [EffectSegment("food", "Alimentation", 2), EffectSegment("water", "Eau", None)],
        [EffectSegment("freshwater", "Eau douce", -1)],
        ident="a1",
    )
    assert 'role="img"' in svg and 'aria-labelledby="a1-titre a1-desc"' in svg
    assert "Améliore : Alimentation. Dégrade : Eau douce. 1 dimension non évaluée." in svg
    assert "++" in svg and "stroke-dasharray" in svg
    ring = effect_svg([EffectSegment("L1.1", "Gouvernance", 0)])
    assert ring.count("<path") == 1
    with pytest.raises(ValueError):
        effect_svg([])


def _brute_force(actions: dict[str, dict[str, int]]) -> list[pf.OppositePush]:
    """The definition, written plainly: every pair, sorted by severity then names."""
    found = [
        pf.OppositePush(code, p, ep[code], m, em[code])
        for p, ep in actions.items()
        for m, em in actions.items()
        for code in ep
        if ep[code] > 0 and em.get(code, 0) < 0
    ]
    return sorted(found, key=lambda c: (-c.severity, c.dimension, c.improving, c.worsening))


@pytest.mark.parametrize("seed", range(5))
def test_opposite_pushes_match_the_definition_and_stop_at_the_limit(seed: int) -> None:
    import random

    rng = random.Random(seed)
    actions = {
        f"a{i:02d}": {c: rng.randint(-2, 2) for c in ("eau", "sol", "air") if rng.random() < 0.8}
        for i in range(25)
    }
    expected = _brute_force(actions)
    assert pf.opposite_pushes(actions) == expected
    assert pf.opposite_pushes(actions, limit=7) == expected[:7]
    assert pf.count_opposite_pushes(actions) == len(expected)


def test_opposite_pushes_scale_past_500_actions() -> None:
    """600 actions on 9 dimensions, half improving and half worsening each: about 800,000
    pushes in all; the first hundred and the count come well under a second."""
    import time

    actions = {
        f"action {i:03d}": {f"d{k}": (2 if (i + k) % 2 else -2) - (i % 3 == 0) for k in range(9)}
        for i in range(600)
    }
    actions = {n: {c: max(-2, min(2, v)) for c, v in e.items()} for n, e in actions.items()}
    start = time.perf_counter()
    first = pf.opposite_pushes(actions, limit=100)
    total = pf.count_opposite_pushes(actions)
    elapsed = time.perf_counter() - start
    assert len(first) == 100 and total > 700_000
    assert all(p.severity == 2 for p in first)
    assert elapsed < 1.0, elapsed
