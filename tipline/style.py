"""The book's colours, defined once, with one meaning each.

* **Blue** (Okabe & Ito's blue) is investigators and what helps them.
* **Vermillion** (Okabe & Ito's vermillion) is defendants and what helps them.
* **Greys** are everything else: countries, platforms, report streams, totals, outcomes
  where neither side gains. A chart emphasises one grey series by drawing it dark
  (:data:`INK`) among lighter ones, never by adding a colour.

Okabe & Ito (2008) chose the blue and vermillion to stay distinguishable under the common
forms of colour-vision deficiency. Meaning is never carried by colour alone: every chart has
labels and a text description, and the verdict is always written in words.

"Rests on a secondary source" has its own cue, an *outlined* mark (a pale fill inside a
solid outline, or an open dot; see :func:`tipline.charts.marks.secondary_marker`). Hatching
stays reserved for the explorer's outcomes.

The same colours reach the page's CSS as custom properties (``--tipline-investigators``
...), written from :func:`css_variables` into ``_static/tipline-palette.css`` at build time,
so the explorer's CSS and the charts cannot drift apart. Each colour has a *text* variant
dark enough for 4.5:1 contrast on white, and a light variant for text in dark mode.
"""

from __future__ import annotations

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Investigators and what helps them.
INVESTIGATORS = OKABE_ITO["blue"]
#: Defendants and what helps them.
DEFENDANTS = OKABE_ITO["vermillion"]
#: The emphasised series among greys (a dark grey, not a colour).
INK = "#3A3A3A"
#: Text-grade grey: 4.5:1 on white. Reference lines, notes, secondary text.
NEUTRAL = "#767676"
#: Marks without a meaning: a mid grey, a light grey and a pale grey (backgrounds).
GREY = "#A3A3A3"
LIGHT = "#CFCFCF"
PALE = "#EDEDED"
#: Outcomes where neither side gains (unrealised value, idle reports).
NEITHER = LIGHT

#: Text in a side's colour that still reads at 4.5:1 on white (labels beside marks).
INVESTIGATORS_TEXT = "#005A8C"
DEFENDANTS_TEXT = "#A33B00"

#: Pale tints of the two sides (backgrounds of chart regions that favour a side).
INVESTIGATORS_TINT = "#E3EFF8"
DEFENDANTS_TINT = "#FBE8DC"

#: Grey series in order, darkest first, for charts with several series and no meaning.
GREYS = (INK, GREY, LIGHT)

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#E2E2E2"
#: Axis lines and tick marks.
AXIS_COLOUR = "#8C8C8C"

#: Every named colour of the palette (the CSS custom properties use these names).
PALETTE = {
    "investigators": INVESTIGATORS,
    "investigators-text": INVESTIGATORS_TEXT,
    "investigators-tint": INVESTIGATORS_TINT,
    "defendants": DEFENDANTS,
    "defendants-text": DEFENDANTS_TEXT,
    "defendants-tint": DEFENDANTS_TINT,
    "ink": INK,
    "neutral": NEUTRAL,
    "grey": GREY,
    "light": LIGHT,
    "pale": PALE,
    "neither": NEITHER,
    "text": TEXT_COLOUR,
    "grid": GRID_COLOUR,
    "axis": AXIS_COLOUR,
}

#: Outcomes that stand for a side without naming it, so that a chart may draw them in the
#: side's colour (``tests/test_chart_meanings.py`` holds every chart to this list).
MEANINGS = {
    "investigators": (
        "sound case",
        "worked on",
        "helps investigators",
        "investigators favoured",
        # law enforcement's own work: the reports it receives, its arrests, the children
        # it identifies
        "law enforcement",
        "federal agencies",
        "icac",
        "escalated as urgent",
        "arrests",
        "newly identified",
    ),
    "defendants": (
        "case weakened",
        "cases weakened",
        "tipped off",
        "helps defendants",
        "defendants favoured",
    ),
}

#: Dark-mode values of the colours used for *text* (on the theme's dark background, each
#: reaches 4.5:1; marks inside charts keep their colours, charts keep a white card).
DARK_TEXT = {
    "investigators-text": "#7CC4F0",
    "defendants-text": "#F4A572",
    "neutral": "#B4B4B4",
    "text": "#E6E6E6",
}


def css_variables() -> str:
    """The palette as CSS custom properties, light values first, dark-mode text after."""
    light = "".join(f"  --tipline-{name}: {value};\n" for name, value in PALETTE.items())
    dark = "".join(f"  --tipline-{name}: {value};\n" for name, value in DARK_TEXT.items())
    return (
        "/* Generated from tipline/style.py at build time: edit the palette there. */\n"
        f":root {{\n{light}}}\n"
        f'html[data-theme="dark"] {{\n{dark}}}\n'
    )


def tint(colour: str, alpha: float) -> str:
    """``colour`` (``#RRGGBB``) as ``rgba`` with opacity ``alpha`` (0 to 1)."""
    if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
        raise ValueError(f"tint: colour must be '#RRGGBB' (got {colour!r})")
    if not 0 <= alpha <= 1:
        raise ValueError(f"tint: alpha must be between 0 and 1 (got {alpha!r})")
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


def lighten(colour: str, share: float) -> str:
    """``colour`` (``#RRGGBB``) mixed with ``share`` (0 to 1) of white, as ``#RRGGBB``: a
    paler, opaque shade of the same meaning."""
    if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
        raise ValueError(f"lighten: colour must be '#RRGGBB' (got {colour!r})")
    if not 0 <= share <= 1:
        raise ValueError(f"lighten: share must be between 0 and 1 (got {share!r})")
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02X}" for c in channels)


def text_colour(colour: str) -> str:
    """The colour to write a label in beside a mark of ``colour`` (4.5:1 on white)."""
    return {INVESTIGATORS: INVESTIGATORS_TEXT, DEFENDANTS: DEFENDANTS_TEXT}.get(
        colour, INK if colour in (INK, TEXT_COLOUR) else NEUTRAL
    )


# --- the explorer's figures ------------------------------------------------------------------
# The explorer's balance chart and flow diagram (tipline.explorer) are drawn by its own
# script, outside the chart layer; they start from this layout. Charts use tipline.charts.


def base_layout(**overrides) -> dict:
    """Layout settings the explorer's figures start from (plain background, readable type,
    the palette's greys for any series without a colour of its own)."""
    layout = {
        "font": {"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": list(GREYS),
        "margin": {"l": 70, "r": 20, "t": 20, "b": 60},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "xaxis": {"gridcolor": GRID_COLOUR, "zerolinecolor": GRID_COLOUR},
        "yaxis": {"gridcolor": GRID_COLOUR, "zerolinecolor": GRID_COLOUR},
        "legend": {"orientation": "h", "y": -0.2},
    }
    layout.update(overrides)
    return layout
