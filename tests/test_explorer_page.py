"""The kernel-free explorer on the built site, held to the Python model in headless Chromium."""

from __future__ import annotations

import itertools
import math
from urllib.parse import urlencode

import numpy as np
import pytest

from tipline.explorer.charts import BALANCE_PARTS, balance_values
from tipline.explorer.static import nice_ceiling
from tipline.model import (
    CHOICE_DEFAULTS,
    CHOICES,
    DEFAULT_YEAR,
    NAMES,
    RANGES,
    evaluate,
    params_for_year,
    verdict_sentence,
)

pytestmark = pytest.mark.browser

PAGE = "book/explore.html"
PARITY_POINTS = 30
SETTLE = "el => el.dataset.drawnTilt === el.dataset.tilt"


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.base = server.base
    yield pg
    context.close()


def open_explorer(pg, query: str = "", path: str = PAGE):
    """Open ``path`` and wait until its first explorer has started and drawn."""
    pg.goto(f"{pg.base}/{path}{'?' + query if query else ''}")
    root = pg.locator("section.tipline-explorer").first
    root.wait_for()
    pg.wait_for_function(
        f"() => {{ const el = document.querySelector('section.tipline-explorer'); "
        f"return el.classList.contains('tipline-explorer--live') && ({SETTLE})(el); }}",
        timeout=10_000,
    )
    return root


def set_values(pg, values: dict) -> None:
    """Type exact values the way a reader does: into each setting's number field (shares in
    percent), firing an `input` event."""
    pg.evaluate(
        """values => {
            const root = document.querySelector('section.tipline-explorer');
            for (const [name, v] of Object.entries(values)) {
                const box = root.querySelector(`input[data-field="${name}"]`);
                const percent = box.getAttribute('aria-label').includes('in percent');
                box.value = String(percent ? v * 100 : v);
                box.dispatchEvent(new Event('input', {bubbles: true}));
            }
        }""",
        values,
    )


def slide(pg, name: str, position: float) -> None:
    """Drag a slider to ``position`` (log10 of the value on a logarithmic slider)."""
    pg.locator(f"section.tipline-explorer input[data-slider={name}]").first.evaluate(
        "(el, v) => { el.value = String(v);"
        " el.dispatchEvent(new Event('input', {bubbles: true})); }",
        position,
    )


def value_of(pg, name: str) -> float:
    """A setting's value, from the field that holds it."""
    return float(
        pg.locator(f"section.tipline-explorer input[data-param][name={name}]").first.input_value()
    )


def set_choices(pg, choices: dict) -> None:
    """Pick modelling choices the way a reader does: click the radio button."""
    for name, value in choices.items():
        pg.locator(
            f"section.tipline-explorer input[type=radio][data-choice={name}][value={value}]"
        ).first.check()


def read_state(pg) -> dict:
    pg.wait_for_function(f"() => ({SETTLE})(document.querySelector('section.tipline-explorer'))")
    return pg.evaluate(
        """() => {
            const root = document.querySelector('section.tipline-explorer');
            const values = {};
            root.querySelectorAll('input[data-param]')
                .forEach(i => values[i.name] = Number(i.value));
            const counts = {};
            root.querySelectorAll('[data-count]')
                .forEach(c => counts[c.dataset.count] = c.textContent);
            const balance = [...root.querySelectorAll('.tipline-balance__part')];
            const flow = {};
            root.querySelectorAll('.tipline-flow [data-flow]')
                .forEach(s => flow[s.dataset.flow] = Number(s.dataset.value));
            const lost = root.querySelector('[data-flow-item=lost] .tipline-flow__label');
            const choices = {};
            root.querySelectorAll('input[type=radio][data-choice]:checked')
                .forEach(i => choices[i.dataset.choice] = i.value);
            return {
                values,
                choices,
                tilt: Number(root.querySelector('.tipline-explorer__tilt').dataset.tilt),
                verdict: root.querySelector('.tipline-explorer__verdict').textContent,
                counts,
                year: root.querySelector('select[name=year]').value,
                balance: balance.map(seg => Number(seg.dataset.value)),
                balanceWidths: balance.map(seg => parseFloat(seg.style.width)),
                balanceTop: Number(root.querySelector('.tipline-balance__top').dataset.top),
                flowValues: flow,
                lostLabel: lost.textContent,
                notice: root.querySelector('.tipline-explorer__notice').hidden ? null
                    : root.querySelector('.tipline-explorer__notice').textContent,
            };
        }"""
    )


def model_at(values: dict, year: int = DEFAULT_YEAR, choices: dict | None = None):
    return evaluate(year=year, **{k: values[k] for k in NAMES}, **(choices or {}))


def random_points(n: int, seed: int = 7) -> list[tuple[dict, dict]]:
    """Random settings of every slider, each with a random combination of choices (every
    combination appears)."""
    rng = np.random.default_rng(seed)
    combos = [dict(zip(CHOICES, c, strict=True)) for c in itertools.product(*CHOICES.values())]
    return [
        (
            {name: float(rng.uniform(*RANGES[name])) for name in NAMES},
            combos[i % len(combos)],
        )
        for i in range(n)
    ]


def test_page_shows_what_the_python_model_says_at_random_points(page):
    from tipline.explorer.flowbars import LOST, flow_values

    open_explorer(page)
    for point, choices in random_points(PARITY_POINTS):
        set_choices(page, choices)
        set_values(page, point)
        state = read_state(page)
        for name in NAMES:  # the sliders hold the values exactly (step="any")
            assert state["values"][name] == pytest.approx(point[name], rel=1e-12)
        assert state["choices"] == choices
        result = model_at(state["values"], choices=choices)
        out = {k: float(v) for k, v in result.as_dict().items()}
        assert math.isclose(state["tilt"], out["tilt"], rel_tol=0, abs_tol=1e-9), point
        assert state["verdict"] == verdict_sentence(result)
        for key, text in state["counts"].items():
            assert text == f"{out[key]:,.0f}"
        balance = balance_values(out, choices["baseline"])
        expected_balance = [balance[key] for key, *_ in BALANCE_PARTS]
        np.testing.assert_allclose(state["balance"], expected_balance, rtol=1e-9, atol=1e-6)
        top = nice_ceiling(max(out["sound_case"], out["benefit_defendants"]))
        assert state["balanceTop"] == top
        np.testing.assert_allclose(
            state["balanceWidths"], [100 * x / top for x in expected_balance], atol=1e-3
        )
        expected_flow = flow_values(out)
        for key, value in state["flowValues"].items():
            assert value == pytest.approx(expected_flow[key], rel=1e-9, abs=1e-6), key
        assert state["lostLabel"] == LOST[choices["baseline"]][0]
    assert not page.problems, page.problems


def test_defaults_match_the_model_before_any_input(page):
    open_explorer(page)
    state = read_state(page)
    defaults = {n: p.default for n, p in params_for_year(DEFAULT_YEAR).items()}
    for name in NAMES:
        assert state["values"][name] == pytest.approx(defaults[name], rel=1e-12)
    assert state["choices"] == dict(CHOICE_DEFAULTS)
    assert state["tilt"] == pytest.approx(float(evaluate().tilt), abs=1e-9)
    assert state["notice"] is None


def test_query_string_restores_a_scenario_and_follows_the_sliders(page):
    query = urlencode(
        {
            "year": 2024,
            "quality": 0.4,
            "capacity": 500000,
            "p_alert": 0.004,
            "baseline": "worked_in_time",
        }
    )
    open_explorer(page, query)
    state = read_state(page)
    assert state["year"] == "2024"
    assert state["values"]["quality"] == 0.4 and state["values"]["capacity"] == 500000
    assert state["choices"]["baseline"] == "worked_in_time"
    expected = evaluate(
        year=2024, quality=0.4, capacity=500000, p_alert=0.004, baseline="worked_in_time"
    )
    assert state["tilt"] == pytest.approx(float(expected.tilt), abs=1e-9)
    # move a slider: the address follows, and opening it again restores the same state
    set_values(page, {"triage": 0.9})
    set_choices(page, {"capacity_basis": "all_domestic"})
    moved = read_state(page)
    page.wait_for_function("() => location.search.includes('capacity_basis=all_domestic')")
    url = page.url
    assert "triage=0.9" in url and "baseline=worked_in_time" in url
    page.goto(url)
    open_explorer(page, url.split("?", 1)[1])
    again = read_state(page)
    assert again["values"] == moved["values"] and again["tilt"] == moved["tilt"]
    assert again["choices"] == moved["choices"]
    assert not page.problems, page.problems


@pytest.mark.parametrize(
    "query, mentioned",
    [
        ("quality=abc", ["quality"]),
        ("capacity=-5&foreign_share=2", ["capacity", "foreign_share"]),
        ("year=1999&colour=blue", ["year", "colour"]),
        ("quality=&triage=NaN&p_alert=Infinity", ["quality", "triage", "p_alert"]),
        ("baseline=never&capacity_basis=", ["baseline", "capacity_basis"]),
        ("%%%&&==", None),
    ],
)
def test_garbage_in_the_link_is_ignored_with_a_visible_notice(page, query, mentioned):
    open_explorer(page, query)
    state = read_state(page)
    defaults = {n: p.default for n, p in params_for_year(DEFAULT_YEAR).items()}
    for name in NAMES:
        assert state["values"][name] == pytest.approx(defaults[name], rel=1e-12)
    assert state["choices"] == dict(CHOICE_DEFAULTS)
    if mentioned:
        assert state["notice"], "no notice for an invalid link"
        for name in mentioned:
            assert name in state["notice"]
    assert not page.problems, page.problems


def test_keyboard_moves_sliders_and_presses_buttons(page):
    open_explorer(page)
    quality = page.locator("section.tipline-explorer input[data-slider=quality]")
    start = value_of(page, "quality")
    quality.focus()
    # the arrow keys step to round values: the next whole percent, then ten of them
    page.keyboard.press("ArrowRight")
    assert value_of(page, "quality") == pytest.approx(math.floor(start * 100 + 1) / 100)
    page.keyboard.press("PageDown")
    assert value_of(page, "quality") == pytest.approx(math.floor(start * 100 + 1) / 100 - 0.1)
    page.keyboard.press("End")
    assert value_of(page, "quality") == 1.0
    # the arrow keys move between the options of a modelling choice
    radio = page.locator("section.tipline-explorer input[data-choice=baseline]").first
    radio.focus()
    page.keyboard.press("ArrowDown")
    assert read_state(page)["choices"]["baseline"] == CHOICES["baseline"][1]
    state = read_state(page)
    expected = model_at(state["values"], choices=state["choices"])
    assert state["tilt"] == pytest.approx(float(expected.tilt), abs=1e-9)
    # Tab reaches the preset buttons; Enter applies one; the reset button restores defaults
    preset = page.locator("button[data-preset=capacity-doubled]")
    preset.focus()
    page.keyboard.press("Enter")
    doubled = read_state(page)
    base = params_for_year(DEFAULT_YEAR)["capacity"].default
    assert doubled["values"]["capacity"] == pytest.approx(2 * base)
    page.locator("button[data-action=reset]").focus()
    page.keyboard.press("Space")
    reset = read_state(page)
    assert reset["values"]["capacity"] == pytest.approx(base)
    assert reset["values"]["quality"] == pytest.approx(start)
    assert reset["choices"] == dict(CHOICE_DEFAULTS)
    # every control can be reached with Tab
    focusable = page.evaluate(
        """() => [...document.querySelectorAll(
                 'section.tipline-explorer :is(input, button, select, summary)')]
             .filter(e => !e.hidden).every(e => e.tabIndex >= 0)"""
    )
    assert focusable


def test_presets_match_the_python_presets(page):
    from tipline.explorer.presets import presets

    open_explorer(page)
    set_choices(page, {"baseline": "worked_in_time"})
    for preset in presets():
        page.locator(f"button[data-preset={preset.id}]").click()
        state = read_state(page)
        assert state["year"] == str(preset.year)
        assert state["choices"] == preset.choices
        expected = evaluate(year=preset.year, **preset.values, **preset.choices)
        assert state["tilt"] == pytest.approx(float(expected.tilt), abs=1e-9), preset.id


def test_year_picker_sets_the_measured_values(page):
    open_explorer(page)
    page.locator("details.tipline-explorer__more summary").click()
    page.select_option("section.tipline-explorer select[name=year]", "2024")
    state = read_state(page)
    for name, p in params_for_year(2024).items():
        if p.measured:
            assert state["values"][name] == pytest.approx(p.default, rel=1e-12)


def test_copy_link_offers_the_current_scenario(page):
    open_explorer(page)
    set_values(page, {"quality": 0.55})
    read_state(page)
    page.locator("button[data-action=copy-link]").click()
    page.wait_for_function(
        "() => document.querySelector('.tipline-explorer__status').textContent.length > 0"
    )
    link = page.locator(".tipline-explorer__link").input_value()
    assert link == f"{page.base}/{PAGE}?quality=0.55"  # short: the defaults left out


def test_usable_on_a_phone_sized_screen(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    pg = context.new_page()
    pg.base = server.base
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    open_explorer(pg)
    overflow = pg.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= 390, f"page is {overflow}px wide on a 390px screen"
    slider = pg.locator("section.tipline-explorer input[data-slider=capacity]")
    box = slider.bounding_box()
    assert box and box["width"] >= 200, "slider too small to use"
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    field = pg.locator("section.tipline-explorer input[data-field=capacity]").bounding_box()
    assert field["x"] + field["width"] <= 390 and field["width"] >= 60
    pg.locator("button[data-preset=capacity-doubled]").tap()
    assert value_of(pg, "capacity") > params_for_year(DEFAULT_YEAR)["capacity"].default
    assert not errors
    context.close()


def test_a_chapter_explorer_shares_a_link_that_the_explore_page_restores(page):
    """Chapter explorers (compact) do not read the address; their link opens explore.html."""
    root = open_explorer(page, path="book/help.html")
    assert root.get_attribute("data-url-state") != "true"
    capacity = root.locator("input[data-field=capacity]")
    capacity.evaluate(
        "el => { el.value = '250000'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    href = root.locator("a.tipline-explorer__open-link").get_attribute("href")
    assert href.startswith("explore.html?"), href
    explorer = open_explorer(page, href.split("?", 1)[1])
    restored = float(explorer.locator("input[data-param][name=capacity]").input_value())
    assert restored == pytest.approx(250_000)
    assert not page.problems
