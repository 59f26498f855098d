"""Every chart of the built book, drawn in Chromium at a phone's and a desktop's size and
measured: every chart is on the chart layer, no two text labels overlap, no label sticks out
of the chart's box, the plot area keeps a readable width on a phone, and no page scrolls
sideways on a phone.

Bounding boxes come from the browser (``getBoundingClientRect`` of every visible ``text``
element of the chart's SVG), not from screenshots. Each page is loaded once per viewport and
all its charts are measured in one evaluation; the phone load of a page also measures
whether it scrolls sideways.
"""

from __future__ import annotations

import re

import pytest
from browsing import SITE_DIR, scroll_through, site_pages

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
MIN_PHONE_PLOT = 120  # px
TOLERANCE = 1.0  # px: boxes that merely touch do not overlap

FIGURE = 'class="tipline-figure"'


def _chart_pages() -> list[str]:
    if not SITE_DIR.exists():
        return ["<no built site: run make build>"]
    return [rel for rel in site_pages() if FIGURE in (SITE_DIR / rel).read_text(encoding="utf-8")]


CHART_PAGES = _chart_pages()

#: For each chart: its id, whether it is on the layer, its box, the visible text boxes of its
#: SVG, and the width of each plot area (cartesian subplots).
_MEASURE = """() => [...document.querySelectorAll('figure.tipline-figure')]
  .filter(fig => fig.querySelector('.tipline-plot'))  // figures drawn in HTML have no plot
  .map(fig => {
  const holder = fig.querySelector('.tipline-plot');
  const box = holder.getBoundingClientRect();
  const visible = el => {
    for (let n = el; n && n !== holder; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0)
        return false;
    }
    return true;
  };
  const texts = [...holder.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && visible(t))
    .map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent.trim(), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
    })
    .filter(r => r.x1 - r.x0 > 0 && r.y1 - r.y0 > 0);
  const plots = [...holder.querySelectorAll('.draglayer .nsewdrag')]
    .map(d => d.getBoundingClientRect().width);
  return {id: fig.id, layer: fig.dataset.layer === 'true', layout: holder.dataset.layout,
          drawn: holder.dataset.drawn === 'true',
          box: {x0: box.left, y0: box.top, x1: box.right, y1: box.bottom}, texts, plots};
})"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > TOLERANCE
        and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > TOLERANCE
    )


def _outside(t: dict, box: dict) -> bool:
    return (
        t["x0"] < box["x0"] - TOLERANCE
        or t["x1"] > box["x1"] + TOLERANCE
        or t["y0"] < box["y0"] - TOLERANCE
        or t["y1"] > box["y1"] + TOLERANCE
    )


def text_problems(name: str, texts: list[dict], box: dict) -> list[str]:
    """Text boxes of one chart that stick out of ``box`` or overlap one another."""
    found = []
    for i, a in enumerate(texts):
        if _outside(a, box):
            found.append(f"{name}: {a['text']!r} sticks out of the chart's box")
        for b in texts[i + 1 :]:
            if _overlap(a, b):
                found.append(f"{name}: {a['text']!r} overlaps {b['text']!r}")
    return found


def problems(chart: dict, phone: bool) -> list[str]:
    """What is wrong with one measured chart (empty when nothing is)."""
    found = []
    if not chart["drawn"]:
        return [f"{chart['id']}: not drawn"]
    if not chart["layer"]:
        found.append(f"{chart['id']}: not drawn through the chart layer (tipline.charts)")
    found += text_problems(chart["id"], chart["texts"], chart["box"])
    if phone:
        narrow = [round(w) for w in chart["plots"] if w < MIN_PHONE_PLOT]
        if narrow:
            found.append(f"{chart['id']}: plot area only {narrow} px wide on a phone")
    if phone and chart["layout"] != "phone":
        found.append(f"{chart['id']}: drawn with its {chart['layout']} layout on a phone")
    return found


#: How far the page reaches to the right, and the first elements that reach past the window.
_SIDEWAYS = """() => ({scroll: document.documentElement.scrollWidth,
                   client: document.documentElement.clientWidth,
                   widest: [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                     .slice(0, 3).map(e => e.tagName + '.' + e.className)})"""


@pytest.fixture(scope="module")
def measured(browser, server):
    """``measured(rel, size)``: ``{"charts": [...], "sideways": {...}}`` for one page at one
    viewport, from a single page load (cached for the module)."""
    cache: dict[tuple[str, str], dict] = {}

    def get(rel: str, size: str) -> dict:
        if (rel, size) not in cache:
            width, height = VIEWPORTS[size]
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(f"{server.base}/{rel}", wait_until="load")
            scroll_through(page)
            page.wait_for_function(
                "() => [...document.querySelectorAll('figure.tipline-figure .tipline-plot')]"
                ".every(p => p.dataset.drawn === 'true')",
                timeout=15_000,
            )
            cache[(rel, size)] = {
                "charts": page.evaluate(_MEASURE),
                "sideways": page.evaluate(_SIDEWAYS),
            }
            context.close()
        return cache[(rel, size)]

    return get


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("rel", CHART_PAGES)
def test_chart_labels_neither_overlap_nor_stick_out(measured, rel, size):
    charts = measured(rel, size)["charts"]
    found = [p for chart in charts for p in problems(chart, size == "phone")]
    assert not found, f"{rel} at {VIEWPORTS[size]}: " + "; ".join(found)


def test_the_checks_catch_overlaps_clipping_and_narrow_plots():
    """The measure itself: two boxes sharing more than a pixel overlap, a label past the box
    edge sticks out, a narrow phone plot is reported, touching boxes are fine."""
    box = {"x0": 0, "y0": 0, "x1": 300, "y1": 200}
    a = {"text": "a", "x0": 10, "y0": 10, "x1": 50, "y1": 24}
    chart = {
        "id": "c",
        "drawn": True,
        "layer": True,
        "layout": "phone",
        "box": box,
        "plots": [90.0],
        "texts": [a, {**a, "text": "b", "x0": 40, "x1": 80}, {**a, "text": "c", "x1": 310}],
    }
    found = problems(chart, phone=True)
    assert any("'a' overlaps 'b'" in p for p in found)
    assert any("'c' sticks out" in p for p in found)
    assert any("only [90] px" in p for p in found)
    touching = {**chart, "plots": [200.0], "texts": [a, {**a, "text": "d", "x0": 50, "x1": 90}]}
    assert problems(touching, phone=True) == []
    off_layer = problems({**touching, "layer": False}, phone=False)
    assert off_layer == ["c: not drawn through the chart layer (tipline.charts)"]


def _reading_pages() -> list[str]:
    """Every page a reader reads (not the root's redirect to the first chapter)."""
    if not SITE_DIR.exists():
        return ["<no built site: run make build>"]
    return [
        rel
        for rel in site_pages()
        if 'http-equiv="refresh"' not in (SITE_DIR / rel).read_text(encoding="utf-8").lower()
    ]


@pytest.mark.parametrize("rel", _reading_pages())
def test_no_page_scrolls_sideways_on_a_phone(measured, rel):
    wide = measured(rel, "phone")["sideways"]
    assert wide["scroll"] <= wide["client"], (
        f"{rel} scrolls sideways at 390 px ({wide['scroll']} > {wide['client']}): {wide['widest']}"
    )


def test_every_chart_page_is_measured():
    assert CHART_PAGES and not any(re.match("<", p) for p in CHART_PAGES)


def test_every_chart_of_the_book_is_measured(measured):
    """Every ``<figure class="tipline-figure">`` in the built pages is measured on both
    layouts (none is skipped for being off the layer or drawn differently)."""
    built = sum((SITE_DIR / rel).read_text(encoding="utf-8").count(FIGURE) for rel in CHART_PAGES)
    for size in VIEWPORTS:
        seen = sum(len(measured(rel, size)["charts"]) for rel in CHART_PAGES)
        assert seen == built, f"{seen} charts measured at {size} size, {built} in the pages"
