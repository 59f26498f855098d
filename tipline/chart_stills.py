"""Each chart also as a still picture, drawn at build time, so a page shows its charts
without running plotly.js.

plotly.js is half a megabyte of script for a phone to evaluate; drawing a chapter's
opening chart with it held the page busy for a second on a mid-range phone. After the
build, :func:`render_stills` opens every page that holds a chart in headless Chromium, at a
phone's width (390 x 844) and a desktop's (1280 x 800), draws each chart with the site's own
plotly.js and stylesheets, and saves what plotly drew as an SVG file in
``_static/charts/``. Each chart's holder then gets a ``<picture>``: the phone drawing at
480 px wide or less (where the page uses the chart's phone layout), the desktop drawing
otherwise. The chart's words for screen readers stay on the holder (``role="img"``,
``aria-label``); the picture itself is ``alt=""``.

tipline-figures.js swaps in the live, interactive chart when the reader reaches for a
still (a mouse over it, a tap, a keyboard focus) and before printing.

Drawing needs Playwright and Debian's Chromium (``/usr/bin/chromium``); where either is
missing, or ``TIPLINE_NO_STILLS=1`` is set, or a chart cannot be drawn, that chart keeps no
still and is drawn live as it comes near the screen, as before. Stills are cached by what
decides their drawing (the chart's JSON, the page's stylesheets and scripts, the width) in
``_build/.stills/``: an unchanged rebuild opens no browser.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from tipline.headless import CHROMIUM, LAUNCH_ARGS, available, local_only

STILL_DIR = "charts"  # inside _static
#: Where a still is drawn: name -> (viewport, media query it is shown under, or None).
VIEWPORTS = {
    "phone": ((390, 844), "(max-width: 480px)"),
    "desktop": ((1280, 800), None),
}
STILL_CLASS = "tipline-plot__still"

_FIGURE = re.compile(r'<figure class="tipline-figure" id="([^"]+)".*?</figure>', re.DOTALL)
_HOLDER = re.compile(r'(<div class="tipline-plot"[^>]*>)(.*?)(</div>)', re.DOTALL)
_SPEC = re.compile(
    r'<script type="application/json" class="tipline-plot-data">(.*?)</script>', re.DOTALL
)
#: What else decides how a chart is drawn: the page's stylesheets and scripts (by address,
#: which carries a digest of the content), those its inline loader fetches included
#: (tipline-figures.js and plotly.js are named there, in a JSON string).
_ASSET = re.compile(
    r'<(?:link rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"|"([^"\s]+\.js\?v=[^"\s]+)"'
)
_PICTURE = re.compile(rf'<picture class="{STILL_CLASS}">.*?</picture>', re.DOTALL)
_SVG_SIZE = re.compile(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"')


@dataclass(frozen=True)
class Still:
    """One drawing of one chart: its file (inside ``_static/charts``) and size in px."""

    file: str
    width: int
    height: int


def page_figures(page_html: str) -> dict[str, str]:
    """The charts of a built page: figure id -> the chart's JSON (as stored in the page)."""
    found = {}
    for match in _FIGURE.finditer(page_html):
        spec = _SPEC.search(match.group(0))
        if spec:
            found[match.group(1)] = spec.group(1)
    return found


def still_key(spec: str, page_html: str, viewport: str, plotly_digest: str) -> str:
    """A digest of everything that decides a still's drawing (16 hex digits)."""
    assets = "\n".join(sorted({a or b for a, b in _ASSET.findall(page_html)}))
    text = "\n".join((spec, assets, viewport, repr(VIEWPORTS[viewport]), plotly_digest))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height (px) an SVG drawing declares on its root element."""
    match = _SVG_SIZE.search(svg)
    if not match:
        raise ValueError("the still is not an SVG with a width and a height on its root")
    return round(float(match.group(1))), round(float(match.group(2)))


def picture_html(stills: dict[str, Still], prefix: str, eager: bool) -> str:
    """The ``<picture>`` that shows a chart's stills (``prefix``: the page's way to
    ``_static/charts/``). ``eager``: the page's first chart, wanted at once; the others load
    as they near the screen."""
    parts = [f'<picture class="{STILL_CLASS}">']
    for name, (_, media) in VIEWPORTS.items():
        still = stills.get(name)
        if still and media:
            parts.append(
                f'<source media="{media}" srcset="{prefix}{still.file}" '
                f'width="{still.width}" height="{still.height}">'
            )
    fallback = stills["desktop"]
    loading = "eager" if eager else "lazy"
    parts.append(
        f'<img src="{prefix}{fallback.file}" alt="" width="{fallback.width}" '
        f'height="{fallback.height}" loading="{loading}" decoding="async"></picture>'
    )
    return "".join(parts)


def insert_stills(page_html: str, stills: dict[str, dict[str, Still]], prefix: str) -> str:
    """``page_html`` with each chart that has stills (figure id -> viewport -> :class:`Still`,
    a desktop one at least) showing them in its holder. Idempotent: a holder's earlier
    picture is replaced."""
    first = True

    def figure(match: re.Match) -> str:
        nonlocal first
        eager, first = first, False
        mine = stills.get(match.group(1))
        if not mine or "desktop" not in mine:
            return match.group(0)
        picture = picture_html(mine, prefix, eager)
        return _HOLDER.sub(lambda h: h.group(1) + picture + h.group(3), match.group(0), count=1)

    return _FIGURE.sub(figure, page_html)


def strip_stills(page_html: str) -> str:
    """``page_html`` without the stills :func:`insert_stills` put in (pure)."""
    return _PICTURE.sub("", page_html)


def render_stills(outdir: Path, cache_dir: Path, log=print) -> dict[str, int]:
    """Give every chart of the built site at ``outdir`` its stills (drawn or from
    ``cache_dir``) and write them into the pages. Returns counts: stills ``drawn`` now and
    taken from the cache (``cached``), and charts left to be drawn live (``missing``)."""
    outdir = outdir.resolve()
    static = outdir / "_static"
    target = static / STILL_DIR
    plotly = static / "vendor" / "plotly-tipline.min.js"
    counts = {"drawn": 0, "cached": 0, "missing": 0}
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        figures = page_figures(text)
        if figures:
            pages[page] = (text, figures)
    if not pages or not plotly.exists():
        return counts
    plotly_digest = hashlib.sha256(plotly.read_bytes()).hexdigest()[:16]
    cache_dir.mkdir(parents=True, exist_ok=True)
    # page -> viewport -> figure id -> key: every still, and those not in the cache yet
    wanted: dict[Path, dict[str, dict[str, str]]] = {}
    todo: dict[Path, dict[str, dict[str, str]]] = {}
    for page, (text, figures) in pages.items():
        for viewport in VIEWPORTS:
            for fid, spec in figures.items():
                key = still_key(spec, text, viewport, plotly_digest)
                wanted.setdefault(page, {}).setdefault(viewport, {})[fid] = key
                if not (cache_dir / f"{key}.svg").exists():
                    todo.setdefault(page, {}).setdefault(viewport, {})[fid] = key
    if todo and available("TIPLINE_NO_STILLS"):
        n = sum(len(ids) for views in todo.values() for ids in views.values())
        log(f"tipline: drawing {n} chart stills in Chromium")
        counts["drawn"] = _draw(outdir, todo, cache_dir)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for page, views in wanted.items():
        stills: dict[str, dict[str, Still]] = {}
        for viewport, ids in views.items():
            for fid, key in ids.items():
                cached = cache_dir / f"{key}.svg"
                if not cached.exists():
                    continue
                svg = cached.read_text(encoding="utf-8")
                width, height = svg_size(svg)
                shutil.copyfile(cached, target / f"{key}.svg")
                stills.setdefault(fid, {})[viewport] = Still(f"{key}.svg", width, height)
        counts["cached"] += sum(len(views) for views in stills.values())
        counts["missing"] += sum("desktop" not in stills.get(fid, {}) for fid in pages[page][1])
        depth = len(page.relative_to(outdir).parts) - 1
        prefix = "../" * depth + f"_static/{STILL_DIR}/"
        text = pages[page][0]
        fixed = insert_stills(text, stills, prefix)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    counts["cached"] -= counts["drawn"]
    return counts


#: In the page: every chart drawn with the page's own code, then each exported as plotly
#: draws it (``Plotly.toImage`` at the chart's own size). Resolves id -> SVG text.
_EXPORT = """async ids => {
  await window.tiplinePageScripts;
  await window.tiplineFigures.drawAll();
  const figures = ids.map(id => document.getElementById(id));
  const holders = figures.map(f => f.querySelector('.tipline-plot'));
  const drawn = () => holders.every(h => h.dataset.drawn === 'true');
  for (let i = 0; i < 200 && !drawn(); i++) await new Promise(r => setTimeout(r, 50));
  const out = {};
  for (let i = 0; i < ids.length; i++) {
    const gd = holders[i];
    if (gd.dataset.drawn !== 'true') continue;
    const size = gd._fullLayout;
    const url = await Plotly.toImage(gd, {format: 'svg', width: size.width, height: size.height});
    out[ids[i]] = url;
  }
  return out;
}"""


def _draw(outdir: Path, todo: dict[Path, dict[str, dict[str, str]]], cache_dir: Path) -> int:
    from playwright.sync_api import sync_playwright

    drawn = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for viewport, ((width, height), _) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, device_scale_factor=1
                )
                context.route("**/*", local_only)
                page = context.new_page()
                for path, views in todo.items():
                    ids = views.get(viewport)
                    if not ids:
                        continue
                    try:
                        page.goto(path.as_uri(), wait_until="load")
                        urls = page.evaluate(_EXPORT, list(ids))
                    except Exception:  # noqa: BLE001 - these charts are drawn live instead
                        continue
                    for fid, url in urls.items():
                        svg = _svg_from_url(url)
                        if svg:
                            (cache_dir / f"{ids[fid]}.svg").write_text(svg, encoding="utf-8")
                            drawn += 1
                context.close()
            browser.close()
    except Exception:  # noqa: BLE001 - no browser: every chart is drawn live
        return drawn
    return drawn


def _svg_from_url(url: str) -> str | None:
    """The SVG text of plotly's ``data:image/svg+xml,...`` address, or ``None``."""
    head, _, body = url.partition(",")
    if not head.startswith("data:image/svg+xml"):
        return None
    svg = unquote(body)
    return svg if svg.lstrip().startswith("<svg") else None


__all__ = [
    "Still",
    "insert_stills",
    "page_figures",
    "picture_html",
    "render_stills",
    "still_key",
    "strip_stills",
    "svg_size",
]
