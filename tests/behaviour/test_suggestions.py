"""Suggestion rule of ressort.analysis.behaviour_wheel, on the published links."""

from __future__ import annotations

import pytest

from ressort.analysis.behaviour_wheel import Determinant, Kind, suggest
from ressort.behaviour.wheel import read_wheel


def test_only_components_with_barriers_point_to_functions() -> None:
    wheel = read_wheel().wheel
    result = suggest(
        wheel,
        [
            Determinant("O-Ph", Kind.BARRIER, 3),  # no shower nor shelter for bikes
            Determinant("M-Re", Kind.BARRIER, 1),  # « le vélo, c'est pour les sportifs »
            Determinant("C-Ps", Kind.LEVER, 2),  # people know the routes
        ],
    )
    assert result.components_to_change == ("O-Ph", "M-Re")
    scores = {s.function: s.score for s in result.suggestions}
    # O-Ph (3): training, restriction, environmental restructuring, enablement;
    # M-Re (1): education, persuasion, incentivisation, coercion.
    assert scores == {
        "training": 3,
        "restriction": 3,
        "environmental_restructuring": 3,
        "enablement": 3,
        "education": 1,
        "persuasion": 1,
        "incentivisation": 1,
        "coercion": 1,
    }
    assert [s.function for s in result.suggestions][:2] == ["training", "restriction"]
    assert result.suggestions[0].because == ("O-Ph",)
    lever = next(n for n in result.needs if n.component == "C-Ps")
    assert lever.levers == 2 and not lever.needs_change


def test_a_function_linked_to_two_components_adds_their_weights() -> None:
    wheel = read_wheel().wheel
    result = suggest(
        wheel, [Determinant("M-Au", Kind.BARRIER, 2), Determinant("O-So", Kind.BARRIER, 2)]
    )
    top = result.suggestions[0]
    assert top.function == "environmental_restructuring" and top.score == 4
    assert top.because == ("O-So", "M-Au")


def test_no_barrier_no_suggestion_and_bad_input_is_refused() -> None:
    wheel = read_wheel().wheel
    assert suggest(wheel, [Determinant("C-Ph", Kind.LEVER, 3)]).suggestions == ()
    with pytest.raises(ValueError, match="hors de l'échelle"):
        suggest(wheel, [Determinant("C-Ph", Kind.BARRIER, 5)])
    with pytest.raises(ValueError, match="Composante COM-B inconnue"):
        suggest(wheel, [Determinant("X", Kind.BARRIER, 1)])
