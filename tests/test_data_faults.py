"""Every fault a careless edit or a spreadsheet export can make to data/ gets a clear DataError.

Each case breaks a private copy of ``data/`` the way a person or a spreadsheet would, then
checks what a maintainer reads: the file, the line and (where there is one) the column, and
words saying what is wrong and what is allowed. ``FAULTS`` is also the list in the hardening
note: ``python tests/test_data_faults.py`` prints each fault with its message.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tipline import data
from tipline.data import DataError
from tipline.paths import DATA_DIR


@dataclass(frozen=True)
class Fault:
    id: str
    what: str
    file: str
    break_it: Callable[[Path], None]
    line: int | None
    column: str | None
    text: str
    table: str | None = None  # loaded to see the error; None: validate_all

    def error(self, data_dir: Path) -> DataError:
        self.break_it(data_dir)
        try:
            if self.table:
                data.load(self.table, data_dir=data_dir)
            else:
                data.validate_all(data_dir)
        except DataError as err:
            return err
        raise AssertionError(f"{self.id}: no DataError")


# --------------------------------------------------------------------------- edits


def rows_of(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def csv_text(rows: list[list[str]], **options) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", **options).writerows(rows)
    return buffer.getvalue()


def rewrite(name: str, change: Callable[[list[list[str]]], list[list[str]]], **options):
    def edit(d: Path) -> None:
        path = d / name
        path.write_text(csv_text(change(rows_of(path)), **options), encoding="utf-8")

    return edit


def set_cell(name: str, line: int, column: str, value: str):
    def change(rows):
        rows[line - 1][rows[0].index(column)] = value
        return rows

    return rewrite(name, change)


def rename_column(name: str, old: str, new: str):
    def change(rows):
        rows[0][rows[0].index(old)] = new
        return rows

    return rewrite(name, change)


def recode(name: str, encoding: str, *, bom: bytes = b"", newline: str = "\n"):
    def edit(d: Path) -> None:
        path = d / name
        text = path.read_text(encoding="utf-8").replace("\n", newline)
        path.write_bytes(bom + text.encode(encoding))

    return edit


def then(*edits):
    def edit(d: Path) -> None:
        for e in edits:
            e(d)

    return edit


def edit_text(name: str, old: str, new: str):
    def edit(d: Path) -> None:
        path = d / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def line_of(name: str, **match: str) -> int:
    """1-based line of the first record of data/<name> whose cells equal ``match``."""
    rows = rows_of(DATA_DIR / name)
    for number, row in enumerate(rows[1:], start=2):
        if all(row[rows[0].index(k)] == v for k, v in match.items()):
            return number
    raise AssertionError(f"no row of {name} matches {match}")


def bib_line(key: str) -> int:
    lines = (DATA_DIR / "references.bib").read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, start=1) if text.startswith(f"@misc{{{key},"))


LE = "le_recipients.csv"
LE_2023_ICAC = line_of(LE, year="2023", recipient="ICAC units")
CAP = "capacity_outcomes.csv"
CAP_ARRESTS = line_of(CAP, metric="icac_arrests", year="2024")
CAP_SHARE = line_of(CAP, metric="icac_informational_share")
COURT = "court_cases.csv"
COURT_MILLER = line_of(COURT, case_id="miller_2020")
YEAR = "reports_by_year.csv"
YEAR_2023 = line_of(YEAR, year="2023", variant="preferred")
COUNTRY = "reports_by_country.csv"
INDIA_2021 = line_of(COUNTRY, year="2021", country="India")


BIB_TEXT = (DATA_DIR / "references.bib").read_text(encoding="utf-8")
BIB_LINES = len(BIB_TEXT.splitlines())
FIRST_NON_ASCII_BIB_LINE = next(
    i for i, text in enumerate(BIB_TEXT.splitlines(), start=1) if not text.isascii()
)
DESCRIPTOR_LINES = {
    name: next(
        i
        for i, text in enumerate(
            (DATA_DIR / "datapackage.json").read_text(encoding="utf-8").splitlines(), start=1
        )
        if text.strip() == f'"name": "{name}",'
    )
    for name in data.tables()
}


def drop_min_rows(table: str):
    def edit(d: Path) -> None:
        path = d / "datapackage.json"
        package = json.loads(path.read_text(encoding="utf-8"))
        resource = next(r for r in package["resources"] if r["name"] == table)
        resource["checks"] = [c for c in resource["checks"] if c["type"] != "min_rows"]
        path.write_text(json.dumps(package, indent=2) + "\n", encoding="utf-8")

    return edit


def drop_closing_quote(name: str, line: int):
    """Delete the last quote on ``line`` (a quoted cell left open)."""

    def edit(d: Path) -> None:
        path = d / name
        lines = path.read_text(encoding="utf-8").split("\n")
        text = lines[line - 1]
        assert text.endswith('"'), text
        lines[line - 1] = text[:-1]
        path.write_text("\n".join(lines), encoding="utf-8")

    return edit


def drop_row(line: int):
    return lambda rows: rows[: line - 1] + rows[line:]


FAULTS = [
    Fault(
        "empty",
        "empty file (0 bytes)",
        COURT,
        lambda d: (d / COURT).write_text(""),
        1,
        None,
        "file is empty (no header)",
        "court_cases",
    ),
    Fault(
        "header_only",
        "header line only",
        COURT,
        rewrite(COURT, lambda r: r[:1]),
        2,
        None,
        "no data rows; it must have at least 11",
        "court_cases",
    ),
    Fault(
        "truncated",
        "half the rows cut off",
        "reports_by_platform.csv",
        rewrite("reports_by_platform.csv", lambda r: r[:40]),
        None,
        None,
        "expected at least 102 rows, found 39",
        "reports_by_platform",
    ),
    Fault(
        "key_row_removed",
        "a year the book charts deleted",
        YEAR,
        rewrite(YEAR, drop_row(YEAR_2023)),
        None,
        "year",
        "a row the book needs is missing: no row matches {'year': 2023, 'preferred': True}",
        "reports_by_year",
    ),
    Fault(
        "missing_column",
        "a column deleted",
        LE,
        rewrite(LE, lambda r: [row[:5] + row[6:] for row in r]),
        1,
        "informational_share",
        "column missing from the header",
        "le_recipients",
    ),
    Fault(
        "renamed_column",
        "a column renamed (capitalised)",
        LE,
        rename_column(LE, "total", "Total"),
        1,
        "Total",
        "column must be named 'total'",
        "le_recipients",
    ),
    Fault(
        "header_space",
        "a space after a column name",
        LE,
        rename_column(LE, "total", "total "),
        1,
        "total ",
        "column must be named 'total'",
        "le_recipients",
    ),
    Fault(
        "extra_column",
        "an extra column",
        LE,
        rewrite(LE, lambda r: [row + (["check"] if i == 0 else ["x"]) for i, row in enumerate(r)]),
        1,
        "check",
        "column not described in datapackage.json",
        "le_recipients",
    ),
    Fault(
        "duplicate_column",
        "a column repeated",
        "seed_markers.csv",
        rewrite("seed_markers.csv", lambda r: [row[:4] + row[3:4] for row in r]),
        1,
        "confidence",
        "column appears more than once",
        "seed_markers",
    ),
    Fault(
        "reordered_columns",
        "two columns swapped",
        LE,
        rewrite(LE, lambda r: [[row[1], row[0], *row[2:]] for row in r]),
        1,
        None,
        "columns must be in the order year, recipient, actionable",
        "le_recipients",
    ),
    Fault(
        "wrong_type",
        "text in an integer column",
        LE,
        set_cell(LE, LE_2023_ICAC, "actionable", "many"),
        LE_2023_ICAC,
        "actionable",
        "expected an integer (digits 0-9 with an optional sign, no separators or units), "
        "got 'many'",
        "le_recipients",
    ),
    Fault(
        "decimal_in_integer",
        "a decimal in an integer column",
        LE,
        set_cell(LE, LE_2023_ICAC, "actionable", "12.0"),
        LE_2023_ICAC,
        "actionable",
        "expected an integer",
        "le_recipients",
    ),
    Fault(
        "scientific",
        "a spreadsheet's scientific notation in an integer column",
        YEAR,
        set_cell(YEAR, YEAR_2023, "total_reports", "3.62E+07"),
        YEAR_2023,
        "total_reports",
        "got '3.62E+07'",
        "reports_by_year",
    ),
    Fault(
        "fullwidth_digits",
        "non-ASCII (full-width) digits",
        LE,
        set_cell(LE, LE_2023_ICAC, "actionable", "\uff11\uff12"),
        LE_2023_ICAC,
        "actionable",
        "expected an integer",
        "le_recipients",
    ),
    Fault(
        "thousands_quoted",
        'thousands separators, quoted ("1,234")',
        LE,
        set_cell(LE, LE_2023_ICAC, "informational", "41,107"),
        LE_2023_ICAC,
        "informational",
        "expected an integer without thousands separators (41107), got '41,107'",
        "le_recipients",
    ),
    Fault(
        "thousands_unquoted",
        "thousands separators, unquoted (1,234)",
        LE,
        edit_text(LE, "\n2023,ICAC units,", "\n2023,ICAC units,1,"),
        LE_2023_ICAC,
        None,
        "expected 9 fields, found 10 (an unquoted comma in a cell, e.g. a thousands separator?",
        "le_recipients",
    ),
    Fault(
        "percent",
        "a percent string in a share column",
        CAP,
        set_cell(CAP, CAP_SHARE, "value", "39.5%"),
        CAP_SHARE,
        "value",
        "got the percentage '39.5%': write shares as fractions (0.25)",
        "capacity_outcomes",
    ),
    Fault(
        "trailing_space",
        "a trailing space in a cell",
        LE,
        set_cell(LE, LE_2023_ICAC, "confidence", "primary "),
        LE_2023_ICAC,
        "confidence",
        "value 'primary ' has spaces at its start or end",
        "le_recipients",
    ),
    Fault(
        "nan_required",
        "NaN in a required number",
        CAP,
        set_cell(CAP, CAP_ARRESTS, "value", "NaN"),
        CAP_ARRESTS,
        "value",
        "'NaN' is not a number: leave the cell empty when the value is unknown",
        "capacity_outcomes",
    ),
    Fault(
        "na_optional",
        "#N/A in an optional count",
        YEAR,
        set_cell(YEAR, YEAR_2023, "urgent_escalations", "#N/A"),
        YEAR_2023,
        "urgent_escalations",
        "'#N/A' is not an integer: leave the cell empty",
        "reports_by_year",
    ),
    Fault(
        "infinite",
        "inf in a number column",
        CAP,
        set_cell(CAP, CAP_ARRESTS, "value", "inf"),
        CAP_ARRESTS,
        "value",
        "'inf' is not a number",
        "capacity_outcomes",
    ),
    Fault(
        "blank_required",
        "a required cell left blank",
        COURT,
        set_cell(COURT, COURT_MILLER, "holding", ""),
        COURT_MILLER,
        "holding",
        "missing required value (this column may not be empty)",
        "court_cases",
    ),
    Fault(
        "duplicate_key",
        "a row pasted twice (duplicate primary key)",
        LE,
        rewrite(LE, lambda r: r + [list(r[LE_2023_ICAC - 1])]),
        22,
        "year+recipient",
        "duplicate primary key (year, recipient) = (2023, ICAC units)",
        "le_recipients",
    ),
    Fault(
        "crlf",
        "Windows line endings (CRLF)",
        LE,
        recode(LE, "utf-8", newline="\r\n"),
        1,
        None,
        "carriage return (Windows CRLF line endings); save the file as UTF-8 without "
        "a byte-order mark, with LF line endings",
        "le_recipients",
    ),
    Fault(
        "bom",
        "UTF-8 with a byte-order mark",
        LE,
        recode(LE, "utf-8", bom=b"\xef\xbb\xbf"),
        1,
        None,
        "the file is UTF-8 with a byte-order mark; save it as UTF-8 without",
        "le_recipients",
    ),
    Fault(
        "latin1",
        "Latin-1 (an accented letter)",
        COURT,
        then(set_cell(COURT, COURT_MILLER, "notes", "Caf\u00e9 note"), recode(COURT, "latin-1")),
        COURT_MILLER,
        "notes",
        "byte 0xe9 is not UTF-8 (the file looks like Latin-1 or Windows-1252)",
        "court_cases",
    ),
    Fault(
        "cp1252",
        "Windows-1252 (curly quote)",
        COURT,
        then(set_cell(COURT, COURT_MILLER, "notes", "\u201cquoted\u201d"), recode(COURT, "cp1252")),
        COURT_MILLER,
        "notes",
        "byte 0x93 is not UTF-8 (the file looks like Windows-1252)",
        "court_cases",
    ),
    Fault(
        "utf16",
        "UTF-16 (as Excel's 'Unicode text')",
        LE,
        recode(LE, "utf-16-le", bom=b"\xff\xfe"),
        1,
        None,
        "the file is UTF-16; save it as UTF-8",
        "le_recipients",
    ),
    Fault(
        "utf16_no_bom",
        "UTF-16 without a byte-order mark",
        LE,
        recode(LE, "utf-16-le"),
        1,
        None,
        "the file holds NUL bytes (UTF-16 without a byte-order mark?)",
        "le_recipients",
    ),
    Fault(
        "semicolons",
        "semicolon-delimited (a European spreadsheet's CSV)",
        LE,
        rewrite(LE, lambda r: r, delimiter=";"),
        1,
        None,
        "fields are separated by semicolons; separate them by commas",
        "le_recipients",
    ),
    Fault(
        "tabs",
        "tab-delimited",
        LE,
        rewrite(LE, lambda r: r, delimiter="\t"),
        1,
        None,
        "fields are separated by tabs; separate them by commas",
        "le_recipients",
    ),
    Fault(
        "too_few_fields",
        "a row with a cell missing",
        LE,
        edit_text(LE, "\n2023,ICAC units,", "\n2023,"),
        LE_2023_ICAC,
        None,
        "expected 9 fields, found 8",
        "le_recipients",
    ),
    Fault(
        "dangling_source",
        "a source key missing from references.bib",
        CAP,
        set_cell(CAP, CAP_ARRESTS, "source", "no_such_source"),
        CAP_ARRESTS,
        "source",
        "source key 'no_such_source' not found in references.bib",
        "capacity_outcomes",
    ),
    Fault(
        "confidence",
        "confidence neither primary nor secondary",
        LE,
        set_cell(LE, LE_2023_ICAC, "confidence", "tertiary"),
        LE_2023_ICAC,
        "confidence",
        "value 'tertiary' is not one of 'primary', 'secondary'",
        "le_recipients",
    ),
    Fault(
        "boolean",
        "yes/no in a true/false column",
        YEAR,
        set_cell(YEAR, YEAR_2023, "preferred", "yes"),
        YEAR_2023,
        "preferred",
        "expected true or false, got 'yes'",
        "reports_by_year",
    ),
    Fault(
        "negative",
        "a negative count",
        COUNTRY,
        set_cell(COUNTRY, INDIA_2021, "reports", "-5"),
        INDIA_2021,
        "reports",
        "value -5 is below the minimum 0",
        "reports_by_country",
    ),
    Fault(
        "share_above_one",
        "a share above 1 (a percentage typed as a number)",
        CAP,
        set_cell(CAP, CAP_SHARE, "value", "39.5"),
        CAP_SHARE,
        "value",
        "value 39.5 exceeds 1 for this row",
        "capacity_outcomes",
    ),
    Fault(
        "share_column_above_one",
        "a share column above 1",
        LE,
        set_cell(LE, LE_2023_ICAC, "informational_share", "1.2"),
        LE_2023_ICAC,
        "informational_share",
        "value 1.2 is above the maximum 1",
        "le_recipients",
    ),
    Fault(
        "year_out_of_range",
        "a year out of range",
        LE,
        set_cell(LE, LE_2023_ICAC, "year", "2203"),
        LE_2023_ICAC,
        "year",
        "value 2203 is above the maximum 2024",
        "le_recipients",
    ),
    Fault(
        "date_format",
        "a date in a spreadsheet's local format",
        COURT,
        set_cell(COURT, COURT_MILLER, "decision_date", "11/12/2020"),
        COURT_MILLER,
        "decision_date",
        "does not match the pattern",
        "court_cases",
    ),
    Fault(
        "unclosed_quote",
        "an unclosed quote",
        "seed_markers.csv",
        drop_closing_quote("seed_markers.csv", 4),
        4,
        None,
        "(an unclosed quote?); each row must be on one line",
        "seed_markers",
    ),
    Fault(
        "bib_without_url",
        "a bibliography entry without url",
        "references.bib",
        edit_text(
            "references.bib",
            "  url    = {https://case-law.vlex.com/vid/900-f-3d",
            "  howpublished2 = {https://case-law.vlex.com/vid/900-f-3d",
        ),
        bib_line("reddick_2018"),
        None,
        "entry 'reddick_2018': missing field 'url'",
    ),
    Fault(
        "bib_syntax",
        "a bibliography entry left unclosed",
        "references.bib",
        lambda d: (d / "references.bib").open("a").write("@misc{broken,\n  title = {x\n"),
        BIB_LINES + 2,
        None,
        "cannot parse BibTeX: syntax error in line",
    ),
    Fault(
        "bib_latin1",
        "the bibliography saved as Latin-1",
        "references.bib",
        recode("references.bib", "latin-1"),
        FIRST_NON_ASCII_BIB_LINE,
        None,
        "byte 0xa7 is not UTF-8 (the file looks like Latin-1 or Windows-1252)",
    ),
    Fault(
        "descriptor_json",
        "datapackage.json with a trailing comma",
        "datapackage.json",
        edit_text("datapackage.json", '"tabular-data-package",', '"tabular-data-package",,'),
        2,
        None,
        "invalid JSON",
    ),
    Fault(
        "descriptor_no_min_rows",
        "a table description without its minimum rows",
        "datapackage.json",
        drop_min_rows("court_cases"),
        DESCRIPTOR_LINES["court_cases"],
        None,
        "table 'court_cases': must state the rows it needs",
    ),
    Fault(
        "undescribed_csv",
        "a CSV file nobody described",
        "notes.csv",
        lambda d: (d / "notes.csv").write_text("a\n1\n"),
        None,
        None,
        "CSV file not described in datapackage.json",
    ),
]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def test_fault_ids_are_unique():
    assert len({f.id for f in FAULTS}) == len(FAULTS)


@pytest.mark.parametrize("fault", FAULTS, ids=[f.id for f in FAULTS])
def test_fault_gets_a_clear_message(fault, data_copy):
    error = fault.error(data_copy)
    message = str(error)
    assert fault.text in message, message
    assert fault.file in message, message
    located = [
        p for p in error.problems if Path(p.file).name == fault.file and fault.text in p.message
    ]
    assert located, error.problems
    problem = located[0]
    assert problem.line == fault.line, (problem, fault.line)
    assert problem.column == fault.column, (problem, fault.column)
    if problem.line is not None:
        assert f"line {fault.line}" in str(problem)
    # The file is named once per problem (not repeated inside the message).
    assert str(problem).count(fault.file) == 1, str(problem)


@pytest.mark.parametrize("table", data.tables())
def test_validate_all_refuses_every_table_emptied_to_its_header(table, data_copy):
    rewrite(f"{table}.csv", lambda rows: rows[:1])(data_copy)
    with pytest.raises(DataError) as info:
        data.validate_all(data_copy)
    mine = [p for p in info.value.problems if Path(p.file).name == f"{table}.csv"]
    assert mine and mine[0].line == 2 and "no data rows" in mine[0].message, info.value


def test_every_table_states_the_rows_it_must_have():
    for table in data.tables():
        checks = data.describe(table)["checks"]
        minimum = [c["count"] for c in checks if c["type"] == "min_rows"]
        assert minimum and minimum[0] >= 1, table
        assert len(data.load(table)) >= minimum[0], table


def test_a_broken_table_read_by_other_tables_is_reported_once(data_copy):
    """reports_by_year is also read by the cross-table checks of three other tables."""
    line = YEAR_2023
    set_cell(YEAR, line, "total_reports", "many")(data_copy)
    with pytest.raises(DataError) as info:
        data.validate_all(data_copy)
    message = str(info.value)
    assert message.count(f"reports_by_year.csv, line {line}, column 'total_reports'") == 1
    assert len(info.value.problems) == len(set(info.value.problems))


def test_a_broken_bibliography_is_reported_once_with_its_path_once(data_copy):
    FAULTS[[f.id for f in FAULTS].index("bib_syntax")].break_it(data_copy)
    with pytest.raises(DataError) as info:
        data.validate_all(data_copy)
    bib = str(data_copy / "references.bib")
    assert len(info.value.problems) == 1, info.value.problems
    assert str(info.value).count(bib) == 1, str(info.value)


def test_the_real_data_has_none_of_these_faults():
    data.validate_all()


if __name__ == "__main__":  # the table for the hardening note
    import tempfile

    print("| fault | message |\n|---|---|")
    for fault in FAULTS:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "data"
            shutil.copytree(DATA_DIR, copy)
            error = fault.error(copy)
            text = "<br>".join(str(p).replace(str(copy) + "/", "data/") for p in error.problems[:3])
            more = f" (+{len(error.problems) - 3} more)" if len(error.problems) > 3 else ""
            print(f"| {fault.what} | {text}{more} |".replace("\n", " "), file=sys.stdout)
