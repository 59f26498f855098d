"""How sure is the answer? Monte Carlo over assumed ranges, the spread across modelling
choices, one-at-a-time sensitivity (tornado), frontier.

Assumed ranges (:func:`uncertainty_ranges`), for a year whose default is ``d``. They are the
book's assumptions about how far each input may be off, not measured uncertainty:

* ``capacity``: [d / 2, 2 d], drawn log-uniformly (so the default is the median draw). ICAC
  investigations include proactive and other non-CyberTip work (overstates) and leave out
  federal agencies (understates).
* ``triage``: [0, 1]. Unmeasured: anything from random order to perfect (default 0.5).
* ``p_success``: [d / 2, 2 d], log-uniform: arrests per investigation is a rough proxy,
  taken to be off by up to a factor of two either way.
* ``p_compromise``: the exact one-sided 95% bounds from the court decisions
  (:func:`tipline.calibration.compromise_bounds`). The default, the median-unbiased
  estimate, is not at the centre of that range (few decisions were suppressed, so the
  range is skewed), so the Monte Carlo draws half its values uniformly below the default
  and half above: the default is the median draw.
* ``p_alert`` and ``p_lost``: [0, 2 d], so the default is the centre: the order of
  magnitude is assumed, the value unknown.
* ``volume``, ``foreign_share``, ``quality``, ``icac_share`` (measured; used by the tornado
  only): the spread of the calibrated values over :data:`~tipline.model.params.YEARS` or 20%
  either side of the default, whichever is wider. For ``foreign_share`` the 20% applies to
  the domestic share 1 - f, which is what the model uses.

Every range is clipped to the parameter's valid range (:data:`~tipline.model.params.RANGES`).

* :func:`monte_carlo` draws the uncertain parameters (:data:`UNCERTAIN`) independently over
  these ranges with ``numpy.random.default_rng(seed)`` and keeps the measured ones at the
  year's values: the same seed always gives the same numbers. It reports the median tilt and
  central intervals. The share of draws above zero is kept for reference but is not a
  probability: the ranges are assumed, not measured.
* :func:`choice_spread` evaluates the tilt under every combination of modelling choices,
  with the share of weakened cases at the low end, the default and the high end of its range.
* :func:`tornado` moves one parameter at a time to each end of its range.
* :func:`frontier` finds, on a quality x foreign-share grid, the capacity at which the tilt
  crosses zero.
"""

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tipline.model import CHOICES, VERDICT_PHRASES, VERDICT_THRESHOLDS, core, evaluate, verdict
from tipline.model.params import (
    CHOICE_DEFAULTS,
    NAMES,
    RANGES,
    YEARS,
    check_choice,
    check_year,
    params_for_year,
)
from tipline.model.validate import check

UNCERTAIN = ("capacity", "triage", "p_success", "p_compromise", "p_alert", "p_lost")
"""Parameters the Monte Carlo draws by default (the poorly measured and unmeasured ones)."""

# name -> (kind, low, high): "relative" multiplies the year's default (uniform draws), "log"
# does too but draws log-uniformly, "absolute" is used as is, "case_law" takes the exact
# bounds of calibration.compromise_bounds, "measured" spans the calibrated values over YEARS
# and low x / high x the default (for foreign_share: of the domestic share 1 - f),
# whichever is wider.
UNCERTAINTY_RULES = {
    "volume": ("measured", 0.8, 1.2),
    "foreign_share": ("measured", 0.8, 1.2),
    "quality": ("measured", 0.8, 1.2),
    "capacity": ("log", 0.5, 2.0),
    "icac_share": ("measured", 0.8, 1.2),
    "triage": ("absolute", 0.0, 1.0),
    "p_success": ("log", 0.5, 2.0),
    "p_compromise": ("case_law", 0.05, 0.95),
    "p_alert": ("relative", 0.0, 2.0),
    "p_lost": ("relative", 0.0, 2.0),
}
"""How each parameter's assumed range is built (see the module docstring)."""

QUANTILES = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)
"""Quantiles of the tilt that :func:`monte_carlo` reports (central 80% and 90% intervals)."""

CENTRAL = {"interval80": (0.1, 0.9), "interval90": (0.05, 0.95)}
"""The central intervals :func:`monte_carlo` reports: name -> (lower, upper) quantile."""


def _choices(baseline, capacity_basis):
    return {
        "baseline": check_choice(
            "baseline", CHOICE_DEFAULTS["baseline"] if baseline is None else baseline
        ),
        "capacity_basis": check_choice(
            "capacity_basis",
            CHOICE_DEFAULTS["capacity_basis"] if capacity_basis is None else capacity_basis,
        ),
    }


def uncertainty_ranges(year=None):
    """Assumed range ``(low, high)`` of every parameter for ``year`` (see module doc)."""
    year = check_year(year)
    params = params_for_year(year)
    out = {}
    for name in NAMES:
        kind, low, high = UNCERTAINTY_RULES[name]
        default = params[name].default
        if kind in ("relative", "log"):
            low, high = low * default, high * default
        elif kind == "case_law":
            from tipline.calibration import compromise_bounds  # reads data/ on first use

            bounds = compromise_bounds()
            low, high = bounds["lower"], bounds["upper"]
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
    at the year's defaults; ``ranges`` the ranges drawn from and ``scales`` how (``"log"``
    for log-uniform, ``"linear"`` for uniform, ``"split"`` for uniform on each side of the
    default with half the draws on each side); ``choices`` the modelling choices. ``tilts``
    are the ``n`` tilts and ``neither_shares`` the ``n`` shares of domestic reports where
    neither side gains. ``quantiles`` maps each of :data:`QUANTILES` to that quantile of the
    tilt; ``median`` is the median tilt, ``interval80`` and ``interval90`` the central 80%
    and 90% intervals. ``share_investigators_favoured`` (draws with tilt > 0) and
    ``verdict_shares`` (draws in each verdict band) describe the draws, not a probability.
    """

    year: int
    n: int
    seed: int
    choices: dict
    ranges: dict
    scales: dict
    draws: dict
    fixed: dict
    tilts: np.ndarray
    neither_shares: np.ndarray
    quantiles: dict
    median: float
    interval80: tuple
    interval90: tuple
    share_investigators_favoured: float
    verdict_shares: dict


def _draw(rng, low, high, scale, n, middle):
    """``n`` draws over [low, high]: uniform ("linear"), log-uniform ("log"), or uniform on
    each side of ``middle`` with half the draws on each side ("split")."""
    if scale == "log" and low > 0:
        return np.exp(rng.uniform(np.log(low), np.log(high), size=n))
    if scale == "split" and low <= middle <= high:
        u = rng.uniform(0.0, 1.0, size=n)
        below = low + 2.0 * u * (middle - low)
        above = middle + (2.0 * u - 1.0) * (high - middle)
        return np.where(u < 0.5, below, above)
    return rng.uniform(low, high, size=n)


_SCALES = {"log": "log", "case_law": "split"}


def monte_carlo(n=10_000, seed=20241, year=None, ranges=None, baseline=None, capacity_basis=None):
    """Draw the uncertain parameters ``n`` times; report the median tilt and its intervals.

    ``ranges`` (name -> (low, high)) replaces or adds uniform ranges; by default the
    parameters in :data:`UNCERTAIN` are drawn over :func:`uncertainty_ranges` (capacity and
    the chance a case reaches court log-uniformly, the share of weakened cases split at its
    default), so that every drawn input has its default as its median. Draws are made in
    :data:`~tipline.model.params.NAMES` order from ``numpy.random.default_rng(seed)``.
    ``baseline`` and ``capacity_basis`` are the modelling choices (``None``: the defaults).
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive whole number (got {n!r})")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be a whole number (got {seed!r})")
    choices = _choices(baseline, capacity_basis)
    year = check_year(year)
    defaults = {k: p.default for k, p in params_for_year(year).items()}
    all_ranges = uncertainty_ranges(year)
    chosen = {name: all_ranges[name] for name in UNCERTAIN}
    scales = {name: _SCALES.get(UNCERTAINTY_RULES[name][0], "linear") for name in UNCERTAIN}
    custom = _check_ranges(dict(ranges or {}))
    chosen.update(custom)
    scales.update({name: "linear" for name in custom})
    chosen = {name: chosen[name] for name in NAMES if name in chosen}
    scales = {name: scales[name] for name in chosen}

    rng = np.random.default_rng(seed)
    draws = {
        name: _draw(rng, low, high, scales[name], int(n), defaults[name])
        for name, (low, high) in chosen.items()
    }
    fixed = {name: defaults[name] for name in NAMES if name not in draws}
    result = evaluate(year=year, **choices, **draws)
    tilts = np.array(result.tilt)
    quantiles = {q: float(v) for q, v in zip(QUANTILES, np.quantile(tilts, QUANTILES), strict=True)}

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
        choices=choices,
        ranges=chosen,
        scales=scales,
        draws=draws,
        fixed=fixed,
        tilts=tilts,
        neither_shares=np.array(result.neither_share),
        quantiles=quantiles,
        median=quantiles[0.5],
        **{name: (quantiles[lo], quantiles[hi]) for name, (lo, hi) in CENTRAL.items()},
        share_investigators_favoured=float(np.mean(tilts > 0)),
        verdict_shares={p: float(np.mean(b)) for p, b in zip(VERDICT_PHRASES, bands, strict=True)},
    )


K_LEVELS = ("low", "default", "high")
"""The three values of the share of weakened cases in :func:`choice_spread`: the low end of
its assumed range, its default and the high end."""


def choice_spread(year=None):
    """The tilt at ``year``'s defaults under every combination of modelling choices.

    One row per combination of ``baseline`` x ``capacity_basis`` x the share of weakened
    cases at the low end, default and high end of its assumed range (:data:`K_LEVELS`),
    choices in :data:`~tipline.model.CHOICES` order. Columns: ``baseline``,
    ``capacity_basis``, ``k_level``, ``p_compromise``, ``tilt``, ``verdict``,
    ``neither_share``, ``benefit_investigators``, ``benefit_defendants``. ``attrs`` holds
    ``year``.
    """
    year = check_year(year)
    default_k = params_for_year(year)["p_compromise"].default
    k_low, k_high = uncertainty_ranges(year)["p_compromise"]
    ks = dict(zip(K_LEVELS, (k_low, default_k, k_high), strict=True))
    rows = []
    for baseline, basis in itertools.product(CHOICES["baseline"], CHOICES["capacity_basis"]):
        r = evaluate(
            year=year,
            baseline=baseline,
            capacity_basis=basis,
            p_compromise=np.array(list(ks.values())),
        )
        for i, level in enumerate(K_LEVELS):
            tilt = float(r.tilt[i])
            rows.append(
                {
                    "baseline": baseline,
                    "capacity_basis": basis,
                    "k_level": level,
                    "p_compromise": ks[level],
                    "tilt": tilt,
                    "verdict": verdict(tilt),
                    "neither_share": float(r.neither_share[i]),
                    "benefit_investigators": float(r.benefit_investigators[i]),
                    "benefit_defendants": float(r.benefit_defendants[i]),
                }
            )
    frame = pd.DataFrame(rows)
    frame.attrs["year"] = year
    return frame


def tornado(year=None, ranges=None, baseline=None, capacity_basis=None):
    """One-at-a-time sensitivity of the tilt, as a ``pandas.DataFrame``.

    Each parameter in turn is set to the low and then the high end of its uncertainty range
    (:func:`uncertainty_ranges`, overridden by ``ranges``) with all others at the year's
    defaults. Columns: ``param``, ``label``, ``low_value``, ``high_value``, ``tilt_low``,
    ``tilt_high``, ``swing`` = |tilt_high - tilt_low|; rows sorted by swing, largest first
    (ties keep parameter order). ``df.attrs`` holds ``year``, ``choices`` and
    ``tilt_default``. ``baseline`` and ``capacity_basis`` are the modelling choices.
    """
    choices = _choices(baseline, capacity_basis)
    year = check_year(year)
    params = params_for_year(year)
    bounds = uncertainty_ranges(year)
    bounds.update(_check_ranges(dict(ranges or {})))
    k = len(NAMES)
    # Row 2i sets parameter i to its low bound, row 2i+1 to its high bound.
    values = {name: np.full(2 * k, params[name].default) for name in NAMES}
    for i, name in enumerate(NAMES):
        values[name][2 * i], values[name][2 * i + 1] = bounds[name]
    tilt = evaluate(year=year, **choices, **values).tilt
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
    df.attrs["choices"] = choices
    df.attrs["tilt_default"] = float(evaluate(year=year, **choices).tilt)
    return df


def frontier(
    quality,
    foreign_shares,
    year=None,
    iterations=64,
    baseline=None,
    capacity_basis=None,
    **fixed,
):
    """Capacity at which the tilt crosses zero, for each foreign share and quality value.

    ``quality`` and ``foreign_shares`` are 1-D sequences; ``fixed`` sets other parameters
    (not capacity); the rest take ``year``'s defaults. The tilt never falls as capacity
    rises, so a vectorised bisection over log(capacity) on the valid capacity range finds
    the smallest capacity at which investigators are (weakly) favoured.

    Returns a dict: ``quality`` and ``foreign_share`` (the 1-D inputs), ``capacity`` (array
    of shape (len(foreign_shares), len(quality))), ``investigators_at_all_capacities`` (tilt
    already > 0 at the lowest capacity: capacity is NaN there, no crossing), and
    ``defendants_at_all_capacities`` (tilt still < 0 at the highest capacity, e.g. when
    k > 1/2: capacity is NaN there too), plus ``year``, ``choices`` and ``fixed`` (all other
    values). ``baseline`` and ``capacity_basis`` are the modelling choices.
    """
    choices = _choices(baseline, capacity_basis)
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
        values = {**others, "foreign_share": ff, "quality": qq, "capacity": capacity}
        return core.flow(**{name: values[name] for name in NAMES}, **choices)["tilt"]

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
        "choices": choices,
        "fixed": others,
    }
