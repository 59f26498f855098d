"""The public API of tipline.model: evaluate, Result, verdict, parameters."""

import dataclasses
import re

import numpy as np
import pytest

from tipline import calibration
from tipline.model import (
    CHOICE_DEFAULTS,
    CHOICES,
    DEFAULT_YEAR,
    DEFAULTS,
    FLOW_NAMES,
    NAMES,
    PARAMS,
    RANGES,
    VERDICT_PHRASES,
    VERDICT_THRESHOLDS,
    YEARS,
    Param,
    Result,
    evaluate,
    params_for_year,
    share_text,
    verdict,
    verdict_sentence,
)
from tipline.model.core import flow

PRIMARY = {"quality", "foreign_share", "capacity"}
MEASURED = {"volume", "foreign_share", "quality", "capacity", "icac_share", "p_success"}


def test_params_describe_every_parameter_in_flow_order():
    assert tuple(PARAMS) == NAMES
    assert NAMES == (
        "volume",
        "foreign_share",
        "quality",
        "capacity",
        "icac_share",
        "triage",
        "p_success",
        "p_compromise",
        "p_alert",
        "p_lost",
    )
    for name, p in PARAMS.items():
        assert isinstance(p, Param) and p.name == name
        assert (p.low, p.high) == RANGES[name]
        assert p.low <= p.default <= p.high
        assert DEFAULTS[name] == p.default
        assert p.secondary == (name not in PRIMARY)
        assert p.measured == (name in MEASURED)
        assert p.label and p.unit and p.meaning and p.format and p.step > 0
        assert "\n" not in p.meaning
        assert p.sources, f"{name} cites no source"
    with pytest.raises(dataclasses.FrozenInstanceError):
        PARAMS["quality"].default = 0.5


def test_ranges_are_the_designed_ones():
    assert dict(RANGES) == {
        "volume": (1e6, 1e8),
        "foreign_share": (0.0, 0.99),
        "quality": (0.0, 1.0),
        "capacity": (1e4, 3e6),
        "icac_share": (0.05, 1.0),
        "triage": (0.0, 1.0),
        "p_success": (0.01, 0.5),
        "p_compromise": (0.0, 0.5),
        "p_alert": (0.0, 0.02),
        "p_lost": (0.0, 0.02),
    }
    # 1 - a - l >= 0 everywhere in range, so unrealised value is never negative; k <= 1/2
    # keeps the 0/0 limit 1 - 2k of the tilt at or above zero.
    assert RANGES["p_alert"][1] + RANGES["p_lost"][1] <= 1
    assert RANGES["p_compromise"][1] <= 0.5


def test_choices_are_the_designed_ones():
    assert dict(CHOICES) == {
        "baseline": ("no_report", "worked_in_time"),
        "capacity_basis": ("icac_stream", "all_domestic"),
    }
    assert dict(CHOICE_DEFAULTS) == {"baseline": "no_report", "capacity_basis": "icac_stream"}
    r = evaluate()
    assert dict(r.choices) == dict(CHOICE_DEFAULTS)
    assert dict(evaluate(baseline="worked_in_time").choices)["baseline"] == "worked_in_time"


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"baseline": "never"}, "baseline"),
        ({"baseline": "No_Report"}, "baseline"),
        ({"baseline": 0}, "baseline"),
        ({"capacity_basis": "icac"}, "capacity_basis"),
        ({"capacity_basis": ["icac_stream"]}, "capacity_basis"),
    ],
)
def test_unknown_choice_values_are_refused_naming_the_choice_and_the_allowed_values(kwargs, name):
    with pytest.raises(ValueError) as err:
        evaluate(**kwargs)
    message = str(err.value)
    assert message.startswith(name)
    for allowed in CHOICES[name]:
        assert allowed in message


def test_measured_defaults_come_from_calibration():
    assert YEARS == (2023, 2024) and DEFAULT_YEAR == 2023
    for year in YEARS:
        inputs = calibration.year_inputs(year)
        params = params_for_year(year)
        for name in MEASURED:
            assert params[name].default == inputs[name]["value"]
            assert params[name].sources == tuple(inputs[name]["sources"])
    assert params_for_year(2023)["volume"].default != params_for_year(2024)["volume"].default
    # Assumptions are the same every year.
    for name in ("triage", "p_compromise", "p_alert", "p_lost"):
        assert params_for_year(2023)[name] == params_for_year(2024)[name]
    assert PARAMS["triage"].default == 0.5
    assert (PARAMS["p_alert"].default, PARAMS["p_lost"].default) == (0.001, 0.001)
    # The share of weakened cases comes from the court decisions, computed.
    bounds = calibration.compromise_bounds()
    assert PARAMS["p_compromise"].default == bounds["estimate"]
    x, n = bounds["suppressed"], bounds["n"]
    if x == 0:
        assert bounds["estimate"] == pytest.approx(1 - 0.5 ** (1 / n))
        assert bounds["upper"] == pytest.approx(1 - 0.05 ** (1 / n))
    assert bounds["lower"] < bounds["estimate"] < bounds["upper"] <= RANGES["p_compromise"][1]


@pytest.mark.parametrize("n", [1, 2, 11, 40])
def test_binomial_bounds_are_exact(n):
    from math import comb

    def at_most(x, p):
        return sum(comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(x + 1))

    for x in range(0, n + 1):
        est, low, high = calibration.binomial_share_bounds(x, n)
        assert 0 <= low <= est <= high <= 1
        if x < n:  # seeing x or fewer is a 5% event at the upper bound
            assert at_most(x, high) == pytest.approx(0.05, abs=1e-9)
        if x > 0:  # seeing x or more is a 5% event at the lower bound
            assert 1 - at_most(x - 1, low) == pytest.approx(0.05, abs=1e-9)
    assert calibration.binomial_share_bounds(0, n)[0] == pytest.approx(1 - 0.5 ** (1 / n))
    assert calibration.binomial_share_bounds(0, n)[2] == pytest.approx(1 - 0.05 ** (1 / n))
    for bad in ((-1, n), (n + 1, n), (0, 0), (True, n)):
        with pytest.raises(ValueError):
            calibration.binomial_share_bounds(*bad)


def test_icac_share_is_icac_reports_over_domestic_reports():
    from tipline.data import load

    recipients = load("le_recipients")
    reports = load("reports_by_year")
    for year in YEARS:
        icac = recipients[(recipients["year"] == year) & (recipients["recipient"] == "ICAC units")]
        row = reports[(reports["year"] == year) & reports["preferred"]].iloc[0]
        domestic = row["total_reports"] - row["international_user_location_reports"]
        expected = float(icac["total"].iloc[0]) / float(domestic)
        assert params_for_year(year)["icac_share"].default == pytest.approx(expected)


def test_evaluate_fills_defaults_for_the_year():
    for year in YEARS:
        defaults = {k: p.default for k, p in params_for_year(year).items()}
        r = evaluate(year=year)
        assert r.year == year
        expected = flow(**defaults, **CHOICE_DEFAULTS)
        for name in FLOW_NAMES:
            assert getattr(r, name) == expected[name]
        assert {k: float(v) for k, v in r.params.items()} == defaults
    assert evaluate().year == DEFAULT_YEAR
    r = evaluate(quality=0.3)
    assert float(r.params["quality"]) == 0.3
    assert float(r.params["capacity"]) == DEFAULTS["capacity"]


def test_result_is_frozen_and_as_dict_lists_outputs():
    r = evaluate(capacity=[1e5, 2e5])
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.tilt = np.zeros(2)
    # The arrays themselves are read-only too, inputs included, and own their memory.
    for name in FLOW_NAMES:
        with pytest.raises(ValueError, match="read-only"):
            getattr(r, name)[...] = 5
    for value in r.params.values():
        with pytest.raises(ValueError, match="read-only"):
            value[...] = 0
    with pytest.raises(TypeError):
        r.params["quality"] = np.zeros(2)
    caller = np.array([0.2, 0.8])
    r2 = evaluate(quality=caller)
    caller[0] = 0.9  # changing the caller's array afterwards changes nothing in the result
    assert float(r2.params["quality"][0]) == 0.2
    d = r.as_dict()
    assert tuple(d) == FLOW_NAMES
    assert all(v.shape == (2,) for v in d.values())
    assert isinstance(r, Result) and r.shape == (2,)


def test_default_year_story_is_consistent():
    r = evaluate()
    assert -1 < float(r.tilt) < 1
    assert float(r.domestic) < float(r.foreign)  # most reports resolve abroad
    assert float(r.worked) < float(r.domestic)  # capacity is the bottleneck
    assert 0 < float(r.unrealised_share) < 1


@pytest.mark.parametrize(
    ("tilt", "phrase"),
    [
        (1.0, "clearly favours investigators"),
        (1 / 3, "clearly favours investigators"),
        (np.nextafter(1 / 3, 0), "leans toward investigators"),
        (0.1, "leans toward investigators"),
        (0.0999, "roughly balanced"),
        (0.0, "roughly balanced"),
        (-0.0999, "roughly balanced"),
        (-0.1, "leans toward defendants"),
        (np.nextafter(-1 / 3, 0), "leans toward defendants"),
        (-1 / 3, "clearly favours defendants"),
        (-1.0, "clearly favours defendants"),
        (np.float64(0.5), "clearly favours investigators"),
        (np.array(0.2), "leans toward investigators"),
        (0, "roughly balanced"),
    ],
)
def test_verdict_bands(tilt, phrase):
    assert verdict(tilt) == phrase


def test_verdict_thresholds_exposed():
    assert VERDICT_THRESHOLDS["clear"] == pytest.approx(1 / 3)
    assert VERDICT_THRESHOLDS["lean"] == pytest.approx(0.1)
    assert len(VERDICT_PHRASES) == 5


@pytest.mark.parametrize(
    "bad", [float("nan"), 1.0001, -1.5, float("inf"), "0.2", None, True, np.array([0.1, 0.2])]
)
def test_verdict_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="tilt"):
        verdict(bad)


SENTENCE = re.compile(
    r"^At these settings the system (?P<phrase>[a-z ,]+): about (?P<inv>[\d,]+) sound cases? "
    r"against (?P<def>[\d,]+) outcomes? that helps? defendants "
    r"\(tilt (?P<tilt>[+\u2212][\d.]+)\)\. "
    r"Neither side gains from (?P<share>[\d.]+)% of the domestic reports\.$"
)


@pytest.mark.parametrize("p_alert", [0.0005, 0.002, 0.0028, 0.004, 0.02])
@pytest.mark.parametrize("baseline", CHOICES["baseline"])
def test_verdict_sentence_numbers_are_computed(p_alert, baseline):
    r = evaluate(p_alert=p_alert, baseline=baseline, capacity_basis="all_domestic")
    sentence = verdict_sentence(r)
    m = SENTENCE.match(sentence)
    assert m, sentence
    assert verdict(r.tilt) in m["phrase"]
    inv, dfn = (float(m[k].replace(",", "")) for k in ("inv", "def"))
    assert inv == pytest.approx(float(r.benefit_investigators), rel=0.05)
    assert dfn == pytest.approx(float(r.benefit_defendants), rel=0.05)
    shown = float(m["tilt"].replace("\u2212", "-"))  # printed with the minus sign
    assert shown == pytest.approx(float(r.tilt), abs=0.005)
    assert verdict(shown) == verdict(r.tilt)  # the shown number agrees
    assert float(m["share"]) / 100 == pytest.approx(float(r.neither_share), abs=0.005)


@pytest.mark.parametrize(
    ("x", "text"),
    [(0.0, "0%"), (1.0, "100%"), (0.5, "50%"), (0.9913, "99%"), (0.9996, "99.96%")],
)
def test_share_text_never_rounds_to_all_or_nothing(x, text):
    assert share_text(x) == text
    assert share_text(0.00004) != "0%" and share_text(0.99996) != "100%"


def test_verdict_sentence_changes_as_tilt_crosses_zero():
    # Find p_alert on each side of zero tilt at the default settings.
    grid = evaluate(p_alert=np.linspace(0, 0.02, 2001))
    assert (grid.tilt < 0).any()
    i = int(np.argmax(grid.tilt < 0))
    above = verdict_sentence(evaluate(p_alert=float(grid.params["p_alert"][i - 1])))
    below = verdict_sentence(evaluate(p_alert=float(grid.params["p_alert"][i])))
    assert "toward investigators" in above and "toward defendants" in below


def test_verdict_sentence_needs_a_single_setting():
    with pytest.raises(ValueError, match="single"):
        verdict_sentence(evaluate(quality=[0.2, 0.8]))
    assert verdict_sentence(evaluate(quality=[0.5]))  # one element is fine


def test_verdict_sentence_small_counts():
    r = evaluate(quality=0.0, capacity=3e6, volume=1e6, foreign_share=0.5)
    sentence = verdict_sentence(r)
    assert sentence.startswith("At these settings neither side gains: no sound cases and no")
