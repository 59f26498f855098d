"""Source lines name exactly the sources behind the plotted column."""

import pandas as pd
import pytest

from tipline.data import load
from tipline.figures.sources import (
    citation,
    cited,
    column_confidence,
    column_keys,
    row_sources,
    source_line,
)


def preferred(year):
    table = load("reports_by_year")
    return table[(table["year"] == year) & table["preferred"]].iloc[0]


def test_a_column_named_in_column_sources_gets_only_its_keys():
    row = preferred(2023)
    assert column_keys(row, "urgent_escalations") == ["factually_escalations_2023"]
    assert column_confidence(row, "urgent_escalations") == "secondary"


def test_other_columns_get_the_rows_remaining_keys():
    row = preferred(2023)
    keys = column_keys(row, "total_reports")
    assert "factually_escalations_2023" not in keys
    assert "ncmec_by_country_2019_2023" not in keys
    assert keys and all(k in row["source"] for k in keys)
    assert column_confidence(row, "total_reports") == "primary"


def test_row_sources_skip_rows_without_a_value():
    table = load("reports_by_year")
    rows = table[table["preferred"] & (table["year"] == 2025)]
    assert row_sources(rows, "urgent_escalations") == []


def test_source_line_rejects_unknown_keys():
    with pytest.raises(ValueError, match="not in data/references.bib"):
        source_line([("no_such_key", "primary")])


def test_source_line_names_each_source_once_with_its_confidence():
    line = source_line([("ncmec_transparency_cy2023", "primary")] * 3)
    assert line.count(citation("ncmec_transparency_cy2023")) == 1 and "primary" in line
    assert cited(line) == {"ncmec_transparency_cy2023": "primary"}


def test_source_lines_cite_author_year_and_title_never_keys():
    pairs = [
        ("ncmec_transparency_cy2023", "primary"),
        ("grimm_diaphanous_data", "secondary"),
        ("factually_bundling", "secondary"),
        ("factually_bundling", "primary"),
    ]
    line = source_line(pairs, "A note.")
    assert line == (
        "NCMEC and OJJDP (2024), “CY 2023 Report to the Committees on Appropriations”, "
        "primary; Grimm (2026), “diaphanous: Social Media CSAM Disclosures dataset”, "
        f"secondary; {citation('factually_bundling')}, primary and secondary. A note."
    )
    assert "[" not in line and "_" not in line
    assert cited(line) == {
        "ncmec_transparency_cy2023": "primary",
        "grimm_diaphanous_data": "secondary",
        "factually_bundling": "primary and secondary",
    }


def test_every_source_has_its_own_citation_a_reader_can_find():
    """Each citation names author and year and starts the title, so it leads to one entry."""
    from tipline.bibliography import sources

    known = sources()
    texts = {key: citation(key) for key in known}
    assert len(set(texts.values())) == len(texts)
    for key, text in texts.items():
        assert f"({known[key].year})" in text
        start = text.split("“", 1)[1].rstrip("”…").replace("‘", "").replace("’", "")
        assert start.split()[0] in known[key].title.replace("“", "").replace("”", "")
    with pytest.raises(ValueError, match="not in data/references.bib"):
        citation("no_such_key")


def test_column_sources_must_name_the_rows_own_sources(tmp_path):
    import shutil

    from tipline.data import DataError
    from tipline.data import load as load_from
    from tipline.paths import DATA_DIR

    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    path = broken / "reports_by_year.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    line = table.index[(table["year"] == "2023") & (table["variant"] == "preferred")][0]
    table.loc[line, "column_sources"] = "urgent_escalations=carr_2020"
    table.to_csv(path, index=False)
    with pytest.raises(DataError, match="column_sources") as err:
        load_from("reports_by_year", data_dir=broken)
    assert "carr_2020" in str(err.value) and "reports_by_year.csv" in str(err.value)


# -- the shared pieces in tipline.figures.common and tipline.chart.source_html ---------------


def test_check_table_accepts_data_tables_and_names_them_on_error():
    from tipline.data import tables
    from tipline.figures.common import check_table

    for name in tables():
        assert check_table(name) == name
    with pytest.raises(ValueError, match="unknown table 'nope'; the tables are: "):
        check_table("nope")


def test_source_html_escapes_the_line_and_links_each_file():
    from tipline.chart import DATA_URL_PREFIX, source_html

    assert source_html("A & B.") == (
        '<p class="tipline-source"><strong>Source:</strong> A &amp; B.</p>'
    )
    text = source_html("S.", ("a.csv", "b.csv"))
    assert text.endswith(
        f'S. <a href="{DATA_URL_PREFIX}a.csv" download>Download the data (a.csv)</a> '
        f'<a href="{DATA_URL_PREFIX}b.csv" download>Download the data (b.csv)</a></p>'
    )
