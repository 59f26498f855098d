"""The set-up: the pinned requirement files, the installer script, the parallel notebook run.

requirements.txt is what Binder and `make serve` install, so it must hold everything the
book and its notebooks import, with every dependency pinned (closed: nothing left to the
resolver's latest); requirements-dev.txt adds the tools the tests use on top of it.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tipline.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "tools"))
import execute_notebooks  # noqa: E402

BOOK_REQ = REPO_ROOT / "requirements.txt"
DEV_REQ = REPO_ROOT / "requirements-dev.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s#]+)$")
# Installed with every virtual environment (venv) rather than from a requirements file.
BOOTSTRAP = {"pip", "setuptools"}


def pins(path: Path) -> dict[str, str]:
    """Canonical name -> pinned version of every ``name==version`` line of a requirements file."""
    out = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith("-"):
            continue
        m = PIN.match(line)
        assert m, f"{path.name}: '{line}' is not pinned exactly (name==version)"
        name = canonicalize_name(m.group(1))
        assert name not in out, f"{path.name}: {name} is pinned twice"
        out[name] = m.group(2)
    return out


def dependencies(name: str) -> set[str]:
    """The installed distribution's dependencies that apply here (markers evaluated)."""
    found = set()
    for text in md.distribution(name).requires or []:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            found.add(canonicalize_name(req.name))
    return found


def test_requirement_files_are_pinned_and_disjoint():
    book, dev = pins(BOOK_REQ), pins(DEV_REQ)
    assert "jupyter-book" in book and book["jupyter-book"] == "1.0.4.post1"
    assert not set(book) & set(dev), f"pinned in both files: {sorted(set(book) & set(dev))}"
    assert BOOK_REQ.read_text().rstrip().endswith("-e ."), "requirements.txt must end with -e ."
    assert "-r requirements.txt" in DEV_REQ.read_text().splitlines()


@pytest.mark.parametrize(
    "path, extra",
    [(BOOK_REQ, set()), (DEV_REQ, {"tipline"})],
    ids=["requirements.txt", "requirements-dev.txt"],
)
def test_each_environment_is_closed_under_its_dependencies(path, extra):
    """Every dependency of a pinned package is pinned in the same environment's files."""
    env = pins(BOOK_REQ) | (pins(DEV_REQ) if path == DEV_REQ else {})
    roots = set(env) | {"tipline"}
    missing = {}
    for name in roots:
        for dep in dependencies(name) - set(env) - BOOTSTRAP - extra:
            missing.setdefault(dep, []).append(name)
    assert not missing, f"{path.name} lacks pins for: {missing}"


def test_the_book_environment_holds_what_the_book_imports():
    """The packages the build and the notebooks import are in requirements.txt, and the test
    tools are not (they belong in requirements-dev.txt)."""
    book = pins(BOOK_REQ)
    for needed in (
        "jupyter-book",
        "numpy",
        "pandas",
        "plotly",
        "ipykernel",
        "ipywidgets",
        "latex2mathml",
        "nbclient",
        "tinycss2",
        "pandera",
    ):
        assert needed in book, f"requirements.txt lacks {needed}"
    for tool in ("pytest", "hypothesis", "playwright", "ruff", "nbval", "jupyterlab"):
        assert tool not in book, f"{tool} is a test tool: move it to requirements-dev.txt"


def test_the_pins_are_what_is_installed():
    """The environment the tests run in was installed from these files."""
    wrong = {}
    for name, version in (pins(BOOK_REQ) | pins(DEV_REQ)).items():
        try:
            have = md.version(name)
        except md.PackageNotFoundError:
            have = None
        if have != version:
            wrong[name] = (version, have)
    assert not wrong, f"pinned (wanted, installed): {wrong}"


def test_installer_rejects_an_unknown_installer(tmp_path):
    done = subprocess.run(
        ["bash", str(REPO_ROOT / "tools" / "install_env.sh"), str(tmp_path / "v"), "x.txt"],
        env={"INSTALLER": "conda", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "INSTALLER must be 'uv' or 'pip' (got 'conda')" in done.stderr
    assert not (tmp_path / "v").exists()


# --- notebooks executed in parallel into the execution cache ------------------------------------


def _book(root: Path, cells: dict[str, list[str]]) -> None:
    (root / "book").mkdir(parents=True)
    (root / "_config.yml").write_text("execute:\n  timeout: 60\n  allow_errors: false\n")
    for name, sources in cells.items():
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
        nbformat.write(nb, root / "book" / f"{name}.ipynb")


def test_parallel_run_fills_the_cache_that_the_build_reads(tmp_path):
    from jupyter_cache import get_cache

    _book(tmp_path, {"a": ["print(6 * 7)"], "b": ["import os", "print(os.getcwd())"]})
    lines = []
    rc = execute_notebooks.run(2, root=tmp_path, cache_path=tmp_path / "cache", log=lines.append)
    assert rc == 0
    assert "notebooks: executing 2, 2 at a time (timeout 60 s per cell)" in lines
    cache = get_cache(str(tmp_path / "cache"))
    # What MyST-NB does in cache mode: match the notebook as read from disk, merge outputs.
    for name, expected in (("a", "42"), ("b", str(tmp_path / "book"))):
        nb = nbformat.read(tmp_path / "book" / f"{name}.ipynb", as_version=4)
        _, merged = cache.merge_match_into_notebook(nb)
        text = merged.cells[-1].outputs[0]["text"].strip()
        assert text == expected  # executed, and in the notebook's own folder
    # A second run finds everything cached and executes nothing.
    lines.clear()
    assert (
        execute_notebooks.run(2, root=tmp_path, cache_path=tmp_path / "cache", log=lines.append)
        == 0
    )
    assert lines == ["notebooks: all in the execution cache"]


def test_parallel_run_names_a_failing_notebook_and_caches_the_others(tmp_path):
    from jupyter_cache import get_cache

    _book(
        tmp_path,
        {"good": ["1 + 1"], "bad": ["x = 1", "raise ValueError('no such year')"], "forced": ["1"]},
    )
    forced = tmp_path / "book" / "forced.ipynb"
    nb = nbformat.read(forced, as_version=4)
    nb.metadata["mystnb"] = {"execution_mode": "force"}
    nbformat.write(nb, forced)
    lines = []
    rc = execute_notebooks.run(2, root=tmp_path, cache_path=tmp_path / "cache", log=lines.append)
    assert rc == 1
    text = "\n".join(lines)
    assert "book/bad.ipynb FAILED" in text
    assert "book/bad.ipynb failed to execute:" in text and "ValueError: no such year" in text
    assert "executing 2," in text  # the forced notebook is left to MyST-NB
    cache = get_cache(str(tmp_path / "cache"))
    cache.match_cache_notebook(nbformat.read(tmp_path / "book" / "good.ipynb", as_version=4))
    with pytest.raises(KeyError):
        cache.match_cache_notebook(nbformat.read(tmp_path / "book" / "bad.ipynb", as_version=4))


def test_a_notebook_that_hangs_is_stopped_retried_once_then_named(tmp_path):
    _book(tmp_path, {"quick": ["1 + 1"], "stuck": ["import time", "time.sleep(600)"]})
    lines = []
    started = __import__("time").perf_counter()
    rc = execute_notebooks.run(
        2, root=tmp_path, cache_path=tmp_path / "cache", log=lines.append, deadline=30
    )
    assert rc == 1
    assert __import__("time").perf_counter() - started < 150  # never waits for the sleep
    text = "\n".join(lines)
    assert "book/stuck.ipynb: no result after 30 s: stopped, trying again" in text
    assert "book/stuck.ipynb FAILED (stopped twice)" in text
    assert "book/quick.ipynb executed" in text
