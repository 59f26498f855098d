"""Out of every hundred U.S.-domestic reports, how many does an investigator ever work on?

The introduction asks readers to guess; chapter 2 answers from the model at a year's
defaults. :func:`per_hundred` gives the numbers, :func:`per_hundred_chart` draws them as one
100%-stacked bar per calibrated year. Nothing here is typed in: every figure comes from
:func:`tipline.model.evaluate`, every source from the data rows behind the calibration.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from tipline import charts
from tipline.chart import Chart
from tipline.data import load
from tipline.figures.data_charts import column_sources
from tipline.figures.sources import source_line
from tipline.model import YEARS, evaluate
from tipline.model.params import check_year
from tipline.style import GREY, INVESTIGATORS, LIGHT, lighten

__all__ = ["GROUPS", "per_hundred", "per_hundred_chart", "model_sources"]

#: The four groups every domestic report falls into, in the order the bar shows them:
#: (key, label, colour). Worked groups first, so the small share investigators reach is
#: visible at the left edge.
#: Investigators' blue marks the reports they reach (paler for informational ones); the
#: reports nobody reaches are grey: they help neither side.
GROUPS = (
    ("worked_actionable", "Worked on: actionable", INVESTIGATORS),
    ("worked_informational", "Worked on: informational", lighten(INVESTIGATORS, 0.55)),
    ("unworked_actionable", "Actionable, never reached", GREY),
    ("unworked_informational", "Informational, not worked", LIGHT),
)

_IN_WORDS = {
    "worked_actionable": "{v} actionable reports worked on",
    "worked_informational": "{v} informational reports worked on",
    "unworked_actionable": "{v} actionable reports never reached",
    "unworked_informational": "{v} informational reports not worked",
}

_US_RECIPIENTS = ("ICAC units", "Federal law enforcement", "Local law enforcement")


def per_hundred(year: int | None = None, **params) -> dict[str, float]:
    """What happens to every 100 domestic reports in the model (exact, not rounded).

    ``year`` picks the calibration (default 2023); ``params`` override single parameters
    as in :func:`tipline.model.evaluate` (scalars only). Returns the four :data:`GROUPS`
    (they add up to 100), ``worked`` (the first two), ``sound_per_1000`` (sound cases per
    1,000 domestic reports), ``domestic`` (the number of domestic reports) and ``year``.
    Raises ``ValueError`` for bad parameters, a year that is not calibrated, array input or
    a year with no domestic reports.
    """
    r = evaluate(year=year, **params)
    if r.tilt.size != 1:
        raise ValueError("per_hundred needs single values, not arrays")
    d = float(r.domestic)
    if d <= 0:
        raise ValueError("per_hundred: the settings leave no domestic reports")
    out = {
        "worked_actionable": 100 * float(r.investigated) / d,
        "worked_informational": 100 * float(r.informational_worked) / d,
        "unworked_actionable": 100 * float(r.not_reached) / d,
        "unworked_informational": 100 * float(r.informational_unworked) / d,
    }
    out["worked"] = out["worked_actionable"] + out["worked_informational"]
    out["sound_per_1000"] = 1000 * float(r.sound_case) / d
    out["domestic"] = d
    out["year"] = r.year
    return out


def model_sources(year: int) -> list[tuple[str, str]]:
    """(bib key, primary/secondary) behind the measured inputs that decide where domestic
    reports go: reports, foreign share, quality and capacity in ``year``."""
    year = check_year(year)
    reports = load("reports_by_year")
    row = reports[reports["preferred"] & (reports["year"] == year)]
    pairs = column_sources(row, "total_reports") + column_sources(
        row, "international_user_location_reports"
    )
    recipients = load("le_recipients")
    us = recipients[(recipients["year"] == year) & recipients["recipient"].isin(_US_RECIPIENTS)]
    pairs += column_sources(us, "actionable")
    outcomes = load("capacity_outcomes")
    capacity = outcomes[
        (outcomes["metric"] == "icac_investigations")
        & (outcomes["year"] == year)
        & outcomes["period"].str.startswith("FY")
    ]
    pairs += column_sources(capacity, "value")
    return pairs


def per_hundred_chart(years: Sequence[int] = YEARS) -> Chart:
    """One 100%-stacked bar per calibrated year: of every 100 domestic reports, how many
    are worked on (actionable or informational, in investigators' blue) and how many are
    never reached (grey)."""
    if isinstance(years, (str, bytes)) or not years:
        raise ValueError(f"per_hundred_chart: years must be a non-empty list (got {years!r})")
    years = [check_year(y) for y in years]
    if len(set(years)) != len(years):
        raise ValueError(f"per_hundred_chart: years repeat ({years!r})")
    shares = [per_hundred(year=y) for y in years]
    labels = [f"{y} defaults" for y in years]
    height = 150 + 60 * len(years)
    fig = charts.figure(
        x_title="Domestic reports (out of every 100)",
        height=height,
        barmode="stack",
        bargap=0.35,
        xaxis={"range": [0, 100], "tickvals": [0, 25, 50, 75, 100]},
        yaxis={"autorange": "reversed", "showline": False, "ticks": ""},
    )
    for key, name, colour in GROUPS:
        values = [s[key] for s in shares]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=values,
                orientation="h",
                name=name,
                marker={"color": colour, "line": {"color": "white", "width": 1}},
                text=[f"{v:.1f}" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                hovertemplate=f"{name}, %{{y}}: %{{x:.1f}} of every 100<extra></extra>",
            )
        )
    charts.top_note(fig, "Grey segments: never worked on", 100, xanchor="right")
    worked = [round(s["worked"]) for s in shares]
    unreached = [round(s["unworked_actionable"]) for s in shares]
    lost = (
        f"{unreached[0]}" if len(set(unreached)) == 1 else f"{min(unreached)} to {max(unreached)}"
    )
    if len(set(worked)) == 1:
        when = f" at the {years[0]} defaults" if len(years) == 1 else ""
        title = (
            f"In the model, investigators work on about {worked[0]} of every 100 domestic "
            f"reports{when}; about {lost} are actionable reports nobody reaches"
        )
    else:
        parts = ", ".join(f"{w} in {y}" for w, y in zip(worked, years, strict=True))
        title = (
            f"In the model, investigators work on few domestic reports: per 100, {parts}; "
            "most actionable reports are never reached"
        )
    described = "; ".join(
        f"{y}: "
        + ", ".join(_IN_WORDS[key].format(v=f"{s[key]:.1f}") for key, _, _ in GROUPS)
        + f" (of {s['domestic']:,.0f} domestic reports)"
        for y, s in zip(years, shares, strict=True)
    )
    alt = (
        "Horizontal 100% stacked bar chart, one bar per model year, showing what happens to "
        f"every 100 domestic CyberTipline reports in the model at that year's defaults. "
        f"{described}. Domestic reports are those located in the U.S. or with no location."
    )
    pairs = []
    for y in years:
        pairs += model_sources(y)
    return Chart(
        figure=fig,
        title=title,
        source=source_line(
            pairs,
            "Model at each year's defaults; capacity is a proxy (ICAC investigations, read "
            "like for like: the share of all domestic reports they cover of the reports "
            "made available to ICAC) and triage (0.5) an assumption.",
        ),
        alt=alt,
        data_files=("reports_by_year.csv", "le_recipients.csv", "capacity_outcomes.csv"),
        height=height,
    )
