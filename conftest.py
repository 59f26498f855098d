"""Make every pytest run import the ``tipline`` of THIS tree.

``tipline`` is also installed in editable mode into ``.venv``; a virtual environment made
for another checkout would otherwise be imported instead of the code under test (a mutated
copy of the repository passed its tests that way). This file sits at the repository root,
so pytest loads it for the unit tests (``tests/``) and the notebooks (``book/``) alike:

* the repository root goes first on ``sys.path`` (this process), and
* first on ``PYTHONPATH`` (the notebook kernels nbval starts, and any other subprocess).

``tests/test_imports.py`` checks both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = str(Path(__file__).resolve().parent)

if sys.path[:1] != [REPO_ROOT]:
    sys.path.insert(0, REPO_ROOT)
_rest = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != REPO_ROOT]
os.environ["PYTHONPATH"] = os.pathsep.join([REPO_ROOT, *_rest])
for _name in [m for m in sys.modules if m == "tipline" or m.startswith("tipline.")]:
    # Imported before this file ran (e.g. by a plugin): forget it, so the next import is ours.
    if not str(getattr(sys.modules[_name], "__file__", "") or "").startswith(REPO_ROOT):
        del sys.modules[_name]
