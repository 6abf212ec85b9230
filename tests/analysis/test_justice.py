"""A just transition: the portfolio per group, regressive flags, representation,
acceptability."""

from __future__ import annotations

import pytest

from ressort.analysis.justice import (
    Confidence,
    Group,
    GroupEffect,
    Verdict,
    acceptability,
    portfolio_justice,
    regressive_flags,
    representation,
)

GROUPS = [Group("Ménages modestes", vulnerable=True, size=1200), Group("Ménages aisés", size=800)]


def test_portfolio_per_group() -> None:
    effects = [
        GroupEffect("Péage urbain", "Ménages modestes", gain=1, cost=3, exclusion=2),
        GroupEffect("Péage urbain", "Ménages aisés", gain=1, cost=1, exclusion=0),
        GroupEffect("Rénovation aidée", "Ménages modestes", 3, 0, 0, Confidence.LOW),
    ]
    poor, rich = portfolio_justice(GROUPS, effects)
    assert (poor.gains, poor.costs, poor.net) == (4, 3, 1) and poor.verdict == Verdict.SERVED
    assert poor.exclusion_risks == ("Péage urbain",) and poor.low_confidence == 1
    assert rich.verdict == Verdict.BALANCED and rich.actions == 1
    assert portfolio_justice([Group("Seul")], [])[0].verdict == Verdict.UNTOUCHED


def test_regressive_flags_only_on_vulnerable_groups() -> None:
    flags = regressive_flags(
        GROUPS,
        [
            GroupEffect("Péage urbain", "Ménages modestes", 1, 3, 2),
            GroupEffect("Péage urbain", "Ménages aisés", 0, 3, 3),
            GroupEffect("Rénovation aidée", "Ménages modestes", 3, 1, 0),
        ],
    )
    assert [(f.action, f.group) for f in flags] == [("Péage urbain", "Ménages modestes")]
    assert flags[0].reasons == ("coût 3 supérieur au gain 1", "risque d'exclusion 2 sur 3")


def test_scale_and_unknown_group_refused() -> None:
    with pytest.raises(ValueError, match="Coût 4 hors de l'échelle"):
        portfolio_justice(GROUPS, [GroupEffect("A", "Ménages aisés", 0, 4, 0)])
    with pytest.raises(ValueError, match="Groupe inconnu"):
        regressive_flags(GROUPS, [GroupEffect("A", "Jeunes", 0, 0, 0)])


def test_representation_ratio() -> None:
    # 60 % of the population is under 60 but only 20 % of the participants were.
    rows = representation(
        {"Moins de 60 ans": 600, "60 ans et plus": 400}, {"Moins de 60 ans": 2, "60 ans et plus": 8}
    )
    young, old = rows
    assert young.population_share == pytest.approx(
        0.6
    ) and young.participant_share == pytest.approx(0.2)
    assert young.ratio == pytest.approx(1 / 3) and young.under_represented
    assert old.ratio == pytest.approx(2.0) and not old.under_represented
    with pytest.raises(ValueError, match="absentes de la population"):
        representation({"A": 1}, {"B": 1})
    empty = representation({"A": 0}, {})
    assert empty[0].ratio is None and not empty[0].under_represented


def test_acceptability_per_action_and_group() -> None:
    rows = acceptability(
        [
            ("Péage", "Modestes", 1, 1, 1),
            ("Péage", "Modestes", 3, 2, 1),
            ("Péage", "Aisés", 4, 4, 1),
        ]
    )
    modest, rich = rows
    assert modest.answers == 2 and modest.acceptable == 2 and modest.affordable == 1.5
    assert modest.share_acceptable == 0.5 and rich.share_acceptable == 1
    with pytest.raises(ValueError, match="hors de l'échelle 1 à 4"):
        acceptability([("A", "B", 5, 1, 1)])


def test_acceptability_counts_each_row_as_many_people_as_it_says() -> None:
    # 3 people at (1, 2) and 1 at (4, 4): means (3 + 4) / 4 and (6 + 4) / 4, one in four finds
    # it acceptable — the same as four separate rows.
    weighted = acceptability([("Péage", "Modestes", 1, 2, 3), ("Péage", "Modestes", 4, 4, 1)])
    separate = acceptability(
        [("Péage", "Modestes", 1, 2, 1)] * 3 + [("Péage", "Modestes", 4, 4, 1)]
    )
    assert weighted == separate
    (row,) = weighted
    assert row.answers == 4 and row.acceptable == 1.75 and row.affordable == 2.5
    assert row.share_acceptable == 0.25
    with pytest.raises(ValueError, match="inférieur à 1"):
        acceptability([("A", "B", 2, 2, 0)])
