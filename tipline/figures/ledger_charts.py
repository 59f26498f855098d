"""Charts and tables of the fact-check ledger: every claim rated on two axes.

*Accuracy* says whether the evidence bears a claim out; *evidence strength* says what kind of
source that rating rests on. The two are kept apart everywhere: in the overview chart, the
counts per part, the cross table and the per-chapter tables. Every number in a title,
caption or description is computed here from ``data/claims.csv``; nothing is typed.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tipline import bibliography, charts, ledger
from tipline.chart import Chart
from tipline.data import describe, load
from tipline.style import GREY, INK, LIGHT, NEUTRAL, PALE, TEXT_COLOUR
from tipline.table import Table

__all__ = [
    "PART_COLUMNS",
    "accuracy_chart",
    "crosstab_table",
    "ledger_part_table",
    "part_ratings",
    "rating_counts_table",
    "rating_definitions",
    "ratings_overview_chart",
    "seed_markers_table",
]

#: Colour of each rating word. The word is always written out; the colour only repeats it.
#: Neither axis is about a side of the book's question, so both use greys: accuracy from
#: dark (supported) to pale (contradicted), "cannot be verified" white inside a grey
#: outline; evidence strength dark for a primary source and, for "secondary only", the
#: book's cue for a secondary source, an outlined bar.
STYLE: dict[str, str] = {
    "supported": INK,
    "partly supported": NEUTRAL,
    "not supported": GREY,
    "contradicted": LIGHT,
    "cannot be verified": "white",
    "primary": INK,
    "secondary only": GREY,
    "none found": PALE,
}


def _marker(word: str) -> dict:
    colour = STYLE[word]
    if word == "secondary only":
        return charts.secondary_marker(colour, [True])
    if word == "cannot be verified":
        return {"color": colour, "line": {"color": NEUTRAL, "width": 1.5}}
    return {"color": colour, "line": {"color": "white", "width": 1}}


def _text_colour(word: str) -> str:
    return "white" if STYLE[word] in (INK, NEUTRAL) else TEXT_COLOUR


OVERVIEW_HEIGHT = 240


def rating_definitions(axis: str = "accuracy") -> dict[str, str]:
    """The words of one axis and their definitions, read from the claims table's description.

    Raises ``ValueError`` for an unknown axis or when the description leaves a word undefined.
    """
    if axis not in ledger.AXES:
        raise ValueError(f"unknown axis {axis!r}; expected one of {', '.join(ledger.AXES)}")
    text = next(
        f["description"] for f in describe("claims")["schema"]["fields"] if f["name"] == axis
    )
    out = {}
    for chunk in text.split(";"):
        name, _, meaning = chunk.partition(":")
        out[name.strip()] = meaning.strip().rstrip(".")
    words = ledger.AXES[axis]
    missing = [w for w in words if w not in out]
    if missing:
        raise ValueError(f"the claims table does not define the {axis} word(s) {missing}")
    return {w: out[w] for w in words}


def _n_sources() -> int:
    claims = load("claims")
    return len({k for cell in claims["source"] for k in bibliography.split_keys(cell)})


def _chart(fig: go.Figure, title: str, alt: str, height: int) -> Chart:
    """A ledger chart: its source line names the ledger and how many sources stand behind it."""
    source = (
        "The book's fact-check ledger (data/claims.csv): ratings given by the book's authors "
        f"from the {_n_sources()} sources, primary and secondary, listed against the claims "
        "in the tables below."
    )
    return Chart(
        figure=fig, title=title, source=source, alt=alt, data_files=("claims.csv",), height=height
    )


def _listing(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {word}" for word, n in counts.items())


def ratings_overview_chart() -> Chart:
    """Both axes for the whole document: one stacked bar for accuracy, one for evidence
    strength, each adding up to every claim."""
    counts = ledger.rating_counts()
    n = counts["claims"]
    fig = charts.figure(
        x_title="Claims (count)",
        height=OVERVIEW_HEIGHT,
        barmode="stack",
        bargap=0.4,
        xaxis={"range": [0, n]},
        yaxis={"showline": False, "ticks": "", "autorange": "reversed"},
    )
    rows = [("accuracy", "Accuracy"), ("evidence_strength", "Evidence strength")]
    for axis, label in rows:
        for word, count in counts[axis].items():
            fig.add_trace(
                go.Bar(
                    y=[label],
                    x=[count],
                    orientation="h",
                    name=f"{label}: {word} ({count})",
                    marker=_marker(word),
                    text=[f"{count}"],
                    textposition="inside",
                    insidetextanchor="middle",
                    textangle=0,
                    textfont={"color": _text_colour(word)},
                    hovertemplate=f"{label}: {count} {word}<extra></extra>",
                    showlegend=count > 0,  # the words with no claim are in the title and alt
                )
            )
    charts.mark_secondary(fig)
    acc, ev = counts["accuracy"], counts["evidence_strength"]
    title = (
        f"{acc['supported']} of {n} claims are supported and {acc['partly supported']} partly; "
        f"{acc['cannot be verified']} cannot be verified. {ev['primary']} ratings rest on a "
        f"primary source, {ev['secondary only']} on secondary sources only"
    )
    alt = (
        f"Two stacked bars of the {n} claims in the fact-check ledger. Accuracy: "
        f"{_listing(acc)}. Evidence strength: {_listing(ev)}."
    )
    return _chart(fig, title, alt, height=OVERVIEW_HEIGHT)


def accuracy_chart() -> Chart:
    """Claims per accuracy rating in each part of the examined document (stacked bars)."""
    by_part = ledger.counts("accuracy", by_part=True)
    totals = ledger.rating_counts()["accuracy"]
    n = int(sum(totals.values()))
    parts = list(by_part.index)
    height = 110 + 46 * len(parts)
    most = int(by_part.sum(axis=1).max())
    fig = charts.figure(
        x_title="Claims (count)",
        height=height,
        barmode="stack",
        bargap=0.3,
        xaxis={"dtick": 1 if most <= 8 else 2, "range": [0, most + 0.3]},
        yaxis={
            "autorange": "reversed",
            "tickvals": parts,
            "ticktext": [charts.wrap(part, 24) for part in parts],
            "showline": False,
            "ticks": "",
        },
    )
    charts.on_phone(
        fig,
        layout={
            "yaxis.ticktext": [charts.wrap(part, 14) for part in parts],
            "xaxis.dtick": 2 if most <= 12 else 5,
        },
        height=150 + 58 * len(parts),
    )
    for word in ledger.ACCURACY:
        values = by_part[word].to_numpy()
        fig.add_trace(
            go.Bar(
                y=parts,
                x=values,
                orientation="h",
                name=f"{word} ({totals[word]})",
                marker=_marker(word),
                text=[f"{c}" if c else "" for c in values],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": _text_colour(word)},
                hovertemplate="%{y}: %{x} " + word + "<extra></extra>",
                showlegend=totals[word] > 0,
            )
        )
    weakest = by_part["cannot be verified"].idxmax()
    title = (
        f"Accuracy, part by part: {totals['supported']} of {n} claims supported, "
        f"{totals['partly supported']} partly, {totals['cannot be verified']} cannot be "
        f"verified, {totals['not supported']} not supported and {totals['contradicted']} "
        "contradicted"
    )
    rows = "; ".join(
        f"{part}: "
        + ", ".join(
            f"{int(by_part.loc[part, w])} {w}" for w in ledger.ACCURACY if by_part.loc[part, w]
        )
        for part in by_part.index
    )
    alt = (
        f"Stacked bar chart of the {n} claims in the fact-check ledger, one bar per part of the "
        f"examined document, split by accuracy. {rows}. The part with the most claims that "
        f"cannot be verified is '{weakest}'."
    )
    return _chart(fig, title, alt, height=height)


def rating_counts_table() -> Table:
    """Claims per part (rows) on both axes (columns: the accuracy words, then the evidence
    strength words), with a total row and column."""
    acc = ledger.counts("accuracy", by_part=True)
    ev = ledger.counts("evidence_strength", by_part=True)
    frame = acc.join(ev)
    frame["all claims"] = acc.sum(axis=1)
    frame.loc["All parts"] = frame.sum(axis=0)
    frame = frame.reset_index().rename(columns={"index": "part"})
    frame = frame.astype({c: str for c in frame.columns})
    columns = (
        [("part", "Part of the document")]
        + [(w, f"Accuracy: {w}") for w in ledger.ACCURACY]
        + [(w, f"Evidence: {w}") for w in ledger.EVIDENCE_STRENGTH]
        + [("all claims", "All claims")]
    )
    caption = (
        "Ratings per part of the examined document (number of claims): accuracy, then the "
        "strength of the evidence the rating rests on"
    )
    return ledger.table(frame, columns, caption, row_header="part")


def crosstab_table() -> Table:
    """Claims by accuracy (rows) and evidence strength (columns)."""
    table = ledger.crosstab()
    frame = table.copy()
    frame["all"] = frame.sum(axis=1)
    frame = frame.reset_index().astype(str)
    columns = [("accuracy", "Accuracy")] + [
        (w, f"Evidence: {w}") for w in [*ledger.EVIDENCE_STRENGTH, "all"]
    ]
    caption = "The two axes together: claims by accuracy and by the strength of the evidence"
    return ledger.table(frame, columns, caption, row_header="accuracy")


PART_COLUMNS = tuple(c for c in ledger.LEDGER_COLUMNS if c[0] != "part_label")
"""The ledger's columns for one part (the caption names the part)."""


def _check_part(part: str) -> None:
    if part not in ledger.PARTS:
        raise ValueError(f"unknown part '{part}'; expected one of {', '.join(ledger.PARTS)}")


def ledger_part_table(part: str) -> Table:
    """The ledger rows of one part of the examined document as an accessible table.

    The columns are :data:`PART_COLUMNS` (the caption names the part). Raises
    ``ValueError`` for an unknown part id (see :data:`tipline.ledger.PARTS`).
    """
    _check_part(part)
    rows = ledger.ledger().query("part == @part")
    caption = (
        f"Claims from '{ledger.PARTS[part]}' ({len(rows)} claims), with their accuracy, the "
        "strength of the evidence and the evidence itself"
    )
    markup = ledger.ledger_html(part=part, caption=caption, columns=PART_COLUMNS)
    text = ledger.plain_text(
        rows,
        [
            ("claim_id", "Claim"),
            ("accuracy", "Accuracy"),
            ("evidence_strength", "Evidence strength"),
            ("claim", "Claim text"),
        ],
        caption,
    )
    return Table(markup, text)


def part_ratings(part: str) -> pd.DataFrame:
    """Claim id, paraphrased claim (numbers filled in), ``accuracy``, ``evidence_strength``
    and ``rating`` (both in one phrase) for one part, for chapter openings."""
    _check_part(part)
    frame = ledger.ledger()
    columns = ["claim_id", "claim", "accuracy", "evidence_strength", "rating"]
    return frame.loc[frame["part"] == part, columns].reset_index(drop=True)


def _links(cell: str) -> str:
    return "; ".join(bibliography.link_html(key) for key in bibliography.split_keys(cell))


def seed_markers_table() -> Table:
    """The examined document's markers [1]-[10], the sources they most likely stand for, and
    the reason for each match."""
    markers = ledger.seed_markers()
    markers["marker_label"] = "[" + markers["marker"].astype(str) + "]"
    markers["likeliest"] = [
        bibliography.link_html(key) if key != "unknown" else "not identified"
        for key in markers["source"]
    ]
    markers["candidates"] = markers["candidate_sources"].map(_links)
    columns = (
        ("marker_label", "Marker"),
        ("likeliest", "Likeliest source"),
        ("candidates", "Other candidates"),
        ("confidence", "Confidence"),
        ("reasoning", "Why this source"),
    )
    unknown = int((markers["source"] == "unknown").sum())
    caption = (
        f"What the document's {len(markers)} citation markers most likely stand for; the "
        f"document gives no reference list, so every row is an inference ({unknown} markers "
        "could not be tied to any single source)"
    )
    return ledger.table(
        markers,
        columns,
        caption,
        row_header="marker_label",
        raw_html_columns=("likeliest", "candidates"),
    )
