"""The tilt axis the model's charts share: from -1 (every outcome helps defendants) to +1
(every outcome helps investigators), each half tinted in its side's colour, a solid line at
the balance and, where a chart marks it, a dotted line at the tilt the defaults give.

Charts that draw one row per item (a parameter, a narrative, a combination of choices) write
each row's label *above* the row with :func:`row_labels` rather than as tick labels, so
that the plot keeps the chart's full width on a phone.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from tipline import charts
from tipline.charts.text import PHONE_WIDTH, chars_for
from tipline.style import DEFENDANTS, INK, INVESTIGATORS, NEUTRAL, tint

#: The axis title every tilt axis carries.
TILT_TITLE = "Tilt: below 0 favours defendants, above 0 favours investigators"
#: The axis runs a little past -1 and +1 so that marks at the ends stay whole.
TILT_RANGE = (-1.05, 1.05)
_TICKS = [-1, -0.5, 0, 0.5, 1]
_TICK_TEXT = ["\u22121", "\u22120.5", "0", "+0.5", "+1"]


def tint_halves(fig: go.Figure, x_range: tuple[float, float] = TILT_RANGE) -> None:
    """Tint the defendants' half (below 0) and the investigators' half of a horizontal tilt
    axis spanning ``x_range``, behind the marks."""
    for x0, x1, colour in ((x_range[0], 0, DEFENDANTS), (0, x_range[1], INVESTIGATORS)):
        fig.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            yref="paper",
            y0=0,
            y1=1,
            fillcolor=tint(colour, 0.07),
            line={"width": 0},
            layer="below",
        )


def tilt_figure(height: int, **layout) -> go.Figure:
    """An empty chart on the layer with a horizontal tilt axis (tinted halves, balance
    line)."""
    fig = charts.figure(x_title=TILT_TITLE, height=height, **layout)
    tint_halves(fig)
    fig.update_layout(
        xaxis={
            "range": list(TILT_RANGE),
            "tickvals": _TICKS,
            "ticktext": _TICK_TEXT,
            "showgrid": True,
        }
    )
    charts.reference_line(fig, x=0, dash="solid", colour=INK, width=1.5)
    return fig


def mark_default(fig: go.Figure, default: float, label: str = "defaults") -> None:
    """A dotted line at the tilt the defaults give, named above the plot (the note reads
    away from the nearer edge, so it stays inside the chart on a phone)."""
    charts.reference_line(fig, x=default, dash="dot", colour=NEUTRAL)
    anchor = "left" if default < 0.5 else "right"
    charts.top_note(fig, f"{label}: {default:+.2f}", default, xanchor=anchor, colour=INK)


def row_labels(
    fig: go.Figure, rows: Sequence[float], labels: Sequence[str], *, lift: float = 0.28
) -> None:
    """Write each row's label above it, from the left edge of the plot; wrapped to a
    phone's width on a phone."""
    phone_chars = chars_for(PHONE_WIDTH - 30, 12)
    for y, text in zip(rows, labels, strict=True):
        fig.add_annotation(
            x=0,
            xref="paper",
            y=y + lift,
            text=text,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            font={"size": 12, "color": INK},
            # the default's dotted line passes behind the words, not through them
            bgcolor="rgba(255, 255, 255, 0.85)",
        )
        wrapped = charts.wrap(text, phone_chars)
        if wrapped != text:
            index = len(fig.layout.annotations) - 1
            charts.on_phone(fig, layout={f"annotations[{index}].text": wrapped})
