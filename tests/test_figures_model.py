"""Charts and tables of the model chapter, the executive summary and the conclusion."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tipline.bibliography import sources
from tipline.chart import Chart
from tipline.data import load
from tipline.figures import model_charts as mc
from tipline.figures.sources import cited
from tipline.model import CHOICES, NAMES, VERDICT_PHRASES, YEARS, evaluate, params_for_year
from tipline.model.uncertainty import choice_spread, frontier, monte_carlo, tornado
from tipline.paths import DATA_DIR

CHARTS = {
    "tornado_chart": mc.tornado_chart,
    "monte_carlo_histogram": lambda year=None: mc.monte_carlo_histogram(year, n=2000),
    "frontier_chart": lambda year=None: mc.frontier_chart(year, n_quality=12),
    "choice_spread_chart": lambda year=None: mc.choice_spread_chart(
        [2023, 2024] if year is None else [year]
    ),
}


def _reports(year):
    rows = load("reports_by_year")
    rows = rows[rows["preferred"] & (rows["year"] == year)]
    return float(rows["total_reports"].iloc[0]), float(
        rows["international_user_location_reports"].iloc[0]
    )


def _icac(metric, year):
    rows = load("capacity_outcomes")
    rows = rows[(rows["metric"] == metric) & (rows["period"] == f"FY{year}")]
    return float(rows["value"].iloc[0])


def _keys_in(source: str) -> list[str]:
    return list(cited(source))


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("year", YEARS)
def test_charts_carry_their_words(name, year):
    chart = CHARTS[name](year)
    assert isinstance(chart, Chart)
    for text in (chart.title, chart.source, chart.alt):
        assert text.strip()
    keys = _keys_in(chart.source)
    assert keys, chart.source
    known = sources()
    assert all(k in known for k in keys), keys
    assert "primary" in chart.source or "secondary" in chart.source
    assert chart.data_files
    for f in chart.data_files:
        assert (DATA_DIR / f).exists(), f
    assert chart.figure.data, "chart has no traces"
    html = chart.to_html()
    assert "<figure" in html and chart.alt[:40].replace("'", "&#x27;") in html


def test_flow_title_alt_and_bars_come_from_the_data():
    total, abroad = _reports(2023)
    domestic = total - abroad
    capacity = _icac("icac_investigations", 2023)
    flow = mc.flow_figure(2023)
    assert f"{domestic / 1e6:.1f} million domestic reports in 2023" in flow.title
    r = evaluate(year=2023)
    assert f"neither side gains from {float(r.neither_share):.0%}" in flow.title
    assert f"{domestic:,.0f} domestic reports" in flow.alt
    icac = load("le_recipients")
    icac = icac[(icac["year"] == 2023) & (icac["recipient"] == "ICAC units")]
    worked = min(domestic, capacity * domestic / float(icac["total"].iloc[0]))
    assert f"{worked:,.0f} reports are worked" in flow.alt
    assert mc.round_count(float(r.sound_case)) in flow.title
    assert f"{float(r.tilt):+.2f}" in flow.alt
    # the bars are the explorer's HTML (no plotly), each part named with its count
    html = flow.to_html()
    assert html.startswith('<figure class="tipline-figure tipline-figure--html"')
    assert f"{float(r.sound_case):,.0f}" in html and "helps defendants" in html
    assert 'data-flow="sound_case"' in html and "tipline-plot" not in html
    assert flow.alt[:40].replace("'", "&#x27;") in html and "Source:" in html


def test_tornado_chart_names_the_largest_swing():
    table = tornado(2023)
    chart = mc.tornado_chart(2023)
    top = table.iloc[0]
    assert chart.title.startswith(params_for_year(2023)[top["param"]].label)
    lo, hi = sorted((top["tilt_low"], top["tilt_high"]))
    assert f"{lo:+.2f} to {hi:+.2f}" in chart.title
    assert f"of {len(NAMES)} parameters" in chart.title
    assert f"{table.attrs['tilt_default']:+.2f}" in chart.alt
    # one dot per parameter at each end of its range, at the tilt that end gives
    ends = {t.name: list(t.x) for t in chart.figure.data if t.name}
    assert len(ends) == 2
    low, high = (ends[f"{end.title()} end of the parameter's range"] for end in ("low", "high"))
    assert low == pytest.approx(list(table["tilt_low"]))
    assert high == pytest.approx(list(table["tilt_high"]))
    # the capacity row is there, at the ICAC count x the range rule
    capacity = _icac("icac_investigations", 2023)
    assert f"{capacity * 0.5:,.0f}" in chart.alt


@pytest.mark.parametrize("chart", [lambda: mc.tornado_chart(2023), mc.choice_spread_chart])
def test_row_labels_sit_on_a_ground_that_hides_the_default_line(chart):
    """The dotted line at the default tilt crosses the rows' labels: it passes behind them."""
    figure = chart().figure
    labels = [a for a in figure.layout.annotations if a.xref == "paper" and a.x == 0]
    assert len(labels) >= 2
    for label in labels:
        assert label.bgcolor and label.bgcolor.startswith("rgba(255, 255, 255"), label.text


def test_monte_carlo_histogram_reports_the_median_and_interval():
    run = mc.monte_carlo_run(2023, n=3000, seed=5)
    chart = mc.monte_carlo_histogram(2023, n=3000, seed=5)
    assert f"median tilt is {run.median:+.2f}" in chart.title
    low, high = run.interval80
    assert f"between {low:+.2f} and {high:+.2f}" in chart.title
    assert "not a probability" in chart.alt
    # the run is the uncertainty module's own Monte Carlo
    np.testing.assert_array_equal(run.tilts, monte_carlo(n=3000, seed=5, year=2023).tilts)
    # the two traces together hold every draw
    assert sum(sum(trace.y) for trace in chart.figure.data) == pytest.approx(100.0)


def test_choice_spread_chart_and_table_show_every_combination():
    chart = mc.choice_spread_chart()
    table = mc.choice_spread_table()
    n_combos = len(CHOICES["baseline"]) * len(CHOICES["capacity_basis"])
    assert len(table.frame) == n_combos
    for year in YEARS:
        spread = choice_spread(year)
        at_default = spread[spread["k_level"] == "default"]
        for t in at_default["tilt"]:
            assert f"{t:+.2f}" in chart.alt
            assert f"{t:+.2f}" in table.text
    lowest = min(choice_spread(y).query("k_level == 'default'")["tilt"].min() for y in YEARS)
    assert f"{lowest:+.2f}" in chart.title


def test_assumptions_are_the_unmeasured_parameters():
    params = params_for_year(2023)
    assert mc.assumptions() == tuple(n for n in NAMES if not params[n].measured)


def test_frontier_chart_marks_each_year_against_its_own_break_even():
    chart = mc.frontier_chart(2023, n_quality=12)
    for year in YEARS:
        p = params_for_year(year)
        capacity = _icac("icac_investigations", year)
        b = float(
            frontier([p["quality"].default], [p["foreign_share"].default], year=year)["capacity"][
                0, 0
            ]
        )
        side = "above" if capacity >= b else "below"
        assert f"{year}'s capacity ({capacity:,.0f})" in chart.title
        assert f"{abs(capacity / b - 1):.0%} {side}" in chart.title
        assert f"{b:,.0f}" in chart.alt
    names = [t.name for t in chart.figure.data]
    assert sum("Foreign share" in n for n in names) == 3
    assert chart.figure.layout.yaxis.type == "log"
    compact = mc.frontier_chart(foreign_shares=(), n_quality=12)
    assert not any("Foreign share" in t.name for t in compact.figure.data)


def test_threshold_finds_the_crossing():
    for param in ("p_alert", "capacity", "quality", "p_compromise", "foreign_share"):
        x = mc.threshold(param, 0.0, 2023)
        assert x is not None, param
        assert float(evaluate(year=2023, **{param: x}).tilt) == pytest.approx(0.0, abs=1e-6)
    # p_alert: above its default flips the verdict
    a = mc.threshold("p_alert", 0.0, 2023)
    assert a > params_for_year(2023)["p_alert"].default
    # against the same report never made, lost evidence cannot move the verdict
    assert mc.threshold("p_lost", 0.0, 2023) is None
    # with other parameters and choices fixed
    fixed = {"p_alert": 0.004, "baseline": "worked_in_time"}
    x = mc.threshold("capacity", 0.0, 2023, **fixed)
    assert float(evaluate(capacity=x, **fixed).tilt) == pytest.approx(0.0, abs=1e-6)


def test_tables_are_accessible_and_computed():
    for table in (
        mc.parameter_table(),
        mc.verdict_bands_table(),
        mc.thresholds_table(2023),
        mc.monte_carlo_table(2023, n=1000),
    ):
        assert "<caption>" in table.html
        assert 'scope="col"' in table.html and 'scope="row"' in table.html
        assert table.text.strip()
        bundle = table._repr_mimebundle_()
        assert bundle["text/html"] == table.html
    params = mc.parameter_table()
    total, _ = _reports(2024)
    assert f"{total:,.0f}" in params.html
    assert len(params.frame) == len(NAMES)
    assert params.frame["kind"].str.startswith("assumption").sum() == len(mc.assumptions())
    bands = mc.verdict_bands_table()
    assert list(bands.frame["verdict"]) == list(VERDICT_PHRASES)
    assert "2.00" in bands.frame["ratio"].iloc[0]


def test_round_count():
    assert mc.round_count(9365.3) == "9,400"
    assert mc.round_count(42.4) == "42"
    with pytest.raises(ValueError, match="non-negative"):
        mc.round_count(-1)
    with pytest.raises(ValueError, match="non-negative"):
        mc.round_count(float("nan"))


@pytest.mark.parametrize("name", CHARTS)
def test_charts_reject_an_uncalibrated_year(name):
    with pytest.raises(ValueError, match="year must be one of"):
        CHARTS[name](2019)


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="n must be a whole number"):
        mc.monte_carlo_histogram(n=0)
    with pytest.raises(ValueError, match="seed must be a whole number"):
        mc.monte_carlo_run(seed=1.5)
    with pytest.raises(ValueError, match="foreign_shares must be a sequence"):
        mc.frontier_chart(foreign_shares=0.9)
    with pytest.raises(ValueError, match="foreign_share"):
        mc.frontier_chart(foreign_shares=(0.5, 1.5))
    with pytest.raises(ValueError, match="n_quality"):
        mc.frontier_chart(n_quality=2)
    with pytest.raises(ValueError, match="unknown parameter"):
        mc.threshold("speed")
    with pytest.raises(ValueError, match="do not fix it"):
        mc.threshold("p_alert", p_alert=0.01)
    with pytest.raises(ValueError, match="strictly between -1 and 1"):
        mc.threshold("p_alert", 1.0)
    with pytest.raises(ValueError, match="year must be one of"):
        mc.parameter_table(years=(2023, 2020))
    with pytest.raises(ValueError, match="at least one calibrated year"):
        mc.parameter_table(years=())
    with pytest.raises(ValueError, match="year must be one of"):
        mc.thresholds_table(2030)


def test_monte_carlo_runs_are_reproducible():
    a = mc.monte_carlo_run(n=500, seed=3)
    b = monte_carlo(n=500, seed=3)
    np.testing.assert_array_equal(a.tilts, b.tilts)
    assert mc.monte_carlo_run(n=500, seed=4).tilts[0] != a.tilts[0]


# -- the model chapter's worked example, choices, uncertainty table; the conclusion's table ----


def _arithmetic(latex: str) -> str:
    """A substituted LaTeX expression as Python arithmetic (numbers, + - * /, min, frac)."""
    expr = latex.replace("{,}", "").replace(r"\times", "*").replace(r"\min", "min")
    expr = expr.replace(r"\ ", " ")
    expr = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", expr)
    assert "\\" not in expr and "{" not in expr, expr
    return expr


@pytest.mark.parametrize("year", YEARS)
def test_worked_example_is_the_model_with_its_numbers_put_in(year):
    from latex2mathml.converter import convert

    steps = mc.worked_example(year)
    r = evaluate(year=year)
    p = {k: float(v) for k, v in r.params.items()}
    outputs = r.as_dict()
    keys = [s.key for s in steps]
    assert len(keys) == len(set(keys))
    # every output of the model appears
    assert set(keys) == set(outputs)
    for step in steps:
        assert step.value == pytest.approx(float(outputs[step.key]), rel=1e-12)
        lhs = step.symbolic.split(" = ", 1)[0]
        assert step.substituted.startswith(lhs + " = ")
        middle, result = step.substituted[len(lhs) + 3 :].rsplit(" = ", 1)
        # the shown result is the model's value, rounded
        shown = float(result.replace("{,}", ""))
        assert shown == pytest.approx(step.value, rel=1e-3, abs=0.5)
        # the arithmetic with the shown (rounded) inputs gives the result to rounding error
        if re.search(r"\d", middle):
            got = eval(_arithmetic(middle), {"min": min})  # noqa: S307 (our own numbers)
            assert got == pytest.approx(step.value, rel=2e-3, abs=1.0), step.key
        # each equation renders as MathML without leftover LaTeX
        for latex in (step.symbolic, step.substituted):
            mathml = convert(latex, display="block")
            assert "\\" not in mathml and "<mi>&amp;</mi>" not in mathml
    # the inputs shown are the year's calibrated defaults
    domestic = next(s for s in steps if s.key == "domestic")
    assert f"{p['volume']:,.0f}".replace(",", "{,}") in domestic.substituted
    assert f"{p['foreign_share']:.4g}" in domestic.substituted


def test_model_choices_match_independent_computations():
    from tipline.model import verdict

    frame = mc.model_choices(2023)
    r = evaluate(year=2023)
    p = {k: float(v) for k, v in r.params.items()}
    assert (frame["tilt_book"] == float(r.tilt)).all()
    alt = list(frame["tilt_alternative"])
    # the two modelling choices, switched
    assert alt[0] == float(evaluate(baseline="worked_in_time").tilt)
    assert alt[1] == float(evaluate(capacity_basis="all_domestic").tilt)
    # the share of weakened cases rising as quality falls
    rising = evaluate(p_compromise=p["p_compromise"] * (2 - p["quality"])).tilt
    assert alt[2] == pytest.approx(float(rising), rel=1e-9)
    # only U.S.-located reports domestic: the foreign share recomputed from the data
    rows = load("reports_by_year")
    row = rows[rows["preferred"] & (rows["year"] == 2023)].iloc[0]
    f_us = 1 - row["us_user_location_reports"] / row["total_reports"]
    assert alt[3] == pytest.approx(float(evaluate(foreign_share=f_us).tilt), rel=1e-9)
    # only actionable reports not reached can tip off a suspect
    b_inv = float(r.sound_case)
    b_def = float(r.compromised) + p["p_alert"] * float(r.not_reached)
    assert alt[4] == pytest.approx((b_inv - b_def) / (b_inv + b_def))
    for t, v in zip(frame["tilt_alternative"], frame["verdict_alternative"], strict=True):
        assert -1 <= t <= 1 and v == verdict(t)
    table = mc.model_choices_table(2023)
    assert "<caption>" in table.html and 'scope="row"' in table.html
    assert f"{frame['tilt_alternative'].iloc[1]:+.2f}" in table.text


def test_uncertainty_table_follows_the_uncertainty_module():
    from tipline.model.uncertainty import UNCERTAIN, uncertainty_ranges

    table = mc.uncertainty_table(2023)
    frame = table.frame
    assert len(frame) == len(NAMES)
    drawn = frame["drawn"].str.startswith("drawn")
    assert drawn.sum() == len(UNCERTAIN)
    low, high = uncertainty_ranges(2023)["capacity"]
    assert f"{low:,.0f} to {high:,.0f}" in table.html
    assert "Assumed range" in table.html
    assert "<caption>" in table.html and 'scope="col"' in table.html


def test_summary_table_reports_the_model_for_each_year():
    table = mc.summary_table(n=500, seed=1)
    frame = table.frame.set_index("row")
    for year in YEARS:
        r = evaluate(year=year)
        column = frame[str(year)]
        tilt = float(r.tilt)
        assert column["Tilt at the defaults"].startswith(f"{tilt:+.2f}")
        assert any(v in column["Tilt at the defaults"] for v in VERDICT_PHRASES)
        assert (
            f"({float(r.neither_share):.0%})" in column["Domestic reports where neither side gains"]
        )
        run = mc.monte_carlo_run(year, n=500, seed=1)
        (cell,) = [c for label, c in column.items() if label.startswith("Monte Carlo")]
        assert cell.startswith(f"{run.median:+.2f}")
        label = f"{params_for_year(year)['capacity'].label}: value at which the verdict flips"
        flip = mc.threshold("capacity", 0.0, year)
        assert column[label].startswith(f"{flip:,.0f}")
    assert 'scope="row"' in table.html
    with pytest.raises(ValueError, match="at least one calibrated year"):
        mc.summary_table(years=())


# -- the pages this module serves: prose that is the book's own, numbers that are glued --------

PAGES = ("model", "summary", "conclusion", "explore")


@pytest.mark.parametrize("page", PAGES)
def test_pages_do_not_repeat_the_examined_document(page, page_markdown, assert_no_seed_repeats):
    assert_no_seed_repeats(page_markdown(page))


@pytest.mark.parametrize("page", PAGES)
def test_pages_type_no_number_into_prose(page, page_markdown):
    """Outside math, code and roles, the only numbers are years, ids and single digits."""
    text = page_markdown(page)
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"^(```|:).*$", " ", text, flags=re.M)
    # years, ids such as K04 or C33, exercise labels, and single digits (list items, the
    # ends of the tilt's scale)
    allowed = re.compile(r"^(?:(?:FY|CY)?(?:19|20)\d\d|[KC]\d\d|[a-z]+-ex\d+|[+\u2212-]?\d)$")
    typed = [
        token
        for token in re.findall(r"[\w.,%+\u2212-]*\d[\w.,%+\u2212-]*", text)
        if not allowed.match(token.strip(".,;:)'s"))
    ]
    assert not typed, typed
