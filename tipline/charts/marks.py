"""Marks and labels with the book's meanings.

* :func:`secondary_marker` draws figures that rest on a secondary source *outlined* (a pale
  fill inside a solid outline, or an open dot); :func:`mark_secondary` adds the key entry.
* :func:`direct_labels` names series at their ends instead of a legend (desktop; on a phone
  the key above the plot takes over).
* :func:`note` places a label beside a mark with a short leader line, offset into empty
  space, never on the mark; :func:`top_note` writes a note above the plot, in room the
  layer reserves.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from tipline.charts import state
from tipline.charts.phone import DESKTOP_ONLY, PHONE_FONT_SIZE, on_phone
from tipline.charts.text import PHONE_WIDTH, chars_for, count_lines, text_width, wrap
from tipline.style import NEUTRAL, text_colour, tint

#: Opacity of the fill inside an outlined (secondary-source) bar.
SECONDARY_FILL = 0.22
#: The key's entry for outlined marks, by kind of mark.
SECONDARY_LABEL = {
    "bar": "Outlined bar: figure from a secondary source",
    "dot": "Open dot: figure from a secondary source",
}


def secondary_marker(
    colours: str | Sequence[str],
    secondary: Sequence[bool],
    *,
    kind: str = "bar",
    symbol: str = "circle",
    size: float = 11,
) -> dict:
    """A ``marker`` for bars (``kind="bar"``) or dots (``kind="dot"``), one entry per point:
    points on a primary source solid, points on a secondary source outlined."""
    n = len(secondary)
    colours = [colours] * n if isinstance(colours, str) else list(colours)
    if len(colours) != n:
        raise ValueError(f"secondary_marker: {len(colours)} colours for {n} points")
    if kind == "bar":
        return {
            "color": [
                tint(c, SECONDARY_FILL) if s else c for c, s in zip(colours, secondary, strict=True)
            ],
            "line": {"color": colours, "width": [2 if s else 0 for s in secondary]},
        }
    if kind == "dot":
        return {
            "symbol": [f"{symbol}-open" if s else symbol for s in secondary],
            "color": colours,
            "size": size,
            "line": {"color": colours, "width": 2},
        }
    raise ValueError(f"secondary_marker: kind must be 'bar' or 'dot' (got {kind!r})")


def mark_secondary(fig: go.Figure, kind: str = "bar") -> None:
    """Say in the chart's key what an outlined mark means (call when any point is one)."""
    if kind not in ("bar", "dot"):
        raise ValueError(f"mark_secondary: kind must be 'bar' or 'dot' (got {kind!r})")
    record = state.get(fig)
    record["secondary"] = kind
    state.put(fig, record)


def direct_labels(
    fig: go.Figure,
    labels: Sequence[tuple[str, float, float, str]],
    *,
    size: int = 13,
    xshift: int = 8,
    yshifts: Sequence[int] | None = None,
) -> None:
    """Name series beside their last point: ``labels`` holds ``(text, x, y, colour)`` in
    data coordinates; the text is written in the series colour (a darker shade where
    needed for contrast). Room at the right is reserved on a desktop; on a phone the labels
    are hidden and the key above the plot lists the series instead."""
    widest = 0.0
    shifts = list(yshifts) if yshifts is not None else [0] * len(labels)
    if len(shifts) != len(labels):
        raise ValueError("direct_labels: one yshift per label")
    for (text, x, y, colour), shift in zip(labels, shifts, strict=True):
        fig.add_annotation(
            x=x,
            y=y,
            text=text,
            name=DESKTOP_ONLY,
            showarrow=False,
            xanchor="left",
            yanchor="middle",
            xshift=xshift,
            yshift=shift,
            align="left",
            font={"size": size, "color": text_colour(colour)},
        )
        widest = max(widest, text_width(text, size))
    state.reserve(fig, "r", widest + xshift + 4, 0)
    record = state.get(fig)
    record["key_on_phone_only"] = sorted(
        set(record.get("key_on_phone_only", [])) | {text for text, *_ in labels}
    )
    state.put(fig, record)


def note(
    fig: go.Figure,
    text: str,
    x,
    y,
    *,
    ax: int = 0,
    ay: int = -30,
    xref: str = "x",
    yref: str = "y",
    width: int = 28,
    phone_width: int | None = None,
    size: int = 12,
    colour: str = "#3A3A3A",
    arrow: bool = True,
    align: str | None = None,
) -> int:
    """A label pointing at the mark at (``x``, ``y``) from ``ax``, ``ay`` px away (the label
    sits in empty space; the short leader line keeps it off the mark). Wrapped at ``width``
    characters (``phone_width`` on a phone). Returns the annotation's index."""
    anchor_x = "center" if ax == 0 else ("left" if ax > 0 else "right")
    anchor_y = "middle" if ay == 0 else ("top" if ay > 0 else "bottom")
    fig.add_annotation(
        x=x,
        y=y,
        xref=xref,
        yref=yref,
        text=wrap(text, width),
        name="note",
        showarrow=arrow,
        arrowhead=0,
        arrowwidth=1,
        arrowcolor=NEUTRAL,
        ax=ax if arrow else 0,
        ay=ay if arrow else 0,
        xshift=0 if arrow else ax,
        yshift=0 if arrow else -ay,
        xanchor=anchor_x,
        yanchor=anchor_y,
        align=align or ("left" if ax > 0 else "right" if ax < 0 else "center"),
        font={"size": size, "color": colour},
        bgcolor="rgba(255, 255, 255, 0.9)",
        borderpad=2,
    )
    index = len(fig.layout.annotations) - 1
    if phone_width is not None:
        on_phone(fig, layout={f"annotations[{index}].text": wrap(text, phone_width)})
    return index


def top_note(
    fig: go.Figure,
    text: str,
    x,
    *,
    xref: str = "x",
    xanchor: str = "left",
    width: int = 40,
    phone_width: int | None = None,
    size: int = 12,
    colour: str = NEUTRAL,
) -> int:
    """A note just above the plot area at ``x`` (for example naming a reference line), with
    room reserved above the plot for it on both layouts. Returns the annotation's index."""
    phone_width = phone_width or min(width, chars_for(PHONE_WIDTH * 0.45, PHONE_FONT_SIZE))
    desktop_text, phone_text = wrap(text, width), wrap(text, phone_width)
    fig.add_annotation(
        x=x,
        y=1,
        xref=xref,
        yref="paper",
        yanchor="bottom",
        xanchor=xanchor,
        yshift=4,
        text=desktop_text,
        name="note",
        showarrow=False,
        align=xanchor if xanchor != "center" else "center",
        font={"size": size, "color": text_colour(colour)},
    )
    index = len(fig.layout.annotations) - 1
    line = size * 1.3
    state.reserve(
        fig, "t", count_lines(desktop_text) * line + 8, count_lines(phone_text) * line + 8
    )
    if phone_text != desktop_text:
        on_phone(fig, layout={f"annotations[{index}].text": phone_text})
    return index


def label_shifts(values: Sequence[float], px_per_unit: float, gap: float = 16) -> list[int]:
    """Vertical shifts (px) that keep labels at ``values`` at least ``gap`` px apart, pushing
    a label up when the one below it is too close (direct labels of series that end close
    together).
    ``px_per_unit`` is the plot's height in px divided by the axis's span."""
    if px_per_unit <= 0:
        raise ValueError(f"label_shifts: px_per_unit must be positive (got {px_per_unit!r})")
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed: dict[int, float] = {}
    last = None
    for i in order:  # from the lowest label up: push each above the one below it
        y = values[i] * px_per_unit
        if last is not None and y - last < gap:
            y = last + gap
        placed[i] = y
        last = y
    return [round(placed[i] - values[i] * px_per_unit) for i in range(len(values))]
