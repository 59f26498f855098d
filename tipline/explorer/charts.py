"""The explorer's charts, described once for the live panel and the static page.

The *balance*: outcomes that help investigators against outcomes that help defendants, as
stacked bars (the two sides of the tilt). The Python functions build a complete plotly
figure for the live panel; the static page draws it in HTML instead
(:func:`tipline.explorer.static.balance_html`), which redraws in a fraction of a frame, and
:func:`chart_config` hands the balance's parts to its script. The flow of reports is HTML
in both (:mod:`tipline.explorer.flowbars`).
"""

from __future__ import annotations

from tipline.style import DEFENDANTS, INVESTIGATORS, base_layout

#: Rows of the balance chart.
SIDES = {"investigators": "Help investigators", "defendants": "Help defendants"}

#: (model output, legend label, side, colour): stacked in this order. Everything that helps
#: defendants is vermillion, the book's colour for them; the outcomes of an unworked report
#: are told apart by hatching (:data:`PATTERNS`) and named in the legend, hover text and
#: table, so colour is never the only cue.
BALANCE_PARTS = (
    ("sound_case", "Sound cases or victims identified", "investigators", INVESTIGATORS),
    ("compromised", "Cases weakened in court", "defendants", DEFENDANTS),
    ("tipped_off", "Suspects tipped off", "defendants", DEFENDANTS),
    ("lost", "Evidence lost while waiting", "defendants", DEFENDANTS),
)

#: Hatching of the outcomes of an unworked report (plotly's pattern shapes; the page draws
#: the same with CSS): diagonal for a suspect tipped off, crossed for evidence lost.
PATTERNS = {"tipped_off": "/", "lost": "x"}

#: Parts that count only under one baseline: key -> that baseline. Lost evidence helps
#: defendants only against the report being worked in time; against "no report" it is value
#: nobody gains, so its bar is empty.
BALANCE_ONLY_UNDER = {"lost": "worked_in_time"}


def balance_values(outputs: dict, baseline: str = "no_report") -> dict[str, float]:
    """The size of each balance part for one evaluation (``outputs``: name -> scalar)."""
    return {
        key: float(outputs[key]) if BALANCE_ONLY_UNDER.get(key, baseline) == baseline else 0.0
        for key, *_ in BALANCE_PARTS
    }


def balance_layout() -> dict:
    return base_layout(
        barmode="stack",
        height=260,
        margin={"l": 140, "r": 20, "t": 10, "b": 120},
        xaxis={"title": {"text": "Outcomes in one year (reports)"}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "fixedrange": True},
        legend={"orientation": "h", "y": -0.55, "x": 0, "traceorder": "normal"},
    )


def balance_traces(outputs: dict, baseline: str = "no_report") -> list[dict]:
    values = balance_values(outputs, baseline)
    return [
        {
            "type": "bar",
            "orientation": "h",
            "name": label,
            "x": [values[key]],
            "y": [SIDES[side]],
            "marker": {
                "color": colour,
                **(
                    {"pattern": {"shape": PATTERNS[key], "fgcolor": "white"}}
                    if key in PATTERNS
                    else {}
                ),
            },
            "hovertemplate": f"{label}: %{{x:,.0f}}<extra></extra>",
        }
        for key, label, side, colour in BALANCE_PARTS
    ]


def balance_figure(outputs: dict, baseline: str = "no_report") -> dict:
    return {"data": balance_traces(outputs, baseline), "layout": balance_layout()}


def chart_config() -> dict:
    """What the page script needs to redraw both charts (it fills in the numbers)."""
    return {
        "balance": {
            "parts": [
                {
                    "key": k,
                    "label": label,
                    "row": SIDES[side],
                    "colour": c,
                    "onlyUnder": BALANCE_ONLY_UNDER.get(k),
                }
                for k, label, side, c in BALANCE_PARTS
            ],
        },
    }
