"""The tests exercise the tree they live in, not another checkout's editable install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tipline
import tipline.data

THIS_TREE = Path(__file__).resolve().parent.parent


def _inside_this_tree(path: str) -> bool:
    return Path(path).resolve().is_relative_to(THIS_TREE / "tipline")


def test_tipline_is_imported_from_this_tree():
    assert _inside_this_tree(tipline.__file__), (tipline.__file__, THIS_TREE)
    assert _inside_this_tree(tipline.data.__file__), tipline.data.__file__


def test_subprocesses_and_notebook_kernels_import_this_tree(tmp_path):
    """A child Python (as nbval's kernels are) started from anywhere imports this tree too."""
    done = subprocess.run(
        [sys.executable, "-c", "import tipline; print(tipline.__file__)"],
        cwd=tmp_path,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert _inside_this_tree(done.stdout.strip()), done.stdout
