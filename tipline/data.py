"""Load the tables in ``data/`` as typed, validated pandas DataFrames.

>>> from tipline.data import load, tables
>>> reports = load("reports_by_year")
>>> reports[reports.preferred].set_index("year").total_reports.loc[2023]
np.int64(36210368)

Every table is described in ``data/datapackage.json`` and validated on load (see
:mod:`tipline.validation`). A missing or invalid file raises :class:`DataError`, whose message
names the file, the CSV line and the column. Loads are cached on the files' modification times;
callers always get a copy, so changing a returned DataFrame never changes the cache.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import pandas as pd

from tipline import bibliography
from tipline.csvfile import decode_text
from tipline.paths import DATA_DIR
from tipline.validation import (
    DESCRIPTOR,
    DataError,
    Problem,
    find_resource,
    read_csv,
    read_descriptor,
    validate_table,
)

__all__ = [
    "LABELLING_COMPARABLE_FROM",
    "DataError",
    "Problem",
    "describe",
    "fields",
    "load",
    "tables",
    "validate_all",
]

BIBLIOGRAPHY_FILE = "references.bib"

#: First year whose actionable/informational split NCMEC says its labelling applies to
#: (``le_recipients`` gap: the CY2023 report describes the labels for its 2022-2023 figures).
#: Earlier splits in ``le_recipients`` are kept, but are not comparable.
LABELLING_COMPARABLE_FROM = 2022


def _data_dir(data_dir: Path | str | None) -> Path:
    return Path(data_dir) if data_dir is not None else DATA_DIR


def _stamp(data_dir: Path) -> tuple:
    """Modification times and sizes of every file a load depends on (the cache key)."""
    files = sorted(data_dir.glob("*.csv")) + [data_dir / DESCRIPTOR, data_dir / BIBLIOGRAPHY_FILE]
    stamp = []
    for path in files:
        try:
            stat = path.stat()
            stamp.append((path.name, stat.st_mtime_ns, stat.st_size))
        except FileNotFoundError:
            stamp.append((path.name, None, None))
    return tuple(stamp)


_PYBTEX_LINE = re.compile(r"\bline (\d+)")


def _bibliography_problem(err: bibliography.BibliographyError) -> Problem:
    """The error as a Problem: the file named once, the line pybtex reports (if any)."""
    found = _PYBTEX_LINE.search(err.reason)
    return Problem(err.path, int(found.group(1)) if found else None, None, err.reason)


def _bib_keys(data_dir: Path) -> frozenset[str]:
    path = data_dir / BIBLIOGRAPHY_FILE
    decode_text(path)  # a DataError naming the line if it is not plain UTF-8
    try:
        return bibliography.keys(path)
    except bibliography.BibliographyError as err:
        raise DataError(_bibliography_problem(err)) from err


def _entry_lines(path: Path) -> dict[str, int]:
    """The line on which each BibTeX entry starts, by key."""
    lines = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = re.match(r"\s*@\w+\s*\{\s*([^,\s]+)\s*,", line)
        if found:
            lines.setdefault(found.group(1), number)
    return lines


def _bibliography_entry_problems(data_dir: Path) -> list[Problem]:
    """Entries missing a title, year or url, or with no author or publisher, by line."""
    path = data_dir / BIBLIOGRAPHY_FILE
    try:
        _bib_keys(data_dir)
        messages = bibliography.entry_problems(path)
    except DataError as err:
        return list(err.problems)
    lines = _entry_lines(path)
    problems = []
    for message in messages:
        found = re.match(r"entry '([^']+)'", message)
        line = lines.get(found.group(1)) if found else None
        problems.append(Problem(str(path), line, None, message))
    return problems


def _load_uncached(name: str, data_dir: Path, *, cross_checks: bool) -> pd.DataFrame:
    descriptor = read_descriptor(data_dir)
    resource = find_resource(descriptor, name, data_dir)
    names = [r["name"] for r in descriptor.get("resources", [])]
    field_names = [field["name"] for field in resource["schema"]["fields"]]
    raw = read_csv(data_dir / resource["path"], field_names)

    def load_other(other: str) -> pd.DataFrame:
        # Other tables are validated too, but without their own cross-table checks (no cycles).
        return _load_uncached(other, data_dir, cross_checks=False)

    return validate_table(
        raw,
        resource,
        bib_keys=_bib_keys(data_dir),
        table_names=names,
        load_other=load_other if cross_checks else None,
    )


@functools.lru_cache(maxsize=64)
def _load_cached(name: str, data_dir: str, stamp: tuple) -> pd.DataFrame:
    del stamp  # only part of the cache key
    return _load_uncached(name, Path(data_dir), cross_checks=True)


def load(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load table ``name`` (file ``data/<name>.csv``) as a typed, validated DataFrame.

    Integers are ``int64`` when the column is required and nullable ``Int64`` otherwise;
    numbers are ``float64``; booleans ``bool``; text columns ``str`` (empty string when
    missing). Raises :class:`DataError` if the file is missing or invalid.
    """
    directory = _data_dir(data_dir).resolve()
    frame = _load_cached(name, str(directory), _stamp(directory))
    return frame.copy(deep=True)


def tables(data_dir: Path | str | None = None) -> list[str]:
    """Names of all tables described in ``datapackage.json``, in descriptor order."""
    descriptor = read_descriptor(_data_dir(data_dir))
    return [resource["name"] for resource in descriptor.get("resources", [])]


def describe(name: str, data_dir: Path | str | None = None) -> dict[str, Any]:
    """The table's descriptor: title, description, fields (type, unit, constraints),
    primary key, table-level checks and documented gaps. Returns a copy."""
    directory = _data_dir(data_dir)
    return copy.deepcopy(find_resource(read_descriptor(directory), name, directory))


def fields(name: str, data_dir: Path | str | None = None) -> pd.DataFrame:
    """The table's fields as a DataFrame (name, type, unit, required, range, allowed values,
    description), convenient for showing a data dictionary in the book."""
    rows = []
    for field in describe(name, data_dir)["schema"]["fields"]:
        constraints = field.get("constraints", {})
        rows.append(
            {
                "name": field["name"],
                "type": field.get("type", "string"),
                "unit": field.get("unit", ""),
                "required": bool(constraints.get("required", False)),
                "minimum": constraints.get("minimum"),
                "maximum": constraints.get("maximum"),
                "allowed": "; ".join(str(v) for v in constraints.get("enum", [])),
                "description": field.get("description", ""),
            }
        )
    return pd.DataFrame(rows)


def validate_all(data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Validate every table, the bibliography and the descriptor's coverage of ``data/``.

    Returns the loaded tables; raises one :class:`DataError` listing every problem found,
    each once (a table read again by another's cross-table checks adds nothing new).
    """
    directory = _data_dir(data_dir)
    problems: list[Problem] = []
    loaded: dict[str, pd.DataFrame] = {}
    names = tables(directory)
    described = {describe(n, directory)["path"] for n in names}
    for path in sorted(directory.glob("*.csv")):
        if path.name not in described:
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    "CSV file not described in datapackage.json (describe it there as a "
                    "resource, or move it out of data/)",
                )
            )
    problems += _bibliography_entry_problems(directory)
    for name in names:
        try:
            loaded[name] = load(name, directory)
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    return loaded
