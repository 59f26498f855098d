"""Source lines for charts: which sources stand behind the numbers, primary or secondary."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from tipline.bibliography import sources
from tipline.provenance import column_confidence, column_keys

__all__ = ["column_confidence", "column_keys", "row_sources", "source_line"]


def source_line(entries: Iterable[tuple[str, str]], note: str = "") -> str:
    """A readable source line from (bib key, confidence) pairs, each source once.

    >>> source_line([("ncmec_transparency_cy2023", "primary")])  # doctest: +SKIP
    'NCMEC & OJJDP (2024), primary.'
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
        parts.append(f"{known[key].label} [{key}], {kind}")
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
