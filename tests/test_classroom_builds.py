"""The book's configuration step, built both ways, on a small book.

``tools/build_book.py`` writes the configuration from ``_config.yml`` and the repository it
derives (:mod:`tipline.repository`). Here a two-page book with the project's own
``_config.yml`` and extensions is built with jupyter-book twice, through that same step:

- for a public repository (``TIPLINE_REPOSITORY=org/book``), with the teacher's key option:
  launch button to the student notebook on Binder, repository button, no solution (plain or
  gated, code included) and no source to download;
- with no repository found: no launch or repository button and no address at all (not even
  jupyter-book's own default), solutions present.

The whole book is built one way by ``make build``; ``tests/test_classroom_site.py`` checks it
in Chromium. Slow (two Sphinx builds), so it runs in ``make test-fresh-env``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tipline.paths import REPO_ROOT

pytestmark = pytest.mark.slow

SOLUTION_TEXT = "The plain solution says forty-two."
GATED_TEXT = "The gated solution explains its code."
GATED_CODE = "gated_answer = 6 * 7"
EXERCISE_TEXT = "Compute the answer to everything."


def _build_book_module():
    spec = importlib.util.spec_from_file_location("build_book", REPO_ROOT / "tools/build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _small_book(root: Path, classroom_pages: bool = False) -> None:
    (root / "book" / "_assets").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(REPO_ROOT / "_config.yml", root / "_config.yml")
    shutil.copy(REPO_ROOT / "data/references.bib", root / "data/references.bib")
    shutil.copy(REPO_ROOT / "book/_assets/favicon.svg", root / "book/_assets/favicon.svg")
    pages = ["chapter"] + (["teachers-key", "read-the-code"] if classroom_pages else [])
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nchapters:\n"
        + "".join(f"  - file: book/{name}\n" for name in pages),
        encoding="utf-8",
    )
    if classroom_pages:  # the pages that show solutions, built by tipline.classroom_pages
        for name, directive in (
            ("teachers-key", "teachers-key"),
            ("read-the-code", "read-the-code"),
        ):
            (root / f"book/{name}.md").write_text(f"# {name}\n\n```{{{directive}}}\n```\n")
    (root / "book/intro.md").write_text("# Small book\n\nSee {doc}`chapter`.\n")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A chapter\n\nText."),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell(
            f"## Exercises\n\n```{{exercise}}\n:label: ch-ex1\n\n{EXERCISE_TEXT}\n```\n\n"
            f"```{{solution}} ch-ex1\n:class: dropdown\n\n{SOLUTION_TEXT}\n```\n\n"
            "```{exercise}\n:label: ch-ex2\n\nChange the code.\n```\n\n"
            f"````{{solution-start}} ch-ex2\n:class: dropdown\n````\n\n{GATED_TEXT}"
        ),
        nbformat.v4.new_code_cell(f"{GATED_CODE}\nprint(gated_answer)"),
        nbformat.v4.new_markdown_cell("````{solution-end}\n````\n\nAfter the exercises."),
    ]
    nbformat.write(nb, root / "book/chapter.ipynb")


def _build(root: Path, monkeypatch, **env) -> str:
    """Build the small book the way tools/build_book.py does; the chapter page's HTML."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    build_env, _ = _build_book_module().build_config(root)
    config = root / "_build" / "_config.yml"
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "jupyter-book"),
            "build",
            str(root),
            "--config",
            str(config),
            "-W",
            "-n",
            "--keep-going",
        ],
        cwd=root,
        env={**os.environ, **build_env, "TIPLINE_STATIC_BUILD": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return (root / "_build/html/book/chapter.html").read_text(encoding="utf-8")


def test_built_for_a_public_repository_with_the_teachers_key(tmp_path, monkeypatch):
    _small_book(tmp_path, classroom_pages=True)
    html = _build(tmp_path, monkeypatch, TIPLINE_REPOSITORY="org/book", TIPLINE_HIDE_SOLUTIONS="1")
    launch = "https://mybinder.org/v2/gh/org/book/main?urlpath=lab/tree/student/chapter.ipynb"
    assert f'href="{launch}"' in html, "no launch button to the student notebook"
    assert 'href="https://github.com/org/book"' in html, "no repository button"
    assert 'href="../notebooks/chapter.ipynb"' in html, "no student notebook to download"
    assert EXERCISE_TEXT in html and "Change the code." in html
    for hidden in (SOLUTION_TEXT, GATED_TEXT, GATED_CODE.split()[0]):
        assert hidden not in html, f"{hidden!r} shows although solutions are hidden"
    assert "After the exercises." in html, "removed more than the gated solution"
    assert not (tmp_path / "_build/html/_sources").exists(), "sources (with solutions) published"
    assert "download-notebook-button" not in html and "download-source-button" not in html
    for name in ("teachers-key", "read-the-code"):  # they would show every solution
        page = (tmp_path / f"_build/html/book/{name}.html").read_text(encoding="utf-8")
        assert "is left out too" in page and "Model answer" not in page, name
        assert "tipline-reveal" not in page, name


def test_built_without_a_repository(tmp_path, monkeypatch):
    _small_book(tmp_path)
    html = _build(tmp_path, monkeypatch, TIPLINE_REPOSITORY="none", TIPLINE_HIDE_SOLUTIONS="0")
    assert "dropdown-launch-buttons" not in html and "mybinder" not in html
    assert not re.search(r'href="https://github\.com/', html), "a repository link is left"
    assert "executablebooks" not in html
    assert 'href="../notebooks/chapter.ipynb"' in html
    for shown in (SOLUTION_TEXT, GATED_TEXT, "gated_answer"):  # code is highlighted
        assert shown in html, f"{shown!r} is missing although solutions are shown"
    assert (tmp_path / "_build/html/_sources/book/chapter.ipynb").is_file()
