"""Measure what readers and maintainers wait for, against baselines measured in the same run.

    python bench/bench.py [--quick] [--json PATH] [--moves N] [--updates N] [--reps N] [--keep]
                          [--lh-runs N] [--no-lighthouse] [--compare SITE]
                          [--no-fresh-clone] [--fresh-clone-baseline REF]

What it measures (each figure printed beside its budget; the script exits 0 either way: it
measures, it does not judge):

* build: a clean build of the whole book with its notebooks executed, then a no-change
  rebuild that takes the notebooks from the execution cache. The book is built from a
  snapshot (tracked files plus untracked, not ignored ones) in a temporary directory, with
  ``PYTHONPATH`` pointing at the snapshot, so the developer's ``_build`` is untouched and
  files edited during the run do not leak in. Same flags as ``tools/build_book.py``.
* baseline: the bare ``jupyter-book create`` template, built twice in the same run (with
  ``execute_notebooks: cache`` like ours, and ``allow_errors: true`` because its sample
  notebook imports matplotlib, which the book's environment does not install).
* pages: every page of our built site and of the template, opened cold in headless Chromium
  (``tests/browsing.py``); the bytes fetched from the site (raw and gzip -6) and the requests.
* static explorer (``book/explore.html``): time from an ``input`` event to the charts
  redrawn (the HTML balance bars and flow of reports, both resized synchronously),
  one slider move at a time (each move a full event-to-redraw cycle), measured from outside
  (page JS around ``dispatchEvent``) and inside (the page's own ``lastRedrawMs``).
* live panel: one ``LivePanel`` update (model plus figure update), kernel side only.
* model: ``evaluate`` on a 100,000-point quality x capacity grid and
  ``monte_carlo(n=10_000)``, median of several repetitions.

* Lighthouse (``bench/lighthouse.py``, npm's Lighthouse pinned in ``bench/package.json``,
  Debian's Chromium): mobile performance and accessibility, first and largest contentful
  paint and total blocking time for every page of our site and of the bare template, each
  served with gzip (``bench/gzip_server.py``); ``--compare SITE`` audits an earlier build in
  the same run.
* fresh clone (``bench/fresh_clone.py``): ``make serve`` in a new clone with empty package
  caches, to the first page served, with its install and build parts and its longest
  silence; ``--fresh-clone-baseline REF`` times an earlier commit the same way.

``--quick`` skips our two builds and measures the existing ``_build/html`` (run
``make build`` first); the bare template is still built, it takes seconds.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUILD_FLAGS = ["-W", "-n", "--keep-going"]  # as tools/build_book.py
EXPLORER_PAGE = "book/explore.html"
MB = 1_000_000  # page weights are in decimal megabytes

# Budgets (from the design, issue #8, and the performance issue, #16). ``strict`` means "<"
# rather than "<="; a fifth element True means the value must be at least the limit.
BUDGETS = {
    "build_clean": ("s", 120.0, True, "< 2 minutes (design)"),
    "build_rebuild": ("s", 10.0, False, "'seconds' (design; read as <= 10 s)"),
    "page_gzip": ("B", 0.5 * MB, False, "heaviest page cold visit, everything counted (#16)"),
    "lighthouse_perf": ("", 90.0, False, "Lighthouse mobile performance, every page (#16)", True),
    "lighthouse_a11y": ("", 100.0, False, "Lighthouse accessibility stays 100 (#16)", True),
    "fresh_clone": ("s", 240.0, False, "fresh clone to served page, empty cache (#16)"),
    "explorer": ("ms", 16.0, False, "slider input to charts updated, median (design)"),
    "live": ("ms", 100.0, False, "not in the design: a responsiveness budget chosen here"),
    "model": ("s", 1.0, False, "'well under 1 s' (design; read as <= 1 s)"),
}


# --- pure helpers (unit-tested in tests/test_bench.py) -----------------------------------------
def percentile(values, q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    xs = sorted(float(v) for v in values)
    if not xs:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100 (got {q})")
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def median(values) -> float:
    return percentile(values, 50)


def summary(values) -> dict:
    """n, median, p95, min, max of a list of samples."""
    xs = [float(v) for v in values]
    return {
        "n": len(xs),
        "median": median(xs),
        "p95": percentile(xs, 95),
        "min": min(xs),
        "max": max(xs),
        "mean": statistics.fmean(xs),
    }


@dataclass(frozen=True)
class Budget:
    limit: float
    strict: bool = False  # True: the value must be below the limit, not equal to it
    note: str = ""
    at_least: bool = False  # True: a floor (a score), not a ceiling

    def met(self, value: float) -> bool:
        if self.at_least:
            return value > self.limit if self.strict else value >= self.limit
        return value < self.limit if self.strict else value <= self.limit


def budget(key: str) -> Budget:
    _unit, limit, strict, note, *floor = BUDGETS[key]
    return Budget(limit, strict, note, bool(floor and floor[0]))


@dataclass
class Row:
    """One measured figure: value, its budget, and the same-run baseline if there is one."""

    label: str
    unit: str  # "s", "ms", "B" (bytes) or "" (a count)
    value: float | None = None
    budget: Budget | None = None
    baseline: float | None = None
    note: str = ""  # why it was not measured, or what it is

    @property
    def met(self) -> bool | None:
        if self.value is None or self.budget is None:
            return None
        return self.budget.met(self.value)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(met=self.met, ratio=self.ratio, verdict=verdict(self))
        return d


def verdict(row: Row) -> str:
    if row.value is None:
        return "not measured"
    if row.budget is None:
        return "-"
    return "met" if row.met else "NOT MET"


def fmt(value: float | None, unit: str) -> str:
    """A value with its unit, in a few significant figures."""
    if value is None:
        return "-"
    if unit == "B":
        if value >= MB:
            return f"{value / MB:.2f} MB"
        return f"{value / 1000:.0f} kB"
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    return f"{value:g}"


def fmt_budget(b: Budget | None, unit: str) -> str:
    if b is None:
        return "-"
    if b.at_least:
        return f"{'>' if b.strict else '>='} {fmt(b.limit, unit)}"
    return f"{'<' if b.strict else '<='} {fmt(b.limit, unit)}"


def fmt_ratio(r: float | None) -> str:
    return "-" if r is None else f"{r:.2f}x"


def format_table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """A fixed-width text table; columns in ``right`` are right-aligned."""
    widths = [len(h) for h in headers]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, expected {len(headers)}: {row}")
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells):
        out = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def summary_table(rows: list[Row]) -> str:
    headers = ["measure", "value", "budget", "verdict", "bare JB", "ours/bare"]
    cells = [
        [
            r.label,
            fmt(r.value, r.unit),
            fmt_budget(r.budget, r.unit),
            verdict(r),
            fmt(r.baseline, r.unit),
            fmt_ratio(r.ratio),
        ]
        for r in rows
    ]
    return format_table(headers, cells, right={1, 4, 5})


def pages_table(pages: list[dict]) -> str:
    cells = [
        [p["page"], str(p["requests"]), fmt(p["bytes"], "B"), fmt(p["gzip_bytes"], "B")]
        for p in sorted(pages, key=lambda p: -p["gzip_bytes"])
    ]
    return format_table(["page", "requests", "raw", "gzip"], cells, right={1, 2, 3})


def heaviest(pages: list[dict]) -> dict | None:
    return max(pages, key=lambda p: p["gzip_bytes"], default=None)


# --- builds ------------------------------------------------------------------------------------
def snapshot(dest: Path) -> int:
    """Copy the repository's tracked and untracked-but-not-ignored files into ``dest``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    count = 0
    for raw in listed:
        if not raw:
            continue
        rel = raw.decode()
        src = ROOT / rel
        if not src.is_file():  # deleted in the working tree
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
        count += 1
    return count


def timed_build(source: Path, log: Path, env: dict | None = None) -> tuple[float, int]:
    """Build once; wall-clock seconds and return code; output to ``log``.

    Our book is built as ``make build`` builds it (``tools/build_book.py``: notebooks executed
    in parallel, then Jupyter Book); the bare template with ``jupyter-book build``.
    """
    script = source / "tools" / "build_book.py"
    if script.is_file():
        cmd = [sys.executable, str(script)]
    else:
        cmd = [str(JUPYTER_BOOK), "build", str(source), *BUILD_FLAGS]
    start = time.perf_counter()
    with log.open("w") as out:
        done = subprocess.run(cmd, cwd=source, env=env, stdout=out, stderr=subprocess.STDOUT)
    return time.perf_counter() - start, done.returncode


def build_twice(source: Path, name: str, env: dict | None = None) -> dict:
    """A clean build (no _build yet) and a no-change rebuild of ``source``."""
    shutil.rmtree(source / "_build", ignore_errors=True)
    result = {}
    for kind in ("clean", "rebuild"):
        log = RESULTS / f"build-{name}-{kind}.log"
        seconds, rc = timed_build(source, log, env)
        result[kind] = {"seconds": seconds, "returncode": rc, "log": str(log)}
        print(f"  {name} {kind} build: {seconds:.1f} s (exit {rc})", flush=True)
    result["html"] = str(source / "_build" / "html")
    return result


def build_ours(tmp: Path) -> dict:
    src = tmp / "book"
    files = snapshot(src)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(src), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    result = build_twice(src, "ours", env)
    result["files"] = files
    return result


def build_bare(tmp: Path) -> dict:
    src = tmp / "bare"
    subprocess.run(
        [str(JUPYTER_BOOK), "create", str(src)], check=True, capture_output=True, cwd=tmp
    )
    config = src / "_config.yml"
    text = config.read_text()
    if "execute_notebooks: force" not in text:
        raise RuntimeError("the template's _config.yml changed: expected execute_notebooks")
    config.write_text(
        text.replace("execute_notebooks: force", "execute_notebooks: cache\n  allow_errors: true")
    )
    return build_twice(src, "bare")


# --- in-process: model and live panel ------------------------------------------------------------
def bench_model(reps: int) -> dict:
    import numpy as np

    from tipline.model import RANGES, evaluate
    from tipline.model.uncertainty import monte_carlo

    q_lo, q_hi = RANGES["quality"]
    c_lo, c_hi = RANGES["capacity"]
    quality = np.linspace(q_lo, q_hi, 400)[:, None]
    capacity = np.linspace(c_lo, c_hi, 250)[None, :]

    def grid():
        return evaluate(quality=quality, capacity=capacity)

    def mc():
        return monte_carlo(n=10_000)

    start = time.perf_counter()
    shape = grid().shape  # the first call reads data/ (calibration)
    first = time.perf_counter() - start
    out = {"grid_points": int(np.prod(shape)), "first_call_s": first, "reps": reps}
    for name, fn in (("grid", grid), ("monte_carlo", mc)):
        fn()
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        out[name] = summary(times)
    return out


def bench_live(updates: int, seed: int = 11) -> dict:
    import numpy as np

    from tipline.explorer.live import LivePanel

    t = time.perf_counter()
    panel = LivePanel()
    built = time.perf_counter() - t
    calls = []
    inner = panel.update

    def counted():
        calls.append(1)
        inner()

    panel.update = counted  # to check that each assignment triggers exactly one update
    rng = np.random.default_rng(seed)
    slider = panel.sliders["capacity"]
    lo, hi = slider.min, slider.max  # powers of ten: capacity's slider is logarithmic
    times = []
    warmup = 5
    for i in range(updates + warmup):
        value = float(10 ** rng.uniform(lo, hi))
        before = len(calls)
        t = time.perf_counter()
        slider.value = value
        elapsed = time.perf_counter() - t
        if len(calls) != before + 1:
            raise RuntimeError("a slider assignment did not trigger exactly one update")
        if i >= warmup:
            times.append(elapsed * 1000)
    return {"construct_s": built, "update_ms": summary(times), "slider": "capacity"}


# --- browser: page weights and the static explorer --------------------------------------------
def page_weights(browser, site: Path) -> list[dict]:
    from browsing import SiteServer, site_pages, visit

    server = SiteServer(site)
    try:
        pages = []
        for rel in site_pages(site):
            v = visit(browser, server, rel, axe=False)
            pages.append(
                {
                    "page": rel,
                    "bytes": v.bytes,
                    "gzip_bytes": v.gzip_bytes,
                    "requests": len(v.fetched) + len(v.off_host),  # blocked ones too
                    "same_host_files": len(v.fetched),
                    "off_host_blocked": len(v.off_host),
                    "problems": v.problems(),
                }
            )
        return pages
    finally:
        server.close()


def explorer_latency(browser, site: Path, moves: int, seed: int = 7) -> dict:
    """The static explorer's input-to-redrawn times (bench/explorer_latency.py)."""
    from explorer_latency import explorer_latency as measure

    return measure(browser, site, moves, summary, seed=seed)


# --- Lighthouse -----------------------------------------------------------------------------------
def run_lighthouse(results: dict, site: Path, bare_site: Path | None, compare, runs: int):
    import lighthouse

    if not lighthouse.installed():
        results["lighthouse_ours"] = {"error": "Lighthouse not installed: run `make bench`"}
        return
    for key, label, folder in (
        ("lighthouse_ours", "our pages", site),
        ("lighthouse_bare", "the bare template's pages", bare_site),
        ("lighthouse_compare", f"{compare}", compare),
    ):
        if folder and (Path(folder) / "index.html").exists():
            print(f"Lighthouse (mobile) on {label}, served with gzip ...", flush=True)
            pages = lighthouse.chapter_pages(Path(folder))
            attempt(results, key, lighthouse.audit_site, Path(folder), pages, runs)


def worst(rows, key: str, lowest: bool = False):
    """The worst page's value of ``key`` (the lowest score or the highest time) and its page."""
    rows = [r for r in rows or [] if isinstance(r, dict) and r.get(key) is not None]
    if not rows:
        return None, ""
    pick = (min if lowest else max)(rows, key=lambda r: r[key])
    return pick[key], pick["page"]


def lighthouse_rows(results: dict) -> list[Row]:
    ours, bare = results.get("lighthouse_ours"), results.get("lighthouse_bare")
    ours = ours if isinstance(ours, list) else None
    bare = bare if isinstance(bare, list) else None
    note = failed(results.get("lighthouse_ours")) if ours is None else ""
    rows = []
    for key, label, unit, b, lowest in (
        ("performance", "Lighthouse performance, worst page", "", "lighthouse_perf", True),
        ("accessibility", "Lighthouse accessibility, worst page", "", "lighthouse_a11y", True),
        ("fcp_ms", "Lighthouse first contentful paint, worst", "ms", None, False),
        ("lcp_ms", "Lighthouse largest contentful paint, worst", "ms", None, False),
        ("tbt_ms", "Lighthouse total blocking time, worst", "ms", None, False),
    ):
        value, page = worst(ours, key, lowest)
        base, _ = worst(bare, key, lowest)
        rows.append(Row(label, unit, value, budget(b) if b else None, base, note=note or page))
    return rows


def fresh_clone_rows(results: dict) -> list[Row]:
    fc, base = results.get("fresh_clone"), results.get("fresh_clone_baseline") or {}
    if fc is None:
        return []
    note = fc.get("error", "")
    rows = []
    for key, label, b in (
        ("total_s", "fresh clone -> served page (empty cache)", "fresh_clone"),
        ("install_s", "  of which install", None),
        ("build_s", "  of which build", None),
        ("longest_silence_s", "  longest silence in its output", None),
    ):
        rows.append(
            Row(label, "s", fc.get(key), budget(b) if b else None, base.get(key), note=note)
        )
    return rows


def lighthouse_table(rows: list[dict], weights: list[dict] | None) -> str:
    """One line per page: Lighthouse's scores and timings beside the bytes a cold visit fetches."""
    by_page = {w["page"]: w for w in weights or [] if isinstance(w, dict)}
    cells = []
    for r in sorted(rows, key=lambda r: (r["performance"] or 0, r["page"])):
        w = by_page.get(r["page"], {})
        cells.append(
            [
                r["page"],
                "-" if r["performance"] is None else str(r["performance"]),
                "-" if r["accessibility"] is None else str(r["accessibility"]),
                fmt(r["fcp_ms"] / 1000, "s"),
                fmt(r["lcp_ms"] / 1000, "s"),
                fmt(r["tbt_ms"], "ms"),
                fmt(w.get("gzip_bytes"), "B"),
                str(w.get("requests", "-")),
            ]
        )
    headers = ["page", "perf", "a11y", "FCP", "LCP", "TBT", "gzip", "requests"]
    return format_table(headers, cells, right={1, 2, 3, 4, 5, 6, 7})


# --- the run --------------------------------------------------------------------------------------
def attempt(results: dict, key: str, fn, *args):
    """Run one measurement; on failure record why and carry on."""
    try:
        results[key] = fn(*args)
    except Exception as err:  # noqa: BLE001 - the run reports what it could not measure
        traceback.print_exc()
        results[key] = {"error": f"{type(err).__name__}: {err}"}
    return results[key]


def failed(part: dict | None) -> str | None:
    if part is None:
        return "skipped"
    return part.get("error")


def build_rows(results: dict, quick: bool) -> list[Row]:
    rows = []
    ours, bare = results.get("build_ours"), results.get("build_bare")
    for kind, key, label in (
        ("clean", "build_clean", "build: clean, notebooks executed"),
        ("rebuild", "build_rebuild", "build: no-change rebuild (cache)"),
    ):
        row = Row(label, "s", budget=budget(key))
        if ours and "error" not in ours and ours[kind]["returncode"] == 0:
            row.value = ours[kind]["seconds"]
        else:
            row.note = "skipped (--quick)" if quick else (failed(ours) or "build failed")
        if bare and "error" not in bare and bare[kind]["returncode"] == 0:
            row.baseline = bare[kind]["seconds"]
        rows.append(row)

    pages, bare_pages = results.get("pages_ours"), results.get("pages_bare")
    top = heaviest(pages) if isinstance(pages, list) else None
    btop = heaviest(bare_pages) if isinstance(bare_pages, list) else None
    for unit_key, label, b in (
        ("gzip_bytes", "heaviest page, cold visit, gzip", budget("page_gzip")),
        ("bytes", "heaviest page, cold visit, raw", None),
        ("requests", "heaviest page, requests", None),
    ):
        row = Row(label, "B" if unit_key != "requests" else "", budget=b)
        if top:
            row.value = top[unit_key]
            if unit_key == "gzip_bytes":
                row.note = f"ours: {top['page']}; bare: {btop['page'] if btop else '-'}"
        else:
            row.note = failed(pages) or "no pages"
        if btop:
            row.baseline = btop[unit_key]
        rows.append(row)

    ex = results.get("explorer")
    ok = ex and "error" not in ex
    for key, label, stat, b in (
        ("outside_ms", "explorer: input->redrawn, outside, median", "median", budget("explorer")),
        ("outside_ms", "explorer: input->redrawn, outside, p95", "p95", None),
        ("inpage_ms", "explorer: lastRedrawMs (in page), median", "median", budget("explorer")),
        ("inpage_ms", "explorer: lastRedrawMs (in page), p95", "p95", None),
        ("to_next_frame_ms", "explorer: input->next frame after, median", "median", None),
    ):
        rows.append(Row(label, "ms", ex[key][stat] if ok else None, b, note=failed(ex) or ""))

    live = results.get("live")
    ok = live and "error" not in live
    stats = live["update_ms"] if ok else {}
    rows.append(Row("live panel: one update, median", "ms", stats.get("median"), budget("live")))
    rows.append(Row("live panel: one update, p95", "ms", stats.get("p95")))

    model = results.get("model")
    ok = model and "error" not in model
    grid = model["grid"]["median"] if ok else None
    mc = model["monte_carlo"]["median"] if ok else None
    rows.append(Row("model: 100,000-point grid, median", "s", grid, budget("model")))
    rows.append(Row("model: Monte Carlo n=10,000, median", "s", mc, budget("model")))
    rows.append(Row("model: grid + Monte Carlo", "s", grid + mc if ok else None, budget("model")))
    return rows + lighthouse_rows(results) + fresh_clone_rows(results)


def report(results: dict, rows: list[Row], quick: bool) -> str:
    meta = results["meta"]
    out = [
        f"make bench - {meta['when']} - commit {meta['commit']}"
        f"{' (dirty working tree)' if meta['dirty'] else ''}",
        f"{meta['cpus']} CPUs, load average {meta['loadavg_start']} at start, "
        f"Python {meta['python']}, Chromium {meta.get('chromium', '?')}",
        f"mode: {'quick (existing _build/html, no book build)' if quick else 'full'}; "
        "bare JB = `jupyter-book create` template built in this run",
        "",
        summary_table(rows),
        "",
    ]
    notes = [f"  {r.label}: {r.note}" for r in rows if r.note]
    if notes:
        out += ["notes:", *notes, ""]
    for key, title in (("pages_ours", "our pages"), ("pages_bare", "bare template pages")):
        pages = results.get(key)
        if isinstance(pages, list):
            out += [f"{title} (cold visit, bytes fetched from the site):", pages_table(pages), ""]
            blocked = sum(p["off_host_blocked"] for p in pages)
            if blocked:
                out += [
                    f"({blocked} off-site requests were blocked and are not in the bytes or "
                    "counted as requests only: CDN files a reader online would also download)",
                    "",
                ]
            troubled = [p["page"] for p in pages if p["problems"]]
            if troubled:
                out += [f"(console errors or failed requests on: {', '.join(troubled)})", ""]
    for key, title in (
        ("lighthouse_ours", "our pages"),
        ("lighthouse_bare", "bare template pages"),
        ("lighthouse_compare", "comparison site"),
    ):
        lh = results.get(key)
        if isinstance(lh, list) and lh:
            weights = results.get(key.replace("lighthouse", "pages"))
            load = ", ".join(f"{r['load']:.1f}" for r in lh)
            out += [
                f"Lighthouse {lh[0]['lighthouse']} mobile (simulated slow 4G, 4x CPU), "
                f"{title}, served with gzip; {lh[0]['runs']} run(s) per page, median kept; "
                f"1-minute load average during the runs: {load}",
                lighthouse_table(lh, weights if isinstance(weights, list) else None),
                "",
            ]
    fc = results.get("fresh_clone")
    if fc and "error" not in fc:
        out += [
            f"fresh clone of {fc['commit']}: `make serve` with empty package caches; the "
            f"longest silence followed: {fc['longest_silence_after']!r}; log: {fc['log']}",
            "",
        ]
    ex = results.get("explorer")
    if ex and "error" not in ex:
        out.append(
            f"explorer: {ex['moves']} slider moves ({', '.join(ex['sliders'])}) after "
            f"{ex['warmup_moves']} warm-up moves. 'outside' = page JS: performance.now() before "
            "dispatching `input` to the MutationObserver seeing data-redraws change; "
            "'in page' = the explorer's own lastRedrawMs (the input handler's start to the "
            "last text, bar and HTML flow updated); "
            "'next frame' = outside + the next requestAnimationFrame."
        )
        if ex["errors"]:
            out.append(f"explorer console errors: {ex['errors'][:3]}")
    live = results.get("live")
    if live and "error" not in live:
        out.append(
            f"live panel: {live['update_ms']['n']} capacity slider moves in-process (kernel "
            "side: model + FigureWidget updates; no frontend, so comm and browser rendering are "
            "not included). Budget 100 ms chosen here, the design gives none."
        )
    model = results.get("model")
    if model and "error" not in model:
        out.append(
            f"model: median of {model['reps']} runs after a warm-up; the first call, which "
            f"reads data/, took {model['first_call_s']:.3f} s."
        )
    out = [
        textwrap.fill(line, 100, break_on_hyphens=False, break_long_words=False)
        if len(line) > 100 and "  " not in line
        else line
        for line in out
    ]
    errors = [
        f"  {k}: {v['error']}" for k, v in results.items() if isinstance(v, dict) and v.get("error")
    ]
    if errors:
        out += ["", "could not measure:", *errors]
    return "\n".join(out)


def git(*args) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip our builds, use _build/html")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json", help="JSON output")
    parser.add_argument("--moves", type=int, default=240, help="explorer slider moves (>= 200)")
    parser.add_argument("--updates", type=int, default=200, help="live panel updates")
    parser.add_argument("--reps", type=int, default=7, help="model repetitions")
    parser.add_argument("--keep", action="store_true", help="keep the temporary build directory")
    parser.add_argument("--lh-runs", type=int, default=1, help="Lighthouse runs per page")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument(
        "--compare", type=Path, help="also audit this built site (e.g. an earlier build)"
    )
    parser.add_argument(
        "--no-fresh-clone", action="store_true", help="skip the fresh-clone timing (minutes)"
    )
    parser.add_argument(
        "--fresh-clone-baseline", metavar="REF", help="also time a fresh clone of this commit"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "tests"))  # browsing.py
    sys.path.insert(0, str(ROOT / "bench"))  # lighthouse.py, gzip_server.py, fresh_clone.py
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "meta": {
            "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            "commit": git("rev-parse", "--short", "HEAD"),
            "dirty": bool(git("status", "--porcelain")),
            "cpus": os.cpu_count(),
            "loadavg_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "python": platform.python_version(),
            "quick": args.quick,
            "budgets": {k: {"unit": v[0], **asdict(budget(k))} for k, v in BUDGETS.items()},
        }
    }
    tmp = Path(tempfile.mkdtemp(prefix="tipline-bench-"))
    try:
        if not args.quick:
            print("building the book from a snapshot (clean, then no change) ...", flush=True)
            attempt(results, "build_ours", build_ours, tmp)
        print("building the bare jupyter-book template (clean, then no change) ...", flush=True)
        attempt(results, "build_bare", build_bare, tmp)

        print("model ...", flush=True)
        attempt(results, "model", bench_model, args.reps)
        print("live panel ...", flush=True)
        attempt(results, "live", bench_live, args.updates)

        ours = results.get("build_ours", {})
        site = Path(ours["html"]) if ours.get("html") and "error" not in ours else None
        if site is None or not (site / "index.html").exists():
            site = ROOT / "_build" / "html"
        results["meta"]["site"] = str(site)
        bare = results.get("build_bare", {})
        bare_site = Path(bare["html"]) if bare.get("html") else None

        from browsing import launch_browser
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = launch_browser(p)
            results["meta"]["chromium"] = browser.version
            if (site / "index.html").exists():
                print(f"page weights of {site} ...", flush=True)
                attempt(results, "pages_ours", page_weights, browser, site)
                print("static explorer ...", flush=True)
                attempt(results, "explorer", explorer_latency, browser, site, args.moves)
            else:
                results["pages_ours"] = {"error": f"no built site at {site}: run make build"}
            if bare_site and (bare_site / "index.html").exists():
                print("page weights of the bare template ...", flush=True)
                attempt(results, "pages_bare", page_weights, browser, bare_site)
            if args.compare:
                print(f"page weights of {args.compare} ...", flush=True)
                attempt(results, "pages_compare", page_weights, browser, args.compare)
            browser.close()
        if not args.no_lighthouse:
            run_lighthouse(results, site, bare_site, args.compare, args.lh_runs)
        if not args.no_fresh_clone:
            import fresh_clone

            print("fresh clone to served page, empty package caches ...", flush=True)
            attempt(results, "fresh_clone", fresh_clone.measure, "HEAD")
            if args.fresh_clone_baseline:
                print(f"fresh clone of {args.fresh_clone_baseline} ...", flush=True)
                attempt(
                    results, "fresh_clone_baseline", fresh_clone.measure, args.fresh_clone_baseline
                )
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    results["meta"]["loadavg_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    rows = build_rows(results, args.quick)
    results["rows"] = [r.as_dict() for r in rows]
    text = report(results, rows, args.quick)
    print()
    print(text)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nwrote {args.json}")
    return 0  # it measures, it does not judge


if __name__ == "__main__":
    sys.exit(main())
