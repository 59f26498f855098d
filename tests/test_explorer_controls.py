"""The full explorer's controls and layout in Chromium: the first control above the fold,
results in view while controls move, the logarithmic capacity slider and its marks, exact
entry, short links, preset state, the flow's labels, and the note shown without JavaScript.

One page load per viewport is shared by the tests of this module (the settings are reset
between tests with the explorer's own Reset button).
"""

from __future__ import annotations

import math
from urllib.parse import parse_qsl, urlsplit

import pytest
from test_explorer_page import PAGE, open_explorer, read_state, set_values, slide, value_of

from tipline.explorer.controls import break_even, round_value
from tipline.explorer.static import MODEL_TABLES
from tipline.model import CHOICE_DEFAULTS, DEFAULT_YEAR, evaluate, params_for_year

pytestmark = pytest.mark.browser

ROOT = "section.tipline-explorer"
CAPACITY = params_for_year(DEFAULT_YEAR)["capacity"]


@pytest.fixture(scope="module", params=[(1280, 800), (390, 844)], ids=["desktop", "phone"])
def shared(request, browser, server):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.base, pg.width, pg.height = server.base, width, height
    open_explorer(pg)
    yield pg
    assert not pg.problems, pg.problems
    context.close()


@pytest.fixture
def explorer(shared):
    """The shared page, scrolled to the top, settings reset."""
    shared.locator(f"{ROOT} button[data-action=reset]").click()
    shared.evaluate("window.scrollTo(0, 0)")
    return shared


def test_the_first_control_is_on_the_first_screen(explorer):
    box = explorer.locator(f"{ROOT} input[data-slider]").first.bounding_box()
    top = box["y"] + box["height"]
    if explorer.width >= 1000:
        assert top <= explorer.height, f"first slider ends at {top:.0f} px, below the fold"
    else:
        assert top <= 2 * explorer.height, f"first slider ends at {top:.0f} px on a phone"


def test_results_stay_in_view_while_the_last_control_moves(explorer):
    explorer.locator(f"{ROOT} details.tipline-explorer__more summary").click()
    last = explorer.locator(f"{ROOT} input[data-slider]").last
    last.scroll_into_view_if_needed()
    last.focus()
    explorer.keyboard.press("ArrowRight")
    viewport = {"top": 0, "bottom": explorer.height}
    if explorer.width >= 1000:
        seen = explorer.locator(f"{ROOT} .tipline-explorer__verdict").bounding_box()
        text = explorer.locator(f"{ROOT} .tipline-explorer__verdict").inner_text()
        assert "At these settings" in text
    else:
        sticky = explorer.locator(f"{ROOT} .tipline-explorer__sticky")
        seen = sticky.bounding_box()
        state = read_state(explorer)
        assert sticky.inner_text().startswith("Tilt ")
        assert state["verdict"].split(":")[0].removeprefix("At these settings the system ") in (
            sticky.inner_text()
        )
    assert seen["y"] >= viewport["top"] and seen["y"] + seen["height"] <= viewport["bottom"], (
        f"results out of view at {seen}"
    )
    explorer.locator(f"{ROOT} details.tipline-explorer__more summary").click()


@pytest.mark.parametrize("value", [10_000, 25_000, 184_700, 1_000_000, 3_000_000])
def test_log_capacity_value_and_position_round_trip(explorer, value):
    set_values(explorer, {"capacity": value})
    slider = explorer.locator(f"{ROOT} input[data-slider=capacity]")
    assert float(slider.input_value()) == pytest.approx(math.log10(value), abs=1e-12)
    # dragging the thumb to that position gives the value back (two significant figures)
    set_values(explorer, {"capacity": 500_000})
    slide(explorer, "capacity", math.log10(value))
    assert value_of(explorer, "capacity") == float(f"{value:.2g}")


def test_log_capacity_steps_to_round_values_and_snaps_a_drag(explorer):
    slider = explorer.locator(f"{ROOT} input[data-slider=capacity]")
    slider.focus()
    explorer.keyboard.press("ArrowUp")  # from the measured 184,700
    assert value_of(explorer, "capacity") == 200_000
    explorer.keyboard.press("ArrowUp")
    assert value_of(explorer, "capacity") == 250_000
    explorer.keyboard.press("ArrowDown")
    explorer.keyboard.press("ArrowDown")
    assert value_of(explorer, "capacity") == 150_000
    explorer.keyboard.press("PageUp")  # ten steps: a factor of ten
    assert value_of(explorer, "capacity") == 1_500_000
    explorer.keyboard.press("End")
    assert value_of(explorer, "capacity") == CAPACITY.high
    slide(explorer, "capacity", math.log10(123_456))
    assert value_of(explorer, "capacity") == 120_000
    assert explorer.locator(f"{ROOT} output[data-for=capacity]").inner_text() == "120,000"


def test_capacity_marks_show_the_measured_value_and_the_break_even(explorer):
    key = explorer.locator(f"{ROOT} .tipline-explorer__mark-key")
    values = {n: p.default for n, p in params_for_year(DEFAULT_YEAR).items()}
    even = break_even(DEFAULT_YEAR, values, dict(CHOICE_DEFAULTS))
    assert f"{CAPACITY.default:,.0f}" in key.inner_text()
    assert f"break-even {round_value(even)}" in key.inner_text()
    shown = float(key.locator("[data-even]").get_attribute("data-even"))
    assert shown == pytest.approx(even, rel=1e-6)
    assert (
        float(evaluate(capacity=shown * 1.001).tilt)
        > 0
        > float(evaluate(capacity=shown * 0.999).tilt)
    )
    # the mark follows the other settings
    set_values(explorer, {"quality": 0.3})
    moved = float(key.locator("[data-even]").get_attribute("data-even"))
    expected = break_even(DEFAULT_YEAR, {**values, "quality": 0.3}, dict(CHOICE_DEFAULTS))
    assert moved == pytest.approx(expected, rel=1e-6)
    marks = explorer.evaluate(
        """() => [...document.querySelectorAll('.tipline-explorer__mark')].map(m => {
            const b = m.getBoundingClientRect(); return b.left + b.width / 2; })"""
    )
    assert marks[0] > marks[1], "the break-even mark sits left of the measured value"


def test_an_exact_value_typed_is_used_exactly_and_nonsense_is_refused(explorer):
    box = explorer.locator(f"{ROOT} input[data-field=quality]")
    box.fill("61.25")
    assert value_of(explorer, "quality") == pytest.approx(0.6125, abs=1e-15)
    state = read_state(explorer)
    assert state["tilt"] == pytest.approx(float(evaluate(quality=0.6125).tilt), abs=1e-9)
    before = state["tilt"]
    for nonsense in ("150", "-3", ""):
        box.fill(nonsense)
        assert box.get_attribute("aria-invalid") == "true", nonsense
        note = explorer.locator(f"{ROOT} [data-control=quality] .tipline-explorer__invalid")
        assert "must be a number from 0 to 100" in note.inner_text()
        assert read_state(explorer)["tilt"] == before
    box.fill("40")
    assert box.get_attribute("aria-invalid") is None
    assert value_of(explorer, "quality") == pytest.approx(0.4)


def test_short_links_round_trip(explorer):
    set_values(explorer, {"quality": 0.6125, "capacity": 250_000, "triage": 0.7})
    explorer.locator(f"{ROOT} input[data-choice=baseline][value=worked_in_time]").check()
    explorer.locator(f"{ROOT} button[data-action=copy-link]").click()
    link = explorer.locator(f"{ROOT} .tipline-explorer__link").input_value()
    query = dict(parse_qsl(urlsplit(link).query))
    assert query == {
        "quality": "0.6125",
        "capacity": "250000",
        "triage": "0.7",
        "baseline": "worked_in_time",
    }
    before = read_state(explorer)
    other = explorer.context.new_page()
    try:
        other.base = explorer.base
        open_explorer(other, urlsplit(link).query)
        after = read_state(other)
        assert after["values"] == before["values"] and after["tilt"] == before["tilt"]
        assert after["choices"] == before["choices"]
    finally:
        other.close()


def test_the_status_line_clears_on_the_next_input(explorer):
    explorer.locator(f"{ROOT} button[data-action=copy-link]").click()
    status = explorer.locator(f"{ROOT} .tipline-explorer__status")
    # Reset has its own message: wait for the copy's, which arrives when the clipboard answers.
    explorer.wait_for_function(
        "() => /^(Link copied|Copy the link)/"
        ".test(document.querySelector('.tipline-explorer__status').textContent)"
    )
    set_values(explorer, {"quality": 0.5})
    assert status.inner_text() == ""


def test_a_copy_that_finishes_after_the_settings_move_says_nothing(explorer):
    # A clipboard that answers only when the test says so (the page is shared: put it back).
    explorer.evaluate(
        """() => { window.__finishCopy = null;
            navigator.clipboard.writeText =
              () => new Promise(ok => { window.__finishCopy = ok; }); }"""
    )
    try:
        explorer.locator(f"{ROOT} button[data-action=copy-link]").click()
        explorer.wait_for_function("() => window.__finishCopy !== null")
        set_values(explorer, {"quality": 0.5})
        explorer.evaluate("() => window.__finishCopy()")
        explorer.wait_for_timeout(100)
        assert explorer.locator(f"{ROOT} .tipline-explorer__status").inner_text() == ""
    finally:
        explorer.evaluate("() => { delete navigator.clipboard.writeText; }")


def test_presets_show_which_is_active_and_when_it_was_modified(explorer):
    def pressed():
        return explorer.evaluate(
            """() => [...document.querySelectorAll('button[data-preset]')]
                 .filter(b => b.getAttribute('aria-pressed') === 'true')
                 .map(b => b.dataset.preset)"""
        )

    state = explorer.locator(f"{ROOT} .tipline-explorer__preset-state")
    assert pressed() == ["status-quo-2023"] and state.inner_text() == ""
    explorer.locator(f"{ROOT} button[data-preset=capacity-doubled]").click()
    assert pressed() == ["capacity-doubled"]
    set_values(explorer, {"quality": 0.5})
    assert pressed() == []
    assert state.inner_text() == "Modified from \u201cCapacity doubled\u201d"
    button = explorer.locator(f"{ROOT} button[data-preset=capacity-doubled]")
    assert "tipline-explorer__button--modified" in button.get_attribute("class")
    explorer.locator(f"{ROOT} button[data-action=reset]").click()
    assert pressed() == ["status-quo-2023"] and state.inner_text() == ""


def test_flow_labels_never_overlap_and_stay_inside(explorer):
    for settings in ({}, {"capacity": 10_000}, {"capacity": 3_000_000, "quality": 1.0}):
        if settings:
            set_values(explorer, settings)
        boxes = explorer.evaluate(
            """() => {
                const root = document.querySelector('section.tipline-explorer');
                const r = root.getBoundingClientRect();
                const items = [...root.querySelectorAll(
                    '.tipline-flow__key li, .tipline-flow__title')]
                    .map(e => e.getBoundingClientRect());
                return {root: [r.left, r.right],
                        items: items.map(b => [b.left, b.top, b.right, b.bottom])};
            }"""
        )
        items = boxes["items"]
        for i, a in enumerate(items):
            assert a[0] >= boxes["root"][0] and a[2] <= boxes["root"][1] + 0.5, (settings, a)
            for b in items[i + 1 :]:
                overlap = (
                    min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
                )
                assert not overlap, (settings, a, b)


def test_minus_signs_are_the_minus_sign(explorer):
    set_values(explorer, {"capacity": 10_000})
    tilt = explorer.locator(f"{ROOT} .tipline-explorer__tilt").inner_text()
    assert tilt.startswith("\u2212"), tilt
    texts = explorer.locator(ROOT).inner_text()
    assert " -0." not in texts and "(-" not in texts


def test_without_javascript_a_note_says_so_and_links_to_the_tables(browser, server, site_dir):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(f"{server.base}/{PAGE}")
        note = pg.locator(f"{ROOT} .tipline-explorer__nojs")
        assert note.is_visible()
        assert "needs JavaScript" in note.inner_text()
        href = note.locator("a").get_attribute("href")
        assert href == MODEL_TABLES
        page, anchor = href.split("#")
        text = (site_dir / "book" / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in text, f"{href}: no such section in the model chapter"
    finally:
        context.close()
