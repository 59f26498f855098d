"""Chapter 2 (Volume versus quality): where reports come from and what bundling changed.

Charts are :class:`tipline.charts.Chart` objects built on the chart layer; tables are
:class:`tipline.table.Table` objects. Every number in a title, subtitle or description is
computed here from ``data/``.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography, charts
from tipline.charts import Chart, source_html
from tipline.data import LABELLING_COMPARABLE_FROM, load
from tipline.figures.common import check_year, column_sources, pct, preferred, word, year_label
from tipline.figures.sources import column_confidence, source_line
from tipline.ledger import html_table
from tipline.style import GREY, INK, LIGHT, PALE
from tipline.table import Table

__all__ = [
    "bundling_comparison",
    "bundling_table",
    "icac_informational_share",
    "location_shares",
    "platform_concentration",
    "us_count_comparison",
]

#: Text inside a segment of each fill: white on the dark grey, dark grey on the others.
_INSIDE = {INK: "white", GREY: INK, LIGHT: INK, PALE: INK}


def _stacked_shares(
    fig: go.Figure,
    years: list[int],
    secondary: list[bool],
    series: list[tuple[str, list[float], str, list | None]],
    *,
    labelled: set[str],
) -> list[str]:
    """Horizontal 100% bars, one per year (earliest on top), one segment per series
    ``(name, shares, colour, hover names)``; shares of the ``labelled`` series written
    inside. Returns the year labels (the axis is numeric: category labels that look like
    numbers confuse plotly's category axis)."""
    labels = [year_label(y, s) for y, s in zip(years, secondary, strict=True)]
    for name, values, colour, names in series:
        fig.add_trace(
            go.Bar(
                y=years,
                x=[v * 100 for v in values],
                orientation="h",
                name=name,
                marker=charts.secondary_marker(colour, secondary),
                text=[pct(v) for v in values] if name in labelled else None,
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                # on an outlined (pale) segment the text is dark whatever the fill
                insidetextfont={
                    "color": [INK if weak else _INSIDE.get(colour, INK) for weak in secondary]
                },
                customdata=names,
                hovertemplate=(
                    f"{name}, %{{y}}: %{{x:.1f}}%%"
                    + ("<br>%{customdata}" if names else "")
                    + "<extra></extra>"
                ),
            )
        )
    fig.update_layout(barmode="stack", bargap=0.3)
    fig.update_xaxes(range=[0, 100], ticksuffix="%", dtick=25, showgrid=True)
    fig.update_yaxes(
        tickvals=years,
        ticktext=labels,
        autorange="reversed",
        showgrid=False,
        ticklen=0,
        showline=False,
    )
    charts.on_phone(fig, layout={"xaxis.dtick": 50})
    if any(secondary):
        charts.mark_secondary(fig)
    return labels


# --- where reports come from -----------------------------------------------------------------

_LOCATIONS = (
    ("us_user_location_reports", "United States", INK),
    ("unknown_location_reports", "Location unknown", LIGHT),
    ("international_user_location_reports", "Outside the United States", GREY),
)


def location_shares() -> Chart:
    """Share of each year's reports by resolved user location (NCMEC's user-location table):
    one 100% bar per year, the U.S. share first and also written beside each bar."""
    rows = preferred("reports_by_year")
    cols = [c for c, _, _ in _LOCATIONS]
    rows = rows[rows[cols].notna().all(axis=1)]
    if rows.empty:
        raise ValueError("reports_by_year has no year with a complete user-location split")
    years = rows["year"].astype(int).tolist()
    secondary = [
        any(column_confidence(r, c) == "secondary" for c in cols) for _, r in rows.iterrows()
    ]
    total = rows[cols].astype(float).sum(axis=1)
    shares = {c: (rows[c].astype(float) / total).tolist() for c in cols}
    fig = charts.figure(x_title="Share of the year's reports", height=90 + 44 * len(years))
    _stacked_shares(
        fig,
        years,
        secondary,
        [(name, shares[c], colour, None) for c, name, colour in _LOCATIONS],
        labelled={"Outside the United States"},
    )
    us = shares["us_user_location_reports"]
    # The U.S. share, too thin to write inside its segment, in a column at the right.
    for year, share in zip(years, us, strict=True):
        fig.add_annotation(
            x=1,
            xref="paper",
            y=year,
            text=pct(share, 1),
            showarrow=False,
            xanchor="left",
            xshift=8,
            font={"size": 13, "color": INK},
        )
    charts.top_note(fig, "U.S.", 1, xref="paper", xanchor="left", colour=INK)
    fig.layout.annotations[-1].xshift = 8
    charts.reserve(fig, "r", charts.text_width("00.0%", 13) + 14)
    intl = shares["international_user_location_reports"]
    unknown = shares["unknown_location_reports"]
    lo_us, hi_us = min(us), max(us)
    lo_in, hi_in = min(intl), max(intl)
    per_year = "; ".join(
        f"{y}: {pct(a, 1)} U.S., {pct(b, 1)} abroad, {pct(c, 1)} unknown"
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
            f"Between {pct(lo_in)} and {pct(hi_in)} of reports each year resolved to users "
            f"outside the U.S.; between {pct(lo_us, 1)} and {pct(hi_us, 1)} to users inside it"
        ),
        subtitle=(
            f"Share of each year's CyberTipline reports by where NCMEC located the user, "
            f"{years[0]}-{years[-1]}; the U.S. share is written at the right"
        ),
        source=source_line(keys, "NCMEC's user-location table; shares computed."),
        alt=alt,
        data_files=("reports_by_year.csv",),
        height=90 + 44 * len(years),
    )


def us_count_comparison() -> Chart:
    """NCMEC's two U.S. counts per year: the user-location table and the by-country table,
    as two lines with the widest gap marked."""
    rows = preferred("reports_by_year")
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
    height = 400
    fig = charts.figure(y_title="U.S. reports (millions)", height=height)
    series = (
        ("User-location table (used in this book)", used, INK, sec_used),
        ("By-country table", other, GREY, sec_other),
    )
    ends = []
    for name, values, colour, weak in series:
        fig.add_trace(
            go.Scatter(
                x=years,
                y=(values / 1e6).tolist(),
                mode="lines+markers",
                name=name,
                line={"color": colour, "width": 2.5},
                marker=charts.secondary_marker(colour, weak, kind="dot", size=10),
                connectgaps=False,
                hovertemplate=f"{name}, %{{x}}: %{{y:.2f}} million<extra></extra>",
            )
        )
        last = values.last_valid_index()
        ends.append((name.replace(" (", "<br>("), years[-1], float(values[last]) / 1e6, colour))
    top = max(float(used.max()), float(other.max())) / 1e6 * 1.15
    px_per_unit = (height - 60) / top
    charts.direct_labels(
        fig, ends, yshifts=charts.label_shifts([e[2] for e in ends], px_per_unit, 30)
    )
    if any(sec_used) or any(sec_other):
        charts.mark_secondary(fig, "dot")
    both = rows[rows["us_user_location_reports"].notna()]
    gaps = (both["us_user_location_reports"] - both["us_reports_country_table"]).astype(float)
    widest = int(both["year"].iloc[int(gaps.abs().to_numpy().argmax())])
    widest_gap = float(gaps.abs().max())
    high = float(both.loc[both["year"] == widest, "us_user_location_reports"].iloc[0]) / 1e6
    low = float(both.loc[both["year"] == widest, "us_reports_country_table"].iloc[0]) / 1e6
    fig.add_shape(
        type="line",
        x0=widest,
        x1=widest,
        y0=low,
        y1=high,
        line={"color": INK, "width": 1, "dash": "dot"},
        layer="below",
    )
    # named below the lower point, where the plot is empty
    charts.note(fig, f"{widest_gap:,.0f} apart", widest, low, ax=0, ay=34)
    fig.update_layout(yaxis_range=[0, top], xaxis_range=[years[0] - 0.3, years[-1] + 0.3])
    charts.year_axis(fig, years)
    per_year = "; ".join(
        f"{y}: "
        + (f"{u:,.0f} (user location) and " if pd.notna(u) else "no user-location count, ")
        + f"{o:,.0f} (by country)"
        for y, u, o in zip(years, used, other, strict=True)
    )
    alt = (
        "Line chart comparing, for each year, the number of U.S. reports in NCMEC's "
        f"user-location table with the number in its by-country table. {per_year}. The "
        f"widest gap is {widest_gap:,.0f} reports in {widest}."
    )
    return Chart(
        figure=fig,
        title=(
            f"NCMEC's two tables give different U.S. counts every year, {widest_gap:,.0f} "
            f"reports apart in {widest}"
        ),
        subtitle=(
            f"CyberTipline reports counted as U.S. reports by two of NCMEC's tables, "
            f"{years[0]}-{years[-1]}, in millions"
        ),
        source=source_line(
            column_sources(rows, "us_user_location_reports")
            + column_sources(rows, "us_reports_country_table")
        ),
        alt=alt,
        data_files=("reports_by_year.csv", "reports_by_country.csv"),
        height=height,
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
    every other provider, per year: one 100% bar per year."""
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
        secondary.append(bool((rows["confidence"] == "secondary").all()))
        used.append(
            rows[rows["row_type"].isin(("platform", "brand_sum", "esp_total"))]
            if (rows["row_type"] == "platform").any()
            else rows
        )
    fig = charts.figure(x_title="Share of platform reports", height=90 + 44 * len(years))
    series = [
        ("Meta (Facebook, Instagram, WhatsApp)", meta_share, INK, None),
        (f"Next {word(top)} largest reporters", next_share, GREY, next_names),
        ("All other providers", rest_share, LIGHT, None),
    ]
    _stacked_shares(fig, years, secondary, series, labelled={s[0] for s in series})
    last = len(years) - 1
    prev = last - 1
    per_year = "; ".join(
        f"{y}: Meta {pct(m)}, next {top} {pct(n)} ({names}), others {pct(r)}"
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
        f"Meta filed {pct(meta_share[prev])} of platform reports in {years[prev]} and "
        f"{pct(meta_share[last])} in {years[last]}; with the next {word(top)} companies, "
        f"{word(top + 1)} firms filed {pct(top_five)} in {years[last]}"
    )
    keys = []
    for rows in used:
        keys += column_sources(rows, "reports")
    return Chart(
        figure=fig,
        title=title,
        subtitle=(
            "Share of the CyberTipline reports filed by electronic service providers, by "
            f"company, {years[0]}-{years[-1]}"
        ),
        source=source_line(keys, "Shares of all reports from electronic service providers."),
        alt=alt,
        data_files=("reports_by_platform.csv",),
        height=90 + 44 * len(years),
    )


def icac_informational_share() -> Chart:
    """Share of reports made available to ICAC units that NCMEC labelled informational.

    Years before NCMEC's labelling became comparable are drawn pale under a note saying so.
    """
    data = load("le_recipients")
    rows = data[data["recipient"] == "ICAC units"].sort_values("year")
    if rows.empty:
        raise ValueError("le_recipients has no rows for ICAC units")
    years = rows["year"].astype(int).tolist()
    shares = rows["informational_share"].astype(float).tolist()
    secondary = [c == "secondary" for c in rows["confidence"]]
    early = [y < LABELLING_COMPARABLE_FROM for y in years]
    colours = [LIGHT if e else GREY for e in early]
    fig = charts.figure(y_title="Labelled informational", height=380)
    fig.add_trace(
        go.Bar(
            x=years,
            y=[s * 100 for s in shares],
            marker=charts.secondary_marker(colours, secondary),
            text=[pct(s) for s in shares],
            textposition="outside",
            constraintext="none",
            cliponaxis=False,
            name="Informational share",
            showlegend=False,
            hovertext=[
                f"{y}: {pct(s, 1)} of {t:,.0f} reports to ICAC units"
                + (" (labels applied differently: not comparable)" if e else "")
                for y, s, t, e in zip(
                    years, shares, rows["total"].astype(float), early, strict=True
                )
            ],
            hoverinfo="text",
        )
    )
    n_early = sum(early)
    if n_early:
        first_comparable = years[n_early]
        charts.reference_line(fig, x=first_comparable - 0.5)
        charts.top_note(
            fig,
            f"Before {LABELLING_COMPARABLE_FROM}: labels applied differently, not comparable",
            first_comparable - 0.5,
            xanchor="right",
            width=34,
            phone_width=22,
        )
    if any(secondary):
        charts.mark_secondary(fig)
    fig.update_layout(yaxis_range=[0, max(shares) * 100 * 1.18])
    fig.update_yaxes(ticksuffix="%")
    charts.year_axis(fig, years)
    by_year = dict(zip(years, shares, strict=True))
    comparable = [y for y in years if y >= LABELLING_COMPARABLE_FROM]
    last, prev = comparable[-1], comparable[-2]
    per_year = "; ".join(f"{y}: {pct(by_year[y], 1)}" for y in years)
    alt = (
        "Bar chart of the share of reports made available to ICAC task forces that NCMEC "
        f"labelled informational, by year. {per_year}. Years before "
        f"{LABELLING_COMPARABLE_FROM} are drawn pale and marked as not comparable, because "
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
            f"NCMEC labelled {pct(by_year[prev])} of the reports it sent to ICAC units "
            f"informational in {prev} and {pct(by_year[last])} in {last}"
        ),
        subtitle=(
            "Share of the reports NCMEC made available to ICAC task forces that it labelled "
            f"informational rather than actionable, {years[0]}-{years[-1]}"
        ),
        source=source_line(column_sources(rows, "informational")),
        alt=alt,
        data_files=("le_recipients.csv",),
        height=380,
    )


# --- what bundling changed -------------------------------------------------------------------


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
    years = preferred("reports_by_year").set_index("year")
    recipients = load("le_recipients")
    platforms = load("reports_by_platform")
    detailed = set(years.index[years["reports_from_esps"].notna()].astype(int))
    for name, year in (("before", before), ("after", after)):
        check_year(year, detailed, f"bundling_comparison {name}")
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
        return pct(value, 1) if kind == "share" else f"{value:,.0f}"

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
    years = preferred("reports_by_year")
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
