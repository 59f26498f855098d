"""Charts and tables of chapter 3 (how CyberTips help) and the data page."""

from __future__ import annotations

import fnmatch
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline import bibliography
from tipline.chart import DATA_URL_PREFIX, Chart
from tipline.data import describe, load, tables
from tipline.figures import help_charts as hc
from tipline.figures.sources import cited
from tipline.model import RANGES, VERDICT_THRESHOLDS, YEARS, evaluate, params_for_year
from tipline.paths import DATA_DIR
from tipline.sphinxext import DATA_FILES


def _keys_in(source: str) -> list[str]:
    return list(cited(source))


# --- capacity -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    quality=st.floats(0.05, 0.95),
    foreign_share=st.floats(0.5, 0.99),
    triage=st.one_of(st.floats(0.0, 0.95), st.just(1.0)),
    year=st.sampled_from(YEARS),
)
def test_capacity_to_reach_all_is_the_smallest_capacity_leaving_nothing_unreached(
    quality, foreign_share, triage, year
):
    fixed = {"quality": quality, "foreign_share": foreign_share, "triage": triage}
    need = hc.capacity_to_reach_all(year, **fixed)
    low, high = RANGES["capacity"]
    r = evaluate(year=year, **fixed)
    reports = float(r.actionable if triage == 1.0 else r.domestic)
    assert need == pytest.approx(reports * float(r.params["icac_share"]))  # like for like
    if low <= need <= high:
        at = evaluate(year=year, capacity=need, **fixed)
        assert float(at.not_reached) <= 1e-6 * float(at.domestic)
    if low <= 0.98 * need <= high:
        below = evaluate(year=year, capacity=0.98 * need, **fixed)
        assert float(below.not_reached) > 0


def test_capacity_to_reach_all_rejects_a_fixed_capacity_and_arrays():
    with pytest.raises(ValueError, match="do not fix it"):
        hc.capacity_to_reach_all(capacity=1e5)
    with pytest.raises(ValueError, match="single values"):
        hc.capacity_to_reach_all(quality=[0.5, 0.6])


@pytest.mark.parametrize("year", YEARS)
def test_capacity_figures_are_consistent_with_the_model(year):
    fig = hc.capacity_figures(year)
    capacity = params_for_year(year)["capacity"].default
    assert fig["capacity"] == capacity
    assert fig["default"]["tilt"] == pytest.approx(float(evaluate(year=year).tilt))
    assert fig["scaled_up"]["capacity"] == pytest.approx(2 * capacity)
    assert fig["scaled_down"]["capacity"] == pytest.approx(capacity / 2)
    # More capacity never lowers the tilt, and the crossings are in order.
    assert fig["scaled_down"]["tilt"] < fig["default"]["tilt"] < fig["scaled_up"]["tilt"]
    assert fig["flip"] < fig["lean"] < fig["clear"]
    for key, level in (
        ("flip", 0.0),
        ("lean", VERDICT_THRESHOLDS["lean"]),
        ("clear", VERDICT_THRESHOLDS["clear"]),
    ):
        tilt = float(evaluate(year=year, capacity=fig[key]).tilt)
        assert tilt == pytest.approx(level, abs=1e-6)
    assert 0 < fig["worked_share"] < 1
    # like for like: the capacity to work every domestic report is the task forces' share
    icac_share = params_for_year(year)["icac_share"].default
    assert fig["reach_all"] == pytest.approx(fig["domestic"] * icac_share)
    low, high = RANGES["capacity"]
    assert fig["reach_all_in_range"] == (low <= fig["reach_all"] <= high)


@pytest.mark.parametrize("factor", [1, 0.5, -2, float("nan"), True, "2"])
def test_capacity_figures_rejects_bad_factors(factor):
    with pytest.raises(ValueError, match="factor"):
        hc.capacity_figures(2023, factor=factor)


@pytest.mark.parametrize("year", YEARS)
def test_capacity_response_chart_carries_its_words(year):
    chart = hc.capacity_response_chart(year, n=21)
    assert isinstance(chart, Chart)
    fig = hc.capacity_figures(year)
    assert f"{fig['capacity']:,.0f}" in chart.title
    assert f"{fig['default']['tilt']:+.2f}" in chart.alt
    keys = _keys_in(chart.source)
    assert keys and set(keys) <= set(bibliography.sources())
    # The urgent-escalation count shares a data row with the volume but is not behind it.
    assert "factually_escalations_2023" not in keys
    assert "primary" in chart.source or "secondary" in chart.source
    for name in chart.data_files:
        assert (DATA_DIR / name).exists()
    line = chart.figure.data[0]
    assert list(line.y) == sorted(line.y), "the tilt must rise with capacity"
    assert chart.figure.layout.xaxis.type == "log"
    assert chart.figure.layout.xaxis.title.text and chart.figure.layout.yaxis.title.text


@pytest.mark.parametrize("n", [0, 4, 2.5, True])
def test_capacity_response_chart_rejects_bad_n(n):
    with pytest.raises(ValueError, match="n must be"):
        hc.capacity_response_chart(2023, n=n)


# --- urgent reports -------------------------------------------------------------------------


def test_urgency_table_has_every_count_with_its_source():
    table = hc.urgency_table()
    frame = table.frame
    years = load("reports_by_year")
    escalations = years[years["urgent_escalations"].notna()]
    outcomes = load("capacity_outcomes")
    gpcep = outcomes[
        outcomes["metric"].str.startswith("us_referrals_gpcep_priority_")
        | (outcomes["metric"] == "us_esp_escalations_gpcep")
    ]
    assert len(frame) == len(escalations) + len(gpcep)
    assert sorted(frame["value"]) == sorted(
        list(escalations["urgent_escalations"].astype(float)) + list(gpcep["value"])
    )
    assert set(frame["confidence"]) <= {"primary", "secondary"}
    preferred = escalations[escalations["preferred"]].iloc[0]
    row = frame[frame["value"] == float(preferred["urgent_escalations"])].iloc[0]
    assert row["count"] == f"{preferred['urgent_escalations']:,.0f}"
    assert row["keys"] == "factually_escalations_2023"
    assert "<caption>" in table.html and 'scope="col"' in table.html
    assert "<a href=" in table.html


# --- data page ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            {"type": "integer", "unit": "year", "constraints": {"minimum": 1998, "maximum": 2025}},
            "1998 to 2025",
        ),
        (
            {"type": "integer", "constraints": {"minimum": 0, "maximum": 100000000}},
            "0 to 100,000,000",
        ),
        ({"type": "number", "constraints": {"minimum": 0}}, "at least 0"),
        ({"type": "number", "constraints": {"maximum": 0.5}}, "at most 0.5"),
        (
            {"type": "string", "constraints": {"enum": ["primary", "secondary"]}},
            "one of: primary; secondary",
        ),
        ({"type": "boolean"}, "true or false"),
        (
            {"type": "string", "bibkeys": True, "separator": ";"},
            "keys in references.bib, separated by ';'",
        ),
        (
            {"type": "string", "constraints": {"pattern": "^K[0-9]{2}$"}},
            "text matching ^K[0-9]{2}$",
        ),
        ({"type": "string"}, "any text"),
    ],
)
def test_allowed_values_in_words(field, expected):
    assert hc.allowed_values(field) == expected


@pytest.mark.parametrize("name", tables())
def test_data_dictionary_lists_every_column_with_its_allowed_values(name):
    table = hc.data_dictionary(name)
    spec = describe(name)["schema"]["fields"]
    assert table.frame["name"].tolist() == [f["name"] for f in spec]
    assert table.frame["allowed"].str.len().gt(0).all()
    assert "<caption>" in table.html and 'scope="row"' in table.html
    for field in spec:
        c = field.get("constraints", {})
        if "minimum" in c and "maximum" in c and field.get("unit") == "year":
            assert f"{c['minimum']} to {c['maximum']}" in table.text


@pytest.mark.parametrize("name", tables())
def test_table_card_links_the_file_and_describes_every_check(name):
    card = hc.table_card(name)
    path = describe(name)["path"]
    assert f'href="{DATA_URL_PREFIX}{path}"' in card.html
    assert card.html.count("<details>") == 2
    for check in describe(name).get("checks", []):
        assert hc.check_text(check) in card.text


def test_check_text_describes_every_check_in_words():
    for name in tables():
        for check in describe(name).get("checks", []):
            text = hc.check_text(check)
            assert text and text.endswith(".")
            assert " check (" not in text, f"{name}: no wording for {check['type']}"


def test_unknown_table_is_refused():
    for function in (hc.data_dictionary, hc.table_card):
        with pytest.raises(ValueError, match="unknown table"):
            function("no_such_table")


def test_files_table_links_every_published_file():
    table = hc.files_table()
    published = sorted(
        p.name for p in DATA_DIR.iterdir() if any(fnmatch.fnmatch(p.name, g) for g in DATA_FILES)
    )
    assert sorted(table.frame["file"]) == published
    for name in published:
        assert f'href="{DATA_URL_PREFIX}{name}" download' in table.html
    assert set(hc.PUBLISHED_PATTERNS) == set(DATA_FILES)


def test_gaps_table_lists_every_documented_gap():
    table = hc.gaps_table()
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    gaps = [g for r in package["resources"] for g in r.get("gaps", [])]
    assert table.frame["gap"].tolist() == gaps


def test_provenance_counts_add_up():
    counts = hc.provenance_counts()
    assert counts["tables"] == len(tables())
    assert counts["rows"] == sum(len(load(n)) for n in tables())
    assert counts["primary_rows"] + counts["secondary_rows"] <= counts["rows"]
    assert counts["contradictions"] == len(load("contradictions"))
    assert 0 < counts["sources_cited_in_tables"] <= counts["sources"]
    assert counts["sources"] == len(bibliography.sources())


# --- the two pages --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["help.ipynb", "data.ipynb"])
def test_pages_do_not_repeat_the_examined_document(page, page_markdown, assert_no_seed_repeats):
    assert_no_seed_repeats(page_markdown(page))


# Numbers typed into prose: tests/test_chapter_prose.py checks every chapter page.
