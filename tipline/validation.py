"""Validate one table of ``data/`` against its descriptor in ``data/datapackage.json``.

The descriptor follows Frictionless Table Schema (fields with ``type``, ``constraints``,
``primaryKey``) plus two project extensions per resource: ``checks`` (table-level rules such as
"these columns add up to that one") and ``gaps`` (rules that do not hold, and why).

Validation runs in three stages, and every failure becomes a :class:`Problem` naming the file,
the 1-based line of the CSV and the column:

1. reading: header and field counts, with the line on which each record starts;
2. pandera: types (coercion), ``required``, ``minimum``/``maximum``, ``enum``, ``pattern``,
   ``unique`` and the primary key;
3. table checks from ``checks`` plus bibliography keys (``bibkeys`` fields), column lists and
   table lists, and comparisons with other tables.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

DESCRIPTOR = "datapackage.json"
_DTYPES = {"integer": "Int64", "number": "float64", "string": "str", "boolean": "boolean"}
_BOOLEAN_WORDS = {"true": True, "false": False}

# A function that returns another validated table (used by cross-table checks).
TableLoader = Callable[[str], pd.DataFrame]


@dataclass(frozen=True)
class Problem:
    """One validation failure, located in a file, a line and a column."""

    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """A data file is missing or invalid; ``problems`` lists every failure found."""

    def __init__(self, problems: Iterable[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


# --------------------------------------------------------------------------- descriptor


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Read ``datapackage.json`` from ``data_dir``."""
    path = data_dir / DESCRIPTOR
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(Problem(str(path), None, None, "descriptor file not found")) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(Problem(str(path), err.lineno, None, f"invalid JSON: {err.msg}")) from err


def find_resource(descriptor: Mapping[str, Any], name: str, data_dir: Path) -> dict[str, Any]:
    """The resource called ``name``; a :class:`DataError` lists the known names otherwise."""
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            return resource
    known = ", ".join(r.get("name", "?") for r in descriptor.get("resources", []))
    raise DataError(
        Problem(str(data_dir / DESCRIPTOR), None, None, f"unknown table '{name}' (known: {known})")
    )


# --------------------------------------------------------------------------- stage 1: reading


@dataclass
class RawTable:
    """A CSV read as strings, with the CSV line on which each record starts."""

    path: Path
    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def read_csv(path: Path, field_names: list[str]) -> RawTable:
    """Read a CSV as strings and check its header against the descriptor."""
    file = str(path)
    try:
        handle = path.open(newline="", encoding="utf-8")
    except FileNotFoundError:
        raise DataError(Problem(file, None, None, "data file not found")) from None
    problems: list[Problem] = []
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(Problem(file, 1, None, "file is empty (no header)")) from None
        except csv.Error as err:
            raise DataError(Problem(file, 1, None, f"unreadable CSV: {err}")) from err
        rows, lines = [], []
        previous_end = reader.line_num
        try:
            for record in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(header):
                    problems.append(
                        Problem(
                            file,
                            start,
                            None,
                            f"expected {len(header)} fields, found {len(record)}",
                        )
                    )
                    continue
                rows.append(record)
                lines.append(start)
        except csv.Error as err:
            raise DataError(Problem(file, reader.line_num, None, f"unreadable CSV: {err}")) from err
    for name in field_names:
        if name not in header:
            problems.append(Problem(file, 1, name, "column missing from the header"))
    for name in header:
        if name not in field_names:
            problems.append(Problem(file, 1, name, "column not described in datapackage.json"))
    if not problems and header != field_names:
        problems.append(
            Problem(file, 1, None, f"columns must be in the order {', '.join(field_names)}")
        )
    if problems:
        raise DataError(problems)
    return RawTable(path, header, rows, lines)


# --------------------------------------------------------------------------- stage 2: pandera


def _prepare(raw: RawTable, fields: list[dict[str, Any]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn strings into values pandera can coerce; booleans are parsed here."""
    frame = pd.DataFrame(raw.rows, columns=raw.header, dtype=object)
    problems: list[Problem] = []
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        column = frame[name].map(lambda cell: cell.strip() if isinstance(cell, str) else cell)
        column = column.map(lambda cell: None if cell == "" else cell)
        if kind == "boolean":
            parsed = []
            for position, cell in enumerate(column):
                if cell is None:
                    parsed.append(None)
                elif cell.lower() in _BOOLEAN_WORDS:
                    parsed.append(_BOOLEAN_WORDS[cell.lower()])
                else:
                    parsed.append(None)
                    problems.append(
                        Problem(
                            str(raw.path),
                            raw.lines[position],
                            name,
                            f"expected true or false, got '{cell}'",
                        )
                    )
            column = pd.Series(parsed, index=frame.index, dtype=object)
        frame[name] = column
    return frame, problems


def _column_checks(field: dict[str, Any]) -> list[pa.Check]:
    constraints = field.get("constraints", {})
    checks = []
    if "minimum" in constraints:
        checks.append(pa.Check.ge(constraints["minimum"]))
    if "maximum" in constraints:
        checks.append(pa.Check.le(constraints["maximum"]))
    if "enum" in constraints:
        checks.append(pa.Check.isin(constraints["enum"]))
    if "pattern" in constraints:
        checks.append(pa.Check.str_matches(constraints["pattern"]))
    return checks


def type_schema(resource: Mapping[str, Any]) -> pa.DataFrameSchema:
    """A pandera schema that only coerces each column to its declared type."""
    columns = {
        field["name"]: pa.Column(_DTYPES[field.get("type", "string")], nullable=True, coerce=True)
        for field in resource["schema"]["fields"]
    }
    return pa.DataFrameSchema(columns, strict=True, ordered=True)


def constraint_schema(resource: Mapping[str, Any]) -> pa.DataFrameSchema:
    """A pandera schema with the declared constraints and the primary key."""
    columns = {}
    for field in resource["schema"]["fields"]:
        constraints = field.get("constraints", {})
        columns[field["name"]] = pa.Column(
            _DTYPES[field.get("type", "string")],
            checks=_column_checks(field),
            nullable=not constraints.get("required", False),
            unique=bool(constraints.get("unique", False)),
            report_duplicates="exclude_first",
        )
    key = resource["schema"].get("primaryKey") or None
    return pa.DataFrameSchema(columns, unique=key, report_duplicates="exclude_first")


def _describe_failure(failure: Mapping[str, Any], field: Mapping[str, Any] | None) -> str:
    check = str(failure.get("check"))
    value = failure.get("failure_case")
    kind = field.get("type", "string") if field else "string"
    constraints = field.get("constraints", {}) if field else {}
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        noun = {"integer": "an integer", "number": "a number"}.get(kind, kind)
        return f"expected {noun}, got '{value}'"
    if check == "not_nullable":
        return "missing required value"
    if check.startswith("greater_than_or_equal_to"):
        return f"value {value} is below the minimum {constraints.get('minimum')}"
    if check.startswith("less_than_or_equal_to"):
        return f"value {value} is above the maximum {constraints.get('maximum')}"
    if check.startswith("isin"):
        allowed = ", ".join(repr(v) for v in constraints.get("enum", []))
        return f"value '{value}' is not one of {allowed}"
    if check.startswith("str_matches"):
        return f"value '{value}' does not match the pattern {constraints.get('pattern')}"
    if check == "field_uniqueness":
        return f"duplicate value '{value}' in a unique column"
    return f"failed {check} with value '{value}'"


def _pandera_problems(
    errors: SchemaErrors, raw: RawTable, resource: Mapping[str, Any]
) -> list[Problem]:
    fields = {field["name"]: field for field in resource["schema"]["fields"]}
    key = resource["schema"].get("primaryKey") or []
    problems: list[Problem] = []
    seen_key_rows: set[int] = set()
    for failure in errors.failure_cases.to_dict("records"):
        index = failure.get("index")
        has_index = index is not None and not (isinstance(index, float) and math.isnan(index))
        line = raw.lines[int(index)] if has_index else None
        if failure.get("check") == "multiple_fields_uniqueness":
            if not has_index or int(index) in seen_key_rows:
                continue
            seen_key_rows.add(int(index))
            values = ", ".join(str(raw.rows[int(index)][raw.header.index(k)]) for k in key)
            problems.append(
                Problem(
                    str(raw.path),
                    line,
                    "+".join(key),
                    f"duplicate primary key ({', '.join(key)}) = ({values})",
                )
            )
            continue
        column = failure.get("column")
        message = _describe_failure(failure, fields.get(column))
        problem = Problem(str(raw.path), line, column, message)
        if problem not in problems:  # pandera reports a failed coercion twice
            problems.append(problem)
    return problems


# --------------------------------------------------------------------------- stage 3: checks


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


class _Checker:
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
                self.add(None, next(iter(wanted)), f"no row matches {wanted}")

    def check_min_rows(self, check: Mapping[str, Any]) -> None:
        if len(self.frame) < check["count"]:
            self.add(
                None, None, f"expected at least {check['count']} rows, found {len(self.frame)}"
            )

    def check_covers(self, check: Mapping[str, Any]) -> None:
        column = check["column"]
        present = set(self.frame[column].dropna())
        for value in check["values"]:
            if value not in present:
                self.add(None, column, f"no row has {column} = {value!r}")

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


def _list_field_problems(
    checker: _Checker,
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
    checker: _Checker, name: str, column_names: set[str], bib_keys: frozenset[str] | None
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


# --------------------------------------------------------------------------- entry point


def validate_table(
    raw: RawTable,
    resource: Mapping[str, Any],
    *,
    bib_keys: frozenset[str] | None,
    table_names: Iterable[str],
    load_other: TableLoader | None = None,
) -> pd.DataFrame:
    """Validate a table read by :func:`read_csv`; return it typed, or raise :class:`DataError`.

    ``bib_keys`` is the set of keys in references.bib (``None`` skips that check);
    ``load_other(name)`` returns another validated table for cross-table checks (``None``
    skips them).
    """
    fields = resource["schema"]["fields"]
    frame, problems = _prepare(raw, fields)
    try:
        frame = type_schema(resource).validate(frame, lazy=True)
    except SchemaErrors as errors:
        problems += _pandera_problems(errors, raw, resource)
    if problems:
        raise DataError(problems)
    try:
        frame = constraint_schema(resource).validate(frame, lazy=True)
    except SchemaErrors as errors:
        problems += _pandera_problems(errors, raw, resource)
    checker = _Checker(frame, raw, resource, load_other)
    _list_field_problems(checker, resource, bib_keys, table_names)
    if not problems:  # table checks assume the types and constraints hold
        checker.run(resource.get("checks", []))
    problems += checker.problems
    if problems:
        raise DataError(problems)
    return finish(frame, resource)


def finish(frame: pd.DataFrame, resource: Mapping[str, Any]) -> pd.DataFrame:
    """Final dtypes for callers.

    Integer key columns (e.g. ``year``) become plain ``int64``; other integers stay nullable
    ``Int64`` (counts may be missing); required booleans become ``bool``; missing text becomes
    the empty string.
    """
    frame = frame.copy()
    key = set(resource["schema"].get("primaryKey") or [])
    for field in resource["schema"]["fields"]:
        name, kind = field["name"], field.get("type", "string")
        required = field.get("constraints", {}).get("required", False)
        if kind == "integer" and required and name in key:
            frame[name] = frame[name].astype("int64")
        elif kind == "boolean" and required:
            frame[name] = frame[name].astype(bool)
        elif kind == "string":
            frame[name] = frame[name].fillna("").astype("str")
    return frame
