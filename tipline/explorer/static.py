"""The kernel-free explorer: HTML controls plus the configuration its script needs.

:func:`explorer_html` writes the whole explorer at build time: a labelled slider and an
exact-value field per parameter (:mod:`tipline.explorer.controls`), the results at the
starting settings (computed here by the Python model, so a reader without JavaScript still
sees them, with a note that the controls need it), the flow of reports
(:mod:`tipline.explorer.flowbars`), and a JSON configuration generated from
:mod:`tipline.model` (ranges, defaults by year, presets, verdict bands). ``tipline-model.js``,
``tipline-explorer-parts.js`` and ``tipline-explorer.js`` then recompute and redraw, in HTML,
on every input in the browser.
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
from tipline.explorer.controls import LOG_SCALE, LOG_STEPS, break_even, choice_group, control
from tipline.explorer.flowbars import flow_config, flow_html
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

#: The model chapter's static tables, for readers without JavaScript.
MODEL_TABLES = "model.html#a-worked-example-2023-at-the-defaults"


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
        "charts": {"balance": chart_config()["balance"], "flow": flow_config()},
        "countLabels": [{"key": k, "label": label} for k, label in COUNT_ROWS],
        "logScale": list(LOG_SCALE),
        "logSteps": list(LOG_STEPS),
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


def settings_note() -> str:
    """What a reader without JavaScript sees: the explorer needs it; the model chapter has
    the same results in static tables."""
    return (
        '<noscript><p class="tipline-explorer__nojs">This explorer needs JavaScript to move'
        " its settings; below are the model's results at the settings shown. The model"
        f' chapter gives them in <a href="{MODEL_TABLES}">static tables</a>.</p></noscript>'
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

    Layout: presets, then the controls beside the results (tilt, verdict, gauge and
    balance), then the flow of reports and the numbers in a table under a disclosure. On a
    wide screen the results column stays in view while the controls scroll; on a narrow one
    a one-line verdict stays at the top of the screen instead.
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
    even = break_even(DEFAULT_YEAR, start, chosen)

    def one(p):
        return control(prefix, p, start[p.name], measured=p.default, year=DEFAULT_YEAR, even=even)

    front = "".join(one(params[n]) for n in focus)
    front += "".join(choice_group(prefix, name, chosen[name]) for name in CHOICES)
    rest = "".join(one(p) for n, p in params.items() if n not in focus)
    year_options = "".join(
        f'<option value="{y}"{" selected" if y == DEFAULT_YEAR else ""}>{y}</option>' for y in YEARS
    )
    active = next((pr["id"] for pr in config["presets"] if _matches(pr, start, chosen)), None)
    preset_buttons = "".join(
        f'<button type="button" class="tipline-explorer__button" data-preset="{pr["id"]}"'
        f' aria-pressed="{"true" if pr["id"] == active else "false"}"'
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
    phrase = verdict(tilt)
    return (
        f'<section class="tipline-explorer {klass}" id="{prefix}" data-tilt="{tilt!r}"'
        f' data-url-state="{"true" if url_state else "false"}" aria-label="Tilt explorer">'
        + settings_note()
        + f'<p class="tipline-explorer__notice" role="status" hidden></p>'
        f'<div class="tipline-explorer__presets" role="group" aria-label="Presets">'
        f'<span class="tipline-explorer__presets-label">Start from:</span>{preset_buttons}'
        f'<button type="button" class="tipline-explorer__button" data-action="reset">'
        f"Reset</button>"
        f'<span class="tipline-explorer__preset-state" aria-live="polite"></span></div>'
        f'<div class="tipline-explorer__layout">'
        f'<form class="tipline-explorer__controls" aria-label="Assumptions"'
        f' onsubmit="return false">'
        f'<p class="tipline-explorer__sticky" aria-hidden="true">Tilt'
        f' <strong class="tipline-explorer__sticky-tilt">{tilt_text(tilt)}</strong>:'
        f' <span class="tipline-explorer__sticky-verdict">{html.escape(phrase)}</span></p>'
        f"{front}"
        f'<details class="tipline-explorer__more"><summary>More assumptions and the year'
        f"</summary>"
        f'<div class="tipline-explorer__control"><label for="{prefix}-year">Year of the '
        f"measured settings</label> "
        f'<select id="{prefix}-year" name="year">{year_options}</select></div>'
        f"{rest}</details></form>"
        f'<div class="tipline-explorer__results">'
        f'<p class="tipline-explorer__tilt-line">Tilt: <strong class="tipline-explorer__tilt"'
        f' data-tilt="{tilt!r}">{tilt_text(tilt)}</strong>'
        f' <span class="tipline-explorer__scale">(from \u22121, all for defendants, to +1, '
        f"all for investigators)</span></p>"
        f'<p class="tipline-explorer__verdict" aria-live="polite" data-verdict="{phrase}">'
        f"{html.escape(verdict_sentence(result))}</p>"
        + gauge_html(tilt)
        + balance_html(result)
        + "</div></div>"
        + '<div class="tipline-explorer__details">'
        + flow_html(result)
        + f'<details class="tipline-explorer__numbers"><summary>The numbers in a table'
        f"</summary>"
        f'<table class="tipline-explorer__counts"><caption>Where one year of domestic reports'
        f" goes at these settings</caption>"
        f'<thead><tr><th scope="col">Outcome</th><th scope="col">Reports</th></tr></thead>'
        f"<tbody>{count_rows}</tbody></table></details></div>"
        f'<p class="tipline-explorer__share"><button type="button"'
        f' class="tipline-explorer__button" data-action="copy-link">Copy a link to these'
        f" settings</button> "
        f'<input type="text" class="tipline-explorer__link" readonly hidden'
        f' aria-label="Link to these settings"> '
        f'<span class="tipline-explorer__status" role="status"></span></p>'
        f'<script type="application/json" class="tipline-explorer-config">{payload}</script>'
        f"</section>"
    )


def _matches(preset: dict, values: dict, choices: dict) -> bool:
    """Whether the settings are exactly a preset's (year aside: the explorer starts in the
    default year)."""
    return (
        preset["year"] == DEFAULT_YEAR
        and all(math.isclose(values[k], v, rel_tol=1e-12) for k, v in preset["values"].items())
        and preset["choices"] == choices
    )
