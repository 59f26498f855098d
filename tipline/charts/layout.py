"""The layout every chart starts from, and the axes the book uses.

:func:`figure` gives a chart function an empty figure that already follows the book's
rules: plain white card, readable type, margins that grow to fit tick labels and axis
titles (``automargin``), no rotated ticks, no zooming or dragging (a finger on a phone
scrolls the page instead), bar labels hidden rather than shrunk below a readable size
(``uniformtext``), no plotly legend (the page draws a key above the plot, or the chart
labels its series directly). :func:`year_axis` and :func:`log_axis` set the two axes that
need care; :func:`finish` applies what helpers reserved before the figure is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from tipline.charts import state
from tipline.charts.phone import on_phone
from tipline.charts.text import short_count
from tipline.style import AXIS_COLOUR, FONT_FAMILY, GREYS, GRID_COLOUR, NEUTRAL, TEXT_COLOUR

#: Margins before anything grows them (px): automargin adds room for ticks and titles.
BASE_MARGIN = {"l": 8, "r": 14, "t": 10, "b": 8}
FONT_SIZE = 14
AXIS_LINE = AXIS_COLOUR


def axis(title: str = "", **settings) -> dict:
    """One axis with the book's rules (``settings`` add to or override them)."""
    spec = {
        "title": {"text": title, "standoff": 10},
        "automargin": True,
        "tickangle": 0,
        "gridcolor": GRID_COLOUR,
        "zeroline": False,
        "showline": True,
        "linecolor": AXIS_LINE,
        "ticks": "outside",
        "tickcolor": AXIS_LINE,
        "ticklen": 4,
        "fixedrange": True,
        "tickfont": {"size": 13},
    }
    spec.update(settings)
    return spec


def figure(*, x_title: str = "", y_title: str = "", height: int = 420, **layout) -> go.Figure:
    """An empty figure on the book's layout. ``layout`` adds to or overrides it (for
    example ``barmode="stack"`` or ``xaxis={...}``, merged into the axis)."""
    fig = go.Figure(layout={"template": go.layout.Template()})
    fig.update_layout(
        height=height,
        font={"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=list(GREYS),
        margin=dict(BASE_MARGIN),
        showlegend=False,
        dragmode=False,
        hovermode="closest",
        hoverlabel={"font": {"family": FONT_FAMILY}},
        uniformtext={"minsize": 11, "mode": "hide"},
        xaxis=axis(x_title),
        yaxis=axis(y_title),
    )
    if layout:
        fig.update_layout(**layout)
    state.put(fig, {"layer": True})
    return fig


def year_axis(fig: go.Figure, years: Sequence, which: str = "x", phone_ticks: int = 5) -> None:
    """A calendar-year axis: a tick for every year; on a phone at most ``phone_ticks``
    ticks, the latest year always among them. ``years`` are numbers or category labels."""
    years = list(dict.fromkeys(years))
    if not years:
        raise ValueError("year_axis: no years given")
    settings = {"tickvals": years, "ticktext": [str(y) for y in years], "showgrid": False}
    fig.update_layout({f"{which}axis": settings})
    if len(years) > phone_ticks:
        step = math.ceil(len(years) / phone_ticks)
        kept = years[::-1][::step][::-1]
        on_phone(
            fig,
            layout={
                f"{which}axis.tickvals": kept,
                f"{which}axis.ticktext": [str(y) for y in kept],
            },
        )


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten from the one at or below ``low`` to the one at or above ``high``."""
    if not (0 < low < high and math.isfinite(high)):
        raise ValueError(f"log_ticks: need 0 < low < high (got {low!r}, {high!r})")
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    return [10.0**k for k in range(first, last + 1)]


def log_axis(
    fig: go.Figure, low: float, high: float, which: str = "x", phone_ticks: int = 4
) -> None:
    """A logarithmic count axis from ``low`` to ``high`` with ticks at powers of ten read as
    1k, 10k, 100k, 1M (never plotly's bare "2 5 2 5"); on a phone every other power when
    there are more than ``phone_ticks``."""
    ticks = [t for t in log_ticks(low, high) if low <= t * 1.0001 and t <= high * 1.0001]
    if not ticks:
        raise ValueError(
            f"log_axis: the range {low:g} to {high:g} holds no power of ten to label; "
            "use a linear axis for a range this narrow"
        )
    settings = {
        "type": "log",
        "range": [math.log10(low), math.log10(high)],
        "tickvals": ticks,
        "ticktext": [short_count(t) for t in ticks],
        "minor": {"showgrid": False},
    }
    fig.update_layout({f"{which}axis": settings})
    if len(ticks) > phone_ticks:
        kept = ticks[::-2][::-1]
        on_phone(
            fig,
            layout={
                f"{which}axis.tickvals": kept,
                f"{which}axis.ticktext": [short_count(t) for t in kept],
            },
        )


def margins(fig: go.Figure, phone: bool = False) -> dict:
    """The figure's margins with the room helpers reserved added (desktop or phone)."""
    current = fig.layout.margin
    room = state.get(fig).get("reserve", {})
    out = {}
    for side, base in BASE_MARGIN.items():
        set_value = getattr(current, side)
        start = base if set_value is None else set_value
        extra = room.get(side, [0, 0])[1 if phone else 0]
        out[side] = round(start + extra)
    return out


def finish(fig: go.Figure) -> go.Figure:
    """A copy of ``fig`` ready to draw: reserved room added to its margins."""
    done = go.Figure(fig)
    done.update_layout(margin=margins(fig))
    return done


def reference_line(
    fig: go.Figure,
    *,
    x: float | str | None = None,
    y: float | None = None,
    dash: str = "dash",
    colour: str = NEUTRAL,
    width: float = 1.5,
) -> None:
    """A vertical (``x``) or horizontal (``y``) line across the plot, under the marks."""
    if (x is None) == (y is None):
        raise ValueError("reference_line: give exactly one of x and y")
    line = {"color": colour, "width": width, "dash": dash}
    if x is not None:
        fig.add_shape(type="line", x0=x, x1=x, y0=0, y1=1, yref="paper", line=line, layer="below")
    else:
        fig.add_shape(type="line", y0=y, y1=y, x0=0, x1=1, xref="paper", line=line, layer="below")
