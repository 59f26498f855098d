"""Charts on the tilt axis: the tornado (one parameter at a time), the Monte Carlo
histogram and the spread over the modelling choices."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from tipline import charts
from tipline.chart import Chart
from tipline.figures.model_common import (
    DATA_FILES,
    MC_N,
    MC_SEED,
    SYMBOLS,
    assumption_note,
    fmt_param,
    model_sources,
    model_year,
    monte_carlo_run,
)
from tipline.figures.tilt_axis import mark_default, row_labels, tilt_figure
from tipline.model import CHOICES, YEARS, evaluate, params_for_year
from tipline.model.uncertainty import choice_spread, tornado
from tipline.style import GREY, INK, LIGHT, NEUTRAL


def tornado_chart(year: int | None = None) -> Chart:
    """One parameter at a time moved to each end of its uncertainty range (a tornado drawn
    as dots): for each parameter a row with the tilt at the low end of its range (circle)
    and at the high end (diamond), joined through the tilt at the defaults
    (:func:`tipline.model.uncertainty.tornado`); largest swing on top, each row labelled
    above it with the parameter's range.
    """
    year = model_year(year)
    table = tornado(year)
    params = params_for_year(year)
    default = float(table.attrs["tilt_default"])
    positive = default > 0
    flips = [
        row["param"]
        for _, row in table.iterrows()
        if ((row["tilt_low"] > 0) != positive) or ((row["tilt_high"] > 0) != positive)
    ]
    k = len(table)
    rows = list(range(k - 1, -1, -1))  # largest swing on top
    labels = [
        f"{params[n].label} ({SYMBOLS[n]}): {fmt_param(n, lo)} to {fmt_param(n, hi)}"
        for n, lo, hi in zip(table["param"], table["low_value"], table["high_value"], strict=True)
    ]
    fig = tilt_figure(height=90 + 46 * k)
    for y, lo, hi in zip(rows, table["tilt_low"], table["tilt_high"], strict=True):
        fig.add_trace(
            go.Scatter(
                x=[min(lo, hi, default), max(lo, hi, default)],
                y=[y, y],
                mode="lines",
                line={"color": LIGHT, "width": 3},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    for end, name, symbol, colour in (
        ("low", "Low end of the parameter's range", "circle", GREY),
        ("high", "High end of the parameter's range", "diamond", INK),
    ):
        values = [
            fmt_param(n, v) for n, v in zip(table["param"], table[f"{end}_value"], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=table[f"tilt_{end}"],
                y=rows,
                mode="markers",
                name=name,
                marker={"symbol": symbol, "size": 12, "color": colour},
                text=values,
                customdata=[params[n].label for n in table["param"]],
                hovertemplate="%{customdata} at %{text}: tilt %{x:+.2f}<extra></extra>",
            )
        )
    row_labels(fig, rows, labels)
    mark_default(fig, default)
    fig.update_layout(yaxis={"visible": False, "range": [-0.6, k - 0.25]})
    charts.on_phone(fig, height=120 + 62 * k)
    top = table.iloc[0]
    lo, hi = sorted((float(top["tilt_low"]), float(top["tilt_high"])))
    other = "defendants" if positive else "investigators"
    title = (
        f"{params[top['param']].label} moves the tilt most, from {lo:+.2f} to {hi:+.2f}; "
        f"{len(flips)} of {len(table)} parameters can tip the balance to {other} on their own"
    )
    parts = []
    for _, row in table.iterrows():
        n = row["param"]
        parts.append(
            f"{params[n].label}: {fmt_param(n, row['low_value'])} gives tilt "
            f"{row['tilt_low']:+.2f}, {fmt_param(n, row['high_value'])} gives "
            f"{row['tilt_high']:+.2f}"
        )
    alt = (
        f"Dot chart for {year}, one row per parameter (a tornado chart). At the defaults the "
        f"tilt is {default:+.2f}. Each parameter is moved alone to the low (circle) and then "
        "the high end (diamond) of its uncertainty range, largest effect first. "
        + "; ".join(parts)
        + ". Parameters that can push the tilt past zero "
        "on their own: " + (", ".join(params[n].label for n in flips) or "none") + "."
    )
    return Chart(
        figure=fig,
        title=title,
        source=model_sources([year], note=assumption_note()),
        subtitle=f"The model's tilt in {year} with one input moved to each end of its range, "
        "every other input at its default",
        alt=alt,
        data_files=DATA_FILES,
        height=90 + 46 * k,
    )


def monte_carlo_histogram(year: int | None = None, n: int = MC_N, seed: int = MC_SEED) -> Chart:
    """Histogram of the Monte Carlo tilts at the default choices on the tilt axis: the
    central 80% of draws darker, the median marked (:func:`monte_carlo_run`)."""
    mc = monte_carlo_run(year, n=n, seed=seed)
    year = mc.year
    edges = np.linspace(-1.0, 1.0, 41)
    centres = 0.5 * (edges[:-1] + edges[1:])
    counts, _ = np.histogram(mc.tilts, bins=edges)
    low80, high80 = mc.interval80
    inside = (centres >= low80) & (centres <= high80)
    fig = tilt_figure(height=400, y_title="Share of draws (%)", bargap=0.05)
    for mask, name, colour in (
        (inside, "Central 80% of draws", GREY),
        (~inside, "Outer 20% of draws", LIGHT),
    ):
        fig.add_trace(
            go.Bar(
                x=centres[mask],
                y=counts[mask] / mc.n * 100,
                width=edges[1] - edges[0],
                name=name,
                marker={"color": colour, "line": {"width": 0}},
                hovertemplate="tilt %{x:+.2f}: %{y:.1f}% of draws<extra></extra>",
            )
        )
    mark_default(fig, float(mc.median), label="median")
    fig.update_layout(xaxis={"showgrid": False}, yaxis={"rangemode": "tozero"})
    title = (
        f"On the book's assumed ranges the median tilt is {mc.median:+.2f}, and 80% of "
        f"{mc.n:,} draws lie between {low80:+.2f} and {high80:+.2f}"
    )
    labels = params_for_year(year)
    default = float(evaluate(year=year).tilt)
    alt = (
        f"Histogram of the tilt over {mc.n:,} random settings ({year} data, default modelling "
        f"choices; the tilt at the defaults is {default:+.2f}). Drawn: "
        + ", ".join(labels[k].label.lower() for k in mc.draws)
        + f". Median {mc.median:+.2f}; central 80% of draws {low80:+.2f} to {high80:+.2f}; "
        f"central 90% {mc.interval90[0]:+.2f} to {mc.interval90[1]:+.2f}; "
        f"{mc.share_investigators_favoured:.0%} of draws above zero. The ranges are the "
        "book's assumptions, so these shares describe the draws, not a probability."
    )
    return Chart(
        figure=fig,
        title=title,
        source=model_sources(
            [year],
            note="Random draws (seed "
            f"{mc.seed}) over the book's assumed ranges, described on the model page. "
            + assumption_note(),
        ),
        alt=alt,
        data_files=DATA_FILES,
        height=400,
    )


def choice_spread_chart(years: Sequence[int] = YEARS) -> Chart:
    """The tilt under every combination of modelling choices, for each calibrated year: a
    row per combination (labelled above it), a dot per year at the default share of
    weakened cases and a line over that share's assumed range."""
    years = tuple(model_year(y) for y in years)
    if not years:
        raise ValueError("choice_spread_chart needs at least one calibrated year")
    combos = [(b, c) for b in CHOICES["baseline"] for c in CHOICES["capacity_basis"]]
    labels = [
        f"Against the report {'never made' if b == 'no_report' else 'worked in time'}; "
        f"capacity {'like for like' if c == 'icac_stream' else 'over all domestic reports'}"
        for b, c in combos
    ]
    symbols = ("circle", "diamond", "square")
    colours = (GREY, INK, NEUTRAL)
    k = len(combos)
    rows = list(range(k - 1, -1, -1))
    fig = tilt_figure(height=110 + 70 * k)
    lowest, highest = 1.0, -1.0
    parts = []
    for j, y in enumerate(years):
        frame = choice_spread(y)
        offset = ((len(years) - 1) / 2 - j) * 0.2  # the first year above, the last below
        xs, ys = [], []
        colour = colours[j % len(colours)]
        for i, (b, c) in enumerate(combos):
            sub = frame[(frame["baseline"] == b) & (frame["capacity_basis"] == c)]
            t = dict(zip(sub["k_level"], sub["tilt"], strict=True))
            xs.append(t["default"])
            ys.append(rows[i] + offset)
            lowest, highest = min(lowest, t["default"]), max(highest, t["default"])
            parts.append(
                f"{y}, {labels[i].lower()}: {t['default']:+.2f} (from {t['high']:+.2f} to "
                f"{t['low']:+.2f} as the share of weakened cases runs from high to low)"
            )
            fig.add_trace(
                go.Scatter(
                    x=[t["high"], t["low"]],
                    y=[rows[i] + offset] * 2,
                    mode="lines",
                    line={"color": colour, "width": 2},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=f"{y} settings",
                marker={"symbol": symbols[j % 3], "size": 12, "color": colour},
                hovertemplate=f"{y}: tilt %{{x:+.2f}}<extra></extra>",
            )
        )
    row_labels(fig, rows, labels, lift=0.3)
    fig.update_layout(yaxis={"visible": False, "range": [-0.6, k - 0.15]})
    charts.on_phone(fig, height=130 + 80 * k)
    title = (
        f"At the defaults the tilt favours investigators under every combination of "
        f"choices, from {lowest:+.2f} to {highest:+.2f}"
        if lowest > 0
        else f"At the defaults the tilt runs from {lowest:+.2f} to {highest:+.2f} across the "
        "combinations of choices"
    )
    alt = (
        "Dot plot of the tilt under the four combinations of modelling choices (what a report "
        "is compared with: the same report never made, or worked in time; what capacity "
        "covers: like for like, or all domestic reports), for "
        + " and ".join(map(str, years))
        + ". "
        + "; ".join(parts)
        + "."
    )
    return Chart(
        figure=fig,
        title=title,
        source=model_sources(years, note=assumption_note()),
        subtitle="The model's tilt under each combination of modelling choices: a dot at each "
        "year's defaults, a line over the assumed range of the share of court cases weakened",
        alt=alt,
        data_files=DATA_FILES,
        height=110 + 70 * k,
    )
