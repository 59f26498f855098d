"""Where the tilt crosses zero in the quality x capacity plane (the break-even chart)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from tipline import charts
from tipline.chart import Chart
from tipline.figures.model_common import (
    DATA_FILES,
    assumption_note,
    check_count,
    model_sources,
    model_year,
)
from tipline.model import RANGES, YEARS, params_for_year
from tipline.model.uncertainty import frontier
from tipline.model.validate import check
from tipline.style import DEFENDANTS, GREY, INK, INVESTIGATORS, NEUTRAL, text_colour

HEIGHT = 480


def _check_shares(foreign_shares) -> tuple[float, ...]:
    if isinstance(foreign_shares, (str, bytes)) or not isinstance(foreign_shares, Sequence):
        raise ValueError(
            f"foreign_shares must be a sequence of shares between 0 and 0.99 "
            f"(got {foreign_shares!r})"
        )
    return tuple(float(check("foreign_share", f)) for f in foreign_shares)


def _end(q: np.ndarray, capacity: np.ndarray) -> tuple[float, float | None]:
    """The last point of a break-even line that has a value (quality, capacity), where its
    label goes; ``(1, None)`` for a line with none."""
    finite = np.flatnonzero(np.isfinite(capacity) & (capacity > 0))
    if not finite.size:
        return 1.0, None
    last = finite[-1]
    return float(q[last]), float(capacity[last])


def frontier_chart(
    year: int | None = None,
    foreign_shares: Sequence[float] = (0.75, 0.85, 0.95),
    n_quality: int = 60,
) -> Chart:
    """Where the tilt crosses zero in the quality x capacity plane.

    One dashed grey line per value of ``foreign_shares`` (other parameters at ``year``'s
    defaults) and, for every calibrated year, a solid line at that year's own defaults with
    the year's measured (quality, capacity) point marked and named; lines are named at their
    right ends (in the key on a phone). Above a line investigators are
    favoured, below it defendants. Raises ``ValueError`` for an uncalibrated year, shares
    outside the valid range or too few quality steps.
    """
    year = model_year(year)
    c_low, c_high = RANGES["capacity"]
    shares = _check_shares(foreign_shares)
    n_quality = check_count(n_quality, "n_quality", 5)
    q = np.linspace(0.05, 1.0, n_quality)
    fig = charts.figure(
        x_title="Quality: actionable share of domestic reports",
        y_title="Capacity (reports worked a year, log scale)",
        height=HEIGHT,
    )
    ends = []  # (label, capacity at the right end, colour) for the direct labels
    dashes = ("dash", "dot", "dashdot", "longdash", "longdashdot")
    if shares:
        fr = frontier(q, shares, year=year)
        for i, f in enumerate(shares):
            name = f"Foreign share {f:.0%}"
            fig.add_trace(
                go.Scatter(
                    x=q,
                    y=fr["capacity"][i],
                    mode="lines",
                    name=name,
                    line={"color": GREY, "dash": dashes[i % 5], "width": 2},
                    hovertemplate="quality %{x:.0%}: break-even capacity %{y:,.0f}<extra>"
                    f"foreign share {f:.0%} ({year} volume)</extra>",
                )
            )
            ends.append((name, *_end(q, fr["capacity"][i]), GREY))
    styles = ((GREY, 5, "circle", 14), (INK, 2, "diamond", 11), (NEUTRAL, 2, "square", 11))
    points = []
    for j, y in enumerate(YEARS):
        p = params_for_year(y)
        f_y, q_y, c_y = (p[k].default for k in ("foreign_share", "quality", "capacity"))
        own = frontier(q, [f_y], year=y)["capacity"][0]
        at_point = float(frontier([q_y], [f_y], year=y)["capacity"][0, 0])
        points.append((y, f_y, q_y, c_y, at_point))
        colour, width, symbol, size = styles[j % len(styles)]
        name = f"{y} settings"
        fig.add_trace(
            go.Scatter(
                x=q,
                y=own,
                mode="lines",
                name=name,
                line={"color": colour, "width": width},
                hovertemplate="quality %{x:.0%}: break-even capacity %{y:,.0f}<extra>"
                f"{y} (foreign share {f_y:.0%})</extra>",
            )
        )
        ends.append((name, *_end(q, own), INK if colour == INK else GREY))
        fig.add_trace(
            go.Scatter(
                x=[q_y],
                y=[c_y],
                mode="markers",
                name=f"{y} measured",
                marker={
                    "symbol": symbol,
                    "size": size,
                    "color": colour,
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate=f"{y}: quality {q_y:.1%}, capacity {c_y:,.0f}<extra></extra>",
            )
        )
    # The measured points of the years lie close together: each is named from its own side.
    by_capacity = sorted(points, key=lambda pt: pt[3])
    for rank, (y, _, q_y, c_y, _) in enumerate(by_capacity):
        above = rank == len(by_capacity) - 1
        # annotations on a log axis take the logarithm of the value
        charts.note(
            fig, f"{y} measured", q_y, math.log10(c_y), ax=-34, ay=-34 if above else 34, width=20
        )
    log_low, log_high = math.log10(c_low), math.log10(c_high)
    ends = [end for end in ends if end[2] is not None]
    shifts = charts.label_shifts(
        [math.log10(c) for _, _, c, _ in ends], (HEIGHT - 90) / (log_high - log_low)
    )
    charts.direct_labels(
        fig, [(label, x, math.log10(c), colour) for label, x, c, colour in ends], yshifts=shifts
    )
    for x, y, anchor, text, colour in (
        (0.98, 0.97, "right", "above a line: investigators favoured", INVESTIGATORS),
        (0.02, 0.03, "left", "below a line: defendants favoured", DEFENDANTS),
    ):
        fig.add_annotation(
            x=x,
            y=y,
            xref="paper",
            yref="paper",
            showarrow=False,
            xanchor=anchor,
            yanchor="top" if y > 0.5 else "bottom",
            text=text,
            font={"size": 12, "color": text_colour(colour)},
            bgcolor="rgba(255, 255, 255, 0.9)",
        )
    charts.log_axis(fig, c_low, c_high, which="y")
    fig.update_layout(xaxis={"tickformat": ".0%", "range": [0, 1.02]})
    margins = [
        f"{y}'s capacity ({c:,.0f}) is {c / b - 1:.0%} above its break-even ({b:,.0f})"
        if c >= b
        else f"{y}'s capacity ({c:,.0f}) is {1 - c / b:.0%} below its break-even ({b:,.0f})"
        for y, _, _, c, b in points
    ]
    title = "Investigators are favoured above each line; " + " and ".join(margins)
    alt_lines = []
    for i, f in enumerate(shares):
        caps = fr["capacity"][i]
        idx = [int(np.argmin(np.abs(q - v))) for v in (0.25, 0.5, 0.75, 1.0)]
        alt_lines.append(
            f"foreign share {f:.0%}: "
            + ", ".join(
                f"{caps[k]:,.0f} at quality {q[k]:.0%}" for k in idx if np.isfinite(caps[k])
            )
        )
    alt = (
        "Line chart: for each line, the investigative capacity (log scale, reports worked per "
        "year) at which the tilt is exactly zero, against quality (actionable share). "
        "The higher the foreign share, the fewer domestic reports, and the lower the "
        "capacity needed. "
        + (
            "Break-even capacity at the " + str(year) + " defaults, " + "; ".join(alt_lines) + ". "
            if alt_lines
            else ""
        )
        + " ".join(
            f"{y}: quality {q_y:.0%}, capacity {c_y:,.0f}, foreign share {f_y:.0%}; its "
            f"break-even capacity is {b:,.0f}, so the {y} point lies "
            f"{'above' if c_y >= b else 'below'} its line."
            for y, f_y, q_y, c_y, b in points
        )
    )
    return Chart(
        figure=fig,
        title=title,
        source=model_sources(YEARS, note=assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=HEIGHT,
    )
