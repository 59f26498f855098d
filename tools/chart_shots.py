"""Screenshot every chart of the built book at a phone and a desktop size, and count the
printed pages of each chapter.

    python tools/chart_shots.py [--out DIR] [--site DIR] [--pages scale,volume] [--print]

Writes ``<out>/<page>-<n>-<width>.png`` (one PNG per chart and viewport) and, with
``--print``, ``<out>/<page>.pdf`` plus a table of printed page counts (Chromium's PDF, US
Letter, the browser's default margins). For looking at charts after a change; the tests
measure the same things (``tests/test_chart_layout.py``, ``tests/test_print.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browsing import SITE_DIR, SiteServer, launch_browser, scroll_through, site_pages  # noqa: E402

VIEWPORTS = ((390, 844), (1280, 800))


def draw_all(page) -> int:
    """Scroll every chart into view (charts draw as they approach), wait until all drew."""
    n = page.locator(".tipline-plot").count()
    scroll_through(page)
    page.wait_for_function(
        "n => document.querySelectorAll('.tipline-plot[data-drawn=\"true\"]').length >= n",
        arg=n,
        timeout=20_000,
    )
    page.wait_for_timeout(300)
    return n


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/tipline-shots")
    parser.add_argument("--site", default=str(SITE_DIR))
    parser.add_argument("--pages", default="", help="comma-separated page names (book/<name>)")
    parser.add_argument("--print", action="store_true", help="also print each page to PDF")
    parser.add_argument("--no-shots", action="store_true")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    site = Path(args.site)
    wanted = [p for p in args.pages.split(",") if p]
    pages = [p for p in site_pages(site) if p.startswith("book/")]
    if wanted:
        pages = [p for p in pages if Path(p).stem in wanted]
    from playwright.sync_api import sync_playwright

    server = SiteServer(site)
    counts = {}
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        for rel in pages:
            name = Path(rel).stem
            for width, height in VIEWPORTS:
                if args.no_shots:
                    break
                ctx = browser.new_context(viewport={"width": width, "height": height})
                page = ctx.new_page()
                page.goto(f"{server.base}/{rel}", wait_until="load")
                if not page.locator(".tipline-plot").count():
                    ctx.close()
                    break
                draw_all(page)
                shown = page.locator("figure.tipline-figure, .tipline-explorer")
                for i in range(shown.count()):
                    shown.nth(i).screenshot(path=str(out / f"{name}-{i}-{width}.png"))
                ctx.close()
            if args.print:
                ctx = browser.new_context(viewport={"width": 1280, "height": 800})
                page = ctx.new_page()
                page.goto(f"{server.base}/{rel}", wait_until="load")
                page.emulate_media(media="print")
                page.wait_for_timeout(300)
                pdf = page.pdf(path=str(out / f"{name}.pdf"))
                from io import BytesIO

                from pypdf import PdfReader

                counts[name] = len(PdfReader(BytesIO(pdf)).pages)
                ctx.close()
        browser.close()
    server.close()
    for name, n in counts.items():
        print(f"{name:16s} {n:3d} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
