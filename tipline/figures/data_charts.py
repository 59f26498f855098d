"""Charts and tables drawn straight from the tables in ``data/``.

Chapters 1-3 (scale, volume, help) and the data page call these functions; they hold no
plotting code of their own. Every chart is a :class:`tipline.chart.Chart` whose title,
text alternative and source line are computed from the data; every table is a
:class:`Table` (accessible HTML with a caption and header scopes, plus a plain-text form).

Source lines name the sources behind the plotted column only. A data row can hold figures
from several sources with different reliability (``secondary_columns`` lists the weaker
ones); :func:`column_sources` then keeps, for each column, the sources that can stand behind
it (see its docstring).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography
from tipline.chart import DATA_URL_PREFIX, Chart, source_html
from tipline.data import LABELLING_COMPARABLE_FROM, describe, fields, load, tables
from tipline.figures.common import check_table, column_sources, corner_note, metric, word
from tipline.figures.common import check_year as _check_year
from tipline.figures.common import pct as _pct
from tipline.figures.common import preferred as _preferred
from tipline.figures.common import primary_keys as _primary_keys
from tipline.figures.common import year_label as _year_label
from tipline.figures.scale_charts import (
    PRIORITY_METRICS,
    escalation_scale,
    priority_levels,
    priority_levels_table,
    recipients_table,
    report_sources_table,
    reports_per_year,
)
from tipline.figures.sources import column_confidence, source_line
from tipline.ledger import html_table
from tipline.style import FOREIGN, HIGHLIGHT, INVESTIGATORS, NEUTRAL, OKABE_ITO, base_layout
from tipline.table import Table

__all__ = [
    "LABELLING_COMPARABLE_FROM",
    "PRIORITY_METRICS",
    "Table",
    "bundling_comparison",
    "bundling_table",
    "column_sources",
    "contradictions_table",
    "escalation_scale",
    "fields_table",
    "icac_informational_share",
    "icac_tips_and_outcomes",
    "location_shares",
    "platform_concentration",
    "priority_levels",
    "priority_levels_table",
    "recipients_table",
    "report_sources_table",
    "reports_per_year",
    "secondary_figures_table",
    "sources_table",
    "table_overview",
    "us_count_comparison",
    "victims_identified",
]

#: Pattern that marks bars resting on secondary sources (never colour alone).
SECONDARY_PATTERN = "/"
LIGHT = "#bdbdbd"

_CONFIDENCES = ("primary", "secondary")


def _note_secondary(fig: go.Figure) -> None:
    corner_note(fig, "Hatched bars: secondary sources")


# --- chapter 2: volume ---------------------------------------------------------------------

_LOCATIONS = (
    ("us_user_location_reports", "United States", HIGHLIGHT),
    ("unknown_location_reports", "Location unknown", NEUTRAL),
    ("international_user_location_reports", "Outside the United States", FOREIGN),
)


def location_shares() -> Chart:
    """Share of each year's reports by resolved user location (NCMEC's user-location table)."""
    rows = _preferred("reports_by_year")
    cols = [c for c, _, _ in _LOCATIONS]
    rows = rows[rows[cols].notna().all(axis=1)]
    if rows.empty:
        raise ValueError("reports_by_year has no year with a complete user-location split")
    years = rows["year"].astype(int).tolist()
    secondary = [
        any(column_confidence(r, c) == "secondary" for c in cols) for _, r in rows.iterrows()
    ]
    labels = [_year_label(y, s) for y, s in zip(years, secondary, strict=True)]
    total = rows[cols].astype(float).sum(axis=1)
    shares = {c: (rows[c].astype(float) / total).tolist() for c in cols}
    fig = go.Figure()
    for column, name, colour in _LOCATIONS:
        values = shares[column]
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[v * 100 for v in values],
                name=name,
                marker_color=colour,
                text=[_pct(v, 1) for v in values],
                textposition="inside",
                insidetextanchor="middle",
                customdata=rows[column].astype(float).tolist(),
                hovertemplate=(
                    f"{name}, %{{x}}: %{{y:.1f}}%% (%{{customdata:,.0f}} reports)<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        base_layout(barmode="stack", uniformtext={"minsize": 11, "mode": "hide"}),
        xaxis_title="Calendar year",
        yaxis_title="Share of the year's reports (%)",
        yaxis_range=[0, 100],
    )
    us = shares["us_user_location_reports"]
    intl = shares["international_user_location_reports"]
    unknown = shares["unknown_location_reports"]
    lo_us, hi_us = min(us), max(us)
    lo_in, hi_in = min(intl), max(intl)
    per_year = "; ".join(
        f"{y}: {_pct(a, 1)} U.S., {_pct(b, 1)} abroad, {_pct(c, 1)} unknown"
        for y, a, b, c in zip(years, us, intl, unknown, strict=True)
    )
    marked = [str(y) for y, s in zip(years, secondary, strict=True) if s]
    alt = (
        "Stacked bar chart: for each year, the share of CyberTipline reports whose user "
        "location NCMEC resolved to the United States, to another country, or to no location. "
        f"{per_year}."
        + (f" Figures for {', '.join(marked)} come from a secondary source." if marked else "")
    )
    keys = []
    for c in cols:
        keys += column_sources(rows, c)
    return Chart(
        figure=fig,
        title=(
            f"Between {_pct(lo_in)} and {_pct(hi_in)} of reports each year resolved to users "
            f"outside the U.S.; between {_pct(lo_us, 1)} and {_pct(hi_us, 1)} to users inside it"
        ),
        source=source_line(keys, "NCMEC's user-location table; shares computed."),
        alt=alt,
        data_files=("reports_by_year.csv",),
    )


def us_count_comparison() -> Chart:
    """NCMEC's two U.S. counts per year: the user-location table and the by-country table."""
    rows = _preferred("reports_by_year")
    rows = rows[rows["us_reports_country_table"].notna()]
    if rows.empty:
        raise ValueError("reports_by_year has no by-country U.S. count")
    years = rows["year"].astype(int).tolist()
    used = rows["us_user_location_reports"].astype(float)
    other = rows["us_reports_country_table"].astype(float)
    sec_used = [
        column_confidence(r, "us_user_location_reports") == "secondary" for _, r in rows.iterrows()
    ]
    sec_other = [
        column_confidence(r, "us_reports_country_table") == "secondary" for _, r in rows.iterrows()
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=years,
            y=(used / 1e6).tolist(),
            name="User-location table (used in this book)",
            marker={
                "color": HIGHLIGHT,
                "pattern": {"shape": [SECONDARY_PATTERN if s else "" for s in sec_used]},
            },
            hovertemplate="User-location table, %{x}: %{y:.2f} million<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            x=years,
            y=(other / 1e6).tolist(),
            name="By-country table",
            marker={
                "color": LIGHT,
                "line": {"color": NEUTRAL, "width": 1.5},
                "pattern": {"shape": [SECONDARY_PATTERN if s else "" for s in sec_other]},
            },
            hovertemplate="By-country table, %{x}: %{y:.2f} million<extra></extra>",
        )
    )
    if any(sec_used) or any(sec_other):
        _note_secondary(fig)
    fig.update_layout(
        base_layout(barmode="group"),
        xaxis_title="Calendar year",
        yaxis_title="U.S. reports (millions)",
    )
    fig.update_xaxes(dtick=1)
    both = rows[rows["us_user_location_reports"].notna()]
    gaps = (both["us_user_location_reports"] - both["us_reports_country_table"]).astype(float)
    widest = int(both["year"].iloc[int(gaps.abs().to_numpy().argmax())])
    widest_gap = float(gaps.abs().max())
    per_year = "; ".join(
        f"{y}: "
        + (f"{u:,.0f} (user location) and " if pd.notna(u) else "no user-location count, ")
        + f"{o:,.0f} (by country)"
        for y, u, o in zip(years, used, other, strict=True)
    )
    alt = (
        "Grouped bar chart comparing, for each year, the number of U.S. reports in NCMEC's "
        f"user-location table with the number in its by-country table. {per_year}. The "
        f"widest gap is {widest_gap:,.0f} reports in {widest}."
    )
    return Chart(
        figure=fig,
        title=(
            f"NCMEC's two tables give different U.S. counts every year, {widest_gap:,.0f} "
            f"reports apart in {widest}"
        ),
        source=source_line(
            column_sources(rows, "us_user_location_reports")
            + column_sources(rows, "us_reports_country_table")
        ),
        alt=alt,
        data_files=("reports_by_year.csv", "reports_by_country.csv"),
    )


def _platform_year(rows: pd.DataFrame) -> tuple[float, list[tuple[str, float]]]:
    """Meta's reports and the other reporters (companies, largest first) for one year."""
    brand_sum = rows[rows["row_type"] == "brand_sum"]
    company = rows[rows["row_type"] == "company"]
    platforms = rows[rows["row_type"] == "platform"]
    if not brand_sum.empty:
        meta = float(brand_sum["reports"].iloc[0])
    else:
        meta = float(company.loc[company["parent_company"] == "Meta", "reports"].sum())
    listed = platforms if not platforms.empty else company
    listed = listed[listed["parent_company"] != "Meta"]
    names = listed["parent_company"].where(listed["parent_company"] != "", listed["platform"])
    others = listed.assign(company=names).groupby("company")["reports"].sum().astype(float)
    return meta, sorted(others.items(), key=lambda kv: -kv[1])


def platform_concentration(top: int = 4) -> Chart:
    """Share of platform (ESP) reports filed by Meta, by the next ``top`` companies, and by
    every other provider, per year."""
    if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= 10:
        raise ValueError(
            f"platform_concentration: top must be a whole number from 1 to 10 (got {top!r})"
        )
    data = load("reports_by_platform")
    totals = data[data["row_type"] == "esp_total"].set_index("year")["reports"]
    years = sorted(int(y) for y in totals.index)
    meta_share, next_share, rest_share, next_names, secondary = [], [], [], [], []
    used = []
    for year in years:
        rows = data[data["year"] == year]
        meta, others = _platform_year(rows)
        total = float(totals.loc[year])
        nxt = others[:top]
        meta_share.append(meta / total)
        next_share.append(sum(v for _, v in nxt) / total)
        rest_share.append(1 - meta_share[-1] - next_share[-1])
        next_names.append(", ".join(name for name, _ in nxt))
        secondary.append((rows["confidence"] == "secondary").all())
        used.append(
            rows[rows["row_type"].isin(("platform", "brand_sum", "esp_total"))]
            if (rows["row_type"] == "platform").any()
            else rows
        )
    labels = [_year_label(y, s) for y, s in zip(years, secondary, strict=True)]
    fig = go.Figure()
    series = (
        ("Meta (Facebook, Instagram, WhatsApp)", meta_share, OKABE_ITO["reddish_purple"], None),
        (f"Next {word(top)} largest reporters", next_share, OKABE_ITO["bluish_green"], next_names),
        ("All other providers", rest_share, LIGHT, None),
    )
    for name, values, colour, names in series:
        fig.add_trace(
            go.Bar(
                x=labels,
                y=[v * 100 for v in values],
                name=name,
                marker_color=colour,
                text=[_pct(v) for v in values],
                textposition="inside",
                insidetextanchor="middle",
                customdata=names,
                hovertemplate=(
                    f"{name}, %{{x}}: %{{y:.1f}}%%"
                    + ("<br>%{customdata}" if names else "")
                    + "<extra></extra>"
                ),
            )
        )
    fig.update_layout(
        base_layout(barmode="stack", uniformtext={"minsize": 11, "mode": "hide"}),
        xaxis_title="Calendar year",
        yaxis_title="Share of platform reports (%)",
        yaxis_range=[0, 100],
    )
    last = len(years) - 1
    prev = last - 1
    per_year = "; ".join(
        f"{y}: Meta {_pct(m)}, next {top} {_pct(n)} ({names}), others {_pct(r)}"
        for y, m, n, r, names in zip(
            years, meta_share, next_share, rest_share, next_names, strict=True
        )
    )
    alt = (
        "Stacked bar chart of the share of platform reports to the CyberTipline filed by Meta, "
        f"by the next {top} largest reporting companies and by all other providers. {per_year}."
    )
    top_five = meta_share[last] + next_share[last]
    title = (
        f"Meta filed {_pct(meta_share[prev])} of platform reports in {years[prev]} and "
        f"{_pct(meta_share[last])} in {years[last]}; with the next {word(top)} companies, "
        f"{word(top + 1)} firms filed {_pct(top_five)} in {years[last]}"
    )
    keys = []
    for rows in used:
        keys += column_sources(rows, "reports")
    return Chart(
        figure=fig,
        title=title,
        source=source_line(keys, "Shares of all reports from electronic service providers."),
        alt=alt,
        data_files=("reports_by_platform.csv",),
    )


def icac_informational_share() -> Chart:
    """Share of reports made available to ICAC units that NCMEC labelled informational."""
    data = load("le_recipients")
    rows = data[data["recipient"] == "ICAC units"].sort_values("year")
    if rows.empty:
        raise ValueError("le_recipients has no rows for ICAC units")
    years = rows["year"].astype(int).tolist()
    shares = rows["informational_share"].astype(float).tolist()
    secondary = [c == "secondary" for c in rows["confidence"]]
    early = [y < LABELLING_COMPARABLE_FROM for y in years]
    labels = [_year_label(y, s) for y, s in zip(years, secondary, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[s * 100 for s in shares],
            marker={
                "color": [LIGHT if e else HIGHLIGHT for e in early],
                "line": {"color": NEUTRAL, "width": 1},
                "pattern": {"shape": [SECONDARY_PATTERN if s else "" for s in secondary]},
            },
            text=[
                _pct(s) + (" (not comparable)" if e else "")
                for s, e in zip(shares, early, strict=True)
            ],
            textposition="outside",
            name="Informational share",
            customdata=rows["total"].astype(float).tolist(),
            hovertemplate=(
                "%{x}: %{y:.1f}%% of %{customdata:,.0f} reports to ICAC units<extra></extra>"
            ),
        )
    )
    first_early = [lab for lab, e in zip(labels, early, strict=True) if e]
    if first_early:
        fig.add_annotation(
            x=len(first_early) - 0.5,
            y=max(shares) * 100,
            text=(
                f"Before {LABELLING_COMPARABLE_FROM}: labels<br>applied differently;"
                "<br>shares not comparable"
            ),
            showarrow=False,
            xanchor="right",
            align="right",
            font={"size": 12},
        )
        fig.add_vline(x=len(first_early) - 0.5, line_dash="dash", line_color=NEUTRAL)
    if any(secondary):
        _note_secondary(fig)
    fig.update_layout(
        base_layout(showlegend=False),
        xaxis_title="Calendar year",
        yaxis_title="Informational share (%)",
        yaxis_range=[0, max(shares) * 100 * 1.25],
    )
    by_year = dict(zip(years, shares, strict=True))
    comparable = [y for y in years if y >= LABELLING_COMPARABLE_FROM]
    last, prev = comparable[-1], comparable[-2]
    per_year = "; ".join(f"{y}: {_pct(by_year[y], 1)}" for y in years)
    alt = (
        "Bar chart of the share of reports made available to ICAC task forces that NCMEC "
        f"labelled informational, by year. {per_year}. Years before "
        f"{LABELLING_COMPARABLE_FROM} are drawn in grey and marked as not comparable, because "
        "NCMEC says its labelling applies from then on."
        + (
            f" {', '.join(str(y) for y, s in zip(years, secondary, strict=True) if s)} rests "
            "on a secondary transcription."
            if any(secondary)
            else ""
        )
    )
    return Chart(
        figure=fig,
        title=(
            f"NCMEC labelled {_pct(by_year[prev])} of the reports it sent to ICAC units "
            f"informational in {prev} and {_pct(by_year[last])} in {last}"
        ),
        source=source_line(column_sources(rows, "informational")),
        alt=alt,
        data_files=("le_recipients.csv",),
    )


_BUNDLING_COLUMNS = (
    ("reports", "Reports received", "total_reports"),
    ("esp_reports", "Reports from platforms", "reports_from_esps"),
    ("files", "Files uploaded with platform reports", "files_reported"),
    ("us", "Reports located in the U.S.", "us_user_location_reports"),
    ("abroad", "Reports located outside the U.S.", "international_user_location_reports"),
    ("unknown", "Reports with no resolved location", "unknown_location_reports"),
)

# (measure, label, column of le_recipients, kind) for the ICAC rows of the comparison
_ICAC_MEASURES = (
    ("icac", "Reports made available to ICAC task forces", "total", "count"),
    ("icac_informational", "Share of those labelled informational", "informational_share", "share"),
)


def bundling_comparison(before: int = 2023, after: int = 2024) -> pd.DataFrame:
    """Key counts for the year before bundling and the year it began, side by side.

    One row per measure: ``measure`` (an id), ``label``, ``before``, ``after``, ``kind``
    (``"count"`` or ``"share"``), ``change`` (relative change for counts, difference in
    percentage points for shares), and the confidence and source keys of each year's value.
    The incident count (bundled reports counted one by one) exists only for ``after``; its
    change is taken against ``before``'s reports, the comparison news reports made.
    Both years need NCMEC's breakdown by sender (2019 on), and ``before`` must precede
    ``after``; otherwise ``ValueError``.
    """
    years = _preferred("reports_by_year").set_index("year")
    recipients = load("le_recipients")
    platforms = load("reports_by_platform")
    detailed = set(years.index[years["reports_from_esps"].notna()].astype(int))
    for name, year in (("before", before), ("after", after)):
        _check_year(year, detailed, f"bundling_comparison {name}")
    if before >= after:
        raise ValueError(f"bundling_comparison: before ({before}) must precede after ({after})")
    records = []

    def add(measure, label, kind, before_value, after_value):
        """One row from two (value, confidence, source keys) triples."""
        (b, conf_b, keys_b), (a, conf_a, keys_a) = before_value, after_value
        if kind == "count":
            change = a / b - 1 if b else float("nan")
        else:
            change = 100 * (a - b)
        records.append(
            {
                "measure": measure,
                "label": label,
                "before": b,
                "after": a,
                "kind": kind,
                "change": change,
                "confidence_before": conf_b,
                "confidence_after": conf_a,
                "keys_before": keys_b,
                "keys_after": keys_a,
            }
        )

    row_b = years.loc[[before]].reset_index()
    row_a = years.loc[[after]].reset_index()

    def year_value(rows, column):
        value = rows[column].iloc[0]
        if pd.isna(value):
            return None
        pairs = column_sources(rows, column)
        conf = "secondary" if any(c == "secondary" for _, c in pairs) else "primary"
        return float(value), conf, sorted({k for k, _ in pairs})

    for measure, label, column in _BUNDLING_COLUMNS:
        vb, va = year_value(row_b, column), year_value(row_a, column)
        if vb is None or va is None:
            continue
        add(measure, label, "count", vb, va)
        if measure == "reports":
            inc = year_value(row_a, "incidents_after_unbundling")
            if inc is not None:
                add("incidents", "Incidents (bundled reports counted one by one)", "count", vb, inc)
        if measure == "esp_reports":
            meta, others = [], []
            for year in (before, after):
                rows = platforms[platforms["year"] == year]
                total = rows[rows["row_type"] == "esp_total"]
                if rows.empty or total.empty:
                    break
                m, _ = _platform_year(rows)
                used = rows[rows["row_type"] == "brand_sum"]
                if used.empty:
                    used = rows[
                        (rows["row_type"] == "company") & (rows["parent_company"] == "Meta")
                    ]
                conf = "secondary" if (used["confidence"] == "secondary").any() else "primary"
                if (total["confidence"] == "secondary").any():
                    conf = "secondary"
                keys = sorted({k for k, _ in column_sources(pd.concat([used, total]), "reports")})
                meta.append((m, conf, keys))
                others.append((float(total["reports"].iloc[0]) - m, conf, keys))
            if len(meta) == 2:
                add("meta", "Meta's reports", "count", *meta)
                add("other_platforms", "Other platforms' reports", "count", *others)
    icac = recipients[recipients["recipient"] == "ICAC units"].set_index("year")
    if before in icac.index and after in icac.index:
        b, a = icac.loc[before], icac.loc[after]
        kb = bibliography.split_keys(b["source"])
        ka = bibliography.split_keys(a["source"])
        for measure, label, column, kind in _ICAC_MEASURES:
            add(
                measure,
                label,
                kind,
                (float(b[column]), b["confidence"], kb),
                (float(a[column]), a["confidence"], ka),
            )
    return pd.DataFrame(records)


def bundling_table(before: int = 2023, after: int = 2024) -> Table:
    """What changed between the year before bundling and the year it began (a table: the
    measures have different units, and the point is the size of each change).

    Any two years of :func:`bundling_comparison` work; the caption names bundling only when
    ``after`` is the year it began. Where each year rests on one kind of source, the column
    headings say which; otherwise a column gives it row by row.
    """
    data = bundling_comparison(before, after)

    def shown(value, kind):
        return _pct(value, 1) if kind == "share" else f"{value:,.0f}"

    def change(row):
        if row["kind"] == "share":
            text = f"{row['change']:+.1f} points"
        else:
            text = f"{row['change']:+.0%}"
            if row["measure"] == "incidents":
                text += f" (against {before} reports)"
        return text.replace("-", "\u2212")

    frame = pd.DataFrame(
        {
            "label": data["label"],
            "before": [
                "no bundling" if m == "incidents" else shown(v, k)
                for m, v, k in zip(data["measure"], data["before"], data["kind"], strict=True)
            ],
            "after": [
                f"about {v / 1e6:.1f} million" if m == "incidents" else shown(v, k)
                for m, v, k in zip(data["measure"], data["after"], data["kind"], strict=True)
            ],
            "change": [change(r) for _, r in data.iterrows()],
            "confidence": [
                f"{before} {b}; {after} {a}" if b != a else b
                for b, a in zip(data["confidence_before"], data["confidence_after"], strict=True)
            ],
        }
    )
    uniform = data["confidence_before"].nunique() == 1 and data["confidence_after"].nunique() == 1
    if uniform:  # one reliability per year: say it once, in the column heading
        columns = (
            ("label", "Measure"),
            ("before", f"{before} ({data['confidence_before'].iloc[0]})"),
            ("after", f"{after} ({data['confidence_after'].iloc[0]})"),
            ("change", "Change"),
        )
        frame = frame.drop(columns="confidence")
    else:
        columns = (
            ("label", "Measure"),
            ("before", str(before)),
            ("after", str(after)),
            ("change", "Change"),
            ("confidence", "Primary or secondary"),
        )
    years = _preferred("reports_by_year")
    bundled = years.loc[years["incidents_after_unbundling"].notna(), "year"]
    began = int(bundled.min()) if not bundled.empty else None
    when = (
        f"{after}, the year platforms began bundling near-identical reports"
        if after == began
        else str(after)
    )
    caption = (
        f"What changed between {before} and {when}. Counts of reports, except where stated; "
        "one report can be made available to several agencies."
    )
    pairs = []
    for _, row in data.iterrows():
        pairs += [(k, row["confidence_before"]) for k in row["keys_before"]]
        pairs += [(k, row["confidence_after"]) for k in row["keys_after"]]
    files = ("reports_by_year.csv", "reports_by_platform.csv", "le_recipients.csv")
    return Table(
        html=html_table(frame, columns, caption, row_header="label")
        + source_html(source_line(pairs), files),
        text=caption + "\n" + frame.rename(columns=dict(columns)).to_string(index=False),
        frame=data,
    )


# --- chapter 3: help -----------------------------------------------------------------------


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
    year = _check_year(year, set(complete), "icac_tips_and_outcomes")
    fig = go.Figure()
    series = (
        ("CyberTips made available to ICAC units (calendar year)", tips, "total", HIGHLIGHT),
        ("ICAC investigations (fiscal year)", inv, "value", OKABE_ITO["bluish_green"]),
        ("ICAC arrests (fiscal year)", arr, "value", INVESTIGATORS),
    )
    for name, frame, column, colour in series:
        shown = [y for y in years if y in frame.index]
        values = [float(frame.loc[y, column]) for y in shown]
        secondary = [frame.loc[y, "confidence"] == "secondary" for y in shown]
        fig.add_trace(
            go.Bar(
                x=shown,
                y=[v / 1000 for v in values],
                name=name,
                marker={
                    "color": colour,
                    "pattern": {"shape": [SECONDARY_PATTERN if s else "" for s in secondary]},
                },
                text=[f"{v / 1000:,.0f}k" if v >= 1e4 else f"{v:,.0f}" for v in values],
                textposition="outside",
                hovertemplate=f"{name}, %{{x}}: %{{y:,.1f}} thousand<extra></extra>",
            )
        )
    missing = [y for y in years if y not in complete]
    _note_secondary(fig)
    fig.update_layout(
        base_layout(barmode="group", legend={"orientation": "h", "y": -0.25}),
        xaxis_title="Year",
        yaxis_title="Thousands",
        height=460,
    )
    fig.update_xaxes(dtick=1)
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
        "Grouped bar chart comparing, by year, the CyberTips NCMEC made available to ICAC task "
        "forces with the investigations and arrests the task forces reported from all their "
        f"work. {per_year}."
        + (
            " No ICAC investigation or arrest figures were found for "
            + ", ".join(map(str, missing))
            + "."
            if missing
            else ""
        )
        + f" In {year} that is about {100 * i / t:.0f} investigations and {100 * a / t:.1f} "
        "arrests per 100 CyberTips; no source links the arrests to particular tips. Hatched "
        "bars rest on secondary sources."
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
        source=source_line(
            keys, "Fiscal years (ICAC) and calendar years (NCMEC) differ; ratios are rough."
        ),
        alt=alt,
        data_files=("le_recipients.csv", "capacity_outcomes.csv"),
        height=460,
    )


def victims_identified() -> Chart:
    """Children newly identified in NCMEC's victim-identification records, per year."""
    outcomes = load("capacity_outcomes")
    rows = metric(outcomes, "cvip_victims_identified_new", "CY")
    if rows.empty:
        raise ValueError("capacity_outcomes has no cvip_victims_identified_new rows")
    years = rows["year"].astype(int).tolist()
    values = rows["value"].astype(float).tolist()
    fig = go.Figure(
        go.Bar(
            x=years,
            y=values,
            marker_color=INVESTIGATORS,
            text=[f"{v:,.0f}" for v in values],
            textposition="outside",
            name="Children newly identified",
            hovertemplate="%{x}: %{y:,.0f} children<extra></extra>",
        )
    )
    fig.update_layout(
        base_layout(showlegend=False),
        xaxis_title="Calendar year",
        yaxis_title="Children newly identified",
        yaxis_range=[0, max(values) * 1.2],
    )
    fig.update_xaxes(dtick=1)
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
        source=source_line(
            column_sources(rows, "value"), "Not all identifications began with a CyberTip."
        ),
        alt=alt,
        data_files=("capacity_outcomes.csv",),
    )


# --- the data page -------------------------------------------------------------------------


def fields_table(name: str) -> Table:
    """The columns of table ``name``: type, unit, whether required, and what each holds."""
    name = check_table(name)
    frame = fields(name)
    frame = frame.assign(
        required=frame["required"].map({True: "yes", False: "no"}),
        unit=frame["unit"].replace("", "—"),
    )
    columns = (
        ("name", "Column"),
        ("type", "Type"),
        ("unit", "Unit"),
        ("required", "Required"),
        ("description", "What it holds"),
    )
    caption = f"Columns of {name}.csv"
    return Table(
        html=html_table(frame, columns, caption, row_header="name"),
        text=caption + "\n" + frame[[c for c, _ in columns]].to_string(index=False),
    )


def sources_table(name: str) -> Table:
    """The sources behind table ``name``: how many rows each backs, primary and secondary."""
    name = check_table(name)
    data = load(name)
    source_columns = [c for c in data.columns if c == "source" or c.startswith("source_")]
    if not source_columns:
        raise ValueError(f"table {name!r} has no source column")
    known = bibliography.sources()
    primary_keys = _primary_keys()
    counts: dict[str, dict[str, int]] = {}
    has_conf = "confidence" in data and set(data["confidence"]) <= set(_CONFIDENCES)
    for _, row in data.iterrows():
        mixed = isinstance(row.get("secondary_columns"), str) and row["secondary_columns"].strip()
        for column in source_columns:
            for key in bibliography.split_keys(row[column]):
                if not has_conf:
                    conf = "cited"
                elif mixed:  # see column_sources: weak keys back the secondary figures
                    conf = "primary" if key in primary_keys else "secondary"
                else:
                    conf = row["confidence"]
                counts.setdefault(key, {}).setdefault(conf, 0)
                counts[key][conf] += 1
    records = []
    for key, by_conf in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        source = known.get(key)
        records.append(
            {
                "source": bibliography.link_html(key) if source else html.escape(key),
                "key": key,
                "primary": by_conf.get("primary", 0),
                "secondary": by_conf.get("secondary", 0),
                "cited": sum(by_conf.values()),
            }
        )
    frame = pd.DataFrame(records)
    if has_conf:
        columns = (
            ("source", "Source"),
            ("key", "Key in references.bib"),
            ("primary", "Rows as primary source"),
            ("secondary", "Rows as secondary source"),
        )
    else:
        columns = (
            ("source", "Source"),
            ("key", "Key in references.bib"),
            ("cited", "Rows citing it"),
        )
    caption = f"Sources behind {name}.csv and how many rows each supports"
    return Table(
        html=html_table(frame, columns, caption, raw_html_columns=("source",)),
        text=caption + "\n" + frame.drop(columns="source").to_string(index=False),
    )


def table_overview(name: str) -> Table:
    """What table ``name`` holds: description, size, primary/secondary rows, documented gaps,
    and links to download it and its description."""
    name = check_table(name)
    spec = describe(name)
    data = load(name)
    n_rows, n_cols = data.shape
    parts = [f"<p>{html.escape(spec.get('description', ''))}</p>", "<ul>"]
    parts.append(f"<li><strong>Size:</strong> {n_rows:,} rows, {n_cols} columns.</li>")
    text = [spec.get("description", ""), f"Size: {n_rows:,} rows, {n_cols} columns."]
    if "confidence" in data and set(data["confidence"]) <= set(_CONFIDENCES):
        primary = int((data["confidence"] == "primary").sum())
        secondary = int((data["confidence"] == "secondary").sum())
        line = (
            f"{primary:,} rows rest on primary sources and {secondary:,} on secondary sources "
            "(a row is marked by its weakest figure)."
        )
        parts.append(f"<li><strong>Reliability:</strong> {html.escape(line)}</li>")
        text.append("Reliability: " + line)
    key = spec["schema"].get("primaryKey")
    if key:
        keys = ", ".join(key if isinstance(key, list) else [key])
        parts.append(f"<li><strong>One row per:</strong> {html.escape(keys)}.</li>")
        text.append(f"One row per: {keys}.")
    path = spec["path"]
    parts.append(
        f'<li><strong>Download:</strong> <a href="{DATA_URL_PREFIX}{html.escape(path)}" download>'
        f"{html.escape(path)}</a> (CSV, UTF-8); its description in "
        f'<a href="{DATA_URL_PREFIX}datapackage.json" download>datapackage.json</a>.</li>'
    )
    text.append(f"Download: {DATA_URL_PREFIX}{path}")
    parts.append("</ul>")
    gaps = spec.get("gaps", [])
    if gaps:
        parts.append("<p><strong>Known gaps and caveats:</strong></p><ul>")
        parts += [f"<li>{html.escape(g)}</li>" for g in gaps]
        parts.append("</ul>")
        text += ["Known gaps and caveats:"] + [f"- {g}" for g in gaps]
    return Table(html="\n".join(parts), text="\n".join(text))


def contradictions_table(ids: tuple[str, ...] | list[str] | None = None) -> Table:
    """Recorded disagreements between sources, the value the book uses, and why.

    ``ids`` (e.g. ``("K04",)``) keeps only those contradictions, in the order given; the
    default shows them all. Raises ``ValueError`` for an id not in ``contradictions.csv``.
    """
    data = load("contradictions")
    if ids is not None:
        if isinstance(ids, str) or not ids:
            raise ValueError(
                f"contradictions_table: ids must be a non-empty list of ids (got {ids!r})"
            )
        known_ids = list(data["contradiction_id"])
        unknown = [i for i in ids if i not in known_ids]
        if unknown:
            raise ValueError(
                f"contradictions_table: unknown id(s) {unknown}; known: {', '.join(known_ids)}"
            )
        data = data.set_index("contradiction_id").loc[list(ids)].reset_index()
    known = bibliography.sources()

    def cite(cell: str) -> str:
        links = [
            bibliography.link_html(k) if k in known else html.escape(k)
            for k in bibliography.split_keys(cell)
        ]
        return "; ".join(links)

    frame = data.assign(
        value_a=[
            f"{html.escape(v)} ({cite(s)})"
            for v, s in zip(data["value_a"], data["source_a"], strict=True)
        ],
        value_b=[
            f"{html.escape(v)} ({cite(s)})"
            for v, s in zip(data["value_b"], data["source_b"], strict=True)
        ],
    )
    columns = (
        ("contradiction_id", "Id"),
        ("topic", "Topic"),
        ("value_a", "One value (source)"),
        ("value_b", "The other value (source)"),
        ("book_uses", "What the book uses"),
        ("reason", "Why"),
    )
    caption = (
        f"Where sources disagree: {len(data)} recorded contradictions, the value the book uses "
        "and why"
        if ids is None
        else f"Where sources disagree ({', '.join(ids)}): the value the book uses and why"
    )
    plain = data[["contradiction_id", "topic", "book_uses"]].to_string(index=False)
    return Table(
        html=html_table(
            frame,
            columns,
            caption,
            row_header="contradiction_id",
            raw_html_columns=("value_a", "value_b"),
        ),
        text=caption + "\n" + plain,
    )


def secondary_figures_table() -> Table:
    """How many rows of each table rest on secondary sources only."""
    records = []
    for name in tables():
        data = load(name)
        if "confidence" not in data or not set(data["confidence"]) <= set(_CONFIDENCES):
            continue
        secondary = data[data["confidence"] == "secondary"]
        keys = sorted({k for cell in secondary["source"] for k in bibliography.split_keys(cell)})
        records.append(
            {
                "table": name,
                "rows": f"{len(data):,}",
                "secondary": f"{len(secondary):,}",
                "share": _pct(len(secondary) / len(data)) if len(data) else "—",
                "sources": "; ".join(bibliography.link_html(k) for k in keys) or "none",
            }
        )
    frame = pd.DataFrame(records)
    columns = (
        ("table", "Table"),
        ("rows", "Rows"),
        ("secondary", "Rows resting on a secondary source"),
        ("share", "Share"),
        ("sources", "Secondary sources used"),
    )
    caption = "Figures that could not be checked in a primary document, table by table"
    return Table(
        html=html_table(frame, columns, caption, row_header="table", raw_html_columns=("sources",)),
        text=caption + "\n" + frame.drop(columns="sources").to_string(index=False),
    )
