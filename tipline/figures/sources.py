"""Source lines for charts: which sources stand behind the numbers, primary or secondary."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from tipline.bibliography import sources, split_keys
from tipline.validation import parse_column_sources


def column_confidence(row: pd.Series, column: str) -> str:
    """Whether ``column`` of one data row is primary or secondary.

    A row's ``confidence`` describes its weakest figure; tables whose rows mix primary and
    secondary columns list the secondary ones in ``secondary_columns``.
    """
    listed = row.get("secondary_columns")
    if isinstance(listed, str) and listed.strip():
        names = {n.strip() for n in listed.replace(",", ";").split(";")}
        return "secondary" if column in names else "primary"
    return str(row["confidence"])


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


def column_keys(row: pd.Series, column: str) -> list[str]:
    """The bib keys behind one column of one row.

    A row lists all its sources in ``source``; where columns come from different sources,
    ``column_sources`` says which (see data/datapackage.json). A column it does not name is
    backed by the row's remaining sources.
    """
    keys = split_keys(row["source"])
    mapping = parse_column_sources(row.get("column_sources"))
    if column in mapping:
        return mapping[column]
    assigned = {key for ks in mapping.values() for key in ks}
    return [key for key in keys if key not in assigned] or keys


def row_sources(rows: pd.DataFrame, column: str) -> list[tuple[str, str]]:
    """(bib key, confidence) pairs behind ``column`` in ``rows`` (rows with a value only)."""
    pairs = []
    for _, row in rows.iterrows():
        if pd.isna(row[column]):
            continue
        confidence = column_confidence(row, column)
        pairs += [(key, confidence) for key in column_keys(row, column)]
    return pairs
