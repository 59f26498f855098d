"""The chart's key: an HTML list above the plot instead of plotly's legend.

HTML wraps at any width (plotly's legend is clipped or collides with axis titles on a
phone), prints crisply and is read by screen readers as text. Items come from the figure's
named traces (a trace with ``showlegend=False`` stays out) plus, where the chart draws
secondary-source figures outlined, an item saying so. Series the chart labels directly on a
desktop appear in the key on a phone only.
"""

from __future__ import annotations

import html

from tipline.charts.marks import SECONDARY_FILL, SECONDARY_LABEL
from tipline.style import NEUTRAL, tint

_SHAPES = {
    "circle": '<circle cx="8" cy="6" r="{r}"{paint}/>',
    "square": '<rect x="{x0}" y="{y0}" width="{d}" height="{d}"{paint}/>',
    "diamond": '<path d="M8 {top}L{right} 6L8 {bottom}L{left} 6Z"{paint}/>',
}


#: SVG dash patterns for plotly's line dashes (an unknown dash is drawn dashed).
_DASHES = {
    "solid": "",
    "dash": "4 2",
    "dot": "1.5 2",
    "dashdot": "4 2 1.5 2",
    "longdash": "7 2",
    "longdashdot": "7 2 1.5 2",
}


def _first(value, default=None):
    if isinstance(value, (list, tuple)):
        return value[0] if value else default
    return default if value is None else value


def _symbol_svg(symbol: str, colour: str, size: float = 9) -> str:
    base = symbol.replace("-open", "")
    hollow = symbol.endswith("-open")
    paint = f' fill="white" stroke="{colour}" stroke-width="2"' if hollow else f' fill="{colour}"'
    shape = _SHAPES.get(base, _SHAPES["circle"])
    r = size / 2
    return shape.format(
        r=r,
        x0=8 - r,
        y0=6 - r,
        d=size,
        top=6 - r - 1,
        bottom=6 + r + 1,
        left=8 - r - 1,
        right=8 + r + 1,
        paint=paint,
    )


def swatch(trace: dict) -> str:
    """A small inline SVG that looks like ``trace``'s mark (bar, line or dot), drawn solid:
    the key's own entry says what an outlined mark means."""
    marker = trace.get("marker", {}) or {}
    line_colour = _first((marker.get("line", {}) or {}).get("color"))
    colour = _first(marker.get("color"), NEUTRAL)
    if str(colour).startswith("rgba") and line_colour:  # an outlined first point
        colour = line_colour
    if trace.get("type") == "bar":
        width = _first((marker.get("line", {}) or {}).get("width"), 0) or 0
        outline = (
            f' stroke="{line_colour}" stroke-width="1.5"'
            if width and line_colour and line_colour != "white" and line_colour != colour
            else ""
        )
        inner = f'<rect x="2" y="1" width="12" height="10" fill="{colour}"{outline}/>'
    else:
        mode = trace.get("mode", "markers")
        inner = ""
        if "lines" in mode:
            line = trace.get("line", {}) or {}
            pattern = _DASHES.get(line.get("dash") or "solid", "3 2")
            dash = f' stroke-dasharray="{pattern}"' if pattern else ""
            inner += (
                f'<line x1="0" y1="6" x2="16" y2="6" stroke="{line.get("color", colour)}"'
                f' stroke-width="2.5"{dash}/>'
            )
        if "markers" in mode:
            symbol = str(_first(marker.get("symbol"), "circle")).replace("-open", "")
            inner += _symbol_svg(symbol, colour)
    return f'<svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true">{inner}</svg>'


def secondary_swatch(kind: str) -> str:
    if kind == "dot":
        inner = _symbol_svg("circle-open", NEUTRAL)
    else:
        inner = (
            f'<rect x="2" y="1" width="12" height="10" fill="{tint(NEUTRAL, SECONDARY_FILL)}"'
            f' stroke="{NEUTRAL}" stroke-width="2"/>'
        )
    return f'<svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true">{inner}</svg>'


def key_items(spec: dict, record: dict) -> list[tuple[str, str, bool]]:
    """``(label, swatch svg, phone only)`` for each entry of the key."""
    phone_only = set(record.get("key_on_phone_only", []))
    items = []
    seen = set()
    for trace in spec.get("data", []):
        name = trace.get("name")
        if not name or trace.get("showlegend") is False or name in seen:
            continue
        seen.add(name)
        items.append((name, swatch(trace), name in phone_only))
    if record.get("secondary"):
        kind = record["secondary"]
        items.append((SECONDARY_LABEL[kind], secondary_swatch(kind), False))
    return items


def key_html(items: list[tuple[str, str, bool]]) -> str:
    """The key as a list; empty when it would name a single series and nothing else."""
    if len(items) < 2 and not any(label in SECONDARY_LABEL.values() for label, _, _ in items):
        return ""
    all_phone = all(phone for _, _, phone in items)
    entries = "".join(
        f'<li class="tipline-key__item{" tipline-key__item--phone" if phone else ""}">'
        f"{svg}<span>{html.escape(label)}</span></li>"
        for label, svg, phone in items
    )
    cls = "tipline-key tipline-key--phone" if all_phone else "tipline-key"
    return f'<ul class="{cls}" aria-label="Key">{entries}</ul>'
