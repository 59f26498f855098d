"""Where one year of domestic reports goes, as stacked HTML bars read from top to bottom.

A Sankey diagram of the model draws the outcomes that decide the verdict as hairlines
beside two million reports nobody reached in time. Here each stage has its own bar, scaled
to that stage's total, so every branch is drawn at a readable size:

1. the domestic reports: worked in time, or not;
2. the reports worked: actionable reports investigated, or informational ones with
   little to find;
3. the actionable reports investigated: a sound case (helps investigators), a case
   weakened in court (helps defendants), or no result;
4. the reports not worked in time: a suspect tipped off (helps defendants), evidence lost
   (helps defendants only against the report worked in time), or nothing happens.

Every part is named, with its count and share, in the list under its bar (text, never
overprinted), so colour is never the only cue. Blue is what helps investigators,
vermillion what helps defendants (hatched when it comes from an unworked report), greys
everything else.

:func:`flow_html` draws it for one model result (the explorer, and the model chapter;
:func:`flow_widget_html` with its stylesheet, for the live panel in Jupyter);
:func:`flow_config` hands the stages to ``tipline-explorer.js``, which only changes widths
and numbers (``drawFlow``).
"""

from __future__ import annotations

import functools
import html

from tipline.model import share_text

#: (stage key, title, whole, parts): each part is (output, label, style). The title's
#: ``{n}`` is the whole's count. ``unworked`` is ``domestic - worked``.
STAGES = (
    (
        "domestic",
        "The {n} domestic reports of the year",
        "domestic",
        (
            ("worked", "Worked in time", "ink"),
            ("unworked", "Not worked in time", "light"),
        ),
    ),
    (
        "worked",
        "The {n} reports worked in time",
        "worked",
        (
            ("investigated", "Actionable, investigated", "ink"),
            ("informational_worked", "Informational: little to find", "light"),
        ),
    ),
    (
        "investigated",
        "The {n} actionable reports investigated",
        "investigated",
        (
            ("sound_case", "Sound case or victim identified: helps investigators", "investigators"),
            ("compromised", "Case weakened in court: helps defendants", "defendants"),
            ("no_result", "No result: neither side gains", "light"),
        ),
    ),
    (
        "unworked",
        "The {n} reports not worked in time",
        "unworked",
        (
            ("tipped_off", "Suspect tipped off: helps defendants", "defendants-hatched"),
            ("lost", "Evidence lost", "lost"),
            ("unrealised", "Actionable, never reached: neither side gains", "light"),
            ("idle_informational", "Informational, left idle: neither side gains", "pale"),
        ),
    ),
)

#: The label and style of lost evidence under each baseline: it helps defendants only
#: when a report is compared with the same report worked in time.
LOST = {
    "no_report": ("Evidence lost: neither side gains (compared with no report)", "grey"),
    "worked_in_time": (
        "Evidence lost: helps defendants (compared with the report worked in time)",
        "defendants-crossed",
    ),
}


def flow_values(outputs: dict) -> dict[str, float]:
    """Every count the bars show, from one evaluation (``outputs``: name -> scalar)."""
    values = {key: float(outputs[key]) for key in _keys() if key != "unworked"}
    values["unworked"] = max(float(outputs["domestic"]) - float(outputs["worked"]), 0.0)
    return values


def _keys() -> list[str]:
    keys = []
    for _stage, _title, whole, parts in STAGES:
        keys += [whole] + [key for key, _label, _style in parts]
    return list(dict.fromkeys(keys))


def _share(part: float, whole: float) -> str:
    """The share a part makes of its stage, as the page writes it."""
    return share_text(part / whole) if whole > 0 else "0%"


def flow_html(result) -> str:
    """The flow of the year's domestic reports for one model result (scalar), as HTML.

    ``result`` is what :func:`tipline.model.evaluate` returns; its baseline decides whether
    lost evidence counts for defendants. Needs only the book's stylesheet (no script).
    """
    outputs = {key: getattr(result, key) for key in _keys() if key != "unworked"}
    values = flow_values(outputs)
    baseline = result.choices["baseline"]
    stages = []
    for stage, title, whole, parts in STAGES:
        total = values[whole]
        segments, items = [], []
        for key, label, style in parts:
            if key == "lost":
                label, style = LOST[baseline]
            width = 100 * values[key] / total if total > 0 else 0.0
            segments.append(
                f'<span class="tipline-flow__part tipline-flow--{style}" data-flow="{key}"'
                f' data-style="{style}"'
                f' data-value="{values[key]!r}" style="width:{width:.3f}%"></span>'
            )
            items.append(
                f'<li data-flow-item="{key}"><span class="tipline-flow__swatch'
                f' tipline-flow--{style}"></span><span class="tipline-flow__label">'
                f'{html.escape(label)}</span> <span class="tipline-flow__count">'
                f'{values[key]:,.0f}</span> <span class="tipline-flow__share">'
                f"({_share(values[key], total)})</span></li>"
            )
        heading = html.escape(title).replace(
            "{n}", f'<span data-flow-total="{whole}">{total:,.0f}</span>'
        )
        stages.append(
            f'<div class="tipline-flow__stage" data-flow-stage="{stage}">'
            f'<p class="tipline-flow__title">{heading}</p>'
            f'<div class="tipline-flow__bar" aria-hidden="true">{"".join(segments)}</div>'
            f'<ul class="tipline-flow__key">{"".join(items)}</ul></div>'
        )
    return (
        '<div class="tipline-flow" role="group" aria-label="Where one year of domestic reports'
        ' goes, stage by stage; each bar is scaled to its own stage.">'
        '<p class="tipline-flow__caption">Where one year of domestic reports goes. Each bar is'
        " scaled to its own stage, so small branches stay readable.</p>"
        + "".join(stages)
        + "</div>"
    )


def flow_widget_html(result) -> str:
    """:func:`flow_html` with the stylesheet it needs (the palette and the flow's rules),
    for a notebook's HTML output (the live panel), where the book's stylesheets are not."""
    return f"<style>{_widget_css()}</style>{flow_html(result)}"


@functools.cache
def _widget_css() -> str:
    """The palette and the flow's rules, read once (the live panel redraws on every move)."""
    from tipline.paths import STATIC_DIR
    from tipline.style import css_variables

    return css_variables() + (STATIC_DIR / "tipline-flow.css").read_text(encoding="utf-8")


def flow_config() -> dict:
    """What ``tipline-explorer.js`` needs to redraw the bars (it fills in the numbers)."""
    return {
        "stages": [
            {"key": stage, "whole": whole, "parts": [key for key, _l, _s in parts]}
            for stage, _title, whole, parts in STAGES
        ],
        "lost": {b: {"label": label, "style": style} for b, (label, style) in LOST.items()},
    }
