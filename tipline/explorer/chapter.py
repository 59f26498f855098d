"""The compact explorer for chapters: one or two controls, the verdict and the balance.

A chapter about one assumption shows only that assumption's control, the verdict sentence
and the balance bars, with a link that opens the full explorer (``explore.html``) at the
same settings. Every other parameter is fixed at the starting settings and travels in
hidden fields, so the page script computes with the whole model. No presets, no flow, no
table: the full explorer has those.

Call it through :func:`tipline.explorer.compact`::

    from tipline.explorer import compact
    compact(focus=("capacity",))                          # 2023 settings, capacity movable
    compact(focus=("quality", "foreign_share"), year=2024)
    compact(focus=("p_alert",), baseline="worked_in_time", p_lost=0.002)

:func:`short_query` writes the settings as the short link the full explorer reads: values
at the year's defaults are left out, the others written with at most 12 significant digits.
``tipline-explorer.js`` writes the same links in the browser (``shortQuery``).
"""

from __future__ import annotations

import html
import json
from decimal import Decimal
from urllib.parse import urlencode

from tipline.explorer.controls import break_even, choice_group, control, hidden
from tipline.explorer.static import balance_html, explorer_config, next_prefix, settings_note
from tipline.model import (
    CHOICE_DEFAULTS,
    CHOICES,
    DEFAULT_YEAR,
    check,
    check_choice,
    check_year,
    evaluate,
    params_for_year,
    verdict,
    verdict_sentence,
)

#: The page the compact explorer's link opens (beside every chapter in book/).
FULL_EXPLORER = "explore.html"


def link_number(value: float) -> str:
    """A value as a link writes it: at most 12 significant digits, no trailing zeros.
    Transcribed as ``linkNumber`` in ``tipline-explorer.js``."""
    text = format(Decimal(f"{float(value):.12g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def short_query(year: int, values: dict, choices: dict) -> str:
    """The settings as a short query string: the year unless it is the default year, and
    only the values and choices that differ from that year's defaults."""
    defaults = {n: p.default for n, p in params_for_year(year).items()}
    pairs = []
    if year != DEFAULT_YEAR:
        pairs.append(("year", str(year)))
    for name, default in defaults.items():
        if link_number(values[name]) != link_number(default):
            pairs.append((name, link_number(values[name])))
    for name, value in choices.items():
        if value != CHOICE_DEFAULTS[name]:
            pairs.append((name, value))
    return urlencode(pairs)


def split_settings(settings: dict) -> tuple[dict, dict]:
    """Keyword settings split into parameter values and modelling choices, each checked
    (an unknown name or a value out of range is an error naming what is allowed)."""
    params = params_for_year(DEFAULT_YEAR)
    values, choices = {}, {}
    for name, value in settings.items():
        if name in CHOICES:
            choices[name] = check_choice(name, value)
        elif name in params:
            values[name] = float(check(name, value))
        else:
            raise ValueError(
                f"unknown setting {name!r}; allowed are the parameters "
                f"{', '.join(params)} and the choices {', '.join(CHOICES)}"
            )
    return values, choices


def compact_html(
    focus: tuple[str, ...] | list[str] | str = ("capacity",),
    *,
    year: int | None = None,
    label: str | None = None,
    **settings,
) -> str:
    """The compact explorer as HTML.

    ``focus``: the parameters (and, if wanted, modelling choices such as ``"baseline"``)
    the reader can move, in order; ``year``: whose measured values the other settings take
    (default: the book's default year); ``settings``: starting values of any parameter or
    choice, by name (``capacity=250_000``, ``baseline="worked_in_time"``); ``label``: the
    accessible name of the explorer (default: "Tilt explorer: " and the focus controls).
    """
    year = check_year(year) if year is not None else DEFAULT_YEAR
    params = params_for_year(year)
    focus = (focus,) if isinstance(focus, str) else tuple(focus)
    if not focus:
        raise ValueError("focus must name at least one parameter or choice to move")
    unknown = [n for n in focus if n not in params and n not in CHOICES]
    if unknown:
        raise ValueError(
            f"focus names unknown setting(s) {unknown}; allowed are the parameters "
            f"{', '.join(params)} and the choices {', '.join(CHOICES)}"
        )
    values, chosen_settings = split_settings(settings)
    start = {n: p.default for n, p in params.items()}
    start.update(values)
    chosen = dict(CHOICE_DEFAULTS)
    chosen.update(chosen_settings)
    result = evaluate(year=year, **start, **chosen)
    tilt = float(result.tilt)
    prefix = next_prefix()
    config = explorer_config(compact=True)

    even = break_even(year, start, chosen) if "capacity" in focus else None

    def one(name):
        if name in CHOICES:
            return choice_group(prefix, name, chosen[name])
        p = params[name]
        return control(prefix, p, start[name], measured=p.default, year=year, even=even)

    controls = "".join(one(n) for n in focus)
    fixed = "".join(hidden(n, start[n]) for n in params if n not in focus)
    fixed += "".join(
        f'<input type="hidden" name="{prefix}-{n}" value="{chosen[n]}" data-choice="{n}">'
        for n in CHOICES
        if n not in focus
    )
    query = short_query(year, start, chosen)
    href = FULL_EXPLORER + (f"?{query}" if query else "")
    names = ", ".join(params[n].label if n in params else n.replace("_", " ") for n in focus)
    aria = html.escape(label or f"Tilt explorer: {names}")
    # A chapter may hold several explorers: each one's form is a landmark of its own, named
    # after the assumptions it shows, so a screen reader's list of regions tells them apart.
    form_aria = html.escape(f"Assumptions: {names}")
    payload = json.dumps(config).replace("</", "<\\/")
    klass = "tipline-explorer--investigators" if tilt > 0 else "tipline-explorer--defendants"
    return (
        f'<section class="tipline-explorer tipline-explorer--compact {klass}" id="{prefix}"'
        f' data-tilt="{tilt!r}" data-year="{year}" data-url-state="false"'
        f' aria-label="{aria}">'
        + settings_note()
        + f'<p class="tipline-explorer__notice" role="status" hidden></p>'
        f'<form class="tipline-explorer__controls" aria-label="{form_aria}"'
        f' onsubmit="return false">{controls}{fixed}</form>'
        f'<div class="tipline-explorer__results">'
        f'<p class="tipline-explorer__verdict" aria-live="polite" data-verdict="{verdict(tilt)}">'
        f"{html.escape(verdict_sentence(result))}</p>" + balance_html(result) + "</div>"
        f'<p class="tipline-explorer__open"><a class="tipline-explorer__open-link"'
        f' href="{html.escape(href)}">Open in the full explorer</a>'
        f' <span class="tipline-explorer__open-note">(with these settings, and every other'
        f" assumption)</span></p>"
        f'<script type="application/json" class="tipline-explorer-config">{payload}</script>'
        f"</section>"
    )
