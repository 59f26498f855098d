"""The picture a shared link shows (``og:image``): each chapter's key chart, drawn at build
time.

A page's key chart is its first chart. After the build, :func:`render_cards` draws it on a
1200 x 630 card (the size link previews use) in headless Chromium, with the site's own
plotly.js and stylesheets, and saves a PNG in ``_static/cards/``. Rendering needs Playwright
and Debian's Chromium (``/usr/bin/chromium``), which the test environment has; where either
is missing, or ``TIPLINE_NO_CARDS=1`` is set, or drawing fails, the page gets the book's
static card (``tipline/static/tipline-card.png``) instead, so every page always has a
picture and the build never needs the network. Cards are cached by the chart they show
(``_build/.cards/``): an unchanged rebuild draws nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from tipline.headless import CHROMIUM, LAUNCH_ARGS, available, local_only
from tipline.style import DEFENDANTS, FONT_FAMILY, INVESTIGATORS, INVESTIGATORS_TEXT

CARD_SIZE = (1200, 630)
CARD_DIR = "cards"  # inside _static
STATIC_CARD = "tipline-card.png"  # in tipline/static, copied to _static by Sphinx
_FIGURE = re.compile(r'<figure class="tipline-figure".*?</figure>', re.DOTALL)
_SPEC = re.compile(
    r'(<script type="application/json" class="tipline-plot-data">)(.*?)(</script>)', re.DOTALL
)
#: Height of the plot on the card (px); the title and key take the rest.
PLOT_HEIGHT = 400


def card_name(pagename: str) -> str:
    """The file name of a page's card (``book/scale`` -> ``book-scale.png``)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", pagename).strip("-") + ".png"


def key_figure(page_html: str) -> str | None:
    """The first chart's ``<figure>`` in a built page (without its stills: the card draws
    the chart itself), or ``None``."""
    from tipline.chart_stills import strip_stills

    match = _FIGURE.search(page_html)
    return strip_stills(match.group(0)) if match else None


def card_html(figure: str, book_title: str) -> str:
    """A 1200 x 630 page holding ``figure`` resized for the card (relative links into
    ``_static``: the page is written to ``_static/cards/``)."""

    def resize(match: re.Match) -> str:
        spec = json.loads(match.group(2).replace("<\\/", "</"))
        spec["layout"]["height"] = PLOT_HEIGHT
        spec.pop("phone", None)
        text = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
        return match.group(1) + text + match.group(3)

    figure = _SPEC.sub(resize, figure, count=1)
    width, height = CARD_SIZE
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(book_title)}</title>
<link rel="stylesheet" href="../tipline-palette.css"><link rel="stylesheet" href="../tipline.css">
<style>
html, body {{ margin: 0; background: white; color: #222; }}
body {{ width: {width}px; height: {height}px; overflow: hidden; box-sizing: border-box;
  padding: 22px 40px; font-family: {FONT_FAMILY}; }}
.card-book {{ font-size: 17px; font-weight: 600; color: {INVESTIGATORS_TEXT}; margin: 0 0 6px; }}
figure.tipline-figure {{ margin: 0; }}
.tipline-figure__title {{ font-size: 26px; line-height: 1.25; margin: 0 0 4px; }}
.tipline-figure__subtitle {{ font-size: 16px; color: #4a4a4a; }}
.tipline-plot {{ min-height: {PLOT_HEIGHT}px; }}
figcaption, .tipline-source {{ display: none; }}
</style></head><body><p class="card-book">{html.escape(book_title)}</p>{figure}
<script src="../vendor/plotly-tipline.min.js"></script><script src="../tipline-figures.js"></script>
</body></html>"""


def render_cards(
    outdir: Path, pages: dict[str, str], book_title: str, cache_dir: Path
) -> dict[str, str]:
    """Draw a card for each page in ``pages`` (page name -> key figure HTML) into
    ``<outdir>/_static/cards/``; pages whose card cannot be drawn get a copy of the static
    card. Returns page name -> ``"drawn"``, ``"cached"`` or ``"static"``."""
    static = outdir / "_static"
    target = static / CARD_DIR
    target.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    fallback = static / STATIC_CARD
    result: dict[str, str] = {}
    todo: dict[str, tuple[str, Path]] = {}
    for name, figure in pages.items():
        page_html = card_html(figure, book_title)
        digest = hashlib.sha256(page_html.encode()).hexdigest()[:16]
        cached = cache_dir / f"{digest}.png"
        if cached.exists():
            shutil.copyfile(cached, target / card_name(name))
            result[name] = "cached"
        else:
            todo[name] = (page_html, cached)
    if todo and available("TIPLINE_NO_CARDS"):
        result.update(_draw(target, todo))
    for name in pages:
        if name not in result:
            shutil.copyfile(fallback, target / card_name(name))
            result[name] = "static"
    return result


def _draw(target: Path, todo: dict[str, tuple[str, Path]]) -> dict[str, str]:
    from playwright.sync_api import sync_playwright

    done = {}
    scratch = target / "_card.html"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page(
                viewport={"width": CARD_SIZE[0], "height": CARD_SIZE[1]}, device_scale_factor=1
            )
            page.route("**/*", local_only)
            for name, (page_html, cached) in todo.items():
                scratch.write_text(page_html, encoding="utf-8")
                try:
                    page.goto(scratch.as_uri(), wait_until="load")
                    page.evaluate("window.tiplineFigures && window.tiplineFigures.drawAll()")
                    page.wait_for_selector(".tipline-plot[data-drawn='true']", timeout=15_000)
                    page.screenshot(path=str(cached))
                except Exception:  # noqa: BLE001 - this page falls back to the static card
                    continue
                shutil.copyfile(cached, target / card_name(name))
                done[name] = "drawn"
            browser.close()
    except Exception:  # noqa: BLE001 - no browser: every page falls back to the static card
        return done
    finally:
        scratch.unlink(missing_ok=True)
    return done


def static_card_html(book_title: str, question: str) -> str:
    """The book's own card (pages without a chart): its title and question in words."""
    width, height = CARD_SIZE
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(book_title)}</title><style>
html, body {{ margin: 0; background: white; color: #222; }}
body {{ width: {width}px; height: {height}px; box-sizing: border-box; padding: 70px 80px;
  font-family: {FONT_FAMILY}; display: flex; flex-direction: column; justify-content: center; }}
h1 {{ font-size: 68px; margin: 0 0 28px; }}
p {{ font-size: 30px; line-height: 1.35; margin: 0; max-width: 980px; color: #333; }}
.band {{ display: flex; height: 18px; margin-top: 48px; width: 520px; }}
.band span {{ flex: 1; }}
</style></head><body><h1>{html.escape(book_title)}</h1><p>{html.escape(question)}</p>
<div class="band"><span style="background:{INVESTIGATORS}"></span>
<span style="background:#cfcfcf"></span><span style="background:{DEFENDANTS}"></span></div>
</body></html>"""


def make_static_card(path: Path, book_title: str, question: str) -> None:
    """Draw the static card with Playwright and Chromium (run once, the PNG is committed):
    ``python -m tipline.share_cards``."""
    from playwright.sync_api import sync_playwright

    scratch = path.with_suffix(".html")
    scratch.write_text(static_card_html(book_title, question), encoding="utf-8")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": CARD_SIZE[0], "height": CARD_SIZE[1]})
            page.goto(scratch.as_uri())
            page.screenshot(path=str(path))
            browser.close()
    finally:
        scratch.unlink(missing_ok=True)


if __name__ == "__main__":
    from tipline.paths import STATIC_DIR

    make_static_card(
        STATIC_DIR / STATIC_CARD,
        "Who do CyberTips help?",
        "For most CyberTipline reports that concern the United States, does the system help "
        "the people who commit these crimes more than the investigators who pursue them?",
    )
