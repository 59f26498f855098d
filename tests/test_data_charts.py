"""Charts and tables drawn from data/ (chapters 1-3 and the data page), and the model's
"out of every hundred" figures (chapter 2)."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.bibliography import sources
from tipline.chart import Chart
from tipline.data import load
from tipline.figures import data_charts as dc
from tipline.figures import per_hundred as ph
from tipline.figures.sources import citation, cited
from tipline.model import PARAMS, RANGES, YEARS, evaluate
from tipline.paths import DATA_DIR
from tipline.table import Table

CHARTS = {
    "reports_per_year": dc.reports_per_year,
    "location_shares": dc.location_shares,
    "us_count_comparison": dc.us_count_comparison,
    "platform_concentration": dc.platform_concentration,
    "icac_informational_share": dc.icac_informational_share,
    "icac_tips_and_outcomes": dc.icac_tips_and_outcomes,
    "victims_identified": dc.victims_identified,
    "escalation_scale_2023": lambda: dc.escalation_scale(2023),
    "escalation_scale_2024": lambda: dc.escalation_scale(2024),
    "per_hundred_chart": ph.per_hundred_chart,
}

TABLES = {
    "report_sources_table": dc.report_sources_table,
    "recipients_table": dc.recipients_table,
    "priority_levels_table": dc.priority_levels_table,
    "bundling_table": dc.bundling_table,
    "contradictions_table": dc.contradictions_table,
    "contradictions_table_k04": lambda: dc.contradictions_table(("K04",)),
}


def _preferred(year):
    rows = load("reports_by_year")
    return rows[rows["preferred"] & (rows["year"] == year)].iloc[0]


def _keys(source: str) -> dict[str, str]:
    return cited(source)


def _axis_title(axis) -> str:
    return (axis.title.text or "") if axis.title else ""


# --- every chart and table carries its words ------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_charts_carry_their_words(name):
    chart = CHARTS[name]()
    assert isinstance(chart, Chart)
    keys = _keys(chart.source)
    assert keys, chart.source
    assert set(keys) <= set(sources()), keys
    assert all(citation(k) in chart.source for k in keys)
    assert "[" not in chart.source  # author-year citations, never bibliography keys
    assert chart.data_files and all((DATA_DIR / f).exists() for f in chart.data_files)
    assert re.search(r"\d", chart.title), "the title states a finding with a number"
    assert re.search(r"\d", chart.alt), "the text alternative gives the key numbers"
    layout = chart.figure.layout
    first = chart.figure.data[0]
    # values along x: horizontal bars, or dots against category labels
    horizontal = first.orientation == "h" or isinstance(first.y[0], str)
    value_axis = layout.xaxis if horizontal else layout.yaxis
    assert _axis_title(value_axis), "the value axis is labelled"
    unit = _axis_title(value_axis).lower() + (value_axis.ticksuffix or "")
    assert re.search(r"\(|reports|children|thousands|%", unit), "the axis names its unit"
    html = chart.to_html()
    assert 'role="img"' in html and "Chart described in words" in html


@pytest.mark.parametrize("name", TABLES)
def test_tables_are_accessible_and_sourced(name):
    table = TABLES[name]()
    assert isinstance(table, Table)
    assert "<caption>" in table.html and 'scope="col"' in table.html
    assert 'scope="row"' in table.html
    assert table.text.strip()


def test_source_lines_name_only_the_sources_of_the_plotted_column():
    # The 2023 total rests on NCMEC's report; the urgent count on a fact-check site only.
    row = load("reports_by_year")
    rows = row[row["preferred"] & (row["year"] == 2023)]
    total = dc.column_sources(rows, "total_reports")
    assert ("ncmec_transparency_cy2023", "primary") in total
    assert not {k for k, _ in total} & {"factually_escalations_2023", "ncmec_by_country_2019_2023"}
    assert dc.column_sources(rows, "urgent_escalations") == [
        ("factually_escalations_2023", "secondary")
    ]
    # The bundling fact-check backs the plotted 2024 incident count, not the location shares.
    assert _keys(dc.reports_per_year().source)["factually_bundling"] == "secondary"
    assert "factually_bundling" not in _keys(dc.location_shares().source)
    assert "ncmec_by_esp_2019_2023" not in _keys(dc.reports_per_year().source)
    with pytest.raises(ValueError, match="no column"):
        dc.column_sources(rows, "no_such_column")


def test_column_sources_skip_rows_without_a_value():
    rows = load("reports_by_year")
    rows = rows[rows["preferred"] & (rows["year"] == 2025)]
    assert dc.column_sources(rows, "urgent_escalations") == []


# --- chapter 1 ------------------------------------------------------------------------------


def test_reports_per_year_title_and_bundling_break_follow_the_data():
    chart = dc.reports_per_year()
    first, peak = _preferred(2010)["total_reports"], _preferred(2023)["total_reports"]
    assert f"{peak / first:,.0f}-fold" in chart.title
    assert "2024" in chart.title and "bundling" in chart.title
    shapes = chart.figure.layout.shapes
    assert any(s.x0 == 2023.5 for s in shapes), "the 2024 break is marked"
    incidents = [t for t in chart.figure.data if t.type == "scatter"]
    assert incidents and incidents[0].x[0] == 2024
    assert f"{_preferred(2024)['incidents_after_unbundling'] / 1e6:.1f} million" in chart.alt


def test_report_sources_table_adds_up():
    table = dc.report_sources_table()
    row = _preferred(2023)
    assert row["reports_from_esps"] + row["reports_from_public"] == row["total_reports"]
    share = row["reports_from_public"] / row["total_reports"]
    assert f"{share:.1%}" in table.text


def test_recipients_table_rejects_years_without_data():
    assert "2023" in dc.recipients_table(2023).text
    for bad in (1998, "2023", True, 2023.0):
        with pytest.raises(ValueError, match="year must be one of"):
            dc.recipients_table(bad)


def test_escalation_scale_is_logarithmic_and_its_title_computed():
    chart = dc.escalation_scale(2023)
    row = _preferred(2023)
    per_1000 = 1000 * row["urgent_escalations"] / row["total_reports"]
    assert f"{per_1000:.1f} in every 1,000" in chart.title
    assert f"{int(row['urgent_escalations']):,}" in chart.title
    assert chart.figure.layout.xaxis.type == "log"
    bar = chart.figure.data[0]
    assert bar.x[0] == row["total_reports"]
    assert any("urgent" in label.lower() and "secondary" in label for label in bar.y)
    assert "factually_escalations_2023" in _keys(chart.source)
    assert _keys(chart.source)["factually_escalations_2023"] == "secondary"


def test_escalation_scale_without_an_urgent_count_says_something_else():
    chart = dc.escalation_scale(2024)
    assert not any("urgent" in label.lower() for label in chart.figure.data[0].y)
    assert "police abroad" in chart.title
    assert "factually_escalations_2023" not in chart.source


@pytest.mark.parametrize("bad", [2019, 1998, "2023", True, None])
def test_escalation_scale_rejects_years_without_recipients(bad):
    with pytest.raises(ValueError, match="escalation_scale"):
        dc.escalation_scale(bad)


def test_priority_levels_are_ordered_and_roughly_add_up():
    levels = dc.priority_levels()
    assert list(levels["level"]) == [label for _, label in dc.PRIORITY_METRICS]
    assert (levels["reports"] > 0).all()
    # NCMEC rounds every count, so the levels add up to the total only approximately.
    assert levels["share"].sum() == pytest.approx(1.0, abs=0.02)
    assert levels["share"].iloc[-1] > 0.9
    table = dc.priority_levels_table()
    assert "definitions were not read" in table.text
    assert table.frame is not None and len(table.frame) == len(levels)


# --- chapter 2 ------------------------------------------------------------------------------


def _stack_sums(chart):
    sums: dict[str, float] = {}
    for trace in chart.figure.data:
        cats = trace.y if trace.orientation == "h" else trace.x
        vals = trace.x if trace.orientation == "h" else trace.y
        for cat, val in zip(cats, vals, strict=True):
            sums[cat] = sums.get(cat, 0.0) + val
    return sums


@pytest.mark.parametrize(
    "chart", [dc.location_shares, dc.platform_concentration, ph.per_hundred_chart]
)
def test_stacked_shares_add_up_to_100(chart):
    sums = _stack_sums(chart())
    assert sums and all(v == pytest.approx(100.0) for v in sums.values())


def test_us_count_comparison_title_names_the_widest_gap():
    rows = load("reports_by_year")
    rows = rows[rows["preferred"]].dropna(
        subset=["us_user_location_reports", "us_reports_country_table"]
    )
    gaps = (rows["us_user_location_reports"] - rows["us_reports_country_table"]).abs()
    widest = int(rows["year"].iloc[int(np.argmax(gaps.to_numpy()))])
    assert f"{gaps.max():,.0f} reports apart in {widest}" in dc.us_count_comparison().title


@pytest.mark.parametrize("bad", [0, 11, True, 2.5, "4"])
def test_platform_concentration_rejects_a_bad_top(bad):
    with pytest.raises(ValueError, match="top must be"):
        dc.platform_concentration(bad)


def test_icac_informational_share_marks_years_before_comparable_labelling():
    from tipline.style import GREY, LIGHT

    chart = dc.icac_informational_share()
    bars = chart.figure.data[0]
    for year, hover, colour in zip(bars.x, bars.hovertext, bars.marker.line.color, strict=True):
        early = year < dc.LABELLING_COMPARABLE_FROM
        assert ("not comparable" in hover) == early
        assert colour == (LIGHT if early else GREY), "early years are drawn pale"
    notes = [a.text.replace("<br>", " ") for a in chart.figure.layout.annotations]
    assert any(
        f"Before {dc.LABELLING_COMPARABLE_FROM}" in n and "not comparable" in n for n in notes
    )


YEAR_PAIRS = [(a, b) for a, b in itertools.combinations(range(2019, 2025), 2) if a < b]


@pytest.mark.parametrize(("before", "after"), YEAR_PAIRS)
def test_bundling_comparison_is_consistent_for_every_pair_of_years(before, after):
    data = dc.bundling_comparison(before, after).set_index("measure")
    counts = data[data["kind"] == "count"]
    assert np.allclose(counts["change"], counts["after"] / counts["before"] - 1)
    if {"meta", "other_platforms", "esp_reports"} <= set(data.index):
        for side in ("before", "after"):
            assert data.loc["meta", side] + data.loc["other_platforms", side] == pytest.approx(
                data.loc["esp_reports", side]
            )
    assert ("incidents" in data.index) == (after >= 2024)
    for side in ("confidence_before", "confidence_after"):
        assert set(data[side]) <= {"primary", "secondary"}


def test_bundling_table_reports_the_2024_changes():
    data = dc.bundling_comparison(2023, 2024).set_index("measure")
    assert data.loc["reports", "confidence_before"] == "primary"
    assert data.loc["reports", "confidence_after"] == "secondary"
    assert data.loc["meta", "confidence_before"] == "primary"
    assert data.loc["icac_informational", "kind"] == "share"
    text = dc.bundling_table(2023, 2024).text
    fall = 1 - _preferred(2024)["total_reports"] / _preferred(2023)["total_reports"]
    assert f"\u2212{fall:.0%}" in text
    assert "no bundling" in text and "points" in text
    assert "2023 (primary)" in text and "2024 (secondary)" in text
    assert "began bundling" in text


def test_bundling_table_names_bundling_only_for_the_year_it_began():
    text = dc.bundling_table(2020, 2022).text
    assert "bundling" not in text.splitlines()[0]
    assert "Primary or secondary" in text  # 2020 mixes primary and secondary figures


@pytest.mark.parametrize(
    ("before", "after", "match"),
    [(2024, 2023, "must precede"), (2023, 2023, "must precede"), (2010, 2024, "before")],
)
def test_bundling_comparison_rejects_bad_years(before, after, match):
    with pytest.raises(ValueError, match=match):
        dc.bundling_comparison(before, after)


def test_contradictions_table_filters_by_id_in_the_order_given():
    all_rows = dc.contradictions_table()
    assert "recorded contradictions" in all_rows.text
    some = dc.contradictions_table(("K04", "K01"))
    assert some.html.index("K04") < some.html.index("K01")
    assert "K02" not in some.html
    for bad, match in (([], "non-empty"), ("K04", "non-empty"), (("K99",), "unknown id")):
        with pytest.raises(ValueError, match=match):
            dc.contradictions_table(bad)


# --- out of every hundred domestic reports (the model) ----------------------------------------


GROUP_KEYS = [key for key, _, _ in ph.GROUPS]


@pytest.mark.parametrize("year", YEARS)
def test_per_hundred_matches_the_model(year):
    out = ph.per_hundred(year=year)
    r = evaluate(year=year)
    d = float(r.domestic)
    assert sum(out[k] for k in GROUP_KEYS) == pytest.approx(100.0)
    assert out["worked"] == pytest.approx(100 * float(r.worked) / d)
    assert out["worked_actionable"] == pytest.approx(100 * float(r.investigated) / d)
    assert out["sound_per_1000"] == pytest.approx(1000 * float(r.sound_case) / d)
    assert out["year"] == year


@settings(max_examples=60, deadline=None)
@given(
    capacity=st.floats(*RANGES["capacity"]),
    foreign_share=st.floats(*RANGES["foreign_share"]),
    quality=st.floats(*RANGES["quality"]),
    triage=st.floats(*RANGES["triage"]),
)
def test_per_hundred_groups_partition_the_domestic_reports(
    capacity, foreign_share, quality, triage
):
    out = ph.per_hundred(
        capacity=capacity, foreign_share=foreign_share, quality=quality, triage=triage
    )
    assert all(out[k] >= 0 for k in GROUP_KEYS)
    assert sum(out[k] for k in GROUP_KEYS) == pytest.approx(100.0)
    # Like-for-like capacity (the model's default): capacity / ICAC share, at most everything.
    reach = capacity / PARAMS["icac_share"].default
    assert out["worked"] == pytest.approx(100 * min(reach, out["domestic"]) / out["domestic"])
    # Actionable reports worked never exceed the actionable share.
    assert out["worked_actionable"] <= 100 * quality + 1e-9


@settings(max_examples=30, deadline=None)
@given(low=st.floats(1e4, 3e6), factor=st.floats(1.0, 10.0))
def test_more_capacity_never_means_fewer_reports_worked(low, factor):
    high = min(low * factor, 3e6)
    assert ph.per_hundred(capacity=high)["worked"] >= ph.per_hundred(capacity=low)["worked"]


def test_per_hundred_rejects_arrays_and_bad_input():
    with pytest.raises(ValueError, match="single values"):
        ph.per_hundred(capacity=[1e5, 2e5])
    with pytest.raises(ValueError, match="year"):
        ph.per_hundred(year=2019)
    with pytest.raises(ValueError):
        ph.per_hundred(quality=1.5)


def test_per_hundred_chart_title_gives_the_rounded_answer():
    chart = ph.per_hundred_chart()
    worked = [round(ph.per_hundred(year=y)["worked"]) for y in YEARS]
    if len(set(worked)) == 1:
        assert f"about {worked[0]} of every 100" in chart.title
    else:  # the title gives each year's rounded figure
        for w, y in zip(worked, YEARS, strict=True):
            assert f"{w} in {y}" in chart.title
    assert [t.name for t in chart.figure.data] == [label for _, label, _ in ph.GROUPS]
    assert "primary" in chart.source or "secondary" in chart.source
    single = ph.per_hundred_chart([2024])
    assert "at the 2024 defaults" in single.title


@pytest.mark.parametrize("bad", [[], "2023", [2023, 2023], [2019]])
def test_per_hundred_chart_rejects_bad_years(bad):
    with pytest.raises(ValueError):
        ph.per_hundred_chart(bad)


def test_model_sources_cover_every_measured_input():
    keys = {k for k, _ in ph.model_sources(2023)}
    assert "ncmec_transparency_cy2023" in keys
    assert keys & {"ojjdp_icac_mirror", "ojjdp_icac_program", "factually_icac_caseloads"}
    assert "factually_escalations_2023" not in keys
