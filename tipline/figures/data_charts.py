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
from tipline.chart import DATA_URL_PREFIX, Chart
from tipline.data import LABELLING_COMPARABLE_FROM, describe, fields, load, tables
from tipline.figures.common import check_table, column_sources, corner_note, metric
from tipline.figures.common import check_year as _check_year
from tipline.figures.common import pct as _pct
from tipline.figures.common import primary_keys as _primary_keys
from tipline.figures.scale_charts import (
    PRIORITY_METRICS,
    escalation_scale,
    priority_levels,
    priority_levels_table,
    recipients_table,
    report_sources_table,
    reports_per_year,
)
from tipline.figures.sources import source_line
from tipline.figures.volume_charts import (
    bundling_comparison,
    bundling_table,
    icac_informational_share,
    location_shares,
    platform_concentration,
    us_count_comparison,
)
from tipline.ledger import html_table
from tipline.style import HIGHLIGHT, INVESTIGATORS, OKABE_ITO, base_layout
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
