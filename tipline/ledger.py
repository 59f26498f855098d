"""The fact-check ledger: claims of the examined document, their ratings and sources.

Every claim is rated on two separate axes: **accuracy** (does the evidence bear the claim
out?) and **evidence strength** (what kind of source does that rating rest on?). Small pure
functions for the book's ledger page and chapters. The data live in ``data/claims.csv`` and
``data/seed_markers.csv``; sources resolve through ``data/references.bib``; numbers in the
texts are placeholders filled by :mod:`tipline.ledger_text`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from tipline import bibliography
from tipline.data import load
from tipline.ledger_text import filler
from tipline.paths import DATA_DIR
from tipline.table import Table

ACCURACY: tuple[str, ...] = (
    "supported",
    "partly supported",
    "not supported",
    "contradicted",
    "cannot be verified",
)
"""The accuracy ratings, from the claim borne out to the claim shown false; last, no evidence."""

EVIDENCE_STRENGTH: tuple[str, ...] = ("primary", "secondary only", "none found")
"""What the accuracy rating rests on, from strongest to none."""

AXES: dict[str, tuple[str, ...]] = {"accuracy": ACCURACY, "evidence_strength": EVIDENCE_STRENGTH}
"""The two rating axes: column of ``claims.csv`` -> its words, in order."""

AXIS_HEADINGS: dict[str, str] = {"accuracy": "Accuracy", "evidence_strength": "Evidence strength"}

PARTS: dict[str, str] = {
    "summary": "Executive summary",
    "scale": "1. Scale and purpose",
    "volume": "2. Volume versus quality",
    "help": "3. How CyberTips help",
    "defendants": "4. Where the system can help defendants",
    "narratives": "5. Competing narratives",
    "conclusion": "Conclusion",
}
"""Part ids of the examined document, in its order, with readable headings."""

LEDGER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("claim_id", "Claim"),
    ("part_label", "Part"),
    ("claim", "What the document says (paraphrased)"),
    ("rating_html", "Accuracy; evidence strength"),
    ("evidence", "Evidence"),
    ("sources_html", "Sources"),
    ("seed_markers", "Markers"),
)


def _bib_path(data_dir: Path | str | None) -> Path:
    return Path(data_dir or DATA_DIR) / "references.bib"


def _claims(data_dir: Path | str | None) -> pd.DataFrame:
    """``claims.csv`` with its placeholders filled (see :mod:`tipline.ledger_text`)."""
    claims = load("claims", data_dir)
    fill = filler(data_dir)
    for column in ("claim", "evidence"):
        claims[column] = claims[column].map(fill)
    return claims


def rating(accuracy: str, evidence_strength: str) -> str:
    """Both axes in one phrase for prose: ``"partly supported; evidence: secondary only"``.

    Raises ``ValueError`` for a word outside :data:`ACCURACY` or :data:`EVIDENCE_STRENGTH`.
    """
    for word, allowed, axis in (
        (accuracy, ACCURACY, "accuracy"),
        (evidence_strength, EVIDENCE_STRENGTH, "evidence strength"),
    ):
        if word not in allowed:
            raise ValueError(f"unknown {axis} {word!r}; expected one of {', '.join(allowed)}")
    return f"{accuracy}; evidence: {evidence_strength}"


def ledger(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Claims with readable part names and source labels, in document order.

    Claim and evidence texts have their numbers filled in. Adds ``part_label``,
    ``source_labels`` (labels joined with ``"; "``), ``sources_html`` (links to the sources),
    ``rating`` (both axes in words, :func:`rating`), ``rating_html`` (both as marked-up words,
    :func:`rating_html`), ``accuracy_rank`` and
    ``evidence_rank`` (positions in :data:`ACCURACY` and :data:`EVIDENCE_STRENGTH`).
    """
    claims = _claims(data_dir)
    sources = bibliography.sources(_bib_path(data_dir))
    claims["part_label"] = claims["part"].map(PARTS)
    keys = claims["source"].map(bibliography.split_keys)
    claims["source_labels"] = keys.map(lambda ks: "; ".join(sources[k].label for k in ks))
    claims["sources_html"] = keys.map(
        lambda ks: "; ".join(bibliography.link_html(k, _bib_path(data_dir)) for k in ks)
    )
    claims["rating"] = [
        rating(a, e) for a, e in zip(claims["accuracy"], claims["evidence_strength"], strict=True)
    ]
    claims["rating_html"] = [
        rating_html(a, e)
        for a, e in zip(claims["accuracy"], claims["evidence_strength"], strict=True)
    ]
    claims["accuracy_rank"] = claims["accuracy"].map(ACCURACY.index)
    claims["evidence_rank"] = claims["evidence_strength"].map(EVIDENCE_STRENGTH.index)
    part_order = {part: i for i, part in enumerate(PARTS)}
    claims = claims.sort_values(
        ["part", "claim_id"], key=lambda s: s.map(part_order) if s.name == "part" else s
    )
    return claims.reset_index(drop=True)


def _axis(axis: str) -> tuple[str, ...]:
    if axis not in AXES:
        raise ValueError(f"unknown axis {axis!r}; expected one of {', '.join(AXES)}")
    return AXES[axis]


def counts(axis: str, data_dir: Path | str | None = None, by_part: bool = False) -> pd.DataFrame:
    """How many claims received each rating on one axis (every word shown, zeros included).

    ``axis`` is ``"accuracy"`` or ``"evidence_strength"``. With ``by_part=True`` the result
    has one row per part (in document order, indexed by readable part names) and one column
    per word; otherwise one row per word with columns ``rating`` and ``claims``.
    """
    words = _axis(axis)
    claims = load("claims", data_dir)
    if by_part:
        table = pd.crosstab(claims["part"], claims[axis])
        table = table.reindex(index=list(PARTS), columns=list(words), fill_value=0)
        table.index = [PARTS[p] for p in table.index]
        table.index.name = "part"
        table.columns.name = None
        return table.astype("int64")
    n = claims[axis].value_counts().reindex(list(words), fill_value=0)
    return pd.DataFrame({"rating": list(words), "claims": n.to_numpy(dtype="int64")})


def rating_counts(data_dir: Path | str | None = None, part: str | None = None) -> dict:
    """The ledger's counts on both axes, for prose and summaries.

    Returns ``{"claims": n, "accuracy": {word: count}, "evidence_strength": {word: count}}``
    with every word of both axes (zeros included), for the whole document or, with
    ``part``, for one of :data:`PARTS`.
    """
    claims = load("claims", data_dir)
    if part is not None:
        if part not in PARTS:
            raise ValueError(f"unknown part '{part}'; expected one of {', '.join(PARTS)}")
        claims = claims[claims["part"] == part]
    out: dict = {"claims": len(claims)}
    for axis, words in AXES.items():
        n = claims[axis].value_counts()
        out[axis] = {word: int(n.get(word, 0)) for word in words}
    return out


def crosstab(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Claims by accuracy (rows) and evidence strength (columns), every word shown."""
    claims = load("claims", data_dir)
    table = pd.crosstab(claims["accuracy"], claims["evidence_strength"])
    table = table.reindex(index=list(ACCURACY), columns=list(EVIDENCE_STRENGTH), fill_value=0)
    table.index.name = "accuracy"
    table.columns.name = None
    return table.astype("int64")


def _rating_cell(word: str) -> str:
    """A rating in words, with a class for optional styling (never colour alone)."""
    slug = word.replace(" ", "-")
    return f'<span class="rating rating-{slug}">{html.escape(word)}</span>'


def rating_html(accuracy: str, evidence_strength: str) -> str:
    """Both ratings of a claim for one table cell: the accuracy word, then the evidence
    strength word after "evidence:", each marked up by :func:`_rating_cell`."""
    rating(accuracy, evidence_strength)  # checks both words
    return (
        f"{_rating_cell(accuracy)}<br>"
        f'<span class="rating-axis">evidence:</span> {_rating_cell(evidence_strength)}'
    )


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    caption: str,
    *,
    row_header: str | None = None,
    raw_html_columns: Sequence[str] = (),
    rating_columns: Sequence[str] = (),
    table_class: str = "tipline-table",
    cell_labels: bool = False,
) -> str:
    """Render ``frame`` as an accessible HTML table.

    ``columns`` lists ``(column, heading)`` pairs. The table has a ``<caption>``, column
    headings with ``scope="col"``, and, if ``row_header`` names a column, row headings with
    ``scope="row"``. Cell text is escaped except in ``raw_html_columns`` (already-built
    links). Cells of ``rating_columns`` are rendered as words with a CSS class.

    With ``cell_labels=True`` every body cell carries its column heading in a
    ``data-label`` attribute, so that a narrow screen can show each row as a stack of
    labelled cells (``tipline-ledger.css``, class ``tipline-stack``).
    """
    out = [f'<table class="{html.escape(table_class, quote=True)}">']
    out.append(f"<caption>{html.escape(caption)}</caption>")
    out.append("<thead><tr>")
    out += [f'<th scope="col">{html.escape(heading)}</th>' for _, heading in columns]
    out.append("</tr></thead>")
    out.append("<tbody>")
    for _, row in frame.iterrows():
        out.append("<tr>")
        for column, heading in columns:
            label = f' data-label="{html.escape(heading, quote=True)}"' if cell_labels else ""
            value = row[column]
            text = "" if pd.isna(value) else str(value)
            if column in rating_columns:
                cell = _rating_cell(text)
            elif column in raw_html_columns:
                cell = text
            else:
                cell = html.escape(text)
            if column == row_header:
                out.append(f'<th scope="row"{label}>{cell}</th>')
            else:
                out.append(f"<td{label}>{cell}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def plain_text(frame: pd.DataFrame, columns: Sequence[tuple[str, str]], caption: str) -> str:
    """A table's plain form: the caption, then one line per row of ``heading: value`` pairs
    separated by ``|``, with any HTML tags removed (for terminals and stored outputs)."""
    lines = [caption]
    for _, row in frame.iterrows():
        lines.append(" | ".join(f"{heading}: {row[col]}" for col, heading in columns))
    return "\n".join(re.sub(r"<[^>]+>", "", line) for line in lines)


def table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    caption: str,
    *,
    row_header: str,
    kind: str = "tipline-ledger",
    raw_html_columns: Sequence[str] = (),
    stack: bool = True,
) -> Table:
    """:func:`html_table` and :func:`plain_text` together, as the book's :class:`Table`.

    ``kind`` is the table's own class (``tipline-ledger``, ``tipline-law-table``); with
    ``stack`` each row becomes a labelled block on a narrow screen (``tipline-stack``).
    """
    markup = html_table(
        frame,
        columns,
        caption,
        row_header=row_header,
        raw_html_columns=raw_html_columns,
        table_class=f"tipline-table {kind}" + (" tipline-stack" if stack else ""),
        cell_labels=stack,
    )
    return Table(markup, plain_text(frame, columns, caption), frame)


def ledger_html(
    data_dir: Path | str | None = None,
    caption: str = "Fact-check ledger: every factual claim in the examined answer, "
    "with its accuracy, the strength of the evidence, the evidence and the sources",
    part: str | None = None,
    columns: Sequence[tuple[str, str]] = LEDGER_COLUMNS,
) -> str:
    """The ledger as an accessible HTML table (optionally only one part of the document).

    ``columns`` chooses and orders the columns (``(column, heading)`` pairs from
    :data:`LEDGER_COLUMNS`); ``claim_id`` must be one of them, since it heads each row.
    Cells carry their column heading (``data-label``) and the table the class
    ``tipline-stack``, so that on a narrow screen each claim can be shown as a labelled
    block (``tipline-ledger.css``).
    """
    known = dict(LEDGER_COLUMNS)
    unknown = [c for c, _ in columns if c not in known]
    if unknown or "claim_id" not in {c for c, _ in columns}:
        problem = unknown or "no 'claim_id'"
        raise ValueError(
            f"columns must come from LEDGER_COLUMNS and include 'claim_id' (got {problem})"
        )
    frame = ledger(data_dir)
    if part is not None:
        if part not in PARTS:
            raise ValueError(f"unknown part '{part}'; expected one of {', '.join(PARTS)}")
        frame = frame[frame["part"] == part]
    frame = frame.assign(seed_markers=frame["seed_markers"].str.replace(";", ", "))
    return html_table(
        frame,
        columns,
        caption,
        row_header="claim_id",
        raw_html_columns=("sources_html", "rating_html"),
        rating_columns=tuple(AXES),
        table_class="tipline-table tipline-ledger tipline-stack",
        cell_labels=True,
    )


def seed_markers(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The examined document's markers [1]-[10] with the likeliest source, its label, and the
    reasoning for the match (numbers filled in)."""
    markers = load("seed_markers", data_dir)
    markers["reasoning"] = markers["reasoning"].map(filler(data_dir))
    sources = bibliography.sources(_bib_path(data_dir))
    markers["source_label"] = markers["source"].map(
        lambda key: sources[key].label if key in sources else "unknown"
    )
    return markers
