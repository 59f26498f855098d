"""Font Awesome's fonts cut down to the glyphs the site's stylesheets still draw.

After :mod:`tipline.icons` draws the page icons inline, the theme's CSS still draws about
fifteen icons itself (admonition titles, download and external links, the page-contents
toggle) with Font Awesome's fonts, ``content`` set to a private-use character. The solid
face alone is 157 kB (woff2). At build time each Font Awesome font that a kept
``@font-face`` names is subset to the private-use characters that appear in the site's
stylesheets (fontTools; woff2 needs Brotli), so the theme looks the same and the font the
browser downloads is a few kilobytes.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

#: Unicode's Private Use Area, where Font Awesome puts its icons.
_PRIVATE = re.compile(r"[\ue000-\uf8ff]|\\(f[0-9a-fA-F]{3}|e[0-9a-fA-F]{3})")
_FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]*?fontawesome/webfonts/[^'\")?#]+)")


def private_characters(css_texts) -> set[int]:
    """Code points of the private-use characters the stylesheets use (raw or escaped)."""
    points: set[int] = set()
    for text in css_texts:
        for m in _PRIVATE.finditer(text):
            points.add(int(m.group(1), 16) if m.group(1) else ord(m.group(0)))
    return points


def font_files(css_path: Path, text: str) -> list[Path]:
    """The Font Awesome font files a stylesheet's ``@font-face`` rules point at."""
    return [(css_path.parent / rel).resolve() for rel in _FONT_URL.findall(text)]


def subset_font(path: Path, codepoints: set[int]) -> tuple[int, int]:
    """Keep only ``codepoints`` in the font at ``path`` (in place); its size before and after.
    fontTools' own progress messages (a hundred INFO lines per build) are kept out of the
    build's output; its warnings still show."""
    from fontTools import subset

    quiet = logging.getLogger("fontTools")
    level = quiet.level
    quiet.setLevel(logging.WARNING)
    try:
        return _subset(subset, path, codepoints)
    finally:
        quiet.setLevel(level)


def _subset(subset, path: Path, codepoints: set[int]) -> tuple[int, int]:
    before = path.stat().st_size
    options = subset.Options()
    options.flavor = path.suffix.lstrip(".") if path.suffix in (".woff2", ".woff") else None
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    subset.save_font(font, str(path), options)
    return before, path.stat().st_size


def subset_site_fonts(static: Path) -> dict[str, tuple[int, int]]:
    """Subset every Font Awesome font the site's stylesheets load (``_static``)."""
    sheets = {p: p.read_text(encoding="utf-8") for p in static.rglob("*.css")}
    codepoints = private_characters(sheets.values())
    files = {f for p, text in sheets.items() for f in font_files(p, text) if f.is_file()}
    return {str(f.relative_to(static)): subset_font(f, codepoints) for f in sorted(files)}
