"""How sure is the verdict? Monte Carlo, one-at-a-time sensitivity (tornado), frontier.

Uncertainty ranges (:func:`uncertainty_ranges`), for a year whose default is ``d``:

* ``capacity``: [0.5 d, 3 d]. ICAC investigations include proactive and other non-CyberTip
  work (overstates) and leave out the FBI, HSI and other federal agencies (understates,
  possibly by more, hence the longer upper arm).
* ``triage``: [0, 1]. Unmeasured: anything from random order to perfect.
* ``p_success``: [0.5 d, 2 d]. Arrests per investigation is a rough proxy, taken to be off
  by up to a factor of two either way.
* ``p_compromise``: [0, 2 d]. An assumption: its order of magnitude is assumed, its value
  unknown, so it is drawn uniformly with the default as the mean.
* ``p_alert``: [0, 2 d], for the same reason.
* ``volume``, ``foreign_share``, ``quality`` (measured; used by the tornado only): the
  spread of the calibrated values over :data:`~tipline.model.params.YEARS` or 20% either
  side of the default, whichever is wider. The label "actionable", the U.S. count (NCMEC's
  two tables disagree) and the total (bundling since 2024) are all uncertain. For
  ``foreign_share`` the 20% applies to the domestic share 1 - f, which is what the model
  uses.

Every range is clipped to the parameter's valid range (:data:`~tipline.model.params.RANGES`).

* :func:`monte_carlo` draws the uncertain parameters (:data:`UNCERTAIN`) independently and
  uniformly over these ranges with ``numpy.random.default_rng(seed)`` and keeps the measured
  ones at the year's values: the same seed always gives the same numbers.
* :func:`tornado` moves one parameter at a time to each end of its range.
* :func:`frontier` finds, on a quality x foreign-share grid, the capacity at which the tilt
  crosses zero.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tipline.model import VERDICT_PHRASES, VERDICT_THRESHOLDS, core, evaluate
from tipline.model.params import NAMES, RANGES, YEARS, check_year, params_for_year
from tipline.model.validate import check

UNCERTAIN = ("capacity", "triage", "p_success", "p_compromise", "p_alert")
"""Parameters the Monte Carlo draws by default (the poorly measured and unmeasured ones)."""

# name -> (kind, low, high): "relative" multiplies the year's default, "absolute" is used as
# is, "measured" spans the calibrated values over YEARS and low x / high x the default (for
# foreign_share: of the domestic share 1 - f), whichever is wider.
UNCERTAINTY_RULES = {
    "volume": ("measured", 0.8, 1.2),
    "foreign_share": ("measured", 0.8, 1.2),
    "quality": ("measured", 0.8, 1.2),
    "capacity": ("relative", 0.5, 3.0),
    "triage": ("absolute", 0.0, 1.0),
    "p_success": ("relative", 0.5, 2.0),
    "p_compromise": ("relative", 0.0, 2.0),
    "p_alert": ("relative", 0.0, 2.0),
}
"""How each parameter's uncertainty range is built (see the module docstring)."""

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
"""Quantiles of the tilt that :func:`monte_carlo` reports."""


def uncertainty_ranges(year=None):
    """Uncertainty range ``(low, high)`` of every parameter for ``year`` (see module doc)."""
    year = check_year(year)
    params = params_for_year(year)
    out = {}
    for name in NAMES:
        kind, low, high = UNCERTAINTY_RULES[name]
        default = params[name].default
        if kind == "relative":
            low, high = low * default, high * default
        elif kind == "measured":
            values = [params_for_year(y)[name].default for y in YEARS]
            if name == "foreign_share":  # widen the domestic share 1 - f
                values += [1.0 - low * (1.0 - default), 1.0 - high * (1.0 - default)]
            else:
                values += [low * default, high * default]
            low, high = min(values), max(values)
        valid_low, valid_high = RANGES[name]
        out[name] = (max(low, valid_low), min(high, valid_high))
    return out


def _check_ranges(ranges):
    checked = {}
    for name, bounds in ranges.items():
        try:
            low, high = bounds
        except (TypeError, ValueError) as err:
            raise ValueError(
                f"range for {name} must be a pair (low, high) (got {bounds!r})"
            ) from err
        low, high = float(check(name, low)), float(check(name, high))
        if low > high:
            raise ValueError(f"range for {name} must have low <= high (got {low}, {high})")
        checked[name] = (low, high)
    return checked


@dataclass(frozen=True, eq=False)
class MonteCarloResult:
    """Outcome of :func:`monte_carlo`.

    ``draws`` maps each drawn parameter to its ``n`` values; ``fixed`` the parameters held
    at the year's defaults; ``ranges`` the uniform ranges drawn from. ``tilts`` are the ``n``
    tilts; ``share_investigators_favoured`` is the share of draws with tilt > 0;
    ``quantiles`` maps each of :data:`QUANTILES` to that quantile of the tilt;
    ``verdict_shares`` maps each verdict phrase to the share of draws in its band.
    """

    year: int
    n: int
    seed: int
    ranges: dict
    draws: dict
    fixed: dict
    tilts: np.ndarray
    share_investigators_favoured: float
    quantiles: dict
    verdict_shares: dict


def monte_carlo(n=10_000, seed=20241, year=None, ranges=None):
    """Draw the uncertain parameters ``n`` times and report how often the tilt is positive.

    ``ranges`` (name -> (low, high)) replaces or adds uniform ranges; by default the
    parameters in :data:`UNCERTAIN` are drawn over :func:`uncertainty_ranges`. Draws are made
    in :data:`~tipline.model.params.NAMES` order from ``numpy.random.default_rng(seed)``.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number (got {n!r})")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be a whole number (got {seed!r})")
    year = check_year(year)
    defaults = {k: p.default for k, p in params_for_year(year).items()}
    all_ranges = uncertainty_ranges(year)
    chosen = {name: all_ranges[name] for name in UNCERTAIN}
    chosen.update(_check_ranges(dict(ranges or {})))
    chosen = {name: chosen[name] for name in NAMES if name in chosen}

    rng = np.random.default_rng(seed)
    draws = {name: rng.uniform(low, high, size=int(n)) for name, (low, high) in chosen.items()}
    fixed = {name: defaults[name] for name in NAMES if name not in draws}
    tilts = evaluate(year=year, **draws).tilt

    clear, lean = VERDICT_THRESHOLDS["clear"], VERDICT_THRESHOLDS["lean"]
    bands = (
        tilts >= clear,
        (tilts >= lean) & (tilts < clear),
        (tilts > -lean) & (tilts < lean),
        (tilts > -clear) & (tilts <= -lean),
        tilts <= -clear,
    )
    return MonteCarloResult(
        year=year,
        n=int(n),
        seed=int(seed),
        ranges=chosen,
        draws=draws,
        fixed=fixed,
        tilts=tilts,
        share_investigators_favoured=float(np.mean(tilts > 0)),
        quantiles={
            q: float(v) for q, v in zip(QUANTILES, np.quantile(tilts, QUANTILES), strict=True)
        },
        verdict_shares={p: float(np.mean(b)) for p, b in zip(VERDICT_PHRASES, bands, strict=True)},
    )


def tornado(year=None, ranges=None):
    """One-at-a-time sensitivity of the tilt, as a ``pandas.DataFrame``.

    Each parameter in turn is set to the low and then the high end of its uncertainty range
    (:func:`uncertainty_ranges`, overridden by ``ranges``) with all others at the year's
    defaults. Columns: ``param``, ``label``, ``low_value``, ``high_value``, ``tilt_low``,
    ``tilt_high``, ``swing`` = |tilt_high - tilt_low|; rows sorted by swing, largest first
    (ties keep parameter order). ``df.attrs`` holds ``year`` and ``tilt_default``.
    """
    year = check_year(year)
    params = params_for_year(year)
    bounds = uncertainty_ranges(year)
    bounds.update(_check_ranges(dict(ranges or {})))
    k = len(NAMES)
    # Row 2i sets parameter i to its low bound, row 2i+1 to its high bound.
    values = {name: np.full(2 * k, params[name].default) for name in NAMES}
    for i, name in enumerate(NAMES):
        values[name][2 * i], values[name][2 * i + 1] = bounds[name]
    tilt = evaluate(year=year, **values).tilt
    df = pd.DataFrame(
        {
            "param": list(NAMES),
            "label": [params[name].label for name in NAMES],
            "low_value": [bounds[name][0] for name in NAMES],
            "high_value": [bounds[name][1] for name in NAMES],
            "tilt_low": tilt[0::2],
            "tilt_high": tilt[1::2],
        }
    )
    df["swing"] = (df["tilt_high"] - df["tilt_low"]).abs()
    df = df.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
    df.attrs["year"] = year
    df.attrs["tilt_default"] = float(evaluate(year=year).tilt)
    return df


def frontier(quality, foreign_shares, year=None, iterations=64, **fixed):
    """Capacity at which the tilt crosses zero, for each foreign share and quality value.

    ``quality`` and ``foreign_shares`` are 1-D sequences; ``fixed`` sets other parameters
    (not capacity); the rest take ``year``'s defaults. The tilt never falls as capacity
    rises, so a vectorised bisection over log(capacity) on the valid capacity range finds
    the smallest capacity at which investigators are (weakly) favoured.

    Returns a dict: ``quality`` and ``foreign_share`` (the 1-D inputs), ``capacity`` (array
    of shape (len(foreign_shares), len(quality))), ``investigators_at_all_capacities`` (tilt
    already > 0 at the lowest capacity: capacity is NaN there, no crossing), and
    ``defendants_at_all_capacities`` (tilt still < 0 at the highest capacity, e.g. when
    c(q) > s: capacity is NaN there too), plus ``year`` and ``fixed`` (all other values).
    """
    if "capacity" in fixed:
        raise ValueError("frontier solves for capacity; do not fix it")
    unknown = [k for k in fixed if k not in RANGES]
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; allowed are: "
            f"{', '.join(n for n in NAMES if n != 'capacity')}"
        )
    if "quality" in fixed or "foreign_share" in fixed:
        raise ValueError("pass quality and foreign shares as the first two arguments")
    year = check_year(year)
    q = np.atleast_1d(check("quality", quality))
    f = np.atleast_1d(check("foreign_share", foreign_shares))
    if q.ndim != 1 or f.ndim != 1:
        raise ValueError("quality and foreign_shares must be 1-D sequences")
    defaults = params_for_year(year)
    others = {
        name: float(check(name, fixed.get(name, defaults[name].default)))
        for name in NAMES
        if name not in ("quality", "foreign_share", "capacity")
    }
    qq, ff = q[None, :], f[:, None]

    def tilt(capacity):
        return core.flow(
            others["volume"],
            ff,
            qq,
            capacity,
            others["triage"],
            others["p_success"],
            others["p_compromise"],
            others["p_alert"],
        )["tilt"]

    c_low, c_high = RANGES["capacity"]
    always = tilt(c_low) > 0
    never = tilt(c_high) < 0
    lo = np.full(always.shape, np.log(c_low))
    hi = np.full(always.shape, np.log(c_high))
    for _ in range(int(iterations)):
        mid = 0.5 * (lo + hi)
        up = tilt(np.exp(mid)) >= 0
        hi = np.where(up, mid, hi)
        lo = np.where(up, lo, mid)
    capacity = np.clip(np.exp(hi), c_low, c_high)
    capacity = np.where(always | never, np.nan, capacity)
    return {
        "year": year,
        "quality": q,
        "foreign_share": f,
        "capacity": capacity,
        "investigators_at_all_capacities": always,
        "defendants_at_all_capacities": never,
        "fixed": others,
    }
