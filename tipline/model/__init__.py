"""The tilt model: does one year of U.S.-domestic CyberTipline reports help investigators or
defendants more?

The equations are in :mod:`tipline.model.core` (numpy only, transcribed to JavaScript for the
static explorer); parameters, ranges and sources in :mod:`tipline.model.params`; input checks
in :mod:`tipline.model.validate`; Monte Carlo, tornado and frontier analyses in
:mod:`tipline.model.uncertainty`.

Typical use::

    from tipline.model import evaluate, verdict_sentence
    r = evaluate(quality=0.5)                # other parameters at the 2023 defaults
    float(r.tilt), float(r.neither_share), verdict_sentence(r)
    evaluate(year=2024, capacity=[1e5, 2e5, 4e5]).tilt   # arrays broadcast
    evaluate(baseline="worked_in_time", capacity_basis="all_domestic")  # modelling choices

``PARAMS`` and ``DEFAULTS`` (default year) are computed from ``data/`` on first access;
``CHOICES`` lists the modelling choices that are not numbers, default first.
"""

import numbers
from dataclasses import dataclass, fields
from types import MappingProxyType

import numpy as np

from tipline.model import core
from tipline.model.params import (
    CHOICE_DEFAULTS,
    CHOICE_LABELS,
    CHOICES,
    DEFAULT_YEAR,
    NAMES,
    RANGES,
    YEARS,
    Param,
    check_choice,
    check_year,
    params_for_year,
)
from tipline.model.validate import MAX_ELEMENTS, check, check_params, check_size

__all__ = [
    "CHOICES",
    "CHOICE_DEFAULTS",
    "CHOICE_LABELS",
    "DEFAULT_YEAR",
    "DEFAULTS",
    "FLOW_NAMES",
    "MAX_ELEMENTS",
    "NAMES",
    "PARAMS",
    "RANGES",
    "VERDICT_PHRASES",
    "VERDICT_THRESHOLDS",
    "YEARS",
    "Param",
    "Result",
    "check",
    "check_choice",
    "check_params",
    "evaluate",
    "params_for_year",
    "verdict",
    "share_text",
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
    "court",
    "sound_case",
    "compromised",
    "no_result",
    "tipped_off",
    "lost",
    "unrealised",
    "idle_informational",
    "benefit_investigators",
    "benefit_defendants",
    "neither",
    "tilt",
    "unrealised_share",
    "neither_share",
)
"""Names of the model's outputs, in the order :func:`tipline.model.core.flow` returns them."""


@dataclass(frozen=True, eq=False)
class Result:
    """Outputs of :func:`evaluate`: report counts for one year, benefits, tilt.

    Every output is a read-only float64 numpy array of the broadcast shape of the inputs;
    scalar input gives 0-d arrays (use ``float(result.tilt)``), always arrays, never Python
    floats. ``params`` holds the checked inputs, broadcast to the same shape (read-only too),
    ``choices`` the modelling choices used, and ``year`` the calibration year whose defaults
    filled the parameters not given.

    Counts: ``foreign`` + ``domestic`` = volume. Domestic reports split into
    ``informational_worked``, ``sound_case``, ``compromised`` and ``no_result`` (what became
    of the ``investigated`` actionable reports: ``court`` = sound + compromised reach court),
    ``tipped_off``, ``lost``, ``unrealised`` (actionable reports nobody reached, value nobody
    could use) and ``idle_informational``. Three groups: ``benefit_investigators``,
    ``benefit_defendants`` and ``neither`` (their sum is ``domestic``).
    ``tilt`` = (benefit_investigators - benefit_defendants) / (their sum), in [-1, 1],
    positive favours investigators; ``unrealised_share`` = unrealised / domestic and
    ``neither_share`` = neither / domestic.
    """

    year: int
    params: dict
    choices: dict
    foreign: np.ndarray
    domestic: np.ndarray
    actionable: np.ndarray
    informational: np.ndarray
    worked: np.ndarray
    investigated: np.ndarray
    informational_worked: np.ndarray
    not_reached: np.ndarray
    informational_unworked: np.ndarray
    court: np.ndarray
    sound_case: np.ndarray
    compromised: np.ndarray
    no_result: np.ndarray
    tipped_off: np.ndarray
    lost: np.ndarray
    unrealised: np.ndarray
    idle_informational: np.ndarray
    benefit_investigators: np.ndarray
    benefit_defendants: np.ndarray
    neither: np.ndarray
    tilt: np.ndarray
    unrealised_share: np.ndarray
    neither_share: np.ndarray

    @property
    def shape(self):
        """The broadcast shape of inputs and outputs (``()`` for scalar input)."""
        return self.tilt.shape

    def as_dict(self):
        """Outputs as a new dict name -> array (in :data:`FLOW_NAMES` order), no inputs."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in FLOW_NAMES}


def _read_only(x):
    """``x`` as a float64 array that owns its memory and cannot be written to."""
    x = np.asarray(x, dtype=float)
    if x.base is not None or not x.flags.writeable:
        x = x.copy()
    x.flags.writeable = False
    return x


def evaluate(*, year=None, baseline=None, capacity_basis=None, **params):
    """Run the model; parameters not given take ``year``'s defaults (default 2023).

    Keyword-only. Every numeric value may be a number or an array; all are checked
    (:func:`tipline.model.validate.check`) and broadcast together. ``baseline`` and
    ``capacity_basis`` are modelling choices (:data:`CHOICES`; ``None`` means the default).
    Raises ``ValueError`` for an unknown parameter (listing the allowed names), an unknown
    choice value (listing the allowed values), a year that is not calibrated, bad values,
    shapes that do not broadcast, or a broadcast shape of more than :data:`MAX_ELEMENTS`
    elements. Returns a :class:`Result` of read-only arrays.
    """
    unknown = [k for k in params if k not in RANGES]
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; allowed are: "
            f"{', '.join(NAMES)} (and year, {', '.join(CHOICES)})"
        )
    choices = {
        "baseline": check_choice(
            "baseline", CHOICE_DEFAULTS["baseline"] if baseline is None else baseline
        ),
        "capacity_basis": check_choice(
            "capacity_basis",
            CHOICE_DEFAULTS["capacity_basis"] if capacity_basis is None else capacity_basis,
        ),
    }
    year = check_year(year)
    if all(name in params for name in NAMES):
        filled = params  # nothing to fill in: no need to read the calibration
    else:
        defaults = params_for_year(year)
        filled = {name: params.get(name, defaults[name].default) for name in NAMES}
    try:  # refuse an oversized grid before checking millions of values
        early = np.broadcast_shapes(*(np.shape(filled[name]) for name in NAMES))
    except (TypeError, ValueError):  # ragged or unbroadcastable: check() explains below
        early = ()
    check_size(early)
    values = {name: check(name, filled[name]) for name in NAMES}
    try:
        shape = np.broadcast_shapes(*(v.shape for v in values.values()))
    except ValueError as err:
        shapes = ", ".join(f"{k} {v.shape}" for k, v in values.items() if v.shape)
        raise ValueError(f"parameter arrays cannot be broadcast together: {shapes}") from err
    check_size(shape)
    out = core.flow(**values, **choices)
    inputs = {k: _read_only(np.broadcast_to(v, shape)) for k, v in values.items()}
    outputs = {k: _read_only(v) for k, v in out.items()}
    return Result(
        year=year,
        params=MappingProxyType(inputs),
        choices=MappingProxyType(choices),
        **outputs,
    )


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
    """Signed tilt with enough decimals that the shown number agrees with the verdict; a
    negative one with the minus sign (U+2212), as everywhere in the book."""
    for digits in range(2, 7):
        shown = round(tilt, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
        if verdict(shown) == verdict(tilt) and np.sign(shown) == np.sign(tilt):
            break
    return f"{shown:+.{digits}f}".replace("-", "\u2212")  # the minus sign, as printed


def share_text(x):
    """A share in [0, 1] as a percentage with the fewest decimals (up to four) that neither
    rounds a share above zero to "0%" nor one below one to "100%": 0.9913 -> "99%",
    0.9996 -> "99.96%", 0 -> "0%"."""
    x = float(x)
    for digits in range(0, 5):
        shown = f"{x:.{digits}%}"
        value = float(shown[:-1]) / 100
        if (value > 0 or x == 0) and (value < 1 or x == 1):
            return shown
    return shown


def verdict_sentence(result):
    """Two plain sentences for a scalar :class:`Result`, with numbers computed from it.

    For example: "At these settings the system clearly favours investigators: about 28,000
    sound cases against 5,500 outcomes that help defendants (tilt +0.67). Neither side gains
    from 99% of the domestic reports." In the balanced band the sentence says which way it
    tips, so it changes as the tilt crosses zero.
    """
    if result.tilt.size != 1:
        raise ValueError(
            f"verdict_sentence needs a single setting (got results of shape {result.shape})"
        )
    tilt = float(result.tilt.reshape(()))
    b_inv = float(result.benefit_investigators.reshape(()))
    b_def = float(result.benefit_defendants.reshape(()))
    phrase = verdict(tilt)
    neither = (
        f" Neither side gains from {share_text(float(result.neither_share.reshape(())))} of "
        "the domestic reports."
    )
    if b_inv == 0 and b_def == 0:  # no actionable report investigated, nothing lost
        return (
            "At these settings neither side gains: no sound cases and no outcomes that help "
            f"defendants (tilt {_tilt_text(tilt)}, the limit as investigations approach zero)."
            + neither
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
    return (
        f"At these settings the system {phrase}: {inv} against {dfn} "
        f"(tilt {_tilt_text(tilt)})." + neither
    )


def __getattr__(name):
    # PARAMS and DEFAULTS read data/ on first access (see tipline.model.params).
    if name in ("PARAMS", "DEFAULTS"):
        from tipline.model import params

        return getattr(params, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
