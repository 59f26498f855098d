"""The build validates all data first and stops with the DataError's own message.

A copy of the parts of the repository the check needs (``tools/``, ``tipline/``, ``data/``)
is broken and ``tools/build_book.py`` run on it: it must exit before Jupyter Book starts
(no ``_build`` appears, no notebook runs) and print exactly what ``validate_all`` says.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tipline import data
from tipline.paths import REPO_ROOT


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    copy = tmp_path / "repo"
    for name in ("tools", "tipline", "data"):
        shutil.copytree(REPO_ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def build(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(tree / "tools" / "build_book.py")],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=300,
    )


def expected_message(data_dir: Path) -> str:
    with pytest.raises(data.DataError) as info:
        data.validate_all(data_dir)
    return str(info.value)


def test_broken_value_stops_the_build_before_any_notebook(tree):
    path = tree / "data" / "le_recipients.csv"
    text = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = text[1].split(",")
    cells[2] = "many"  # 'actionable' is an integer column
    text[1] = ",".join(cells)
    path.write_text("".join(text), encoding="utf-8")
    done = build(tree)
    assert done.returncode == 1, done.stderr
    assert expected_message(tree / "data") in done.stderr
    assert "le_recipients.csv, line 2, column 'actionable'" in done.stderr
    assert not (tree / "_build").exists(), "the build went on after invalid data"


def test_emptied_table_stops_the_build(tree):
    path = tree / "data" / "court_cases.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    done = build(tree)
    assert done.returncode == 1, done.stderr
    assert expected_message(tree / "data") in done.stderr
    assert "court_cases.csv" in done.stderr and "rows" in done.stderr
    assert not (tree / "_build").exists()
