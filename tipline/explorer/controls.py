"""The explorers' controls: a slider and an exact-value field per parameter, radio groups.

Each parameter's value lives in one hidden field (``input[data-param]``, named after the
parameter): the model reads it, links write it. The slider and the number field beside it
are two ways to set it:

* the **slider** moves in round steps: the parameter's own step, or for capacity, which
  spans two and a half orders of magnitude, a logarithmic scale whose values snap to two
  significant figures (the arrow keys step through 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times
  a power of ten). Marks under the capacity slider show the measured value and the
  break-even capacity (the smallest capacity at which investigators gain at least as much
  as defendants, all other settings as they are);
* the **number field** takes any value in range exactly (shares in percent), so every
  "predict, then check" exercise can be reproduced to the digit.

``tipline-explorer.js`` keeps the three in step.
"""

from __future__ import annotations

import html
import math

from tipline.model import CHOICE_LABELS, CHOICES
from tipline.model.uncertainty import frontier

#: Parameters whose slider moves on a logarithmic scale.
LOG_SCALE = ("capacity",)
#: Round values per decade that the arrow keys step through on a logarithmic slider.
LOG_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)


def is_percent(p) -> bool:
    return p.format.endswith("%")


def field_value(p, value: float) -> str:
    """The value as the number field shows it: percent for shares, at most six significant
    figures (``fieldText`` in tipline-explorer-parts.js; what a reader types is used
    exactly)."""
    shown = value * 100 if is_percent(p) else value
    digits = max(6, math.floor(math.log10(abs(shown))) + 1) if shown else 6
    return repr(float(f"{shown:.{digits}g}")).removesuffix(".0")


def position(p, value: float) -> float:
    """Where the slider's thumb sits for ``value`` (log10 of it on a logarithmic scale)."""
    return math.log10(value) if p.name in LOG_SCALE else value


def round_value(value: float) -> str:
    """A round number for a label: two significant figures, with thousands separators."""
    if value <= 0 or not math.isfinite(value):
        return f"{value:,.0f}"
    return f"{float(f'{value:.2g}'):,.0f}"


def break_even(year: int, values: dict, choices: dict) -> float | None:
    """The smallest capacity (in range) at which the tilt is at least zero, the other
    settings as in ``values``; None when no capacity in range changes the side."""
    others = {k: v for k, v in values.items() if k not in ("capacity", "quality", "foreign_share")}
    found = frontier([values["quality"]], [values["foreign_share"]], year=year, **choices, **others)
    capacity = float(found["capacity"][0, 0])
    return None if math.isnan(capacity) else capacity


def _marks(ident: str, p, value: float, measured: float, year: int, even: float | None) -> str:
    low, high = math.log10(p.low), math.log10(p.high)

    def at(x: float) -> str:
        return f"{(math.log10(x) - low) / (high - low):.4f}"

    even_text = f"break-even {round_value(even)}" if even is not None else "no break-even in range"
    return (
        f'<div class="tipline-explorer__marks" aria-hidden="true">'
        f'<span class="tipline-explorer__mark tipline-explorer__mark--measured"'
        f' style="--at:{at(measured)}"></span>'
        f'<span class="tipline-explorer__mark tipline-explorer__mark--even"'
        f' style="--at:{at(even) if even else 0}"{"" if even else " hidden"}></span></div>'
        f'<p class="tipline-explorer__mark-key" id="{ident}-marks">'
        f'<span class="tipline-explorer__key-measured">measured in {year}:'
        f" {measured:,.0f}</span> "
        f'<span class="tipline-explorer__key-even" data-even="{even if even else ""}">'
        f"{even_text}</span></p>"
    )


def control(prefix: str, p, value: float, *, measured=None, year=None, even=None) -> str:
    """One parameter's slider, exact-value field, description and value holder."""
    ident = f"{prefix}-{p.name}"
    text = format(value, p.format)
    meaning = html.escape(p.meaning)
    log = p.name in LOG_SCALE
    low, high = (math.log10(p.low), math.log10(p.high)) if log else (p.low, p.high)
    unit = "in percent" if is_percent(p) else html.escape(p.unit)
    field_low, field_high = (field_value(p, p.low), field_value(p, p.high))
    described = f"{ident}-help" + (f" {ident}-marks" if log else "")
    return (
        f'<div class="tipline-explorer__control" data-control="{p.name}">'
        f'<div class="tipline-explorer__control-head"><label for="{ident}">'
        f"{html.escape(p.label)}</label> "
        f'<output id="{ident}-value" for="{ident}" data-for="{p.name}">{text}</output></div>'
        f'<div class="tipline-explorer__control-row">'
        f'<input type="range" id="{ident}" data-slider="{p.name}" min="{low!r}" max="{high!r}"'
        f' step="any" data-step="{p.step!r}" value="{position(p, value)!r}"'
        f"{' data-scale=' + chr(34) + 'log' + chr(34) if log else ''}"
        f' aria-valuetext="{text}" aria-describedby="{described}">'
        f'<input type="number" class="tipline-explorer__exact" id="{ident}-exact"'
        f' data-field="{p.name}" min="{field_low}" max="{field_high}" step="any"'
        f' inputmode="decimal" value="{field_value(p, value)}"'
        f' aria-label="{html.escape(p.label)}, exact value ({unit})"'
        f' aria-describedby="{ident}-help">'
        f'<span class="tipline-explorer__field-unit" aria-hidden="true">'
        f"{'%' if is_percent(p) else ''}</span></div>"
        + (_marks(ident, p, value, measured, year, even) if log else "")
        + f'<p class="tipline-explorer__invalid" id="{ident}-invalid" role="alert" hidden></p>'
        f'<p class="tipline-explorer__help" id="{ident}-help">{meaning}'
        f' <span class="tipline-explorer__unit">({html.escape(p.unit)}; '
        f"{'from data' if p.measured else 'assumption'})</span></p>"
        f"{hidden(p.name, value)}</div>"
    )


def hidden(name: str, value: float) -> str:
    """The field that holds a parameter's value (the only one the page script reads)."""
    return f'<input type="hidden" name="{name}" value="{value!r}" data-param>'


def choice_group(prefix: str, name: str, chosen: str) -> str:
    """A labelled radio group for one modelling choice (arrow keys move between options)."""
    label, value_labels = CHOICE_LABELS[name]
    options = "".join(
        f'<label class="tipline-explorer__option"><input type="radio"'
        f' name="{prefix}-{name}" value="{value}" data-choice="{name}"'
        f"{' checked' if value == chosen else ''}> {html.escape(value_labels[value])}</label>"
        for value in CHOICES[name]
    )
    return (
        f'<fieldset class="tipline-explorer__choice" data-choice-group="{name}">'
        f'<legend class="tipline-explorer__legend">{html.escape(label)}</legend>{options}'
        f"</fieldset>"
    )
