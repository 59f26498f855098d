"""Numbers in the ledger's prose come from data/ (tipline.ledger_text), never typed by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipline import data, ledger, ledger_text

LEDGER_TEXTS = [
    (f"{row['claim_id']} {column}", row[column])
    for row in data.load("claims").to_dict("records")
    for column in ("claim", "evidence")
] + [
    (f"marker {row['marker']}", row["reasoning"])
    for row in data.load("seed_markers").to_dict("records")
]


@pytest.mark.parametrize(("where", "text"), LEDGER_TEXTS, ids=[w for w, _ in LEDGER_TEXTS])
def test_ledger_prose_types_no_number(where, text):
    """Every number in a claim, its evidence or a marker's reasoning is a placeholder, unless
    it is a year, a citation marker, a claim id, a case reporter or a statute citation."""
    assert ledger_text.typed_numbers(text) == [], f"{where}: typed number(s) in {text!r}"


@pytest.mark.parametrize(("where", "text"), LEDGER_TEXTS, ids=[w for w, _ in LEDGER_TEXTS])
def test_every_placeholder_resolves(where, text):
    filled = ledger_text.fill(text)
    assert "{" not in filled and "}" not in filled, where


def test_filled_values_match_the_tables():
    years = data.load("reports_by_year").query("preferred").set_index("year")
    assert ledger_text.value("reports_2023") == f"{int(years.loc[2023, 'total_reports']):,}"
    assert ledger_text.value("reports_2024_m") == "20.5 million"
    outcomes = data.load("capacity_outcomes").set_index(["metric", "year"])
    employees = outcomes.loc[("ncmec_employees", 2019)]
    assert ledger_text.value("mq_ncmec_employees_2019") == f"more than {employees['value']:,.0f}"
    assert ledger_text.value("period_esp_preservation_period_days_2024") == "one year"
    assert ledger_text.value("period_esp_preservation_period_days_2023") == "90 days"


def test_a_changed_figure_changes_the_ledger(tmp_path):
    """The ledger reads its numbers from the tables: change a table, the claim text follows."""
    import shutil

    from tipline.paths import DATA_DIR

    for path in DATA_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    csv = tmp_path / "reports_by_year.csv"
    csv.write_text(csv.read_text().replace(",63892,", ",63893,"))
    text = ledger.ledger(tmp_path).set_index("claim_id").loc["C10", "claim"]
    assert "63,893" in text and "63,892" not in text


def test_unknown_placeholders_are_named_in_the_error():
    with pytest.raises(ledger_text.LedgerTextError, match=r"\{reports_total\}.*allowed"):
        ledger_text.fill("{reports_total} reports")
    with pytest.raises(ledger_text.LedgerTextError, match="no row 'nonsense'"):
        ledger_text.fill("{m_nonsense_2023}")
    with pytest.raises(ledger_text.LedgerTextError, match="1997"):
        ledger_text.fill("{reports_1997}")


@given(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=200))
def test_text_without_placeholders_is_left_alone(text):
    assert ledger_text.fill(text) == text


@given(
    st.integers(min_value=0, max_value=10**9).filter(lambda n: not 1980 <= n <= 2039),
    st.sampled_from(["", "%", " million", " reports"]),
)
def test_any_typed_number_is_caught(number, unit):
    for shown in (f"{number}", f"{number:,}", f"{number / 10:.1f}"):
        text = f"NCMEC counted {shown}{unit} in 2023 (see [3], C16a, 831 F.3d 1292)."
        assert ledger_text.typed_numbers(text) == [shown]


@given(st.integers(min_value=1980, max_value=2038))
def test_years_citations_and_reporters_are_not_typed_numbers(year):
    text = (
        f"In {year} and FY{year} ({year}-{year + 1}) the court ([7], marker 3) decided "
        "715 F. Supp. 3d 741 under Public Law 118-59 and 18 U.S.C. § 2258A; see C28b."
    )
    assert ledger_text.typed_numbers(text) == []
