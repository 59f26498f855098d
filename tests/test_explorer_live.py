"""The live ipywidgets panel, driven from Python as a reader's clicks would drive it."""

import math
import re

import ipywidgets as w
import pytest

from tipline.explorer.charts import BALANCE_PARTS, balance_values
from tipline.explorer.flowbars import flow_html, flow_values
from tipline.explorer.live import LivePanel
from tipline.explorer.presets import presets
from tipline.model import (
    CHOICE_DEFAULTS,
    CHOICE_LABELS,
    CHOICES,
    DEFAULT_YEAR,
    evaluate,
    params_for_year,
    verdict_sentence,
)


@pytest.fixture
def panel():
    return LivePanel()


def outputs_of(result):
    return {k: float(v) for k, v in result.as_dict().items()}


def flow_counts(panel) -> dict[str, str]:
    """The count the flow shows for each of its parts and stage totals."""
    value = panel.flow.value
    counts = dict(re.findall(r'data-flow-item="(\w+)">.*?tipline-flow__count">([\d,]+)<', value))
    counts.update(re.findall(r'data-flow-total="(\w+)">([\d,]+)<', value))
    return counts


def test_moving_a_slider_redraws_figures_and_words_as_the_model_says(panel):
    before = float(panel.result.tilt)
    panel.sliders["capacity"].value = 600_000
    expected = evaluate(**panel.values())
    out = outputs_of(expected)
    assert float(panel.result.tilt) == pytest.approx(out["tilt"])
    assert float(panel.result.tilt) > before  # more capacity never lowers the tilt
    balance = balance_values(out, "no_report")
    assert [t.x[0] for t in panel.balance_figure.data] == pytest.approx(
        [balance[key] for key, *_ in BALANCE_PARTS]
    )
    assert balance["lost"] == 0  # lost evidence helps nobody against "no report"
    assert flow_counts(panel) == {k: f"{v:,.0f}" for k, v in flow_values(out).items()}
    assert panel.tilt_figure.data[0].x[0] == pytest.approx(out["tilt"])
    assert verdict_sentence(expected).split(":")[0] in panel.verdict.value


def test_choices_switch_the_model_and_the_pictures(panel):
    panel.choice_buttons["baseline"].value = "worked_in_time"
    panel.choice_buttons["capacity_basis"].value = "all_domestic"
    choices = {"baseline": "worked_in_time", "capacity_basis": "all_domestic"}
    expected = evaluate(**panel.values(), **choices)
    out = outputs_of(expected)
    assert dict(panel.result.choices) == choices
    assert float(panel.result.tilt) == pytest.approx(out["tilt"])
    lost = [t.x[0] for t, (key, *_) in zip(panel.balance_figure.data, BALANCE_PARTS, strict=True)]
    assert lost[-1] == pytest.approx(out["lost"]) and out["lost"] > 0
    assert "Evidence lost: helps defendants" in panel.flow.value
    assert "tipline-flow--defendants-crossed" in panel.flow.value
    for name, buttons in panel.choice_buttons.items():
        assert buttons.description == CHOICE_LABELS[name][0]
        assert [value for _, value in buttons.options] == list(CHOICES[name])
    panel.reset()
    assert panel.choices() == dict(CHOICE_DEFAULTS)


def test_figures_are_updated_in_place_not_replaced(panel):
    figures = (panel.tilt_figure, panel.balance_figure, panel.flow)
    before = panel.flow.value
    panel.sliders["quality"].value = 0.3
    assert (panel.tilt_figure, panel.balance_figure, panel.flow) == figures
    assert panel.flow.value != before


def test_the_flow_is_the_books_html_with_its_own_stylesheet(panel):
    value = panel.flow.value
    assert value.startswith("<style>") and "--tipline-investigators:" in value
    assert ".tipline-flow__bar" in value  # the flow's rules, not only the palette
    assert value.endswith(flow_html(panel.result))


def test_typed_bad_value_shows_the_models_message_not_a_traceback(panel):
    tilt = float(panel.result.tilt)
    panel.boxes["quality"].value = 1.7
    assert "quality must be between 0 and 1" in panel.message.value
    assert float(panel.result.tilt) == tilt  # nothing applied
    panel.boxes["quality"].value = 0.5
    assert panel.message.value == ""
    assert panel.sliders["quality"].value == 0.5


def test_presets_reset_and_year(panel):
    for preset in presets():
        panel.apply_preset(preset.id)
        assert panel.year.value == preset.year
        assert panel.choices() == preset.choices
        assert float(panel.result.tilt) == pytest.approx(
            float(evaluate(year=preset.year, **preset.values, **preset.choices).tilt)
        )
    panel.reset()
    assert panel.year.value == DEFAULT_YEAR
    assert float(panel.result.tilt) == pytest.approx(float(evaluate().tilt))
    panel.year.value = 2024
    for name, p in params_for_year(2024).items():
        if p.measured:
            assert panel.sliders[name].value == pytest.approx(p.default)
    with pytest.raises(ValueError, match="unknown preset"):
        panel.apply_preset("nonsense")


def test_sliders_carry_label_unit_range_and_meaning(panel):
    for name, p in params_for_year(DEFAULT_YEAR).items():
        slider = panel.sliders[name]
        assert slider.description == p.label
        if name == "capacity":  # logarithmic, as in the book's explorer: powers of ten
            assert isinstance(slider, w.FloatLogSlider) and slider.base == 10
            assert (10**slider.min, 10**slider.max) == pytest.approx((p.low, p.high))
        else:
            assert isinstance(slider, w.FloatSlider)
            assert (slider.min, slider.max) == (p.low, p.high)
        assert p.meaning in slider.tooltip


def snapped(slider):
    """The value a browser's slider sends back: the value rounded to the slider's step (on
    a logarithmic slider, its power of ten rounded to the step)."""
    if isinstance(slider, w.FloatLogSlider):
        power = math.log10(slider.value)
        return 10 ** (slider.min + round((power - slider.min) / slider.step) * slider.step)
    return slider.min + round((slider.value - slider.min) / slider.step) * slider.step


def test_capacity_moves_in_equal_ratios_and_its_echo_keeps_the_exact_value(panel):
    slider = panel.sliders["capacity"]
    exact = params_for_year(DEFAULT_YEAR)["capacity"].default
    assert snapped(slider) != exact, "the default lies on a step: the test would prove nothing"
    slider.value = snapped(slider)  # the browser's echo
    assert panel.values()["capacity"] == exact
    for low in (10_000, 90_000, 1_500_000):  # one step up is the same ratio anywhere on the scale
        panel.set_values({"capacity": low})
        slider.value = 10 ** (math.log10(low) + slider.step)
        assert panel.values()["capacity"] / low == pytest.approx(10**slider.step)


def echo_every_slider(panel):
    """Do what JupyterLab's slider views do on display: snap each value to its step and send
    it back to the kernel."""
    for slider in panel.sliders.values():
        slider.value = snapped(slider)


def test_slider_echo_from_the_browser_does_not_drift_the_verdict(panel):
    expected = evaluate()
    moved = [n for n, s in panel.sliders.items() if snapped(s) != s.value]
    assert moved, "no default lies between two steps: the test would prove nothing"
    echo_every_slider(panel)
    assert float(panel.result.tilt) == float(expected.tilt)  # exactly, not approximately
    assert panel.values() == {n: p.default for n, p in params_for_year(DEFAULT_YEAR).items()}
    assert verdict_sentence(expected) in panel.verdict.value.replace("&#x27;", "'")


def test_every_preset_survives_the_echo_exactly(panel):
    for preset in presets():
        panel.apply_preset(preset.id)
        echo_every_slider(panel)
        expected = evaluate(year=preset.year, **preset.values, **preset.choices)
        assert float(panel.result.tilt) == float(expected.tilt), preset.id
        assert panel.choices() == preset.choices


def test_one_step_from_a_snapped_default_is_a_move(panel):
    slider = panel.sliders["quality"]
    echo_every_slider(panel)
    slider.value = snapped(slider) + slider.step  # the reader presses the right arrow key
    assert panel.values()["quality"] == pytest.approx(snapped(slider))
    assert float(panel.result.tilt) == float(evaluate(**panel.values()).tilt)
    slider.value = slider.value - 2 * slider.step  # and the left arrow key twice
    assert panel.values()["quality"] == pytest.approx(slider.value)


def test_the_number_box_shows_a_rounded_value_but_the_model_keeps_the_exact_one(panel):
    exact = params_for_year(DEFAULT_YEAR)["quality"].default
    assert panel.boxes["quality"].value == float(format(exact, ".6g"))
    assert panel.values()["quality"] == exact
    panel.boxes["quality"].value = 0.25  # typed
    assert panel.values()["quality"] == 0.25
