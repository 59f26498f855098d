"""The model chapter's tables (parameters, verdict bands, thresholds, Monte Carlo, modelling
choices, uncertainty ranges) and the conclusion's summary tables."""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape as html_escape

import pandas as pd

from tipline import bibliography
from tipline.calibration import year_inputs
from tipline.figures.model_common import (
    MC_N,
    MC_SEED,
    SYMBOLS,
    combo_label,
    fmt_param,
    make_table,
    model_year,
    monte_carlo_run,
    round_count,
    strip_derivation,
    threshold,
    tilt_ratio,
)
from tipline.model import (
    CHOICES,
    NAMES,
    RANGES,
    VERDICT_PHRASES,
    VERDICT_THRESHOLDS,
    YEARS,
    evaluate,
    params_for_year,
    verdict,
)
from tipline.model.uncertainty import (
    UNCERTAIN,
    UNCERTAINTY_RULES,
    choice_spread,
    uncertainty_ranges,
)
from tipline.table import Table


def parameter_table(years: Sequence[int] = YEARS) -> Table:
    """Every model parameter: meaning, unit, valid range, defaults per year, kind, sources.

    Built from :func:`tipline.model.params_for_year`; the sources of measured defaults are
    the data rows used in each year; the note adds each year's derivation.
    """
    years = tuple(model_year(y) for y in years)
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
            base = strip_derivation(p.note, derivations[years[0]][name]["note"])
            note = " ".join([base] + [derivations[y][name]["note"] + "." for y in years]).strip()
        else:
            note = p.note
        low, high = RANGES[name]
        row = {
            "parameter": f"{p.label} ({SYMBOLS[name]})",
            "meaning": p.meaning,
            "unit": p.unit,
            "range": f"{fmt_param(name, low)} to {fmt_param(name, high)}",
            "kind": "measured (proxy from data)" if p.measured else "assumption (unmeasured)",
            "sources": "; ".join(bibliography.link_html(k) for k in keys) or "none",
            "note": note,
        }
        for y in years:
            row[f"default_{y}"] = fmt_param(name, per_year[y][name].default, precise=True)
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
    return make_table(
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
        (VERDICT_PHRASES[0], f"{clear:.2f} or more", f"at least {tilt_ratio(clear):.2f}"),
        (
            VERDICT_PHRASES[1],
            f"from {lean:.2f} up to {clear:.2f}",
            f"{tilt_ratio(lean):.2f} to {tilt_ratio(clear):.2f}",
        ),
        (
            VERDICT_PHRASES[2],
            f"between \u2212{lean:.2f} and {lean:.2f}",
            f"{tilt_ratio(-lean):.2f} to {tilt_ratio(lean):.2f}",
        ),
        (
            VERDICT_PHRASES[3],
            f"from \u2212{clear:.2f} to \u2212{lean:.2f}",
            f"{tilt_ratio(-clear):.2f} to {tilt_ratio(-lean):.2f}",
        ),
        (VERDICT_PHRASES[4], f"\u2212{clear:.2f} or less", f"at most {tilt_ratio(-clear):.2f}"),
    ]
    frame = pd.DataFrame(bands, columns=["verdict", "tilt", "ratio"])
    return make_table(
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
    return f"{fmt_param(name, value, precise=2)}{rel}"


def thresholds_table(year: int | None = None) -> Table:
    """For each parameter alone: the value at which the tilt crosses zero, leaves the
    "lean" band and reaches "clearly favours investigators" (others at the defaults)."""
    year = model_year(year)
    params = params_for_year(year)
    clear, lean = VERDICT_THRESHOLDS["clear"], VERDICT_THRESHOLDS["lean"]
    rows = []
    for name in NAMES:
        default = params[name].default
        values = {t: threshold(name, t, year) for t in (0.0, lean, clear)}
        rows.append(
            {
                "parameter": f"{params[name].label} ({SYMBOLS[name]})",
                "default": fmt_param(name, default, precise=2),
                "zero": _threshold_cell(name, values[0.0], default),
                "lean": _threshold_cell(name, values[lean], default),
                "clear": _threshold_cell(name, values[clear], default),
                "zero_value": values[0.0],
                "lean_value": values[lean],
                "clear_value": values[clear],
            }
        )
    frame = pd.DataFrame(rows)
    return make_table(
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
    year = model_year(year)
    rows = []
    for baseline in CHOICES["baseline"]:
        for basis in CHOICES["capacity_basis"]:
            mc = monte_carlo_run(year, baseline, basis, n=n, seed=seed)
            label = combo_label(baseline, basis)
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
    return make_table(
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
    years = tuple(model_year(y) for y in years)
    if not years:
        raise ValueError("choice_spread_table needs at least one calibrated year")
    spreads = {y: choice_spread(y) for y in years}
    rows = []
    for baseline in CHOICES["baseline"]:
        for basis in CHOICES["capacity_basis"]:
            label = combo_label(baseline, basis)
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
    return make_table(
        frame,
        columns,
        "The tilt at the defaults under each combination of modelling choices, and as the "
        "share of court cases weakened runs over its assumed range",
        row_header="choices",
    )


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
    year = model_year(year)
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
    return make_table(
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
    year = model_year(year)
    params = params_for_year(year)
    ranges = uncertainty_ranges(year)
    rows = []
    for name in NAMES:
        low, high = ranges[name]
        rows.append(
            {
                "parameter": f"{params[name].label} ({SYMBOLS[name]})",
                "default": fmt_param(name, params[name].default, precise=True),
                "range": (
                    f"{fmt_param(name, low, precise=True)} to {fmt_param(name, high, precise=True)}"
                ),
                "rule": _rule_text(name),
                "drawn": "drawn"
                if name in UNCERTAIN
                else "held at the default (moved only in the tornado chart)",
            }
        )
    frame = pd.DataFrame(rows)
    return make_table(
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
    years = tuple(model_year(y) for y in years)
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
    return make_table(
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
    return make_table(
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
