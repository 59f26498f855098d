"""The outcome flow drawn as a Sankey diagram, described once for Python and the browser.

:data:`NODES` and :data:`LINKS` say which model outputs flow where; the Python figure
(:func:`sankey_trace`) and the static explorer's script (which receives them as JSON) both
draw from this description, so the two pictures cannot drift apart.

Every outcome node names the group it belongs to (helps investigators, helps defendants,
neither side gains) in its label as well as its colour. Lost evidence belongs to defendants
only against the "worked in time" baseline; against "no report" it is value nobody gains,
so its node changes label and colour with the baseline (:data:`BY_BASELINE`).

A link's size is a model output (``value``), optionally multiplied by the share one output
(``part``) makes of the sum of others (``whole``): the model counts reports tipped off or
losing evidence as totals over all unworked reports, and the diagram splits each total by
where the reports came from (actionable reports never reached, informational reports never
worked).
"""

from __future__ import annotations

from tipline.style import DEFENDANTS, INVESTIGATORS, NEUTRAL

LIGHT = "#bdbdbd"

#: The three groups every outcome falls into: key -> (label, colour).
GROUPS = {
    "investigators": ("Helps investigators", INVESTIGATORS),
    "defendants": ("Helps defendants", DEFENDANTS),
    "neither": ("Neither side gains", LIGHT),
}

#: (key, label, group or None for the intermediate nodes); index = position in the
#: diagram's node list. Three columns: domestic reports, their label (actionable or
#: informational), and what became of them.
NODES = (
    ("domestic", "Domestic reports", None),
    ("actionable", "Actionable", None),
    ("informational", "Informational", None),
    ("sound_case", "Investigators: sound case", "investigators"),
    ("compromised", "Defendants: case weakened", "defendants"),
    ("tipped_off", "Defendants: tipped off", "defendants"),
    ("lost", "Neither: evidence lost", "neither"),
    ("no_result", "Neither: no result", "neither"),
    ("unrealised", "Neither: never reached", "neither"),
    ("informational_worked", "Neither: little to find", "neither"),
    ("idle_informational", "Neither: left idle", "neither"),
)

#: Nodes whose group depends on the baseline: key -> {baseline: (label, group)}.
BY_BASELINE = {
    "lost": {
        "no_report": ("Neither: evidence lost", "neither"),
        "worked_in_time": ("Defendants: evidence lost", "defendants"),
    }
}

_INDEX = {key: i for i, (key, _, _) in enumerate(NODES)}
_INTERMEDIATE = {"domestic": NEUTRAL, "actionable": NEUTRAL, "informational": LIGHT}

#: Horizontal position of each column (0 = left edge, 1 = right edge). The middle column sits
#: left of centre so that its labels (drawn to the right of its nodes) and the outcome labels
#: (drawn to the left of theirs) do not overlap.
COLUMNS = (0.001, 0.3, 0.999)
#: Column of each node, in node order.
NODE_COLUMN = (0, 1, 1) + (2,) * (len(NODES) - 3)
#: Share of the diagram's height left as gaps between the nodes of a column.
GAP = 0.3

_UNWORKED = ("not_reached", "informational_unworked")

#: (source node, target node, output giving the size, part, whole): the size is
#: ``value`` times ``part / sum(whole)`` when ``part`` is given.
LINKS = (
    ("domestic", "actionable", "actionable", None, ()),
    ("domestic", "informational", "informational", None, ()),
    ("actionable", "sound_case", "sound_case", None, ()),
    ("actionable", "compromised", "compromised", None, ()),
    ("actionable", "tipped_off", "tipped_off", "not_reached", _UNWORKED),
    ("actionable", "lost", "lost", "not_reached", _UNWORKED),
    ("actionable", "no_result", "no_result", None, ()),
    ("actionable", "unrealised", "unrealised", None, ()),
    ("informational", "tipped_off", "tipped_off", "informational_unworked", _UNWORKED),
    ("informational", "lost", "lost", "informational_unworked", _UNWORKED),
    ("informational", "informational_worked", "informational_worked", None, ()),
    ("informational", "idle_informational", "idle_informational", None, ()),
)


def _translucent(colour: str) -> str:
    """ "#rrggbb" -> "rgba(r,g,b,0.45)"."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.45)"


def node_style(key: str, baseline: str = "no_report") -> tuple[str, str, str | None]:
    """(label, colour, group) of node ``key`` under ``baseline``."""
    label, group = dict((k, (lab, grp)) for k, lab, grp in NODES)[key]
    if key in BY_BASELINE:
        label, group = BY_BASELINE[key][baseline]
    colour = _INTERMEDIATE[key] if group is None else GROUPS[group][1]
    return label, colour, group


def spec() -> dict:
    """The diagram's description as plain data (what the static explorer receives).

    Nodes carry their label and colour under each baseline (``styles``); links their
    source, target, ``value``, ``part`` and ``whole``.
    """
    baselines = ("no_report", "worked_in_time")
    return {
        "columns": list(COLUMNS),
        "gap": GAP,
        "nodes": [
            {
                "key": key,
                "column": col,
                "styles": {
                    b: dict(zip(("label", "colour"), node_style(key, b)[:2], strict=True))
                    for b in baselines
                },
            }
            for (key, _, _), col in zip(NODES, NODE_COLUMN, strict=True)
        ],
        "links": [
            {
                "source": _INDEX[s],
                "target": _INDEX[t],
                "value": value,
                "part": part,
                "whole": list(whole),
            }
            for s, t, value, part, whole in LINKS
        ],
    }


def link_values(outputs: dict) -> list[float]:
    """Sizes of the links for one model evaluation (``outputs``: name -> scalar)."""
    sizes = []
    for _, _, value, part, whole in LINKS:
        size = float(outputs[value])
        if part:
            total = sum(float(outputs[w]) for w in whole)
            size = size * float(outputs[part]) / total if total > 0 else 0.0
        sizes.append(size)
    return sizes


def node_positions(values: list[float]) -> tuple[list[float], list[float]]:
    """Node centres (x, y in [0, 1], y from the top) for the given link sizes.

    Nodes keep their order within a column, separated by equal gaps; each is as tall as the
    reports flowing through it. Fixed positions keep the diagram from reshuffling as the
    sliders move (the page script computes the same positions, see tipline-explorer.js).
    """
    size = [0.0] * len(NODES)
    for (_, dst, _, _, _), v in zip(LINKS, values, strict=True):
        size[_INDEX[dst]] += v
    for (src, _, _, _, _), v in zip(LINKS, values, strict=True):
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


def sankey_trace(outputs: dict, baseline: str = "no_report") -> dict:
    """A plotly Sankey trace for one model evaluation (``outputs``: name -> scalar)."""
    values = link_values(outputs)
    xs, ys = node_positions(values)
    styles = [node_style(key, baseline) for key, _, _ in NODES]
    return {
        "type": "sankey",
        "arrangement": "fixed",
        "valueformat": ",.0f",
        "valuesuffix": " reports",
        "node": {
            "label": [label for label, _, _ in styles],
            "color": [colour for _, colour, _ in styles],
            "x": xs,
            "y": ys,
            "pad": 16,
            "thickness": 14,
            "line": {"width": 0},
        },
        "link": {
            "source": [_INDEX[s] for s, *_ in LINKS],
            "target": [_INDEX[t] for _, t, *_ in LINKS],
            "value": values,
            "color": [_translucent(styles[_INDEX[t]][1]) for _, t, *_ in LINKS],
        },
    }
