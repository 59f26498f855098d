"""The tilt model's parameters and modelling choices: meaning, valid range, default, sources.

``RANGES`` (the valid range of every numeric parameter) and ``CHOICES`` (the allowed values
of every modelling choice, default first) are fixed and need no data. The defaults of the
measured parameters (``volume``, ``foreign_share``, ``quality``, ``capacity``,
``icac_share``, ``p_success``) are computed from the tables in ``data/`` by
:func:`tipline.calibration.year_inputs`, and the default of ``p_compromise`` from the court
decisions by :func:`tipline.calibration.compromise_bounds`; no number from the data is typed
here. ``PARAMS`` and ``DEFAULTS`` (for :data:`DEFAULT_YEAR`) are therefore built lazily, on
first access, so that importing the model does no file I/O.

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
* ``icac_share`` (g): [0.05, 1]; reports made available to ICAC units / domestic reports
  (data). Used by the like-for-like capacity reading only.
* ``triage`` (t): [0, 1]; 0.5 (assumption: unmeasured; the Stanford Internet Observatory
  reported in 2024 that officers cannot reliably tell which reports to work first).
* ``p_success`` (s): [0.01, 0.5]; ICAC arrests / ICAC investigations (data; rough proxy):
  the chance an investigated actionable report reaches court.
* ``p_compromise`` (k): [0, 0.5]; share of the cases that reach court that end weakened in
  the defendant's favour; default the median-unbiased estimate from the court decisions
  in ``data/court_cases.csv`` (an assumption bounded by data, not a measurement).
* ``p_alert`` (a): [0, 0.02]; 0.001 (assumption): chance that a domestic report nobody
  works in time tips its suspect off through something the report set in motion.
* ``p_lost`` (l): [0, 0.02]; 0.001 (assumption): chance that the evidence behind a
  domestic report nobody works in time is lost while it waits.

Modelling choices (``CHOICES``; default first):

* ``baseline``: ``"no_report"`` (a report helps a side only against the same report never
  made: evidence lost while a report waits helps nobody) or ``"worked_in_time"`` (against
  the report being worked in time: lost evidence counts for defendants too).
* ``capacity_basis``: ``"icac_stream"`` (like for like: capacity covers the same share of
  all domestic reports as ICAC investigations cover of the reports made available to ICAC,
  W = min(D, C / g)) or ``"all_domestic"`` (ICAC investigations against every domestic
  report, W = min(D, C): nobody outside ICAC works any report).
"""

import numbers
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType

CHOICES = MappingProxyType(
    {
        "baseline": ("no_report", "worked_in_time"),
        "capacity_basis": ("icac_stream", "all_domestic"),
    }
)
"""Modelling choices that are not numbers: name -> allowed values, the default first."""

CHOICE_DEFAULTS = MappingProxyType({name: values[0] for name, values in CHOICES.items()})
"""The default value of every modelling choice."""

CHOICE_LABELS = MappingProxyType(
    {
        "baseline": (
            "What a report is compared with",
            {
                "no_report": "The same report never made",
                "worked_in_time": "The same report worked in time",
            },
        ),
        "capacity_basis": (
            "What investigative capacity covers",
            {
                "icac_stream": "Like for like: ICAC's share of the reports it receives",
                "all_domestic": "ICAC investigations against all domestic reports",
            },
        ),
    }
)
"""For each choice: its label and a short label of each allowed value (for the explorers)."""

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
        unit="investigations per year",
        default=float("nan"),
        low=1e4,
        high=3e6,
        meaning="Investigations U.S. investigators can open in the year (ICAC task forces); how "
        "many domestic reports that covers depends on the capacity reading.",
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
        name="icac_share",
        label="ICAC share of domestic reports",
        unit="share of domestic reports",
        default=float("nan"),
        low=0.05,
        high=1.0,
        meaning="Share of domestic reports made available to ICAC task forces; the like-for-like "
        "capacity reading works that share of every domestic report at ICAC's rate.",
        sources=(),
        measured=True,
        step=0.01,
        format=".0%",
        secondary=True,
        note=(
            "Reports made available to ICAC units / domestic reports. A report sent to ICAC "
            "and to a federal agency is counted by both, so the share is approximate. Used "
            "only when capacity is read like for like."
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
        label="Chance a case reaches court",
        unit="per investigated actionable report",
        default=float("nan"),
        low=0.01,
        high=0.5,
        meaning="Chance an investigated actionable report leads to an arrest or an identified "
        "victim: a case that reaches court.",
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
        label="Share of court cases weakened",
        unit="per case that reaches court",
        default=float("nan"),
        low=0.0,
        high=0.5,
        meaning="Share of the cases that reach court that end weakened in the defendant's "
        "favour (evidence suppressed, a conviction set aside, a weaker plea).",
        sources=(),
        measured=False,
        step=0.005,
        format=".1%",
        secondary=True,
        note=(
            "An assumption bounded by the case law: the default is the median-unbiased "
            "estimate from the court decisions the book read. They are appealed and published "
            "decisions, not a random sample, and 'weakened' is broader than suppression."
        ),
    ),
    Param(
        name="p_alert",
        label="Chance an unworked report tips off its suspect",
        unit="per domestic report nobody works in time",
        default=0.001,
        low=0.0,
        high=0.02,
        meaning="Chance a domestic report nobody works in time tips its suspect off through "
        "something the report set in motion (e.g. the platform closing or flagging the "
        "account when it reports).",
        sources=("grossman_2024_sio", "usc_2258A"),
        measured=False,
        step=0.0005,
        format=".2%",
        secondary=True,
        note=(
            "Unmeasured: no source gives a value. Platforms act on the accounts they report "
            "and the law obliges them to report, not to wait; how often that reaches a "
            "suspect before police do is not published. The sources give context only."
        ),
    ),
    Param(
        name="p_lost",
        label="Chance an unworked report loses its evidence",
        unit="per domestic report nobody works in time",
        default=0.001,
        low=0.0,
        high=0.02,
        meaning="Chance the evidence behind a domestic report nobody works in time is lost "
        "while it waits (e.g. a preservation period running out). Helps defendants only "
        "against the 'worked in time' baseline.",
        sources=("usc_2258A", "report_act_publaw", "grossman_2024_sio"),
        measured=False,
        step=0.0005,
        format=".2%",
        secondary=True,
        note=(
            "Unmeasured: no source gives a value. Platforms must keep reported content for 90 "
            "days, one year since the 2024 REPORT Act. Against 'no report' the suspect is "
            "where they were without the report, so lost evidence is value nobody gains."
        ),
    ),
)

NAMES = tuple(p.name for p in _SPEC)
"""Parameter names in the order of :func:`tipline.model.core.flow`'s arguments (the
choices follow them)."""

RANGES = MappingProxyType({p.name: (p.low, p.high) for p in _SPEC})
"""Valid range ``(low, high)`` of every parameter, bounds included (fixed, needs no data)."""


@cache
def _params_for_year(year):
    from tipline.calibration import (
        compromise_bounds,
        year_inputs,  # lazy: reads data/ on first use
    )

    inputs = year_inputs(year)
    bounds = compromise_bounds()
    params = {}
    for spec in _SPEC:
        if spec.name == "p_compromise":
            spec = replace(
                spec,
                default=float(bounds["estimate"]),
                sources=tuple(bounds["sources"]),
                note=f"{spec.note} {bounds['note']}.",
            )
        elif spec.measured:
            entry = inputs[spec.name]
            note = f"{spec.note} {entry['note']}.".strip()
            spec = replace(
                spec, default=float(entry["value"]), sources=tuple(entry["sources"]), note=note
            )
        params[spec.name] = spec
    return MappingProxyType(params)


def check_choice(name, value):
    """Return ``value`` if it is an allowed value of modelling choice ``name``.

    Raises ``ValueError`` naming the choice and listing its allowed values, e.g.
    ``baseline must be one of 'no_report', 'worked_in_time' (got 'never')``.
    """
    if name not in CHOICES:
        raise ValueError(
            f"unknown modelling choice {name!r}; the choices are: {', '.join(CHOICES)}"
        )
    allowed = CHOICES[name]
    if isinstance(value, str) and value in allowed:
        return value
    listed = ", ".join(repr(v) for v in allowed)
    raise ValueError(f"{name} must be one of {listed} (got {value!r})")


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
