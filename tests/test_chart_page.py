"""How the page treats its charts: without stills, drawn as they come near the screen (the
stills themselves: test_chart_stills_site.py); switched to their phone layout and back as
the window narrows and widens; and every page's head: one viewport tag, a description, a
share card that exists."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from browsing import SITE_DIR, site_pages

from tipline.chart_stills import strip_stills

pytestmark = pytest.mark.browser

PAGE = "book/volume.html"  # a long chapter with several charts

_READY = "async () => { if (window.tiplinePageScripts) await window.tiplinePageScripts; }"
_STATE = """() => [...document.querySelectorAll('figure.tipline-figure .tipline-plot')].map(p => ({
  top: p.getBoundingClientRect().top, drawn: p.dataset.drawn === 'true', layout: p.dataset.layout,
  ticks: p.querySelectorAll('.xtick text').length}))"""


def _open(browser, server, width, height, rel=PAGE):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server.base}/{rel}", wait_until="load")
    page.evaluate(_READY)
    page.wait_for_timeout(500)
    return context, page


def test_charts_without_stills_are_drawn_as_they_come_near_the_screen(browser, server):
    """A build without Chromium has no stills: its charts are drawn as they near the screen."""

    def without_stills(route):
        response = route.fetch()
        route.fulfill(response=response, body=strip_stills(response.text()))

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(f"**/{PAGE}", without_stills)
    page = context.new_page()
    page.goto(f"{server.base}/{PAGE}", wait_until="load")
    page.evaluate(_READY)
    page.wait_for_timeout(500)
    assert page.locator(".tipline-plot__still").count() == 0
    plots = page.evaluate(_STATE)
    near = [i for i, p in enumerate(plots) if p["top"] < 800]
    far = [i for i, p in enumerate(plots) if p["top"] > 3 * 800]
    assert near and far, f"{PAGE} has no chart on the first screen or none far below it"
    page.wait_for_function(
        "() => document.querySelector('figure.tipline-figure .tipline-plot').dataset.drawn"
    )
    assert not any(plots[i]["drawn"] for i in far), "charts far below were drawn at load"
    target = far[-1]
    page.locator("figure.tipline-figure .tipline-plot").nth(target).scroll_into_view_if_needed()
    page.wait_for_function(
        "i => document.querySelectorAll('figure.tipline-figure .tipline-plot')[i]"
        ".dataset.drawn === 'true'",
        arg=target,
        timeout=10_000,
    )
    context.close()


def test_charts_take_their_phone_layout_as_the_window_narrows_and_back(browser, server):
    context, page = _open(browser, server, 1280, 800, "book/scale.html")
    page.locator("figure.tipline-figure .tipline-plot").first.hover()  # the still gives way
    page.wait_for_function(
        "() => document.querySelector('figure.tipline-figure .tipline-plot').dataset.drawn"
    )
    wide = page.evaluate(_STATE)[0]
    assert wide["layout"] == "desktop"
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(
        "() => document.querySelector('figure.tipline-figure .tipline-plot').dataset.layout"
        " === 'phone'"
    )
    page.wait_for_timeout(300)
    narrow = page.evaluate(_STATE)[0]
    assert narrow["ticks"] < wide["ticks"], "the phone layout shows fewer year ticks"
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(
        "() => document.querySelector('figure.tipline-figure .tipline-plot').dataset.layout"
        " === 'desktop'"
    )
    page.wait_for_timeout(300)
    assert page.evaluate(_STATE)[0]["ticks"] == wide["ticks"]
    context.close()


def _pages() -> list[str]:
    return site_pages() if SITE_DIR.exists() else ["<no built site: run make build>"]


@pytest.mark.parametrize("rel", _pages())
def test_every_page_has_one_viewport_a_description_and_a_card(site_dir, rel):
    html = (site_dir / rel).read_text(encoding="utf-8")
    if 'http-equiv="refresh"' in html.lower():
        pytest.skip("the root's redirect to the first chapter")
    head = html[: html.index("</head>")]
    viewports = head.count('name="viewport"')
    assert viewports == 1, f"{rel}: {viewports} viewport tags"
    description = re.search(r'<meta name="description" content="([^"]+)"', head)
    assert description and len(description.group(1)) > 20, f"{rel}: no description"
    image = re.search(r'<meta property="og:image" content="([^"]+)"', head)
    assert image, f"{rel}: no og:image"
    path = urlparse(image.group(1)).path
    local = site_dir / re.sub(r"^.*?/_static/", "_static/", path)
    assert local.is_file() and local.stat().st_size > 5_000, f"{rel}: card {local} missing"
    if 'class="tipline-figure"' in html:
        assert "/cards/" in path, f"{rel}: a page with a chart shares its key chart"
