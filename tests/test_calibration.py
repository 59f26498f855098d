"""Calibration: the model's data-driven defaults are recomputed from data/ tables."""

import re

import pandas as pd
import pytest

from tipline import calibration, data
from tipline.model import NAMES, params_for_year
from tipline.paths import BIBLIOGRAPHY
from tipline.provenance import column_confidence, column_keys

YEARS = (2023, 2024)
US = ("ICAC units", "Federal law enforcement", "Local law enforcement")


def keys(cells):
    out = []
    for cell in cells:
        for key in str(cell).split(";"):
            if key.strip() and key.strip() not in out:
                out.append(key.strip())
    return out


@pytest.mark.parametrize("year", YEARS)
def test_year_inputs_match_the_tables(year):
    got = calibration.year_inputs(year)
    assert set(got) == set(calibration.MEASURED)

    reports = data.load("reports_by_year")
    row = reports[(reports["year"] == year) & reports["preferred"]]
    assert len(row) == 1
    total = float(row["total_reports"].iloc[0])
    abroad = float(row["international_user_location_reports"].iloc[0])
    assert got["volume"]["value"] == total
    assert got["foreign_share"]["value"] == pytest.approx(abroad / total, rel=1e-12)
    # Each figure is credited to the sources behind its own columns, not to every source of
    # the row (the 2023 row also cites a fact-check site, for its urgent escalations only).
    first = row.iloc[0]
    total_keys = set(column_keys(first, "total_reports"))
    abroad_keys = set(column_keys(first, "international_user_location_reports"))
    assert set(got["volume"]["sources"]) == total_keys
    assert set(got["foreign_share"]["sources"]) == total_keys | abroad_keys
    assert set(got["volume"]["sources"]) <= set(keys(row["source"]))
    assert got["volume"]["confidence"] == (column_confidence(first, "total_reports"),)

    rec = data.load("le_recipients")
    us = rec[(rec["year"] == year) & rec["recipient"].isin(US)]
    assert sorted(us["recipient"]) == sorted(US)
    quality = us["actionable"].astype(float).sum() / us["total"].astype(float).sum()
    assert got["quality"]["value"] == pytest.approx(quality, rel=1e-12)
    assert set(got["quality"]["sources"]) == set(keys(us["source"]))

    out = data.load("capacity_outcomes")
    fy = out[out["period"] == f"FY{year}"]
    inv = fy[fy["metric"] == "icac_investigations"]["value"].astype(float)
    arr = fy[fy["metric"] == "icac_arrests"]["value"].astype(float)
    assert got["capacity"]["value"] == inv.iloc[0]
    assert got["p_success"]["value"] == pytest.approx(arr.iloc[0] / inv.iloc[0], rel=1e-12)
    for name in calibration.MEASURED:
        assert got[name]["sources"], name
        assert isinstance(got[name]["note"], str) and got[name]["note"]


def test_orientation_2023():
    # Loose sanity bounds (not the values): most reports resolve abroad, most U.S. tips
    # are labelled actionable, ICAC arrests are a small fraction of investigations.
    got = {k: v["value"] for k, v in calibration.year_inputs(2023).items()}
    assert 0.85 < got["foreign_share"] < 0.95
    assert 0.6 < got["quality"] < 0.85
    assert 0.02 < got["p_success"] < 0.1
    assert 1e7 < got["volume"] < 1e8


def test_year_inputs_returns_fresh_copies():
    a = calibration.year_inputs(2023)
    a["volume"]["value"] = -1
    assert calibration.year_inputs(2023)["volume"]["value"] > 0


def test_uncalibrated_year_raises():
    with pytest.raises(ValueError):
        calibration.year_inputs(1990)


def test_every_parameter_source_is_in_the_bibliography():
    if not BIBLIOGRAPHY.exists():
        pytest.skip("data/references.bib not written yet")
    bib = set(re.findall(r"@\w+\s*\{\s*([^,\s]+)\s*,", BIBLIOGRAPHY.read_text(encoding="utf-8")))
    for year in YEARS:
        for name, param in params_for_year(year).items():
            assert name in NAMES
            missing = set(param.sources) - bib
            assert not missing, f"{year} {name}: {sorted(missing)} not in references.bib"


@pytest.mark.parametrize(
    ("table", "broken"),
    [
        ("le_recipients", lambda df: df[df["recipient"] != "Local law enforcement"]),
        ("reports_by_year", lambda df: df.assign(preferred=False)),
        ("capacity_outcomes", lambda df: df[df["metric"] != "icac_arrests"]),
        (
            "reports_by_year",
            lambda df: df.assign(international_user_location_reports=pd.NA).astype(
                {"international_user_location_reports": "Int64"}
            ),
        ),
    ],
)
def test_incomplete_tables_raise_value_error(monkeypatch, table, broken):
    real = data.load

    def load(name, *args, **kwargs):
        df = real(name, *args, **kwargs)
        return broken(df) if name == table else df

    calibration.clear_cache()
    monkeypatch.setattr(data, "load", load)
    try:
        with pytest.raises(ValueError, match="calibration"):
            calibration.year_inputs(2023)
    finally:
        monkeypatch.undo()
        calibration.clear_cache()


def test_a_column_only_figure_does_not_leak_into_the_models_sources():
    """2023's urgent escalations rest on a secondary site; the volume does not."""
    got = calibration.year_inputs(2023)
    assert "factually_escalations_2023" not in got["volume"]["sources"]
    assert "factually_escalations_2023" not in got["foreign_share"]["sources"]
    assert got["volume"]["confidence"] == ("primary",)
