"""Charts drawn straight from the tables in ``data/``."""

from __future__ import annotations

import plotly.graph_objects as go

from tipline.chart import Chart
from tipline.data import load
from tipline.figures.sources import row_sources, source_line
from tipline.style import HIGHLIGHT, INVESTIGATORS, NEUTRAL, base_layout


def _preferred(name: str):
    table = load(name)
    return table[table["preferred"]].sort_values("year")


def reports_per_year() -> Chart:
    """CyberTipline reports per year, with the 2024 bundling break marked."""
    rows = _preferred("reports_by_year")
    rows = rows[rows["total_reports"].notna() & (rows["year"] >= 2010)]
    years = rows["year"].astype(int).tolist()
    totals = rows["total_reports"].astype(float).tolist()
    peak_year = years[totals.index(max(totals))]
    bundled = rows[rows["incidents_after_unbundling"].notna()]
    colours = [HIGHLIGHT if y >= 2024 else INVESTIGATORS for y in years]
    fig = go.Figure(
        go.Bar(
            x=years,
            y=[t / 1e6 for t in totals],
            marker_color=colours,
            name="Reports",
            hovertemplate="%{x}: %{y:.1f} million reports<extra></extra>",
        )
    )
    for _, row in bundled.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[int(row["year"])],
                y=[float(row["incidents_after_unbundling"]) / 1e6],
                mode="markers",
                marker={"symbol": "diamond", "size": 12, "color": NEUTRAL},
                name="Incidents counted before bundling",
                hovertemplate="%{x}: %{y:.1f} million incidents<extra></extra>",
            )
        )
    fig.add_vline(x=2023.5, line_dash="dash", line_color=NEUTRAL)
    fig.add_annotation(
        x=2023.5,
        y=max(totals) / 1e6,
        text="2024: bundling<br>introduced",
        showarrow=False,
        xanchor="right",
        align="right",
        font={"size": 12},
    )
    fig.update_layout(
        base_layout(showlegend=not bundled.empty),
        xaxis_title="Calendar year",
        yaxis_title="Reports (millions)",
    )
    last = rows.iloc[-1]
    y2024 = rows[rows["year"] == 2024]
    drop = ""
    if not y2024.empty:
        before = float(rows[rows["year"] == 2023]["total_reports"].iloc[0])
        after = float(y2024["total_reports"].iloc[0])
        drop = (
            f" In 2024 the count fell to {after / 1e6:.1f} million ({(1 - after / before):.0%} "
            f"fewer than 2023), the year platforms began bundling near-identical reports; "
            f"counted as incidents, 2024 had "
            f"{float(bundled['incidents_after_unbundling'].iloc[0]) / 1e6:.1f} million."
            if not bundled.empty
            else ""
        )
    alt = (
        f"Bar chart of CyberTipline reports per year from {years[0]} to {years[-1]}. Reports "
        f"grew from {totals[0]:,.0f} in {years[0]} to a peak of {max(totals):,.0f} in "
        f"{peak_year}.{drop} The latest year shown, {int(last['year'])}, had "
        f"{float(last['total_reports']):,.0f} reports."
    )
    return Chart(
        figure=fig,
        title=f"Reports grew {max(totals) / totals[0]:,.0f}-fold from {years[0]} to {peak_year}; "
        "the 2024 fall reflects bundling as well as fewer incidents",
        source=source_line(
            row_sources(rows, "total_reports") + row_sources(bundled, "incidents_after_unbundling")
        ),
        alt=alt,
        data_files=("reports_by_year.csv",),
    )
