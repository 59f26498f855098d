"""The explorer's Python parts: the flow bars, the controls' numbers, the break-even."""

from __future__ import annotations

import math
import re

import pytest

from tipline.explorer import flow_html
from tipline.explorer.controls import LOG_STEPS, break_even, field_value, round_value
from tipline.explorer.flowbars import LOST, STAGES, flow_values
from tipline.model import CHOICE_DEFAULTS, DEFAULT_YEAR, evaluate, params_for_year


@pytest.mark.parametrize("capacity", [10_000, 184_700, 3_000_000])
@pytest.mark.parametrize("baseline", ["no_report", "worked_in_time"])
def test_every_stage_adds_up_to_its_total(capacity, baseline):
    r = evaluate(capacity=capacity, baseline=baseline)
    values = flow_values({k: v for k, v in r.as_dict().items()})
    for _stage, _title, whole, parts in STAGES:
        total = sum(values[key] for key, _label, _style in parts)
        assert total == pytest.approx(values[whole], rel=1e-9), whole


def test_flow_html_names_every_part_with_its_count():
    r = evaluate(baseline="worked_in_time")
    html = flow_html(r)
    values = flow_values(r.as_dict())
    for _stage, _title, _whole, parts in STAGES:
        for key, label, _style in parts:
            shown = LOST["worked_in_time"][0] if key == "lost" else label
            assert shown in html.replace("&#x27;", "'"), key
            item = re.search(rf'data-flow-item="{key}".*?flow__count">([\d,]+)<', html)
            assert item and item[1] == f"{values[key]:,.0f}", key
    assert "tipline-flow--defendants-crossed" in html  # lost counts for defendants here
    assert "tipline-flow--defendants-crossed" not in flow_html(evaluate())


def test_field_values_are_what_a_reader_would_type():
    params = params_for_year(DEFAULT_YEAR)
    assert field_value(params["quality"], 0.6125) == "61.25"
    assert field_value(params["volume"], params["volume"].default) == "36210368"
    assert field_value(params["capacity"], 250_000) == "250000"
    assert round_value(184_700) == "180,000" and round_value(21_734.2) == "22,000"
    assert LOG_STEPS[0] == 1 and all(a < b for a, b in zip(LOG_STEPS, LOG_STEPS[1:], strict=False))


def test_break_even_is_where_the_tilt_crosses_zero():
    values = {n: p.default for n, p in params_for_year(DEFAULT_YEAR).items()}
    even = break_even(DEFAULT_YEAR, values, dict(CHOICE_DEFAULTS))
    assert float(evaluate(capacity=even * 1.0001).tilt) >= 0
    assert float(evaluate(capacity=even * 0.9999).tilt) < 0
    # no crossing in range: investigators ahead at every capacity
    assert (
        break_even(DEFAULT_YEAR, {**values, "p_alert": 0.0, "p_lost": 0.0}, dict(CHOICE_DEFAULTS))
        is None
    )
    assert math.isfinite(even)
