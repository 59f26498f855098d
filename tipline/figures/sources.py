"""Source lines for charts: which sources stand behind the numbers, primary or secondary.

Each source is cited the way a reader can follow it to the references page: author and year,
then the start of its title, e.g. ``NCMEC and OJJDP (2024), “CY 2023 Report to the
Committees on Appropriations”, primary``. No bibliography key is shown; :func:`cited` reads
the keys back from a line (for tests and tools).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from tipline.bibliography import sources
from tipline.provenance import column_confidence, column_keys

__all__ = ["citation", "cited", "column_confidence", "column_keys", "row_sources", "source_line"]

KINDS = ("primary and secondary", "primary", "secondary")
_TITLE_WORDS = 8


def _short_title(title: str) -> str:
    """The title up to its first colon or bracket, at most eight words (an ellipsis if cut)."""
    title = title.replace("“", "‘").replace("”", "’").replace('"', "’")
    head = re.split(r":| \(| -- | – ", title, maxsplit=1)[0].strip().rstrip(".,;")
    if len(head.split()) < 3:  # "Briefly: Reporting by Online Platforms"
        head = re.split(r" \(| -- | – ", title, maxsplit=1)[0].strip().rstrip(".,;")
    words = head.split()
    if len(words) > _TITLE_WORDS:
        return " ".join(words[:_TITLE_WORDS]).rstrip(".,;") + "…"
    return head


def citation(key: str) -> str:
    """How a source line names one source: ``Author (year), “Start of the title”``.

    Raises ``ValueError`` for a key that is not in ``data/references.bib``.
    """
    known = sources()
    if key not in known:
        raise ValueError(f"source key {key!r} is not in data/references.bib")
    source = known[key]
    return f"{source.label}, “{_short_title(source.title)}”"


def cited(line: str) -> dict[str, str]:
    """The sources a source line names: ``{bib key: "primary" | "secondary" | ...}``."""
    out = {}
    for key in sources():
        text = citation(key)
        for kind in KINDS:
            if f"{text}, {kind}" in line:
                out[key] = kind
                break
    return out


def source_line(entries: Iterable[tuple[str, str]], note: str = "") -> str:
    """A readable source line from (bib key, confidence) pairs, each source once.

    >>> source_line([("ncmec_transparency_cy2023", "primary")])  # doctest: +SKIP
    'NCMEC and OJJDP (2024), “CY 2023 Report to the Committees on Appropriations”, primary.'
    """
    known = sources()
    grouped: dict[str, set[str]] = {}
    for key, confidence in entries:
        if key not in known:
            raise ValueError(f"source key {key!r} is not in data/references.bib")
        grouped.setdefault(key, set()).add(confidence)
    parts = []
    for key, confidences in grouped.items():
        kind = (
            "primary"
            if confidences == {"primary"}
            else ("secondary" if confidences == {"secondary"} else "primary and secondary")
        )
        parts.append(f"{citation(key)}, {kind}")
    line = "; ".join(parts) + "."
    return f"{line} {note}".strip()


def row_sources(rows: pd.DataFrame, column: str) -> list[tuple[str, str]]:
    """(bib key, confidence) pairs behind ``column`` in ``rows`` (rows with a value only)."""
    pairs = []
    for _, row in rows.iterrows():
        if pd.isna(row[column]):
            continue
        confidence = column_confidence(row, column)
        pairs += [(key, confidence) for key in column_keys(row, column)]
    return pairs
