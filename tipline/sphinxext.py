"""Sphinx extension that keeps the built book offline, light and clean.

Registered in ``_config.yml`` (``sphinx.extra_extensions``). It does five jobs, each one
a trap found when this stack was first tried (see the README's "How the site is built"):

1. **Scripts only where needed.** plotly.js and the explorer script are added to a page
   only when its body holds a chart or an explorer (Jupyter Book would otherwise put every
   file of a ``_static`` folder on every page), and only after the page is painted.
2. **Math without a CDN.** Math is rendered to MathML at build time (Chromium, Firefox and
   Safari draw MathML natively), so no MathJax is fetched from anywhere.
3. **No Thebe.** sphinx-thebe's inline config is declared twice on every page (a page
   error) and points at a CDN; the book has no live-code button, so its hooks are removed.
4. **No 1.5 MB icon script.** The theme's ``fontawesome.js`` replaces icon fonts with SVG;
   the theme's CSS already draws the same icons from local web fonts, so the script is
   replaced by a stub.
5. **Accessible buttons and lists.** The theme's search button carries an ``aria-label``
   that does not contain its visible text (axe: label-content-name-mismatch), and docutils
   puts deprecated ``doc-biblioentry`` items in a ``role="list"`` (axe:
   aria-required-children); the built pages are rewritten. (The colour-mode button's
   mismatch came from the SVG titles fontawesome.js inserts, so job 4 removes it.)
6. **Downloadable data.** Every table in ``data/`` (and the bibliography and the tables'
   description) is copied to ``<site>/data/``, where charts and the data page link to it.
7. **plotly's mime type.** A MyST-NB renderer plugin draws bare plotly output instead of
   warning about an unknown mime type (see :class:`PlotlyMimeRenderer`).
8. **Fast on a phone.** Nothing blocks the first paint that need not: every page script is
   deferred (documentation_options.js aside, which inline scripts read at once), the search
   index and its scripts load only on the search page (the theme's search box sends the
   reader there), the theme's icons are inline SVG instead of Font Awesome's fonts
   (:mod:`tipline.icons`), the stylesheets lose the rules no page or script can use
   (:mod:`tipline.csspurge`) and reach the page as one file (:mod:`tipline.cssbundle`).
   Each chart is also drawn at build time as a still picture for phones and desktops
   (:mod:`tipline.chart_stills`), so a page shows its charts without running plotly.js.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes

from tipline.paths import DATA_DIR, STATIC_DIR
from tipline.site_html import unique_exercise_ids, write_root_page

PLOTLY_BUNDLE = "vendor/plotly-tipline.min.js"  # scatter and bar: the only trace types drawn
#: plotly.js trace types the bundle leaves out: a figure naming one could not be drawn.
#: (Axis and shape types such as "log" or "line" share the key "type" and are not listed.)
MISSING_TRACES = (
    "sankey pie heatmap histogram histogram2d histogram2dcontour box violin scattergl "
    "scatterpolar scatterpolargl scatterternary scattergeo scattermapbox scattercarpet "
    "choropleth choroplethmapbox densitymapbox treemap sunburst icicle funnel funnelarea "
    "waterfall indicator table parcoords parcats contour surface scatter3d mesh3d cone "
    "streamtube volume isosurface candlestick ohlc barpolar splom image carpet"
).split()
_MISSING_TRACE = re.compile(
    r'(?:"type":\s*"|&quot;type&quot;:\s*&quot;)(' + "|".join(MISSING_TRACES) + r')(?:"|&quot;)'
)
FIGURE_MARKER = 'class="tipline-figure'
EXPLORER_MARKER = 'class="tipline-explorer'
PREDICT_MARKER = 'class="tipline-predict'

# The page scripts each marker needs, in load order.
FIGURE_SCRIPTS = (PLOTLY_BUNDLE, "tipline-figures.js")
# The explorers draw in HTML (no plotly.js).
EXPLORER_SCRIPTS = ("tipline-model.js", "tipline-explorer-parts.js", "tipline-explorer.js")
PREDICT_SCRIPTS = ("tipline-predict.js",)


# --- 1. scripts only where needed -------------------------------------------------------


def scripts_for_page(body: str) -> list[str]:
    """The tipline scripts a page body needs, each once, in load order.

    The site's plotly.js bundle holds only the scatter and bar traces
    (tools/build_plotly_bundle.sh); a figure of any other trace type stops the build with a
    ``ValueError`` naming the type, instead of a chart left blank on the page.
    """
    wanted: list[str] = []
    if FIGURE_MARKER in body:
        wanted += FIGURE_SCRIPTS
    if EXPLORER_MARKER in body:
        wanted += EXPLORER_SCRIPTS
    if PREDICT_MARKER in body:
        wanted += PREDICT_SCRIPTS
    if FIGURE_MARKER in body:
        match = _MISSING_TRACE.search(body)
        if match:
            raise ValueError(
                f"a figure draws a {match.group(1)!r} trace, but the site's plotly.js bundle "
                "holds only 'scatter' and 'bar' (tools/build_plotly_bundle.sh): draw it with "
                "those, or add the trace type to the bundle"
            )
    return list(dict.fromkeys(wanted))


#: The page's own scripts (chart drawing, explorer) are fetched together and run in order,
#: but only once the page has been painted: the text never waits for them. plotly.js (half
#: a megabyte to evaluate on a phone) is fetched later still, on demand: when the reader
#: reaches for a chart's still, or before printing (or, in a build without stills, when a
#: chart comes near the screen or the reader first scrolls): ``window.tiplinePlotly()``,
#: called by tipline-figures.js.
LOADER = """(function () {
  var scripts = %s, plotly = %s, started = false, ready, plotlyLoading = null;
  // Resolved when the page's own scripts have run (tests and tools wait on it).
  window.tiplinePageScripts = new Promise(function (resolve) { ready = resolve; });
  function add(url, onload, onerror) {
    var s = document.createElement("script");
    s.src = url;
    s.async = false;
    s.onload = onload;
    s.onerror = onerror;
    document.head.appendChild(s);
  }
  // plotly.js, fetched once, when first asked for; resolves with window.Plotly.
  window.tiplinePlotly = function () {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        if (!plotly) return reject(new Error("no plotly.js on this page"));
        add(plotly, function () { resolve(window.Plotly); }, reject);
      });
    }
    return plotlyLoading;
  };
  function load() {
    if (started) return;
    started = true;
    var left = scripts.length;
    function one() { if (--left === 0) ready(); }
    if (!left) ready();
    scripts.forEach(function (url) { add(url, one, one); });
  }
  function soon() { setTimeout(load, 0); }
  // After the first contentful paint has been presented. A page in a background tab paints
  // nothing: then one second after the load event; and in any case five seconds after it.
  try {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) soon();
    }).observe({ type: "paint", buffered: true });
  } catch (e) {
    window.addEventListener("load", soon);
  }
  window.addEventListener("load", function () {
    setTimeout(load, document.hidden ? 1000 : 5000);
  });
})();"""


def page_loader(urls: list[str], plotly: str | None = None) -> str:
    """The inline script that loads ``urls`` in order after the first paint, and offers
    ``plotly`` (a URL) on demand as ``window.tiplinePlotly()``."""
    import json

    return LOADER % (json.dumps(urls), json.dumps(plotly))


def split_plotly(scripts: list[str]) -> tuple[list[str], str | None]:
    """The scripts to load after the first paint, and the plotly.js bundle to load on demand
    (``None`` when the page has none)."""
    bundles = [s for s in scripts if s == PLOTLY_BUNDLE]
    return [s for s in scripts if s not in bundles], (bundles[0] if bundles else None)


def _versioned(script: str) -> str:
    import hashlib

    digest = hashlib.sha256((STATIC_DIR / script).read_bytes()).hexdigest()[:8]
    return f"{script}?v={digest}"


def _add_page_scripts(app, pagename, templatename, context, doctree):
    body = context.get("body") or ""
    scripts, plotly = split_plotly(scripts_for_page(body))
    if scripts or plotly:
        pathto = context["pathto"]

        def url(script):
            return pathto(f"_static/{_versioned(script)}", 1)

        loader = page_loader([url(s) for s in scripts], url(plotly) if plotly else None)
        app.add_js_file(None, body=loader, priority=900)


def _add_static_path(app):
    app.config.html_static_path.append(str(STATIC_DIR))


# --- 2. math as MathML -------------------------------------------------------------------


def _to_mathml(latex: str, display: str) -> str:
    from latex2mathml.converter import convert

    return convert(latex, display=display)


def _visit_math(self, node):
    self.body.append(
        f'<span class="math tipline-math">{_to_mathml(node.astext(), "inline")}</span>'
    )
    raise nodes.SkipNode


def _visit_displaymath(self, node):
    html = _to_mathml(node.astext(), "block")
    eqno = ""
    if node.get("number"):
        eqno = f'<span class="eqno">({node["number"]})</span>'
    node_id = node["ids"][0] if node.get("ids") else ""
    id_attr = f' id="{node_id}"' if node_id else ""
    self.body.append(f'<div class="math tipline-math-block"{id_attr}>{eqno}{html}</div>')
    raise nodes.SkipNode


def _use_mathml(app, config):
    config.html_math_renderer = "tipline_mathml"


# --- 3. no thebe -------------------------------------------------------------------------


def _drop_thebe(app):
    for event, listeners in app.events.listeners.items():
        app.events.listeners[event] = [
            lis
            for lis in listeners
            if not getattr(lis.handler, "__module__", "").startswith("sphinx_thebe")
        ]


# --- 4, 5 and 6: rewrite the built pages, publish the data -----------------------------

FONTAWESOME_STUB = (
    "/* tipline: the theme's icons are drawn by its CSS from local web fonts;"
    " the 1.5 MB SVG-replacement script is not needed. */\n"
)

_SEARCH_BUTTON = re.compile(
    r'(<button class="btn search-button-field[^"]*")([^>]*?) aria-label="[^"]*"'
)
_BIBLIOENTRY = 'role="doc-biblioentry"'
# Saved ipywidgets state: MyST-NB embeds it even with widget support off. The book never
# shows live widgets (the kernel-free explorer stands in), so it is dead weight (megabytes).
_WIDGET_STATE = re.compile(
    r'<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>\s*', re.DOTALL
)
_THEBE_INLINE = re.compile(r"<script>const THEBE_JS_URL[^<]*</script>\s*")
_THEBE_FILES = re.compile(r"<(script|link)[^>]*sphinx-thebe\.(js|css)[^>]*>(</script>)?\s*")


def fix_page_html(html: str) -> str:
    """Rewrite one built page: accessible buttons and lists, no Thebe or widget leftovers.

    Idempotent, so an incremental build can run it again over unchanged pages.
    """
    html = _SEARCH_BUTTON.sub(r"\1\2", html)
    # docutils marks citations with the deprecated doc-biblioentry role inside a role="list"
    # container; a list may only hold list items (axe: aria-required-children).
    html = html.replace(_BIBLIOENTRY, 'role="listitem"')
    html = _THEBE_INLINE.sub("", html)
    html = _THEBE_FILES.sub("", html)
    html = _WIDGET_STATE.sub("", html)
    html = unique_exercise_ids(html)  # valid HTML: one id per element (tipline.site_html)
    return html


DATA_FILES = ("*.csv", "*.bib", "*.json")


def publish_data(outdir: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    """Copy every data table, its description and the bibliography to ``<site>/data/``.

    Charts link to these files (``../data/<table>.csv``) and the data page lists them, so a
    reader can download exactly what the book computed from.
    """
    target = outdir / "data"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for pattern in DATA_FILES:
        for source in sorted(data_dir.glob(pattern)):
            dest = target / source.name
            shutil.copyfile(source, dest)
            copied.append(dest)
    return copied


def _rewrite_built_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    publish_data(out)
    stub = out / "_static" / "scripts" / "fontawesome.js"
    if stub.exists():
        stub.write_text(FONTAWESOME_STUB)
        for leftover in stub.parent.glob("fontawesome.js.*"):
            leftover.unlink()
    pages = []
    for page in out.rglob("*.html"):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        fixed = lighten_page_html(fix_page_html(text), is_search=page == out / "search.html")
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
        pages.append(fixed)
    prune_stylesheets(out, pages)


# --- 8. fast on a phone ------------------------------------------------------------------

_SYNC_SCRIPT = re.compile(r'<script\b(?![^>]*\b(?:defer|async|type=))([^>]*\bsrc="[^"]+"[^>]*)>')
_SEARCH_SCRIPTS = re.compile(
    r'\s*<script[^>]*\bsrc="[^"]*(?:searchtools\.js|language_data\.js|searchindex\.js)[^"]*"'
    r"[^>]*></script>"
)
_FONTAWESOME_SCRIPT = re.compile(
    r'\s*<script[^>]*\bsrc="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>'
)
#: Read by the inline scripts that follow it, so it stays synchronous (it is 300 bytes).
SYNC_SCRIPTS = ("documentation_options.js",)
ICON_CSS = "tipline-icons.css"


def defer_scripts(html: str) -> str:
    """Every external classic script deferred (order kept), but those inline code reads."""

    def add(m: re.Match) -> str:
        if any(name in m.group(1) for name in SYNC_SCRIPTS):
            return m.group(0)
        return f"<script defer{m.group(1)}>"

    return _SYNC_SCRIPT.sub(add, html)


def lighten_page_html(html: str, is_search: bool = False) -> str:
    """Scripts deferred, the search index only on the search page, icons inline (idempotent)."""
    from tipline.icons import inline_icons

    if not is_search:
        html = _SEARCH_SCRIPTS.sub("", html)
    html = _FONTAWESOME_SCRIPT.sub("", html)
    return inline_icons(defer_scripts(html))


def _site_words(out: Path, pages: list[str]) -> set[str]:
    """The words of every page and of every script the pages load (plotly.js aside)."""
    from tipline.csspurge import words

    static = out / "_static"
    scripts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in static.rglob("*.js")
        if "vendor" not in p.parts and "locales" not in p.parts
    ]
    return words([*pages, *scripts])


def prune_stylesheets(out: Path, pages: list[str]) -> dict[str, tuple[int, int]]:
    """Every stylesheet of the theme and its extensions without the rules nothing uses, its
    local ``@import`` written in (one request, not a chain), Font Awesome's fonts subset."""
    from tipline.csspurge import inline_imports, purge_file
    from tipline.fontsubset import subset_site_fonts

    vocabulary = _site_words(out, pages)
    sizes = {}
    for css in sorted((out / "_static").rglob("*.css")):
        if css.name.startswith("tipline") or "vendor" in css.parts:
            continue
        sizes[str(css.relative_to(out))] = purge_file(css, vocabulary)
    for css in sorted((out / "_static").rglob("*.css")):
        inline_imports(css)
    sizes.update(subset_site_fonts(out / "_static"))
    return sizes


def _bundle_built_pages(app, exception):
    """After the pages are rewritten and the palette written (listeners run in order)."""
    if exception is None and app.builder.format == "html":
        bundle_stylesheets(Path(app.outdir))


def bundle_stylesheets(out: Path) -> int:
    """Each page's local stylesheets as one file (:mod:`tipline.cssbundle`); the number of
    pages rewritten. Runs after :func:`prune_stylesheets`, which it bundles the result of."""
    from tipline.cssbundle import bundle_page

    static = out / "_static"
    written: dict[str, str] = {}
    changed = 0
    for page in sorted(out.rglob("*.html")):
        if "_static" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        bundled = bundle_page(text, page, static, written)
        if bundled != text:
            page.write_text(bundled, encoding="utf-8")
            changed += 1
    return changed


# --- 7. plotly's own mime type ------------------------------------------------------------

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyMimeRenderer:
    """MyST-NB renderer plugin for plotly's mime type (entry point ``myst_nb.mime_renderers``).

    plotly 6+ emits only ``application/vnd.plotly.v1+json``, which MyST-NB does not know: it
    would warn and drop the figure. Here a bare figure is drawn like the book's charts (and
    flagged as lacking its words); a :class:`tipline.chart.Chart` also carries ``text/html``,
    which the priority below prefers.
    """

    mime_priority_overrides = [("html", PLOTLY_MIME, 35), ("dirhtml", PLOTLY_MIME, 35)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != PLOTLY_MIME:
            return None
        import json

        from tipline.chart import bare_figure_html

        spec = data.content if isinstance(data.content, str) else json.dumps(data.content)
        return [nodes.raw("", bare_figure_html(spec), format="html")]


# --- 8. pages built from other pages -------------------------------------------------------

#: Pages whose content is computed from the other pages' sources (the teacher's guide indexes
#: every exercise in the book), so they are re-read whenever any other page changes.
INDEX_PAGES = ("book/teachers-guide",)


def _index_pages_outdated(app, env, added, changed, removed):
    others = (added | changed | removed) - set(INDEX_PAGES)
    return [page for page in INDEX_PAGES if page in env.found_docs] if others else []


# --- 9. the palette as CSS ------------------------------------------------------------------

#: Written at build time from :func:`tipline.style.css_variables`, so the charts (Python) and
#: the page's CSS share one definition of every colour.
PALETTE_CSS = "tipline-palette.css"


def _write_palette(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    from tipline.style import css_variables

    target = Path(app.outdir) / "_static" / PALETTE_CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(css_variables(), encoding="utf-8")


# --- 10. one viewport tag, a description and a share card on every page ---------------------

_VIEWPORT = re.compile(r'[ \t]*<meta name="viewport"[^>]*>\n?')
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
DESCRIPTION_LENGTH = 200


def one_viewport(html: str) -> str:
    """``html`` with only its first viewport tag (Sphinx, the theme and its parent theme
    each write one)."""
    tags = _VIEWPORT.findall(html)
    if len(tags) <= 1:
        return html
    first = html.index(tags[0]) + len(tags[0])
    return html[:first] + _VIEWPORT.sub("", html[first:])


def page_description(body: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The page's first paragraph of prose as plain text, cut at a word near ``limit``
    characters (what search results and link previews show under the title)."""
    import html as html_lib

    for match in _PARAGRAPH.finditer(body):
        text = " ".join(html_lib.unescape(_TAGS.sub("", match.group(1))).split())
        if len(text) < 60:
            continue
        if len(text) > limit:
            text = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"
        return text
    return ""


def site_url(config) -> str:
    """The site's public address, ending in ``/``: ``html_baseurl`` if set, else the GitHub
    Pages address of a ``github.com/<owner>/<name>`` repository, else ``""`` (links to the
    share card then stay relative)."""
    base = (getattr(config, "html_baseurl", "") or "").strip()
    if base:
        return base.rstrip("/") + "/"
    options = getattr(config, "html_theme_options", {}) or {}
    repo = str(options.get("repository_url", "") or "")
    match = re.fullmatch(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?", repo)
    if not match:
        return ""
    owner, name = match.groups()
    return f"https://{owner.lower()}.github.io/{name}/"


def share_tags(title: str, description: str, image: str, url: str = "") -> str:
    """The meta tags of a page: description, Open Graph and a large-image card."""
    import html as html_lib

    def tag(attr: str, name: str, content: str) -> str:
        return f'<meta {attr}="{name}" content="{html_lib.escape(content, quote=True)}" />\n'

    tags = tag("name", "description", description) if description else ""
    tags += tag("property", "og:type", "article")
    tags += tag("property", "og:title", title)
    if description:
        tags += tag("property", "og:description", description)
    if url:
        tags += tag("property", "og:url", url)
    tags += tag("property", "og:image", image)
    tags += tag("property", "og:image:width", "1200")
    tags += tag("property", "og:image:height", "630")
    tags += tag("name", "twitter:card", "summary_large_image")
    return tags


def _add_share_tags(app, pagename, templatename, context, doctree):
    from tipline.share_cards import CARD_DIR, STATIC_CARD, card_name

    body = context.get("body") or ""
    image = (
        f"_static/{CARD_DIR}/{card_name(pagename)}"
        if FIGURE_MARKER in body
        else f"_static/{STATIC_CARD}"
    )
    base = site_url(app.config)
    page_url = f"{base}{pagename}.html" if base else ""
    image_url = base + image if base else context["pathto"](image, 1)
    project = app.config.html_title or app.config.project
    title = context.get("title") or project
    title_text = _TAGS.sub("", title)
    full_title = title_text if title_text == project else f"{title_text} \u2014 {project}"
    description = page_description(body) or f"{project}: {title_text}"
    context["metatags"] = context.get("metatags", "") + share_tags(
        full_title, description, image_url, page_url
    )


def _finish_share_cards(app, exception):
    """After the build: one viewport tag per page; each chart page's card drawn."""
    if exception is not None or app.builder.format != "html":
        return
    from tipline.share_cards import key_figure, render_cards

    out = Path(app.outdir)
    figures = {}
    for page in out.rglob("*.html"):
        if "_static" in page.parts or "_sources" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        fixed = one_viewport(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
        figure = key_figure(fixed)
        if figure:
            figures[page.relative_to(out).with_suffix("").as_posix()] = figure
    book = app.config.html_title or app.config.project
    render_cards(out, figures, book, Path(app.outdir).parent / ".cards")


def _finish_chart_stills(app, exception):
    """After the build (and the share cards, which draw from the pages without stills):
    each chart's stills drawn or taken from the cache and shown in its holder."""
    if exception is not None or app.builder.format != "html":
        return
    from sphinx.util import logging

    from tipline.chart_stills import render_stills

    logger = logging.getLogger(__name__)
    counts = render_stills(Path(app.outdir), Path(app.outdir).parent / ".stills", logger.info)
    logger.info(
        "tipline: chart stills: %(drawn)d drawn, %(cached)d cached, %(missing)d drawn live",
        counts,
    )


def setup(app):
    app.add_html_math_renderer("tipline_mathml", (_visit_math, None), (_visit_displaymath, None))
    app.add_css_file(PALETTE_CSS)
    app.add_css_file("tipline.css")
    app.add_css_file("tipline-explorer.css")
    app.add_css_file("tipline-flow.css")
    app.add_css_file("tipline-predict.css")
    app.add_css_file("tipline-ledger.css")
    app.add_css_file(ICON_CSS)
    app.connect("config-inited", _use_mathml)
    app.connect("builder-inited", _add_static_path)
    app.connect("builder-inited", _drop_thebe)
    app.connect("html-page-context", _add_page_scripts)
    app.connect("build-finished", _rewrite_built_pages)
    app.connect("build-finished", _write_palette)
    app.connect("build-finished", _bundle_built_pages)
    app.connect("build-finished", write_root_page)
    app.connect("html-page-context", _add_share_tags)
    app.connect("build-finished", _finish_share_cards)
    app.connect("build-finished", _finish_chart_stills)
    app.connect("env-get-outdated", _index_pages_outdated)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
