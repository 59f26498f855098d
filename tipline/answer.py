"""The book's answer in words: the sentences the executive summary and the conclusion lead
with, computed from the model so that no number or claim in them is typed.

The answer has three parts, in the order the question asks for them:

1. **Most domestic tips:** the share of domestic reports where neither side gains
   (:func:`figures`, ``neither_share``);
2. **The balance among the rest,** on the book's assumptions: the tilt at the defaults with
   the central 80% interval of the Monte Carlo over the assumed ranges, and the range of the
   tilt across the modelling choices (baseline x capacity reading);
3. **What would change it:** the combinations of choices, with the share of court cases
   weakened at the top of its assumed range, under which the tilt falls to zero or below.

:func:`figures` gathers the numbers; :func:`headline`, :func:`balance` and
:func:`what_would_change_it` turn them into sentences whose wording follows the numbers (a
sentence that says "every combination" is only produced when every combination agrees).
"""

from __future__ import annotations

from functools import cache

from tipline.model import CHOICES, DEFAULT_YEAR, evaluate, params_for_year, share_text
from tipline.model.params import check_year
from tipline.model.uncertainty import CENTRAL, choice_spread, monte_carlo

__all__ = ["TILT_DEFINITION", "balance", "figures", "headline", "what_would_change_it"]

#: The tilt defined in plain words, for the first time a page uses it.
TILT_DEFINITION = (
    "the tilt, a score from \u22121 (every outcome that helps a side helps defendants) to +1 "
    "(every one helps investigators)"
)


def _central(name: str) -> str:
    """The width of a central interval of the Monte Carlo, e.g. "80%"."""
    low, high = CENTRAL[name]
    return f"{high - low:.0%}"


def _signed(x: float) -> str:
    return f"{x:+.2f}".replace("-", "\u2212")


_BASIS_WORDS = {
    "icac_stream": "investigative capacity were counted like for like",
    "all_domestic": "investigative capacity were counted against every domestic report",
}
_BASELINE_WORDS = {
    "no_report": "a report were compared with the same report never made",
    "worked_in_time": "a report were compared with the same report worked in time",
}


def _conditions(flips) -> str:
    """The combinations of choices in ``flips`` in words, merged where a choice does not
    matter (e.g. "capacity is counted against every domestic report, whatever a report is
    compared with")."""
    combos = {(b, c) for b, c, _ in flips}
    parts = []
    for basis in CHOICES["capacity_basis"]:
        baselines = [b for b in CHOICES["baseline"] if (b, basis) in combos]
        if len(baselines) == len(CHOICES["baseline"]):
            parts.append(f"{_BASIS_WORDS[basis]}, whatever a report is compared with")
        else:
            parts += [f"{_BASIS_WORDS[basis]} and {_BASELINE_WORDS[b]}" for b in baselines]
    return " or ".join(parts)


@cache
def _figures(year: int) -> dict:
    r = evaluate(year=year)
    mc = monte_carlo(year=year)
    worked = float(r.worked)
    lead_nowhere = float(r.no_result + r.informational_worked)
    spread = choice_spread(year)
    at_default = spread[spread["k_level"] == "default"]
    at_high = spread[spread["k_level"] == "high"]
    flips = [
        (row.baseline, row.capacity_basis, row.tilt)
        for row in at_high.itertuples()
        if row.tilt <= 0
    ]
    return {
        "year": year,
        "domestic": float(r.domestic),
        "neither": float(r.neither),
        "neither_share": float(r.neither_share),
        "worked_share": worked / float(r.domestic),
        "nowhere_share_of_worked": lead_nowhere / worked if worked > 0 else 0.0,
        "tilt": float(r.tilt),
        "sound_case": float(r.sound_case),
        "benefit_defendants": float(r.benefit_defendants),
        "median": mc.median,
        "interval80": mc.interval80,
        "interval90": mc.interval90,
        "n_draws": mc.n,
        "choices_low": float(at_default["tilt"].min()),
        "choices_high": float(at_default["tilt"].max()),
        "n_combinations": len(at_default),
        "n_positive": int((at_default["tilt"] > 0).sum()),
        "spread_low": float(spread["tilt"].min()),
        "spread_high": float(spread["tilt"].max()),
        "k_default": params_for_year(year)["p_compromise"].default,
        "k_high": float(at_high["p_compromise"].iloc[0]),
        "flips_at_high_k": tuple(flips),
    }


def figures(year: int | None = None) -> dict:
    """The numbers behind the answer for ``year`` (default 2023), computed from the model.

    Keys: ``domestic``, ``neither``, ``neither_share``, ``worked_share`` (reports worked /
    domestic), ``nowhere_share_of_worked`` (worked reports with no result either way /
    reports worked), ``tilt`` (at the defaults), ``sound_case``, ``benefit_defendants``,
    ``median``, ``interval80``, ``interval90`` and ``n_draws`` (Monte Carlo over the assumed
    ranges, default choices),
    ``choices_low``/``choices_high`` (tilt range over the combinations of choices),
    ``n_combinations``, ``n_positive`` (combinations with a tilt above zero),
    ``spread_low``/``spread_high`` (the same with the share of weakened cases over its
    assumed range), ``k_default``, ``k_high`` and ``flips_at_high_k`` (the combinations,
    as ``(baseline, capacity_basis, tilt)``, whose tilt is zero or below with the share of
    weakened cases at the top of its range). Cached per year.
    """
    return dict(_figures(check_year(year if year is not None else DEFAULT_YEAR)))


def headline(year: int | None = None) -> str:
    """The first sentence of the answer: the share of domestic reports where neither side
    gains."""
    f = figures(year)
    if f["worked_share"] < 0.5 and f["nowhere_share_of_worked"] > 0.5:
        why = "most are never worked, and most of those worked lead nowhere"
    elif f["worked_share"] < 0.5:
        why = "most are never worked"
    else:
        why = "they are never worked, or are worked and lead nowhere"
    return (
        f"For {share_text(f['neither_share'])} of the domestic reports of {f['year']}, "
        f"neither side gains: {why}."
    )


def balance(year: int | None = None, define_tilt: bool = True) -> str:
    """The balance among the reports where something happens, with its interval and its
    range across the modelling choices, "on the book's assumptions"."""
    f = figures(year)
    low80, high80 = f["interval80"]
    tilt = _signed(f["tilt"])
    measure = (
        f"The book measures that balance with {TILT_DEFINITION}: it is"
        if define_tilt
        else "The tilt is"
    )
    if f["tilt"] > 0:
        side = "favour investigators"
    elif f["tilt"] < 0:
        side = "favour defendants"
    else:
        side = "are evenly balanced"
    first = (
        f"Among the reports where something does happen, the outcomes {side} on the book's "
        f"assumptions. {measure} {tilt}, and {_central('interval80')} of random settings "
        f"within the assumed ranges give between {_signed(low80)} and {_signed(high80)}."
    )
    n, positive = f["n_combinations"], f["n_positive"]
    span = f"from {_signed(f['choices_low'])} to {_signed(f['choices_high'])}"
    if positive == n:
        second = (
            f"The balance favours investigators under every combination of the "
            f"modelling choices, with a tilt {span}."
        )
    elif positive == 0:
        second = f"It favours defendants under every combination of the choices ({span})."
    else:
        second = (
            f"It favours investigators under {positive} of the {n} combinations of the "
            f"modelling choices (tilt {span})."
        )
    return f"{first} {second}"


def what_would_change_it(year: int | None = None) -> str:
    """What would tip the balance the other way, from the combinations of choices with the
    share of weakened cases at the top of its assumed range."""
    f = figures(year)
    high, default = share_text(f["k_high"]), share_text(f["k_default"])
    flips = f["flips_at_high_k"]
    if not flips:
        return (
            "Even with the share of court cases weakened in the defendant's favour at the top "
            f"of the range the court decisions allow ({high}, against {default} assumed), no "
            "combination of choices tips the balance toward defendants."
        )
    tilts = " and ".join(_signed(t) for *_, t in flips)
    return (
        "The balance would tip toward defendants only if courts weakened a share of cases at "
        f"the top of the range the court decisions allow ({high}, against {default} "
        f"assumed) and {_conditions(flips)} (tilt {tilts})."
    )
