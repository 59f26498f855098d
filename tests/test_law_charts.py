"""Charts and tables of the law chapters, the narratives chapter and the executive summary
(tipline.figures.law_charts); the ledger's are tested in test_ledger_charts.py."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.bibliography import sources
from tipline.chart import Chart
from tipline.data import load
from tipline.figures import law_charts as lc
from tipline.figures.sources import cited
from tipline.model import RANGES, VERDICT_PHRASES, YEARS, evaluate, params_for_year, verdict
from tipline.model.uncertainty import uncertainty_ranges
from tipline.paths import DATA_DIR
from tipline.table import Table

CHARTS = {
    "reports_vs_incidents_chart": lc.reports_vs_incidents_chart,
    "narrative_chart": lc.narrative_chart,
    "narrative_chart_2024": lambda: lc.narrative_chart(2024),
}

NUMERIC_AXIS = {
    "reports_vs_incidents_chart": "yaxis",
    "narrative_chart": "xaxis",
    "narrative_chart_2024": "xaxis",
}

TABLES = {
    "court_cases_table": lc.court_cases_table,
    "model_outcomes_table": lc.model_outcomes_table,
    "ai_reports_table": lc.ai_reports_table,
    "narrative_table": lc.narrative_table,
    "key_numbers_table": lc.key_numbers_table,
}


class _Structure(HTMLParser):
    """The parts of a table the accessibility checks need."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self.caption = ""
        self.col_headers = 0
        self.row_headers = 0
        self.cells = 0
        self.labelled_cells = 0
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.tables.append(a)
        self._in_caption = tag == "caption"
        if tag == "th" and a.get("scope") == "col":
            self.col_headers += 1
        if tag == "th" and a.get("scope") == "row" or tag == "td":
            self.cells += 1
            self.labelled_cells += "data-label" in a
        if tag == "th" and a.get("scope") == "row":
            self.row_headers += 1

    def handle_endtag(self, tag):
        if tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.caption += data


def _keys_in(source: str) -> list[str]:
    return list(cited(source))


# -- every chart and table carries its words ---------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_charts_carry_their_words(name):
    chart = CHARTS[name]()
    assert isinstance(chart, Chart)
    for text in (chart.title, chart.source, chart.alt):
        assert text.strip()
    assert chart.data_files and all((DATA_DIR / f).exists() for f in chart.data_files)
    assert chart.figure.data
    markup = chart.to_html()
    assert "tipline-figure" in markup and "Chart described in words" in markup
    # The value axis is labelled with its unit.
    axis = getattr(chart.figure.layout, NUMERIC_AXIS[name])
    assert re.search(r"Tilt|\(count\)|\(millions\)", axis.title.text)


@pytest.mark.parametrize("name", ["reports_vs_incidents_chart", "narrative_chart"])
def test_model_and_data_charts_name_their_sources_and_kind(name):
    chart = CHARTS[name]()
    keys = _keys_in(chart.source)
    assert keys and set(keys) <= set(sources())
    assert "primary" in chart.source or "secondary" in chart.source


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_accessible(name):
    table = TABLES[name]()
    assert isinstance(table, Table)
    parsed = _Structure()
    parsed.feed(table.html)
    assert len(parsed.tables) == 1
    assert parsed.caption.strip()
    assert parsed.col_headers >= 2
    assert parsed.row_headers >= 1
    assert table.text.startswith(parsed.caption.strip()[:40].replace("&#x27;", "'"))
    classes = parsed.tables[0].get("class", "").split()
    if "tipline-stack" in classes:  # every cell labelled for the narrow-screen layout
        assert parsed.labelled_cells == parsed.cells


# -- chapter 4 -----------------------------------------------------------------------------


def test_court_case_findings_are_consistent():
    found = lc.court_case_findings()
    cases = load("court_cases")
    assert found["decisions"] == len(cases) == found["appellate"] + found["district"]
    assert found["appellate_wins"] == len(found["appellate_win_names"])
    assert found["suppressed_in_the_end"] == len(found["suppressed_names"])
    assert (
        0 <= found["wins_neutralised"] <= found["appellate_wins"] + found["suppressed_in_the_end"]
    )
    assert 0 <= found["suppression_stood_unoffset"] <= found["suppressed_in_the_end"]
    assert found["first_year"] <= found["last_year"]


@pytest.mark.parametrize("param", ["p_alert", "p_compromise"])
@pytest.mark.parametrize("year", YEARS)
def test_break_even_gives_the_target_tilt(param, year):
    value = lc.break_even(param, year=year)
    low, high = RANGES[param]
    assert low <= value <= high
    assert float(evaluate(year=year, **{param: value}).tilt) == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=30, deadline=None)
@given(tilt=st.floats(min_value=-0.95, max_value=0.95))
def test_break_even_hits_any_reachable_tilt(tilt):
    value = lc.break_even("p_alert", tilt=tilt)
    if math.isnan(value):  # not reached inside the valid range: check that it really is not
        low, high = RANGES["p_alert"]
        ends = evaluate(p_alert=np.array([low, high])).tilt
        assert not (min(ends) <= tilt <= max(ends))
    else:
        assert float(evaluate(p_alert=value).tilt) == pytest.approx(tilt, abs=1e-9)


def test_break_even_rejects_bad_input():
    with pytest.raises(ValueError, match="p_alert"):
        lc.break_even("quality")
    for bad in (1.0, -1.0, True, "0.1", float("nan")):
        with pytest.raises(ValueError, match="tilt"):
            lc.break_even("p_alert", tilt=bad)


@pytest.mark.parametrize("year", YEARS)
def test_model_outcomes_add_up_to_the_domestic_reports(year):
    frame = lc.model_outcomes(year)
    r = evaluate(year=year)
    assert frame["reports"].sum() == pytest.approx(float(r.domestic), rel=1e-9)
    assert (frame["reports"] >= 0).all()
    helps = frame.groupby("serves")["reports"].sum()
    assert helps["investigators"] == pytest.approx(float(r.benefit_investigators))
    assert helps["defendants"] == pytest.approx(float(r.benefit_defendants))


# -- chapter 5: framing and AI reports -----------------------------------------------------


def test_framing_numbers_follow_the_data():
    n = lc.framing_numbers()
    years = load("reports_by_year")
    preferred = years[years["preferred"]].set_index("year")
    assert n["reports_2023"] == preferred.loc[2023, "total_reports"]
    assert n["reports_2024"] == preferred.loc[2024, "total_reports"]
    assert n["report_fall"] == pytest.approx(1 - n["reports_2024"] / n["reports_2023"])
    assert n["ap_fall"] == pytest.approx(1 - n["ap_2024"] / n["reports_2023"])
    assert n["ap_fall"] < n["report_fall"]  # counting incidents shrinks the fall
    chart = lc.reports_vs_incidents_chart()
    assert f"{n['report_fall']:.0%}" in chart.title and f"{n['ap_fall']:.0%}" in chart.title


def test_ai_reports_table_marks_primary_and_secondary_rows():
    table = lc.ai_reports_table()
    rows = [line for line in table.text.splitlines() if line.startswith("Year:")]
    types = load("incident_types")
    ai = types[types["incident_type"] == "generative_ai"]
    assert len(rows) >= len(ai)
    assert any("primary" in r for r in rows) and any("secondary" in r for r in rows)


# -- chapter 5: the narratives as slider settings --------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_narrative_settings_are_the_model_at_the_ends_of_each_range(year):
    frame = lc.narrative_settings(year)
    bounds = uncertainty_ranges(year)
    params = params_for_year(year)
    assert list(frame["id"]) == [n[0] for n in lc.NARRATIVES]
    for (_, _, _, name, end), (_, row) in zip(lc.NARRATIVES, frame.iterrows(), strict=True):
        low, high = bounds[name]
        assert row["param"] == name and row["default"] == params[name].default
        assert row["story_value"] == (high if end == "high" else low)
        assert row["other_value"] == (low if end == "high" else high)
        assert row["tilt_story"] == pytest.approx(
            float(evaluate(year=year, **{name: row["story_value"]}).tilt)
        )
        assert row["tilt_other"] == pytest.approx(
            float(evaluate(year=year, **{name: row["other_value"]}).tilt)
        )
        assert row["verdict_story"] == verdict(row["tilt_story"])
        assert row["verdict_other"] in VERDICT_PHRASES
    assert (frame["tilt_default"] == float(evaluate(year=year).tilt)).all()


@pytest.mark.parametrize("year", YEARS)
def test_narrative_worlds_bound_every_single_story(year):
    worlds = lc.narrative_worlds(year)
    frame = lc.narrative_settings(year)
    single = np.concatenate([frame["tilt_story"], frame["tilt_other"]])
    # The tilt is monotone in each parameter, so moving all four to their friendly (or
    # hostile) ends goes at least as far as moving any one of them.
    assert worlds["defenders"]["tilt"] >= single.max() - 1e-12
    assert worlds["critics"]["tilt"] <= single.min() + 1e-12
    assert worlds["critics"]["tilt"] <= worlds["default"]["tilt"] <= worlds["defenders"]["tilt"]
    assert set(worlds["defenders"]["values"]) == {n[3] for n in lc.NARRATIVES}
    assert worlds["default"]["values"] == {}
    for side in ("defenders", "critics"):
        t = float(evaluate(year=year, **worlds[side]["values"]).tilt)
        assert worlds[side]["tilt"] == pytest.approx(t)
        assert worlds[side]["verdict"] == verdict(t)


def test_narrative_table_and_chart_show_the_same_numbers():
    frame = lc.narrative_settings()
    table = lc.narrative_table()
    chart = lc.narrative_chart()
    for _, row in frame.iterrows():
        assert row["narrative"] in table.text
        assert f"{row['tilt_story']:+.2f}, {row['verdict_story']}" in table.text
        assert f"{row['tilt_story']:+.2f}" in chart.alt
    worlds = lc.narrative_worlds()
    assert f"{worlds['critics']['tilt']:+.2f}" in chart.title
    assert f"{worlds['defenders']['tilt']:+.2f}" in chart.title


def test_narrative_functions_reject_uncalibrated_years():
    for func in (lc.narrative_settings, lc.narrative_worlds, lc.narrative_table, lc.key_numbers):
        with pytest.raises(ValueError):
            func(1999)


# -- the executive summary -----------------------------------------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_key_numbers_agree_with_the_data_and_the_model(year):
    n = lc.key_numbers(year)
    params = params_for_year(year)
    r = evaluate(year=year)
    years = load("reports_by_year")
    row = years[(years["year"] == year) & years["preferred"]].iloc[0]
    assert n["reports"] == row["total_reports"] == params["volume"].default
    assert n["foreign_share"] == pytest.approx(
        row["international_user_location_reports"] / row["total_reports"]
    )
    assert n["domestic"] == pytest.approx(n["us_located"] + n["unknown_location"])
    assert n["domestic"] == pytest.approx(float(r.domestic))
    assert n["quality"] == params["quality"].default
    assert n["capacity"] == params["capacity"].default
    assert 0 < n["worked_share"] <= n["worked_share_actionable"] <= 1
    for figure in ("reports", "foreign_share", "quality", "capacity"):
        pairs = n["sources"][figure]
        assert pairs and all(c in ("primary", "secondary") for _, c in pairs)
        assert {k for k, _ in pairs} <= set(sources())


def test_key_numbers_keep_column_level_confidence():
    # 2023's row is secondary only because of its urgent-escalation figure: the total and
    # the location counts are primary.
    n = lc.key_numbers(2023)
    assert {c for _, c in n["sources"]["reports"]} == {"primary"}
    assert {c for _, c in n["sources"]["urgent"]} == {"secondary"}
    table = lc.key_numbers_table(2023)
    assert "(secondary)" in table.html and "(primary)" in table.html
    assert f"{n['reports']:,.0f}" in table.text
