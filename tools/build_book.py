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

The configuration the book is built with is ``_config.yml`` plus what only the place of the
build knows (:func:`build_config`, written to ``_build/_config.yml``): the repository's
public address, derived by :mod:`tipline.repository` (never typed in), and, with
``TIPLINE_HIDE_SOLUTIONS=1``, the teacher's-key option that leaves every solution out of the
chapter pages. After a successful build, :func:`publish_notebooks` writes the ``tipline``
wheel and the student edition of every chapter notebook to ``_build/html/notebooks/``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # validate this tree's data with this tree's tipline

DATA = ROOT / "data"
BUILD = ROOT / "_build"
STAMP = BUILD / ".inputs.sha256"
SITE_STAMP = BUILD / ".site-inputs.sha256"
CONFIG = BUILD / "_config.yml"
INPUTS = ("tipline", "data", "_config.yml", "_toc.yml", "requirements.txt", "pyproject.toml")
#: Parts of ``tipline`` that only the site build uses (the Sphinx extension and what it
#: calls, the scripts and styles the pages load): no notebook reads them, so a change to one
#: re-writes every page from the execution cache instead of re-running every notebook.
SITE_ONLY = (
    "tipline/static",
    "tipline/sphinxext.py",
    "tipline/csspurge.py",
    "tipline/fontsubset.py",
    "tipline/icons.py",
    "tipline/site_html.py",
    "tipline/share_cards.py",
)
FLAGS = ["-W", "-n", "--keep-going"]


def _site_only(rel: str) -> bool:
    return any(rel == part or rel.startswith(part + "/") for part in SITE_ONLY)


def fingerprint(site: bool = False, root: Path = ROOT) -> str:
    """A digest of what the notebooks read (``site``: and of what the site build reads)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if "__pycache__" in f.parts or f.suffix == ".pyc" or not f.exists():
                continue
            rel = f.relative_to(root).as_posix()
            if not site and _site_only(rel):
                continue
            digest.update(rel.encode())
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


def build_config(root: Path = ROOT) -> tuple[dict[str, str], bool]:
    """Write the configuration to build ``root`` with (``<root>/_build/_config.yml``); return
    the variables that tell its notebooks the same (the teacher's guide names the repository
    and says whether solutions are shown), and whether it differs from the last build's."""
    from tipline import repository
    from tipline.classroom import solutions_hidden

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = repository.from_checkout(root, config)
    hide = solutions_hidden()
    target = root / CONFIG.relative_to(ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    written = repository.book_config(config, repo, hide_solutions=hide)
    text = (
        "# Written by tools/build_book.py from _config.yml: edit that file, not this one.\n"
        + yaml.safe_dump(written, sort_keys=False, allow_unicode=True)
    )
    before = target.read_text(encoding="utf-8") if target.is_file() else None
    target.write_text(text, encoding="utf-8")
    if repo is None:
        print("repository: none found (no launch or repository buttons)", flush=True)
    else:
        print(f"repository: {repo.url} (branch {repo.branch}, from {repo.source})", flush=True)
    if hide:
        print("teacher's key option: solutions are left out of the pages", flush=True)
    env = {
        "TIPLINE_REPOSITORY": repo.slug if repo else "none",
        "TIPLINE_HIDE_SOLUTIONS": "1" if hide else "0",
    }
    if repo is not None:
        env["TIPLINE_REPOSITORY_BRANCH"] = repo.branch
    return env, text != before


def publish_notebooks() -> int:
    """The wheel and the student notebooks, into the built site's ``notebooks/`` folder."""
    from tipline.student import publish

    return publish.main(["--site", str(BUILD / "html")])


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    problems = data_problems(DATA)
    if problems is not None:
        print(f"The book was not built: data/ is invalid.\n{problems}", file=sys.stderr)
        return 1
    current, site_current = fingerprint(), fingerprint(site=True)
    changed = fresh or not STAMP.exists() or STAMP.read_text() != current
    site_changed = not SITE_STAMP.exists() or SITE_STAMP.read_text() != site_current
    build_env, config_changed = build_config()
    jb = str(Path(sys.executable).parent / "jupyter-book")
    cmd = [jb, "build", str(ROOT), "--config", str(CONFIG), *FLAGS]
    if changed:
        if BUILD.exists():
            print("inputs changed: re-running every notebook", flush=True)
        shutil.rmtree(BUILD / ".jupyter_cache", ignore_errors=True)
        cmd.append("--all")
    elif config_changed or site_changed:
        # A new address or option changes the guide's text, a new extension or script every
        # page: read every page again (the notebooks still come from the cache).
        if site_changed:
            print("site machinery changed: re-writing every page (notebooks cached)", flush=True)
        cmd.append("--all")
    STAMP.unlink(missing_ok=True)
    SITE_STAMP.unlink(missing_ok=True)
    # Notebooks run for the static site: explorers skip their live widget panel.
    env = {**os.environ, **build_env, "TIPLINE_STATIC_BUILD": "1"}
    if execute_in_parallel(env) != 0:
        return 1
    done = subprocess.run(cmd, cwd=ROOT, env=env)
    if done.returncode != 0:
        return done.returncode
    STAMP.write_text(current)
    SITE_STAMP.write_text(site_current)
    return publish_notebooks()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
