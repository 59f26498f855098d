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
