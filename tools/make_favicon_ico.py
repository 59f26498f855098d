"""Make ``book/_assets/favicon.ico`` from ``favicon.svg`` (run again after changing the SVG).

    .venv/bin/python tools/make_favicon_ico.py

The SVG is drawn at 32x32 and 16x16 pixels by headless Chromium (``/usr/bin/chromium``) and
the PNGs are stored in an ICO container, which the site serves as ``/favicon.ico`` for
browsers and tools that ask for it without reading the page's icon link.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SVG = ROOT / "book" / "_assets" / "favicon.svg"
ICO = SVG.with_suffix(".ico")
SIZES = (16, 32)


def render(size: int) -> bytes:
    from browsing import launch_browser
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_browser(p)
        page = browser.new_page(viewport={"width": size, "height": size})
        svg = SVG.read_text(encoding="utf-8").replace(
            "<svg ", f'<svg width="{size}" height="{size}" ', 1
        )
        page.set_content(f"<style>body{{margin:0}}</style>{svg}")
        png = page.locator("svg").screenshot(omit_background=True)
        browser.close()
    return png


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding PNG images (supported by every current browser)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in pngs.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


if __name__ == "__main__":
    ICO.write_bytes(ico({size: render(size) for size in SIZES}))
    print(f"wrote {ICO.relative_to(ROOT)} ({ICO.stat().st_size} bytes)")
