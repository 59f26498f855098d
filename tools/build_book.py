"""Build the book; re-run every notebook when the machinery or the data changed.

    python tools/build_book.py [--fresh]

Jupyter Book caches executed notebooks keyed on their own code only, so a change to the
``tipline`` package or to ``data/`` would otherwise leave stale numbers and charts in the
book. This script fingerprints everything the notebooks read (the package, the data, the
configuration, the pinned requirements); when the fingerprint changes it drops the
execution cache and rebuilds every page. An unchanged rebuild stays a cached, seconds-long
build. Warnings are errors (``-W -n --keep-going``).

Before anything runs, every table in ``data/`` is validated (:func:`tipline.data.validate_all`):
bad data stops the build at once with the ``DataError``'s own message (file, line, column,
what is allowed), instead of failing inside the notebooks behind hundreds of warnings.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # validate this tree's data with this tree's tipline

DATA = ROOT / "data"
BUILD = ROOT / "_build"
STAMP = BUILD / ".inputs.sha256"
INPUTS = ("tipline", "data", "_config.yml", "_toc.yml", "requirements.txt", "pyproject.toml")
FLAGS = ["-W", "-n", "--keep-going"]


def fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if "__pycache__" in f.parts or f.suffix == ".pyc" or not f.exists():
                continue
            digest.update(str(f.relative_to(ROOT)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def execute_in_parallel(env: dict) -> int:
    """Fill the execution cache several notebooks at a time (tools/execute_notebooks.py).

    ``TIPLINE_BUILD_JOBS`` sets how many at a time (default: one per CPU).
    """
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import execute_notebooks

    os.environ.update(env)  # kernels inherit the build's environment
    jobs = int(env["TIPLINE_BUILD_JOBS"]) if env.get("TIPLINE_BUILD_JOBS") else None
    return execute_notebooks.run(jobs)


def data_problems(data_dir: Path) -> str | None:
    """The message of the :class:`~tipline.data.DataError` that ``data_dir`` raises, if any."""
    from tipline.data import DataError, validate_all

    try:
        validate_all(data_dir)
    except DataError as err:
        return str(err)
    return None


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    problems = data_problems(DATA)
    if problems is not None:
        print(f"The book was not built: data/ is invalid.\n{problems}", file=sys.stderr)
        return 1
    current = fingerprint()
    changed = fresh or not STAMP.exists() or STAMP.read_text() != current
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), *FLAGS]
    if changed:
        if BUILD.exists():
            print("inputs changed: re-running every notebook", flush=True)
        shutil.rmtree(BUILD / ".jupyter_cache", ignore_errors=True)
        cmd.append("--all")
    STAMP.unlink(missing_ok=True)
    # Notebooks run for the static site: explorers skip their live widget panel.
    env = {**os.environ, "TIPLINE_STATIC_BUILD": "1"}
    if execute_in_parallel(env) != 0:
        return 1
    done = subprocess.run(cmd, cwd=ROOT, env=env)
    if done.returncode == 0:
        STAMP.write_text(current)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
