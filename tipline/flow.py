"""The outcome flow drawn as a Sankey diagram, described once for Python and the browser.

:data:`NODES` and :data:`LINKS` say which model outputs flow where; the Python figure
(:func:`sankey_trace`) and the static explorer's script (which receives them as JSON) both
draw from this description, so the two pictures cannot drift apart.

A link's size is a model output (``value``), optionally minus another (``minus``): the
model reports the reports lost or alerted as one total, and the diagram splits it by where
the reports came from.
"""

from __future__ import annotations

from tipline.style import DEFENDANTS, INVESTIGATORS, NEUTRAL

LIGHT = "#bdbdbd"

#: (key, label, colour); index = position in the diagram's node list.
NODES = (
    ("domestic", "Domestic reports", NEUTRAL),
    ("actionable", "Actionable", NEUTRAL),
    ("informational", "Informational", LIGHT),
    ("investigated", "Investigated", NEUTRAL),
    ("not_reached", "Not reached in time", LIGHT),
    ("informational_worked", "Worked, little to find", LIGHT),
    ("informational_unworked", "Not worked", LIGHT),
    ("sound_case", "Sound case or victim identified", INVESTIGATORS),
    ("compromised", "Case compromised", DEFENDANTS),
    ("no_result", "Investigated, no result", LIGHT),
    ("lost_or_alerted", "Evidence lost or suspect alerted", DEFENDANTS),
    ("unrealised", "Unrealised value", LIGHT),
    ("idle_informational", "No effect", LIGHT),
)

_INDEX = {key: i for i, (key, _, _) in enumerate(NODES)}

#: (source node, target node, output giving the size, output subtracted or None)
LINKS = (
    ("domestic", "actionable", "actionable", None),
    ("domestic", "informational", "informational", None),
    ("actionable", "investigated", "investigated", None),
    ("actionable", "not_reached", "not_reached", None),
    ("informational", "informational_worked", "informational_worked", None),
    ("informational", "informational_unworked", "informational_unworked", None),
    ("investigated", "sound_case", "sound_case", None),
    ("investigated", "compromised", "compromised", None),
    ("investigated", "no_result", "no_result", None),
    ("not_reached", "lost_or_alerted", "not_reached", "unrealised"),
    ("not_reached", "unrealised", "unrealised", None),
    ("informational_unworked", "lost_or_alerted", "informational_unworked", "idle_informational"),
    ("informational_unworked", "idle_informational", "idle_informational", None),
)


def _link_colour(target: str) -> str:
    colour = dict((k, c) for k, _, c in NODES)[target]
    # translucent version of the target's colour: "#rrggbb" -> "rgba(r,g,b,0.45)"
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.45)"


def spec() -> dict:
    """The diagram's description as plain data (what the static explorer receives)."""
    return {
        "nodes": [{"key": k, "label": label, "colour": c} for k, label, c in NODES],
        "links": [
            {
                "source": _INDEX[s],
                "target": _INDEX[t],
                "value": value,
                "minus": minus,
                "colour": _link_colour(t),
            }
            for s, t, value, minus in LINKS
        ],
    }


def link_values(outputs: dict) -> list[float]:
    """Sizes of the links for one model evaluation (``outputs``: name -> scalar)."""
    return [
        float(outputs[value]) - (float(outputs[minus]) if minus else 0.0)
        for _, _, value, minus in LINKS
    ]


def sankey_trace(outputs: dict) -> dict:
    """A plotly Sankey trace for one model evaluation (``outputs``: name -> scalar)."""
    s = spec()
    return {
        "type": "sankey",
        "valueformat": ",.0f",
        "valuesuffix": " reports",
        "node": {
            "label": [n["label"] for n in s["nodes"]],
            "color": [n["colour"] for n in s["nodes"]],
            "pad": 12,
            "thickness": 14,
            "line": {"width": 0},
        },
        "link": {
            "source": [lk["source"] for lk in s["links"]],
            "target": [lk["target"] for lk in s["links"]],
            "value": link_values(outputs),
            "color": [lk["colour"] for lk in s["links"]],
        },
    }
