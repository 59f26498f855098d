"""Lighthouse (mobile, simulated throttling) on every page of a built site, served with gzip.

    python bench/lighthouse.py [SITE] [--pages a.html,b.html] [--runs N] [--json PATH]

Lighthouse comes from npm, pinned in ``bench/package.json`` and its lock file (``make bench``
installs it with ``npm ci``); it drives Debian's Chromium (``CHROME_PATH``, default
``/usr/bin/chromium``). Each page is audited ``runs`` times and the run with the median
performance score is kept, as Lighthouse's own documentation advises for variance. The
site is served by :mod:`gzip_server` on 127.0.0.1, as a static host would serve it.

Lighthouse's simulated throttling (a mid-range phone, slow 4G) computes its timings from a
trace taken on this machine, so CPU contention from other processes inflates total blocking
time: the report prints the load average beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"

#: Metrics kept from each report: Lighthouse audit id -> short name (values in ms, CLS bare).
METRICS = {
    "first-contentful-paint": "fcp_ms",
    "largest-contentful-paint": "lcp_ms",
    "total-blocking-time": "tbt_ms",
    "speed-index": "si_ms",
    "cumulative-layout-shift": "cls",
    "interactive": "tti_ms",
}
#: Opportunities worth naming in the report (estimated savings in ms or bytes).
OPPORTUNITIES = (
    "render-blocking-resources",
    "unused-css-rules",
    "unused-javascript",
    "bootup-time",
    "mainthread-work-breakdown",
)


def summarise(report: dict) -> dict:
    """The figures ``make bench`` reports, from one Lighthouse JSON report (pure).

    Scores are 0-100 (Lighthouse's 0-1 times 100, rounded as its UI rounds them).
    """
    cats = report.get("categories") or {}
    audits = report.get("audits") or {}
    missing = [c for c in ("performance",) if c not in cats]
    if missing:
        raise ValueError(f"Lighthouse report has no {missing[0]} category (ran with --only?)")
    out = {
        "url": report.get("finalDisplayedUrl") or report.get("finalUrl") or "",
        "lighthouse": report.get("lighthouseVersion", ""),
    }
    for cat in ("performance", "accessibility"):
        score = (cats.get(cat) or {}).get("score")
        out[cat] = None if score is None else round(score * 100)
    for audit_id, name in METRICS.items():
        value = (audits.get(audit_id) or {}).get("numericValue")
        out[name] = None if value is None else float(value)
    weight = (audits.get("total-byte-weight") or {}).get("numericValue")
    out["transfer_bytes"] = None if weight is None else int(weight)
    out["opportunities"] = {}
    for audit_id in OPPORTUNITIES:
        audit = audits.get(audit_id) or {}
        if audit.get("numericValue") is not None:
            out["opportunities"][audit_id] = {
                "value": float(audit["numericValue"]),
                "unit": audit.get("numericUnit", ""),
                "display": audit.get("displayValue", ""),
            }
    out["failing_accessibility"] = [
        ref["id"]
        for ref in (cats.get("accessibility") or {}).get("auditRefs", [])
        if ref.get("weight") and (audits.get(ref["id"]) or {}).get("score") == 0
    ]
    return out


def median_run(runs: list[dict]) -> dict:
    """The run whose performance score is the median (the lower middle for an even count)."""
    if not runs:
        raise ValueError("no Lighthouse runs to choose from")
    ordered = sorted(runs, key=lambda r: (r["performance"] is None, r["performance"] or 0))
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    scores = [r["performance"] for r in runs if r["performance"] is not None]
    chosen["runs"] = len(runs)
    chosen["performance_all"] = scores
    chosen["performance_spread"] = (max(scores) - min(scores)) if scores else None
    chosen["tbt_median_ms"] = statistics.median(
        r["tbt_ms"] for r in runs if r["tbt_ms"] is not None
    )
    return chosen


def installed() -> bool:
    return LIGHTHOUSE.is_file()


def run_once(url: str, workdir: Path, keep: Path | None = None) -> dict:
    """One Lighthouse run (mobile preset, simulated throttling); the summarised report.

    ``keep``: a path to copy the full JSON report to (for diagnosis).
    """
    if not installed():
        raise FileNotFoundError(
            f"Lighthouse is not installed at {LIGHTHOUSE}: run `make bench` "
            "(or `npm ci --prefix bench`)"
        )
    out = workdir / "report.json"
    cmd = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"Lighthouse failed on {url} (exit {done.returncode}): {tail}")
    report = json.loads(out.read_text())
    if keep is not None:
        keep.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, keep)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse runtime error on {url}: {report['runtimeError']}")
    return summarise(report)


def audit_site(
    site: Path, pages: list[str], runs: int = 1, log=print, reports: Path | None = None
) -> list[dict]:
    """Lighthouse on each page of ``site`` (served with gzip), ``runs`` times each.

    ``reports``: a folder to keep every full JSON report in (``<page>.<run>.json``).
    """
    from gzip_server import GzipSiteServer

    results = []
    with GzipSiteServer(site) as server, tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            one = [
                run_once(
                    f"{server.base}/{page}",
                    Path(tmp),
                    reports / f"{page.replace('/', '_')}.{i}.json" if reports else None,
                )
                for i in range(runs)
            ]
            row = median_run(one)
            row["page"] = page
            row["load"] = os.getloadavg()[0]
            log(
                f"  {page}: performance {row['performance']} {row['performance_all']}, "
                f"accessibility {row['accessibility']}, FCP {row['fcp_ms'] / 1000:.1f} s, "
                f"LCP {row['lcp_ms'] / 1000:.1f} s, TBT {row['tbt_ms']:.0f} ms "
                f"(load {row['load']:.1f})",
            )
            results.append(row)
    return results


def chapter_pages(site: Path) -> list[str]:
    """Every page a reader reaches from the table of contents, and the search page."""
    folder = site / "book" if (site / "book").is_dir() else site  # the bare template: flat
    skip = {"index.html", "genindex.html", "search.html"}
    pages = sorted(str(p.relative_to(site)) for p in folder.glob("*.html") if p.name not in skip)
    if (site / "search.html").exists():
        pages.append("search.html")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=HERE.parent / "_build" / "html")
    parser.add_argument("--pages", help="comma-separated pages (default: every chapter page)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reports", type=Path, help="keep the full JSON reports here")
    args = parser.parse_args(argv)
    pages = args.pages.split(",") if args.pages else chapter_pages(args.site)
    rows = audit_site(args.site, pages, args.runs, reports=args.reports)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
