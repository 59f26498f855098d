"""The tilt model: does one year of U.S.-domestic CyberTipline reports help investigators or
defendants more?

The equations are in :mod:`tipline.model.core` (numpy only, transcribed to JavaScript for the
static explorer); parameters, ranges and sources in :mod:`tipline.model.params`; input checks
in :mod:`tipline.model.validate`; Monte Carlo, tornado and frontier analyses in
:mod:`tipline.model.uncertainty`.

Typical use::

    from tipline.model import evaluate, verdict_sentence
    r = evaluate(quality=0.5)                # other parameters at the 2023 defaults
    float(r.tilt), verdict_sentence(r)
    evaluate(year=2024, capacity=[1e5, 2e5, 4e5]).tilt   # arrays broadcast

``PARAMS`` and ``DEFAULTS`` (default year) are computed from ``data/`` on first access.
"""

import numbers
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np

from tipline.model import core
from tipline.model.params import (
    DEFAULT_YEAR,
    NAMES,
    RANGES,
    YEARS,
    Param,
    check_year,
    params_for_year,
)
from tipline.model.validate import check, check_params

__all__ = [
    "DEFAULT_YEAR",
    "DEFAULTS",
    "FLOW_NAMES",
    "NAMES",
    "PARAMS",
    "RANGES",
    "VERDICT_PHRASES",
    "VERDICT_THRESHOLDS",
    "YEARS",
    "Param",
    "Result",
    "check",
    "check_params",
    "evaluate",
    "params_for_year",
    "verdict",
    "verdict_sentence",
]

FLOW_NAMES = (
    "foreign",
    "domestic",
    "actionable",
    "informational",
    "worked",
    "investigated",
    "informational_worked",
    "not_reached",
    "informational_unworked",
    "sound_case",
    "compromised",
    "no_result",
    "lost_or_alerted",
    "unrealised",
    "idle_informational",
    "benefit_investigators",
    "benefit_defendants",
    "tilt",
    "unrealised_share",
)
"""Names of the model's outputs, in the order :func:`tipline.model.core.flow` returns them."""


@dataclass(frozen=True, eq=False)
class Result:
    """Outputs of :func:`evaluate`: report counts for one year, benefits, tilt.

    Every output is a float64 numpy array of the broadcast shape of the inputs; scalar input
    gives 0-d arrays (use ``float(result.tilt)``), always arrays, never Python floats.
    ``params`` holds the checked inputs, broadcast to the same shape, and ``year`` the
    calibration year whose defaults filled the parameters not given.

    Counts: ``foreign`` + ``domestic`` = volume. Domestic reports split into
    ``informational_worked``, ``sound_case``, ``compromised``, ``no_result`` (the three
    outcomes of ``investigated`` actionable reports), ``lost_or_alerted``, ``unrealised``
    (actionable reports nobody reached, value nobody could use) and ``idle_informational``.
    ``tilt`` = (benefit_investigators - benefit_defendants) / (their sum), in [-1, 1],
    positive favours investigators; ``unrealised_share`` = unrealised / domestic.
    """

    year: int
    params: dict
    foreign: np.ndarray
    domestic: np.ndarray
    actionable: np.ndarray
    informational: np.ndarray
    worked: np.ndarray
    investigated: np.ndarray
    informational_worked: np.ndarray
    not_reached: np.ndarray
    informational_unworked: np.ndarray
    sound_case: np.ndarray
    compromised: np.ndarray
    no_result: np.ndarray
    lost_or_alerted: np.ndarray
    unrealised: np.ndarray
    idle_informational: np.ndarray
    benefit_investigators: np.ndarray
    benefit_defendants: np.ndarray
    tilt: np.ndarray
    unrealised_share: np.ndarray

    @property
    def shape(self):
        """The broadcast shape of inputs and outputs (``()`` for scalar input)."""
        return self.tilt.shape

    def as_dict(self):
        """Outputs as a new dict name -> array (in :data:`FLOW_NAMES` order), no inputs."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in FLOW_NAMES}


def evaluate(*, year=None, **params):
    """Run the model; parameters not given take ``year``'s defaults (default 2023).

    Keyword-only. Every value may be a number or an array; all are checked
    (:func:`tipline.model.validate.check`) and broadcast together. Raises ``ValueError`` for
    an unknown parameter (listing the allowed names), a year that is not calibrated, bad
    values, or shapes that do not broadcast. Returns a :class:`Result`.
    """
    unknown = [k for k in params if k not in RANGES]
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; allowed are: "
            f"{', '.join(NAMES)} (and year)"
        )
    year = check_year(year)
    if all(name in params for name in NAMES):
        filled = params  # nothing to fill in: no need to read the calibration
    else:
        defaults = params_for_year(year)
        filled = {name: params.get(name, defaults[name].default) for name in NAMES}
    values = {name: check(name, filled[name]) for name in NAMES}
    try:
        shape = np.broadcast_shapes(*(v.shape for v in values.values()))
    except ValueError as err:
        shapes = ", ".join(f"{k} {v.shape}" for k, v in values.items() if v.shape)
        raise ValueError(f"parameter arrays cannot be broadcast together: {shapes}") from err
    out = core.flow(**values)
    inputs = {k: np.broadcast_to(v, shape) for k, v in values.items()}
    return Result(year=year, params=inputs, **out)


VERDICT_THRESHOLDS = MappingProxyType({"clear": 1 / 3, "lean": 0.1})
"""Bands of the verdict, symmetric in the tilt's magnitude.

* ``tilt >= 1/3``: "clearly favours investigators" (B_inv >= 2 B_def);
* ``0.1 <= tilt < 1/3``: "leans toward investigators";
* ``-0.1 < tilt < 0.1``: "roughly balanced";
* ``-1/3 < tilt <= -0.1``: "leans toward defendants";
* ``tilt <= -1/3``: "clearly favours defendants" (B_def >= 2 B_inv).
"""

VERDICT_PHRASES = (
    "clearly favours investigators",
    "leans toward investigators",
    "roughly balanced",
    "leans toward defendants",
    "clearly favours defendants",
)
"""The verdict phrases, from most favourable to investigators to most favourable to defendants."""


def _scalar_tilt(tilt):
    if tilt is None or isinstance(tilt, (bool, np.bool_, str, bytes)):
        raise ValueError(f"tilt must be a number between -1 and 1 (got {tilt!r})")
    if isinstance(tilt, numbers.Number) and not isinstance(tilt, numbers.Real):
        raise ValueError(f"tilt must be a number between -1 and 1 (got {tilt!r})")
    arr = np.asarray(tilt)
    if arr.dtype.kind not in "iuf" or arr.size != 1:
        raise ValueError(f"tilt must be a single number between -1 and 1 (got {tilt!r})")
    value = float(arr.reshape(()))
    if not -1.0 <= value <= 1.0:  # also catches NaN
        raise ValueError(f"tilt must be between -1 and 1 (got {value!r})")
    return value


def verdict(tilt):
    """The verdict for one tilt value, as a phrase that follows "the system" (or "is").

    See :data:`VERDICT_THRESHOLDS` for the bands. Raises ``ValueError`` for NaN, a value
    outside [-1, 1], a non-number or an array of more than one element.
    """
    x = _scalar_tilt(tilt)
    clear, lean = VERDICT_THRESHOLDS["clear"], VERDICT_THRESHOLDS["lean"]
    if x >= clear:
        return VERDICT_PHRASES[0]
    if x >= lean:
        return VERDICT_PHRASES[1]
    if x > -lean:
        return VERDICT_PHRASES[2]
    if x > -clear:
        return VERDICT_PHRASES[3]
    return VERDICT_PHRASES[4]


def _count(x, singular, plural, about):
    """'about 9,400 sound cases' (two significant figures), 'no sound cases', ..."""
    if x == 0:
        return f"no {plural}"
    if x < 0.5:
        return f"less than one {singular}"
    rounded = float(f"{x:.2g}") if x >= 10 else round(x)
    noun = singular if rounded == 1 else plural
    return f"{'about ' if about else ''}{rounded:,.0f} {noun}"


def _tilt_text(tilt):
    """Signed tilt with enough decimals that the shown number agrees with the verdict."""
    for digits in range(2, 7):
        shown = round(tilt, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
        if verdict(shown) == verdict(tilt) and np.sign(shown) == np.sign(tilt):
            break
    return f"{shown:+.{digits}f}"


def verdict_sentence(result):
    """One plain sentence for a scalar :class:`Result`, with numbers computed from it.

    For example: "At these settings the system leans toward investigators: about 9,400
    sound cases against 7,600 outcomes that help defendants (tilt +0.10)." In the balanced
    band the sentence says which way it tips, so it changes as the tilt crosses zero.
    """
    if result.tilt.size != 1:
        raise ValueError(
            f"verdict_sentence needs a single setting (got results of shape {result.shape})"
        )
    tilt = float(result.tilt.reshape(()))
    b_inv = float(result.benefit_investigators.reshape(()))
    b_def = float(result.benefit_defendants.reshape(()))
    phrase = verdict(tilt)
    if b_inv == 0 and b_def == 0:  # no actionable report investigated, nothing lost
        return (
            "At these settings neither side gains: no sound cases and no outcomes that help "
            f"defendants (tilt {_tilt_text(tilt)}, the limit as investigations approach zero)."
        )
    if phrase == "roughly balanced":
        phrase = "is roughly balanced"
        if tilt > 0:
            phrase += ", tipping slightly toward investigators"
        elif tilt < 0:
            phrase += ", tipping slightly toward defendants"
    inv = _count(b_inv, "sound case", "sound cases", about=True)
    dfn = _count(
        b_def,
        "outcome that helps defendants",
        "outcomes that help defendants",
        about=not inv.startswith("about"),
    )
    return f"At these settings the system {phrase}: {inv} against {dfn} (tilt {_tilt_text(tilt)})."


def __getattr__(name):
    # PARAMS and DEFAULTS read data/ on first access (see tipline.model.params).
    if name in ("PARAMS", "DEFAULTS"):
        from tipline.model import params

        return getattr(params, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
