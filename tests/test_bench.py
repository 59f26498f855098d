"""The benchmark's pure parts: statistics, budget verdicts, ratios and the printed tables."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from tipline.paths import REPO_ROOT


def _load_bench():
    """bench/bench.py is a script, not a package: load it by path under its own name."""
    path = REPO_ROOT / "bench" / "bench.py"
    spec = importlib.util.spec_from_file_location("tipline_bench_script", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


@pytest.mark.parametrize("q", [0, 5, 25, 50, 90, 95, 99, 100])
@pytest.mark.parametrize("n", [1, 2, 7, 200])
def test_percentile_matches_numpy(q, n):
    values = np.random.default_rng(n).lognormal(size=n)
    assert bench.percentile(values, q) == pytest.approx(np.percentile(values, q))


def test_percentile_and_median_on_known_values():
    assert bench.median([3, 1, 2]) == 2
    assert bench.median([4, 1, 2, 3]) == 2.5
    assert bench.percentile(range(1, 101), 95) == pytest.approx(95.05)
    assert bench.percentile([5], 95) == 5


def test_percentile_rejects_nothing_and_bad_q():
    with pytest.raises(ValueError):
        bench.percentile([], 50)
    with pytest.raises(ValueError):
        bench.percentile([1, 2], 101)


def test_summary():
    s = bench.summary([1, 2, 3, 4, 100])
    assert s["n"] == 5 and s["median"] == 3 and s["min"] == 1 and s["max"] == 100
    assert s["p95"] == pytest.approx(np.percentile([1, 2, 3, 4, 100], 95))


def test_budget_over_the_limit_is_not_met():
    explorer = bench.budget("explorer")  # <= 16 ms
    assert explorer.met(16.0) and explorer.met(3.2)
    assert not explorer.met(16.01)
    row = bench.Row("explorer median", "ms", 28.7, explorer)
    assert row.met is False
    assert bench.verdict(row) == "NOT MET"
    assert bench.verdict(bench.Row("explorer median", "ms", 9.0, explorer)) == "met"


def test_strict_budget_excludes_the_limit():
    clean = bench.budget("build_clean")  # < 2 minutes
    assert clean.strict
    assert clean.met(119.9)
    assert not clean.met(120.0)


def test_page_budget_is_one_and_a_half_megabytes_gzip():
    page = bench.budget("page_gzip")
    assert page.met(1_500_000) and not page.met(1_500_001)


def test_rows_without_value_or_budget():
    unmeasured = bench.Row("clean build", "s", None, bench.budget("build_clean"), baseline=5.0)
    assert unmeasured.met is None and unmeasured.ratio is None
    assert bench.verdict(unmeasured) == "not measured"
    assert bench.verdict(bench.Row("p95", "ms", 40.0)) == "-"


def test_ratio_against_the_baseline():
    row = bench.Row("clean build", "s", 60.0, bench.budget("build_clean"), baseline=4.0)
    assert row.ratio == 15.0
    assert bench.fmt_ratio(row.ratio) == "15.00x"
    assert bench.Row("x", "s", 1.0, baseline=0.0).ratio is None
    assert row.as_dict()["verdict"] == "met" and row.as_dict()["ratio"] == 15.0


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (5_470_000, "B", "5.47 MB"),
        (982_000, "B", "982 kB"),
        (0.0123, "s", "0.012 s"),
        (65.43, "s", "65.4 s"),
        (28.754, "ms", "28.75 ms"),
        (150.2, "ms", "150 ms"),
        (33, "", "33"),
        (None, "ms", "-"),
    ],
)
def test_fmt(value, unit, text):
    assert bench.fmt(value, unit) == text


def test_fmt_budget():
    assert bench.fmt_budget(bench.budget("build_clean"), "s") == "< 120.0 s"
    assert bench.fmt_budget(bench.budget("explorer"), "ms") == "<= 16.00 ms"
    assert bench.fmt_budget(None, "ms") == "-"


def test_format_table_is_fixed_width_and_aligned():
    table = bench.format_table(
        ["name", "value"], [["a", "1.0 s"], ["longer name", "10.0 s"]], right={1}
    )
    lines = table.splitlines()
    assert len(lines) == 4
    assert len({len(line) for line in lines}) == 1  # every line the same width
    assert lines[1].split() == ["-" * len("longer name"), "-" * len("10.0 s")]
    assert lines[2].endswith(" 1.0 s") and lines[3].startswith("longer name")
    with pytest.raises(ValueError):
        bench.format_table(["a", "b"], [["only one"]])


def test_summary_table_shows_verdicts_baselines_and_ratios():
    rows = [
        bench.Row("build: clean", "s", 90.0, bench.budget("build_clean"), baseline=6.0),
        bench.Row("explorer median", "ms", 28.7, bench.budget("explorer")),
        bench.Row("build: rebuild", "s", None, bench.budget("build_rebuild")),
    ]
    text = bench.summary_table(rows)
    clean, explorer, rebuild = text.splitlines()[2:]
    assert "90.0 s" in clean and "met" in clean and "6.0 s" in clean and "15.00x" in clean
    assert "NOT MET" in explorer and "28.70 ms" in explorer
    assert "not measured" in rebuild


def test_heaviest_page_and_pages_table():
    pages = [
        {"page": "a.html", "bytes": 10, "gzip_bytes": 5, "requests": 3},
        {"page": "b.html", "bytes": 8, "gzip_bytes": 7, "requests": 4},
    ]
    assert bench.heaviest(pages)["page"] == "b.html"
    assert bench.heaviest([]) is None
    lines = bench.pages_table(pages).splitlines()
    assert lines[2].startswith("b.html")  # heaviest first
