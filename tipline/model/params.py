"""The tilt model's parameters: meaning, valid range, default, sources, slider settings.

``RANGES`` (the valid range of every parameter) is fixed and needs no data. The defaults of
the measured parameters (``volume``, ``foreign_share``, ``quality``, ``capacity``,
``p_success``) are computed from the tables in ``data/`` by
:func:`tipline.calibration.year_inputs`; no number from the data is typed here. ``PARAMS``
and ``DEFAULTS`` (for :data:`DEFAULT_YEAR`) are therefore built lazily, on first access, so
that importing the model does no file I/O.

Parameter (symbol): valid range; default

* ``volume`` (N): [1e6, 1e8]; total reports in the year (data).
* ``foreign_share`` (f): [0, 0.99]; international user-location reports / all reports
  (data; unknown-location reports count as domestic, since NCMEC sends them to U.S.
  federal law enforcement).
* ``quality`` (q): [0, 1]; actionable share of reports made available to U.S. law
  enforcement (data).
* ``capacity`` (C): [1e4, 3e6]; ICAC investigations in the fiscal year (data; a proxy that
  includes non-CyberTip work, which overstates, and excludes federal agencies, which
  understates).
* ``triage`` (t): [0, 1]; 0.5 (assumption: unmeasured; the Stanford Internet Observatory
  reported in 2024 that officers cannot reliably tell which reports to work first).
* ``p_success`` (s): [0.01, 0.5]; ICAC arrests / ICAC investigations (data; rough proxy).
* ``p_compromise`` (c0): [0, 0.25]; 0.01 (assumption: unmeasured; in the appellate cases
  found, suppression rarely held). The model uses c(q) = c0 (2 - q).
* ``p_alert`` (a): [0, 0.02]; 0.002 (assumption: nobody publishes it, and the verdict is
  sensitive to it).
"""

import numbers
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType

YEARS = (2023, 2024)
"""Years for which the measured defaults are calibrated from data."""

DEFAULT_YEAR = 2023
"""The year whose calibration gives ``PARAMS`` and ``DEFAULTS``."""


@dataclass(frozen=True)
class Param:
    """One model parameter, as the explorers and the model chapter present it.

    ``measured`` is True when the default is computed from data (the year's calibration)
    and False when it is an assumption. ``secondary`` parameters sit behind a "more" control
    in the explorers. ``step`` and ``format`` (a d3/Python format spec such as ``".0%"``)
    are for sliders and labels. ``sources`` are bib keys in ``data/references.bib``;
    ``note`` carries the caveat or derivation in one or two sentences.
    """

    name: str
    label: str
    unit: str
    default: float
    low: float
    high: float
    meaning: str
    sources: tuple[str, ...]
    measured: bool
    step: float
    format: str
    secondary: bool
    note: str = ""


_COURT_CASES = (
    "ackerman_2016",
    "ackerman_2020",
    "wilson_2021",
    "people_v_wilson_2020",
    "miller_2020",
    "ringland_2020",
    "techdirt_2024_maher",
)

# Everything about each parameter except the data-driven defaults. ``default`` is given only
# for assumptions; measured parameters get theirs from the calibration.
_SPEC = (
    Param(
        name="volume",
        label="Reports in the year",
        unit="reports",
        default=float("nan"),
        low=1e6,
        high=1e8,
        meaning="Total CyberTipline reports NCMEC received in the year.",
        sources=(),
        measured=True,
        step=100_000.0,
        format=",.0f",
        secondary=True,
    ),
    Param(
        name="foreign_share",
        label="Foreign share",
        unit="share of all reports",
        default=float("nan"),
        low=0.0,
        high=0.99,
        meaning="Share of all reports whose user location resolves outside the U.S.",
        sources=(),
        measured=True,
        step=0.01,
        format=".0%",
        secondary=False,
        note=(
            "Reports with an unknown location count as domestic: NCMEC makes them available "
            "to U.S. federal law enforcement."
        ),
    ),
    Param(
        name="quality",
        label="Quality (actionable share)",
        unit="share of domestic reports",
        default=float("nan"),
        low=0.0,
        high=1.0,
        meaning="Share of domestic reports NCMEC labels actionable rather than informational.",
        sources=(),
        measured=True,
        step=0.01,
        format=".0%",
        secondary=False,
        note=(
            "Actionable / total over reports made available to ICAC units, federal and local "
            "law enforcement; a report sent to several agencies counts once per agency."
        ),
    ),
    Param(
        name="capacity",
        label="Investigative capacity",
        unit="domestic reports worked per year",
        default=float("nan"),
        low=1e4,
        high=3e6,
        meaning="Domestic reports U.S. investigators can work up in the year.",
        sources=(),
        measured=True,
        step=10_000.0,
        format=",.0f",
        secondary=False,
        note=(
            "Proxy: ICAC task-force investigations in the fiscal year. They include proactive "
            "and other non-CyberTip work (overstates) and leave out federal agencies such as "
            "the FBI and HSI (understates)."
        ),
    ),
    Param(
        name="triage",
        label="Triage",
        unit="0 = random order, 1 = perfect",
        default=0.5,
        low=0.0,
        high=1.0,
        meaning="How well actionable reports are worked first (0 = random order, 1 = perfect).",
        sources=("grossman_2024_sio", "fsi_2024_howtofix"),
        measured=False,
        step=0.05,
        format=".2f",
        secondary=True,
        note=(
            "Unmeasured. The Stanford Internet Observatory (2024) reports that officers cannot "
            "reliably tell which reports to prioritise; 0.5 is a midpoint, not a measurement."
        ),
    ),
    Param(
        name="p_success",
        label="Chance of a sound case",
        unit="per investigated actionable report",
        default=float("nan"),
        low=0.01,
        high=0.5,
        meaning="Chance an investigated actionable report yields a sound case or an identified "
        "victim.",
        sources=(),
        measured=True,
        step=0.001,
        format=".1%",
        secondary=True,
        note=(
            "Rough proxy: ICAC arrests / ICAC investigations in the fiscal year. Arrests also "
            "come from non-CyberTip work, and victims identified without an arrest are missed."
        ),
    ),
    Param(
        name="p_compromise",
        label="Chance of a compromised case",
        unit="per investigated actionable report, at perfect quality",
        default=0.01,
        low=0.0,
        high=0.25,
        meaning="Chance an investigated actionable report ends in a case weakened in the "
        "defendant's favour; rises as quality falls, c(q) = c0 (2 - q).",
        sources=_COURT_CASES,
        measured=False,
        step=0.001,
        format=".1%",
        secondary=True,
        note=(
            "Unmeasured. Covers suppression, evidence gaps, summaries instead of originals and "
            "unviewed files. In the appellate cases found (Ackerman, Wilson, Miller, Ringland, "
            "Maher) suppression rarely held, so the default is small; the cases are not a "
            "random sample."
        ),
    ),
    Param(
        name="p_alert",
        label="Chance an unworked report helps a suspect",
        unit="per domestic report nobody works in time",
        default=0.002,
        low=0.0,
        high=0.02,
        meaning="Chance a domestic report nobody works in time leaves a suspect alerted or "
        "evidence lost.",
        sources=("usc_2258A", "report_act_publaw", "grossman_2024_sio"),
        measured=False,
        step=0.0005,
        format=".2%",
        secondary=True,
        note=(
            "Unmeasured: nobody publishes it (e.g. accounts closed by the platform, "
            "preservation periods of 90 days, one year since the 2024 REPORT Act, running "
            "out). The verdict is sensitive to it. Sources give context, not a value."
        ),
    ),
)

NAMES = tuple(p.name for p in _SPEC)
"""Parameter names in the order of :func:`tipline.model.core.flow`'s arguments."""

RANGES = MappingProxyType({p.name: (p.low, p.high) for p in _SPEC})
"""Valid range ``(low, high)`` of every parameter, bounds included (fixed, needs no data)."""


@cache
def _params_for_year(year):
    from tipline.calibration import year_inputs  # lazy: reads data/ on first use

    inputs = year_inputs(year)
    params = {}
    for spec in _SPEC:
        if spec.measured:
            entry = inputs[spec.name]
            note = f"{spec.note} {entry['note']}.".strip()
            spec = replace(
                spec, default=float(entry["value"]), sources=tuple(entry["sources"]), note=note
            )
        params[spec.name] = spec
    return MappingProxyType(params)


def check_year(year):
    """Return ``year`` as an int if it is calibrated (``None`` means :data:`DEFAULT_YEAR`)."""
    if year is None:
        return DEFAULT_YEAR
    if isinstance(year, numbers.Integral) and not isinstance(year, bool) and year in YEARS:
        return int(year)
    raise ValueError(f"year must be one of {', '.join(map(str, YEARS))} (got {year!r})")


def params_for_year(year):
    """Parameters with the defaults calibrated for ``year`` (one of :data:`YEARS`).

    Returns a new ``dict`` name -> :class:`Param` in :data:`NAMES` order; raises
    ``ValueError`` for a year that is not calibrated.
    """
    return dict(_params_for_year(check_year(year)))


def clear_cache():
    """Forget the calibrated parameters (and the calibration's own cache), e.g. after
    ``data/`` changes in a running session."""
    from tipline import calibration

    _params_for_year.cache_clear()
    calibration.clear_cache()


def __getattr__(name):
    # PEP 562: build PARAMS and DEFAULTS for the default year on first access.
    if name == "PARAMS":
        return _params_for_year(DEFAULT_YEAR)
    if name == "DEFAULTS":
        return MappingProxyType({k: p.default for k, p in _params_for_year(DEFAULT_YEAR).items()})
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
