"""Stage 3 of validation: table-level checks on a typed table.

Each ``check_*`` method of :class:`Checker` implements one check type of ``datapackage.json``
(``sum``, ``ratio``, ``min_rows``, ``required_rows``, ``matches`` with another table, ...);
:func:`list_field_problems` checks the fields that hold lists (bibliography keys, column and
table names, per-column sources).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from tipline.csvfile import RawTable
from tipline.problems import Problem

# A function that returns another validated table (used by cross-table checks).
TableLoader = Callable[[str], pd.DataFrame]


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _matches(value: Any, expected: Any) -> bool:
    if _is_missing(value):
        return False
    if isinstance(expected, Mapping):
        if "pattern" in expected:
            return re.search(expected["pattern"], str(value)) is not None
        if "in" in expected:
            return value in expected["in"]
        raise ValueError(f"unknown condition {expected!r}")
    return value == expected


def _mask(frame: pd.DataFrame, when: Mapping[str, Any] | None) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, expected in (when or {}).items():
        mask &= frame[column].map(lambda v, e=expected: _matches(v, e)).astype(bool)
    return mask


def _fmt(value: Any) -> str:
    value = _plain_value(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


class Checker:
    """Runs the table-level checks of one resource on its typed DataFrame."""

    def __init__(
        self,
        frame: pd.DataFrame,
        raw: RawTable,
        resource: Mapping[str, Any],
        load_other: TableLoader | None,
    ):
        self.frame = frame
        self.raw = raw
        self.resource = resource
        self.load_other = load_other
        self.file = str(raw.path)
        self.problems: list[Problem] = []

    def add(self, position: int | None, column: str | None, message: str) -> None:
        line = self.raw.lines[position] if position is not None else None
        self.problems.append(Problem(self.file, line, column, message))

    def run(self, checks: Iterable[Mapping[str, Any]]) -> list[Problem]:
        for check in checks:
            kind = check["type"]
            handler = getattr(self, f"check_{kind}", None)
            if handler is None:
                self.add(None, None, f"unknown check type '{kind}' in datapackage.json")
                continue
            handler(check)
        return self.problems

    # Each check_* method implements one check type of datapackage.json.

    def check_sum(self, check: Mapping[str, Any]) -> None:
        """Parts add up to the total wherever all of them are present."""
        parts, total = check["parts"], check["total"]
        for position, row in enumerate(self.frame.itertuples(index=False)):
            values = [getattr(row, part) for part in parts]
            expected = getattr(row, total)
            if any(_is_missing(v) for v in values) or _is_missing(expected):
                continue
            actual = sum(values)
            if actual != expected:
                self.add(
                    position,
                    total,
                    f"{' + '.join(parts)} = {_fmt(actual)}, but {total} = {_fmt(expected)}",
                )

    def check_at_most(self, check: Mapping[str, Any]) -> None:
        column, limit = check["column"], check["limit"]
        for position, (value, bound) in enumerate(
            zip(self.frame[column], self.frame[limit], strict=True)
        ):
            if not _is_missing(value) and not _is_missing(bound) and value > bound:
                self.add(position, column, f"{_fmt(value)} exceeds {limit} = {_fmt(bound)}")

    def check_at_most_value(self, check: Mapping[str, Any]) -> None:
        column, maximum = check["column"], check["maximum"]
        mask = _mask(self.frame, check.get("when"))
        for position in [i for i, flag in enumerate(mask) if flag]:
            value = self.frame[column].iloc[position]
            if not _is_missing(value) and value > maximum:
                self.add(position, column, f"value {_fmt(value)} exceeds {maximum} for this row")

    def check_ratio(self, check: Mapping[str, Any]) -> None:
        numerator, denominator, column = check["numerator"], check["denominator"], check["column"]
        tolerance = check.get("tolerance", 1e-9)
        for position, row in enumerate(self.frame.itertuples(index=False)):
            top, bottom, value = (
                getattr(row, numerator),
                getattr(row, denominator),
                getattr(row, column),
            )
            if any(_is_missing(v) for v in (top, bottom, value)) or bottom == 0:
                continue
            if abs(top / bottom - value) > tolerance:
                self.add(
                    position,
                    column,
                    f"{column} = {value} but {numerator}/{denominator} = {top / bottom:.6f}",
                )

    def check_exactly_one(self, check: Mapping[str, Any]) -> None:
        """Exactly one row per group matches ``when`` (e.g. one preferred row per year)."""
        group_by, when = check["group_by"], check["when"]
        mask = _mask(self.frame, when)
        column = next(iter(when))
        for keys, group in self.frame.groupby(group_by, sort=False):
            positions = [self.frame.index.get_loc(i) for i in group.index]
            matching = [p for p in positions if mask.iloc[p]]
            if len(matching) == 1:
                continue
            label = ", ".join(f"{c}={v}" for c, v in zip(group_by, _tuple(keys), strict=True))
            position = matching[1] if matching else positions[0]
            self.add(
                position,
                column,
                f"expected exactly one row matching {dict(when)} for {label}, "
                f"found {len(matching)}",
            )

    def check_same_truth(self, check: Mapping[str, Any]) -> None:
        a, b = _mask(self.frame, check["a"]), _mask(self.frame, check["b"])
        for position, (left, right) in enumerate(zip(a, b, strict=True)):
            if left != right:
                self.add(
                    position,
                    check.get("column"),
                    f"rows matching {check['a']} must be exactly those matching {check['b']}",
                )

    def check_empty_when(self, check: Mapping[str, Any]) -> None:
        column = check["column"]
        mask = _mask(self.frame, check["when"])
        for position, (flag, value) in enumerate(zip(mask, self.frame[column], strict=True)):
            if flag and not _is_missing(value) and str(value).strip():
                self.add(position, column, f"must be empty when {check['when']}")

    def check_required_when(self, check: Mapping[str, Any]) -> None:
        mask = _mask(self.frame, check["when"])
        for column in check["columns"]:
            for position, (flag, value) in enumerate(zip(mask, self.frame[column], strict=True)):
                if flag and _is_missing(value):
                    self.add(position, column, f"required when {check['when']}")

    def check_unique_within(self, check: Mapping[str, Any]) -> None:
        column, group_by = check["column"], check["group_by"]
        seen: dict[tuple, int] = {}
        for position, row in enumerate(self.frame.itertuples(index=False)):
            value = getattr(row, column)
            if _is_missing(value):
                continue
            key = tuple(getattr(row, g) for g in group_by) + (value,)
            if key in seen:
                self.add(position, column, f"value {value} repeats within {group_by} = {key[:-1]}")
            seen[key] = position

    def check_required_rows(self, check: Mapping[str, Any]) -> None:
        for wanted in check["rows"]:
            if not _mask(self.frame, wanted).any():
                self.add(
                    None,
                    next(iter(wanted)),
                    f"a row the book needs is missing: no row matches {wanted}",
                )

    def check_min_rows(self, check: Mapping[str, Any]) -> None:
        if len(self.frame) < check["count"]:
            self.add(
                None,
                None,
                f"expected at least {check['count']:,} rows, found {len(self.frame):,} "
                "(a truncated file? min_rows in datapackage.json)",
            )

    def check_covers(self, check: Mapping[str, Any]) -> None:
        column = check["column"]
        present = set(self.frame[column].dropna())
        for value in check["values"]:
            if value not in present:
                self.add(
                    None,
                    column,
                    f"a row the book needs is missing: no row has {column} = {value!r}",
                )

    def check_year_of_date(self, check: Mapping[str, Any]) -> None:
        date, column = check["date"], check["column"]
        for position, (text, year) in enumerate(
            zip(self.frame[date], self.frame[column], strict=True)
        ):
            if _is_missing(text) or _is_missing(year):
                continue
            if str(text)[:4] != str(year):
                self.add(position, column, f"year {year} does not match {date} '{text}'")

    def _reference(self, spec: Mapping[str, Any]) -> pd.DataFrame:
        if "resource" not in spec:
            return self.frame
        if self.load_other is None:
            return pd.DataFrame()
        return self.load_other(spec["resource"])

    def check_matches(self, check: Mapping[str, Any]) -> None:
        """Rows selected by ``when`` agree with a column of another table, joined on ``on``."""
        other_spec = check["other"]
        other = self._reference(other_spec)
        if other.empty:
            return
        on, column, other_column = check["on"], check["column"], other_spec["column"]
        selected = other[_mask(other, other_spec.get("when"))]
        lookup = {tuple(_tuple(k)): v for k, v in selected.set_index(on)[other_column].items()}
        mask = _mask(self.frame, check.get("when"))
        for position in [i for i, flag in enumerate(mask) if flag]:
            row = self.frame.iloc[position]
            key = tuple(_plain_value(row[c]) for c in on)
            expected = lookup.get(key)
            value = row[column]
            if _is_missing(expected) or _is_missing(value):
                continue
            if value != expected:
                where = other_spec.get("resource", "this table")
                self.add(
                    position,
                    column,
                    f"{_fmt(value)} differs from {where}.{other_column} = {_fmt(expected)} "
                    f"for {dict(zip(on, key, strict=True))}",
                )

    def check_group_sum(self, check: Mapping[str, Any]) -> None:
        """Per group, the column's sum over rows matching ``when`` equals a reference value."""
        group_by, column = check["group_by"], check["column"]
        equals = check["equals"]
        reference = self._reference(equals)
        if reference.empty:
            return
        selected = reference[_mask(reference, equals.get("when"))]
        lookup = {
            tuple(_tuple(k)): v for k, v in selected.set_index(group_by)[equals["column"]].items()
        }
        mask = _mask(self.frame, check.get("when"))
        parts = self.frame[mask]
        for keys, group in parts.groupby(group_by, sort=False):
            keys = _tuple(keys)
            expected = lookup.get(tuple(keys))
            if _is_missing(expected):
                continue
            actual = group[column].sum()
            if actual != expected:
                first = self.frame.index.get_loc(group.index[0])
                where = equals.get("resource", "this table")
                label = dict(zip(group_by, keys, strict=True))
                self.add(
                    first,
                    column,
                    f"rows matching {check.get('when')} for {label} sum to {_fmt(actual)}, "
                    f"but {where}.{equals['column']} = {_fmt(expected)}",
                )


def _plain_value(value: Any) -> Any:
    """numpy scalars become Python values (for readable messages and dict lookups)."""
    return value.item() if hasattr(value, "item") else value


def _tuple(keys: Any) -> tuple:
    keys = keys if isinstance(keys, tuple) else (keys,)
    return tuple(_plain_value(k) for k in keys)


def list_field_problems(
    checker: Checker,
    resource: Mapping[str, Any],
    bib_keys: frozenset[str] | None,
    table_names: Iterable[str],
) -> None:
    """Check ``bibkeys``, ``columnList``, ``tableList`` and ``columnSources`` fields."""
    column_names = {field["name"] for field in resource["schema"]["fields"]}
    tables = set(table_names)
    for field in resource["schema"]["fields"]:
        name = field["name"]
        if field.get("columnSources"):
            _column_source_problems(checker, name, column_names, bib_keys)
            continue
        separator = field.get("separator", ";")
        if not (field.get("bibkeys") or field.get("columnList") or field.get("tableList")):
            continue
        allowed_extra = set(field.get("extraValues", []))
        for position, cell in enumerate(checker.frame[name]):
            if _is_missing(cell):
                continue
            items = [item.strip() for item in str(cell).split(separator)]
            if any(not item for item in items):
                checker.add(position, name, f"empty item in '{cell}'")
            for item in filter(None, items):
                if item in allowed_extra:
                    continue
                if field.get("bibkeys") and bib_keys is not None and item not in bib_keys:
                    checker.add(position, name, f"source key '{item}' not found in references.bib")
                if field.get("columnList") and item not in column_names:
                    checker.add(position, name, f"'{item}' is not a column of this table")
                if field.get("tableList") and item not in tables:
                    checker.add(position, name, f"'{item}' is not a table in data/")


def parse_column_sources(cell: Any) -> dict[str, list[str]]:
    """``'a;b=key1;key2|c=key3'`` -> ``{'a': [key1, key2], 'b': [key1, key2], 'c': [key3]}``."""
    if _is_missing(cell) or not str(cell).strip():
        return {}
    mapping: dict[str, list[str]] = {}
    for entry in str(cell).split("|"):
        columns, sep, keys = entry.partition("=")
        if not sep:
            raise ValueError(f"entry '{entry}' has no '=' (expected 'column=key')")
        key_list = [k.strip() for k in keys.split(";") if k.strip()]
        for column in (c.strip() for c in columns.split(";") if c.strip()):
            mapping[column] = key_list
    return mapping


def _column_source_problems(
    checker: Checker, name: str, column_names: set[str], bib_keys: frozenset[str] | None
) -> None:
    """Each entry names real columns and keys that are among the row's own sources."""
    for position, cell in enumerate(checker.frame[name]):
        try:
            mapping = parse_column_sources(cell)
        except ValueError as err:
            checker.add(position, name, str(err))
            continue
        row_keys = {k.strip() for k in str(checker.frame["source"].iloc[position]).split(";")}
        for column, keys in mapping.items():
            if column not in column_names:
                checker.add(position, name, f"'{column}' is not a column of this table")
            for key in keys:
                if key not in row_keys:
                    checker.add(position, name, f"'{key}' is not among this row's sources")
                elif bib_keys is not None and key not in bib_keys:
                    checker.add(position, name, f"source key '{key}' not found in references.bib")
