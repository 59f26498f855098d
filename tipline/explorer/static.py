"""The kernel-free explorer: HTML controls plus the configuration its script needs.

:func:`explorer_html` writes the whole explorer at build time: labelled ``<input
type="range">`` controls named after the model's parameters, the results at the starting
settings (computed here by the Python model, so a reader without JavaScript still sees
them), and a JSON configuration generated from :mod:`tipline.model` (ranges, defaults by
year, presets, verdict bands, the flow diagram). ``tipline-model.js`` and
``tipline-explorer.js`` then recompute on every ``input`` event in the browser.
"""

from __future__ import annotations

import html
import itertools
import json
import math

from tipline.explorer.charts import (
    BALANCE_ONLY_UNDER,
    BALANCE_PARTS,
    SIDES,
    balance_values,
    chart_config,
)
from tipline.explorer.presets import presets
from tipline.model import (
    CHOICE_DEFAULTS,
    CHOICE_LABELS,
    CHOICES,
    DEFAULT_YEAR,
    VERDICT_PHRASES,
    VERDICT_THRESHOLDS,
    YEARS,
    check_choice,
    evaluate,
    params_for_year,
    verdict,
    verdict_sentence,
)

#: Rows of the results table: (model output, label), in flow order.
COUNT_ROWS = (
    ("domestic", "Domestic reports"),
    ("actionable", "Actionable"),
    ("worked", "Reports worked"),
    ("investigated", "Actionable reports investigated"),
    ("sound_case", "Sound cases or victims identified (help investigators)"),
    ("compromised", "Cases weakened in court (help defendants)"),
    ("tipped_off", "Suspects tipped off by an unworked report (help defendants)"),
    (
        "lost",
        "Evidence lost while a report waited (helps defendants only when compared with the "
        "report worked in time)",
    ),
    ("unrealised", "Actionable reports never reached (unrealised value)"),
    ("neither", "Reports where neither side gains"),
)

_ids = itertools.count(1)


def next_prefix() -> str:
    """A fresh id prefix for one explorer: several on a page never share an id."""
    return f"tx{next(_ids)}"


def format_value(value: float, spec: str) -> str:
    """Format like the page script does (specs such as ``.0%``, ``,.0f``, ``.2f``)."""
    return format(value, spec)


def tilt_text(tilt: float) -> str:
    """The tilt as the page shows it: two decimals, a sign unless it rounds to zero."""
    text = f"{abs(tilt):.2f}"
    if text == "0.00":
        return text
    return ("+" if tilt > 0 else "\u2212") + text


def explorer_config(url_state: bool = False, compact: bool = False) -> dict:
    """Everything the page script needs, generated from the Python model.

    ``compact``: only what a compact explorer uses (no presets, flow or count table).
    """
    params = params_for_year(DEFAULT_YEAR)
    years = {
        str(year): {name: p.default for name, p in params_for_year(year).items() if p.measured}
        for year in YEARS
    }
    config = {
        "defaultYear": DEFAULT_YEAR,
        "urlState": url_state,
        "params": [
            {
                "name": p.name,
                "label": p.label,
                "unit": p.unit,
                "low": p.low,
                "high": p.high,
                "step": p.step,
                "format": p.format,
                "secondary": p.secondary,
                "meaning": p.meaning,
                "default": p.default,
            }
            for p in params.values()
        ],
        "years": years,
        "choices": [
            {
                "name": name,
                "label": CHOICE_LABELS[name][0],
                "values": list(values),
                "default": CHOICE_DEFAULTS[name],
            }
            for name, values in CHOICES.items()
        ],
        "presets": [
            {
                "id": pr.id,
                "label": pr.label,
                "description": pr.description,
                "year": pr.year,
                "values": pr.values,
                "choices": pr.choices,
            }
            for pr in presets()
        ],
        "verdict": {
            "clear": VERDICT_THRESHOLDS["clear"],
            "lean": VERDICT_THRESHOLDS["lean"],
            "phrases": list(VERDICT_PHRASES),
        },
        "charts": chart_config(),
        "countLabels": [{"key": k, "label": label} for k, label in COUNT_ROWS],
    }
    if compact:
        config["presets"] = []
        config["countLabels"] = []
        config["charts"] = {"balance": config["charts"]["balance"]}
    return config


def gauge_html(tilt: float) -> str:
    """A bar from the centre of a track: left for defendants, right for investigators.

    Decorative (the number and the sentence beside it say the same in words), so hidden
    from assistive technology.
    """
    half = abs(tilt) * 50
    left = 50 if tilt >= 0 else 50 - half
    return (
        '<div class="tipline-gauge" aria-hidden="true"><div class="tipline-gauge__track">'
        f'<div class="tipline-gauge__fill" style="left:{left:.2f}%;width:{half:.2f}%"></div>'
        '<div class="tipline-gauge__zero"></div></div>'
        '<div class="tipline-gauge__labels"><span>\u22121 all for defendants</span>'
        "<span>0 balanced</span><span>+1 all for investigators</span></div></div>"
    )


def balance_html(result) -> str:
    """The balance as two stacked HTML bars: what helps investigators against what helps
    defendants, on a shared scale (see :data:`tipline.explorer.charts.BALANCE_PARTS`).

    Drawn with HTML and CSS, not plotly: the page script only changes widths and numbers,
    which takes far less than a frame, while a plotly bar chart costs about 9 ms a redraw.
    Each segment holds its value in ``data-value``; the count table below gives the same
    numbers in words, and the legend names every part (the second part that helps
    defendants is hatched as well as coloured, so colour is never the only cue).
    """
    outputs = balance_values(
        {key: getattr(result, key) for key, *_ in BALANCE_PARTS}, result.choices["baseline"]
    )
    sides = {side: 0.0 for side in SIDES}
    for key, _label, side, _colour in BALANCE_PARTS:
        sides[side] += outputs[key]
    top = nice_ceiling(max(sides.values()))
    rows = []
    for side, row_label in SIDES.items():
        parts = "".join(
            f'<span class="tipline-balance__part tipline-balance__part--{key}"'
            f' data-part="{key}" data-value="{outputs[key]!r}"'
            f' style="width:{100 * outputs[key] / top:.3f}%;background-color:{colour}"'
            f' title="{html.escape(label)}: {outputs[key]:,.0f}"></span>'
            for key, label, part_side, colour in BALANCE_PARTS
            if part_side == side
        )
        rows.append(
            f'<div class="tipline-balance__row"><span class="tipline-balance__label">'
            f'{html.escape(row_label)}</span><span class="tipline-balance__track">{parts}'
            f"</span></div>"
        )
    # A part that counts only under the other baseline leaves the legend.
    baseline = result.choices["baseline"]
    legend = "".join(
        f'<li data-legend="{key}"'
        f"{' hidden' if BALANCE_ONLY_UNDER.get(key, baseline) != baseline else ''}>"
        f'<span class="tipline-balance__swatch tipline-balance__part--{key}"'
        f' style="background-color:{colour}"></span>{html.escape(label)}</li>'
        for key, label, _side, colour in BALANCE_PARTS
    )
    return (
        '<div class="tipline-explorer__balance" role="img" aria-label="Stacked bars: outcomes'
        " that help investigators against outcomes that help defendants; the table below gives"
        ' the numbers.">'
        + "".join(rows)
        + '<div class="tipline-balance__axis" aria-hidden="true"><span>0</span>'
        f'<span class="tipline-balance__top" data-top="{top!r}">{top:,.0f} reports</span>'
        "</div>"
        f'<ul class="tipline-balance__legend" aria-hidden="true">{legend}</ul></div>'
    )


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 5 or 10 times a power of ten that is at least ``x`` (1 for
    x <= 0): a round end for the balance bars' scale. Transcribed as ``niceCeiling`` in
    ``tipline-explorer.js``."""
    if not x > 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(x))
    for step in (1.0, 2.0, 5.0):
        if x <= step * power:
            return step * power
    return 10.0 * power


def _control(prefix: str, p, value: float) -> str:
    ident = f"{prefix}-{p.name}"
    text = format_value(value, p.format)
    meaning = html.escape(p.meaning)
    return (
        f'<div class="tipline-explorer__control">'
        f'<label for="{ident}">{html.escape(p.label)}</label> '
        f'<output id="{ident}-value" for="{ident}" data-for="{p.name}">{text}</output>'
        f'<input type="range" id="{ident}" name="{p.name}" min="{p.low!r}" max="{p.high!r}"'
        f' step="any" data-step="{p.step!r}" value="{value!r}" aria-valuetext="{text}" data-param'
        f' aria-describedby="{ident}-help" title="{meaning}">'
        f'<p class="tipline-explorer__help" id="{ident}-help">{meaning}'
        f' <span class="tipline-explorer__unit">({html.escape(p.unit)}; '
        f"{'from data' if p.measured else 'assumption'})</span></p>"
        f"</div>"
    )


def _hidden(name: str, value: float) -> str:
    """A setting the reader cannot move here, kept for the page script's model."""
    return f'<input type="hidden" name="{name}" value="{value!r}" data-param>'


def _choice_group(prefix: str, name: str, chosen: str) -> str:
    """A labelled radio group for one modelling choice (arrow keys move between options)."""
    label, value_labels = CHOICE_LABELS[name]
    options = "".join(
        f'<label class="tipline-explorer__option" style="display:block"><input type="radio"'
        f' name="{prefix}-{name}" value="{value}" data-choice="{name}"'
        f"{' checked' if value == chosen else ''}> {html.escape(value_labels[value])}</label>"
        for value in CHOICES[name]
    )
    # Styled inline (like the balance bars): the theme draws a bare <legend> as a heading.
    return (
        f'<fieldset class="tipline-explorer__choice" data-choice-group="{name}"'
        f' style="border:0;margin:0.75rem 0 0;padding:0">'
        f'<legend style="font-size:1rem;font-weight:700;padding:0;margin-bottom:0.25rem">'
        f"{html.escape(label)}</legend>{options}</fieldset>"
    )


def explorer_html(
    *,
    url_state: bool = False,
    focus: tuple[str, ...] | None = None,
    values: dict | None = None,
    choices: dict | None = None,
) -> str:
    """The explorer as HTML.

    ``focus`` lists the parameters shown up front (default: the primary ones: quality,
    foreign share, capacity); every other parameter sits behind "More assumptions".
    ``values`` overrides starting settings and ``choices`` the modelling choices.
    ``url_state`` makes the page's address hold the settings (only one explorer per page
    should do that).
    """
    params = params_for_year(DEFAULT_YEAR)
    if focus is None:
        focus = tuple(n for n, p in params.items() if not p.secondary)
    unknown = [n for n in focus if n not in params]
    if unknown:
        raise ValueError(
            f"focus names unknown parameter(s) {unknown}; allowed are: {', '.join(params)}"
        )
    start = {n: p.default for n, p in params.items()}
    start.update(values or {})
    chosen = dict(CHOICE_DEFAULTS)
    chosen.update({k: check_choice(k, v) for k, v in (choices or {}).items()})
    result = evaluate(**start, **chosen)
    tilt = float(result.tilt)
    prefix = next_prefix()
    config = explorer_config(url_state)

    front = "".join(_control(prefix, params[n], start[n]) for n in focus)
    front += "".join(_choice_group(prefix, name, chosen[name]) for name in CHOICES)
    rest = "".join(_control(prefix, p, start[n]) for n, p in params.items() if n not in focus)
    year_options = "".join(
        f'<option value="{y}"{" selected" if y == DEFAULT_YEAR else ""}>{y}</option>' for y in YEARS
    )
    preset_buttons = "".join(
        f'<button type="button" class="tipline-explorer__button" data-preset="{pr["id"]}"'
        f' title="{html.escape(pr["description"])}">{html.escape(pr["label"])}</button>'
        for pr in config["presets"]
    )
    count_rows = "".join(
        f'<tr><th scope="row">{html.escape(label)}</th>'
        f'<td data-count="{key}">{float(getattr(result, key)):,.0f}</td></tr>'
        for key, label in COUNT_ROWS
    )
    payload = json.dumps(config).replace("</", "<\\/")
    klass = "tipline-explorer--investigators" if tilt > 0 else "tipline-explorer--defendants"
    return (
        f'<section class="tipline-explorer {klass}" id="{prefix}" data-tilt="{tilt!r}"'
        f' data-url-state="{"true" if url_state else "false"}" aria-label="Tilt explorer">'
        f'<p class="tipline-explorer__notice" role="status" hidden></p>'
        f'<div class="tipline-explorer__presets" role="group" aria-label="Presets">'
        f'<span class="tipline-explorer__presets-label">Start from:</span>{preset_buttons}'
        f'<button type="button" class="tipline-explorer__button" data-action="reset">'
        f"Reset</button></div>"
        f'<div class="tipline-explorer__layout">'
        f'<form class="tipline-explorer__controls" aria-label="Assumptions"'
        f' onsubmit="return false">{front}'
        f'<details class="tipline-explorer__more"><summary>More assumptions and the year'
        f"</summary>"
        f'<div class="tipline-explorer__control"><label for="{prefix}-year">Year of the '
        f"measured settings</label>"
        f'<select id="{prefix}-year" name="year">{year_options}</select></div>'
        f"{rest}</details></form>"
        f'<div class="tipline-explorer__results">'
        f'<p class="tipline-explorer__tilt-line">Tilt: <strong class="tipline-explorer__tilt"'
        f' data-tilt="{tilt!r}">{tilt_text(tilt)}</strong>'
        f' <span class="tipline-explorer__scale">(from \u22121, all for defendants, to +1, '
        f"all for investigators)</span></p>"
        f'<p class="tipline-explorer__verdict" aria-live="polite" data-verdict="{verdict(tilt)}">'
        f"{html.escape(verdict_sentence(result))}</p>"
        + gauge_html(tilt)
        + balance_html(result)
        + f'<div class="tipline-explorer__flow-chart tipline-plot" role="img"'
        f' aria-label="Flow diagram of where the domestic reports go; the table below gives the'
        f' same numbers."></div>'
        f'<table class="tipline-explorer__counts"><caption>Where one year of domestic reports'
        f" goes at these settings</caption>"
        f'<thead><tr><th scope="col">Outcome</th><th scope="col">Reports</th></tr></thead>'
        f"<tbody>{count_rows}</tbody></table>"
        f"</div></div>"
        f'<p class="tipline-explorer__share"><button type="button"'
        f' class="tipline-explorer__button" data-action="copy-link">Copy a link to these'
        f" settings</button> "
        f'<input type="text" class="tipline-explorer__link" readonly hidden'
        f' aria-label="Link to these settings"> '
        f'<span class="tipline-explorer__status" role="status"></span></p>'
        f'<script type="application/json" class="tipline-explorer-config">{payload}</script>'
        f"</section>"
    )
