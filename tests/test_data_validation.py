"""Validation catches broken data: each test breaks a copy of data/ and checks the DataError.

The error message must name the file, the 1-based CSV line and the column.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tipline import data
from tipline.data import DataError
from tipline.paths import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def find_line(path: Path, **match: str) -> int:
    """1-based CSV line of the first record whose cells equal ``match`` (records are one line)."""
    rows = read_rows(path)
    header = rows[0]
    for number, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return number
    raise AssertionError(f"no row matches {match}")


def set_cell(path: Path, line: int, column: str, value: str) -> None:
    rows = read_rows(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def assert_error(
    table: str, data_dir: Path, *, line: int | None, column: str | None, text: str = ""
) -> DataError:
    with pytest.raises(DataError) as info:
        data.load(table, data_dir=data_dir)
    message = str(info.value)
    assert f"{table}.csv" in message
    if line is not None:
        assert f"line {line}" in message, message
    if column is not None:
        assert f"column '{column}'" in message, message
    assert text in message, message
    assert any(
        p.line == line and (column is None or p.column == column) for p in info.value.problems
    ), info.value.problems
    return info.value


def test_wrong_type(data_copy):
    path = data_copy / "reports_by_year.csv"
    line = find_line(path, year="2023", variant="preferred")
    set_cell(path, line, "total_reports", "36.2 million")
    assert_error("reports_by_year", data_copy, line=line, column="total_reports", text="integer")


def test_wrong_type_in_a_number_column(data_copy):
    path = data_copy / "capacity_outcomes.csv"
    line = find_line(path, metric="icac_arrests", year="2024")
    set_cell(path, line, "value", "lots")
    assert_error("capacity_outcomes", data_copy, line=line, column="value", text="number")


def test_bad_boolean(data_copy):
    path = data_copy / "reports_by_year.csv"
    line = find_line(path, year="2011", variant="preferred")
    set_cell(path, line, "preferred", "yes")
    assert_error("reports_by_year", data_copy, line=line, column="preferred", text="true or false")


def test_out_of_range_value(data_copy):
    path = data_copy / "le_recipients.csv"
    line = find_line(path, year="2022", recipient="ICAC units")
    set_cell(path, line, "year", "2031")
    assert_error("le_recipients", data_copy, line=line, column="year", text="maximum")


def test_negative_count(data_copy):
    path = data_copy / "reports_by_country.csv"
    line = find_line(path, year="2021", country="India")
    set_cell(path, line, "reports", "-5")
    assert_error("reports_by_country", data_copy, line=line, column="reports", text="minimum")


def test_value_outside_enum(data_copy):
    path = data_copy / "claims.csv"
    line = find_line(path, claim_id="C09")
    set_cell(path, line, "accuracy", "mostly true")
    assert_error("claims", data_copy, line=line, column="accuracy", text="not one of")


def test_missing_required_value(data_copy):
    path = data_copy / "court_cases.csv"
    line = find_line(path, case_id="miller_2020")
    set_cell(path, line, "holding", "")
    assert_error("court_cases", data_copy, line=line, column="holding", text="missing required")


def test_duplicate_primary_key(data_copy):
    path = data_copy / "le_recipients.csv"
    rows = read_rows(path)
    duplicate = next(r for r in rows if r[:2] == ["2023", "ICAC units"])
    rows.append(list(duplicate))
    write_rows(path, rows)
    assert_error(
        "le_recipients", data_copy, line=len(rows), column="year+recipient", text="duplicate"
    )


def test_dangling_source_key(data_copy):
    path = data_copy / "capacity_outcomes.csv"
    line = find_line(path, metric="ncmec_employees", year="2019")
    set_cell(path, line, "source", "clark_2019_testimony;no_such_source")
    assert_error(
        "capacity_outcomes", data_copy, line=line, column="source", text="'no_such_source'"
    )


def test_dangling_source_key_after_bib_entry_removed(data_copy):
    bib = data_copy / "references.bib"
    text = bib.read_text(encoding="utf-8").replace("@misc{reddick_2018,", "@misc{reddick_2018x,")
    bib.write_text(text, encoding="utf-8")
    line = find_line(data_copy / "court_cases.csv", case_id="reddick_2018")
    assert_error("court_cases", data_copy, line=line, column="source", text="reddick_2018")


def test_esp_plus_public_must_equal_total(data_copy):
    path = data_copy / "reports_by_year.csv"
    line = find_line(path, year="2023", variant="preferred")
    set_cell(path, line, "reports_from_public", "265543")
    error = assert_error(
        "reports_by_year", data_copy, line=line, column="total_reports", text="reports_from_public"
    )
    # The location sum on the same row still holds, so only one problem is reported.
    assert len(error.problems) == 1


def test_locations_must_add_up(data_copy):
    path = data_copy / "reports_by_year.csv"
    line = find_line(path, year="2021", variant="preferred")
    set_cell(path, line, "unknown_location_reports", "1193267")
    assert_error(
        "reports_by_year",
        data_copy,
        line=line,
        column="total_reports",
        text="unknown_location_reports",
    )


def test_actionable_plus_informational_must_equal_total(data_copy):
    path = data_copy / "le_recipients.csv"
    line = find_line(path, year="2024", recipient="Federal law enforcement")
    set_cell(path, line, "informational", "753670")
    assert_error("le_recipients", data_copy, line=line, column="total", text="actionable")


def test_stored_share_must_match_counts(data_copy):
    path = data_copy / "le_recipients.csv"
    line = find_line(path, year="2023", recipient="ICAC units")
    set_cell(path, line, "informational_share", "0.3000")
    assert_error(
        "le_recipients", data_copy, line=line, column="informational_share", text="informational/"
    )


def test_two_preferred_rows_in_one_year(data_copy):
    path = data_copy / "reports_by_year.csv"
    line = find_line(path, year="1998", variant="ncmec_narrative")
    set_cell(path, line, "preferred", "true")
    error = assert_error(
        "reports_by_year", data_copy, line=line, column="preferred", text="exactly one"
    )
    assert "found 2" in str(error)


def test_primary_row_cannot_list_secondary_columns(data_copy):
    path = data_copy / "reports_by_year.csv"
    line = find_line(path, year="2021", variant="preferred")
    set_cell(path, line, "secondary_columns", "files_reported")
    assert_error("reports_by_year", data_copy, line=line, column="secondary_columns")


def test_categories_must_add_up_to_the_year_total(data_copy):
    path = data_copy / "incident_types.csv"
    line = find_line(
        path, series="annual_categories", year="2024", incident_type="online_enticement"
    )
    set_cell(path, line, "reports", "546334")
    first_of_year = find_line(
        path, series="annual_categories", year="2024", incident_type="child_sexual_abuse_material"
    )
    assert_error(
        "incident_types", data_copy, line=first_of_year, column="reports", text="20,512,804"
    )


def test_country_total_must_match_reports_by_year(data_copy):
    path = data_copy / "reports_by_country.csv"
    line = find_line(path, year="2022", row_type="total")
    set_cell(path, line, "reports", "32059030")
    assert_error("reports_by_country", data_copy, line=line, column="reports", text="total_reports")


def test_meta_brand_sum_must_match_brand_lines(data_copy):
    path = data_copy / "reports_by_platform.csv"
    line = find_line(path, year="2022", platform="WhatsApp Inc.")
    set_cell(path, line, "reports", "1017556")
    with pytest.raises(DataError, match="sum to"):
        data.load("reports_by_platform", data_dir=data_copy)


def test_unknown_table_in_a_list_column(data_copy):
    path = data_copy / "claims.csv"
    line = find_line(path, claim_id="C09")
    set_cell(path, line, "related_tables", "reports_by_decade")
    assert_error("claims", data_copy, line=line, column="related_tables", text="not a table")


def test_missing_file(data_copy):
    (data_copy / "court_cases.csv").unlink()
    with pytest.raises(DataError, match=r"court_cases\.csv.*not found"):
        data.load("court_cases", data_dir=data_copy)


def test_missing_column(data_copy):
    path = data_copy / "seed_markers.csv"
    rows = [row[:-1] for row in read_rows(path)]  # drop 'reasoning'
    write_rows(path, rows)
    assert_error("seed_markers", data_copy, line=1, column="reasoning", text="missing")


def test_row_with_too_many_fields(data_copy):
    path = data_copy / "seed_markers.csv"
    rows = read_rows(path)
    rows[3].append("extra")
    write_rows(path, rows)
    assert_error("seed_markers", data_copy, line=4, column=None, text="expected 5 fields")


def test_validate_all_reports_every_broken_table(data_copy):
    set_cell(data_copy / "le_recipients.csv", 2, "total", "x")
    set_cell(data_copy / "seed_markers.csv", 2, "confidence", "certain")
    with pytest.raises(DataError) as info:
        data.validate_all(data_copy)
    files = {Path(p.file).name for p in info.value.problems}
    assert {"le_recipients.csv", "seed_markers.csv"} <= files


def test_validate_all_flags_undescribed_csv_and_bad_bib_year(data_copy):
    (data_copy / "stray.csv").write_text("a\n1\n", encoding="utf-8")
    bib = data_copy / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "year   = {2018},\n  url    = {https://case-law.vlex.com",
            "year   = {2018--2019},\n  url    = {https://case-law.vlex.com",
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        data.validate_all(data_copy)
    message = str(info.value)
    assert "stray.csv" in message and "not described" in message
    assert "reddick_2018" in message and "four-digit" in message


COUNT_CELLS = [
    (recipient, column)
    for recipient in ("ICAC units", "Federal law enforcement", "International law enforcement")
    for column in ("actionable", "informational", "total")
]
LE_FILES = ("le_recipients.csv", "datapackage.json", "references.bib")


def _constraint(table: str, column: str, name: str) -> int:
    field = next(f for f in data.describe(table)["schema"]["fields"] if f["name"] == column)
    return field["constraints"][name]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    year=st.integers(2020, 2024),
    cell=st.sampled_from(COUNT_CELLS),
    new=st.integers(-(10**10), 10**10),
)
def test_any_change_to_a_recipient_count_is_caught(year, cell, new):
    """Any new value of any count, lower or higher, in range or not, is refused on its line:
    in range it breaks actionable + informational == total; out of range it names the bound."""
    recipient, column = cell
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in LE_FILES:
            shutil.copyfile(DATA_DIR / name, copy / name)
        path = copy / "le_recipients.csv"
        line = find_line(path, year=str(year), recipient=recipient)
        rows = read_rows(path)
        old = int(rows[line - 1][rows[0].index(column)])
        assume(new != old)
        set_cell(path, line, column, str(new))
        with pytest.raises(DataError) as info:
            data.load("le_recipients", data_dir=copy)
    low = _constraint("le_recipients", column, "minimum")
    high = _constraint("le_recipients", column, "maximum")
    problems = info.value.problems
    if new < low:
        assert any(
            p.line == line and p.column == column and "minimum" in p.message for p in problems
        ), problems
    elif new > high:
        assert any(
            p.line == line and p.column == column and "maximum" in p.message for p in problems
        ), problems
    else:
        assert any(
            p.line == line and p.column == "total" and "actionable + informational" in p.message
            for p in problems
        ), problems


CELL_TABLES = sorted(data.tables())


@settings(max_examples=60, deadline=None)
@given(
    table=st.sampled_from(CELL_TABLES),
    where=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
    text=st.text(max_size=40),
)
def test_any_cell_text_loads_or_gets_a_located_data_error(table, where, text):
    """Whatever text lands in whatever cell of whatever table (spreadsheet junk, quotes,
    line breaks, NUL, any Unicode), loading either succeeds or raises a DataError whose
    problems name a file of data/ and a line inside it: never another exception."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(DATA_DIR, copy)
        path = copy / f"{table}.csv"
        rows = read_rows(path)
        row = 1 + where[0] % (len(rows) - 1)
        column = where[1] % len(rows[0])
        rows[row][column] = text
        write_rows(path, rows)
        n_lines = path.read_bytes().count(b"\n") + 1
        try:
            data.load(table, data_dir=copy)
        except DataError as err:
            assert err.problems
            for problem in err.problems:
                assert Path(problem.file).parent == copy, problem
                assert problem.line is None or 1 <= problem.line <= n_lines, problem
