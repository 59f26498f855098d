"""Time a newcomer's first `make serve`: a fresh clone to the first page served.

    python bench/fresh_clone.py [--ref HEAD] [--warm-cache] [--keep]

The repository's committed ``ref`` is cloned into a temporary folder and ``make serve`` is
run there with empty package caches (uv's in a new temporary folder, pip's off: every
package is downloaded from the registry, as on a new machine) unless ``--warm-cache``. The
clock stops when the served book's first page answers. Every line ``make`` prints is
time-stamped, which gives the parts: install (until make starts the build), build (until
the server starts) and the longest silence (the longest gap between two lines of output: a
newcomer's "is it stuck?"). The ``make`` process group is then stopped.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_START = "tools/build_book.py"  # make echoes the build command when install is done
SERVING = "Serving "  # printed by the server `make serve` starts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parts(lines: list[tuple[float, str]], served: float | None) -> dict:
    """Install, build and serve times and the longest silence, from time-stamped lines (pure).

    ``lines``: (seconds since start, text) in order; ``served``: when the page answered.
    """
    ready = [t for t, text in lines if BUILD_START in text]
    serving = [t for t, text in lines if text.startswith(SERVING)]
    install = ready[0] if ready else None
    build = serving[0] - install if serving and install is not None else None
    stamps = [0.0] + [t for t, _ in lines] + ([served] if served is not None else [])
    gaps = [(b - a, i) for i, (a, b) in enumerate(zip(stamps, stamps[1:], strict=False))]
    longest, where = max(gaps, default=(0.0, 0))
    after = lines[where - 1][1] if where > 0 and where - 1 < len(lines) else "(start)"
    return {
        "install_s": install,
        "build_s": build,
        "total_s": served,
        "longest_silence_s": longest,
        "longest_silence_after": after.strip()[:120],
        "lines": len(lines),
    }


def measure(ref: str = "HEAD", warm_cache: bool = False, timeout: float = 1800, keep=False):
    """Clone ``ref``, run ``make serve`` with empty caches, stop when the page is served."""
    tmp = Path(tempfile.mkdtemp(prefix="tipline-fresh-"))
    clone = tmp / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True,
        capture_output=True,
    )
    subprocess.run(["git", "checkout", "--quiet", ref], cwd=clone, check=True)
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT))
    )
    env["PORT"] = str(port)
    if not warm_cache:
        # Empty caches, thrown away afterwards: every package is downloaded, as on a new
        # machine. Not UV_NO_CACHE: that makes uv unpack into a temporary folder it deletes
        # before exiting (about a minute of silence on a loaded machine that a newcomer, whose
        # uv keeps its cache, never waits for).
        env.pop("UV_NO_CACHE", None)
        env["UV_CACHE_DIR"] = str(tmp / "uv-cache")
        env["PIP_NO_CACHE_DIR"] = "1"
    lines: list[tuple[float, str]] = []
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["make", "serve", f"PORT={port}"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        start_new_session=True,  # its own process group, stopped as a whole below
    )

    def read():
        for line in proc.stdout:
            lines.append((time.perf_counter() - start, line.rstrip("\n")))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    served = None
    try:
        while time.perf_counter() - start < timeout and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    if r.status == 200:
                        served = time.perf_counter() - start
                        break
            except OSError:
                time.sleep(0.5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        reader.join(timeout=5)
        log = ROOT / "bench" / "results" / "fresh-clone.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(f"[{t:7.1f}s] {text}\n" for t, text in lines))
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    out = parts(lines, served)
    out.update(
        ref=ref,
        commit=subprocess.run(
            ["git", "rev-parse", "--short", ref], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        empty_cache=not warm_cache,
        returncode=proc.returncode,
        log=str(log),
    )
    if served is None:
        tail = [text for _, text in lines[-15:]]
        out["error"] = f"no page served (make exit {proc.returncode}); last lines: {tail}"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="HEAD", help="commit to clone (default HEAD)")
    parser.add_argument("--warm-cache", action="store_true", help="keep the package caches")
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args(argv)
    result = measure(args.ref, args.warm_cache, keep=args.keep)
    print(json.dumps(result, indent=1))
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
