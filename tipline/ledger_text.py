"""Numbers in the fact-check ledger's prose, filled in from ``data/`` when the book is built.

The claim and evidence texts in ``data/claims.csv`` and the reasoning in
``data/seed_markers.csv`` type no number by hand. They name a value in braces, and
:func:`fill` replaces each name with the value computed from the tables, formatted the way
the chapters format it::

    >>> fill("NCMEC counts {reports_2023} reports for 2023.")  # doctest: +SKIP
    'NCMEC counts 36,210,368 reports for 2023.'

Names follow a few patterns (``YYYY`` is a year, ``METRIC`` a ``metric`` of
``capacity_outcomes.csv``):

========================================  ==================================================
``reports_YYYY``                          reports received (preferred row), e.g. 36,210,368
``reports_YYYY_m``                        the same in millions, one decimal: 36.2 million
``reports_YYYY_floor_m``                  whole millions, rounded down: 36 million
``esp_reports_YYYY``, ``public_reports_YYYY``  reports from platforms / from the public
``incidents_YYYY_m``                      incidents behind the year's bundled reports
``urgent_YYYY``, ``urgent_share_YYYY``    urgent escalations and their share of all reports
``foreign_share_YYYY``                    share of reports whose user was located abroad
``us_share_min``, ``us_share_max``        lowest and highest share located in the U.S.
``icac_reports_YYYY``                     reports made available to ICAC task forces
``icac_informational_YYYY``               share of those labelled informational
``escalations_2022_bloomberg``            Bloomberg's figure of reports sent to police
``ai_reports_YYYY_m``                     reports related to generative AI, in millions
``m_METRIC_YYYY``                         a capacity/outcome value (shares as percentages)
``mq_METRIC_YYYY``                        the same with its qualifier ("more than 400")
``period_METRIC_YYYY``                    a value in days written as a period ("one year")
========================================  ==================================================

An unknown name raises :class:`LedgerTextError`, naming the name and the patterns allowed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from tipline.data import load

__all__ = ["PLACEHOLDER", "LedgerTextError", "fill", "filler", "names", "typed_numbers", "value"]

#: A placeholder: a lower-case name in braces.
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


class LedgerTextError(ValueError):
    """A placeholder in ledger text names no value the tables can give."""


#: Digits that may stand in ledger prose as typed: citation markers ([3], marker 3), claim
#: ids (C16a), case reporters (831 F.3d 1292, 715 F. Supp. 3d 741, 56 Cal.App.5th 128),
#: statute citations (Public Law 118-59, 18 U.S.C. § 2258A) and years (2023, FY2024, 2022-2024:
#: a four-digit number from 1980 to 2039 is read as a year).
_ALLOWED = re.compile(
    r"\[\d{1,2}\]|\bmarkers? \d{1,2}(?:(?:,| and) \d{1,2})*\b"
    r"|\bC\d{2}[a-z]?\b"
    r"|\b\d{1,4} (?:F\. ?(?:Supp\. ?)?(?:2d|3d|4th)|U\.S\.|S\. ?Ct\."
    r"|Cal\. ?App\. ?\d(?:st|nd|rd|th)) \d{1,5}\b"
    r"|\bPublic Law \d{2,3}-\d{1,3}\b"
    r"|\b\d{1,2} U\.S\.C\. § ?\d+[A-Za-z]?\b|§ ?\d+[A-Za-z]?\b"
    r"|(?<![\d.,])\b(?:FY)?(?:198\d|199\d|20[0-3]\d)\b(?![.,]\d|%)"
)
_DIGITS = re.compile(r"\d[\d,.]*\d|\d")


def typed_numbers(text: str) -> list[str]:
    """Numbers typed by hand in ledger prose: every run of digits left once placeholders,
    years, citation markers, claim ids, case reporters and statute citations are removed.

    The ledger's texts must give ``[]``; anything else should be a ``{placeholder}``.
    """
    rest = _ALLOWED.sub(" ", PLACEHOLDER.sub(" ", text or ""))
    return _DIGITS.findall(rest)


def names(text: str) -> list[str]:
    """The placeholder names in ``text``, in order (repeats kept)."""
    return PLACEHOLDER.findall(text or "")


def _count(x: float) -> str:
    return f"{round(float(x)):,}"


def _millions(x: float) -> str:
    text = f"{float(x) / 1e6:.1f}".removesuffix(".0")
    return f"{text} million"


def _share(x: float) -> str:
    """A share as a percentage: one decimal below 10%, whole numbers above."""
    x = float(x)
    return f"{x:.1%}" if x < 0.1 else f"{x:.0%}"


def _period(days: float) -> str:
    days = round(float(days))
    if days % 365 == 0:
        years = days // 365
        return f"{_WORDS.get(years, years)} year" + ("s" if years > 1 else "")
    return f"{days} days"


class _Tables:
    """The tables ledger text draws on, loaded once per :func:`fill` call."""

    def __init__(self, data_dir: Path | str | None):
        years = load("reports_by_year", data_dir)
        self.years_all = years
        self.years = years[years["preferred"]].set_index("year")
        self.recipients = load("le_recipients", data_dir)
        self.outcomes = load("capacity_outcomes", data_dir)
        self.incidents = load("incident_types", data_dir)

    def year(self, year: int, column: str) -> float:
        if year not in self.years.index:
            raise KeyError(f"no preferred row for {year} in reports_by_year")
        value = self.years.loc[year, column]
        if pd.isna(value):
            raise KeyError(f"reports_by_year has no {column} for {year}")
        return float(value)

    def urgent_share(self, year: int) -> float:
        return self.year(year, "urgent_escalations") / self.year(year, "total_reports")

    def location_shares(self, column: str) -> pd.Series:
        rows = self.years.dropna(subset=[column, "total_reports"])
        return rows[column].astype(float) / rows["total_reports"].astype(float)

    def icac(self, year: int) -> pd.Series:
        rows = self.recipients[
            (self.recipients["year"] == year) & (self.recipients["recipient"] == "ICAC units")
        ]
        if rows.empty:
            raise KeyError(f"le_recipients has no ICAC row for {year}")
        return rows.iloc[0]

    def metric(self, name: str, year: int) -> pd.Series:
        rows = self.outcomes[(self.outcomes["metric"] == name) & (self.outcomes["year"] == year)]
        if rows.empty:
            raise KeyError(f"capacity_outcomes has no row {name!r} for {year}")
        return rows.iloc[0]


def _metric_value(row: pd.Series) -> str:
    unit = str(row["unit"])
    return _share(row["value"]) if unit.startswith("share") else _count(row["value"])


def _with_qualifier(row: pd.Series) -> str:
    qualifier = str(row["qualifier"])
    text = _metric_value(row)
    return text if qualifier in ("exact", "computed") else f"{qualifier} {text}"


def _bloomberg(t: _Tables) -> str:
    rows = t.years_all[
        (t.years_all["year"] == 2022) & (t.years_all["variant"] == "bloomberg_escalations")
    ]
    return _count(rows["urgent_escalations"].iloc[0])


def _ai_reports(t: _Tables, year: int) -> float:
    rows = t.incidents[
        (t.incidents["series"] == "generative_ai_annual") & (t.incidents["year"] == year)
    ]
    if rows.empty:
        raise KeyError(f"incident_types has no generative_ai_annual row for {year}")
    return float(rows["reports"].iloc[0])


_Rule = tuple[re.Pattern, Callable[[_Tables, re.Match], str]]

_RULES: tuple[_Rule, ...] = tuple(
    (re.compile(pattern), func)
    for pattern, func in (
        (r"reports_(\d{4})", lambda t, m: _count(t.year(int(m[1]), "total_reports"))),
        (r"reports_(\d{4})_m", lambda t, m: _millions(t.year(int(m[1]), "total_reports"))),
        (
            r"reports_(\d{4})_floor_m",
            lambda t, m: f"{math.floor(t.year(int(m[1]), 'total_reports') / 1e6)} million",
        ),
        (r"esp_reports_(\d{4})", lambda t, m: _count(t.year(int(m[1]), "reports_from_esps"))),
        (
            r"public_reports_(\d{4})",
            lambda t, m: _count(t.year(int(m[1]), "reports_from_public")),
        ),
        (
            r"incidents_(\d{4})_m",
            lambda t, m: _millions(t.year(int(m[1]), "incidents_after_unbundling")),
        ),
        (r"urgent_(\d{4})", lambda t, m: _count(t.year(int(m[1]), "urgent_escalations"))),
        (r"urgent_share_(\d{4})", lambda t, m: f"{t.urgent_share(int(m[1])):.2%}"),
        (
            r"foreign_share_(\d{4})",
            lambda t, m: (
                f"{t.location_shares('international_user_location_reports').loc[int(m[1])]:.1%}"
            ),
        ),
        (
            r"us_share_(min|max)",
            lambda t, m: f"{getattr(t.location_shares('us_user_location_reports'), m[1])():.1%}",
        ),
        (r"icac_reports_(\d{4})", lambda t, m: _count(t.icac(int(m[1]))["total"])),
        (
            r"icac_informational_(\d{4})",
            lambda t, m: f"{float(t.icac(int(m[1]))['informational_share']):.0%}",
        ),
        (r"escalations_2022_bloomberg", lambda t, m: _bloomberg(t)),
        (r"ai_reports_(\d{4})_m", lambda t, m: _millions(_ai_reports(t, int(m[1])))),
        (r"m_([a-z0-9_]+)_(\d{4})", lambda t, m: _metric_value(t.metric(m[1], int(m[2])))),
        (r"mq_([a-z0-9_]+)_(\d{4})", lambda t, m: _with_qualifier(t.metric(m[1], int(m[2])))),
        (
            r"period_([a-z0-9_]+)_(\d{4})",
            lambda t, m: _period(t.metric(m[1], int(m[2]))["value"]),
        ),
    )
)


def _resolve(name: str, tables: _Tables) -> str:
    for pattern, func in _RULES:
        match = pattern.fullmatch(name)
        if match:
            try:
                return func(tables, match)
            except KeyError as err:
                raise LedgerTextError(f"placeholder {{{name}}}: {err.args[0]}") from err
    allowed = ", ".join(p.pattern for p, _ in _RULES)
    raise LedgerTextError(f"placeholder {{{name}}} matches no known value; allowed: {allowed}")


def value(name: str, data_dir: Path | str | None = None) -> str:
    """The formatted value for one placeholder name (without braces)."""
    return _resolve(name, _Tables(data_dir))


def fill(text: str, data_dir: Path | str | None = None, *, tables: _Tables | None = None) -> str:
    """``text`` with every ``{name}`` replaced by its value from ``data/``.

    Raises :class:`LedgerTextError` for a name no table can give. Text without placeholders
    comes back unchanged (and loads nothing).
    """
    if not isinstance(text, str) or not PLACEHOLDER.search(text):
        return text
    tables = tables or _Tables(data_dir)
    return PLACEHOLDER.sub(lambda m: _resolve(m[1], tables), text)


def filler(data_dir: Path | str | None = None) -> Callable[[str], str]:
    """A :func:`fill` bound to one load of the tables (for filling many texts at once)."""
    tables = _Tables(data_dir)
    return lambda text: fill(text, tables=tables)
