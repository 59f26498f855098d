"""Shared fixtures: the built site, a local server for it, and headless Chromium."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from browsing import SITE_DIR, SiteServer, launch_browser  # noqa: E402


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE_DIR / "index.html").exists():
        pytest.fail(f"no built book at {SITE_DIR}: run `make build` first (make test does)")
    return SITE_DIR


@pytest.fixture(scope="session")
def server(site_dir):
    srv = SiteServer(site_dir)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def page_markdown():
    """A function: the markdown cells of ``book/<page>.ipynb``, joined by newlines (``page``
    with or without its ``.ipynb``)."""
    import nbformat

    from tipline.paths import BOOK_DIR

    def read(page: str) -> str:
        name = page if page.endswith(".ipynb") else f"{page}.ipynb"
        nb = nbformat.read(BOOK_DIR / name, as_version=4)
        return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")

    return read


@pytest.fixture(scope="session")
def assert_no_seed_repeats():
    """A function that fails on the first run of words ``text`` shares with the examined
    document (runs as long as ``test_ledger.SHINGLE``, compared by fingerprint)."""
    from test_ledger import SHINGLE, _fingerprint, _seed_fingerprints, _words

    fingerprints = _seed_fingerprints()

    def check(text: str) -> None:
        words = _words(text)
        for i in range(len(words) - SHINGLE + 1):
            shingle = words[i : i + SHINGLE]
            assert _fingerprint(shingle) not in fingerprints, " ".join(shingle)

    return check
