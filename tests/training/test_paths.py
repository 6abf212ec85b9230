"""The path proposal rule of ressort.analysis.training_paths."""

from __future__ import annotations

import pytest

from ressort.analysis.training_paths import ModuleInfo, gap, propose

ALL = ("elus", "direction", "agents", "partenaires")


def m(
    code: str,
    phase: str,
    topics: tuple[str, ...],
    *,
    audiences: tuple[str, ...] = ALL,
    trades: tuple[str, ...] = (),
    pre: tuple[str, ...] = (),
    format: str = "atelier",
) -> ModuleInfo:
    return ModuleInfo(code, audiences, trades, phase, topics, pre, format)


CATALOGUE = [
    m("intro", "1", ("resilience",), format="conference"),
    m("climat", "1", ("climat",), pre=("intro",)),
    m("donut", "1", ("donut",)),
    m(
        "voirie",
        "3B",
        ("amenagement",),
        audiences=("agents",),
        trades=("voirie",),
        pre=("climat",),
        format="formation-action",
    ),
    m(
        "achats",
        "3B",
        ("achats",),
        audiences=("agents",),
        trades=("achats",),
        format="formation-action",
    ),
    m("pilotage", "3C", ("pilotage",), audiences=("elus", "direction")),
]


def test_gap_scale() -> None:
    assert gap(4) == 0 and gap(0) == 1 and gap(2) == 0.5 and gap(None) == 0.5
    with pytest.raises(ValueError, match="hors de l'échelle"):
        gap(5)


def test_the_least_mastered_topics_come_first_with_a_formation_action_and_prerequisites() -> None:
    needs = {"resilience": 3.0, "climat": 1.0, "donut": 0.0, "amenagement": 0.0}
    steps = propose(CATALOGUE, needs, audience="agents", trade="voirie", phase="2", size=2)
    codes = [s.code for s in steps]
    # Step 2: modules of steps 1–3A only, so « voirie » (3B) is out, and there is no other
    # formation-action for the roads service in reach.
    assert codes == ["donut", "intro", "climat"]  # a prerequisite always before its module
    assert steps[0].need == 1.0 and steps[2].need == 0.75
    assert steps[1].reason == "prerequis" and steps[1].required_by == "climat"


def test_next_step_modules_trade_filter_and_prerequisite_chain() -> None:
    needs = {"amenagement": 0.0, "achats": 0.0}
    steps = propose(CATALOGUE, needs, audience="agents", trade="voirie", phase="3A", size=1)
    # The formation-action of the next step is added, its prerequisite chain before it.
    assert [s.code for s in steps] == ["intro", "climat", "voirie"]  # not « achats »
    assert steps[2].need == 1.0 and steps[2].reason == "besoin"


def test_elected_officials_do_not_get_agents_modules_and_bad_input_is_refused() -> None:
    steps = propose(CATALOGUE, {}, audience="elus", phase="3C", size=10)
    assert {s.code for s in steps} == {"intro", "climat", "donut", "pilotage"}
    assert steps[-1].code == "pilotage"  # step 3C last
    with pytest.raises(ValueError, match="Public inconnu"):
        propose(CATALOGUE, {}, audience="habitants")
    with pytest.raises(ValueError, match="Étape inconnue"):
        propose(CATALOGUE, {}, audience="elus", phase="9")
