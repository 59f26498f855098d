"""The built book, page by page, in headless Chromium.

Every page: no console error, no uncaught exception, no failed request, nothing fetched from
another host, no serious or critical axe-core violation, no id carried by two elements, every
chart drawn, plotly.js at most once and only where a chart needs it. The root page is a valid
document that sends the reader on (and links) to the book; the icon is served as
/favicon.ico too.
"""

from __future__ import annotations

import pytest
from browsing import SITE_DIR, SiteServer, site_pages, visit

pytestmark = pytest.mark.browser

PAGES = site_pages() if SITE_DIR.exists() else ["<no built site: run make build>"]


@pytest.fixture(scope="module")
def visits(browser, server):
    """Each page visited once (cold), shared by the checks below."""
    cache = {}

    def get(rel):
        if rel not in cache:
            cache[rel] = visit(browser, server, rel)
        return cache[rel]

    return get


def test_site_has_the_books_pages(site_dir):
    pages = set(site_pages(site_dir))
    for chapter in ("summary", "scale", "volume", "help", "defendants", "narratives", "conclusion"):
        assert f"book/{chapter}.html" in pages, f"chapter {chapter} missing from the built site"


@pytest.mark.parametrize("rel", PAGES)
def test_page_is_clean(visits, rel):
    v = visits(rel)
    assert not v.problems(), f"{rel}: " + "; ".join(v.problems())


@pytest.mark.parametrize("rel", PAGES)
def test_plotly_only_where_needed_and_once(visits, rel):
    v = visits(rel)
    plotly = [p for p in v.fetched if "plotly" in p]
    if v.charts:
        assert len(plotly) == 1, f"{rel}: plotly.js fetched {len(plotly)} times"
    else:
        assert not plotly, f"{rel} has no chart but fetched {plotly}"


def test_some_page_draws_a_chart_from_data(visits):
    drawn = [rel for rel in PAGES if visits(rel).charts_drawn]
    assert drawn, "no page of the book draws a chart"


def test_every_local_link_resolves(site_dir):
    """Links within the site (downloads included) point at files that exist."""
    import re
    from urllib.parse import unquote, urljoin, urlparse

    broken = []
    for rel in PAGES:
        text = (site_dir / rel).read_text(encoding="utf-8")
        for target in re.findall(r'(?:href|src)="([^"#]+)(?:#[^"]*)?"', text):
            parsed = urlparse(target)
            if parsed.scheme or target.startswith(("//", "mailto:", "data:", "javascript:")):
                continue
            path = urlparse(urljoin("http://site/" + rel, target)).path
            local = site_dir / unquote(path).lstrip("/")
            if local.is_dir():
                local = local / "index.html"
            if not local.exists():
                broken.append(f"{rel} -> {target}")
    assert not broken, broken[:20]


def test_data_tables_are_downloadable(site_dir):
    from tipline.paths import DATA_DIR

    for table in DATA_DIR.glob("*.csv"):
        published = site_dir / "data" / table.name
        assert published.exists(), f"{table.name} is not published with the site"
        assert published.read_bytes() == table.read_bytes()


def test_root_page_is_a_document_that_links_to_the_book(site_dir, browser, server):
    from html.parser import HTMLParser

    text = (site_dir / "index.html").read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")

    class Root(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: dict[str, list] = {"html": [], "title": [], "a": [], "link": [], "meta": []}
            self._in_title = False
            self.title = ""

        def handle_starttag(self, tag, attrs):
            if tag in self.found:
                self.found[tag].append(dict(attrs))
            self._in_title = tag == "title"

        def handle_data(self, data):
            if self._in_title:
                self.title += data

    root = Root()
    root.feed(text)
    assert root.found["html"][0].get("lang") == "en"
    assert root.title.strip()
    refresh = [m for m in root.found["meta"] if m.get("http-equiv", "").lower() == "refresh"]
    assert refresh and refresh[0]["content"].endswith("url=book/intro.html")
    assert [a["href"] for a in root.found["a"]] == ["book/intro.html"]
    assert (site_dir / "book" / "intro.html").is_file()
    assert site_pages(site_dir, redirects=True) == sorted([*PAGES, "index.html"])
    assert (site_dir / "favicon.ico").is_file()  # what browsers ask for on this page
    # A reader who opens the site's address lands on the book, with a clean console.
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{server.base}/", wait_until="load")
    page.wait_for_url("**/book/intro.html")
    page.close()
    assert not errors, errors


def test_favicon_ico_is_served(server):
    from urllib.request import urlopen

    with urlopen(f"{server.base}/favicon.ico") as response:
        assert response.status == 200
        body = response.read()
    assert body[:4] == b"\x00\x00\x01\x00", "not an ICO file"  # ICO header: reserved 0, type 1
    assert b"\x89PNG" in body


def test_duplicate_ids_are_caught(browser, tmp_path):
    """The page check above would see a duplicate id (it is not blind to them)."""
    (tmp_path / "dup.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><main><p id="a">x</p><p id="a">y</p></main></body></html>',
        encoding="utf-8",
    )
    local = SiteServer(tmp_path)
    try:
        v = visit(browser, local, "dup.html", axe=False)
    finally:
        local.close()
    assert v.duplicate_ids == ["a (2 times)"]
    assert any("duplicate_ids" in problem for problem in v.problems())
