"""Open the built book in headless Chromium the way a reader does, and record what happens.

Used by the browser tests (``tests/test_site*.py``) and the benchmark (``bench/bench.py``).
Chromium is Debian's (``/usr/bin/chromium``); Playwright never downloads a browser here.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from tipline.paths import REPO_ROOT

SITE_DIR = REPO_ROOT / "_build" / "html"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = REPO_ROOT / "tests" / "vendor" / "axe.min.js"


# Ids that more than one element of the page carries (after its scripts ran): links to them,
# labels and ARIA references are ambiguous, and the page is not valid HTML.
DUPLICATE_IDS = """() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n} times)`);
}"""


def is_redirect(page: Path) -> bool:
    """A page whose only job is to send the browser on (the site's root ``index.html``)."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000].lower()


def site_pages(site: Path = SITE_DIR, *, redirects: bool = False) -> list[str]:
    """Every HTML page of the built site that a reader reads, relative to its root.

    Redirect pages leave at once (a test acting on them races the browser's navigation), so
    they are left out unless ``redirects`` is true; ``test_site`` checks the root one itself.
    """
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if "_static" not in p.parts
        and "_sources" not in p.parts
        and (redirects or not is_redirect(p))
    )


def built_without_solutions() -> bool:
    """Whether the site was built with ``TIPLINE_HIDE_SOLUTIONS=1`` (from the configuration
    tools/build_book.py writes beside it)."""
    import yaml

    config = SITE_DIR.parent / "_config.yml"
    if not config.exists():
        return False
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    return bool(((data.get("sphinx") or {}).get("config") or {}).get("hide_solutions"))


def built_pages_with(*markers: str) -> list[str]:
    """The built pages whose HTML holds any of ``markers`` (a placeholder that fails the
    tests when there is no built site)."""
    if not SITE_DIR.exists():
        return ["<no built site: run make build>"]
    return [
        rel
        for rel in site_pages()
        if any(m in (SITE_DIR / rel).read_text(encoding="utf-8") for m in markers)
    ]


class SiteServer:
    """Serve a folder on 127.0.0.1 on a free port, in a background thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.root = root
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that drops a connection it no longer needs (page closed mid-download) is
    normal here, not an error worth a traceback."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.cache
def _axe():
    """axe-playwright-python's runner, with the newest axe-core (see tools/update_axe.sh)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe.from_file(AXE_SCRIPT)


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


#: Scroll each chart to the middle of the screen in turn, letting the page paint between
#: steps, and click it: a chart shows its still (drawn at build time) until the reader
#: reaches for it, and a chart without a still is drawn as it comes near the viewport
#: (tipline-figures.js). This is a reader scrolling through the page and using every chart.
_SCROLL_THROUGH = """async () => {
  if (window.tiplinePageScripts) await window.tiplinePageScripts;  // loaded after first paint
  for (const el of document.querySelectorAll('.tipline-plot')) {
    el.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    if (el.querySelector('.tipline-plot__still')) el.click();
  }
}"""


def scroll_through(page) -> None:
    """Bring every chart of ``page`` near the screen once and use it, as a reader would."""
    page.evaluate(_SCROLL_THROUGH)


@dataclass
class Visit:
    """What one cold visit to one page did."""

    page: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    bytes: int = 0
    gzip_bytes: int = 0
    axe_violations: list[dict] = field(default_factory=list)
    charts: int = 0
    charts_drawn: int = 0
    duplicate_ids: list[str] = field(default_factory=list)

    @property
    def serious_violations(self) -> list[dict]:
        return [v for v in self.axe_violations if v["impact"] in ("serious", "critical")]

    def problems(self) -> list[str]:
        found = []
        for name in ("console_errors", "page_errors", "failed", "off_host", "duplicate_ids"):
            if getattr(self, name):
                found.append(f"{name}: {getattr(self, name)}")
        for v in self.serious_violations:
            found.append(f"axe {v['impact']} {v['id']}: {v['nodes'][:3]}")
        if self.charts_drawn < self.charts:
            found.append(f"only {self.charts_drawn} of {self.charts} charts drawn")
        return found


def visit(
    browser, server: SiteServer, rel: str, *, axe: bool = True, settle_ms: int = 200
) -> Visit:
    """Open ``rel`` in a fresh browser context (cold cache) and record everything."""
    context = browser.new_context()
    page = context.new_page()
    result = Visit(page=rel)
    host = urlparse(server.base).netloc
    fetched: set[str] = set()

    def route(r):
        url = r.request.url
        if urlparse(url).netloc != host and not url.startswith(("data:", "blob:")):
            result.off_host.append(url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text))
    page.on("pageerror", lambda e: result.page_errors.append(str(e)))
    page.on(
        "requestfailed",
        lambda q: urlparse(q.url).netloc == host and result.failed.append(q.url),
    )

    def responded(resp):
        url = urlparse(resp.url)
        if url.netloc == host:
            fetched.add(url.path)
            if resp.status >= 400:
                result.failed.append(f"{resp.status} {resp.url}")

    page.on("response", responded)
    page.goto(f"{server.base}/{rel}", wait_until="load")
    result.charts = page.locator(".tipline-plot").count()
    if result.charts:
        scroll_through(page)
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.tipline-plot[data-drawn=\"true\"]').length >= n",
                arg=result.charts,
                timeout=10_000,
            )
        except Exception:  # noqa: BLE001 - counted below
            pass
    page.wait_for_timeout(settle_ms)
    result.charts_drawn = page.locator(".tipline-plot[data-drawn='true'] svg.main-svg").count()
    result.duplicate_ids = page.evaluate(DUPLICATE_IDS)
    files = [server.root / unquote(p).lstrip("/") for p in fetched]
    files = [f for f in files if f.is_file()]
    result.fetched = sorted(fetched)
    result.bytes = sum(f.stat().st_size for f in files)
    result.gzip_bytes = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    if axe:
        report = _axe().run(page).response
        result.axe_violations = [
            {"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"]]}
            for v in report["violations"]
        ]
    context.close()
    return result
