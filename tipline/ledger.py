"""The fact-check ledger: claims of the examined document, verdicts and sources.

Small pure functions for the book's ledger page. The data live in ``data/claims.csv`` and
``data/seed_markers.csv``; sources resolve through ``data/references.bib``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from tipline import bibliography
from tipline.data import load
from tipline.paths import DATA_DIR

VERDICTS: tuple[str, ...] = (
    "supported",
    "partly supported",
    "not supported",
    "cannot be verified",
)
"""The four verdicts, from strongest to weakest support."""

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
    ("verdict", "Verdict"),
    ("evidence", "Evidence"),
    ("sources_html", "Sources"),
    ("seed_markers", "Markers in the document"),
)


def _bib_path(data_dir: Path | str | None) -> Path:
    return Path(data_dir or DATA_DIR) / "references.bib"


def ledger(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Claims with readable part names and source labels, in document order.

    Adds ``part_label``, ``source_labels`` (labels joined with ``"; "``), ``sources_html``
    (links to the sources) and ``verdict_rank`` (0 = supported ... 3 = cannot be verified).
    """
    claims = load("claims", data_dir)
    sources = bibliography.sources(_bib_path(data_dir))
    claims["part_label"] = claims["part"].map(PARTS)
    keys = claims["source"].map(bibliography.split_keys)
    claims["source_labels"] = keys.map(lambda ks: "; ".join(sources[k].label for k in ks))
    claims["sources_html"] = keys.map(
        lambda ks: "; ".join(bibliography.link_html(k, _bib_path(data_dir)) for k in ks)
    )
    claims["verdict_rank"] = claims["verdict"].map(VERDICTS.index)
    part_order = {part: i for i, part in enumerate(PARTS)}
    claims = claims.sort_values(
        ["part", "claim_id"], key=lambda s: s.map(part_order) if s.name == "part" else s
    )
    return claims.reset_index(drop=True)


def verdict_counts(data_dir: Path | str | None = None, by_part: bool = False) -> pd.DataFrame:
    """How many claims received each verdict (all four verdicts shown, zeros included).

    With ``by_part=True`` the result has one row per part (in document order) and one column
    per verdict; otherwise one row per verdict with columns ``verdict`` and ``claims``.
    """
    claims = load("claims", data_dir)
    if by_part:
        table = pd.crosstab(claims["part"], claims["verdict"])
        table = table.reindex(index=list(PARTS), columns=list(VERDICTS), fill_value=0)
        table.index = [PARTS[p] for p in table.index]
        table.index.name = "part"
        table.columns.name = None
        return table.astype("int64")
    counts = claims["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    return pd.DataFrame({"verdict": list(VERDICTS), "claims": counts.to_numpy(dtype="int64")})


def _verdict_cell(verdict: str) -> str:
    """The verdict in words, with a class for optional styling (never colour alone)."""
    slug = verdict.replace(" ", "-")
    return f'<span class="verdict verdict-{slug}">{html.escape(verdict)}</span>'


def html_table(
    frame: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    caption: str,
    *,
    row_header: str | None = None,
    raw_html_columns: Sequence[str] = (),
    verdict_column: str | None = None,
    table_class: str = "tipline-table",
    cell_labels: bool = False,
) -> str:
    """Render ``frame`` as an accessible HTML table.

    ``columns`` lists ``(column, heading)`` pairs. The table has a ``<caption>``, column
    headings with ``scope="col"``, and, if ``row_header`` names a column, row headings with
    ``scope="row"``. Cell text is escaped except in ``raw_html_columns`` (already-built
    links). The ``verdict_column`` is rendered as words with a CSS class.

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
            if column == verdict_column:
                cell = _verdict_cell(text)
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


def ledger_html(
    data_dir: Path | str | None = None,
    caption: str = "Fact-check ledger: every factual claim in the examined answer, "
    "with its verdict, the evidence and the sources",
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
        raw_html_columns=("sources_html",),
        verdict_column="verdict",
        table_class="tipline-table tipline-ledger tipline-stack",
        cell_labels=True,
    )


def seed_markers(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The examined document's markers [1]-[10] with the likeliest source and its label."""
    markers = load("seed_markers", data_dir)
    sources = bibliography.sources(_bib_path(data_dir))
    markers["source_label"] = markers["source"].map(
        lambda key: sources[key].label if key in sources else "unknown"
    )
    return markers
