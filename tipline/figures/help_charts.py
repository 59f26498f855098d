"""Chapter 3 (How CyberTips help): what the system delivers to investigators, and how that
changes with the one input everybody argues about, investigative capacity.

* :func:`icac_tips_and_outcomes` sets the CyberTips sent to ICAC task forces beside the
  investigations and arrests the task forces report; :func:`victims_identified` counts the
  children newly identified in NCMEC's records;
* :func:`capacity_to_reach_all` and :func:`capacity_figures` compute, from the model's
  equations, what a given capacity buys (and what it would take to reach every actionable
  report); :func:`capacity_response_chart` draws the tilt across the whole capacity range;
* :func:`urgency_table` gathers every published count of urgent reports and priority levels.

No number from a source or the model is typed here: every figure is read from ``data/`` or
computed by :mod:`tipline.model`. Charts are :class:`tipline.charts.Chart` objects on the
chart layer, tables :class:`tipline.table.Table`. (The data page's tables moved to
:mod:`tipline.figures.data_page`; their names are kept here for the chapters that import
them from this module.)
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography, charts
from tipline.calibration import year_inputs
from tipline.charts import Chart
from tipline.data import load
from tipline.figures.common import check_year as check_year_in
from tipline.figures.common import column_sources, metric
from tipline.figures.data_page import (
    PUBLISHED_PATTERNS,
    allowed_values,
    check_text,
    data_dictionary,
    files_table,
    gaps_table,
    provenance_counts,
    table_card,
)
from tipline.figures.model_charts import round_count, threshold
from tipline.figures.sources import row_sources, source_line
from tipline.ledger import html_table
from tipline.model import RANGES, VERDICT_THRESHOLDS, evaluate, params_for_year, verdict
from tipline.model.params import check_year
from tipline.style import (
    DEFENDANTS,
    DEFENDANTS_TEXT,
    GREY,
    INK,
    INVESTIGATORS,
    INVESTIGATORS_TEXT,
    NEUTRAL,
    tint,
)
from tipline.table import Table

__all__ = [
    "PUBLISHED_PATTERNS",
    "allowed_values",
    "capacity_figures",
    "capacity_response_chart",
    "capacity_to_reach_all",
    "check_text",
    "data_dictionary",
    "files_table",
    "gaps_table",
    "icac_tips_and_outcomes",
    "provenance_counts",
    "table_card",
    "urgency_table",
    "victims_identified",
]

_MODEL_FILES = ("reports_by_year.csv", "le_recipients.csv", "capacity_outcomes.csv")


# --- chapter 3: capacity --------------------------------------------------------------------


def capacity_to_reach_all(year: int | None = None, **fixed) -> float:
    """The smallest capacity at which the model leaves no actionable report unreached.

    Other parameters take ``year``'s defaults, or the values in ``fixed``. From the model's
    equations (:mod:`tipline.model.core`): with ``W`` reports worked, the actionable reports
    investigated are ``W_A = (1 - t) q W + t min(W, A)``. With perfect triage (``t = 1``)
    ``W_A = A`` as soon as ``W = A``. With any less (``t < 1``) and some informational
    reports (``q < 1``), ``W_A < A`` for every ``W < D``, and ``W_A = A`` exactly at
    ``W = D``: investigators reach every actionable report only by working every domestic
    report. Under the like-for-like capacity reading (the default) capacity ``C`` works
    ``W = C / g`` reports, so the capacity needed is ``g`` times that. The result may lie
    outside the capacity slider's range (:data:`RANGES`); compare it with
    ``RANGES["capacity"]`` before setting a slider to it.
    """
    if "capacity" in fixed:
        raise ValueError("capacity_to_reach_all solves for capacity; do not fix it")
    r = evaluate(year=year, **fixed)
    if r.shape != ():
        raise ValueError("capacity_to_reach_all takes single values, not arrays")
    triage = float(r.params["triage"])
    reports = float(r.actionable) if triage >= 1.0 else float(r.domestic)
    if r.choices["capacity_basis"] == "icac_stream":
        return reports * float(r.params["icac_share"])
    return reports


def _outcome(r) -> dict:
    return {
        "capacity": float(r.params["capacity"]),
        "tilt": float(r.tilt),
        "verdict": verdict(float(r.tilt)),
        "sound_case": float(r.sound_case),
        "benefit_defendants": float(r.benefit_defendants),
        "unrealised": float(r.unrealised),
        "unrealised_share": float(r.unrealised_share),
    }


def capacity_figures(year: int | None = None, factor: float = 2.0) -> dict:
    """What capacity buys at ``year``'s defaults: the figures chapter 3 quotes.

    Returns a dict with ``year``; ``capacity`` (the measured default), ``domestic``,
    ``actionable``, ``worked_share`` (share of domestic reports worked); ``default``,
    ``scaled_up`` and ``scaled_down`` (the model's outcomes at the default, at ``factor``
    times and at 1/``factor`` of it, clipped to the valid range; each a dict of capacity,
    tilt, verdict, sound_case, benefit_defendants, unrealised, unrealised_share); the
    capacities at which the tilt crosses zero (``flip``), enters "leans toward
    investigators" (``lean``) and "clearly favours investigators" (``clear``), each ``None``
    if not reached in the valid range; ``reach_all`` (:func:`capacity_to_reach_all`) and
    ``reach_all_in_range``.
    """
    year = check_year(year)
    if (
        isinstance(factor, bool)
        or not isinstance(factor, numbers.Real)
        or not math.isfinite(factor)
        or factor <= 1
    ):
        raise ValueError(f"factor must be a number greater than 1 (got {factor!r})")
    low, high = RANGES["capacity"]
    capacity = params_for_year(year)["capacity"].default
    base = evaluate(year=year)
    up = evaluate(year=year, capacity=min(capacity * factor, high))
    down = evaluate(year=year, capacity=max(capacity / factor, low))
    reach = capacity_to_reach_all(year)
    return {
        "year": year,
        "factor": float(factor),
        "capacity": capacity,
        "domestic": float(base.domestic),
        "actionable": float(base.actionable),
        "worked_share": float(base.worked / base.domestic),
        "default": _outcome(base),
        "scaled_up": _outcome(up),
        "scaled_down": _outcome(down),
        "flip": threshold("capacity", 0.0, year),
        "lean": threshold("capacity", VERDICT_THRESHOLDS["lean"], year),
        "clear": threshold("capacity", VERDICT_THRESHOLDS["clear"], year),
        "reach_all": reach,
        "reach_all_in_range": bool(low <= reach <= high),
    }


def _reports_row(year: int) -> pd.DataFrame:
    table = load("reports_by_year")
    return table[table["preferred"] & (table["year"] == year)]


def _model_sources(year: int) -> list[tuple[str, str]]:
    """The sources behind a year's measured defaults, column by column.

    Volume and foreign share come from two columns of the year's reports row, so they are
    credited to the sources of those columns only; the other measured inputs to the sources
    the calibration names.
    """
    rows = _reports_row(year)
    pairs = []
    for column in ("total_reports", "international_user_location_reports"):
        pairs += row_sources(rows, column)
    for name, entry in year_inputs(year).items():
        if name in ("volume", "foreign_share"):
            continue
        confidence = "secondary" if "secondary" in entry["confidence"] else "primary"
        pairs += [(key, confidence) for key in entry["sources"]]
    return pairs


def capacity_response_chart(year: int | None = None, n: int = 97) -> Chart:
    """The tilt across the whole capacity range, other inputs at ``year``'s defaults.

    A line (log-scaled capacity axis) with the verdict bands marked, and points at the
    measured capacity proxy, at twice and half of it and where the tilt crosses zero.
    """
    year = check_year(year)
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 5:
        raise ValueError(f"n must be a whole number of at least 5 (got {n!r})")
    fig_data = capacity_figures(year)
    low, high = RANGES["capacity"]
    grid = np.unique(
        np.concatenate(
            [
                np.geomspace(low, high, int(n)),
                [fig_data["capacity"], min(fig_data["domestic"], high)],
            ]
        )
    )
    r = evaluate(year=year, capacity=grid)
    tilt = np.asarray(r.tilt, dtype=float)
    height = 460
    fig = charts.figure(
        x_title="Investigative capacity: investigations a year (log scale)",
        y_title="Tilt (\u2212 defendants, + investigators)",
        height=height,
    )
    lean, clear = VERDICT_THRESHOLDS["lean"], VERDICT_THRESHOLDS["clear"]
    # The verdict bands, tinted by the side they favour; the balanced band stays white.
    for y0, y1, colour, alpha in (
        (clear, 1.02, INVESTIGATORS, 0.16),
        (lean, clear, INVESTIGATORS, 0.07),
        (-clear, -lean, DEFENDANTS, 0.07),
        (-1.02, -clear, DEFENDANTS, 0.16),
    ):
        fig.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=y0,
            y1=y1,
            fillcolor=tint(colour, alpha),
            line={"width": 0},
            layer="below",
        )
    charts.reference_line(fig, y=0, dash="solid", colour=NEUTRAL, width=1)
    # Band names where the line is not: favouring investigators at the left (low capacity,
    # low tilt), favouring defendants at the right.
    bands = (
        (0.5 * (1 + clear), "clearly favours investigators", 0.01, "left"),
        (0.5 * (lean + clear), "leans toward investigators", 0.01, "left"),
        (0.0, "roughly balanced", 0.01, "left"),
        (-0.5 * (lean + clear), "leans toward defendants", 0.99, "right"),
        (-0.5 * (1 + clear), "clearly favours defendants", 0.99, "right"),
    )
    for y, text, x, anchor in bands:
        colour = INVESTIGATORS_TEXT if y > 0 else DEFENDANTS_TEXT if y < 0 else NEUTRAL
        fig.add_annotation(
            x=x,
            y=y,
            xref="paper",
            yref="y",
            text=text,
            showarrow=False,
            xanchor=anchor,
            yanchor="middle" if y else "bottom",
            yshift=0 if y else 2,
            font={"size": 12, "color": colour},
        )
    custom = np.stack([r.sound_case, r.benefit_defendants, r.unrealised], axis=-1)
    fig.add_trace(
        go.Scatter(
            x=grid,
            y=tilt,
            mode="lines",
            name=f"Tilt at the {year} defaults",
            line={"color": INK, "width": 3},
            customdata=custom,
            hovertemplate=(
                "capacity %{x:,.0f}: tilt %{y:+.2f}<br>sound cases %{customdata[0]:,.0f}; "
                "outcomes helping defendants %{customdata[1]:,.0f}; actionable reports never "
                "reached %{customdata[2]:,.0f}<extra></extra>"
            ),
        )
    )
    points = (
        (fig_data["default"], f"{year} proxy", "circle"),
        (fig_data["scaled_up"], f"{fig_data['factor']:g}\u00d7 proxy", "diamond"),
        (fig_data["scaled_down"], f"\u00f7{fig_data['factor']:g}", "square"),
    )
    labels = [f"{label}: {o['tilt']:+.2f}" for o, label, _ in points]
    fig.add_trace(
        go.Scatter(
            x=[o["capacity"] for o, _, _ in points],
            y=[o["tilt"] for o, _, _ in points],
            mode="markers+text",
            name="Capacity at the proxy, twice and half of it",
            marker={"symbol": [p[2] for p in points], "size": 11, "color": INK},
            # The line rises to the right, so below-right of a point and above-left of it are
            # empty: the proxy and half of it below-right, twice it above-left, so that the
            # three labels neither meet each other nor the band names at the left edge.
            text=labels,
            textposition=["bottom right", "top left", "bottom right"],
            cliponaxis=False,
            customdata=[label for _, label, _ in points],
            hovertemplate="%{customdata}: capacity %{x:,.0f}, tilt %{y:+.2f}<extra></extra>",
        )
    )
    if fig_data["reach_all_in_range"]:
        charts.reference_line(fig, x=math.log10(fig_data["reach_all"]), colour=INVESTIGATORS)
        charts.top_note(
            fig,
            "every domestic report worked",
            math.log10(fig_data["reach_all"]),
            xanchor="right",
            width=30,
            phone_width=16,
        )
    charts.log_axis(fig, low, high)
    fig.update_xaxes(showgrid=True)
    fig.update_yaxes(
        range=[-1.02, 1.02],
        tickvals=[-1, -0.5, 0, 0.5, 1],
        ticktext=["\u22121", "\u22120.5", "0", "+0.5", "+1"],
        showgrid=False,
    )
    charts.on_phone(
        fig,
        data={1: {"text": [f"{o['tilt']:+.2f}" for o, _, _ in points]}},
        height=500,
    )
    flip, clear_at = fig_data["flip"], fig_data["clear"]
    base, up, down = fig_data["default"], fig_data["scaled_up"], fig_data["scaled_down"]
    title = (
        f"At the {year} defaults the balance tips toward defendants below about "
        f"{round_count(flip)} reports worked a year"
        + (
            f" and clearly favours investigators above about {round_count(clear_at)}"
            if clear_at is not None
            else ""
        )
        + f"; the measured proxy is {base['capacity']:,.0f}"
    )
    ends = evaluate(year=year, capacity=np.array([low, high]))
    alt = (
        f"Line chart of the model's tilt against investigative capacity on a log scale from "
        f"{low:,.0f} to {high:,.0f} investigations a year, other inputs at the {year} "
        f"defaults. The tilt rises steadily with capacity, from {float(ends.tilt[0]):+.2f} at "
        f"the low end to {float(ends.tilt[1]):+.2f} at the high end. It crosses zero at about "
        f"{flip:,.0f}"
        + (
            f" and reaches the 'clearly favours investigators' band at about {clear_at:,.0f}"
            if clear_at is not None
            else ""
        )
        + f". At the measured proxy of {base['capacity']:,.0f} the tilt is {base['tilt']:+.2f} "
        f"({base['verdict']}); at {up['capacity']:,.0f} it is {up['tilt']:+.2f} "
        f"({up['verdict']}); at {down['capacity']:,.0f} it is {down['tilt']:+.2f} "
        f"({down['verdict']}). "
        + (
            f"Every domestic report is worked from {fig_data['reach_all']:,.0f} on, where the "
            "line levels off."
            if fig_data["reach_all_in_range"]
            else f"Even the highest capacity shown leaves some of the {fig_data['domestic']:,.0f} "
            "domestic reports unworked."
        )
    )
    return Chart(
        figure=fig,
        title=title,
        source=source_line(
            _model_sources(year),
            "The model's triage, share of court cases weakened and chances that an unworked "
            "report tips off its suspect or loses its evidence are assumptions, not "
            "measurements; capacity is read like for like.",
        ),
        subtitle=(
            f"The model's tilt as investigative capacity varies, every other input at its {year} "
            "default; shaded bands name the verdict"
        ),
        alt=alt,
        data_files=_MODEL_FILES,
        height=height,
    )


# --- chapter 3: urgent reports --------------------------------------------------------------


def _approx(qualifier: str, value: float) -> str:
    words = {"about": "about ", "more than": "more than ", "nearly": "nearly ", "up to": "up to "}
    return f"{words.get(qualifier, '')}{value:,.0f}"


def _pct_small(share: float) -> str:
    """A share as a percentage with enough digits to be non-zero (0.02%, 0.2%, 2%)."""
    if share <= 0:
        return "0%"
    digits = max(0, min(3, -math.floor(math.log10(share * 100))))
    return f"{share:.{digits}%}"


def urgency_table() -> Table:
    """Every published count of urgent reports and of U.S. referrals by NCMEC priority level.

    Rows come from ``reports_by_year`` (the ``urgent_escalations`` column, preferred or not)
    and ``capacity_outcomes`` (the 2024 priority levels and platform escalations in NCMEC's
    Global Platform file). Each row gives the count, what it is compared with, the sources
    and whether they are primary or secondary.
    """
    known = bibliography.sources()
    records = []
    reports = load("reports_by_year")
    totals = reports[reports["preferred"]].set_index("year")["total_reports"]
    escalations = reports[reports["urgent_escalations"].notna()].sort_values("year")
    for _, row in escalations.iterrows():
        year = int(row["year"])
        value = float(row["urgent_escalations"])
        pairs = row_sources(pd.DataFrame([row]), "urgent_escalations")
        what = "Reports NCMEC escalated as urgent"
        if not row["preferred"]:
            what += " (ambiguous wording, rounded; not the value the book uses)"
        records.append(
            {
                "year": str(year),
                "what": what,
                "count": f"{value:,.0f}" if row["preferred"] else f"about {value:,.0f}",
                "compared": f"{_pct_small(value / float(totals[year]))} of all reports received",
                "sources": "; ".join(bibliography.link_html(k) for k, _ in pairs if k in known),
                "keys": "; ".join(k for k, _ in pairs),
                "confidence": "; ".join(sorted({c for _, c in pairs})),
                "value": value,
            }
        )
    outcomes = load("capacity_outcomes")
    gpcep = outcomes[outcomes["metric"].str.startswith("us_referrals_gpcep_priority_")]
    gpcep = pd.concat([gpcep, outcomes[outcomes["metric"] == "us_esp_escalations_gpcep"]])
    total = outcomes[outcomes["metric"] == "us_referrals_gpcep_total"]
    if len(total) != 1:
        raise ValueError("capacity_outcomes needs exactly one us_referrals_gpcep_total row")
    total_value = float(total["value"].iloc[0])
    for _, row in gpcep.iterrows():
        keys = bibliography.split_keys(row["source"])
        value = float(row["value"])
        records.append(
            {
                "year": str(int(row["year"])),
                "what": row["label"],
                "count": _approx(row["qualifier"], value),
                "compared": f"{_pct_small(value / total_value)} of the file's "
                f"{_approx(total['qualifier'].iloc[0], total_value)} U.S. referrals",
                "sources": "; ".join(bibliography.link_html(k) for k in keys),
                "keys": "; ".join(keys),
                "confidence": row["confidence"],
                "value": value,
            }
        )
    frame = pd.DataFrame(records)
    columns = (
        ("year", "Year"),
        ("what", "What is counted"),
        ("count", "Count"),
        ("compared", "Compared with"),
        ("sources", "Source"),
        ("confidence", "Primary or secondary"),
    )
    caption = (
        "Urgent reports and NCMEC priority levels: every count found, with what it is "
        "compared with and its source"
    )
    text = [caption] + [
        f"{r['year']} | {r['what']} | {r['count']} | {r['compared']} | {r['keys']} | "
        f"{r['confidence']}"
        for r in records
    ]
    return Table(
        html=html_table(frame, columns, caption, raw_html_columns=("sources",)),
        text="\n".join(text),
        frame=frame.drop(columns=["sources"]),
    )


# --- chapter 3: what investigators report ---------------------------------------------------


def icac_tips_and_outcomes(year: int | None = None) -> Chart:
    """CyberTips made available to ICAC units (calendar years) against ICAC task forces'
    investigations and arrests (fiscal years, from all their work, not only CyberTips).

    ``year`` is the year the title's ratios use (default: the latest year with all three).
    """
    recipients = load("le_recipients")
    tips = recipients[recipients["recipient"] == "ICAC units"].set_index("year")
    outcomes = load("capacity_outcomes")
    inv = metric(outcomes, "icac_investigations", "FY").set_index("year")
    arr = metric(outcomes, "icac_arrests", "FY").set_index("year")
    years = sorted(int(y) for y in tips.index)
    complete = [y for y in years if y in inv.index and y in arr.index]
    if not complete:
        raise ValueError("no year has CyberTips to ICAC units, ICAC investigations and arrests")
    if year is None:
        year = complete[-1]
    year = check_year_in(year, set(complete), "icac_tips_and_outcomes")
    height = 420
    fig = charts.figure(y_title="Count a year (log scale)", height=height)
    series = (
        ("CyberTips made available to ICAC units (calendar year)", tips, "total", GREY),
        ("ICAC investigations (fiscal year)", inv, "value", INK),
        ("ICAC arrests (fiscal year)", arr, "value", INVESTIGATORS),
    )
    low, high = 8e3, 1.4e6
    ends = []
    for name, frame, column, colour in series:
        values = [float(frame.loc[y, column]) if y in frame.index else None for y in years]
        weak = [y in frame.index and frame.loc[y, "confidence"] == "secondary" for y in years]
        fig.add_trace(
            go.Scatter(
                x=years,
                y=values,
                mode="lines+markers",
                name=name,
                line={"color": colour, "width": 2.5},
                marker=charts.secondary_marker(colour, weak, kind="dot", size=10),
                connectgaps=False,
                hovertemplate=f"{name}, %{{x}}: %{{y:,.0f}}<extra></extra>",
            )
        )
        last = max(y for y, v in zip(years, values, strict=True) if v is not None)
        short = name.split(" (")[0].replace("CyberTips made available to", "CyberTips to")
        # annotations on a log axis take the logarithm of the value
        ends.append((charts.wrap(short, 16), last, math.log10(values[years.index(last)]), colour))
    charts.log_axis(fig, low, high, which="y")
    fig.update_yaxes(showgrid=True)
    px_per_decade = (height - 70) / (math.log10(high) - math.log10(low))
    charts.direct_labels(
        fig,
        ends,
        yshifts=charts.label_shifts([e[2] for e in ends], px_per_decade, 32),
    )
    ratio = 100 * float(arr.loc[year, "value"]) / float(tips.loc[year, "total"])
    charts.note(
        fig,
        f"{ratio:.1f} arrests per 100 CyberTips",
        year,
        math.log10(float(arr.loc[year, "value"])),
        ax=-50,
        ay=-40,
        width=18,
    )
    charts.mark_secondary(fig, "dot")
    fig.update_layout(xaxis_range=[years[0] - 0.3, years[-1] + 0.3])
    charts.year_axis(fig, years)
    missing = [y for y in years if y not in complete]
    t, i, a = (
        float(tips.loc[year, "total"]),
        float(inv.loc[year, "value"]),
        float(arr.loc[year, "value"]),
    )
    per_year = "; ".join(
        f"{y}: {float(tips.loc[y, 'total']):,.0f} CyberTips"
        + (f", {float(inv.loc[y, 'value']):,.0f} investigations" if y in inv.index else "")
        + (f", {float(arr.loc[y, 'value']):,.0f} arrests" if y in arr.index else "")
        for y in years
    )
    alt = (
        "Line chart on a logarithmic scale comparing, by year, the CyberTips NCMEC made "
        "available to ICAC task forces with the investigations and arrests the task forces "
        f"reported from all their work. {per_year}."
        + (
            " No ICAC investigation or arrest figures were found for "
            + ", ".join(map(str, missing))
            + "."
            if missing
            else ""
        )
        + f" In {year} that is about {100 * i / t:.0f} investigations and {100 * a / t:.1f} "
        "arrests per 100 CyberTips; no source links the arrests to particular tips. Open dots "
        "rest on secondary sources."
    )
    keys = []
    for frame, column in ((tips, "total"), (inv, "value"), (arr, "value")):
        shown = frame[frame.index.isin(years)].reset_index()
        keys += column_sources(shown, column)
    return Chart(
        figure=fig,
        title=(
            f"For every 100 CyberTips sent to ICAC units in {year}, the task forces reported about "
            f"{100 * i / t:.0f} investigations and {100 * a / t:.1f} arrests from all their work"
        ),
        subtitle=(
            "CyberTips NCMEC made available to ICAC task forces (calendar years) and the task "
            "forces' investigations and arrests from all their work (fiscal years), "
            f"{years[0]}-{years[-1]}; each gridline is ten times the one below"
        ),
        source=source_line(
            keys, "Fiscal years (ICAC) and calendar years (NCMEC) differ; ratios are rough."
        ),
        alt=alt,
        data_files=("le_recipients.csv", "capacity_outcomes.csv"),
        height=height,
    )


def victims_identified() -> Chart:
    """Children newly identified in NCMEC's victim-identification records, per year."""
    outcomes = load("capacity_outcomes")
    rows = metric(outcomes, "cvip_victims_identified_new", "CY")
    if rows.empty:
        raise ValueError("capacity_outcomes has no cvip_victims_identified_new rows")
    years = rows["year"].astype(int).tolist()
    values = rows["value"].astype(float).tolist()
    fig = charts.figure(y_title="Children newly identified", height=360)
    fig.add_trace(
        go.Bar(
            x=years,
            y=values,
            marker=charts.secondary_marker(
                INVESTIGATORS, [c == "secondary" for c in rows["confidence"]]
            ),
            text=[f"{v:,.0f}" for v in values],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            name="Children newly identified",
            hovertemplate="%{x}: %{y:,.0f} children<extra></extra>",
        )
    )
    if (rows["confidence"] == "secondary").any():
        charts.mark_secondary(fig)
    fig.update_layout(yaxis_range=[0, max(values) * 1.15])
    charts.year_axis(fig, years)
    per_year = "; ".join(f"{y}: {v:,.0f}" for y, v in zip(years, values, strict=True))
    alt = (
        "Bar chart of the number of identified child victims added to NCMEC's Child Victim "
        f"Identification Program records for the first time, by year. {per_year}. Law "
        "enforcement identifies these children and reports them to NCMEC; not all of the "
        "identifications began with a CyberTip."
    )
    return Chart(
        figure=fig,
        title=(
            f"NCMEC's victim-identification records added between {min(values):,.0f} and "
            f"{max(values):,.0f} newly identified children a year, {years[0]}-{years[-1]}"
        ),
        subtitle=(
            "Children identified by law enforcement and added to NCMEC's Child Victim "
            f"Identification Program for the first time, by calendar year, {years[0]}-{years[-1]}"
        ),
        source=source_line(
            column_sources(rows, "value"), "Not all identifications began with a CyberTip."
        ),
        alt=alt,
        data_files=("capacity_outcomes.csv",),
        height=360,
    )
