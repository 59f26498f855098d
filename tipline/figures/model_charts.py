"""Charts and tables for the model chapter, the executive summary and the conclusion.

Every chart is a :class:`tipline.chart.Chart` (a title that states the finding, a source
line, a text alternative with the key numbers, the data files behind it); every table is a
:class:`Table` (an accessible HTML ``<table>`` with a ``<caption>`` and scoped headings,
plus a plain-text form). All numbers come from ``data/`` through the model
(:mod:`tipline.model`, :mod:`tipline.model.uncertainty`); none is typed here.

Besides the figures, two small analyses the pages quote:

* :func:`monte_carlo_readings` runs the Monte Carlo twice: over the documented uncertainty
  ranges (:func:`tipline.model.uncertainty.uncertainty_ranges`) and with the unmeasured
  assumptions free over their full slider ranges (:func:`full_ranges`);
* :func:`threshold` finds, by bisection, the value of one parameter at which the tilt
  reaches a given level (zero: the verdict flips) with every other parameter held.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography
from tipline.calibration import year_inputs
from tipline.chart import Chart
from tipline.figures.common import mark_tilt_default
from tipline.figures.sources import source_line
from tipline.flow import sankey_trace
from tipline.ledger import html_table
from tipline.model import (
    DEFAULT_YEAR,
    NAMES,
    RANGES,
    VERDICT_PHRASES,
    VERDICT_THRESHOLDS,
    YEARS,
    evaluate,
    params_for_year,
    verdict,
)
from tipline.model.params import check_year
from tipline.model.uncertainty import (
    UNCERTAIN,
    UNCERTAINTY_RULES,
    MonteCarloResult,
    frontier,
    monte_carlo,
    tornado,
    uncertainty_ranges,
)
from tipline.model.validate import check
from tipline.style import NEUTRAL, OKABE_ITO, SERIES, base_layout
from tipline.table import Table

__all__ = [
    "DATA_FILES",
    "FLIP_PARAMS",
    "READINGS",
    "SYMBOLS",
    "Table",
    "assumptions",
    "flow_sankey",
    "frontier_chart",
    "model_choices",
    "model_choices_table",
    "full_ranges",
    "monte_carlo_histogram",
    "monte_carlo_readings",
    "monte_carlo_table",
    "parameter_table",
    "round_count",
    "Step",
    "summary_table",
    "threshold",
    "thresholds_table",
    "tornado_chart",
    "uncertainty_table",
    "verdict_bands_table",
    "worked_example",
]

DATA_FILES = ("reports_by_year.csv", "le_recipients.csv", "capacity_outcomes.csv")
"""The tables in ``data/`` behind the model's calibrated defaults."""

SYMBOLS = {
    "volume": "N",
    "foreign_share": "f",
    "quality": "q",
    "capacity": "C",
    "triage": "t",
    "p_success": "s",
    "p_compromise": "c\u2080",
    "p_alert": "a",
}
"""The symbol of each parameter in the model chapter's equations (plain text)."""

READINGS = {
    "documented": "documented uncertainty ranges",
    "full": "unmeasured assumptions over their full slider ranges",
}
"""The two Monte Carlo readings of :func:`monte_carlo_readings`, with a short description."""

MC_N = 10_000
MC_SEED = 20241

_AXIS_TILT = "Tilt (\u22121: every outcome helps defendants; +1: every outcome helps investigators)"


# -- small helpers ---------------------------------------------------------------------------


def _year(year) -> int:
    return check_year(year)


def _check_count(value, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{what} must be a whole number of at least {minimum} (got {value!r})")
    return int(value)


def round_count(x: float) -> str:
    """A count rounded to two significant figures for prose, e.g. ``"9,400"``.

    Counts under 100 are rounded to a whole number. The same rounding as the model's verdict
    sentence, so the page and the sentence agree.
    """
    x = float(x)
    if not math.isfinite(x) or x < 0:
        raise ValueError(f"a count must be a finite non-negative number (got {x!r})")
    if x < 100:
        return f"{round(x):,.0f}"
    return f"{float(f'{x:.2g}'):,.0f}"


def _fmt(name: str, value: float, precise: bool | int = False) -> str:
    """A parameter value formatted for reading; ``precise`` adds decimals to shares (1 when
    True, or the number given)."""
    spec = params_for_year(DEFAULT_YEAR)[name].format
    if precise and spec.endswith("%"):
        digits = int(spec[1:-1]) if spec[1:-1].isdigit() else 0
        spec = f".{digits + int(precise)}%"
    if spec.endswith("f") and abs(value) >= 1000:
        spec = ",.0f"
    return format(value, spec)


def _measured_sources(year: int) -> list[tuple[str, str]]:
    """(bib key, primary/secondary) of the data rows behind a year's calibrated defaults."""
    pairs = []
    for entry in year_inputs(year).values():
        confidence = "secondary" if "secondary" in entry["confidence"] else "primary"
        pairs += [(key, confidence) for key in entry["sources"]]
    return pairs


def _sources(years: Sequence[int], note: str = "") -> str:
    pairs = []
    for y in years:
        pairs += _measured_sources(y)
    return source_line(pairs, note=note)


def assumptions() -> tuple[str, ...]:
    """The parameters whose defaults are assumptions, not measurements (in model order)."""
    return tuple(name for name, p in params_for_year(DEFAULT_YEAR).items() if not p.measured)


def _assumption_note() -> str:
    labels = [params_for_year(DEFAULT_YEAR)[n].label.lower() for n in assumptions()]
    listed = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
    return f"The model's {listed} are assumptions, not measurements."


# -- analyses --------------------------------------------------------------------------------


def full_ranges() -> dict[str, tuple[float, float]]:
    """The full valid (slider) range of every unmeasured assumption."""
    return {name: RANGES[name] for name in assumptions()}


def monte_carlo_readings(
    year: int | None = None, n: int = MC_N, seed: int = MC_SEED
) -> dict[str, MonteCarloResult]:
    """The Monte Carlo under both readings of :data:`READINGS`, same draws count and seed.

    ``"documented"``: :func:`tipline.model.uncertainty.monte_carlo` as documented (capacity,
    triage, p_success, p_compromise and p_alert drawn over their uncertainty ranges).
    ``"full"``: the same, except that the unmeasured assumptions are drawn over their full
    slider ranges (:func:`full_ranges`).
    """
    year = _year(year)
    n = _check_count(n, "n", 1)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"seed must be a whole number (got {seed!r})")
    return {
        "documented": monte_carlo(n=n, seed=seed, year=year),
        "full": monte_carlo(n=n, seed=seed, year=year, ranges=full_ranges()),
    }


def threshold(param: str, tilt: float = 0.0, year: int | None = None, **fixed) -> float | None:
    """The value of ``param`` at which the model's tilt equals ``tilt``.

    Every other parameter stays at ``year``'s defaults, or at the values in ``fixed``. The
    tilt is monotone in each parameter, so a bisection over the parameter's valid range
    finds the crossing; for a parameter on which the tilt is flat past some point (capacity
    beyond the number of domestic reports) it returns the smallest value that reaches
    ``tilt``. Returns ``None`` when the tilt does not reach ``tilt`` anywhere in the valid
    range. Raises ``ValueError`` for an unknown parameter, a tilt outside (-1, 1) or a
    parameter both solved for and fixed.
    """
    if param not in RANGES:
        raise ValueError(f"unknown parameter {param!r}; allowed are: {', '.join(NAMES)}")
    if param in fixed:
        raise ValueError(f"threshold solves for {param}; do not fix it")
    if isinstance(tilt, bool) or not isinstance(tilt, numbers.Real) or not -1 < tilt < 1:
        raise ValueError(f"tilt must be a number strictly between -1 and 1 (got {tilt!r})")
    year = _year(year)
    low, high = RANGES[param]

    def gap(x):
        return float(evaluate(year=year, **fixed, **{param: x}).tilt) - tilt

    g_low, g_high = gap(low), gap(high)
    rising = g_high > g_low
    if g_low == g_high or not (min(g_low, g_high) <= 0 <= max(g_low, g_high)):
        return None
    if g_low == 0:
        return low
    for _ in range(200):
        mid = 0.5 * (low + high)
        reached = gap(mid) >= 0 if rising else gap(mid) <= 0
        if reached:
            high = mid
        else:
            low = mid
        if high - low <= 1e-12 * max(abs(high), 1.0):
            break
    return high


def _ratio(t: float) -> float:
    """B_inv / B_def for a given tilt t: (1 + t) / (1 - t)."""
    return (1.0 + t) / (1.0 - t)


# -- tables ----------------------------------------------------------------------------------


def _table(frame, columns, caption, row_header, raw=()) -> Table:
    text_lines = [caption]
    for _, row in frame.iterrows():
        cells = [str(row[c]) for c, _ in columns if c not in raw]
        text_lines.append(" | ".join(cells))
    return Table(
        html=html_table(frame, columns, caption, row_header=row_header, raw_html_columns=raw),
        text="\n".join(text_lines),
        frame=frame,
    )


def _strip_derivation(note: str, derivation: str) -> str:
    suffix = f"{derivation}."
    return note[: -len(suffix)].strip() if note.endswith(suffix) else note


def parameter_table(years: Sequence[int] = YEARS) -> Table:
    """Every model parameter: meaning, unit, valid range, defaults per year, kind, sources.

    Built from :func:`tipline.model.params_for_year`; the sources of measured defaults are
    the data rows used in each year; the note adds each year's derivation.
    """
    years = tuple(_year(y) for y in years)
    if not years:
        raise ValueError("parameter_table needs at least one calibrated year")
    per_year = {y: params_for_year(y) for y in years}
    derivations = {y: year_inputs(y) for y in years}
    rows = []
    for name in NAMES:
        p = per_year[years[0]][name]
        keys = []
        for y in years:
            for key in per_year[y][name].sources:
                if key not in keys:
                    keys.append(key)
        if p.measured:
            base = _strip_derivation(p.note, derivations[years[0]][name]["note"])
            note = " ".join([base] + [derivations[y][name]["note"] + "." for y in years]).strip()
        else:
            note = p.note
        low, high = RANGES[name]
        row = {
            "parameter": f"{p.label} ({SYMBOLS[name]})",
            "meaning": p.meaning,
            "unit": p.unit,
            "range": f"{_fmt(name, low)} to {_fmt(name, high)}",
            "kind": "measured (proxy from data)" if p.measured else "assumption (unmeasured)",
            "sources": "; ".join(bibliography.link_html(k) for k in keys) or "none",
            "note": note,
        }
        for y in years:
            row[f"default_{y}"] = _fmt(name, per_year[y][name].default, precise=True)
        rows.append(row)
    frame = pd.DataFrame(rows)
    columns = [
        ("parameter", "Parameter (symbol)"),
        ("meaning", "Meaning"),
        ("unit", "Unit"),
        ("range", "Valid range"),
        *[(f"default_{y}", f"{y} default") for y in years],
        ("kind", "Measured or assumption"),
        ("sources", "Sources"),
        ("note", "Note"),
    ]
    return _table(
        frame,
        columns,
        "The model's parameters, their valid ranges and their defaults for "
        + " and ".join(map(str, years))
        + " (measured defaults are computed from data/)",
        row_header="parameter",
        raw=("sources",),
    )


def verdict_bands_table() -> Table:
    """The five verdict bands of :data:`tipline.model.VERDICT_THRESHOLDS` in words."""
    clear, lean = VERDICT_THRESHOLDS["clear"], VERDICT_THRESHOLDS["lean"]
    bands = [
        (VERDICT_PHRASES[0], f"{clear:.2f} or more", f"at least {_ratio(clear):.2f}"),
        (
            VERDICT_PHRASES[1],
            f"from {lean:.2f} up to {clear:.2f}",
            f"{_ratio(lean):.2f} to {_ratio(clear):.2f}",
        ),
        (
            VERDICT_PHRASES[2],
            f"between \u2212{lean:.2f} and {lean:.2f}",
            f"{_ratio(-lean):.2f} to {_ratio(lean):.2f}",
        ),
        (
            VERDICT_PHRASES[3],
            f"from \u2212{clear:.2f} to \u2212{lean:.2f}",
            f"{_ratio(-clear):.2f} to {_ratio(-lean):.2f}",
        ),
        (VERDICT_PHRASES[4], f"\u2212{clear:.2f} or less", f"at most {_ratio(-clear):.2f}"),
    ]
    frame = pd.DataFrame(bands, columns=["verdict", "tilt", "ratio"])
    return _table(
        frame,
        [
            ("verdict", "Verdict"),
            ("tilt", "Tilt"),
            ("ratio", "Outcomes for investigators per outcome for defendants"),
        ],
        "The verdict bands: the tilt and the ratio of the two benefits it corresponds to",
        row_header="verdict",
    )


def _threshold_cell(name: str, value: float | None, default: float) -> str:
    if value is None:
        return "not reached in the valid range"
    change = value / default - 1 if default else float("nan")
    if math.isfinite(change):
        digits = 0 if abs(change) >= 0.01 else (1 if abs(change) >= 0.001 else 2)
        rel = f" ({change:+.{digits}%} from the default)"
    else:
        rel = ""
    return f"{_fmt(name, value, precise=2)}{rel}"


def thresholds_table(year: int | None = None) -> Table:
    """For each parameter alone: the value at which the tilt crosses zero, leaves the
    "lean" band and reaches "clearly favours investigators" (others at the defaults)."""
    year = _year(year)
    params = params_for_year(year)
    clear, lean = VERDICT_THRESHOLDS["clear"], VERDICT_THRESHOLDS["lean"]
    rows = []
    for name in NAMES:
        default = params[name].default
        values = {t: threshold(name, t, year) for t in (0.0, lean, clear)}
        rows.append(
            {
                "parameter": f"{params[name].label} ({SYMBOLS[name]})",
                "default": _fmt(name, default, precise=2),
                "zero": _threshold_cell(name, values[0.0], default),
                "lean": _threshold_cell(name, values[lean], default),
                "clear": _threshold_cell(name, values[clear], default),
                "zero_value": values[0.0],
                "lean_value": values[lean],
                "clear_value": values[clear],
            }
        )
    frame = pd.DataFrame(rows)
    return _table(
        frame,
        [
            ("parameter", "Parameter (symbol)"),
            ("default", f"{year} default"),
            ("zero", "Tilt crosses zero (the verdict flips) at"),
            ("lean", f"Tilt equals {lean:.2f} (edge of \u201c{VERDICT_PHRASES[1]}\u201d) at"),
            ("clear", f"Tilt reaches {clear:.2f} (\u201c{VERDICT_PHRASES[0]}\u201d) at"),
        ],
        f"What one parameter alone would have to be for the verdict to change, every other "
        f"parameter at its {year} default",
        row_header="parameter",
    )


def monte_carlo_table(year: int | None = None, n: int = MC_N, seed: int = MC_SEED) -> Table:
    """Share of Monte Carlo draws in each verdict band, under both readings."""
    runs = monte_carlo_readings(year, n=n, seed=seed)
    rows = [
        {
            "row": "Investigators favoured (tilt above zero)",
            **{k: f"{r.share_investigators_favoured:.1%}" for k, r in runs.items()},
        }
    ]
    for phrase in VERDICT_PHRASES:
        rows.append(
            {
                "row": f"\u201c{phrase}\u201d",
                **{k: f"{r.verdict_shares[phrase]:.1%}" for k, r in runs.items()},
            }
        )
    for q, label in ((0.05, "5th percentile"), (0.5, "median"), (0.95, "95th percentile")):
        rows.append(
            {"row": f"Tilt, {label}", **{k: f"{r.quantiles[q]:+.2f}" for k, r in runs.items()}}
        )
    frame = pd.DataFrame(rows)
    first = next(iter(runs.values()))
    return _table(
        frame,
        [("row", "Share of draws or tilt")] + [(k, f"Reading: {READINGS[k]}") for k in runs],
        f"{first.n:,} random settings for {first.year} under each reading: how often each "
        "verdict comes out, and the spread of the tilt",
        row_header="row",
    )


# -- charts ----------------------------------------------------------------------------------


def flow_sankey(year: int | None = None) -> Chart:
    """The model's flow of one year's domestic reports at the year's defaults (Sankey)."""
    year = _year(year)
    r = evaluate(year=year)
    out = {k: float(v) for k, v in r.as_dict().items()}
    fig = go.Figure(data=[sankey_trace(out)])
    fig.update_layout(base_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}))
    d, w = out["domestic"], out["worked"]
    title = (
        f"Of {d / 1e6:.1f} million domestic reports in {year}, investigators could work "
        f"{w / d:.0%}; about {round_count(out['sound_case'])} became sound cases against "
        f"about {round_count(out['benefit_defendants'])} outcomes that help defendants"
    )
    alt = (
        f"Flow diagram of the model at the {year} defaults. {d:,.0f} domestic reports split "
        f"into {out['actionable']:,.0f} actionable and {out['informational']:,.0f} "
        f"informational. {w:,.0f} reports are worked, {out['investigated']:,.0f} of them "
        f"actionable. Outcomes: {out['sound_case']:,.0f} sound cases or identified victims "
        f"(help investigators); {out['compromised']:,.0f} compromised cases and "
        f"{out['lost_or_alerted']:,.0f} reports whose evidence was lost or whose suspect was "
        f"alerted (help defendants); {out['no_result']:,.0f} investigated with no result; "
        f"{out['unrealised']:,.0f} actionable reports never reached (unrealised value, "
        f"{out['unrealised_share']:.0%} of domestic reports); "
        f"{out['informational_worked']:,.0f} informational reports worked with little to "
        f"find and {out['idle_informational']:,.0f} not worked with no effect. Tilt "
        f"{out['tilt']:+.2f}: {verdict(out['tilt'])}."
    )
    return Chart(
        figure=fig,
        title=title,
        source=_sources([year], note=_assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=480,
    )


def tornado_chart(year: int | None = None) -> Chart:
    """One parameter at a time moved to each end of its uncertainty range (tornado).

    Bars start at the tilt at the year's defaults and end at the tilt with one parameter at
    the low end (hatched) or the high end (solid) of its range
    (:func:`tipline.model.uncertainty.tornado`); largest swing on top.
    """
    year = _year(year)
    table = tornado(year)
    params = params_for_year(year)
    default = float(table.attrs["tilt_default"])
    positive = default > 0
    flips = [
        row["param"]
        for _, row in table.iterrows()
        if ((row["tilt_low"] > 0) != positive) or ((row["tilt_high"] > 0) != positive)
    ]
    shown = table.iloc[::-1]  # plotly draws the first category at the bottom
    labels = [f"{params[n].label} ({SYMBOLS[n]})" for n in shown["param"]]
    fig = go.Figure()
    for end, colour, pattern in (
        ("low", OKABE_ITO["reddish_purple"], "/"),
        ("high", OKABE_ITO["bluish_green"], ""),
    ):
        tilts = shown[f"tilt_{end}"].to_numpy(dtype=float)
        values = [_fmt(n, v) for n, v in zip(shown["param"], shown[f"{end}_value"], strict=True)]
        fig.add_trace(
            go.Bar(
                y=labels,
                x=tilts - default,
                base=default,
                orientation="h",
                name=f"Parameter at the {end} end of its range",
                marker={"color": colour, "pattern": {"shape": pattern}},
                text=values,
                textposition="outside",
                cliponaxis=False,
                customdata=np.stack([tilts], axis=1),
                hovertemplate="%{y}: %{text} gives tilt %{customdata[0]:+.2f}<extra></extra>",
            )
        )
    mark_tilt_default(fig, default)
    fig.update_layout(
        base_layout(
            barmode="overlay",
            margin={"l": 300, "r": 40, "t": 30, "b": 60},
            legend={"orientation": "h", "y": -0.2},
        ),
        xaxis={"title": _AXIS_TILT, "range": [-1.1, 1.1], "zeroline": False},
        yaxis={"title": ""},
    )
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
            f"{params[n].label}: {_fmt(n, row['low_value'])} gives tilt "
            f"{row['tilt_low']:+.2f}, {_fmt(n, row['high_value'])} gives {row['tilt_high']:+.2f}"
        )
    alt = (
        f"Tornado chart for {year}. At the defaults the tilt is {default:+.2f}. Each parameter "
        "is moved alone to the low and then the high end of its uncertainty range, largest "
        "effect first. " + "; ".join(parts) + ". Parameters that can push the tilt past zero "
        "on their own: " + (", ".join(params[n].label for n in flips) or "none") + "."
    )
    return Chart(
        figure=fig,
        title=title,
        source=_sources([year], note=_assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=460,
    )


def monte_carlo_histogram(year: int | None = None, n: int = MC_N, seed: int = MC_SEED) -> Chart:
    """Histogram of the Monte Carlo tilts under both readings (:func:`monte_carlo_readings`)."""
    runs = monte_carlo_readings(year, n=n, seed=seed)
    year = runs["documented"].year
    edges = np.linspace(-1.0, 1.0, 41)
    centres = 0.5 * (edges[:-1] + edges[1:])
    fig = go.Figure()
    styles = {
        "documented": (OKABE_ITO["bluish_green"], ""),
        "full": (OKABE_ITO["orange"], "/"),
    }
    for key, result in runs.items():
        counts, _ = np.histogram(result.tilts, bins=edges)
        colour, pattern = styles[key]
        fig.add_trace(
            go.Bar(
                x=centres,
                y=counts / result.n * 100,
                width=edges[1] - edges[0],
                name=f"{READINGS[key][0].upper()}{READINGS[key][1:]} "
                f"({result.share_investigators_favoured:.0%} above zero)",
                marker={"color": colour, "pattern": {"shape": pattern}, "opacity": 0.7},
                hovertemplate="tilt %{x:+.2f}: %{y:.1f}% of draws<extra></extra>",
            )
        )
    fig.add_vline(x=0, line_color="#222222", line_width=2)
    clear, lean = VERDICT_THRESHOLDS["clear"], VERDICT_THRESHOLDS["lean"]
    for x in (-clear, -lean, lean, clear):
        fig.add_vline(x=x, line_dash="dot", line_color=NEUTRAL)
    default = float(evaluate(year=year).tilt)
    fig.add_annotation(
        x=0.5,
        y=1.0,
        yref="paper",
        text="favours investigators \u2192",
        showarrow=False,
        yanchor="bottom",
    )
    fig.add_annotation(
        x=-0.5,
        y=1.0,
        yref="paper",
        text="\u2190 favours defendants",
        showarrow=False,
        yanchor="bottom",
    )
    fig.update_layout(
        base_layout(barmode="overlay", legend={"orientation": "h", "y": -0.25}),
        xaxis={"title": _AXIS_TILT, "range": [-1.02, 1.02]},
        yaxis={"title": "Share of draws (%)"},
    )
    doc, full = runs["documented"], runs["full"]
    title = (
        f"Over the documented ranges {doc.share_investigators_favoured:.0%} of "
        f"{doc.n:,} draws favour investigators; with the unmeasured assumptions free over "
        f"their full ranges only {full.share_investigators_favoured:.0%} do"
    )

    def describe(r):
        shares = ", ".join(f"{p} {s:.0%}" for p, s in r.verdict_shares.items())
        return (
            f"{r.share_investigators_favoured:.1%} of draws have a tilt above zero; the median "
            f"tilt is {r.quantiles[0.5]:+.2f} and 90% of tilts lie between "
            f"{r.quantiles[0.05]:+.2f} and {r.quantiles[0.95]:+.2f}; by verdict: {shares}"
        )

    labels = params_for_year(year)
    alt = (
        f"Two overlaid histograms of the tilt over {doc.n:,} random settings each ({year} "
        f"data; the tilt at the defaults is {default:+.2f}). Reading one, "
        f"{READINGS['documented']} (drawn: "
        + ", ".join(labels[k].label.lower() for k in doc.draws)
        + f"): {describe(doc)}. Reading two, {READINGS['full']} ("
        + ", ".join(labels[k].label.lower() for k in full_ranges())
        + f" over their whole valid ranges): {describe(full)}. Dotted lines mark the verdict "
        "bands at \u00b1"
        f"{lean:.2f} and \u00b1{clear:.2f}."
    )
    return Chart(
        figure=fig,
        title=title,
        source=_sources(
            [year],
            note="Uniform random draws (seed "
            f"{doc.seed}); the ranges are the book's, described on the model page. "
            + _assumption_note(),
        ),
        alt=alt,
        data_files=DATA_FILES,
        height=440,
    )


def _check_shares(foreign_shares) -> tuple[float, ...]:
    if isinstance(foreign_shares, (str, bytes)) or not isinstance(foreign_shares, Sequence):
        raise ValueError(
            f"foreign_shares must be a sequence of shares between 0 and 0.99 "
            f"(got {foreign_shares!r})"
        )
    return tuple(float(check("foreign_share", f)) for f in foreign_shares)


def frontier_chart(
    year: int | None = None,
    foreign_shares: Sequence[float] = (0.75, 0.85, 0.95),
    n_quality: int = 60,
) -> Chart:
    """Where the tilt crosses zero in the quality x capacity plane.

    One dashed line per value of ``foreign_shares`` (other parameters at ``year``'s
    defaults) and, for every calibrated year, a solid line at that year's own defaults with
    the year's measured (quality, capacity) point marked. Above a line investigators are
    favoured, below it defendants. Raises ``ValueError`` for an uncalibrated year, shares
    outside the valid range or too few quality steps.
    """
    year = _year(year)
    shares = _check_shares(foreign_shares)
    n_quality = _check_count(n_quality, "n_quality", 5)
    q = np.linspace(0.05, 1.0, n_quality)
    fig = go.Figure()
    dashes = ("dash", "dot", "dashdot", "longdash", "longdashdot")
    if shares:
        fr = frontier(q, shares, year=year)
        for i, f in enumerate(shares):
            fig.add_trace(
                go.Scatter(
                    x=q,
                    y=fr["capacity"][i],
                    mode="lines",
                    name=f"Foreign share {f:.0%} ({year} volume)",
                    line={"color": SERIES[(i + 2) % len(SERIES)], "dash": dashes[i % 5]},
                    hovertemplate="quality %{x:.0%}: break-even capacity %{y:,.0f}<extra>"
                    f"foreign share {f:.0%}</extra>",
                )
            )
    symbols = ("circle", "diamond", "square", "triangle-up")
    colours = (OKABE_ITO["blue"], OKABE_ITO["black"], OKABE_ITO["vermillion"])
    points = []
    for j, y in enumerate(YEARS):
        p = params_for_year(y)
        f_y, q_y, c_y = (p[k].default for k in ("foreign_share", "quality", "capacity"))
        own = frontier(q, [f_y], year=y)["capacity"][0]
        at_point = float(frontier([q_y], [f_y], year=y)["capacity"][0, 0])
        points.append((y, f_y, q_y, c_y, at_point))
        colour = colours[j % len(colours)]
        fig.add_trace(
            go.Scatter(
                x=q,
                y=own,
                mode="lines",
                name=f"{y} settings (foreign share {f_y:.0%})",
                line={"color": colour, "width": 3},
                hovertemplate="quality %{x:.0%}: break-even capacity %{y:,.0f}<extra>"
                f"{y}</extra>",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[q_y],
                y=[c_y],
                mode="markers+text",
                name=f"{y} measured: quality {q_y:.0%}, capacity {c_y:,.0f}",
                marker={"symbol": symbols[j % 4], "size": 13, "color": colour},
                text=[str(y)],
                textposition="top left" if j % 2 else "bottom right",
                hovertemplate=f"{y}: quality {q_y:.1%}, capacity {c_y:,.0f}<extra></extra>",
            )
        )
    c_low, c_high = RANGES["capacity"]
    for x, y, anchor, text in (
        (0.98, 0.97, "right", "above a line: investigators favoured"),
        (0.02, 0.03, "left", "below a line: defendants favoured"),
    ):
        fig.add_annotation(
            x=x, y=y, xref="paper", yref="paper", showarrow=False, xanchor=anchor, text=text
        )
    fig.update_layout(
        base_layout(
            legend={"orientation": "h", "y": -0.22}, margin={"l": 90, "r": 20, "t": 20, "b": 60}
        ),
        xaxis={
            "title": "Quality: actionable share of domestic reports",
            "tickformat": ".0%",
            "range": [0, 1.02],
        },
        yaxis={
            "title": "Capacity (reports worked per year, log scale)",
            "type": "log",
            "range": [math.log10(c_low), math.log10(c_high)],
        },
    )
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
        source=_sources(YEARS, note=_assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=480,
    )


# -- the model chapter's worked example, choices and uncertainty ranges, the conclusion -------


@dataclass(frozen=True)
class Step:
    """One step of :func:`worked_example`.

    ``symbolic`` is the equation in LaTeX as the model chapter writes it; ``substituted``
    the same equation with the year's numbers put in (LaTeX); ``value`` the model's own
    result at full precision and ``text`` that value formatted for prose.
    """

    key: str
    label: str
    symbolic: str
    substituted: str
    value: float
    text: str


def _tex_count(x: float) -> str:
    """A count for LaTeX: 2990341.0 -> '2{,}990{,}341' (thousands commas as ordinary)."""
    return f"{float(x):,.0f}".replace(",", "{,}")


def _tex_share(x: float) -> str:
    """A share or chance for LaTeX, four significant figures: 0.9174175 -> '0.9174'."""
    return f"{float(x):.4g}"


def worked_example(year: int | None = None) -> tuple[Step, ...]:
    """Every equation of the model, in order, with ``year``'s default numbers put in.

    The values are the model's own outputs (:func:`tipline.model.evaluate` at the year's
    defaults), so the worked example cannot drift from the model; the inputs shown in
    ``substituted`` are rounded to four significant figures, so a product worked by hand from
    them may differ from ``value`` in its last digits.
    """
    year = _year(year)
    r = evaluate(year=year)
    p = {k: float(v) for k, v in r.params.items()}
    o = {k: float(v) for k, v in r.as_dict().items()}
    N, C = _tex_count(p["volume"]), _tex_count(p["capacity"])
    f, q = _tex_share(p["foreign_share"]), _tex_share(p["quality"])
    t, s, c0, a = (_tex_share(p[k]) for k in ("triage", "p_success", "p_compromise", "p_alert"))
    c_value = p["p_compromise"] * (2.0 - p["quality"])
    n = {k: _tex_count(v) for k, v in o.items() if k not in ("tilt", "unrealised_share")}
    c = _tex_share(c_value)
    rows = [
        ("foreign", "Reports whose user is abroad", r"F = N\,f", rf"{N} \times {f}"),
        ("domestic", "Domestic reports", r"D = N\,(1 - f)", rf"{N} \times (1 - {f})"),
        ("actionable", "Actionable reports", r"A = q\,D", rf"{q} \times {n['domestic']}"),
        (
            "informational",
            "Informational reports",
            r"I = D - A",
            rf"{n['domestic']} - {n['actionable']}",
        ),
        ("worked", "Reports worked", r"W = \min(C,\ D)", rf"\min({C},\ {n['domestic']})"),
        (
            "investigated",
            "Actionable reports worked",
            r"W_A = (1 - t)\,q\,W + t\,\min(W,\ A)",
            rf"(1 - {t}) \times {q} \times {n['worked']} + {t} \times "
            rf"\min({n['worked']},\ {n['actionable']})",
        ),
        (
            "informational_worked",
            "Informational reports worked",
            r"W_I = W - W_A",
            rf"{n['worked']} - {n['investigated']}",
        ),
        (
            "not_reached",
            "Actionable reports not reached",
            r"R = A - W_A",
            rf"{n['actionable']} - {n['investigated']}",
        ),
        (
            "informational_unworked",
            "Informational reports not worked",
            r"U = I - W_I",
            rf"{n['informational']} - {n['informational_worked']}",
        ),
        (
            "c_q",
            "Chance of a compromised case at this quality",
            r"c(q) = c_0\,(2 - q)",
            rf"{c0} \times (2 - {q})",
        ),
        ("sound_case", "Sound cases", r"S = s\,W_A", rf"{s} \times {n['investigated']}"),
        (
            "compromised",
            "Compromised cases",
            r"K = c(q)\,W_A",
            rf"{c} \times {n['investigated']}",
        ),
        (
            "no_result",
            "Investigated, no result",
            r"Z = (1 - s - c(q))\,W_A",
            rf"(1 - {s} - {c}) \times {n['investigated']}",
        ),
        (
            "lost_or_alerted",
            "Evidence lost or suspect alerted",
            r"L = a\,(D - W)",
            rf"{a} \times ({n['domestic']} - {n['worked']})",
        ),
        (
            "unrealised",
            "Unrealised value",
            r"V = (1 - a)\,R",
            rf"(1 - {a}) \times {n['not_reached']}",
        ),
        (
            "idle_informational",
            "Informational reports left idle",
            r"Y = (1 - a)\,U",
            rf"(1 - {a}) \times {n['informational_unworked']}",
        ),
        (
            "benefit_investigators",
            "Benefit to investigators",
            r"B_{\text{inv}} = S",
            "S",
        ),
        (
            "benefit_defendants",
            "Benefit to defendants",
            r"B_{\text{def}} = K + L",
            rf"{n['compromised']} + {n['lost_or_alerted']}",
        ),
        (
            "tilt",
            "Tilt",
            r"\tau = \frac{B_{\text{inv}} - B_{\text{def}}}{B_{\text{inv}} + B_{\text{def}}}",
            rf"\frac{{{n['benefit_investigators']} - {n['benefit_defendants']}}}"
            rf"{{{n['benefit_investigators']} + {n['benefit_defendants']}}}",
        ),
        (
            "unrealised_share",
            "Share of domestic reports that are unrealised value",
            r"u = V / D",
            rf"{n['unrealised']} / {n['domestic']}",
        ),
    ]
    steps = []
    for key, label, symbolic, middle in rows:
        value = c_value if key == "c_q" else o[key]
        if key == "tilt":
            shown, text = f"{value:.4f}", f"{value:+.4f}"
        elif key in ("c_q", "unrealised_share"):
            shown, text = _tex_share(value), f"{value:.2%}" if key == "c_q" else f"{value:.1%}"
        else:
            shown, text = _tex_count(value), f"{value:,.0f}"
        lhs = symbolic.split(" = ", 1)[0]
        steps.append(Step(key, label, symbolic, f"{lhs} = {middle} = {shown}", float(value), text))
    return tuple(steps)


def _tilt_of(b_inv: float, b_def: float) -> float:
    return (b_inv - b_def) / (b_inv + b_def)


def _us_located_foreign_share(year: int) -> float:
    """The foreign share if reports with an unknown user location were not domestic."""
    from tipline.data import load

    rows = load("reports_by_year")
    row = rows[(rows["year"] == year) & rows["preferred"].astype(bool)].iloc[0]
    return 1.0 - float(row["us_user_location_reports"]) / float(row["total_reports"])


def model_choices(year: int | None = None) -> pd.DataFrame:
    """Where the book's model fills in or departs from the starting sketch, and what the
    other choice would do to the tilt at ``year``'s defaults.

    Columns: ``choice``, ``sketch`` (what the sketch said), ``book`` (what the model does),
    ``alternative`` (the other reading), ``tilt_book``, ``tilt_alternative`` and
    ``verdict_alternative``. The alternatives are computed from the model's own outputs:

    * compromise not rising as quality falls: ``K' = c0 W_A``;
    * reports with an unknown user location outside the question: the model run with
      ``f' = 1 - (U.S. user-location reports) / N`` (``data/reports_by_year.csv``);
    * only actionable reports nobody reached can alert a suspect: ``L' = a R``.
    """
    year = _year(year)
    r = evaluate(year=year)
    o = {k: float(v) for k, v in r.as_dict().items()}
    p = {k: float(v) for k, v in r.params.items()}
    book = o["tilt"]
    constant_c = _tilt_of(
        o["sound_case"], p["p_compromise"] * o["investigated"] + o["lost_or_alerted"]
    )
    us_only = float(evaluate(year=year, foreign_share=_us_located_foreign_share(year)).tilt)
    actionable_alert = _tilt_of(o["sound_case"], o["compromised"] + p["p_alert"] * o["not_reached"])
    rows = [
        (
            "Compromised cases and report quality",
            "the chance should rise as quality falls (no formula)",
            "c(q) = c\u2080 (2 \u2212 q): twice the base chance at zero quality",
            "the same chance c\u2080 at every quality",
            constant_c,
        ),
        (
            "Reports with an unknown user location",
            "not discussed",
            "counted as domestic: NCMEC makes them available to U.S. federal law enforcement",
            "left out, so only reports with a U.S. user location are domestic",
            us_only,
        ),
        (
            "Which unworked reports can alert a suspect or lose evidence",
            "actionable reports not reached in time",
            "every domestic report nobody works, informational ones included",
            "only actionable reports not reached",
            actionable_alert,
        ),
    ]
    frame = pd.DataFrame(
        rows, columns=["choice", "sketch", "book", "alternative", "tilt_alternative"]
    )
    frame.insert(4, "tilt_book", book)
    frame["verdict_alternative"] = [verdict(x) for x in frame["tilt_alternative"]]
    frame.attrs["year"] = year
    return frame


def model_choices_table(year: int | None = None) -> Table:
    """:func:`model_choices` as an accessible table, tilts to two decimals."""
    frame = model_choices(year).copy()
    year = frame.attrs["year"]
    frame["book_text"] = [
        f"{b} (tilt {t:+.2f})" for b, t in zip(frame["book"], frame["tilt_book"], strict=True)
    ]
    frame["alt_text"] = [
        f"{a} (tilt {t:+.2f}: {v})"
        for a, t, v in zip(
            frame["alternative"],
            frame["tilt_alternative"],
            frame["verdict_alternative"],
            strict=True,
        )
    ]
    return _table(
        frame,
        [
            ("choice", "Choice"),
            ("sketch", "The starting sketch"),
            ("book_text", "This book's model"),
            ("alt_text", "The other reading, and the tilt it gives"),
        ],
        f"Three modelling choices and what the other reading would do to the tilt at the "
        f"{year} defaults",
        row_header="choice",
    )


def _rule_text(name: str) -> str:
    kind, low, high = UNCERTAINTY_RULES[name]
    if kind == "relative":
        return f"{low:g} to {high:g} times the default"
    if kind == "absolute":
        return "anything in the valid range"
    return (
        f"the calibrated years' values or {1 - low:.0%} either side of the default, "
        "whichever is wider"
        + (" (applied to the domestic share 1 \u2212 f)" if name == "foreign_share" else "")
    )


def uncertainty_table(year: int | None = None) -> Table:
    """Every parameter's uncertainty range and how the two Monte Carlo readings treat it.

    The documented range is :func:`tipline.model.uncertainty.uncertainty_ranges`; the
    Monte Carlo draws the parameters in :data:`tipline.model.uncertainty.UNCERTAIN`, and
    the "full" reading draws the unmeasured assumptions over their valid ranges instead.
    """
    year = _year(year)
    params = params_for_year(year)
    ranges = uncertainty_ranges(year)
    full = full_ranges()
    rows = []
    for name in NAMES:
        low, high = ranges[name]
        if name in UNCERTAIN:
            documented = "drawn over this range"
        else:
            documented = "held at the default (moved only in the tornado chart)"
        if name in full:
            f_low, f_high = full[name]
            whole = (
                f"drawn over {_fmt(name, f_low, precise=True)} to "
                f"{_fmt(name, f_high, precise=True)}"
            )
        else:
            whole = "as in the documented reading"
        rows.append(
            {
                "parameter": f"{params[name].label} ({SYMBOLS[name]})",
                "default": _fmt(name, params[name].default, precise=True),
                "range": f"{_fmt(name, low, precise=True)} to {_fmt(name, high, precise=True)}",
                "rule": _rule_text(name),
                "documented": documented,
                "full": whole,
            }
        )
    frame = pd.DataFrame(rows)
    return _table(
        frame,
        [
            ("parameter", "Parameter (symbol)"),
            ("default", f"{year} default"),
            ("range", "Uncertainty range"),
            ("rule", "How the range is set"),
            ("documented", f"Monte Carlo: {READINGS['documented']}"),
            ("full", f"Monte Carlo: {READINGS['full']}"),
        ],
        f"How uncertain each input is taken to be ({year}), and which inputs the Monte Carlo draws",
        row_header="parameter",
    )


FLIP_PARAMS = ("capacity", "quality", "p_alert", "p_compromise")
"""The parameters whose break-even values :func:`summary_table` reports."""


def summary_table(years: Sequence[int] = YEARS, n: int = MC_N, seed: int = MC_SEED) -> Table:
    """The book's answer in one table: one column per calibrated year.

    Rows: the verdict and tilt at the year's defaults, the two benefits, the unrealised
    share, the share of Monte Carlo draws favouring investigators under both readings
    (:func:`monte_carlo_readings`), and the value of each of :data:`FLIP_PARAMS` at which the
    verdict flips with every other input at the year's default (:func:`threshold`).
    """
    years = tuple(_year(y) for y in years)
    if not years:
        raise ValueError("summary_table needs at least one calibrated year")
    rows: dict[str, dict[int, str]] = {}

    def put(label: str, year: int, text: str) -> None:
        rows.setdefault(label, {})[year] = text

    for y in years:
        r = evaluate(year=y)
        params = params_for_year(y)
        tilt = float(r.tilt)
        runs = monte_carlo_readings(y, n=n, seed=seed)
        put("Verdict at the defaults", y, verdict(tilt))
        put("Tilt at the defaults", y, f"{tilt:+.2f}")
        put("Sound cases or identified victims", y, round_count(float(r.sound_case)))
        put("Outcomes that help defendants", y, round_count(float(r.benefit_defendants)))
        put(
            "Actionable reports never reached (share of domestic reports)",
            y,
            f"{round_count(float(r.unrealised))} ({float(r.unrealised_share):.0%})",
        )
        for key, result in runs.items():
            put(
                f"Monte Carlo draws favouring investigators ({READINGS[key]})",
                y,
                f"{result.share_investigators_favoured:.0%}",
            )
        for name in FLIP_PARAMS:
            default = params[name].default
            value = threshold(name, 0.0, y)
            put(
                f"{params[name].label}: value at which the verdict flips",
                y,
                _threshold_cell(name, value, default),
            )
    frame = pd.DataFrame(
        [{"row": label, **{str(y): cells[y] for y in years}} for label, cells in rows.items()]
    )
    return _table(
        frame,
        [("row", "Measure")] + [(str(y), f"{y} defaults") for y in years],
        "The answer in brief: the model at each year's defaults, how often random settings "
        "agree, and what one input alone would have to be for the verdict to flip",
        row_header="row",
    )
