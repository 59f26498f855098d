"""The theme's few icons as inline SVG, instead of Font Awesome's web fonts.

The theme marks icons as ``<i class="fa-solid fa-sun">`` and draws them with Font Awesome's
fonts (about 275 kB for the solid and brands faces) for the dozen icons the site shows. At
build time each such element keeps its tag, attributes and pack and size classes (so the
theme's CSS still sizes, aligns and shows or hides it) but loses the icon's own class (whose
``::before`` drew the glyph) and gains the icon as an inline ``<svg>``, its path taken from
the theme's own copy of Font Awesome Free (icons CC BY 4.0, Fonticons, Inc.; the copy ships
with pydata-sphinx-theme). The few icons the theme's CSS draws itself (admonition titles,
download links) still use the font, which :mod:`tipline.fontsubset` cuts to those glyphs.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

#: Style classes: which icon pack (Font Awesome's prefixes, long and short).
PACKS = {
    "fa-solid": "fas",
    "fas": "fas",
    "fa-regular": "far",
    "far": "far",
    "fa-brands": "fab",
    "fab": "fab",
}
#: Size and layout modifiers kept on the element: the theme's CSS sizes icons with them.
MODIFIERS = {"fa-lg", "fa-sm", "fa-xs", "fa-xl", "fa-2xl", "fa-fw", "fa-2x", "fa-3x"}
ICON_CLASS = "tipline-icon"

_PACK_END = re.compile(r'\b[a-zA-Z]\("(fab|far|fas)",\w\)')
_ENTRY = re.compile(
    r'(?:"([^"]+)"|([A-Za-z_$][\w$]*)|(\d+)):\[(\d+),(\d+),\[([^\]]*)\],"[^"]*","([^"]+)"\]'
)
_ICON = re.compile(r"<(i|span)\b([^>]*)></\1>")
_CLASS = re.compile(r'\sclass="([^"]*)"')


def fontawesome_js() -> Path:
    """The theme's (unused at run time) copy of Font Awesome's SVG-with-JS script."""
    import pydata_sphinx_theme

    path = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    return path / "static" / "scripts" / "fontawesome.js"


def parse_icons(script: str) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(pack, name) -> (width, height, SVG path) for every icon in Font Awesome's script.

    The script defines each pack as an object literal ``{name:[w,h,[aliases],"f000","path"]}``
    closed by a call ``x("fas",p)``; aliases (old names such as ``search``) map too.
    """
    icons: dict[tuple[str, str], tuple[int, int, str]] = {}
    start = 0
    for end in _PACK_END.finditer(script):
        pack = end.group(1)
        for m in _ENTRY.finditer(script, start, end.start()):
            name = m.group(1) or m.group(2) or m.group(3)
            shape = (int(m.group(4)), int(m.group(5)), m.group(7))
            icons[(pack, name)] = shape
            for alias in re.findall(r'"([^"]+)"', m.group(6)):
                icons.setdefault((pack, alias), shape)
        start = end.end()
    return icons


@functools.cache
def theme_icons() -> dict[tuple[str, str], tuple[int, int, str]]:
    return parse_icons(fontawesome_js().read_text(encoding="utf-8"))


def svg(width: int, height: int, path: str) -> str:
    return (
        f'<svg viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        f'<path d="{path}"/></svg>'
    )


def _replace(match: re.Match, icons) -> str:
    tag, attrs = match.group(1), match.group(2)
    found = _CLASS.search(attrs)
    if not found:
        return match.group(0)
    classes = found.group(1).split()
    pack = next((PACKS[c] for c in classes if c in PACKS), "fas")
    names = [
        c[3:] for c in classes if c.startswith("fa-") and c not in PACKS and c not in MODIFIERS
    ]
    if not names:
        return match.group(0)
    shape = icons.get((pack, names[0]))
    if shape is None:
        raise KeyError(f"icon '{names[0]}' ({pack}) is not in the theme's Font Awesome")
    # The icon's own class goes (its ::before would draw the glyph with the font); the pack and
    # size classes stay, so the theme's CSS sizes and aligns the element as before.
    kept = [c for c in classes if c not in {f"fa-{n}" for n in names}]
    new_class = f' class="{" ".join([*kept, ICON_CLASS])}"'
    attrs = attrs[: found.start()] + new_class + attrs[found.end() :]
    return f"<{tag}{attrs}>{svg(*shape)}</{tag}>"


def inline_icons(html: str, icons=None) -> str:
    """Every empty Font Awesome ``<i>`` or ``<span>`` of a page with its icon drawn inline
    (idempotent: a drawn icon is no longer empty)."""
    icons = theme_icons() if icons is None else icons
    return _ICON.sub(lambda m: _replace(m, icons), html)
