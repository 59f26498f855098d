"""Colours and chart styling shared by every figure and both explorers.

The palette is Okabe & Ito's (2008), designed to stay distinguishable under the common
forms of colour-vision deficiency. Meaning is never carried by colour alone: every chart
has labels and a text description, and the verdict is always written in words.
"""

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

#: Outcomes that serve investigators, outcomes that serve defendants, and the rest.
INVESTIGATORS = OKABE_ITO["blue"]
DEFENDANTS = OKABE_ITO["vermillion"]
NEUTRAL = "#767676"  # grey with 4.5:1 contrast on white
FOREIGN = OKABE_ITO["sky_blue"]
HIGHLIGHT = OKABE_ITO["orange"]

SERIES = [
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["black"],
]

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#dddddd"


def base_layout(**overrides) -> dict:
    """Layout settings every chart starts from (plain background, readable type)."""
    layout = {
        "font": {"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "colorway": SERIES,
        "margin": {"l": 70, "r": 20, "t": 20, "b": 60},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
        "xaxis": {"gridcolor": GRID_COLOUR, "zerolinecolor": GRID_COLOUR},
        "yaxis": {"gridcolor": GRID_COLOUR, "zerolinecolor": GRID_COLOUR},
        "legend": {"orientation": "h", "y": -0.2},
    }
    layout.update(overrides)
    return layout
