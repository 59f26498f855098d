"""The built site loads light: nothing blocks the first paint that need not, the search
index only where it is searched, the theme's icons drawn without Font Awesome's full fonts,
the lighter plotly.js bundle where no Sankey diagram is drawn. Sizes and scores are measured
by `make bench`; these tests check the mechanisms on every page."""

from __future__ import annotations

import re

import pytest
from browsing import site_pages, visit

pytestmark = pytest.mark.browser

_HEAD = re.compile(r"<head>(.*?)</head>", re.DOTALL)
_SCRIPT = re.compile(r"<script\b([^>]*)>")


def test_no_page_blocks_its_first_paint_on_a_script(site_dir):
    for rel in site_pages(site_dir):
        text = (site_dir / rel).read_text(encoding="utf-8")
        head = _HEAD.search(text).group(1) if "<head>" in text else text  # index: a redirect
        blocking = [
            attrs
            for attrs in _SCRIPT.findall(head)
            if "src=" in attrs
            and not re.search(r"\b(defer|async)\b|type=\"module\"", attrs)
            and "documentation_options.js" not in attrs
        ]
        assert not blocking, f"{rel}: render-blocking scripts {blocking}"


def test_every_page_loads_light_and_draws_its_icons(site_dir, browser, server):
    for rel in site_pages(site_dir):
        v = visit(browser, server, rel, axe=False)
        assert not v.problems(), f"{rel}: {v.problems()}"
        search_files = [f for f in v.fetched if f.endswith(("searchindex.js", "searchtools.js"))]
        if rel == "search.html":
            assert len(search_files) == 2
        else:
            assert not search_files, f"{rel} fetched the search index: {search_files}"
        for font in (f for f in v.fetched if f.endswith((".woff2", ".woff", ".ttf"))):
            size = (site_dir / font.lstrip("/")).stat().st_size
            assert size < 10_000, f"{rel} fetched a {size}-byte font {font}: not subset"
        bundles = [f for f in v.fetched if "plotly" in f]
        assert len(bundles) <= 1, f"{rel} loads two plotly.js bundles: {bundles}"
        assert all("vendor/plotly-tipline.min.js" in b for b in bundles), bundles


def test_theme_icons_are_drawn_and_the_colour_switch_still_works(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{server.base}/book/help.html")
    icons = page.locator(".bd-header-article .tipline-icon svg")
    assert icons.count() >= 5
    visible = [b for b in (icons.nth(i).bounding_box() for i in range(icons.count())) if b]
    assert visible and all(8 <= b["height"] <= 40 and b["width"] >= 8 for b in visible)
    assert (
        page.locator("i[class*='fa-'], span[class*='fa-']").evaluate_all(
            "els => els.filter(e => !e.querySelector('svg')).map(e => e.className)"
        )
        == []
    )
    before = page.evaluate("document.documentElement.dataset.mode")
    page.locator(".theme-switch-button").first.click()
    assert page.evaluate("document.documentElement.dataset.mode") != before
    context.close()


def test_search_from_a_chapter_finds_pages(browser, server):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server.base}/book/help.html")
    page.keyboard.press("Control+k")
    page.keyboard.type("bundling")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results li", timeout=15_000)
    assert page.url.endswith("search.html?q=bundling")
    assert page.locator("#search-results li").count() >= 3
    assert not errors
    context.close()
