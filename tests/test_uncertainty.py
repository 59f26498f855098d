"""Monte Carlo, the spread across modelling choices, tornado and frontier."""

import itertools

import numpy as np
import pandas as pd
import pytest

from tipline import calibration
from tipline.model import (
    CHOICES,
    DEFAULTS,
    NAMES,
    RANGES,
    VERDICT_PHRASES,
    evaluate,
    params_for_year,
    verdict,
)
from tipline.model.uncertainty import (
    K_LEVELS,
    QUANTILES,
    UNCERTAIN,
    choice_spread,
    frontier,
    monte_carlo,
    tornado,
    uncertainty_ranges,
)


def test_uncertainty_ranges_are_valid_and_contain_the_defaults():
    for year in (2023, 2024):
        ranges = uncertainty_ranges(year)
        defaults = params_for_year(year)
        assert tuple(ranges) == NAMES
        for name, (low, high) in ranges.items():
            assert RANGES[name][0] <= low <= defaults[name].default <= high <= RANGES[name][1]
            assert low < high
    r = uncertainty_ranges()
    assert r["capacity"] == pytest.approx((0.5 * DEFAULTS["capacity"], 2 * DEFAULTS["capacity"]))
    assert r["triage"] == (0.0, 1.0)
    assert r["p_alert"] == pytest.approx((0.0, 2 * DEFAULTS["p_alert"]))
    assert r["p_lost"] == pytest.approx((0.0, 2 * DEFAULTS["p_lost"]))
    bounds = calibration.compromise_bounds()
    assert r["p_compromise"] == pytest.approx((bounds["lower"], bounds["upper"]))


def test_every_drawn_input_has_its_default_as_its_median():
    mc = monte_carlo(n=40_000, seed=3)
    for name, draws in mc.draws.items():
        low, high = mc.ranges[name]
        assert np.median(draws) == pytest.approx(DEFAULTS[name], abs=0.02 * (high - low)), name


def test_monte_carlo_is_reproducible():
    a, b = monte_carlo(n=2000, seed=7), monte_carlo(n=2000, seed=7)
    np.testing.assert_array_equal(a.tilts, b.tilts)
    for name in a.draws:
        np.testing.assert_array_equal(a.draws[name], b.draws[name])
    assert a.share_investigators_favoured == b.share_investigators_favoured
    assert a.quantiles == b.quantiles
    c = monte_carlo(n=2000, seed=8)
    assert not np.array_equal(a.tilts, c.tilts)
    assert monte_carlo().seed == 20241 and monte_carlo().n == 10_000


def test_monte_carlo_draws_the_uncertain_and_fixes_the_measured():
    mc = monte_carlo(n=5000)
    assert tuple(mc.draws) == UNCERTAIN
    assert mc.scales == {
        "capacity": "log",
        "triage": "linear",
        "p_success": "log",
        "p_compromise": "split",
        "p_alert": "linear",
        "p_lost": "linear",
    }
    assert set(mc.fixed) == {"volume", "foreign_share", "quality", "icac_share"}
    for name, value in mc.fixed.items():
        assert value == DEFAULTS[name]
    ranges = uncertainty_ranges()
    for name, draws in mc.draws.items():
        low, high = ranges[name]
        assert draws.shape == (5000,)
        assert low <= draws.min() and draws.max() <= high
    recomputed = evaluate(**mc.draws).tilt
    np.testing.assert_array_equal(recomputed, mc.tilts)
    assert mc.share_investigators_favoured == pytest.approx(np.mean(mc.tilts > 0))
    assert list(mc.quantiles) == list(QUANTILES)
    assert mc.quantiles[0.5] == pytest.approx(np.median(mc.tilts)) == mc.median
    assert mc.interval80 == pytest.approx(tuple(np.quantile(mc.tilts, [0.1, 0.9])))
    assert mc.interval90 == pytest.approx(tuple(np.quantile(mc.tilts, [0.05, 0.95])))
    assert mc.interval90[0] <= mc.interval80[0] <= mc.median <= mc.interval80[1]
    assert list(mc.verdict_shares) == list(VERDICT_PHRASES)
    assert sum(mc.verdict_shares.values()) == pytest.approx(1.0)


def test_monte_carlo_custom_ranges_and_bad_input():
    mc = monte_carlo(n=1000, ranges={"p_alert": (0.0, 0.0), "quality": (0.5, 0.6)})
    assert (mc.draws["p_alert"] == 0).all()
    assert "quality" in mc.draws and "quality" not in mc.fixed
    with pytest.raises(ValueError, match="p_alert"):
        monte_carlo(ranges={"p_alert": (0.0, 0.5)})
    with pytest.raises(ValueError, match="low <= high"):
        monte_carlo(ranges={"triage": (0.8, 0.2)})
    with pytest.raises(ValueError, match="unknown parameter"):
        monte_carlo(ranges={"speed": (0, 1)})
    for bad in (0, -5, 2.5, True, "100"):
        with pytest.raises(ValueError, match="n must"):
            monte_carlo(n=bad)
    with pytest.raises(ValueError, match="seed"):
        monte_carlo(seed="x")
    with pytest.raises(ValueError, match="baseline.*no_report"):
        monte_carlo(n=10, baseline="nothing")


@pytest.mark.parametrize("combo", list(itertools.product(*CHOICES.values())))
def test_monte_carlo_under_each_choice_recomputes(combo):
    choices = dict(zip(CHOICES, combo, strict=True))
    mc = monte_carlo(n=500, seed=5, **choices)
    assert mc.choices == choices
    np.testing.assert_array_equal(evaluate(**choices, **mc.draws).tilt, mc.tilts)


@pytest.mark.parametrize("year", [2023, 2024])
def test_choice_spread_covers_every_combination(year):
    frame = choice_spread(year)
    assert frame.attrs["year"] == year
    combos = list(itertools.product(CHOICES["baseline"], CHOICES["capacity_basis"], K_LEVELS))
    found = zip(frame["baseline"], frame["capacity_basis"], frame["k_level"], strict=True)
    assert list(found) == combos
    k_low, k_high = uncertainty_ranges(year)["p_compromise"]
    ks = {"low": k_low, "default": params_for_year(year)["p_compromise"].default, "high": k_high}
    for row in frame.itertuples():
        assert row.p_compromise == ks[row.k_level]
        r = evaluate(
            year=year,
            baseline=row.baseline,
            capacity_basis=row.capacity_basis,
            p_compromise=row.p_compromise,
        )
        assert row.tilt == pytest.approx(float(r.tilt))
        assert row.verdict == verdict(row.tilt)
        assert row.neither_share == pytest.approx(float(r.neither_share))
    # A higher share of weakened cases never raises the tilt.
    for _, group in frame.groupby(["baseline", "capacity_basis"]):
        tilts = group.set_index("k_level")["tilt"]
        assert tilts["low"] >= tilts["default"] >= tilts["high"]


def test_tornado_sorted_by_swing_and_recomputable():
    df = tornado()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == [
        "param",
        "label",
        "low_value",
        "high_value",
        "tilt_low",
        "tilt_high",
        "swing",
    ]
    assert sorted(df["param"]) == sorted(NAMES)
    assert df["swing"].is_monotonic_decreasing
    np.testing.assert_allclose(df["swing"], (df["tilt_high"] - df["tilt_low"]).abs())
    for row in df.itertuples():
        assert row.tilt_low == pytest.approx(float(evaluate(**{row.param: row.low_value}).tilt))
        assert row.tilt_high == pytest.approx(float(evaluate(**{row.param: row.high_value}).tilt))
    assert df.attrs["tilt_default"] == pytest.approx(float(evaluate().tilt))
    assert tornado(2024).attrs["year"] == 2024


def test_tornado_direction_matches_monotonicity():
    df = tornado().set_index("param")
    # A larger foreign share leaves fewer domestic reports for the same capacity.
    for name in ("quality", "capacity", "triage", "p_success", "foreign_share"):
        assert df.loc[name, "tilt_high"] >= df.loc[name, "tilt_low"]
    for name in ("p_compromise", "p_alert", "p_lost", "volume", "icac_share"):
        assert df.loc[name, "tilt_high"] <= df.loc[name, "tilt_low"]
    # Against the same report never made, lost evidence does not move the tilt at all.
    assert df.loc["p_lost", "swing"] == 0
    assert tornado(baseline="worked_in_time").set_index("param").loc["p_lost", "swing"] > 0


def test_frontier_points_have_zero_tilt():
    q = np.linspace(0.05, 1.0, 20)
    f = [0.8, 0.9, 0.95]
    fr = frontier(q, f)
    assert fr["capacity"].shape == (3, 20)
    ok = np.isfinite(fr["capacity"])
    assert ok.any()
    qq, ff = np.meshgrid(q, f)
    tilt = evaluate(
        quality=qq[ok], foreign_share=np.asarray(ff)[ok], capacity=fr["capacity"][ok]
    ).tilt
    assert np.abs(tilt).max() < 1e-6
    # Where there is no crossing, say which side holds at every capacity.
    low_cap, high_cap = RANGES["capacity"]
    for mask, cap, sign in (
        (fr["investigators_at_all_capacities"], low_cap, 1),
        (fr["defendants_at_all_capacities"], high_cap, -1),
    ):
        assert not (mask & ok).any()
        if mask.any():
            t = evaluate(quality=qq[mask], foreign_share=ff[mask], capacity=cap).tilt
            assert (np.sign(t) == sign).all()
    assert (
        (~ok) == (fr["investigators_at_all_capacities"] | fr["defendants_at_all_capacities"])
    ).all()


def test_frontier_no_crossing_cases():
    # Without alert costs the tilt does not depend on capacity: no crossing anywhere.
    fr = frontier([0.3, 0.9], [0.9], p_alert=0.0)
    assert np.isnan(fr["capacity"]).all()
    assert fr["investigators_at_all_capacities"].all()
    # With half the court cases weakened and reports left unworked even at the largest
    # capacity, the tilt stays below zero at every capacity.
    fr = frontier([0.3, 0.9], [0.5], volume=1e8, p_compromise=0.5, capacity_basis="all_domestic")
    assert fr["defendants_at_all_capacities"].all() and np.isnan(fr["capacity"]).all()


def test_frontier_at_zero_quality_is_the_jump_to_full_capacity():
    # q = 0: no sound case, tilt = -1 until capacity covers every domestic report.
    fr = frontier([0.0], [0.95])
    r = evaluate(foreign_share=0.95)
    needed = float(r.domestic) * float(r.params["icac_share"])  # like for like: W = C / g
    assert fr["capacity"][0, 0] == pytest.approx(needed, rel=1e-9)
    fr = frontier([0.0], [0.95], capacity_basis="all_domestic")
    assert fr["capacity"][0, 0] == pytest.approx(float(r.domestic), rel=1e-9)


def test_frontier_rejects_bad_input():
    with pytest.raises(ValueError, match="capacity"):
        frontier([0.5], [0.9], capacity=1e5)
    with pytest.raises(ValueError, match="quality"):
        frontier([0.5, 1.5], [0.9])
    with pytest.raises(ValueError, match="foreign_share"):
        frontier([0.5], [1.0])
    with pytest.raises(ValueError, match="unknown"):
        frontier([0.5], [0.9], speed=3)
