"""tools/build_book.py re-runs the notebooks only when something they read changed: the
site's own machinery (Sphinx extension, page scripts and styles) re-writes the pages from
the execution cache instead."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _build_book():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "tools/build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> None:
    for rel, text in {
        "tipline/model.py": "x = 1\n",
        "tipline/sphinxext.py": "setup = None\n",
        "tipline/static/tipline-figures.js": "// draw\n",
        "data/a.csv": "x\n1\n",
        "_config.yml": "title: t\n",
        "_toc.yml": "root: intro\n",
        "requirements.txt": "numpy==2.0\n",
        "pyproject.toml": "[project]\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def test_site_machinery_changes_the_site_fingerprint_only(tmp_path):
    bb = _build_book()
    _tree(tmp_path)
    before = bb.fingerprint(root=tmp_path), bb.fingerprint(site=True, root=tmp_path)
    for rel in ("tipline/static/tipline-figures.js", "tipline/sphinxext.py"):
        (tmp_path / rel).write_text((tmp_path / rel).read_text() + "// changed\n")
        now = bb.fingerprint(root=tmp_path), bb.fingerprint(site=True, root=tmp_path)
        assert now[0] == before[0], f"{rel} re-runs the notebooks"
        assert now[1] != before[1], f"{rel} does not re-write the pages"
        before = now


def test_what_the_notebooks_read_changes_both_fingerprints(tmp_path):
    bb = _build_book()
    _tree(tmp_path)
    for rel in ("tipline/model.py", "data/a.csv", "_config.yml", "requirements.txt"):
        before = bb.fingerprint(root=tmp_path), bb.fingerprint(site=True, root=tmp_path)
        (tmp_path / rel).write_text((tmp_path / rel).read_text() + "\n")
        now = bb.fingerprint(root=tmp_path), bb.fingerprint(site=True, root=tmp_path)
        assert now[0] != before[0] and now[1] != before[1], rel
