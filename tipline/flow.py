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

#: (key, label, colour); index = position in the diagram's node list. Three columns:
#: domestic reports, their label (actionable or informational), and what became of them.
NODES = (
    ("domestic", "Domestic reports", NEUTRAL),
    ("actionable", "Actionable", NEUTRAL),
    ("informational", "Informational", LIGHT),
    ("sound_case", "Sound case or victim identified", INVESTIGATORS),
    ("compromised", "Case compromised", DEFENDANTS),
    ("no_result", "Investigated, no result", LIGHT),
    ("unrealised", "Never reached: unrealised value", LIGHT),
    ("lost_or_alerted", "Evidence lost or suspect alerted", DEFENDANTS),
    ("informational_worked", "Worked, little to find", LIGHT),
    ("idle_informational", "Not worked, no effect", LIGHT),
)

_INDEX = {key: i for i, (key, _, _) in enumerate(NODES)}

#: Horizontal position of each column (0 = left edge, 1 = right edge). The middle column sits
#: left of centre so that its labels (drawn to the right of its nodes) and the outcome labels
#: (drawn to the left of theirs) do not overlap.
COLUMNS = (0.001, 0.3, 0.999)
#: Column of each node, in node order.
NODE_COLUMN = (0, 1, 1, 2, 2, 2, 2, 2, 2, 2)
#: Share of the diagram's height left as gaps between the nodes of a column.
GAP = 0.22

#: (source node, target node, output giving the size, output subtracted or None). The reports
#: lost or alerted are one total in the model; the diagram splits them by where they came
#: from (actionable reports nobody reached, informational reports nobody worked).
LINKS = (
    ("domestic", "actionable", "actionable", None),
    ("domestic", "informational", "informational", None),
    ("actionable", "sound_case", "sound_case", None),
    ("actionable", "compromised", "compromised", None),
    ("actionable", "lost_or_alerted", "not_reached", "unrealised"),
    ("actionable", "no_result", "no_result", None),
    ("actionable", "unrealised", "unrealised", None),
    ("informational", "lost_or_alerted", "informational_unworked", "idle_informational"),
    ("informational", "informational_worked", "informational_worked", None),
    ("informational", "idle_informational", "idle_informational", None),
)


def _link_colour(target: str) -> str:
    colour = dict((k, c) for k, _, c in NODES)[target]
    # translucent version of the target's colour: "#rrggbb" -> "rgba(r,g,b,0.45)"
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.45)"


def spec() -> dict:
    """The diagram's description as plain data (what the static explorer receives)."""
    return {
        "columns": list(COLUMNS),
        "gap": GAP,
        "nodes": [
            {"key": k, "label": label, "colour": c, "column": col}
            for (k, label, c), col in zip(NODES, NODE_COLUMN, strict=True)
        ],
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


def node_positions(values: list[float]) -> tuple[list[float], list[float]]:
    """Node centres (x, y in [0, 1], y from the top) for the given link sizes.

    Nodes keep their order within a column, separated by equal gaps; each is as tall as the
    reports flowing through it. Fixed positions keep the diagram from reshuffling as the
    sliders move (the page script computes the same positions, see tipline-explorer.js).
    """
    size = [0.0] * len(NODES)
    for (_, dst, _, _), v in zip(LINKS, values, strict=True):
        size[_INDEX[dst]] += v
    for (src, _, _, _), v in zip(LINKS, values, strict=True):
        if NODE_COLUMN[_INDEX[src]] == 0:
            size[_INDEX[src]] += v
    xs = [COLUMNS[c] for c in NODE_COLUMN]
    ys = [0.0] * len(NODES)
    for column in range(len(COLUMNS)):
        members = [i for i, c in enumerate(NODE_COLUMN) if c == column]
        total = sum(size[i] for i in members) or 1.0
        gap = GAP / max(len(members) - 1, 1) if len(members) > 1 else 0.0
        scale = 1.0 - (GAP if len(members) > 1 else 0.0)
        top = 0.0
        for i in members:
            height = size[i] / total * scale
            ys[i] = min(max(top + height / 2, 0.001), 0.999)
            top += height + gap
    return xs, ys


def sankey_trace(outputs: dict) -> dict:
    """A plotly Sankey trace for one model evaluation (``outputs``: name -> scalar)."""
    s = spec()
    values = link_values(outputs)
    xs, ys = node_positions(values)
    return {
        "type": "sankey",
        "arrangement": "fixed",
        "valueformat": ",.0f",
        "valuesuffix": " reports",
        "node": {
            "label": [n["label"] for n in s["nodes"]],
            "color": [n["colour"] for n in s["nodes"]],
            "x": xs,
            "y": ys,
            "pad": 16,
            "thickness": 14,
            "line": {"width": 0},
        },
        "link": {
            "source": [lk["source"] for lk in s["links"]],
            "target": [lk["target"] for lk in s["links"]],
            "value": values,
            "color": [lk["colour"] for lk in s["links"]],
        },
    }
