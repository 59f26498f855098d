"""The compact explorer (chapters) and predict-then-reveal, in Python and in Chromium.

The browser tests use the specimen page (tests/specimen.py): a built chapter page with two
compact explorers and two predictions after its title, so they hold whatever chapters embed.
One page load per viewport is shared by the tests of this module.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from browsing import DUPLICATE_IDS
from specimen import CAPACITY, COMPONENTS, open_specimen

from tipline.explorer import compact, predict
from tipline.explorer.chapter import compact_html, short_query
from tipline.explorer.prediction import predict_html, signed
from tipline.model import DEFAULT_YEAR, evaluate, params_for_year, verdict_sentence

#: "Well under half" the full explorer's height in a chapter (about 1,350 px).
MAX_HEIGHT = 600

COMPACT = "section.tipline-explorer--compact"
PREDICT = "section.tipline-predict"


# --- Python ---------------------------------------------------------------------------------
def test_compact_shows_only_the_focus_controls_verdict_balance_and_link():
    html = compact_html(("capacity",))
    assert html.count('type="range"') == 1 and 'name="capacity"' in html
    assert "tipline-explorer__verdict" in html and "tipline-explorer__balance" in html
    assert 'href="explore.html"' in html  # default settings: a bare link
    for absent in ("data-preset", "flow-chart", "tipline-explorer__counts", "<select"):
        assert absent not in html, absent
    assert verdict_sentence(evaluate()) in html.replace("&#x27;", "'")


def test_compact_link_carries_its_settings_in_short_form():
    html = compact_html(("quality", "baseline"), year=2024, capacity=250_000)
    assert 'href="explore.html?year=2024&amp;capacity=250000&amp;' not in html  # order below
    assert "explore.html?year=2024&amp;capacity=250000" in html
    assert short_query(DEFAULT_YEAR, _defaults(), {"baseline": "no_report"}) == ""
    values = {**_defaults(), "quality": 0.55}
    assert short_query(DEFAULT_YEAR, values, {"baseline": "worked_in_time"}) == (
        "quality=0.55&baseline=worked_in_time"
    )


def test_each_compact_explorers_form_is_a_landmark_named_after_its_own_assumptions():
    """Two explorers in one chapter: a screen reader's list of regions tells their forms
    apart (axe's landmark-unique; the volume chapter had two forms named "Assumptions")."""
    import re

    labels = [
        re.search(r'<form class="tipline-explorer__controls" aria-label="([^"]+)"', h)[1]
        for h in (compact_html(("foreign_share",)), compact_html(("quality", "baseline")))
    ]
    assert labels[0] != labels[1], labels
    assert labels[0].startswith("Assumptions: ") and "oreign" in labels[0], labels


def _defaults(year: int = DEFAULT_YEAR) -> dict:
    return {n: p.default for n, p in params_for_year(year).items()}


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: compact_html(("speed",)), "unknown setting"),
        (lambda: compact_html(()), "at least one"),
        (lambda: compact_html(("quality",), colour=1), "unknown setting 'colour'"),
        (lambda: compact_html(("quality",), quality=2), "quality"),
        (lambda: compact_html(("quality",), year=1999), "1999"),
        (lambda: predict_html("Which way?", answer="sideways"), "answer must be one of"),
        (lambda: predict_html("  "), "needs a question"),
        (lambda: predict_html("Which way?", baseline="never"), "baseline"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_components_on_one_page_have_distinct_ids():
    import re

    html = "".join(compact_html(("capacity",)) for _ in range(2)) + "".join(
        predict_html("Which way?") for _ in range(2)
    )
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_public_calls_display_html():
    bundle = compact(focus=("capacity",), live=False)._repr_mimebundle_()
    assert "tipline-explorer--compact" in bundle["text/html"]
    shown = predict("Which way?", answer="tilt", capacity=CAPACITY * 2)._repr_mimebundle_()
    assert "tipline-predict" in shown["text/html"]


def test_signed_uses_the_minus_sign():
    assert signed(-0.081) == "\u22120.08" and signed(0.004) == "0.00" and signed(0.5) == "+0.50"


# --- browser --------------------------------------------------------------------------------
@pytest.fixture(scope="module", params=[(1280, 800), (390, 844)], ids=["desktop", "phone"])
def specimen(request, browser, server, site_dir):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    open_specimen(page, server.base, site_dir)
    page.base, page.site_dir, page.width = server.base, site_dir, width
    yield page
    context.close()


def _move(root, name, value):
    """Type an exact value into a setting's number field (shares in percent)."""
    root.locator(f"input[data-field={name}]").evaluate(
        "(el, v) => { const percent = el.getAttribute('aria-label').includes('in percent');"
        " el.value = String(percent ? v * 100 : v);"
        " el.dispatchEvent(new Event('input', {bubbles: true})); }",
        value,
    )


@pytest.mark.browser
def test_compact_explorers_are_short_and_hold_only_their_parts(specimen):
    compacts = specimen.locator(COMPACT)
    focus = [kw["focus"] for kind, kw in COMPONENTS if kind == "compact"]
    for i, names in enumerate(focus):
        root = compacts.nth(i)
        box = root.bounding_box()
        assert box["height"] <= MAX_HEIGHT, f"compact explorer {i} is {box['height']:.0f} px tall"
        assert box["x"] >= 0 and box["x"] + box["width"] <= specimen.width
        sliders = root.locator("input[type=range]")
        assert sorted(sliders.evaluate_all("els => els.map(e => e.dataset.slider)")) == sorted(
            n for n in names if n != "baseline"
        )
        assert root.locator(".tipline-explorer__verdict").is_visible()
        assert root.locator(".tipline-explorer__balance").is_visible()
        assert root.locator("a.tipline-explorer__open-link").inner_text() == (
            "Open in the full explorer"
        )
        for absent in ("[data-preset]", ".tipline-explorer__flow-chart", "table", "select"):
            assert root.locator(absent).count() == 0, absent
    assert specimen.evaluate(DUPLICATE_IDS) == []
    assert not specimen.problems, specimen.problems


@pytest.mark.browser
def test_compact_explorer_follows_the_model_and_leaves_its_neighbour_alone(specimen):
    first, second = specimen.locator(COMPACT).nth(0), specimen.locator(COMPACT).nth(1)
    before = second.get_attribute("data-tilt")
    _move(first, "capacity", 30_000)
    expected = evaluate(capacity=30_000)
    assert float(first.get_attribute("data-tilt")) == pytest.approx(float(expected.tilt), abs=1e-9)
    assert first.locator(".tipline-explorer__verdict").inner_text() == verdict_sentence(expected)
    assert second.get_attribute("data-tilt") == before
    _move(first, "capacity", CAPACITY)


@pytest.mark.browser
def test_open_in_the_full_explorer_keeps_the_settings(specimen):
    root = specimen.locator(COMPACT).nth(1)  # 2024, capacity 250,000, quality and baseline
    _move(root, "quality", 0.4)
    root.locator("input[type=radio][value=worked_in_time]").check()
    href = root.locator("a.tipline-explorer__open-link").get_attribute("href")
    path, query = href.split("?", 1)
    assert path == "explore.html"
    assert dict(parse_qsl(query)) == {
        "year": "2024",
        "capacity": "250000",
        "quality": "0.4",
        "baseline": "worked_in_time",
    }
    tilt = float(root.get_attribute("data-tilt"))
    page = specimen.context.new_page()
    try:
        page.goto(f"{specimen.base}/book/{href}")
        page.wait_for_function(
            "() => { const el = document.querySelector('section.tipline-explorer');"
            " return el && el.classList.contains('tipline-explorer--live'); }"
        )
        full = page.locator("section.tipline-explorer").first
        assert float(full.get_attribute("data-tilt")) == pytest.approx(tilt, abs=1e-12)
        assert full.locator("select[name=year]").input_value() == "2024"
        assert full.locator(".tipline-explorer__notice").is_hidden()
        assert urlsplit(page.url).path.endswith("/book/explore.html")
    finally:
        page.close()


def _predictions(page):
    return page.locator(PREDICT)


@pytest.mark.browser
def test_a_verdict_prediction_by_keyboard_then_revealed_beside_the_guess(specimen):
    root = _predictions(specimen).nth(0)
    kwargs = [kw for kind, kw in COMPONENTS if kind == "predict"][0]
    expected = evaluate(capacity=kwargs["capacity"])
    reveal = root.locator(".tipline-predict__reveal")
    assert reveal.is_hidden(), "the answer shows before the reader has guessed"
    requests_before = len(specimen.requests)
    # Enter without a choice asks for one and reveals nothing
    root.locator(".tipline-predict__commit").focus()
    specimen.keyboard.press("Enter")
    assert "Choose one" in root.locator(".tipline-predict__status").inner_text()
    assert reveal.is_hidden()
    # the focus is now on the first option; the arrow keys move through the options
    specimen.keyboard.press("ArrowDown")  # "leans toward investigators" checked
    specimen.keyboard.press("ArrowDown")  # "roughly balanced"
    assert root.locator("input[type=radio]:checked").get_attribute("value") == "2"
    specimen.keyboard.press("Tab")
    assert specimen.evaluate("document.activeElement.className") == "tipline-predict__commit"
    specimen.keyboard.press("Enter")
    assert reveal.is_visible()
    assert specimen.evaluate("document.activeElement.id") == reveal.get_attribute("id")
    words = root.locator(".tipline-predict__compare").inner_text()
    assert words.startswith("You predicted that the system is roughly balanced.")
    assert verdict_sentence(expected) in reveal.inner_text()
    assert "your guess" in root.locator("[data-tag='2']").inner_text()
    stored = specimen.evaluate(
        "k => localStorage.getItem('tipline-predict:' + k)", root.get_attribute("data-key")
    )
    assert stored == '{"guess":2}'
    assert len(specimen.requests) == requests_before, "a guess must not be sent anywhere"
    # the guess is still there on the next visit; "Predict again" forgets it
    open_specimen(specimen, specimen.base, specimen.site_dir)
    root = _predictions(specimen).nth(0)
    assert root.locator(".tipline-predict__reveal").is_visible()
    assert root.locator("input[type=radio]:checked").get_attribute("value") == "2"
    root.locator(".tipline-predict__again").focus()
    specimen.keyboard.press("Enter")
    assert root.locator(".tipline-predict__reveal").is_hidden()
    assert (
        specimen.evaluate(
            "k => localStorage.getItem('tipline-predict:' + k)", root.get_attribute("data-key")
        )
        is None
    )
    assert not specimen.problems, specimen.problems


@pytest.mark.browser
def test_a_tilt_prediction_sets_a_mark_on_the_scale_by_keyboard(specimen):
    root = _predictions(specimen).nth(1)
    kwargs = [kw for kind, kw in COMPONENTS if kind == "predict"][1]
    tilt = float(evaluate(capacity=kwargs["capacity"]).tilt)
    slider = root.locator("input[type=range]")
    slider.focus()
    for _ in range(6):
        specimen.keyboard.press("ArrowRight")  # +0.30
    assert root.locator("output").inner_text() == "+0.30"
    assert "leans toward investigators" in slider.get_attribute("aria-valuetext")
    specimen.keyboard.press("Tab")
    specimen.keyboard.press("Enter")
    reveal = root.locator(".tipline-predict__reveal")
    assert reveal.is_visible()
    words = root.locator(".tipline-predict__compare").inner_text()
    assert "+0.30" in words and signed(tilt) in words
    marks = root.evaluate(
        """el => ['guess', 'model'].map(k => {
            const m = el.querySelector('.tipline-predict__mark--' + k).getBoundingClientRect();
            const t = el.querySelector('.tipline-predict__track').getBoundingClientRect();
            return (m.left + m.width / 2 - t.left) / t.width;
        })"""
    )
    assert marks[0] == pytest.approx(0.65, abs=0.01)
    assert marks[1] == pytest.approx(0.5 + tilt / 2, abs=0.01)
    root.locator(".tipline-predict__again").click()
