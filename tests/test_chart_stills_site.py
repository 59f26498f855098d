"""Chart stills in the built site, in Chromium: a chart page shows every chart as its still
and runs no plotly.js until the reader reaches for a chart; each still holds the words of
the live chart that replaces it, at the same place and size; without JavaScript the stills
still show; a chart whose still is missing is drawn live."""

from __future__ import annotations

import re

import pytest
from browsing import SITE_DIR, built_pages_with

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
_READY = "async () => { if (window.tiplinePageScripts) await window.tiplinePageScripts; }"
_PICTURE = re.compile(r'<picture class="tipline-plot__still">.*?</picture>', re.DOTALL)


CHART_PAGES = built_pages_with('class="tipline-figure"')

#: For each chart: its still (the file the browser chose, loaded or not) and its box.
_STILLS = """() => [...document.querySelectorAll('figure.tipline-figure .tipline-plot')].map(p => {
  const img = p.querySelector('.tipline-plot__still img');
  const box = p.getBoundingClientRect();
  return {id: p.closest('figure').id, still: !!img, drawn: p.dataset.drawn === 'true',
    file: img ? (img.currentSrc || '').split('/').pop() : null,
    loaded: img ? img.complete && img.naturalWidth > 0 : false,
    height: box.height, imgHeight: img ? img.getBoundingClientRect().height : null};
})"""

#: The words of a drawing, in reading order, from SVG text (the still's file or the live
#: chart's layers; in the live chart only the words shown: plotly hides a bar's label that
#: does not fit, and its still leaves it out).
_WORDS = """svg => [...svg.querySelectorAll('text')]
  .filter(t => t.ownerDocument !== document || t.checkVisibility())
  .map(t => t.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean)"""
_STILL_WORDS = f"""async id => {{
  const img = document.getElementById(id).querySelector('.tipline-plot__still img');
  const text = await (await fetch(img.currentSrc)).text();
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  return ({_WORDS})(svg);
}}"""
_LIVE_WORDS = f"""id => [...document.getElementById(id).querySelectorAll('svg.main-svg')]
  .flatMap({_WORDS})"""


#: The figure with this id, or the page's first plotted chart when the id is null (a figure
#: drawn in HTML, like the flow of reports, has no plot).
_FIGURE = (
    "(id ? document.getElementById(id)"
    " : document.querySelector('figure.tipline-figure .tipline-plot').closest('figure'))"
)


def _wait_for_still(page, fid: str | None = None) -> None:
    """Until the chart's still (or the first chart's) has loaded."""
    page.wait_for_function(
        f"id => {{ const i = {_FIGURE}.querySelector('.tipline-plot__still img');"
        " return i && i.complete && i.naturalWidth > 0; }",
        arg=fid,
        timeout=5_000,
    )


def _wait_for_live_chart(page, fid: str | None = None) -> None:
    """Until the chart (or the first chart) is drawn live."""
    page.wait_for_function(
        f"id => {_FIGURE}.querySelector('.tipline-plot').dataset.drawn === 'true'",
        arg=fid,
        timeout=15_000,
    )


def _open(browser, server, rel, size, **context_args):
    width, height = VIEWPORTS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, **context_args)
    page = context.new_page()
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url))
    page.goto(f"{server.base}/{rel}", wait_until="load")
    return context, page


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("rel", CHART_PAGES)
def test_a_chart_page_shows_stills_and_runs_no_plotly_until_a_chart_is_used(
    browser, server, rel, size
):
    context, page = _open(browser, server, rel, size)
    try:
        page.evaluate(_READY)
        page.wait_for_timeout(300)
        charts = page.evaluate(_STILLS)
        assert charts and all(c["still"] for c in charts), [c["id"] for c in charts]
        assert not any(c["drawn"] for c in charts), "a chart was drawn live at load"
        assert not [u for u in page.requested if "plotly" in u], "plotly.js fetched at load"
        first = charts[0]
        _wait_for_still(page)
        # the phone drawing on a phone, the desktop drawing otherwise
        html = (SITE_DIR / rel).read_text(encoding="utf-8")
        picture = _PICTURE.search(html).group(0)
        desktop = re.search(r'<img src="[^"]*/([0-9a-f]+\.svg)"', picture).group(1)
        phone = re.search(r'<source media="[^"]+" srcset="[^"]*/([0-9a-f]+\.svg)"', picture)
        wanted = phone.group(1) if size == "phone" else desktop
        first = page.evaluate(_STILLS)[0]
        assert first["file"] == wanted
        # the still fills its holder: no gap or jump when the live chart takes its place
        assert abs(first["imgHeight"] - first["height"]) <= 2, first
    finally:
        context.close()


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("rel", CHART_PAGES)
def test_each_still_holds_the_words_of_the_live_chart_that_replaces_it(browser, server, rel, size):
    context, page = _open(browser, server, rel, size)
    try:
        page.evaluate(_READY)
        problems = []
        for chart in page.evaluate(_STILLS):
            fid = chart["id"]
            holder = page.locator(f"[id='{fid}'] .tipline-plot")
            holder.scroll_into_view_if_needed()
            _wait_for_still(page, fid)
            still = page.evaluate(_STILL_WORDS, fid)
            before = holder.bounding_box()
            holder.dispatch_event("click")  # the reader reaches for the chart
            _wait_for_live_chart(page, fid)
            live = page.evaluate(_LIVE_WORDS, fid)
            after = holder.bounding_box()
            if not still:
                problems.append(f"{fid}: the still has no words")
            if sorted(still) != sorted(live):
                problems.append(f"{fid}: still {sorted(set(still) ^ set(live))[:6]}")
            if abs(after["height"] - before["height"]) > 2 or abs(after["y"] - before["y"]) > 1:
                problems.append(f"{fid}: the chart moved from {before} to {after}")
            if page.locator(f"[id='{fid}'] .tipline-plot__still").count():
                problems.append(f"{fid}: the still stayed after the live chart was drawn")
        assert not problems, problems
    finally:
        context.close()


def test_a_mouse_over_a_still_draws_the_live_chart(browser, server):
    context, page = _open(browser, server, "book/help.html", "desktop")
    try:
        page.evaluate(_READY)
        holder = page.locator("figure.tipline-figure .tipline-plot").first
        holder.hover()
        _wait_for_live_chart(page)
        assert [u for u in page.requested if "plotly" in u]
    finally:
        context.close()


def test_without_javascript_the_stills_show(browser, server):
    context, page = _open(browser, server, "book/volume.html", "phone", java_script_enabled=False)
    try:
        images = page.locator(".tipline-plot__still img")
        assert images.count() >= 2
        first = images.first
        first.scroll_into_view_if_needed()
        _wait_for_still(page)
    finally:
        context.close()


def test_a_chart_whose_still_cannot_load_is_drawn_live(browser, server):
    width, height = VIEWPORTS["desktop"]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/_static/charts/*.svg", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(f"{server.base}/book/help.html", wait_until="load")
        page.evaluate(_READY)
        _wait_for_live_chart(page)
        assert page.locator(".tipline-figure__error").count() == 0
    finally:
        context.close()


#: The centre of the first data marker of the page's first chart, in page coordinates
#: (from the live chart: the still is the same drawing).
_MARKER = """() => {
  const p = document.querySelector('figure.tipline-figure .tipline-plot .scatterlayer .point');
  const b = p.getBoundingClientRect();
  return [b.left + b.width / 2 + window.scrollX, b.top + b.height / 2 + window.scrollY];
}"""
_HOVER_LABEL = "() => document.querySelectorAll('.tipline-plot .hoverlayer .hovertext').length"


def _first_marker(browser, server, size):
    context, page = _open(browser, server, "book/help.html", size)
    try:
        page.evaluate(_READY)
        page.evaluate("() => window.tiplineFigures.drawAll()")
        page.wait_for_selector(".tipline-plot[data-drawn='true'] .scatterlayer .point")
        return page.evaluate(_MARKER)
    finally:
        context.close()


def test_the_mouse_that_wakes_a_chart_sees_the_values_under_it(browser, server):
    x, y = _first_marker(browser, server, "desktop")
    context, page = _open(browser, server, "book/help.html", "desktop")
    try:
        page.evaluate(_READY)
        page.evaluate(f"window.scrollTo(0, {y} - 400)")
        scroll = page.evaluate("window.scrollY")
        page.mouse.move(x, y - scroll)  # one move onto the still, and no more
        page.wait_for_function(_HOVER_LABEL, timeout=15_000)
    finally:
        context.close()


def test_the_tap_that_wakes_a_chart_on_a_phone_shows_the_values_under_it(browser, server):
    x, y = _first_marker(browser, server, "phone")
    context, page = _open(browser, server, "book/help.html", "phone", has_touch=True)
    try:
        page.evaluate(_READY)
        page.evaluate(f"window.scrollTo(0, {y} - 400)")
        scroll = page.evaluate("window.scrollY")
        page.touchscreen.tap(x, y - scroll)
        page.wait_for_function(_HOVER_LABEL, timeout=15_000)
    finally:
        context.close()
