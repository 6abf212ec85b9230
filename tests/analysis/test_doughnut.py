"""The Doughnut rule on its edge cases: missing data, exactly on a threshold, directions."""

import numpy as np
import pytest

from ressort.analysis.doughnut import (
    Direction,
    IndicatorInput,
    Ring,
    Status,
    bulk_status,
    dimension_statuses,
    indicator_status,
)

H, L = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
S, E = Ring.SOCIAL, Ring.ECOLOGICAL


def status(ring: Ring, direction: Direction, threshold: float, value: float | None, **kw: float):
    return indicator_status(IndicatorInput("i", "d", ring, direction, threshold, value, **kw))


def test_social_higher_is_better() -> None:
    below = status(S, H, 90.0, 81.0)
    assert below.status == Status.SHORTFALL and below.gap == pytest.approx(0.1)
    assert status(S, H, 90.0, 95.0).status == Status.SAFE


def test_social_lower_is_better() -> None:
    poverty = status(S, L, 10.0, 14.0)
    assert poverty.status == Status.SHORTFALL and poverty.gap == pytest.approx(0.4)
    assert status(S, L, 10.0, 8.0).gap == 0


def test_ecological_lower_is_better_and_preindustrial_reference() -> None:
    co2 = status(E, L, 1.61, 5.474)
    assert co2.status == Status.OVERSHOOT
    assert co2.ratio == pytest.approx(3.4) and co2.gap == pytest.approx(2.4)
    # (v − p)/(t − p): 350 ppm limit, 280 ppm pre-industrial, 420 observed → ratio 2.
    ppm = status(E, L, 350.0, 420.0, preindustrial=280.0)
    assert ppm.ratio == pytest.approx(2.0) and ppm.gap == pytest.approx(1.0)


def test_ecological_higher_is_better() -> None:
    natural_land = status(E, H, 30.0, 24.0)
    assert natural_land.status == Status.OVERSHOOT and natural_land.gap == pytest.approx(0.2)


@pytest.mark.parametrize(("ring", "direction"), [(S, H), (S, L), (E, H), (E, L)])
def test_exactly_on_the_threshold_is_safe(ring: Ring, direction: Direction) -> None:
    result = status(ring, direction, 42.0, 42.0)
    assert result.status == Status.SAFE and result.gap == 0


def test_missing_is_missing_never_zero() -> None:
    result = status(S, H, 90.0, None)
    assert result.status == Status.MISSING and result.gap is None and result.ratio is None


def test_bad_threshold_is_refused_in_french() -> None:
    with pytest.raises(ValueError, match="le seuil doit être un nombre non nul"):
        status(S, H, 0.0, 1.0)


def test_dimension_takes_its_worst_indicator_and_keeps_missing_ones() -> None:
    items = [
        indicator_status(IndicatorInput("a", "logement", S, H, 100, 95)),
        indicator_status(IndicatorInput("b", "logement", S, L, 10, 13)),
        indicator_status(IndicatorInput("c", "logement", S, H, 50, None)),
        indicator_status(IndicatorInput("d", "eau", S, H, 100, None)),
        indicator_status(IndicatorInput("e", "climat", E, L, 2, 2)),
    ]
    dims = {"logement": S, "eau": S, "climat": E, "sante": S}
    result = {d.dimension: d for d in dimension_statuses(items, dims)}
    assert result["logement"].status == Status.SHORTFALL
    assert result["logement"].worst_indicator == "b"
    assert result["logement"].gap == pytest.approx(0.3)
    assert (result["logement"].indicators_with_data, result["logement"].indicators) == (2, 3)
    assert result["eau"].status == Status.MISSING and result["eau"].indicators == 1
    assert result["sante"].status == Status.MISSING and result["sante"].indicators == 0
    assert result["climat"].status == Status.SAFE and result["climat"].worst_indicator is None
    assert list(result) == ["logement", "eau", "climat", "sante"]


def test_bulk_matches_the_single_rule() -> None:
    rng = np.random.default_rng(7)
    rings = [S, S, E, E]
    directions = [H, L, L, H]
    thresholds = np.array([90.0, 10.0, 2.0, 30.0])
    values = rng.uniform(0, 120, size=(50, 4))
    values[3, 1] = np.nan
    values[5, 2] = 2.0
    bulk = bulk_status(values, thresholds, rings, directions)
    for row in range(50):
        for col in range(4):
            v = values[row, col]
            single = indicator_status(
                IndicatorInput(
                    "i",
                    "d",
                    rings[col],
                    directions[col],
                    thresholds[col],
                    None if np.isnan(v) else float(v),
                )
            )
            assert bulk.status[row, col] == single.status.value
            if single.gap is None:
                assert np.isnan(bulk.gap[row, col])
            else:
                assert bulk.gap[row, col] == pytest.approx(single.gap)
