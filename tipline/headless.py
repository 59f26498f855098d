"""Headless Chromium for the build's pictures (share cards, chart stills): whether it can
run here, and the rule that it reads only the built site's own files."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu"]


def available(switch_off: str) -> bool:
    """Whether Playwright and Debian's Chromium are here and the environment variable
    ``switch_off`` is not set to ``1``."""
    if os.environ.get(switch_off) == "1" or not Path(CHROMIUM).exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def local_only(route):
    """Pictures are drawn from the built site's own files, never from the network."""
    if route.request.url.startswith("file:"):
        return route.continue_()
    return route.abort()
