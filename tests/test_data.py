"""The real tables in data/ load, validate and honour the contract other modules rely on."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from tipline import data
from tipline.paths import DATA_DIR

RECIPIENTS = {
    "ICAC units",
    "Federal law enforcement",
    "Local law enforcement",
    "International law enforcement",
}


def test_every_table_validates():
    loaded = data.validate_all()
    assert set(loaded) == set(data.tables())
    assert all(len(frame) > 0 for frame in loaded.values())


def test_descriptor_covers_every_csv_and_nothing_else():
    described = {data.describe(name)["path"] for name in data.tables()}
    on_disk = {path.name for path in DATA_DIR.glob("*.csv")}
    assert described == on_disk
    for name in data.tables():
        assert data.describe(name)["path"] == f"{name}.csv"


def test_expected_tables_exist():
    expected = {
        "reports_by_year",
        "le_recipients",
        "capacity_outcomes",
        "reports_by_country",
        "reports_by_platform",
        "incident_types",
        "court_cases",
        "claims",
        "seed_markers",
        "contradictions",
    }
    assert expected <= set(data.tables())


def test_every_row_has_source_and_confidence():
    for name in data.tables():
        frame = data.load(name)
        source_columns = [c for c in frame.columns if c.startswith("source")]
        assert source_columns, name
        assert (frame[source_columns[0]] != "").all(), name
        if name in {"claims", "seed_markers", "contradictions"}:
            continue
        assert set(frame["confidence"]) <= {"primary", "secondary"}, name


# --------------------------------------------------------------------------- contract


def test_reports_by_year_contract():
    frame = data.load("reports_by_year")
    columns = [
        "year",
        "total_reports",
        "reports_from_esps",
        "reports_from_public",
        "files_reported",
        "us_user_location_reports",
        "international_user_location_reports",
        "unknown_location_reports",
        "us_reports_country_table",
        "urgent_escalations",
        "incidents_after_unbundling",
        "preferred",
        "source",
        "confidence",
        "notes",
    ]
    assert set(columns) <= set(frame.columns)
    assert pd.api.types.is_integer_dtype(frame["year"])
    for column in columns[1:11]:
        assert frame[column].dtype == "Int64", column
    assert frame["preferred"].dtype == bool
    preferred = frame[frame.preferred]
    assert preferred["year"].is_unique
    assert set(frame["year"]) == set(preferred["year"])
    assert set(preferred["year"]) == {1998, *range(2010, 2026)}
    assert set(frame["confidence"]) <= {"primary", "secondary"}


def test_reports_by_year_key_figures():
    by_year = data.load("reports_by_year").query("preferred").set_index("year")
    assert by_year.loc[2023, "total_reports"] == 36_210_368
    assert by_year.loc[2023, "urgent_escalations"] == 63_892
    assert by_year.loc[2024, "incidents_after_unbundling"] == 29_200_000
    assert by_year.loc[1998, "total_reports"] == 4_560
    # The two U.S. counts disagree and both are kept.
    assert by_year.loc[2023, "us_user_location_reports"] == 1_621_937
    assert by_year.loc[2023, "us_reports_country_table"] == 1_132_270


def test_le_recipients_contract():
    frame = data.load("le_recipients")
    assert {"year", "recipient", "actionable", "informational", "total"} <= set(frame.columns)
    assert {"source", "confidence", "notes"} <= set(frame.columns)
    assert set(frame["recipient"]) == RECIPIENTS
    assert set(frame["year"]) == set(range(2020, 2025))
    assert not frame.duplicated(["year", "recipient"]).any()
    assert len(frame) == 20
    for column in ("actionable", "informational", "total"):
        assert frame[column].dtype == "Int64"
    assert (frame["actionable"] + frame["informational"] == frame["total"]).all()


def test_capacity_outcomes_contract():
    frame = data.load("capacity_outcomes")
    assert {"metric", "year", "period", "value", "unit", "source", "confidence", "notes"} <= set(
        frame.columns
    )
    assert frame["value"].dtype == "float64"
    assert pd.api.types.is_integer_dtype(frame["year"])
    assert not frame.duplicated(["metric", "year", "period"]).any()

    def years(metric: str) -> set[int]:
        return set(frame.loc[frame.metric == metric, "year"])

    assert {2021, 2023, 2024} <= years("icac_investigations")
    assert {2010, 2011, 2021, 2023, 2024} <= years("icac_arrests")
    assert years("cvip_victims_identified_new") >= {2020, 2021, 2022, 2023}
    for metric in ("icac_task_forces", "icac_funding_usd_millions", "ncmec_employees"):
        assert years(metric), metric
    assert frame.metric.str.fullmatch(r"[a-z][a-z0-9_]*").all()


def test_capacity_outcomes_keeps_every_research_metric():
    metrics = set(data.load("capacity_outcomes")["metric"])
    research_metrics = {
        "le_feedback_icac_units",
        "le_feedback_international",
        "le_feedback_federal",
        "le_feedback_local",
        "cvip_victims_identified_new",
        "cvip_unidentified_series_new",
        "cvip_victims_identified_cumulative",
        "ncmec_hashes_added",
        "ncmec_employees",
        "ncmec_e2ee_projected_report_loss_share",
        "icac_task_forces",
        "icac_affiliated_agencies",
        "icac_investigations",
        "icac_forensic_exams",
        "icac_arrests",
        "icac_arrests_cumulative",
        "icac_trainings",
        "icac_funding_usd_millions",
        "icac_authorized_funding_usd_millions",
        "ojjdp_mec_awards_usd_millions",
        "ncmec_federal_awards_expended_usd_millions",
        "icac_informational_share",
        "all_jurisdictions_informational_share",
        "us_informational_share",
        "meta_reported_content_repeat_share",
        "meta_sampled_accounts_no_malicious_intent_share",
        "interpol_leads_distributed",
    }
    assert research_metrics <= metrics


def test_contradictions_keep_both_values():
    frame = data.load("contradictions")
    assert list(frame["contradiction_id"]) == [f"K{i:02d}" for i in range(1, 12)]
    assert (frame["source_a"] != "").all() and (frame["source_b"] != "").all()


def test_court_cases_have_holdings_and_outcomes():
    frame = data.load("court_cases")
    assert frame["case_id"].is_unique
    assert {"wilson_2021", "ackerman_2016", "miller_2020", "ringland_2020"} <= set(frame.case_id)
    assert (frame["holding"].str.len() > 40).all()
    assert set(frame["favours"]) <= {"defendant", "government", "mixed"}


# --------------------------------------------------------------------------- API behaviour


def test_load_returns_a_copy_each_time():
    first = data.load("reports_by_year")
    first.loc[:, "total_reports"] = 0
    del first["notes"]
    second = data.load("reports_by_year")
    assert "notes" in second.columns
    assert second["total_reports"].max() > 0


def test_cache_sees_changed_files(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = data.load("seed_markers", data_dir=copy)
    path = copy / "seed_markers.csv"
    text = path.read_text(encoding="utf-8").replace(",low,", ",medium,", 1)
    path.write_text(text, encoding="utf-8")
    after = data.load("seed_markers", data_dir=copy)
    assert (after["confidence"] == "medium").sum() == (before["confidence"] == "medium").sum() + 1


def test_describe_and_fields():
    descriptor = data.describe("le_recipients")
    assert descriptor["schema"]["primaryKey"] == ["year", "recipient"]
    assert descriptor["checks"] and "gaps" in descriptor
    descriptor["schema"]["fields"].clear()  # a copy: the next call is unaffected
    assert data.describe("le_recipients")["schema"]["fields"]
    table = data.fields("reports_by_year")
    assert {"name", "type", "unit", "required", "minimum", "maximum", "description"} <= set(
        table.columns
    )
    assert table.set_index("name").loc["total_reports", "type"] == "integer"


def test_every_field_is_documented():
    for name in data.tables():
        descriptor = data.describe(name)
        assert descriptor.get("title") and descriptor.get("description"), name
        for field in descriptor["schema"]["fields"]:
            assert field.get("description"), (name, field["name"])
            assert field.get("type") in {"integer", "number", "string", "boolean"}
        assert descriptor["schema"].get("primaryKey"), name


def test_data_error_is_a_value_error():
    assert issubclass(data.DataError, ValueError)
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        data.load("nope")
