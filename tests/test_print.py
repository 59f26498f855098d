"""The chapters on paper: Chromium's own PDF of each page with a chart or an explorer.

No figure is split across pages (its title and its source line print on the same page, and
everything between them with them); wide tables print every column; text alternatives
print open; exercises print without
their solutions; the explorer prints its verdict and balance but not its controls. The PDF
text is read with pypdf, page by page.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from browsing import built_pages_with

pytestmark = pytest.mark.browser

MARKERS = ('class="tipline-figure"', 'class="tipline-explorer ')


PRINT_PAGES = built_pages_with(*MARKERS)

_WORDS = """() => ({
  figures: [...document.querySelectorAll('figure.tipline-figure')].map(f => ({
    id: f.id,
    title: f.querySelector('.tipline-figure__title').textContent,
    source: f.querySelector('.tipline-source').textContent,
    alt: f.querySelector('details.tipline-alt p').textContent,
  })),
  plots: document.querySelectorAll('figure.tipline-figure .tipline-plot').length,
  verdicts: [...document.querySelectorAll('.tipline-explorer__verdict')].map(v => v.textContent),
  balance: [...document.querySelectorAll('.tipline-balance__label')].map(v => v.textContent),
  controls: [...document.querySelectorAll(
      '.tipline-explorer__button, .tipline-explorer__presets-label')].map(b => b.textContent),
  solutions: [...document.querySelectorAll('div.solution')].map(s => s.textContent),
  // the last cell of each data table's first rows: the column that is cut off on paper when
  // a wide table keeps its screen width
  last_cells: [...document.querySelectorAll('table.tipline-table')].flatMap(t =>
    [...t.querySelectorAll('tbody tr')].slice(0, 3).map(r => r.lastElementChild.textContent)
      .filter(s => s.trim().length >= 12)),
})"""


def normal(text: str) -> str:
    """Text as compared: ligatures undone, hyphens and whitespace dropped, lower case."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\u00ad\-\u2010\u2011]+", "", text)


def _snippet(text: str, n: int = 60) -> str:
    return normal(text)[:n]


@pytest.fixture(scope="module")
def printed(browser, server):
    """A page's words (from the screen) and the text of each printed PDF page."""
    from pypdf import PdfReader

    cache = {}

    def get(rel):
        if rel not in cache:
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            page = context.new_page()
            page.goto(f"{server.base}/{rel}", wait_until="load")
            # the chart scripts load after the first paint
            page.evaluate(
                "async () => { if (window.tiplinePageScripts) await window.tiplinePageScripts; }"
            )
            words = page.evaluate(_WORDS)
            page.emulate_media(media="print")
            n = words["plots"]  # figures drawn in HTML (the flow) have no plot to wait for
            page.wait_for_function(
                "n => document.querySelectorAll("
                "'figure.tipline-figure .tipline-plot[data-drawn=\"true\"]').length >= n",
                arg=n,
                timeout=20_000,
            )
            pdf = PdfReader(io.BytesIO(page.pdf()))
            cache[rel] = (words, [normal(p.extract_text()) for p in pdf.pages])
            context.close()
        return cache[rel]

    return get


def pages_holding(pages: list[str], snippet: str, start: int = 0) -> int | None:
    """Index of the first page from ``start`` whose text holds ``snippet``."""
    for i in range(start, len(pages)):
        if snippet in pages[i]:
            return i
    return None


@pytest.mark.parametrize("rel", PRINT_PAGES)
def test_no_figure_is_split_across_pages(printed, rel):
    words, pages = printed(rel)
    at = 0
    split = []
    for fig in words["figures"]:
        title = pages_holding(pages, _snippet(fig["title"]), at)
        assert title is not None, f"{rel}: figure {fig['id']} not printed"
        source = pages_holding(pages, _snippet(fig["source"], 40), title)
        assert source is not None, f"{rel}: source line of {fig['id']} not printed"
        if source != title:
            split.append(f"{fig['id']} (pages {title + 1}-{source + 1})")
        at = title
    assert not split, f"{rel}: figures split across pages: {split}"


@pytest.mark.parametrize("rel", PRINT_PAGES)
def test_text_alternatives_print_open_and_solutions_do_not_print(printed, rel):
    words, pages = printed(rel)
    text = "".join(pages)
    closed = [f["id"] for f in words["figures"] if _snippet(f["alt"]) not in text]
    assert not closed, f"{rel}: descriptions not printed for {closed}"
    printed_solutions = [s[:60] for s in words["solutions"] if _snippet(s, 80) in text]
    assert not printed_solutions, f"{rel}: solutions printed: {printed_solutions}"


@pytest.mark.parametrize("rel", PRINT_PAGES)
def test_wide_tables_print_every_column(printed, rel):
    """A table wider than the paper wraps its cells rather than losing its last columns."""
    words, pages = printed(rel)
    text = "".join(pages)
    cut = [c[:50] for c in words["last_cells"] if _snippet(c, 30) not in text]
    assert not cut, f"{rel}: table cells missing on paper: {cut}"


def test_the_explorer_prints_its_verdict_and_balance_not_its_controls(printed):
    rel = "book/explore.html"
    words, pages = printed(rel)
    text = "".join(pages)
    assert words["verdicts"], "the explore page has no explorer verdict"
    for verdict in words["verdicts"]:
        assert _snippet(verdict) in text, f"verdict not printed: {verdict!r}"
    for label in words["balance"]:
        assert normal(label) in text, f"balance row not printed: {label!r}"
    # the row of preset buttons, read in order (single words such as "Reset" also occur
    # inside other words of the page)
    assert words["controls"], "the explorer has no preset buttons"
    row = normal("".join(words["controls"]))
    assert row not in text, f"the preset buttons were printed: {words['controls']}"


def test_every_page_with_a_chart_is_printed():
    assert PRINT_PAGES and "book/explore.html" in PRINT_PAGES
