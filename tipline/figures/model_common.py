"""What the model's charts and tables share: the data files and symbols, value
formatting, source lines, and two analyses the pages quote (:func:`monte_carlo_run`,
:func:`threshold`)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

from tipline.calibration import year_inputs
from tipline.figures.sources import source_line
from tipline.ledger import html_table
from tipline.model import (
    CHOICE_LABELS,
    CHOICES,
    DEFAULT_YEAR,
    NAMES,
    RANGES,
    evaluate,
    params_for_year,
)
from tipline.model.params import check_year
from tipline.model.uncertainty import MonteCarloResult, monte_carlo
from tipline.table import Table

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

AXIS_TILT = "Tilt (\u22121: every outcome helps defendants; +1: every outcome helps investigators)"


def model_year(year) -> int:
    return check_year(year)


def check_count(value, what: str, minimum: int) -> int:
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


def fmt_param(name: str, value: float, precise: bool | int = False) -> str:
    """A parameter value formatted for reading; ``precise`` adds decimals to shares (1 when
    True, or the number given)."""
    spec = params_for_year(DEFAULT_YEAR)[name].format
    if precise and spec.endswith("%"):
        digits = int(spec[1:-1]) if spec[1:-1].isdigit() else 0
        spec = f".{digits + int(precise)}%"
    if spec.endswith("f") and abs(value) >= 1000:
        spec = ",.0f"
    return format(value, spec)


def measured_sources(year: int) -> list[tuple[str, str]]:
    """(bib key, primary/secondary) of the data rows behind a year's calibrated defaults."""
    pairs = []
    for entry in year_inputs(year).values():
        confidence = "secondary" if "secondary" in entry["confidence"] else "primary"
        pairs += [(key, confidence) for key in entry["sources"]]
    return pairs


def model_sources(years: Sequence[int], note: str = "") -> str:
    pairs = []
    for y in years:
        pairs += measured_sources(y)
    return source_line(pairs, note=note)


def assumptions() -> tuple[str, ...]:
    """The parameters whose defaults are assumptions, not measurements (in model order)."""
    return tuple(name for name, p in params_for_year(DEFAULT_YEAR).items() if not p.measured)


def assumption_note() -> str:
    labels = [params_for_year(DEFAULT_YEAR)[n].label.lower() for n in assumptions()]
    listed = ", ".join(labels[:-1]) + " and " + labels[-1] if len(labels) > 1 else labels[0]
    return f"The model's {listed} are assumptions, not measurements."


def choice_label(name: str, value: str) -> str:
    """The short label of one value of a modelling choice (e.g. "The same report never
    made")."""
    if name not in CHOICES or value not in CHOICES[name]:
        raise ValueError(f"unknown modelling choice {name}={value!r}")
    return CHOICE_LABELS[name][1][value]


def combo_label(baseline: str, basis: str) -> str:
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
    year = model_year(year)
    n = check_count(n, "n", 1)
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
    year = model_year(year)
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


def tilt_ratio(t: float) -> float:
    """B_inv / B_def for a given tilt t: (1 + t) / (1 - t)."""
    return (1.0 + t) / (1.0 - t)


def make_table(frame, columns, caption, row_header, raw=()) -> Table:
    text_lines = [caption]
    for _, row in frame.iterrows():
        cells = [str(row[c]) for c, _ in columns if c not in raw]
        text_lines.append(" | ".join(cells))
    return Table(
        html=html_table(frame, columns, caption, row_header=row_header, raw_html_columns=raw),
        text="\n".join(text_lines),
        frame=frame,
    )


def strip_derivation(note: str, derivation: str) -> str:
    suffix = f"{derivation}."
    return note[: -len(suffix)].strip() if note.endswith(suffix) else note
