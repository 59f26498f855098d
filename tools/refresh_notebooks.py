"""Re-run the book's notebooks and store only the outputs the tests compare.

    python tools/refresh_notebooks.py book [book/scale.ipynb ...]

Each notebook runs top to bottom in a fresh kernel (working directory: its folder). Cells
marked ``# NBVAL_CHECK_OUTPUT`` keep their output, which ``pytest --nbval-lax`` then
compares on every test run; every other output is dropped, so the stored notebooks stay
small and their diffs show only the figures that matter. Run it after changing data or the
model, and read the diff: a changed number there is a changed number in the book.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

MARKER = "NBVAL_CHECK_OUTPUT"


def refresh(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    for cell in nb.cells:
        # Timestamps change on every run and make parallel branches conflict: drop them.
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if MARKER not in cell.source:
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    print(f"refreshed {path}")


def main(args: list[str]) -> int:
    targets: list[Path] = []
    for arg in args or ["book"]:
        p = Path(arg)
        targets += sorted(p.glob("*.ipynb")) if p.is_dir() else [p]
    for path in targets:
        refresh(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
