"""Small pieces several chart modules share: data look-ups, argument checks, words for
numbers."""

from __future__ import annotations

import numbers
from functools import cache

import pandas as pd

from tipline import bibliography
from tipline.data import load, tables
from tipline.figures.sources import column_confidence, column_keys
from tipline.validation import parse_column_sources

__all__ = [
    "check_table",
    "check_year",
    "column_sources",
    "metric",
    "pct",
    "preferred",
    "primary_keys",
    "word",
    "year_label",
]


def check_table(name: str) -> str:
    """``name`` if it is one of the data tables; otherwise ``ValueError`` listing them."""
    names = tables()
    if name not in names:
        raise ValueError(f"unknown table {name!r}; the tables are: {', '.join(names)}")
    return name


def preferred(name: str) -> pd.DataFrame:
    table = load(name)
    return table[table["preferred"]].sort_values("year")


@cache
def primary_keys() -> frozenset[str]:
    """Bib keys that stand behind at least one primary row somewhere in ``data/``."""
    keys: set[str] = set()
    for name in tables():
        table = load(name)
        if "confidence" not in table or "source" not in table:
            continue
        for _, row in table[table["confidence"] == "primary"].iterrows():
            keys.update(bibliography.split_keys(row["source"]))
    return frozenset(keys)


def column_sources(rows: pd.DataFrame, column: str) -> list[tuple[str, str]]:
    """(bib key, primary/secondary) pairs behind ``column`` in ``rows`` (rows with a value).

    A data row can hold figures from several sources. Where a row says which source backs
    which column (``column_sources``, see :func:`tipline.figures.sources.column_keys`), a
    column gets only its own keys; the other columns get the row's remaining keys. So the
    2023 row's urgent-escalation count is credited to the fact-check site that reported it,
    and its report total to NCMEC's own report, each with the right label.

    Rows that mix primary and secondary figures without such a mapping fall back on
    ``secondary_columns``: their secondary figures come from the keys that back no primary
    row anywhere in ``data/``, their primary figures from the others.
    """
    if column not in rows:
        raise ValueError(f"no column {column!r} in the rows given")
    primary = primary_keys()
    pairs: list[tuple[str, str]] = []
    for _, row in rows.iterrows():
        if pd.isna(row[column]):
            continue
        confidence = column_confidence(row, column)
        keys = column_keys(row, column)
        listed = row.get("secondary_columns")
        mapped = parse_column_sources(row.get("column_sources"))
        if column not in mapped and isinstance(listed, str) and listed.strip():
            weak = [k for k in keys if k not in primary]
            strong = [k for k in keys if k in primary]
            keys = (weak if confidence == "secondary" else strong) or keys
        pairs += [(key, confidence) for key in keys]
    return pairs


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def word(n: int) -> str:
    """Small whole numbers in words ("four"), larger ones in figures."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"


def pct(share: float, digits: int = 0) -> str:
    return f"{share:.{digits}%}"


def year_label(year: int, secondary: bool) -> str:
    return f"{year}<br>(secondary)" if secondary else str(year)


def check_year(year, available, what: str) -> int:
    if isinstance(year, bool) or not isinstance(year, numbers.Integral) or year not in available:
        listed = ", ".join(str(y) for y in sorted(available))
        raise ValueError(f"{what}: year must be one of {listed} (got {year!r})")
    return int(year)


def metric(outcomes: pd.DataFrame, name: str, period_prefix: str) -> pd.DataFrame:
    """Rows of ``capacity_outcomes`` for metric ``name`` whose period starts with
    ``period_prefix`` (``"CY"`` or ``"FY"``), by year."""
    rows = outcomes[(outcomes["metric"] == name) & outcomes["period"].str.startswith(period_prefix)]
    return rows.sort_values("year")
