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


def test_page_budget_is_half_a_megabyte_gzip():
    page = bench.budget("page_gzip")
    assert page.met(500_000) and not page.met(500_001)


def test_score_budgets_are_floors():
    perf = bench.budget("lighthouse_perf")
    assert perf.at_least and perf.met(90) and perf.met(100) and not perf.met(89)
    assert bench.fmt_budget(perf, "") == ">= 90"
    a11y = bench.budget("lighthouse_a11y")
    assert a11y.met(100) and not a11y.met(99)
    assert bench.verdict(bench.Row("perf", "", 56, perf, baseline=64)) == "NOT MET"
    assert bench.budget("fresh_clone").met(240) and not bench.budget("fresh_clone").met(241)


def test_worst_page_and_lighthouse_rows():
    ours = [
        {
            "page": "a.html",
            "performance": 95,
            "accessibility": 100,
            "fcp_ms": 900.0,
            "lcp_ms": 1200.0,
            "tbt_ms": 40.0,
        },
        {
            "page": "b.html",
            "performance": 88,
            "accessibility": 100,
            "fcp_ms": 1800.0,
            "lcp_ms": 2400.0,
            "tbt_ms": 10.0,
        },
    ]
    bare = [
        {
            "page": "intro.html",
            "performance": 64,
            "accessibility": 93,
            "fcp_ms": 4000.0,
            "lcp_ms": 4100.0,
            "tbt_ms": 0.0,
        }
    ]
    assert bench.worst(ours, "performance", lowest=True) == (88, "b.html")
    assert bench.worst(ours, "tbt_ms") == (40.0, "a.html")
    assert bench.worst([], "tbt_ms") == (None, "")
    rows = bench.lighthouse_rows({"lighthouse_ours": ours, "lighthouse_bare": bare})
    perf, a11y, fcp = rows[0], rows[1], rows[2]
    assert (perf.value, perf.note, perf.met, perf.baseline) == (88, "b.html", False, 64)
    assert a11y.met is True and a11y.baseline == 93
    assert fcp.value == 1800.0 and fcp.ratio == pytest.approx(0.45)
    missing = bench.lighthouse_rows({"lighthouse_ours": {"error": "not installed"}})
    assert missing[0].value is None and missing[0].note == "not installed"
    table = bench.lighthouse_table(
        ours, [{"page": "b.html", "gzip_bytes": 420_000, "requests": 21}]
    )
    first = table.splitlines()[2]
    assert first.startswith("b.html") and "420 kB" in first and "1.8 s" in first


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


# --- the gzip server and Lighthouse's report ----------------------------------------------------

sys.path.insert(0, str(REPO_ROOT / "bench"))
import fresh_clone  # noqa: E402
import gzip_server  # noqa: E402
import lighthouse  # noqa: E402


def test_fresh_clone_parts_from_timestamped_output():
    lines = [
        (0.4, "PYTHON=python3 tools/install_env.sh .venv requirements.txt"),
        (2.0, "==> [  2s] creating .venv"),
        (14.0, "==> [ 14s] environment .venv ready"),
        (14.1, ".venv/bin/python tools/build_book.py"),
        (20.0, "notebooks: executing 12, 2 at a time"),
        (75.0, "  [1/12] book/help.ipynb executed in 55.0 s"),
        (110.0, "Serving _build/html on http://127.0.0.1:8000/ (gzip; Ctrl+C to stop)"),
    ]
    p = fresh_clone.parts(lines, served=110.6)
    assert p["install_s"] == 14.1 and p["build_s"] == pytest.approx(95.9)
    assert p["total_s"] == 110.6
    assert p["longest_silence_s"] == pytest.approx(55.0)
    assert p["longest_silence_after"] == "notebooks: executing 12, 2 at a time"
    nothing = fresh_clone.parts([], served=None)
    assert nothing["install_s"] is None and nothing["total_s"] is None


@pytest.mark.parametrize(
    "header, accepted",
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("identity", False),
        ("gzip;q=0", False),
        ("deflate, gzip;q=0.0", False),
        ("", False),
        (None, False),
    ],
)
def test_accepts_gzip(header, accepted):
    assert gzip_server.accepts_gzip(header) is accepted


def _get(url: str, encoding: str | None):
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


def test_gzip_server_compresses_text_but_not_images(tmp_path):
    import gzip

    page = "<!DOCTYPE html><title>t</title>" + "<p>tilt</p>" * 2000
    (tmp_path / "index.html").write_text(page)
    (tmp_path / "app.js").write_text("var x = 1;\n" * 500)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 8)
    with gzip_server.GzipSiteServer(tmp_path) as server:
        headers, body = _get(f"{server.base}/index.html", "gzip, br")
        assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(body).decode() == page
        assert len(body) == int(headers["Content-Length"]) < len(page) / 20
        assert len(body) == gzip_server.gzip_size(tmp_path / "index.html")
        headers, body = _get(f"{server.base}/app.js", None)  # a client that asks for nothing
        assert headers["Content-Encoding"] is None and body == (tmp_path / "app.js").read_bytes()
        headers, body = _get(f"{server.base}/logo.png", "gzip")
        assert headers["Content-Encoding"] is None
        assert body == (tmp_path / "logo.png").read_bytes()
        # A rebuilt file is served new, not from the compressed copy of the old one.
        (tmp_path / "app.js").write_text("var y = 2;\n" * 400)
        _, body = _get(f"{server.base}/app.js", "gzip")
        assert gzip.decompress(body) == (tmp_path / "app.js").read_bytes()


def test_gzip_server_refuses_a_folder_without_a_site(tmp_path):
    with pytest.raises(FileNotFoundError, match="no built site at .*index.html missing"):
        gzip_server.GzipSiteServer(tmp_path)


def _report(perf=0.91, a11y=1.0, fcp=1500.0, lcp=2100.0, tbt=120.0):
    return {
        "lighthouseVersion": "12.8.2",
        "finalDisplayedUrl": "http://127.0.0.1:1/book/help.html",
        "categories": {
            "performance": {"score": perf},
            "accessibility": {
                "score": a11y,
                "auditRefs": [{"id": "color-contrast", "weight": 7}, {"id": "x", "weight": 0}],
            },
        },
        "audits": {
            "first-contentful-paint": {"numericValue": fcp},
            "largest-contentful-paint": {"numericValue": lcp},
            "total-blocking-time": {"numericValue": tbt},
            "speed-index": {"numericValue": 1800.5},
            "cumulative-layout-shift": {"numericValue": 0.01},
            "interactive": {"numericValue": 3000},
            "total-byte-weight": {"numericValue": 412345.0},
            "color-contrast": {"score": 0 if a11y < 1 else 1},
            "x": {"score": 0},
            "render-blocking-resources": {
                "numericValue": 300,
                "numericUnit": "millisecond",
                "displayValue": "Est savings of 300 ms",
            },
        },
    }


def test_lighthouse_summary_reads_scores_metrics_and_failures():
    s = lighthouse.summarise(_report())
    assert s["performance"] == 91 and s["accessibility"] == 100
    assert (s["fcp_ms"], s["lcp_ms"], s["tbt_ms"]) == (1500.0, 2100.0, 120.0)
    assert s["transfer_bytes"] == 412345 and s["lighthouse"] == "12.8.2"
    assert s["failing_accessibility"] == []  # an audit with weight 0 does not count
    assert s["opportunities"]["render-blocking-resources"]["value"] == 300
    worse = lighthouse.summarise(_report(perf=0.555, a11y=0.93))
    assert worse["performance"] == 56 and worse["accessibility"] == 93
    assert worse["failing_accessibility"] == ["color-contrast"]


def test_lighthouse_summary_of_a_report_without_performance():
    report = _report()
    del report["categories"]["performance"]
    with pytest.raises(ValueError, match="no performance category"):
        lighthouse.summarise(report)


def test_lighthouse_median_run():
    runs = [
        lighthouse.summarise(_report(perf=p, tbt=t))
        for p, t in ((0.9, 100), (0.5, 900), (0.8, 300))
    ]
    chosen = lighthouse.median_run(runs)
    assert chosen["performance"] == 80 and chosen["tbt_ms"] == 300
    assert chosen["runs"] == 3 and chosen["performance_spread"] == 40
    assert lighthouse.median_run(runs[:2])["performance"] == 50  # the lower middle
    with pytest.raises(ValueError):
        lighthouse.median_run([])


def test_chapter_pages_of_our_layout_and_of_the_flat_template(tmp_path):
    ours, bare = tmp_path / "ours", tmp_path / "bare"
    for site, names in (
        (ours, ["book/a.html", "book/b.html", "index.html", "search.html", "genindex.html"]),
        (bare, ["intro.html", "markdown.html", "index.html", "search.html", "genindex.html"]),
    ):
        for name in names:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text("<p>x</p>")
    assert lighthouse.chapter_pages(ours) == ["book/a.html", "book/b.html", "search.html"]
    assert lighthouse.chapter_pages(bare) == ["intro.html", "markdown.html", "search.html"]


def test_the_live_panel_measure_moves_capacity_across_its_whole_scale():
    """Each timed move is one real update (capacity's slider is logarithmic: its ends are
    powers of ten, and a value drawn between the exponents would be clamped to the floor)."""
    result = bench.bench_live(updates=6)
    assert result["slider"] == "capacity"
    assert result["update_ms"]["n"] == 6
