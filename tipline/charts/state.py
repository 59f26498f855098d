"""What the layer remembers about a figure while a chart function builds it.

Helpers such as :func:`tipline.charts.marks.direct_labels` need the page to do something
beyond plotly's layout: hide labels on a phone, show a key, reserve room above the plot. They
record it in the figure itself (``layout.meta["tipline"]``), so the figure carries
everything; :class:`tipline.charts.Chart` takes the record out before the figure reaches
plotly.js.
"""

from __future__ import annotations

import copy

import plotly.graph_objects as go

KEY = "tipline"


def get(fig: go.Figure) -> dict:
    """A copy of the layer's record for ``fig`` (empty if none)."""
    meta = fig.layout.meta
    if isinstance(meta, dict) and isinstance(meta.get(KEY), dict):
        return copy.deepcopy(meta[KEY])
    return {}


def put(fig: go.Figure, record: dict) -> None:
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.layout.meta = {**meta, KEY: record}


def update(fig: go.Figure, section: str, values: dict) -> None:
    """Merge ``values`` into ``section`` of the record (dict sections) ."""
    record = get(fig)
    record.setdefault(section, {}).update(values)
    put(fig, record)


def append(fig: go.Figure, section: str, item) -> None:
    """Add ``item`` to list ``section`` of the record."""
    record = get(fig)
    record.setdefault(section, []).append(item)
    put(fig, record)


def reserve(fig: go.Figure, side: str, desktop: float, phone: float | None = None) -> None:
    """Keep at least ``desktop`` px (``phone`` px on a phone) free on ``side`` of the plot
    for text the layer places there (notes above the plot, labels at the right)."""
    if side not in ("t", "r", "b", "l"):
        raise ValueError(f"reserve: side must be one of t, r, b, l (got {side!r})")
    record = get(fig)
    room = record.setdefault("reserve", {})
    old = room.get(side, [0, 0])
    room[side] = [max(old[0], desktop), max(old[1], desktop if phone is None else phone)]
    put(fig, record)


def pop(spec: dict) -> dict:
    """Remove the layer's record from a figure's JSON form (``{"data", "layout"}``) and
    return it."""
    layout = spec.get("layout", {})
    meta = layout.get("meta")
    if not isinstance(meta, dict) or KEY not in meta:
        return {}
    record = meta.pop(KEY)
    if not meta:
        layout.pop("meta")
    return record
