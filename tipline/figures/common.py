"""Small pieces several chart modules share: argument checks and repeated chart marks."""

from __future__ import annotations

import plotly.graph_objects as go

from tipline.data import tables
from tipline.style import NEUTRAL, TEXT_COLOUR

__all__ = ["check_table", "corner_note", "mark_tilt_default"]


def check_table(name: str) -> str:
    """``name`` if it is one of the data tables; otherwise ``ValueError`` listing them."""
    names = tables()
    if name not in names:
        raise ValueError(f"unknown table {name!r}; the tables are: {', '.join(names)}")
    return name


def corner_note(fig: go.Figure, text: str, yshift: int = 3) -> None:
    """A small grey note just above the plot's top-right corner (e.g. what hatching means)."""
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=1,
        y=1.0,
        yshift=yshift,
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        font={"size": 12, "color": NEUTRAL},
    )


def mark_tilt_default(fig: go.Figure, default: float, **annotation) -> None:
    """On a horizontal tilt axis: a solid line at 0 (balance), a dotted line at the tilt the
    defaults give, labelled above the plot. ``annotation`` adds to the label's settings
    (e.g. ``font``)."""
    fig.add_vline(x=0, line_color=TEXT_COLOUR, line_width=2)
    fig.add_vline(x=default, line_dash="dot", line_color=NEUTRAL)
    fig.add_annotation(
        x=default,
        y=1.0,
        yref="paper",
        text=f"defaults: {default:+.2f}",
        showarrow=False,
        yanchor="bottom",
        xanchor="left",
        **annotation,
    )
