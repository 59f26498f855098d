"""Chapter 1 (Scale and purpose): what the CyberTipline receives and where reports go.

Charts are :class:`tipline.charts.Chart` objects built on the chart layer; tables are
:class:`tipline.table.Table` objects. Every number in a title, subtitle or description is
computed here from ``data/``.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from tipline import charts
from tipline.charts import Chart, source_html
from tipline.data import load
from tipline.figures.common import check_year, column_sources, pct, preferred
from tipline.figures.sources import column_confidence, source_line
from tipline.ledger import html_table
from tipline.style import GREY, INK, INVESTIGATORS
from tipline.table import Table

__all__ = [
    "PRIORITY_METRICS",
    "escalation_scale",
    "priority_levels",
    "priority_levels_table",
    "recipients_table",
    "report_sources_table",
    "reports_per_year",
]


def reports_per_year() -> Chart:
    """CyberTipline reports per year since 2010, with the bundling break marked.

    Bars are reports; a diamond is the incident count of a bundling year (bundled reports
    counted one by one), a different unit. Figures from secondary sources are outlined.
    """
    rows = preferred("reports_by_year")
    rows = rows[rows["total_reports"].notna() & (rows["year"] >= 2010)]
    years = rows["year"].astype(int).tolist()
    totals = rows["total_reports"].astype(float).tolist()
    secondary = [column_confidence(r, "total_reports") == "secondary" for _, r in rows.iterrows()]
    peak = max(totals)
    peak_year = years[totals.index(peak)]
    bundled = rows[rows["incidents_after_unbundling"].notna()]
    break_year = int(bundled["year"].min()) if not bundled.empty else None
    labelled = {years[0], peak_year, break_year}
    fig = charts.figure(y_title="Reports (millions)", height=400)
    fig.add_trace(
        go.Bar(
            x=years,
            y=[t / 1e6 for t in totals],
            marker=charts.secondary_marker(GREY, secondary),
            name="Reports",
            text=[
                f"{t / 1e6:.1f}M" if y in labelled else ""
                for y, t in zip(years, totals, strict=True)
            ],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:.2f} million reports<extra></extra>",
        )
    )
    incidents_secondary = []
    for _, row in bundled.iterrows():
        weak = column_confidence(row, "incidents_after_unbundling") == "secondary"
        incidents_secondary.append(weak)
        value = float(row["incidents_after_unbundling"])
        fig.add_trace(
            go.Scatter(
                x=[int(row["year"])],
                y=[value / 1e6],
                mode="markers+text",
                marker=charts.secondary_marker(INK, [weak], kind="dot", symbol="diamond", size=13),
                text=[f"{value / 1e6:.1f}M"],
                textposition="top center",
                cliponaxis=False,
                name="Incidents: bundled reports counted one by one",
                hovertemplate="%{x}: %{y:.1f} million incidents<extra></extra>",
            )
        )
    if break_year:
        charts.reference_line(fig, x=break_year - 0.5)
        charts.top_note(
            fig, f"{break_year}: bundling begins", break_year - 0.5, xanchor="right", width=30
        )
    if any(secondary) or any(incidents_secondary):
        charts.mark_secondary(fig)
    fig.update_layout(
        yaxis_range=[0, peak / 1e6 * 1.15], xaxis_range=[years[0] - 0.6, years[-1] + 0.6]
    )
    charts.year_axis(fig, years)
    # On a phone the first bar's label would touch the axis's "0": the subtitle and the
    # description give it.
    charts.on_phone(
        fig,
        data={
            0: {
                "text": [
                    "" if y == years[0] else t for y, t in zip(years, fig.data[0].text, strict=True)
                ]
            }
        },
    )

    change = ""
    title_tail = ""
    if break_year:
        before = float(rows.loc[rows["year"] == break_year - 1, "total_reports"].iloc[0])
        after = float(rows.loc[rows["year"] == break_year, "total_reports"].iloc[0])
        incidents = float(bundled["incidents_after_unbundling"].iloc[0])
        change = (
            f" In {break_year} the count fell to {after / 1e6:.1f} million reports "
            f"({1 - after / before:.0%} fewer than {break_year - 1}), the year platforms began "
            f"bundling near-identical reports; counted as incidents, {break_year} had "
            f"{incidents / 1e6:.1f} million ({1 - incidents / before:.0%} fewer)."
        )
        fewer = "as well as fewer incidents" if incidents < before else "not fewer incidents"
        title_tail = f"; the {break_year} fall reflects bundling {fewer}"
    marked = [str(y) for y, s in zip(years, secondary, strict=True) if s]
    weak = (
        f" Bars for {', '.join(marked)} are outlined: they rest on secondary sources."
        if marked
        else ""
    )
    alt = (
        f"Bar chart of CyberTipline reports per year from {years[0]} to {years[-1]}. Reports "
        f"grew from {totals[0]:,.0f} in {years[0]} to a peak of {peak:,.0f} in {peak_year}."
        f"{change} The latest year shown, {years[-1]}, had {totals[-1]:,.0f} reports.{weak}"
    )
    subtitle = f"CyberTipline reports received each year, {years[0]}-{years[-1]}, in millions"
    if break_year:
        subtitle += (
            f"; from {break_year} platforms may bundle near-identical reports into one, "
            "so the diamond counts those bundles' incidents one by one"
        )
    return Chart(
        figure=fig,
        title=(
            f"Reports grew {peak / totals[0]:,.0f}-fold from {years[0]} to {peak_year}{title_tail}"
        ),
        subtitle=subtitle,
        source=source_line(
            column_sources(rows, "total_reports")
            + column_sources(bundled, "incidents_after_unbundling")
        ),
        alt=alt,
        data_files=("reports_by_year.csv",),
        height=400,
    )


def report_sources_table() -> Table:
    """Reports from platforms and from the public, per year (a table: shares near 99%)."""
    rows = preferred("reports_by_year")
    rows = rows[rows["reports_from_esps"].notna() & rows["reports_from_public"].notna()]
    if rows.empty:
        raise ValueError("reports_by_year has no year with both platform and public counts")
    frame = pd.DataFrame(
        {
            "year": rows["year"].astype(int).astype(str),
            "esps": rows["reports_from_esps"].map(lambda v: f"{int(v):,}"),
            "public": rows["reports_from_public"].map(lambda v: f"{int(v):,}"),
            "share": (rows["reports_from_public"] / rows["total_reports"]).map(
                lambda v: pct(float(v), 1)
            ),
            "confidence": [column_confidence(r, "reports_from_public") for _, r in rows.iterrows()],
        }
    )
    columns = (
        ("year", "Year"),
        ("esps", "Reports from platforms (ESPs)"),
        ("public", "Reports from the public"),
        ("share", "Public share of all reports"),
        ("confidence", "Primary or secondary"),
    )
    caption = (
        "Who files CyberTipline reports: platforms and members of the public, "
        f"{frame['year'].iloc[0]}-{frame['year'].iloc[-1]}. Public reports derived as total "
        "minus platform reports where NCMEC gives only those two."
    )
    keys = column_sources(rows, "reports_from_public")
    return Table(
        html=html_table(frame, columns, caption, row_header="year")
        + source_html(source_line(keys), ("reports_by_year.csv",)),
        text=caption + "\n" + frame.to_string(index=False),
    )


def recipients_table(year: int = 2023) -> Table:
    """Reports NCMEC made available to each class of law-enforcement recipient in ``year``."""
    data = load("le_recipients")
    year = check_year(year, set(data["year"].astype(int)), "recipients_table")
    rows = data[data["year"] == year].sort_values("total", ascending=False)
    frame = pd.DataFrame(
        {
            "recipient": rows["recipient"],
            "actionable": rows["actionable"].map(lambda v: f"{int(v):,}"),
            "informational": rows["informational"].map(lambda v: f"{int(v):,}"),
            "total": rows["total"].map(lambda v: f"{int(v):,}"),
            "share": rows["informational_share"].map(lambda v: pct(float(v))),
        }
    )
    confidence = "; ".join(sorted(set(rows["confidence"])))
    caption = (
        f"Where reports went in {year}: reports NCMEC made available to each class of "
        "law-enforcement recipient. One report can go to several agencies, so the rows overlap "
        f"and do not add up to the year's reports ({confidence} source)."
    )
    columns = (
        ("recipient", "Recipient"),
        ("actionable", "Actionable"),
        ("informational", "Informational"),
        ("total", "Total"),
        ("share", "Informational share"),
    )
    keys = column_sources(rows, "total")
    return Table(
        html=html_table(frame, columns, caption, row_header="recipient")
        + source_html(source_line(keys), ("le_recipients.csv",)),
        text=caption + "\n" + frame.to_string(index=False),
    )


#: Recipient classes in ``le_recipients``: (label, label on a phone).
_RECIPIENT_LABELS = {
    "International law enforcement": ("Made available to police abroad", "Police abroad"),
    "Federal law enforcement": ("Made available to U.S. federal agencies", "U.S. federal"),
    "ICAC units": ("Made available to ICAC task forces", "ICAC task forces"),
    "Local law enforcement": ("Made available to local police outside ICAC", "Local police"),
}


def _count_label(value: float) -> str:
    """A dot's value: exact below 100,000, rounded (909k, 36.2M) above."""
    return f"{value:,.0f}" if value < 1e5 else charts.short_count(value, 0 if value < 1e6 else 1)


def escalation_scale(year: int = 2023) -> Chart:
    """What NCMEC did with one year's reports, on a logarithmic scale: reports received, the
    reports made available to each class of law-enforcement recipient, the ICAC reports
    labelled actionable, and (where a figure exists) the reports escalated as urgent.

    A dot chart on a log scale (dots, not bars: bar lengths on a log axis mislead), because
    the counts run from tens of millions down to thousands; the recipient rows overlap (one
    report can go to several agencies). Figures from secondary sources are open dots.
    """
    recipients = load("le_recipients")
    totals = preferred("reports_by_year")
    totals = totals[totals["total_reports"].notna()]
    available = set(recipients["year"].astype(int)) & set(totals["year"].astype(int))
    year = check_year(year, available, "escalation_scale")
    total_row = totals[totals["year"] == year]
    total = float(total_row["total_reports"].iloc[0])
    rows = recipients[recipients["year"] == year]
    by_recipient = rows.set_index("recipient")
    unknown = sorted(set(by_recipient.index) - set(_RECIPIENT_LABELS))
    if unknown:
        raise ValueError(f"escalation_scale: unknown recipient class(es) {unknown}")
    urgent = total_row["urgent_escalations"].iloc[0]
    has_urgent = pd.notna(urgent)

    # (label, phone label, value, colour, secondary): reports in grey, what reaches U.S.
    # investigators in blue.
    dots: list[tuple[str, str, float, str, bool]] = [
        (
            "Reports received",
            "All reports",
            total,
            INK,
            column_confidence(total_row.iloc[0], "total_reports") == "secondary",
        ),
    ]
    for recipient, (label, short) in _RECIPIENT_LABELS.items():
        if recipient not in by_recipient.index:
            continue
        row = by_recipient.loc[recipient]
        colour = GREY if recipient.startswith("International") else INVESTIGATORS
        dots.append((label, short, float(row["total"]), colour, row["confidence"] == "secondary"))
        if recipient == "ICAC units":
            dots.append(
                (
                    "ICAC reports labelled actionable",
                    "ICAC, actionable",
                    float(row["actionable"]),
                    INVESTIGATORS,
                    row["confidence"] == "secondary",
                )
            )
    if has_urgent:
        dots.append(
            (
                "Escalated as urgent",
                "Urgent",
                float(urgent),
                INVESTIGATORS,
                column_confidence(total_row.iloc[0], "urgent_escalations") == "secondary",
            )
        )
    all_secondary = all(d[4] for d in dots)
    # In words on a desktop where only some rows rest on a secondary source; on a phone the
    # open dot and the key say it.
    labels = [d[0] + (" (secondary)" if d[4] and not all_secondary else "") for d in dots]
    short = [d[1] for d in dots]
    values = [d[2] for d in dots]
    texts = [_count_label(v) for v in values]
    phone_texts = list(texts)
    if has_urgent:
        texts[-1] += f": {1000 * float(urgent) / total:.1f} per 1,000 reports"
    fig = charts.figure(x_title="Reports (log scale)", height=400)
    fig.add_trace(
        go.Scatter(
            x=values,
            y=labels,
            mode="markers+text",
            marker=charts.secondary_marker([d[3] for d in dots], [d[4] for d in dots], kind="dot"),
            text=texts,
            textposition="middle right",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,.0f} reports<extra></extra>",
            name="Reports",
            showlegend=False,
        )
    )
    low = 10 ** max(0, math.floor(math.log10(min(values))))
    high = 10 ** (math.log10(max(values)) + 0.45)
    charts.log_axis(fig, low, high)
    # room at the right for the largest dots' labels
    charts.reserve(fig, "r", max(charts.text_width(t, 14) for t in texts[:2]) + 12)
    fig.update_layout(yaxis={"autorange": "reversed", "showgrid": False, "ticklen": 0})
    fig.update_xaxes(showgrid=True)
    charts.on_phone(
        fig,
        layout={"yaxis.tickvals": labels, "yaxis.ticktext": short},
        data={0: {"text": phone_texts}},
        height=400,
    )
    if any(d[4] for d in dots):
        charts.mark_secondary(fig, "dot")

    icac = (
        float(by_recipient.loc["ICAC units", "total"])
        if "ICAC units" in by_recipient.index
        else None
    )
    described = "; ".join(f"{label}: {v:,.0f}" for label, v in zip(labels, values, strict=True))
    alt = (
        f"Dot chart on a logarithmic scale of what NCMEC did with its {year} reports. "
        f"{described}. Urgent means the report may involve a child in imminent danger. "
        "One report can be made available to several agencies, so the recipient "
        "rows overlap and do not add up to the reports received."
    )
    if has_urgent:
        per_1000 = 1000 * float(urgent) / total
        title = (
            f"NCMEC escalated {float(urgent):,.0f} of its {total / 1e6:.1f} million reports as "
            f"urgent in {year}: about {per_1000:.1f} in every 1,000"
        )
        alt += (
            f" The urgent escalations are {100 * float(urgent) / total:.2f}% of the reports "
            "received."
        )
    else:
        intl = float(by_recipient.loc["International law enforcement", "total"])
        title = (
            f"In {year} NCMEC made {intl / total:.0%} of its reports available to police abroad"
            + (f" and {icac:,.0f} to ICAC task forces" if icac is not None else "")
        )
    keys = column_sources(total_row, "total_reports") + column_sources(rows, "total")
    if has_urgent:
        keys += column_sources(total_row, "urgent_escalations")
    return Chart(
        figure=fig,
        title=title,
        subtitle=(
            f"Reports in {year}, by what NCMEC did with them; blue: reports made available to "
            "U.S. law enforcement. Each gridline is ten times the one to its left"
            + (". Every figure comes from a secondary source" if all_secondary else "")
        ),
        source=source_line(keys, "Recipient rows overlap: one report can go to several agencies."),
        alt=alt,
        data_files=("reports_by_year.csv", "le_recipients.csv"),
        height=400,
    )


#: NCMEC priority levels in its 2024 Global Platform data file, in order.
PRIORITY_METRICS = (
    ("us_referrals_gpcep_priority_1", "Level 1"),
    ("us_referrals_gpcep_priority_2", "Level 2"),
    ("us_referrals_gpcep_priority_3", "Level 3"),
    ("us_referrals_gpcep_priority_e", "Level E"),
)


def priority_levels() -> pd.DataFrame:
    """U.S.-assigned referrals by NCMEC priority level (2024 Global Platform file).

    One row per level: ``level``, ``reports`` (rounded by NCMEC), ``share`` of the file's
    U.S. total, ``confidence``, ``source``. Raises ``ValueError`` if a level is missing.
    """
    outcomes = load("capacity_outcomes").set_index("metric")
    missing = [m for m, _ in PRIORITY_METRICS if m not in outcomes.index]
    if missing or "us_referrals_gpcep_total" not in outcomes.index:
        raise ValueError(f"capacity_outcomes lacks the priority rows {missing or ['total']}")
    total = float(outcomes.loc["us_referrals_gpcep_total", "value"])
    records = []
    for metric, level in PRIORITY_METRICS:
        row = outcomes.loc[metric]
        records.append(
            {
                "metric": metric,
                "level": level,
                "year": int(row["year"]),
                "reports": float(row["value"]),
                "share": float(row["value"]) / total,
                "confidence": row["confidence"],
                "source": row["source"],
            }
        )
    return pd.DataFrame(records)


def priority_levels_table() -> Table:
    """U.S.-assigned referrals by NCMEC priority level, with shares (a table: the levels'
    definitions were not read, so a chart would suggest more than is known)."""
    levels = priority_levels()
    outcomes = load("capacity_outcomes")
    total_row = outcomes[outcomes["metric"] == "us_referrals_gpcep_total"]
    total = float(total_row["value"].iloc[0])
    year = int(levels["year"].iloc[0])
    frame = pd.DataFrame(
        {
            "level": list(levels["level"]) + ["All levels"],
            "reports": [f"about {v:,.0f}" for v in levels["reports"]] + [f"about {total:,.0f}"],
            "share": [pct(v, 1) if v >= 0.001 else pct(v, 2) for v in levels["share"]] + ["100%"],
            "confidence": list(levels["confidence"]) + [total_row["confidence"].iloc[0]],
        }
    )
    columns = (
        ("level", "NCMEC priority level"),
        ("reports", "U.S.-assigned referrals"),
        ("share", "Share of the total"),
        ("confidence", "Primary or secondary"),
    )
    caption = (
        f"U.S.-assigned referrals in {year} by NCMEC priority level, from NCMEC's Global "
        "Platform data file. Counts are rounded by NCMEC and the levels' definitions were not "
        "read; secondary descriptions call level 1 a child in imminent danger."
    )
    rows = outcomes[outcomes["metric"].isin([m for m, _ in PRIORITY_METRICS])]
    keys = column_sources(pd.concat([rows, total_row]), "value")
    return Table(
        html=html_table(frame, columns, caption, row_header="level")
        + source_html(source_line(keys), ("capacity_outcomes.csv",)),
        text=caption + "\n" + frame.to_string(index=False),
        frame=levels,
    )
