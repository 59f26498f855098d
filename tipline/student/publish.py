"""Write the student notebooks (and the ``tipline`` wheel they need).

    python tools/student_edition.py --site _build/html        # after the book's build
    python tools/student_edition.py --execute --out student   # Binder's postBuild

``--site`` writes ``<site>/notebooks/<name>.ipynb`` for every chapter notebook and
``<site>/notebooks/tipline-<version>-py3-none-any.whl``, taking the glued values from the
build (``_build/jupyter_execute/book/<name>.glue.json``, which MyST-NB writes when it runs a
notebook). ``--execute`` runs each notebook instead, for a checkout without a build. The
links back to the site use the address :mod:`tipline.repository` derives (or
``--site-url``).

With ``--site``, the step is skipped when nothing it reads has changed since it last wrote
the same folder: a hash of its inputs (the book's sources, the package and data the wheel is
built from, the build's glued values, the site's address; :func:`inputs_hash`) is kept in
``<site>/../.student-edition-<site name>.sha256`` beside the list of files it wrote, and an
unchanged hash with every file still there means there is nothing to do. ``--force``
writes everything again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from tipline import __version__, repository
from tipline.paths import REPO_ROOT
from tipline.student import SITE_FOLDER, chapter_notebooks, wheel_name

EXECUTED = REPO_ROOT / "_build" / "jupyter_execute" / "book"
#: What the wheel is built from (a clean copy, so the checkout gets no build leftovers).
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "tipline", "data")
CELL_TIMEOUT = 300
#: What the student notebooks are made from besides the build's glued values: the book's
#: sources (every page: cross-references, titles and exercise numbers come from all of them).
EDITION_SOURCES = ("book", "_toc.yml", "_config.yml")


class StaleBuild(RuntimeError):
    """The build's executed notebook does not match the book's notebook."""


def _code_of(path: Path) -> list[str]:
    """The code cells of a notebook, read as plain JSON (nbformat is slow to import, and the
    unchanged case should take no time)."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return [
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in cells
        if c.get("cell_type") == "code"
    ]


def glue_from_build(path: Path, executed: Path = EXECUTED) -> dict[str, dict]:
    """The values the book's build glued for ``path`` (checked against the notebook)."""
    glue_file = executed / f"{path.stem}.glue.json"
    executed_nb = executed / path.name
    if not executed_nb.is_file():
        raise StaleBuild(
            f"no executed copy of {path.name} in {executed}: build the book first "
            "(make build), or pass --execute"
        )
    if _code_of(executed_nb) != _code_of(path):
        raise StaleBuild(f"{executed_nb} is older than {path}: build the book again (make build)")
    if not glue_file.is_file():
        return {}  # the notebook glues nothing
    outputs = json.loads(glue_file.read_text(encoding="utf-8"))
    return {key: dict(output["data"]) for key, output in outputs.items()}


def glue_by_executing(path: Path, timeout: int = CELL_TIMEOUT) -> dict[str, dict]:
    """Run the notebook at ``path`` (in its folder) and collect what it glued."""
    import nbformat
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
    import nbformat

    from tipline.student.edition import book_index, student_notebook

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


def _files(root: Path, names) -> list[Path]:
    files = []
    for name in names:
        path = root / name
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files.append(path)
    return [
        f
        for f in files
        if "__pycache__" not in f.parts
        and ".ipynb_checkpoints" not in f.parts
        and not any(part.endswith(".egg-info") for part in f.parts)
        and f.suffix != ".pyc"
    ]


def inputs_hash(site_url: str | None, executed: Path = EXECUTED, root: Path = REPO_ROOT) -> str:
    """A hash of everything the student edition and the wheel are made from."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\n{site_url}\n{sys.version_info[:2]}\n".encode())
    for f in _files(root, (*WHEEL_SOURCES, *EDITION_SOURCES)):
        digest.update(f.relative_to(root).as_posix().encode() + b"\0")
        digest.update(f.read_bytes())
    if executed.is_dir():  # the values each notebook glued, and the code that glued them
        for f in sorted(executed.glob("*.glue.json")) + sorted(executed.glob("*.ipynb")):
            digest.update(f.name.encode() + b"\0")
            if f.suffix == ".ipynb":
                digest.update("\0".join(_code_of(f)).encode())
            else:
                digest.update(f.read_bytes())
    return digest.hexdigest()


def stamp_path(site: Path) -> Path:
    """Where the hash of the last run that wrote ``site`` is kept (outside the site, so it
    is not published)."""
    site = Path(site).resolve()
    return site.parent / f".student-edition-{site.name}.sha256"


def up_to_date(site: Path, digest: str) -> bool:
    """Whether ``site``'s student edition was written from inputs with this hash and every
    file it wrote is still there."""
    stamp = stamp_path(site)
    if not stamp.is_file():
        return False
    try:
        last = json.loads(stamp.read_text(encoding="utf-8"))
    except ValueError:
        return False
    folder = Path(site) / SITE_FOLDER
    return (
        last.get("inputs") == digest
        and all((folder / name).is_file() for name in last.get("files", ()))
        and bool(last.get("files"))
    )


def write_stamp(site: Path, digest: str, written: list[Path]) -> None:
    stamp_path(site).write_text(
        json.dumps({"inputs": digest, "files": sorted(p.name for p in written)}, indent=1),
        encoding="utf-8",
    )


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
    parser.add_argument(
        "--force", action="store_true", help="write everything even if nothing changed"
    )
    args = parser.parse_args(argv)
    site_url = args.site_url or derived_site_url()
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    out = args.site / SITE_FOLDER if args.site else args.out
    cached = args.site is not None and not args.execute
    if cached:
        digest = inputs_hash(site_url)
        if not args.force and up_to_date(args.site, digest):
            print(f"student edition: unchanged, kept in {out}", flush=True)
            return 0
        stamp_path(args.site).unlink(missing_ok=True)
    written = write_edition(out, execute=args.execute, site_url=site_url)
    if args.site:
        written.append(build_wheel(out))
    if cached:
        write_stamp(args.site, digest, written)
    print(f"student edition: {len(written)} files in {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
