"""Stage 1 of validation: read a data file's bytes, then a CSV's records as strings.

Everything a careless edit or a spreadsheet export can do to a file is refused here with a
:class:`~tipline.problems.DataError` naming the file, the line and (where there is one) the
column, and saying what is allowed: another encoding (Latin-1, Windows-1252, UTF-16), a
byte-order mark, Windows line endings, another delimiter, renamed, missing, extra, repeated or
reordered columns, rows with too many or too few fields. :func:`cell_problem` refuses cell
text that spreadsheets write into number columns (``1,234``, ``12%``, ``NaN``, ``#N/A``).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
from dataclasses import dataclass
from pathlib import Path

from tipline.problems import DataError, Problem

ENCODING = "UTF-8 without a byte-order mark, with LF line endings"

# Longest first: the UTF-32 little-endian mark starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "UTF-8 with a byte-order mark"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _line_of(data: bytes | str, offset: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, offset) + 1


def _bad_byte_column(data: bytes, offset: int) -> str | None:
    """The header name of the CSV cell holding the byte at ``offset`` (one-line records)."""
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    line = data[start : end if end >= 0 else len(data)].decode("latin-1")
    header = next(csv.reader([data[: max(data.find(b"\n"), 0)].decode("latin-1")]), [])
    bad = chr(data[offset])
    for index, cell in enumerate(next(csv.reader([line]), [])):
        if bad in cell:
            return header[index] if index < len(header) and start > 0 else None
    return None


def decode_text(path: Path, *, csv_columns: bool = False) -> str:
    """The file's text, if it is UTF-8 without a byte-order mark and with LF line endings.

    ``csv_columns`` names the CSV column of an undecodable byte as well as its line.
    """
    file = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(Problem(file, None, None, "data file not found")) from None
    except OSError as err:
        raise DataError(Problem(file, None, None, f"cannot read the file: {err.strerror}")) from err
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise DataError(Problem(file, 1, None, f"the file is {name}; save it as {ENCODING}"))
    if b"\x00" in data:
        line = _line_of(data, data.index(b"\x00"))
        raise DataError(
            Problem(
                file,
                line,
                None,
                "the file holds NUL bytes (UTF-16 without a byte-order mark?); "
                f"save it as {ENCODING}",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        byte = data[err.start]
        looks = "Windows-1252" if 0x80 <= byte <= 0x9F else "Latin-1 or Windows-1252"
        column = _bad_byte_column(data, err.start) if csv_columns else None
        raise DataError(
            Problem(
                file,
                _line_of(data, err.start),
                column,
                f"byte 0x{byte:02x} is not UTF-8 (the file looks like {looks}); "
                f"save it as {ENCODING}",
            )
        ) from None
    if "\r" in text:
        line = _line_of(text, text.index("\r"))
        raise DataError(
            Problem(
                file,
                line,
                None,
                "the line ends with a carriage return (Windows CRLF line endings); "
                f"save the file as {ENCODING}",
            )
        )
    return text


# --------------------------------------------------------------------------- CSV records


@dataclass
class RawTable:
    """A CSV read as strings, with the CSV line on which each record starts."""

    path: Path
    header: list[str]
    rows: list[list[str]]
    lines: list[int]


_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _header_problems(file: str, header: list[str], field_names: list[str]) -> list[Problem]:
    """Missing, extra, renamed (case or spaces), repeated and reordered columns."""
    if len(header) == 1 and len(field_names) > 1:
        for delimiter, name in _OTHER_DELIMITERS.items():
            if delimiter in header[0]:
                return [
                    Problem(
                        file,
                        1,
                        None,
                        f"fields are separated by {name}; separate them by commas "
                        f"(expected the header {','.join(field_names)})",
                    )
                ]
    problems = []
    for name in sorted({n for n in header if header.count(n) > 1}, key=header.index):
        problems.append(Problem(file, 1, name, "column appears more than once in the header"))
    missing = [name for name in field_names if name not in header]
    renamed = {}
    for name in header:
        if name in field_names:
            continue
        close = [m for m in missing if m == name.strip().lower()]
        if close:
            renamed[close[0]] = name
            problems.append(Problem(file, 1, name, f"column must be named '{close[0]}'"))
        else:
            problems.append(
                Problem(
                    file,
                    1,
                    name,
                    "column not described in datapackage.json (describe it there, or remove it)",
                )
            )
    for name in missing:
        if name not in renamed:
            problems.append(Problem(file, 1, name, "column missing from the header"))
    if not problems and header != field_names:
        problems.append(
            Problem(file, 1, None, f"columns must be in the order {', '.join(field_names)}")
        )
    return problems


def read_csv(path: Path, field_names: list[str]) -> RawTable:
    """Read a CSV as strings and check its encoding, header and field counts."""
    file = str(path)
    text = decode_text(path, csv_columns=True)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(Problem(file, 1, None, "file is empty (no header)")) from None
    except csv.Error as err:
        raise DataError(Problem(file, 1, None, f"unreadable CSV: {err}")) from err
    problems = _header_problems(file, header, field_names)
    if problems and len(header) == 1:  # another delimiter: every row would fail too
        raise DataError(problems)
    rows, lines = [], []
    previous_end = reader.line_num
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if previous_end > start:
                problems.append(
                    Problem(
                        file,
                        start,
                        None,
                        f"the row runs on to line {previous_end} (an unclosed quote?); "
                        "each row must be on one line, with quotes in pairs",
                    )
                )
                continue
            if len(record) != len(header):
                hint = (
                    " (an unquoted comma in a cell, e.g. a thousands separator? "
                    'quote such cells: "a, b")'
                    if len(record) > len(header)
                    else ""
                )
                problems.append(
                    Problem(
                        file,
                        start,
                        None,
                        f"expected {len(header)} fields, found {len(record)}{hint}",
                    )
                )
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as err:
        raise DataError(Problem(file, reader.line_num, None, f"unreadable CSV: {err}")) from err
    if problems:
        raise DataError(problems)
    return RawTable(path, header, rows, lines)


# --------------------------------------------------------------------------- cell text

_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:[, ][0-9]{3})+(?:\.[0-9]+)?")
_PERCENT = re.compile(r"[+-]?[0-9.]+\s*%")
_NOT_A_VALUE = {"nan", "na", "n/a", "#n/a", "null", "none", "-", "--", "?", "#value!", "#ref!"}
_NOUNS = {"integer": "an integer", "number": "a number"}
_ALLOWED = {
    "integer": "digits 0-9 with an optional sign, no separators or units",
    "number": "a decimal number such as 0.25 or 1200, no separators or units",
}


def cell_problem(text: str, kind: str) -> str | None:
    """Why ``text`` (a non-empty cell) is not a valid value of type ``kind``; None if it is.

    Leading or trailing spaces are refused in every column; number columns take plain ASCII
    numbers only (the messages name what a spreadsheet wrote and what to write instead).
    """
    if text != text.strip():
        return f"value '{text}' has spaces at its start or end; remove them"
    if kind not in _NOUNS:
        return None
    noun, allowed = _NOUNS[kind], _ALLOWED[kind]
    pattern = _INTEGER if kind == "integer" else _NUMBER
    if pattern.fullmatch(text):
        if kind == "number" and not math.isfinite(float(text)):
            return f"value '{text}' is too large for a number"
        return None
    if text.lower() in _NOT_A_VALUE or text.lower().lstrip("+-") in {"inf", "infinity"}:
        return f"'{text}' is not {noun}: leave the cell empty when the value is unknown"
    if _THOUSANDS.fullmatch(text):
        plain = text.replace(",", "").replace(" ", "")
        return f"expected {noun} without thousands separators ({plain}), got '{text}'"
    if _PERCENT.fullmatch(text):
        return f"expected {noun}, got the percentage '{text}': write shares as fractions (0.25)"
    return f"expected {noun} ({allowed}), got '{text}'"
