"""Charts and tables for the model chapter, the executive summary and the conclusion.

Every chart is a :class:`tipline.chart.Chart` (a title that states the finding, a source
line, a text alternative with the key numbers, the data files behind it); every table is a
:class:`Table` (an accessible HTML ``<table>`` with a ``<caption>`` and scoped headings,
plus a plain-text form). All numbers come from ``data/`` through the model
(:mod:`tipline.model`, :mod:`tipline.model.uncertainty`); none is typed here.

Besides the figures, small analyses the pages quote:

* :func:`monte_carlo_run` runs the Monte Carlo over the assumed ranges
  (:func:`tipline.model.uncertainty.uncertainty_ranges`) under one combination of modelling
  choices (seeded, cached per year and choices);
* :func:`threshold` finds, by bisection, the value of one parameter at which the tilt
  reaches a given level (zero: the verdict flips) with every other parameter held.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as html_escape

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
    CHOICE_LABELS,
    CHOICES,
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
    choice_spread,
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
    "SYMBOLS",
    "Table",
    "assumptions",
    "choice_label",
    "choice_spread_chart",
    "choice_spread_table",
    "flow_sankey",
    "frontier_chart",
    "model_choices",
    "model_choices_table",
    "monte_carlo_histogram",
    "monte_carlo_run",
    "monte_carlo_table",
    "parameter_table",
    "round_count",
    "Step",
    "summary_table",
    "threshold",
    "thresholds_table",
    "tornado_chart",
    "uncertainty_table",
    "unmodelled_table",
    "verdict_bands_table",
    "worked_example",
]

DATA_FILES = (
    "reports_by_year.csv",
    "le_recipients.csv",
    "capacity_outcomes.csv",
    "court_cases.csv",
)
"""The tables in ``data/`` behind the model's calibrated defaults."""

SYMBOLS = {
    "volume": "N",
    "foreign_share": "f",
    "quality": "q",
    "capacity": "C",
    "icac_share": "g",
    "triage": "t",
    "p_success": "s",
    "p_compromise": "k",
    "p_alert": "a",
    "p_lost": "l",
}
"""The symbol of each parameter in the model chapter's equations (plain text)."""

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


def choice_label(name: str, value: str) -> str:
    """The short label of one value of a modelling choice (e.g. "The same report never
    made")."""
    if name not in CHOICES or value not in CHOICES[name]:
        raise ValueError(f"unknown modelling choice {name}={value!r}")
    return CHOICE_LABELS[name][1][value]


def _combo_label(baseline: str, basis: str) -> str:
    return (
        f"against {choice_label('baseline', baseline).lower()}; capacity: "
        f"{'like for like' if basis == 'icac_stream' else 'all domestic reports'}"
    )


_MC_CACHE: dict = {}


def monte_carlo_run(
    year: int | None = None,
    baseline: str | None = None,
    capacity_basis: str | None = None,
    n: int = MC_N,
    seed: int = MC_SEED,
) -> MonteCarloResult:
    """:func:`tipline.model.uncertainty.monte_carlo` over the assumed ranges (seeded), cached
    per year, choices, ``n`` and seed so that the pages quoting it compute it once."""
    year = _year(year)
    n = _check_count(n, "n", 1)
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise ValueError(f"seed must be a whole number (got {seed!r})")
    key = (year, baseline, capacity_basis, n, int(seed))
    if key not in _MC_CACHE:
        _MC_CACHE[key] = monte_carlo(
            n=n, seed=seed, year=year, baseline=baseline, capacity_basis=capacity_basis
        )
    return _MC_CACHE[key]


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


def _interval(pair) -> str:
    low, high = pair
    return f"{low:+.2f} to {high:+.2f}"


def monte_carlo_table(year: int | None = None, n: int = MC_N, seed: int = MC_SEED) -> Table:
    """The Monte Carlo over the assumed ranges under each combination of modelling choices:
    the median tilt, its central 80% and 90% intervals, and the share of draws above zero
    (which describes the draws, not a probability)."""
    year = _year(year)
    rows = []
    for baseline in CHOICES["baseline"]:
        for basis in CHOICES["capacity_basis"]:
            mc = monte_carlo_run(year, baseline, basis, n=n, seed=seed)
            label = _combo_label(baseline, basis)
            default = float(evaluate(year=year, baseline=baseline, capacity_basis=basis).tilt)
            rows.append(
                {
                    "choices": label[0].upper() + label[1:],
                    "default": f"{default:+.2f}",
                    "median": f"{mc.median:+.2f}",
                    "interval80": _interval(mc.interval80),
                    "interval90": _interval(mc.interval90),
                    "above": f"{mc.share_investigators_favoured:.0%}",
                }
            )
    frame = pd.DataFrame(rows)
    return _table(
        frame,
        [
            ("choices", "Modelling choices"),
            ("default", "Tilt at the defaults"),
            ("median", "Median tilt of the draws"),
            ("interval80", "Central 80% of draws"),
            ("interval90", "Central 90% of draws"),
            ("above", "Draws with a tilt above zero"),
        ],
        f"{n:,} random settings of the poorly measured and unmeasured inputs within their "
        f"assumed ranges ({year}), under each combination of modelling choices",
        row_header="choices",
    )


def choice_spread_table(years: Sequence[int] = YEARS) -> Table:
    """The tilt at each year's defaults under every combination of modelling choices, with
    the share of weakened cases at its default and over its assumed range (low to high)."""
    years = tuple(_year(y) for y in years)
    if not years:
        raise ValueError("choice_spread_table needs at least one calibrated year")
    spreads = {y: choice_spread(y) for y in years}
    rows = []
    for baseline in CHOICES["baseline"]:
        for basis in CHOICES["capacity_basis"]:
            label = _combo_label(baseline, basis)
            row = {"choices": label[0].upper() + label[1:]}
            for y, frame in spreads.items():
                sub = frame[(frame["baseline"] == baseline) & (frame["capacity_basis"] == basis)]
                t = dict(zip(sub["k_level"], sub["tilt"], strict=True))
                row[f"tilt_{y}"] = f"{t['default']:+.2f}"
                row[f"range_{y}"] = f"{t['high']:+.2f} to {t['low']:+.2f}"
            rows.append(row)
    frame = pd.DataFrame(rows)
    columns = [("choices", "Modelling choices")]
    for y in years:
        columns += [
            (f"tilt_{y}", f"{y} tilt"),
            (f"range_{y}", f"{y}, share of weakened cases from high to low"),
        ]
    return _table(
        frame,
        columns,
        "The tilt at the defaults under each combination of modelling choices, and as the "
        "share of court cases weakened runs over its assumed range",
        row_header="choices",
    )


# -- charts ----------------------------------------------------------------------------------


def flow_sankey(year: int | None = None) -> Chart:
    """The model's flow of one year's domestic reports at the year's defaults (Sankey)."""
    year = _year(year)
    r = evaluate(year=year)
    out = {k: float(v) for k, v in r.as_dict().items()}
    fig = go.Figure(data=[sankey_trace(out, r.choices["baseline"])])
    fig.update_layout(base_layout(margin={"l": 10, "r": 10, "t": 10, "b": 10}))
    d, w = out["domestic"], out["worked"]
    title = (
        f"Of {d / 1e6:.1f} million domestic reports in {year}, neither side gains from "
        f"{out['neither_share']:.0%}; about {round_count(out['sound_case'])} became sound cases "
        f"against about {round_count(out['benefit_defendants'])} outcomes that help defendants"
    )
    alt = (
        f"Flow diagram of the model at the {year} defaults. {d:,.0f} domestic reports split "
        f"into {out['actionable']:,.0f} actionable and {out['informational']:,.0f} "
        f"informational. {w:,.0f} reports are worked, {out['investigated']:,.0f} of them "
        f"actionable. Helps investigators: {out['sound_case']:,.0f} sound cases or identified "
        f"victims. Helps defendants: {out['compromised']:,.0f} cases weakened in court and "
        f"{out['tipped_off']:,.0f} suspects tipped off by an unworked report. Neither side "
        f"gains ({out['neither']:,.0f} reports, {out['neither_share']:.1%}): "
        f"{out['no_result']:,.0f} investigated with no result, {out['unrealised']:,.0f} "
        f"actionable reports never reached, {out['lost']:,.0f} whose evidence was lost while "
        f"they waited (against the same report never made, that helps nobody), "
        f"{out['informational_worked']:,.0f} informational reports worked with little to find "
        f"and {out['idle_informational']:,.0f} not worked. Tilt {out['tilt']:+.2f}: "
        f"{verdict(out['tilt'])}."
    )
    return Chart(
        figure=fig,
        title=title,
        source=_sources([year], note=_assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=520,
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
    """Histogram of the Monte Carlo tilts at the default choices, with the median and the
    central 80% interval marked (:func:`monte_carlo_run`)."""
    mc = monte_carlo_run(year, n=n, seed=seed)
    year = mc.year
    edges = np.linspace(-1.0, 1.0, 41)
    centres = 0.5 * (edges[:-1] + edges[1:])
    counts, _ = np.histogram(mc.tilts, bins=edges)
    low80, high80 = mc.interval80
    inside = (centres >= low80) & (centres <= high80)
    fig = go.Figure()
    for mask, name, colour, pattern in (
        (inside, "Central 80% of draws", OKABE_ITO["blue"], ""),
        (~inside, "Outer 20% of draws", NEUTRAL, "/"),
    ):
        fig.add_trace(
            go.Bar(
                x=centres[mask],
                y=counts[mask] / mc.n * 100,
                width=edges[1] - edges[0],
                name=name,
                marker={"color": colour, "pattern": {"shape": pattern}, "opacity": 0.8},
                hovertemplate="tilt %{x:+.2f}: %{y:.1f}% of draws<extra></extra>",
            )
        )
    fig.add_vline(x=0, line_color="#222222", line_width=2)
    fig.add_vline(x=mc.median, line_dash="dash", line_color="#222222")
    fig.add_annotation(
        x=mc.median,
        y=1.0,
        yref="paper",
        text=f"median {mc.median:+.2f}",
        showarrow=False,
        yanchor="bottom",
        xanchor="right",
    )
    fig.update_layout(
        base_layout(barmode="overlay", legend={"orientation": "h", "y": -0.25}),
        xaxis={"title": _AXIS_TILT, "range": [-1.02, 1.02]},
        yaxis={"title": "Share of draws (%)"},
    )
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
        source=_sources(
            [year],
            note="Random draws (seed "
            f"{mc.seed}) over the book's assumed ranges, described on the model page. "
            + _assumption_note(),
        ),
        alt=alt,
        data_files=DATA_FILES,
        height=440,
    )


def choice_spread_chart(years: Sequence[int] = YEARS) -> Chart:
    """The tilt under every combination of modelling choices, for each calibrated year: a
    marker at the default share of weakened cases and a line over its assumed range."""
    years = tuple(_year(y) for y in years)
    if not years:
        raise ValueError("choice_spread_chart needs at least one calibrated year")
    combos = [(b, c) for b in CHOICES["baseline"] for c in CHOICES["capacity_basis"]]
    labels = [
        f"{'Never made' if b == 'no_report' else 'Worked in time'}; "
        f"{'like for like' if c == 'icac_stream' else 'all domestic'}"
        for b, c in combos
    ]
    symbols = ("circle", "diamond", "square")
    colours = (OKABE_ITO["blue"], OKABE_ITO["black"], OKABE_ITO["bluish_green"])
    fig = go.Figure()
    spreads = {y: choice_spread(y) for y in years}
    lowest, highest = 1.0, -1.0
    parts = []
    for j, (y, frame) in enumerate(spreads.items()):
        offset = (j - (len(years) - 1) / 2) * 0.18
        xs_default, xs_low, xs_high, ys = [], [], [], []
        for i, (b, c) in enumerate(combos):
            sub = frame[(frame["baseline"] == b) & (frame["capacity_basis"] == c)]
            t = dict(zip(sub["k_level"], sub["tilt"], strict=True))
            xs_default.append(t["default"])
            xs_low.append(t["high"])
            xs_high.append(t["low"])
            ys.append(len(combos) - 1 - i + offset)
            lowest, highest = min(lowest, t["default"]), max(highest, t["default"])
            parts.append(
                f"{y}, {labels[i].lower()}: {t['default']:+.2f} (from {t['high']:+.2f} to "
                f"{t['low']:+.2f} as the share of weakened cases runs from high to low)"
            )
        colour = colours[j % len(colours)]
        for x0, x1, yy in zip(xs_low, xs_high, ys, strict=True):
            fig.add_trace(
                go.Scatter(
                    x=[x0, x1],
                    y=[yy, yy],
                    mode="lines",
                    line={"color": colour, "width": 2},
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
        fig.add_trace(
            go.Scatter(
                x=xs_default,
                y=ys,
                mode="markers",
                name=f"{y} defaults (line: share of weakened cases over its range)",
                marker={"symbol": symbols[j % 3], "size": 12, "color": colour},
                hovertemplate=f"{y}: tilt %{{x:+.2f}}<extra></extra>",
            )
        )
    fig.add_vline(x=0, line_color="#222222", line_width=2)
    fig.update_layout(
        base_layout(
            legend={"orientation": "h", "y": -0.25}, margin={"l": 210, "r": 20, "t": 20, "b": 60}
        ),
        xaxis={"title": _AXIS_TILT, "range": [-1.02, 1.02]},
        yaxis={
            "tickvals": list(range(len(combos))),
            "ticktext": labels[::-1],
            "range": [-0.6, len(combos) - 0.4],
        },
    )
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
        source=_sources(years, note=_assumption_note()),
        alt=alt,
        data_files=DATA_FILES,
        height=420,
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
    defaults and default choices: the like-for-like capacity and the "no report" baseline),
    so the worked example cannot drift from the model; the inputs shown in ``substituted``
    are rounded to four significant figures, so a product worked by hand from them may
    differ from ``value`` in its last digits.
    """
    year = _year(year)
    r = evaluate(year=year)
    p = {k: float(v) for k, v in r.params.items()}
    o = {k: float(v) for k, v in r.as_dict().items()}
    N, C = _tex_count(p["volume"]), _tex_count(p["capacity"])
    f, q, g = (_tex_share(p[k]) for k in ("foreign_share", "quality", "icac_share"))
    t, s, k, a, lo = (
        _tex_share(p[key]) for key in ("triage", "p_success", "p_compromise", "p_alert", "p_lost")
    )
    shares = ("tilt", "unrealised_share", "neither_share")
    n = {key: _tex_count(v) for key, v in o.items() if key not in shares}
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
        (
            "worked",
            "Reports worked",
            r"W = \min(D,\ C / g)",
            rf"\min({n['domestic']},\ {C} / {g})",
        ),
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
        ("court", "Cases that reach court", r"J = s\,W_A", rf"{s} \times {n['investigated']}"),
        ("sound_case", "Sound cases", r"S = (1 - k)\,J", rf"(1 - {k}) \times {n['court']}"),
        ("compromised", "Cases weakened in court", r"K = k\,J", rf"{k} \times {n['court']}"),
        (
            "no_result",
            "Investigated, no result",
            r"Z = W_A - J",
            rf"{n['investigated']} - {n['court']}",
        ),
        (
            "tipped_off",
            "Suspects tipped off",
            r"T = a\,(D - W)",
            rf"{a} \times ({n['domestic']} - {n['worked']})",
        ),
        (
            "lost",
            "Evidence lost while waiting",
            r"L = l\,(D - W)",
            rf"{lo} \times ({n['domestic']} - {n['worked']})",
        ),
        (
            "unrealised",
            "Unrealised value",
            r"V = (1 - a - l)\,R",
            rf"(1 - {a} - {lo}) \times {n['not_reached']}",
        ),
        (
            "idle_informational",
            "Informational reports left idle",
            r"Y = (1 - a - l)\,U",
            rf"(1 - {a} - {lo}) \times {n['informational_unworked']}",
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
            r"B_{\text{def}} = K + T",
            rf"{n['compromised']} + {n['tipped_off']}",
        ),
        (
            "neither",
            "Reports where neither side gains",
            r"B_0 = D - B_{\text{inv}} - B_{\text{def}}",
            rf"{n['domestic']} - {n['benefit_investigators']} - {n['benefit_defendants']}",
        ),
        (
            "tilt",
            "Tilt",
            r"\tau = \frac{B_{\text{inv}} - B_{\text{def}}}{B_{\text{inv}} + B_{\text{def}}}",
            rf"\frac{{{n['benefit_investigators']} - {n['benefit_defendants']}}}"
            rf"{{{n['benefit_investigators']} + {n['benefit_defendants']}}}",
        ),
        (
            "neither_share",
            "Share of domestic reports where neither side gains",
            r"n = B_0 / D",
            rf"{n['neither']} / {n['domestic']}",
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
        value = o[key]
        if key == "tilt":
            shown, text = f"{value:.4f}", f"{value:+.4f}"
        elif key in ("unrealised_share", "neither_share"):
            shown, text = _tex_share(value), f"{value:.1%}"
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
    ``verdict_alternative``. The alternatives are computed with the model:

    * the "worked in time" baseline (``baseline="worked_in_time"``);
    * capacity against every domestic report (``capacity_basis="all_domestic"``);
    * the share of weakened cases rising as quality falls, ``k (2 - q)``;
    * reports with an unknown user location outside the question: the model run with
      ``f' = 1 - (U.S. user-location reports) / N`` (``data/reports_by_year.csv``);
    * only actionable reports nobody reached can tip off a suspect: ``T' = a R``.
    """
    year = _year(year)
    r = evaluate(year=year)
    o = {k: float(v) for k, v in r.as_dict().items()}
    p = {k: float(v) for k, v in r.params.items()}
    book = o["tilt"]
    worked_in_time = float(evaluate(year=year, baseline="worked_in_time").tilt)
    all_domestic = float(evaluate(year=year, capacity_basis="all_domestic").tilt)
    k_high = RANGES["p_compromise"][1]
    k_quality = min(p["p_compromise"] * (2.0 - p["quality"]), k_high)
    quality_k = float(evaluate(year=year, p_compromise=k_quality).tilt)
    us_only = float(evaluate(year=year, foreign_share=_us_located_foreign_share(year)).tilt)
    actionable_alert = _tilt_of(o["sound_case"], o["compromised"] + p["p_alert"] * o["not_reached"])
    rows = [
        (
            "What a report is compared with",
            "a report not reached in time that loses its evidence counts for defendants",
            "the same report never made: only a tip-off the report itself set in motion counts "
            "for defendants; evidence lost while a report waits helps nobody",
            "the same report worked in time: lost evidence counts for defendants too",
            worked_in_time,
        ),
        (
            "What investigative capacity covers",
            "domestic tips investigators can work up in a year",
            "like for like: the share of all domestic reports that ICAC investigations cover "
            "of the reports made available to ICAC",
            "ICAC investigations against every domestic report (nobody else works any)",
            all_domestic,
        ),
        (
            "Cases weakened in court",
            "a branch beside sound cases that should rise as quality falls",
            "a share k of the cases that reach court, bounded by the court decisions read",
            "the share rising as quality falls, k (2 \u2212 q)",
            quality_k,
        ),
        (
            "Reports with an unknown user location",
            "not discussed",
            "counted as domestic: NCMEC makes them available to U.S. federal law enforcement",
            "left out, so only reports with a U.S. user location are domestic",
            us_only,
        ),
        (
            "Which unworked reports can tip off a suspect",
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
        f"{len(frame)} modelling choices and what the other reading would do to the tilt at "
        f"the {year} defaults",
        row_header="choice",
    )


def _rule_text(name: str) -> str:
    kind, low, high = UNCERTAINTY_RULES[name]
    if kind == "relative":
        return f"{low:g} to {high:g} times the default, drawn uniformly"
    if kind == "log":
        return f"{low:g} to {high:g} times the default, drawn uniformly on a log scale"
    if kind == "absolute":
        return "anything in the valid range, drawn uniformly"
    if kind == "case_law":
        return (
            "the exact one-sided 95% bounds from the court decisions; half the draws below "
            "the default, half above"
        )
    return (
        f"the calibrated years' values or {1 - low:.0%} either side of the default, "
        "whichever is wider"
        + (" (applied to the domestic share 1 \u2212 f)" if name == "foreign_share" else "")
    )


def uncertainty_table(year: int | None = None) -> Table:
    """Every parameter's assumed range and whether the Monte Carlo draws it.

    The assumed range is :func:`tipline.model.uncertainty.uncertainty_ranges`; the Monte
    Carlo draws the parameters in :data:`tipline.model.uncertainty.UNCERTAIN`, the others
    are moved only in the tornado chart.
    """
    year = _year(year)
    params = params_for_year(year)
    ranges = uncertainty_ranges(year)
    rows = []
    for name in NAMES:
        low, high = ranges[name]
        rows.append(
            {
                "parameter": f"{params[name].label} ({SYMBOLS[name]})",
                "default": _fmt(name, params[name].default, precise=True),
                "range": f"{_fmt(name, low, precise=True)} to {_fmt(name, high, precise=True)}",
                "rule": _rule_text(name),
                "drawn": "drawn"
                if name in UNCERTAIN
                else "held at the default (moved only in the tornado chart)",
            }
        )
    frame = pd.DataFrame(rows)
    return _table(
        frame,
        [
            ("parameter", "Parameter (symbol)"),
            ("default", f"{year} default"),
            ("range", "Assumed range"),
            ("rule", "How the range is set"),
            ("drawn", "In the Monte Carlo"),
        ],
        f"How far each input is assumed to be off ({year}), and which inputs the Monte Carlo draws",
        row_header="parameter",
    )


FLIP_PARAMS = ("capacity", "quality", "p_alert", "p_compromise")
"""The parameters whose break-even values :func:`summary_table` reports."""


def summary_table(years: Sequence[int] = YEARS, n: int = MC_N, seed: int = MC_SEED) -> Table:
    """The book's answer in one table: one column per calibrated year.

    Rows: the share of domestic reports where neither side gains; the tilt and verdict at the
    year's defaults; the two benefits; the median and central 80% interval of the Monte
    Carlo (:func:`monte_carlo_run`); the range of the tilt across the modelling choices
    (:func:`tipline.model.uncertainty.choice_spread`, share of weakened cases at its
    default, then over its range); and the value of each of :data:`FLIP_PARAMS` at which
    the verdict flips with every other input at the year's default (:func:`threshold`).
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
        mc = monte_carlo_run(y, n=n, seed=seed)
        spread = choice_spread(y)
        at_default = spread[spread["k_level"] == "default"]["tilt"]
        put(
            "Domestic reports where neither side gains",
            y,
            f"{round_count(float(r.neither))} ({float(r.neither_share):.0%})",
        )
        put("Tilt at the defaults", y, f"{tilt:+.2f} ({verdict(tilt)})")
        put("Sound cases or identified victims", y, round_count(float(r.sound_case)))
        put("Outcomes that help defendants", y, round_count(float(r.benefit_defendants)))
        put(
            "Monte Carlo over the assumed ranges: median (central 80%)",
            y,
            f"{mc.median:+.2f} ({_interval(mc.interval80)})",
        )
        put(
            "Tilt across the four combinations of modelling choices",
            y,
            f"{at_default.min():+.2f} to {at_default.max():+.2f}",
        )
        put(
            "... and with the share of weakened cases over its assumed range",
            y,
            f"{spread['tilt'].min():+.2f} to {spread['tilt'].max():+.2f}",
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
        "The answer in brief: the model at each year's defaults, its spread over the assumed "
        "ranges and the modelling choices, and what one input alone would have to be for the "
        "verdict to flip",
        row_header="row",
    )


def unmodelled_table() -> Table:
    """The effects documented but not modelled (:data:`tipline.unmodelled.EFFECTS`): each
    effect, the side it helps, the direction it would move the tilt, and its sources."""
    from tipline.unmodelled import EFFECTS

    rows = [
        {
            "effect": e.effect,
            "side": e.side,
            "direction": e.direction,
            "sources": "; ".join(bibliography.link_html(k) for k in e.sources)
            or html_escape(f"gap recorded: {e.gap}"),
            "note": e.note,
        }
        for e in EFFECTS
    ]
    return _table(
        pd.DataFrame(rows),
        [
            ("effect", "Effect documented but not modelled"),
            ("side", "Side it helps"),
            ("direction", "Would move the tilt"),
            ("sources", "Sources"),
            ("note", "Why the model leaves it out"),
        ],
        "Effects the book documents but the model does not count, and which way each would "
        "move the tilt",
        row_header="effect",
        raw=("sources",),
    )
