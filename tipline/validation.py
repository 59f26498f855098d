"""Validate one table of ``data/`` against its descriptor in ``data/datapackage.json``.

The descriptor follows Frictionless Table Schema (fields with ``type``, ``constraints``,
``primaryKey``) plus two project extensions per resource: ``checks`` (table-level rules such as
"these columns add up to that one") and ``gaps`` (rules that do not hold, and why).

Validation runs in three stages, and every failure becomes a :class:`Problem` naming the file,
the 1-based line of the CSV and the column:

1. reading (:mod:`tipline.csvfile`): encoding, line endings, delimiter, header and field
   counts, with the line on which each record starts; cell text a spreadsheet writes into
   number columns (``1,234``, ``12%``, ``NaN``);
2. pandera: types (coercion), ``required``, ``minimum``/``maximum``, ``enum``, ``pattern``,
   ``unique`` and the primary key;
3. table checks (:mod:`tipline.table_checks`) from ``checks`` plus bibliography keys
   (``bibkeys`` fields), column lists and table lists, and comparisons with other tables.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from tipline.csvfile import RawTable, cell_problem, decode_text, read_csv
from tipline.problems import DataError, Problem
from tipline.table_checks import Checker, TableLoader, list_field_problems, parse_column_sources

__all__ = [
    "DESCRIPTOR",
    "DataError",
    "Problem",
    "RawTable",
    "find_resource",
    "parse_column_sources",
    "read_csv",
    "read_descriptor",
    "validate_table",
]

DESCRIPTOR = "datapackage.json"
_DTYPES = {"integer": "Int64", "number": "float64", "string": "str", "boolean": "boolean"}
_BOOLEAN_WORDS = {"true": True, "false": False}


# --------------------------------------------------------------------------- descriptor


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Read ``datapackage.json`` from ``data_dir`` and check the parts validation relies on."""
    path = data_dir / DESCRIPTOR
    try:
        text = decode_text(path)
    except DataError as err:
        if "not found" in str(err):
            raise DataError(Problem(str(path), None, None, "descriptor file not found")) from None
        raise
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError(Problem(str(path), err.lineno, None, f"invalid JSON: {err.msg}")) from err
    problems = descriptor_problems(descriptor, text, str(path))
    if problems:
        raise DataError(problems)
    return descriptor


def _min_rows(resource: Mapping[str, Any]) -> int | None:
    counts = [c.get("count") for c in resource.get("checks", []) if c.get("type") == "min_rows"]
    return counts[0] if counts and isinstance(counts[0], int) else None


def descriptor_problems(descriptor: Any, text: str, file: str) -> list[Problem]:
    """What the validator needs of every table's description: a name, a path, fields with a
    known type, and the rows the table must have (a ``min_rows`` check of at least 1)."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [Problem(file, 1, None, "expected an object with a list 'resources'")]
    problems = []
    for number, resource in enumerate(descriptor["resources"], start=1):
        if not isinstance(resource, dict):
            problems.append(Problem(file, None, None, f"resource {number} is not an object"))
            continue
        name = resource.get("name")
        marker = f'"name": "{name}"'
        line = _line_of(text, text.index(marker)) if name and marker in text else None
        label = f"table '{name}'" if name else f"resource {number}"

        def add(message: str, label=label, line=line) -> None:
            problems.append(Problem(file, line, None, f"{label}: {message}"))

        if not isinstance(name, str) or not isinstance(resource.get("path"), str):
            add("needs a 'name' and a 'path'")
        fields = resource.get("schema", {}).get("fields")
        if not isinstance(fields, list) or not fields:
            add("needs 'schema' with a list of 'fields'")
            continue
        for field in fields:
            kind = field.get("type", "string") if isinstance(field, dict) else None
            if not isinstance(field, dict) or not isinstance(field.get("name"), str):
                add("every field needs a 'name'")
            elif kind not in _DTYPES:
                allowed = ", ".join(_DTYPES)
                add(f"field '{field['name']}' has type '{kind}' (allowed: {allowed})")
        count = _min_rows(resource)
        if count is None or count < 1:
            add('must state the rows it needs: a check {"type": "min_rows", "count": N >= 1}')
    return problems


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_resource(descriptor: Mapping[str, Any], name: str, data_dir: Path) -> dict[str, Any]:
    """The resource called ``name``; a :class:`DataError` lists the known names otherwise."""
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            return resource
    known = ", ".join(r.get("name", "?") for r in descriptor.get("resources", []))
    raise DataError(
        Problem(str(data_dir / DESCRIPTOR), None, None, f"unknown table '{name}' (known: {known})")
    )


# --------------------------------------------------------------------------- stage 2: pandera


def _prepare(raw: RawTable, fields: list[dict[str, Any]]) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn strings into values pandera can coerce, refusing cell text no type allows (see
    :func:`tipline.csvfile.cell_problem`); booleans are parsed here."""
    frame = pd.DataFrame(raw.rows, columns=raw.header, dtype=object)
    problems: list[Problem] = []
    for field in fields:
        name, kind = field["name"], field.get("type", "string")
        values: list[Any] = []
        for position, cell in enumerate(frame[name]):
            message = cell_problem(cell, kind) if cell != "" else None
            if message is None and kind == "boolean" and cell != "":
                if cell.lower() not in _BOOLEAN_WORDS:
                    message = f"expected true or false, got '{cell}'"
            if message is not None:
                problems.append(Problem(str(raw.path), raw.lines[position], name, message))
            if message is not None or cell == "":
                values.append(None)
            elif kind == "boolean":
                values.append(_BOOLEAN_WORDS[cell.lower()])
            else:
                values.append(cell)
        frame[name] = pd.Series(values, index=frame.index, dtype=object)
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
        return cell_problem(str(value), kind) or f"expected {kind}, got '{value}'"
    if check == "not_nullable":
        return "missing required value (this column may not be empty)"
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
    minimum = _min_rows(resource) or 1
    if not raw.rows:  # an emptied table: every other check would only repeat this
        raise DataError(
            Problem(
                str(raw.path),
                2,
                None,
                f"the table has no data rows; it must have at least {minimum:,} "
                "(min_rows in datapackage.json)",
            )
        )
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
    checker = Checker(frame, raw, resource, load_other)
    list_field_problems(checker, resource, bib_keys, table_names)
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
