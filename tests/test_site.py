"""The built book, page by page, in headless Chromium.

Every page: no console error, no uncaught exception, no failed request, nothing fetched from
another host, no serious or critical axe-core violation, every chart drawn, plotly.js at
most once and only where a chart needs it.
"""

from __future__ import annotations

import pytest
from browsing import SITE_DIR, site_pages, visit

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
