"""A chart's phone layout, carried beside its desktop layout in the page.

The page draws every chart with its desktop layout and, at 480 px wide or less (and again
whenever the width crosses that line), applies the chart's *phone patch* with plotly's own
``relayout``/``restyle`` paths (``"xaxis.tickvals"``, ``"annotations[2].visible"``), without
a rebuild (``tipline/static/tipline-figures.js``).

The patch has two parts. The layer derives the general rules from the figure itself
(:func:`phone_patch`): smaller type, axis titles wrapped to a phone's width, labels drawn
beside series on a desktop hidden (the key above the plot names the series instead), the
room reserved for notes resized. A chart function adds what is particular to its chart with
:func:`on_phone` (short category labels, fewer ticks, a note moved).
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from tipline.charts import state
from tipline.charts.text import PHONE_WIDTH, chars_for, wrap

PHONE_FONT_SIZE = 13
#: Annotations the layer hides on a phone (the page's key takes over).
DESKTOP_ONLY = "direct-label"
_AXIS = re.compile(r"[xy]axis\d*$")


def on_phone(
    fig: go.Figure,
    layout: dict | None = None,
    data: dict[int, dict] | None = None,
    height: int | None = None,
) -> None:
    """Record what changes on a phone: ``layout`` as plotly relayout paths
    (``{"xaxis.ticktext": [...]}``), ``data`` as restyle paths per trace index
    (``{0: {"textposition": "inside"}}``), ``height`` in px."""
    record = state.get(fig)
    phone = record.setdefault("phone", {})
    if layout:
        phone.setdefault("layout", {}).update(layout)
    for index, values in (data or {}).items():
        if not isinstance(index, int) or index < 0:
            raise ValueError(f"on_phone: data is keyed by trace index (got {index!r})")
        phone.setdefault("data", {}).setdefault(str(index), {}).update(values)
    if height is not None:
        if not isinstance(height, int) or height < 200:
            raise ValueError(f"on_phone: height must be a whole number of px >= 200 ({height!r})")
        phone["height"] = height
    state.put(fig, record)


def _axis_title(axis: dict) -> str:
    title = axis.get("title")
    if isinstance(title, dict):
        return title.get("text") or ""
    return title or ""


def phone_patch(spec: dict, record: dict, height: int) -> dict:
    """The phone patch for a figure in its JSON form (``spec``, with the layer's ``record``
    already taken out): ``{"layout": {...}, "data": {...}, "height": int}``."""
    from tipline.charts.layout import BASE_MARGIN

    layout = spec.get("layout", {})
    registered = record.get("phone", {})
    phone_height = registered.get("height", height)
    patch: dict = {"font.size": PHONE_FONT_SIZE}
    for name, axis in layout.items():
        if not (_AXIS.match(name) and isinstance(axis, dict)):
            continue
        title = _axis_title(axis)
        if not title:
            continue
        room = PHONE_WIDTH - 90 if name.startswith("x") else phone_height - 90
        wrapped = wrap(title, chars_for(room, PHONE_FONT_SIZE))
        if wrapped != title:
            patch[f"{name}.title.text"] = wrapped
    for i, note in enumerate(layout.get("annotations", [])):
        if note.get("name") == DESKTOP_ONLY:
            patch[f"annotations[{i}].visible"] = False
    margin = layout.get("margin", {})
    for side, (desktop, phone) in record.get("reserve", {}).items():
        if desktop != phone:
            start = margin.get(side, BASE_MARGIN[side]) - desktop
            patch[f"margin.{side}"] = round(start + phone)
    patch.update(registered.get("layout", {}))
    return {"layout": patch, "data": registered.get("data", {}), "height": phone_height}
