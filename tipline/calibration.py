"""Data-driven defaults for the tilt model, computed from the tables in ``data/``.

No number from the data is typed into the model: :mod:`tipline.model.params` takes the
defaults of its measured parameters from :func:`year_inputs`, which recomputes them from
:func:`tipline.data.load` each session (cached per year).

For a calendar year ``Y`` (2023 and 2024 are calibrated):

``volume``
    ``total_reports`` in the preferred ``reports_by_year`` row for ``Y``.
``foreign_share``
    ``international_user_location_reports / total_reports`` in that row. Reports whose user
    location is unknown count as domestic, because NCMEC makes them available to U.S.
    federal law enforcement.
``quality``
    actionable / total summed over the three U.S. recipient classes of ``le_recipients``
    ("ICAC units", "Federal law enforcement", "Local law enforcement") for ``Y``. A report
    can be made available to more than one agency, so the sums count agency assignments,
    not distinct reports; the ratio is what the model needs.
``capacity``
    ICAC task-force investigations in fiscal year ``FY{Y}`` (``capacity_outcomes`` metric
    ``icac_investigations``). A proxy: it includes proactive and other non-CyberTip work
    (which overstates the capacity for CyberTips) and leaves out federal agencies such as
    the FBI and HSI (which understates it).
``icac_share``
    reports made available to ICAC units (``le_recipients``) / domestic reports (total minus
    international user-location reports in ``reports_by_year``): the share of the domestic
    stream that ICAC task forces receive. ICAC investigations per report made available to
    ICAC, applied to every domestic report, is the "like for like" reading of capacity
    (``capacity_basis="icac_stream"`` in :mod:`tipline.model`). A report made available to
    ICAC and to a federal agency counts in both rows of ``le_recipients``, so the share is
    approximate.
``p_success``
    ICAC arrests / ICAC investigations in ``FY{Y}``: a rough proxy for the chance that an
    investigated actionable report reaches court (an arrest or an identified victim; arrests
    also come from non-CyberTip work; victims identified without an arrest are missed).

Not tied to a year, :func:`compromise_bounds` bounds the share of cases that reach court
which end weakened in the defendant's favour from the court decisions in
``data/court_cases.csv`` (column ``evidence_suppressed_in_the_end``): the median-unbiased
estimate and exact one-sided 95% bounds of a binomial share, computed, not typed.

Fiscal years (October to September) are paired with calendar years of reports; the
mismatch is part of why these are proxies.
"""

import math
from functools import cache

import pandas as pd

from tipline.provenance import column_confidence, column_keys

US_RECIPIENTS = ("ICAC units", "Federal law enforcement", "Local law enforcement")
"""The U.S. law-enforcement recipient classes in NCMEC's transparency tables."""

MEASURED = ("volume", "foreign_share", "quality", "capacity", "icac_share", "p_success")
"""Model parameters whose defaults :func:`year_inputs` computes from data."""


def _keys(sources):
    """Split ';'-separated bib keys from one or more ``source`` cells; keep first-seen order."""
    keys = []
    for cell in sources:
        for key in str(cell).split(";"):
            key = key.strip()
            if key and key not in keys:
                keys.append(key)
    return tuple(keys)


def _number(value, what):
    """``value`` as a float; a missing value (NA) is an error that names what was needed."""
    if pd.isna(value):
        raise ValueError(f"calibration: {what} is missing in the data")
    return float(value)


def _one_value(rows, column, what):
    """The single value of ``column`` in ``rows`` (duplicate rows must agree)."""
    values = sorted(set(_number(v, what) for v in rows[column]))
    if len(values) != 1:
        found = "no rows" if not values else f"conflicting values {values}"
        raise ValueError(f"calibration: expected one value for {what}, found {found}")
    return values[0]


@cache
def _year_inputs(year):
    from tipline import data  # imported here so that importing the model does no I/O

    year = int(year)

    reports = data.load("reports_by_year")
    row = reports[(reports["year"] == year) & reports["preferred"].astype(bool)]
    if len(row) != 1:
        raise ValueError(
            f"calibration: expected exactly one preferred reports_by_year row for {year}, "
            f"found {len(row)}"
        )
    total = _number(row["total_reports"].iloc[0], f"total_reports for {year}")
    international = _number(
        row["international_user_location_reports"].iloc[0],
        f"international_user_location_reports for {year}",
    )
    first = row.iloc[0]
    total_keys = tuple(column_keys(first, "total_reports"))
    total_conf = (column_confidence(first, "total_reports"),)
    international_col = "international_user_location_reports"
    share_keys = tuple(dict.fromkeys(total_keys + tuple(column_keys(first, international_col))))
    share_conf = tuple(sorted(set(total_conf) | {column_confidence(first, international_col)}))

    recipients = data.load("le_recipients")
    us = recipients[(recipients["year"] == year) & recipients["recipient"].isin(US_RECIPIENTS)]
    missing = sorted(set(US_RECIPIENTS) - set(us["recipient"]))
    if missing or len(us) != len(US_RECIPIENTS):
        raise ValueError(
            f"calibration: le_recipients for {year} needs one row for each of "
            f"{', '.join(US_RECIPIENTS)} (missing: {missing or 'none'}; rows: {len(us)})"
        )
    actionable = sum(_number(v, f"le_recipients actionable for {year}") for v in us["actionable"])
    recipient_total = sum(_number(v, f"le_recipients total for {year}") for v in us["total"])
    icac_rows = us[us["recipient"] == "ICAC units"]
    icac_total = _number(icac_rows["total"].iloc[0], f"le_recipients ICAC units total for {year}")
    domestic = total - international
    if not domestic > 0:
        raise ValueError(f"calibration: no domestic reports in reports_by_year for {year}")

    outcomes = data.load("capacity_outcomes")
    period = f"FY{year}"
    inv = outcomes[(outcomes["metric"] == "icac_investigations") & (outcomes["period"] == period)]
    arr = outcomes[(outcomes["metric"] == "icac_arrests") & (outcomes["period"] == period)]
    investigations = _one_value(inv, "value", f"icac_investigations {period}")
    arrests = _one_value(arr, "value", f"icac_arrests {period}")

    def conf(rows):
        return tuple(sorted(set(rows["confidence"].astype(str))))

    return {
        "volume": {
            "value": total,
            "sources": total_keys,
            "confidence": total_conf,
            "note": f"{year}: {total:,.0f} reports",
        },
        "foreign_share": {
            "value": international / total,
            "sources": share_keys,
            "confidence": share_conf,
            "note": (
                f"{year}: {international:,.0f} of {total:,.0f} reports had a user location abroad"
            ),
        },
        "quality": {
            "value": actionable / recipient_total,
            "sources": _keys(us["source"]),
            "confidence": conf(us),
            "note": (
                f"{year}: {actionable:,.0f} of {recipient_total:,.0f} reports made available "
                f"to U.S. law enforcement ({', '.join(US_RECIPIENTS)}) were actionable"
            ),
        },
        "capacity": {
            "value": investigations,
            "sources": _keys(inv["source"]),
            "confidence": conf(inv),
            "note": f"{period}: {investigations:,.0f} ICAC task-force investigations",
        },
        "icac_share": {
            "value": icac_total / domestic,
            "sources": tuple(dict.fromkeys(_keys(icac_rows["source"]) + total_keys + share_keys)),
            "confidence": tuple(sorted(set(conf(icac_rows)) | set(share_conf))),
            "note": (
                f"{year}: {icac_total:,.0f} reports made available to ICAC units of "
                f"{domestic:,.0f} domestic reports"
            ),
        },
        "p_success": {
            "value": arrests / investigations,
            "sources": _keys(list(arr["source"]) + list(inv["source"])),
            "confidence": tuple(sorted(set(conf(arr) + conf(inv)))),
            "note": (
                f"{period}: {arrests:,.0f} ICAC arrests / {investigations:,.0f} investigations"
            ),
        },
    }


def year_inputs(year):
    """Data-driven defaults for ``year``: ``{param: {"value", "sources", "confidence", "note"}}``.

    ``value`` is a float; ``sources`` a tuple of bib keys (from ``data/references.bib``) of the
    rows used; ``confidence`` the rows' confidence tags; ``note`` a one-line derivation with
    the numbers used (e.g. "FY2023: 184,700 ICAC task-force investigations"). Raises
    ``ValueError`` when the tables lack what a year needs.
    Results are cached per year; the caller gets a fresh copy.
    """
    return {name: dict(entry) for name, entry in _year_inputs(int(year)).items()}


def _binomial_cdf(x, n, p):
    """P(X <= x) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1.0 - p) ** (n - i) for i in range(x + 1))


def _solve_share(x, n, target):
    """The share p at which P(X <= x) = target (P falls as p rises; bisection to 1e-12)."""
    low, high = 0.0, 1.0
    for _ in range(200):
        mid = 0.5 * (low + high)
        if _binomial_cdf(x, n, mid) > target:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return 0.5 * (low + high)


BOUND_LEVEL = 0.95
"""The confidence level of the exact one-sided bounds of :func:`compromise_bounds`."""


def binomial_share_bounds(x, n, level=BOUND_LEVEL):
    """Median-unbiased estimate and exact one-sided bounds of a share seen ``x`` times in ``n``.

    Returns ``(estimate, lower, upper)``. ``upper`` is the share at which seeing ``x`` or
    fewer has chance ``1 - level`` (Clopper-Pearson one-sided; ``1 - (1 - level)**(1/n)``
    when ``x = 0``); ``lower`` the share at which seeing ``x`` or more has chance
    ``1 - level`` (0 when ``x = 0``). The estimate is the median-unbiased one: with ``x = 0``
    the share at which seeing none has chance one half, ``1 - 0.5**(1/n)``; with ``x = n``,
    ``0.5**(1/n)``; otherwise the midpoint of the two shares at which ``x`` is the median.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of at least 1 (got {n!r})")
    if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x <= n:
        raise ValueError(f"x must be a whole number from 0 to n = {n} (got {x!r})")
    if not 0.5 < level < 1:
        raise ValueError(f"level must be between 0.5 and 1 (got {level!r})")
    tail = 1.0 - level
    upper = 1.0 if x == n else _solve_share(x, n, tail)
    lower = 0.0 if x == 0 else _solve_share(x - 1, n, level)
    high_half = 1.0 if x == n else _solve_share(x, n, 0.5)
    low_half = 0.0 if x == 0 else _solve_share(x - 1, n, 0.5)
    if x == 0:
        estimate = high_half
    elif x == n:
        estimate = low_half
    else:
        estimate = 0.5 * (low_half + high_half)
    return estimate, lower, upper


@cache
def _compromise_bounds():
    from tipline import data

    cases = data.load("court_cases")
    column = cases["evidence_suppressed_in_the_end"].astype(str).str.strip().str.lower()
    unknown = sorted(set(column) - {"yes", "no"})
    if unknown:
        raise ValueError(
            f"calibration: court_cases evidence_suppressed_in_the_end must be yes or no "
            f"(found {unknown})"
        )
    n = int(len(cases))
    if n == 0:
        raise ValueError("calibration: court_cases has no decisions to bound the share")
    x = int((column == "yes").sum())
    estimate, lower, upper = binomial_share_bounds(x, n)
    return {
        "n": n,
        "suppressed": x,
        "estimate": estimate,
        "lower": lower,
        "upper": upper,
        "sources": _keys(cases["source"]),
        "confidence": tuple(sorted(set(cases["confidence"].astype(str)))),
        "note": (
            f"{x} of {n} court decisions in data/court_cases.csv ended with the evidence "
            f"suppressed: median-unbiased estimate {estimate:.1%}, exact one-sided "
            f"{BOUND_LEVEL:.0%} bounds {lower:.1%} to {upper:.1%}"
        ),
    }


def compromise_bounds():
    """The share of court cases that end weakened in the defendant's favour, bounded from
    ``data/court_cases.csv``: ``{"n", "suppressed", "estimate", "lower", "upper", "sources",
    "confidence", "note"}`` (see :func:`binomial_share_bounds`).

    The decisions are appealed or published ones, not a random sample of cases, and
    "weakened" is broader than suppression: the bounds are a guide, not a measurement.
    """
    return dict(_compromise_bounds())


def clear_cache():
    """Forget cached inputs (after the data tables change, or in tests)."""
    _year_inputs.cache_clear()
    _compromise_bounds.cache_clear()
