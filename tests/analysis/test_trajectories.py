"""Trajectories: target path, least-squares trend with its uncertainty, on/off-track rules.

Every expected number below is worked out by hand in the comments.
"""

import math

import pytest

from ressort.analysis.trajectories import (
    Direction,
    Track,
    linear_trend,
    national_target_milestones,
    t_quantile,
    target_path,
    track_status,
)

LOWER = Direction.LOWER_IS_BETTER
HIGHER = Direction.HIGHER_IS_BETTER


def test_path_interpolates_between_milestones_and_holds_after_the_last() -> None:
    path = target_path(2020, 100.0, [(2050, 0.0), (2030, 60.0)])
    assert path.points == ((2020, 100.0), (2030, 60.0), (2050, 0.0))
    assert path.value_at(2019) is None
    assert path.value_at(2020) == 100.0
    assert path.value_at(2025) == pytest.approx(80.0)  # halfway from 100 to 60
    assert path.value_at(2040) == pytest.approx(30.0)  # halfway from 60 to 0
    assert path.value_at(2060) == 0.0
    assert path.next_milestone(2029) == (2030, 60.0)
    assert path.next_milestone(2030) == (2050, 0.0)
    assert path.next_milestone(2050) is None


def test_path_refuses_milestones_before_baseline_or_twice_the_same_year() -> None:
    with pytest.raises(ValueError, match="Jalon 2019"):
        target_path(2020, 1.0, [(2019, 0.0)])
    with pytest.raises(ValueError, match="même année"):
        target_path(2020, 1.0, [(2030, 0.0), (2030, 1.0)])
    with pytest.raises(ValueError, match="nombre fini"):
        target_path(2020, float("nan"), [])


def test_national_target_as_a_percentage_change_of_the_baseline() -> None:
    # −50 % by 2030 and −100 % by 2050 from 200 → 100 then 0; +20 % → 240.
    assert national_target_milestones(200.0, [(2030, -50.0), (2050, -100.0)]) == [
        (2030, 100.0),
        (2050, 0.0),
    ]
    assert national_target_milestones(200.0, [(2040, 20.0)]) == [(2040, 240.0)]
    with pytest.raises(ValueError, match="−100"):
        national_target_milestones(200.0, [(2030, -120.0)])


@pytest.mark.parametrize(
    ("df", "expected"),
    # Student's t table, 95 % two-sided (97.5th percentile).
    [(1, 12.7062), (2, 4.3027), (3, 3.1824), (5, 2.5706), (10, 2.2281), (30, 2.0423)],
)
def test_student_quantiles_match_the_table(df: int, expected: float) -> None:
    assert t_quantile(0.95, df) == pytest.approx(expected, abs=1e-4)


def test_student_quantiles_match_scipy() -> None:
    stats = pytest.importorskip("scipy.stats")
    for df in (1, 2, 3, 4, 7, 8, 13, 40):
        for level in (0.8, 0.9, 0.95, 0.99):
            assert t_quantile(level, df) == pytest.approx(
                stats.t.ppf((1 + level) / 2, df), rel=1e-8
            )


def test_trend_by_hand() -> None:
    # x = 0..3 (2020..2023), y = 1, 3, 2, 4: x̄ = 1.5, ȳ = 2.5, Sxx = 5, Sxy = 4,
    # slope 0.8, value at 2020 1.3; residuals −0.3, 0.9, −0.9, 0.3 → SSE 1.8,
    # s = √(1.8/2) = 0.948683, se(slope) = s/√5 = 0.424264.
    trend = linear_trend([(2020, 1.0), (2021, 3.0), (2022, 2.0), (2023, 4.0)])
    assert trend is not None
    assert trend.slope == pytest.approx(0.8)
    assert trend.predict(2020).value == pytest.approx(1.3)
    assert trend.residual_sd == pytest.approx(math.sqrt(0.9))
    assert trend.slope_se == pytest.approx(0.424264, abs=1e-6)
    # In 2030 (x = 10): ŷ = 1.3 + 8 = 9.3; half-width = t(0.975, 2) · s · √(1 + 1/4 + 8.5²/5)
    # = 4.302653 × 0.948683 × √15.7 = 16.1736.
    pred = trend.predict(2030)
    assert pred.value == pytest.approx(9.3)
    assert pred.low == pytest.approx(9.3 - 16.1736, abs=1e-3)
    assert pred.high == pytest.approx(9.3 + 16.1736, abs=1e-3)


def test_trend_matches_scipy_linregress() -> None:
    stats = pytest.importorskip("scipy.stats")
    xs = [2011, 2012, 2014, 2015, 2018, 2021]
    ys = [5.2, 5.0, 4.9, 4.1, 4.4, 3.6]
    ref = stats.linregress(xs, ys)
    trend = linear_trend(list(zip(xs, ys, strict=True)))
    assert trend is not None
    assert trend.slope == pytest.approx(ref.slope)
    assert trend.intercept == pytest.approx(ref.intercept)
    assert trend.slope_se == pytest.approx(ref.stderr)
    assert trend.intercept_se == pytest.approx(ref.intercept_stderr)


def test_trend_edge_cases() -> None:
    assert linear_trend([]) is None
    assert linear_trend([(2020, 5.0)]) is None  # one point: no trend
    two = linear_trend([(2020, 5.0), (2022, 9.0)])
    assert two is not None and two.slope == 2.0 and two.residual_sd is None
    assert two.predict(2030).low is None  # exact line, unknown uncertainty
    flat = linear_trend([(2020, 7.0), (2021, 7.0), (2022, 7.0)])
    assert flat is not None and flat.slope == 0.0 and flat.residual_sd == 0.0
    assert flat.predict(2040).low == flat.predict(2040).high == pytest.approx(7.0)
    with pytest.raises(ValueError, match="même année"):
        linear_trend([(2020, 1.0), (2020, 2.0)])


# A lower-is-better indicator (e.g. ktCO₂e): 100 in 2020, 60 in 2030, 0 in 2050.
EMISSIONS = target_path(2020, 100.0, [(2030, 60.0), (2050, 0.0)])


def test_on_track_when_the_trend_meets_the_next_milestone() -> None:
    # −4 a year: 100, 96, 92 → 60 in 2030 exactly; no scatter so the interval is a point.
    result = track_status(EMISSIONS, [(2020, 100.0), (2021, 96.0), (2022, 92.0)], LOWER)
    assert result.status == Track.ON_TRACK
    assert result.basis == "trend" and result.horizon == 2030
    assert result.expected == pytest.approx(60.0)
    assert result.shortfall == pytest.approx(0.0)
    assert result.tolerance == pytest.approx(4.0)  # 10 % of the planned change of 40
    assert result.certain


def test_off_track_when_the_trend_misses_by_more_than_the_tolerance() -> None:
    # −2 a year → 80 in 2030, 20 above the target of 60, tolerance 4.
    result = track_status(EMISSIONS, [(2020, 100.0), (2021, 98.0), (2022, 96.0)], LOWER)
    assert result.status == Track.OFF_TRACK
    assert result.expected == pytest.approx(80.0)
    assert result.shortfall == pytest.approx(20.0)
    # −3.5 a year → 65 in 2030, 5 above: off with 10 %, on with 15 % (tolerance 6).
    obs = [(2020, 100.0), (2022, 93.0)]
    assert track_status(EMISSIONS, obs, LOWER).status == Track.OFF_TRACK
    assert track_status(EMISSIONS, obs, LOWER, tolerance=0.15).status == Track.ON_TRACK


def test_flat_values_are_off_track_on_a_falling_path() -> None:
    result = track_status(EMISSIONS, [(2020, 100.0), (2021, 100.0), (2022, 100.0)], LOWER)
    assert result.status == Track.OFF_TRACK
    assert result.shortfall == pytest.approx(40.0)
    assert result.certain  # no scatter at all


def test_opposite_directions() -> None:
    # The same rising observations: on track for a rising higher-is-better target, off track
    # for a falling lower-is-better one.
    rising = [(2020, 10.0), (2021, 12.0), (2022, 14.0)]  # +2 a year → 30 in 2030
    up = target_path(2020, 10.0, [(2030, 30.0)])
    down = target_path(2020, 10.0, [(2030, 5.0)])
    assert track_status(up, rising, HIGHER).status == Track.ON_TRACK
    result = track_status(down, rising, LOWER)
    assert result.status == Track.OFF_TRACK
    assert result.shortfall == pytest.approx(25.0)
    # Higher is better, falling values: shortfall counted below the target.
    falling = [(2020, 10.0), (2021, 9.0), (2022, 8.0)]  # → 0 in 2030
    assert track_status(up, falling, HIGHER).shortfall == pytest.approx(30.0)
    # Doing better than planned is never a shortfall.
    assert track_status(down, [(2020, 10.0), (2021, 9.0), (2022, 8.0)], LOWER).shortfall == 0


def test_target_already_reached() -> None:
    result = track_status(EMISSIONS, [(2020, 100.0), (2022, -1.0)], LOWER)
    assert result.status == Track.REACHED and result.target == 0.0
    up = target_path(2020, 10.0, [(2030, 30.0)])
    assert track_status(up, [(2023, 31.0)], HIGHER).status == Track.REACHED


def test_one_point_is_compared_with_the_path_at_its_year() -> None:
    # The path is at 80 in 2025; tolerance 10 % of the change 100 → 80 = 2.
    off = track_status(EMISSIONS, [(2025, 85.0)], LOWER)
    assert off.status == Track.OFF_TRACK and off.basis == "latest"
    assert off.target == pytest.approx(80.0) and off.shortfall == pytest.approx(5.0)
    assert track_status(EMISSIONS, [(2025, 81.0)], LOWER).status == Track.ON_TRACK
    assert not off.certain  # no interval from a single value


def test_after_the_last_milestone_the_latest_value_is_compared_with_the_final_target() -> None:
    path = target_path(2020, 100.0, [(2030, 60.0)])
    result = track_status(path, [(2020, 100.0), (2031, 70.0)], LOWER)
    assert result.status == Track.OFF_TRACK and result.basis == "latest"
    assert result.horizon == 2030 and result.shortfall == pytest.approx(10.0)


def test_hold_steady_target_uses_a_share_of_the_target() -> None:
    steady = target_path(2020, 50.0, [(2030, 50.0)])  # keep 50, higher is better
    assert track_status(steady, [(2021, 46.0)], HIGHER).status == Track.ON_TRACK  # 4 ≤ 5
    assert track_status(steady, [(2021, 44.0)], HIGHER).status == Track.OFF_TRACK  # 6 > 5


def test_uncertain_when_the_interval_straddles_the_target() -> None:
    # Scattered values whose trend meets the target but whose interval is wide.
    obs = [(2020, 100.0), (2021, 90.0), (2022, 98.0), (2023, 84.0)]
    result = track_status(EMISSIONS, obs, LOWER)
    assert result.prediction is not None and result.prediction.low is not None
    assert result.prediction.low < 60 < result.prediction.high  # type: ignore[operator]
    assert not result.certain


def test_no_target_and_no_data() -> None:
    assert track_status(target_path(2020, 1.0, []), [(2021, 1.0)], LOWER).status == (
        Track.NO_TARGET
    )
    assert track_status(EMISSIONS, [], LOWER).status == Track.NO_DATA
    with pytest.raises(ValueError, match="tolérance"):
        track_status(EMISSIONS, [], LOWER, tolerance=-1)


def test_chart_draws_path_observations_trend_and_band() -> None:
    from xml.etree import ElementTree

    from ressort.analysis.trajectory_chart import trajectory_svg

    obs = [(2020, 100.0), (2021, 90.0), (2022, 98.0), (2023, 84.0)]
    svg = trajectory_svg(EMISSIONS, obs, linear_trend(obs), title="Émissions <GES>", unit="ktCO₂e")
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own output) well-formed, escaped
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Émissions <GES>"  # type: ignore[union-attr]
    assert "2030 : 60" in root.find(f"{ns}desc").text  # type: ignore[union-attr,operator]
    assert len(root.findall(f"{ns}circle")) == 4  # one dot per observed value
    assert len(root.findall(f"{ns}rect")) == 2  # one square per milestone
    assert root.find(f"{ns}polygon") is not None  # the prediction band
    empty = trajectory_svg(None, [], None, title="Rien")
    assert "Aucune donnée" in empty
    one = trajectory_svg(target_path(2020, 5.0, []), [(2020, 5.0)], None, title="Un point")
    ElementTree.fromstring(one)  # noqa: S314
