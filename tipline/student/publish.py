"""Write the student notebooks (and the ``tipline`` wheel they need).

    python tools/student_edition.py --site _build/html        # after the book's build
    python tools/student_edition.py --execute --out student   # Binder's postBuild

``--site`` writes ``<site>/notebooks/<name>.ipynb`` for every chapter notebook and
``<site>/notebooks/tipline-<version>-py3-none-any.whl``, taking the glued values from the
build (``_build/jupyter_execute/book/<name>.glue.json``, which MyST-NB writes when it runs a
notebook). ``--execute`` runs each notebook instead, for a checkout without a build. The
links back to the site use the address :mod:`tipline.repository` derives (or
``--site-url``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import yaml

from tipline import __version__, repository
from tipline.paths import REPO_ROOT
from tipline.student import SITE_FOLDER, chapter_notebooks, wheel_name
from tipline.student.edition import book_index, student_notebook

EXECUTED = REPO_ROOT / "_build" / "jupyter_execute" / "book"
#: What the wheel is built from (a clean copy, so the checkout gets no build leftovers).
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "tipline", "data")
CELL_TIMEOUT = 300


class StaleBuild(RuntimeError):
    """The build's executed notebook does not match the book's notebook."""


def _code(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def glue_from_build(path: Path, executed: Path = EXECUTED) -> dict[str, dict]:
    """The values the book's build glued for ``path`` (checked against the notebook)."""
    glue_file = executed / f"{path.stem}.glue.json"
    executed_nb = executed / path.name
    if not executed_nb.is_file():
        raise StaleBuild(
            f"no executed copy of {path.name} in {executed}: build the book first "
            "(make build), or pass --execute"
        )
    ran = nbformat.read(executed_nb, as_version=4)
    if _code(ran) != _code(nbformat.read(path, as_version=4)):
        raise StaleBuild(f"{executed_nb} is older than {path}: build the book again (make build)")
    if not glue_file.is_file():
        return {}  # the notebook glues nothing
    outputs = json.loads(glue_file.read_text(encoding="utf-8"))
    return {key: dict(output["data"]) for key, output in outputs.items()}


def glue_by_executing(path: Path, timeout: int = CELL_TIMEOUT) -> dict[str, dict]:
    """Run the notebook at ``path`` (in its folder) and collect what it glued."""
    from myst_nb.ext.glue import extract_glue_data_cell
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as err:
        raise RuntimeError(f"{path.name} failed when run for its values:\n{err}") from err
    data: dict[str, dict] = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            data.update({key: dict(out["data"]) for key, out in extract_glue_data_cell(cell)})
    return data


def build_wheel(dest: Path, root: Path = REPO_ROOT) -> Path:
    """Build ``tipline-<version>-py3-none-any.whl`` (data included) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tipline-wheel-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "_data")
        for name in WHEEL_SOURCES:
            path = root / name
            if path.is_dir():
                shutil.copytree(path, src / name, ignore=ignore)
            elif path.is_file():
                shutil.copy2(path, src / name)
        out = Path(tmp) / "wheel"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--quiet",
                "--no-deps",
                "-w",
                str(out),
                str(src),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"building the tipline wheel failed:\n{done.stdout}{done.stderr}")
        built = out / wheel_name(__version__)
        if not built.is_file():
            found = ", ".join(p.name for p in out.iterdir())
            raise RuntimeError(f"expected {built.name}, pip built: {found}")
        target = dest / built.name
        shutil.copyfile(built, target)
    return target


def write_edition(
    out: Path,
    *,
    execute: bool = False,
    site_url: str | None = None,
    notebooks: list[Path] | None = None,
    executed: Path = EXECUTED,
) -> list[Path]:
    """Write the student edition of ``notebooks`` (default: every chapter) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    book = book_index(site_url)
    paths = notebooks or chapter_notebooks()
    if execute:  # each in its own kernel, as many at once as there are cores
        with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
            glued = list(pool.map(glue_by_executing, paths))
    else:
        glued = [glue_from_build(path, executed) for path in paths]
    written = []
    for path, glue in zip(paths, glued, strict=True):
        target = out / path.name
        nbformat.write(student_notebook(path, glue, book), target)
        written.append(target)
    return written


def derived_site_url() -> str | None:
    config = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))
    return repository.site_url(repository.from_checkout(REPO_ROOT, config))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--site", type=Path, help="the built site: notebooks and wheel go there")
    where.add_argument("--out", type=Path, help="a folder for the notebooks only")
    parser.add_argument("--execute", action="store_true", help="run the notebooks for values")
    parser.add_argument("--site-url", help="the site's address (default: derived)")
    args = parser.parse_args(argv)
    site_url = args.site_url or derived_site_url()
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    out = args.site / SITE_FOLDER if args.site else args.out
    written = write_edition(out, execute=args.execute, site_url=site_url)
    if args.site:
        written.append(build_wheel(out))
    print(f"student edition: {len(written)} files in {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
