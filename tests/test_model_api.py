"""The public API of tipline.model: evaluate, Result, verdict, parameters."""

import dataclasses
import re

import numpy as np
import pytest

from tipline import calibration
from tipline.model import (
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
    verdict,
    verdict_sentence,
)
from tipline.model.core import flow

PRIMARY = {"quality", "foreign_share", "capacity"}
MEASURED = {"volume", "foreign_share", "quality", "capacity", "p_success"}


def test_params_describe_every_parameter_in_flow_order():
    assert tuple(PARAMS) == NAMES
    assert NAMES == (
        "volume",
        "foreign_share",
        "quality",
        "capacity",
        "triage",
        "p_success",
        "p_compromise",
        "p_alert",
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
        "triage": (0.0, 1.0),
        "p_success": (0.01, 0.5),
        "p_compromise": (0.0, 0.25),
        "p_alert": (0.0, 0.02),
    }
    # s + c(q) <= 1 everywhere in range, so no_result is never negative.
    assert RANGES["p_success"][1] + 2 * RANGES["p_compromise"][1] <= 1


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
    for name in ("triage", "p_compromise", "p_alert"):
        assert params_for_year(2023)[name] == params_for_year(2024)[name]
    assert (PARAMS["triage"].default, PARAMS["p_compromise"].default) == (0.5, 0.01)
    assert PARAMS["p_alert"].default == 0.002


def test_evaluate_fills_defaults_for_the_year():
    for year in YEARS:
        defaults = {k: p.default for k, p in params_for_year(year).items()}
        r = evaluate(year=year)
        assert r.year == year
        expected = flow(**defaults)
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
    r"against (?P<def>[\d,]+) outcomes? that helps? defendants \(tilt (?P<tilt>[+-][\d.]+)\)\.$"
)


@pytest.mark.parametrize("p_alert", [0.0005, 0.002, 0.0028, 0.004, 0.02])
def test_verdict_sentence_numbers_are_computed(p_alert):
    r = evaluate(p_alert=p_alert)
    sentence = verdict_sentence(r)
    m = SENTENCE.match(sentence)
    assert m, sentence
    assert verdict(r.tilt) in m["phrase"]
    inv, dfn = (float(m[k].replace(",", "")) for k in ("inv", "def"))
    assert inv == pytest.approx(float(r.benefit_investigators), rel=0.05)
    assert dfn == pytest.approx(float(r.benefit_defendants), rel=0.05)
    assert float(m["tilt"]) == pytest.approx(float(r.tilt), abs=0.005)
    assert verdict(float(m["tilt"])) == verdict(r.tilt)  # the shown number agrees


def test_verdict_sentence_changes_as_tilt_crosses_zero():
    # Find p_alert on each side of zero tilt at the default settings.
    grid = evaluate(p_alert=np.linspace(0, 0.02, 2001))
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
