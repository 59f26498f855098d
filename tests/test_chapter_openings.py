"""Each chapter opens with its finding: the first chart or control of the page starts within
the first screen on a 1280 × 800 desktop and within the first two on a 390 × 844 phone, and
the reading time, objectives and key points from book/chapters.yml are on the page.

Positions come from the browser (``getBoundingClientRect`` after the page's scripts ran),
in screens from the top of the page: screen 1 is what a reader sees without scrolling.

    python tests/test_chapter_openings.py      # print the screen of each chapter's first chart
"""

from __future__ import annotations

import math
import re
import sys

import pytest
from browsing import SITE_DIR, launch_browser

from tipline import chapters

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1280, 800), "phone": (390, 844)}
#: The screen by which the first chart or control must have started.
LIMIT = {"desktop": 1, "phone": 2}
#: A chart (the chart layer's figures), an explorer (full or compact), a prediction, or a
#: form control inside the page's article.
FIRST = (
    "figure.tipline-figure, [class*='tipline-explorer'], [class*='tipline-predict'], "
    "input, select, textarea"
)
_TOP = f"""() => {{
  const article = document.querySelector('article') || document.body;
  const tops = [...article.querySelectorAll({FIRST!r})]
    .filter(el => el.getClientRects().length)
    .map(el => el.getBoundingClientRect().top + window.scrollY);
  return tops.length ? Math.min(...tops) : null;
}}"""

CHAPTERS = list(chapters.load())


def first_control_tops(browser, base: str, stems=CHAPTERS) -> dict[tuple[str, str], float]:
    """The page y (px) of the top of the first chart or control, per (chapter, viewport)."""
    tops = {}
    for name, (width, height) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for stem in stems:
            page.goto(f"{base}/book/{stem}.html")
            page.evaluate(
                "async () => { if (window.tiplinePageScripts) await window.tiplinePageScripts; }"
            )
            tops[(stem, name)] = page.evaluate(_TOP)
        context.close()
    return tops


def screen(top: float | None, viewport: str) -> int | None:
    """The screen on which ``top`` lies (1 = the first, seen without scrolling)."""
    if top is None:
        return None
    return math.floor(top / VIEWPORTS[viewport][1]) + 1


@pytest.fixture(scope="module")
def tops(browser, server):
    return first_control_tops(browser, server.base)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("stem", CHAPTERS)
def test_first_chart_or_control_is_within_the_first_screens(tops, stem, viewport):
    top = tops[(stem, viewport)]
    assert top is not None, f"{stem}: no chart or control on the page"
    assert screen(top, viewport) <= LIMIT[viewport], (
        f"{stem} at {viewport} size: the first chart or control starts at {top:.0f} px, "
        f"screen {screen(top, viewport)}; it must start within screen {LIMIT[viewport]}"
    )


@pytest.mark.parametrize("stem", CHAPTERS)
def test_chapter_page_shows_reading_time_objectives_finding_and_key_points(site_dir, stem):
    from bs4 import BeautifulSoup

    chapter = chapters.load()[stem]
    soup = BeautifulSoup((site_dir / "book" / f"{stem}.html").read_text(), "html.parser")
    head = soup.select_one(".tipline-chapter-head")
    foot = soup.select_one(".tipline-chapter-foot")
    assert head is not None and foot is not None
    text = " ".join(head.get_text(" ", strip=True).split())
    minutes = re.match(r"About (\d+) minutes? to read \(([\d,]+) words", text)
    assert minutes, text[:120]
    assert int(minutes.group(1)) == chapters.reading_minutes(int(minutes.group(2).replace(",", "")))
    for item in (*chapter.objectives, chapter.finding):
        assert " ".join(item.split()) in text
    foot_text = " ".join(foot.get_text(" ", strip=True).split())
    for item in chapter.key_points:
        assert " ".join(item.split()) in foot_text
    # the head comes right after the title; the key points before the exercises
    h1 = soup.select_one("article h1")
    assert h1.find_next(class_="tipline-chapter-head") is head
    exercises = soup.find(id="exercises")
    if exercises is not None:
        assert foot.find_next(id="exercises") is exercises


def main() -> int:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(SITE_DIR.parent.parent / "tests"))
    from browsing import SiteServer

    server = SiteServer(SITE_DIR)
    stems = sys.argv[1:] or CHAPTERS
    with sync_playwright() as p:
        browser = launch_browser(p)
        tops = first_control_tops(browser, server.base, stems)
        browser.close()
    server.close()
    print(f"{'chapter':<12} {'desktop':>16} {'phone':>16}")
    for stem in stems:
        cells = []
        for name in VIEWPORTS:
            top = tops[(stem, name)]
            cells.append("none" if top is None else f"{top:6.0f} px, s{screen(top, name)}")
        print(f"{stem:<12} {cells[0]:>16} {cells[1]:>16}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
