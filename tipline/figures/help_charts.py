"""Charts and tables for chapter 3 ("How CyberTips help") and for the data page.

Chapter 3 asks what the system delivers to investigators and how that changes with the
one input everybody argues about, investigative capacity:

* :func:`capacity_to_reach_all` and :func:`capacity_figures` compute, from the model's
  equations, what a given capacity buys (and what it would take to reach every actionable
  report); :func:`capacity_response_chart` draws the tilt across the whole capacity range;
* :func:`urgency_table` gathers every published count of urgent reports and priority levels.

The data page describes the tables in ``data/``:

* :func:`data_dictionary` lists a table's columns with type, unit and allowed values (range,
  list or pattern) read from ``datapackage.json``; :func:`table_card` puts a table's overview,
  dictionary and sources together; :func:`files_table` links every published file;
  :func:`gaps_table` lists every documented gap; :func:`provenance_counts` counts rows,
  sources and gaps for the page's prose.

No number from a source or the model is typed here: every figure is read from ``data/`` or
computed by :mod:`tipline.model`. Charts are :class:`tipline.chart.Chart`, tables
:class:`tipline.table.Table` (accessible HTML with a caption and scoped headings).
"""

from __future__ import annotations

import html
import math
import numbers

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography
from tipline.calibration import year_inputs
from tipline.chart import DATA_URL_PREFIX, Chart
from tipline.data import describe, load, tables
from tipline.figures.common import check_table
from tipline.figures.data_charts import sources_table, table_overview
from tipline.figures.model_charts import round_count, threshold
from tipline.figures.sources import row_sources, source_line
from tipline.ledger import html_table
from tipline.model import RANGES, VERDICT_THRESHOLDS, evaluate, params_for_year, verdict
from tipline.model.params import check_year
from tipline.paths import DATA_DIR
from tipline.style import DEFENDANTS, GRID_COLOUR, INVESTIGATORS, NEUTRAL, OKABE_ITO, base_layout
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
    "provenance_counts",
    "table_card",
    "urgency_table",
]

#: The files in ``data/`` the site publishes at ``_build/html/data/`` (see
#: :func:`tipline.sphinxext.publish_data`).
PUBLISHED_PATTERNS = ("*.csv", "*.json", "*.bib")

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
    report. The result may lie outside the capacity slider's range (:data:`RANGES`); compare
    it with ``RANGES["capacity"]`` before setting a slider to it.
    """
    if "capacity" in fixed:
        raise ValueError("capacity_to_reach_all solves for capacity; do not fix it")
    r = evaluate(year=year, **fixed)
    if r.shape != ():
        raise ValueError("capacity_to_reach_all takes single values, not arrays")
    triage = float(r.params["triage"])
    return float(r.actionable) if triage >= 1.0 else float(r.domestic)


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
    fig = go.Figure()
    lean, clear = VERDICT_THRESHOLDS["lean"], VERDICT_THRESHOLDS["clear"]
    for level in (-clear, -lean, lean, clear):
        fig.add_hline(y=level, line={"color": NEUTRAL, "width": 1, "dash": "dot"})
    fig.add_hline(y=0, line={"color": NEUTRAL, "width": 1.5})
    bands = (
        (0.5 * (1 + clear), "clearly favours investigators", 0.01, "left"),
        (0.5 * (lean + clear), "leans toward investigators", 0.01, "left"),
        (0.0, "roughly balanced", 0.01, "left"),
        (-0.5 * (lean + clear), "leans toward defendants", 0.99, "right"),
        (-0.5 * (1 + clear), "clearly favours defendants", 0.99, "right"),
    )
    for y, text, x, anchor in bands:
        fig.add_annotation(
            x=x,
            y=y,
            xref="paper",
            yref="y",
            text=text,
            showarrow=False,
            xanchor=anchor,
            font={"size": 12, "color": NEUTRAL},
        )
    custom = np.stack([r.sound_case, r.benefit_defendants, r.unrealised], axis=-1)
    fig.add_trace(
        go.Scatter(
            x=grid,
            y=tilt,
            mode="lines",
            name=f"Tilt at the {year} defaults",
            line={"color": INVESTIGATORS, "width": 3},
            customdata=custom,
            hovertemplate=(
                "capacity %{x:,.0f}: tilt %{y:+.2f}<br>sound cases %{customdata[0]:,.0f}; "
                "outcomes helping defendants %{customdata[1]:,.0f}; actionable reports never "
                "reached %{customdata[2]:,.0f}<extra></extra>"
            ),
        )
    )
    points = [
        (fig_data["default"], f"{year} proxy", "circle", OKABE_ITO["black"]),
        (fig_data["scaled_up"], f"{fig_data['factor']:g}\u00d7", "diamond", OKABE_ITO["blue"]),
        (fig_data["scaled_down"], f"\u00f7{fig_data['factor']:g}", "square", DEFENDANTS),
    ]
    for outcome, label, symbol, colour in points:
        fig.add_trace(
            go.Scatter(
                x=[outcome["capacity"]],
                y=[outcome["tilt"]],
                mode="markers+text",
                name=f"{label}: capacity {outcome['capacity']:,.0f}, tilt {outcome['tilt']:+.2f}",
                marker={"symbol": symbol, "size": 12, "color": colour},
                text=[label],
                textposition="top left",
                hovertemplate=f"{label}: capacity %{{x:,.0f}}, tilt %{{y:+.2f}}<extra></extra>",
            )
        )
    if fig_data["reach_all_in_range"]:
        fig.add_vline(
            x=fig_data["reach_all"], line={"color": OKABE_ITO["bluish_green"], "dash": "dash"}
        )
        fig.add_annotation(
            x=math.log10(fig_data["reach_all"]),
            y=-0.95,
            text="every domestic report worked",
            showarrow=False,
            xanchor="right",
            font={"size": 12, "color": NEUTRAL},
        )
    fig.update_layout(
        base_layout(
            legend={"orientation": "h", "y": -0.28}, margin={"l": 90, "r": 20, "t": 20, "b": 60}
        ),
        xaxis={
            "title": "Investigative capacity (domestic reports worked per year, log scale)",
            "type": "log",
            "range": [math.log10(low), math.log10(high)],
            "gridcolor": GRID_COLOUR,
        },
        yaxis={
            "title": "Tilt (\u22121 helps defendants, +1 helps investigators)",
            "range": [-1.02, 1.02],
            "gridcolor": GRID_COLOUR,
        },
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
        f"{low:,.0f} to {high:,.0f} domestic reports worked a year, other inputs at the {year} "
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
            "The model's triage, chance of a compromised case and chance an unworked report "
            "helps a suspect are assumptions, not measurements.",
        ),
        alt=alt,
        data_files=_MODEL_FILES,
        height=500,
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


# --- the data page --------------------------------------------------------------------------


def _number(x, grouping: bool = True) -> str:
    value = float(x)
    if value.is_integer():
        return f"{int(value):,}" if grouping else str(int(value))
    return f"{value:g}"


def allowed_values(field: dict) -> str:
    """The values a ``datapackage.json`` field allows, in words.

    A range (``1998 to 2025``, ``at least 0``), a list (``one of: a; b``), a pattern, the two
    booleans, bibliography keys, or "any" for free text.
    """
    constraints = field.get("constraints", {})
    kind = field.get("type", "string")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    grouping = field.get("unit") != "year"  # years read 1998, not 1,998
    if "enum" in constraints:
        return "one of: " + "; ".join(str(v) for v in constraints["enum"])
    if low is not None and high is not None:
        return f"{_number(low, grouping)} to {_number(high, grouping)}"
    if low is not None:
        return f"at least {_number(low, grouping)}"
    if high is not None:
        return f"at most {_number(high, grouping)}"
    if kind == "boolean":
        return "true or false"
    if field.get("bibkeys"):
        extra = field.get("extraValues", [])
        text = f"keys in references.bib, separated by '{field.get('separator', ';')}'"
        return text + (f" (or: {', '.join(extra)})" if extra else "")
    if field.get("tableList"):
        return f"table names, separated by '{field.get('separator', ';')}'"
    if field.get("columnList"):
        return f"column names, separated by '{field.get('separator', ';')}'"
    if field.get("columnSources"):
        return "column=key pairs, separated by '|'"
    if "pattern" in constraints:
        return f"text matching {constraints['pattern']}"
    return "any " + ("text" if kind == "string" else kind)


def _when(when) -> str:
    return " and ".join(f"{k} is {v}" for k, v in dict(when).items())


def check_text(check: dict) -> str:
    """One table-level check of ``datapackage.json`` in words (its own description if any)."""
    if check.get("description"):
        return str(check["description"])
    kind = check.get("type")
    if kind == "sum":
        return f"{' + '.join(check['parts'])} equals {check['total']}."
    if kind == "at_most":
        return f"{check['column']} is never larger than {check['limit']}."
    if kind == "empty_when":
        return f"{check['column']} is empty when {_when(check['when'])}."
    if kind == "ratio":
        return f"{check['column']} equals {check['numerator']} / {check['denominator']}."
    if kind == "required_rows":
        return f"The table has each of {len(check['rows'])} required rows."
    if kind == "required_when":
        return f"{', '.join(check['columns'])} are given when {_when(check['when'])}."
    if kind == "unique_within":
        return f"{check['column']} does not repeat within a {', '.join(check['group_by'])}."
    if kind == "year_of_date":
        return f"{check['column']} is the year of {check['date']}."
    if kind == "min_rows":
        return f"The table has at least {check['count']} rows."
    if kind == "covers":
        values = ", ".join(str(v) for v in check["values"])
        return f"Every one of these values of {check['column']} appears: {values}."
    details = ", ".join(f"{k}={v}" for k, v in check.items() if k != "type")
    return f"{kind} check ({details})."


def data_dictionary(name: str) -> Table:
    """The columns of table ``name``: type, unit, allowed values, required, meaning."""
    name = check_table(name)
    records = []
    for field in describe(name)["schema"]["fields"]:
        constraints = field.get("constraints", {})
        records.append(
            {
                "name": field["name"],
                "type": field.get("type", "string"),
                "unit": field.get("unit", "") or "\u2014",
                "allowed": allowed_values(field),
                "required": "yes" if constraints.get("required") else "no",
                "description": field.get("description", ""),
            }
        )
    frame = pd.DataFrame(records)
    columns = (
        ("name", "Column"),
        ("type", "Type"),
        ("unit", "Unit"),
        ("allowed", "Allowed values"),
        ("required", "Required"),
        ("description", "What it holds"),
    )
    caption = f"Columns of {name}.csv: type, unit and allowed values"
    text = [caption] + [
        f"{r['name']} | {r['type']} | {r['unit']} | {r['allowed']} | {r['required']}"
        for r in records
    ]
    return Table(
        html=html_table(frame, columns, caption, row_header="name"),
        text="\n".join(text),
        frame=frame,
    )


def table_card(name: str) -> Table:
    """Everything the data page shows about table ``name``: its overview (description, size,
    reliability, download link, gaps), the checks run on every load, then its columns and
    its sources, each in a disclosure the reader opens."""
    name = check_table(name)
    overview = table_overview(name)
    dictionary = data_dictionary(name)
    sources = sources_table(name)
    n_fields = len(describe(name)["schema"]["fields"])
    checks = [check_text(c) for c in describe(name).get("checks", [])]
    parts = [
        f'<div class="tipline-table-card" id="table-{html.escape(name)}">',
        overview.html,
    ]
    if checks:
        parts.append("<p><strong>Checked every time the table is loaded:</strong></p><ul>")
        parts += [f"<li>{html.escape(c)}</li>" for c in checks]
        parts.append("</ul>")
    parts += [
        f"<details><summary>The {n_fields} columns of {html.escape(name)}.csv</summary>",
        dictionary.html,
        "</details>",
        f"<details><summary>The sources behind {html.escape(name)}.csv</summary>",
        sources.html,
        "</details>",
        "</div>",
    ]
    checked = "Checked every time the table is loaded:\n" + "\n".join(f"- {c}" for c in checks)
    text = "\n\n".join(
        [overview.text] + ([checked] if checks else []) + [dictionary.text, sources.text]
    )
    return Table(html="\n".join(parts), text=text)


def _published_files() -> list:
    files = []
    for pattern in PUBLISHED_PATTERNS:
        files += sorted(DATA_DIR.glob(pattern))
    return files


def files_table() -> Table:
    """Every file the site publishes from ``data/``, what it holds, and a download link."""
    by_path = {describe(n)["path"]: n for n in tables()}
    package = describe(tables()[0])  # any resource: to reach the package's bibliography name
    bib_name = package.get("bibliography", "references.bib")
    records = []
    for path in _published_files():
        if path.name in by_path:
            name = by_path[path.name]
            spec = describe(name)
            n_rows = len(load(name))
            what = spec.get("title") or spec.get("description", "")
            size = f"{n_rows:,} rows"
        elif path.suffix == ".json":
            what = "Description of every table: columns, types, units, allowed values, checks, gaps"
            size = f"{len(tables())} tables described"
        elif path.suffix == ".bib":
            what = "Every source the book cites, once (BibTeX)"
            size = f"{len(bibliography.sources(path)):,} sources"
        else:
            what, size = "", ""
        href = f"{DATA_URL_PREFIX}{html.escape(path.name)}"
        records.append(
            {
                "file": path.name,
                "link": f'<a href="{href}" download>{html.escape(path.name)}</a>',
                "what": what,
                "size": size,
            }
        )
    frame = pd.DataFrame(records)
    columns = (("link", "File"), ("what", "What it holds"), ("size", "Size"))
    caption = "Every data file the book publishes, with a download link"
    text = [caption] + [f"{r['file']} | {r['what']} | {r['size']}" for r in records]
    if bib_name not in frame["file"].tolist():
        raise ValueError(f"the bibliography {bib_name} is not among the published files")
    return Table(
        html=html_table(frame, columns, caption, row_header="link", raw_html_columns=("link",)),
        text="\n".join(text),
        frame=frame.drop(columns=["link"]),
    )


def gaps_table() -> Table:
    """Every gap and caveat documented in ``datapackage.json``, table by table."""
    records = []
    for name in tables():
        for gap in describe(name).get("gaps", []):
            records.append({"table": f"{name}.csv", "gap": gap})
    frame = pd.DataFrame(records, columns=["table", "gap"])
    columns = (("table", "Table"), ("gap", "What is missing or does not add up"))
    caption = f"Documented gaps and caveats: {len(frame)} across {frame['table'].nunique()} tables"
    text = [caption] + [f"{r['table']} | {r['gap']}" for r in records]
    return Table(html=html_table(frame, columns, caption), text="\n".join(text), frame=frame)


def provenance_counts() -> dict:
    """Counts the data page quotes: tables, rows, primary and secondary rows, sources cited,
    sources in the bibliography, contradictions and documented gaps."""
    n_rows = primary = secondary = 0
    cited: set[str] = set()
    with_confidence = 0
    for name in tables():
        data = load(name)
        n_rows += len(data)
        if "confidence" in data and set(data["confidence"]) <= {"primary", "secondary"}:
            with_confidence += 1
            primary += int((data["confidence"] == "primary").sum())
            secondary += int((data["confidence"] == "secondary").sum())
        for field in describe(name)["schema"]["fields"]:
            if field.get("bibkeys"):
                for cell in data[field["name"]].dropna():
                    cited.update(bibliography.split_keys(cell))
    known = bibliography.sources()
    cited &= set(known)
    return {
        "tables": len(tables()),
        "rows": n_rows,
        "tables_with_confidence": with_confidence,
        "primary_rows": primary,
        "secondary_rows": secondary,
        "sources": len(known),
        "sources_cited_in_tables": len(cited),
        "contradictions": len(load("contradictions")),
        "gaps": sum(len(describe(n).get("gaps", [])) for n in tables()),
        "files": len(_published_files()),
    }
