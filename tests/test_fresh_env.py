"""The notebooks run in a brand-new environment built from ``requirements.txt`` alone.

This is what Binder does with the repository: a new Python, ``pip install -r
requirements.txt`` from the repository root (the file ends with ``-e .``, which installs the
``tipline`` package), then a reader runs a notebook top to bottom. Here:

1. the repository is copied to a temporary folder (without ``.venv``, ``_build`` or any
   cache, so the repository itself is never touched and nothing untracked leaks in);
2. ``python -m venv`` makes a new environment and ``pip install -r requirements.txt`` fills
   it, from the copy's root;
3. every notebook in ``book/`` runs top to bottom in a new kernel of THAT environment
   (``nbclient``, working directory ``book/``), two at a time; a failure names the notebook,
   the cell and the error.

Slow (about a minute with pip's cache warm; the first run downloads every package), so it is
marked ``slow`` and runs in ``make test-fresh-env`` (part of ``make test``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (REPO / "book").glob("*.ipynb"))

# Never copied: environments, build output, caches and version control.
SKIP = {
    ".venv",
    "venv",
    "_build",
    ".git",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "__pycache__",
    ".ipynb_checkpoints",
    ".jupyter_cache",
    "node_modules",
}
PIP_TIMEOUT = 1800  # seconds; a first install without pip's cache downloads everything
CELL_TIMEOUT = 300  # seconds per cell, as in tools/refresh_notebooks.py

# Run by the fresh environment's Python: execute one notebook cell by cell and print one JSON
# line saying what happened. The first cell is a probe (not part of the notebook) that
# reports which environment the kernel runs in and where it imports tipline from.
DRIVER = r"""
import json, sys, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
probe = nbformat.v4.new_code_cell(
    "import json as _j, sys as _s, tipline as _t\n"
    "print(_j.dumps({'prefix': _s.prefix, 'tipline': _t.__file__}))"
)
cells = [probe] + list(nb.cells)
nb.cells = cells
client = NotebookClient(
    nb, timeout=int(sys.argv[2]), kernel_name="python3",
    resources={"metadata": {"path": str(path.parent)}},
)
started = time.perf_counter()
report = {"ok": True}
with client.setup_kernel():
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        try:
            client.execute_cell(cell, index)
        except CellExecutionError as err:
            report = {
                "ok": False,
                "cell": index - 1,
                "cell_id": cell.get("id", ""),
                "source": cell.source[:600],
                "error": f"{err.ename}: {err.evalue}",
            }
            break
        if index == 0:
            text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            report["kernel"] = json.loads(text.strip().splitlines()[-1])
report["seconds"] = round(time.perf_counter() - started, 2)
print("RESULT " + json.dumps(report))
"""


def _clean_env(venv: Path, scratch: Path) -> dict[str, str]:
    """The environment a fresh shell would have: no trace of the repository's .venv."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH", "CONDA_PREFIX"}
    }
    path = [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(REPO))]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["VIRTUAL_ENV"] = str(venv)
    # Kernel specs, Jupyter and IPython settings from this environment only, not the user's.
    env["JUPYTER_PREFER_ENV_PATH"] = "1"
    env["JUPYTER_CONFIG_DIR"] = str(scratch / "jupyter-config")
    env["JUPYTER_DATA_DIR"] = str(scratch / "jupyter-data")
    env["IPYTHONDIR"] = str(scratch / "ipython")
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _copy_repo(dest: Path) -> None:
    def ignore(folder, names):
        return [n for n in names if n in SKIP or n.endswith(".egg-info")]

    shutil.copytree(REPO, dest, ignore=ignore, symlinks=True)


def _run(cmd, *, cwd, env, timeout, what):
    done = subprocess.run(
        cmd, cwd=cwd, env=env, timeout=timeout, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
        pytest.fail(f"{what} failed (exit {done.returncode}):\n{tail}", pytrace=False)
    return done


class FreshEnv:
    def __init__(self, root: Path, repo: Path, venv: Path, env: dict, install_seconds: float):
        self.root, self.repo, self.venv, self.env = root, repo, venv, env
        self.python = venv / "bin" / "python"
        self.install_seconds = install_seconds
        self.driver = root / "run_notebook.py"
        self.driver.write_text(DRIVER)
        self._results: dict[str, dict] = {}

    def run_notebook(self, name: str) -> dict:
        notebook = self.repo / "book" / name
        done = subprocess.run(
            [str(self.python), str(self.driver), str(notebook), str(CELL_TIMEOUT)],
            cwd=notebook.parent,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=CELL_TIMEOUT * 10,
            check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if not lines:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-30:])
            return {"ok": False, "cell": None, "error": f"the runner crashed:\n{tail}"}
        return json.loads(lines[-1][len("RESULT ") :])

    def run_all(self, names: list[str]) -> dict[str, dict]:
        """Run the notebooks, as many at once as there are cores (each is its own kernel)."""
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            for name, result in zip(names, pool.map(self.run_notebook, names), strict=True):
                self._results[name] = result
        return self._results


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("fresh-env")
    repo, venv = root / "repo", root / "venv"
    _copy_repo(repo)
    env = _clean_env(venv, root)
    started = time.perf_counter()
    _run([sys.executable, "-m", "venv", str(venv)], cwd=root, env=env, timeout=300, what="venv")
    _run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"],
        cwd=repo,
        env=env,
        timeout=PIP_TIMEOUT,
        what="pip install -r requirements.txt",
    )
    fresh = FreshEnv(root, repo, venv, env, time.perf_counter() - started)
    yield fresh
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def results(fresh_env):
    return fresh_env.run_all(NOTEBOOKS)


def test_book_has_notebooks():
    assert NOTEBOOKS, "no notebook in book/"


def test_requirements_install_tipline_from_the_repository(fresh_env):
    """``-e .`` at the end of requirements.txt installs the package the notebooks import."""
    done = _run(
        [str(fresh_env.python), "-c", "import tipline, sys; print(tipline.__file__)"],
        cwd=fresh_env.root,
        env=fresh_env.env,
        timeout=60,
        what="import tipline",
    )
    assert Path(done.stdout.strip()).is_relative_to(fresh_env.repo), done.stdout


def test_jupyterlab_has_the_widget_extension(fresh_env):
    """Binder opens JupyterLab: the explorer's live panel needs the widget manager there."""
    done = _run(
        [str(fresh_env.venv / "bin" / "jupyter"), "labextension", "list"],
        cwd=fresh_env.root,
        env=fresh_env.env,
        timeout=120,
        what="jupyter labextension list",
    )
    listing = done.stdout + done.stderr
    assert "@jupyter-widgets/jupyterlab-manager" in listing, listing


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_in_fresh_environment(results, fresh_env, name):
    result = results[name]
    if not result["ok"]:
        where = (
            f"cell {result['cell']} (id {result.get('cell_id', '?')})"
            if result.get("cell") is not None
            else "before any cell ran"
        )
        source = result.get("source", "")
        pytest.fail(
            f"book/{name} broke at {where} in a fresh environment:\n"
            f"{result['error']}\n--- cell source ---\n{source}",
            pytrace=False,
        )
    kernel = result["kernel"]
    assert Path(kernel["prefix"]).resolve() == fresh_env.venv.resolve(), (
        f"book/{name} ran in {kernel['prefix']}, not in the fresh environment {fresh_env.venv}"
    )
    assert Path(kernel["tipline"]).is_relative_to(fresh_env.repo), (
        f"book/{name} imported tipline from {kernel['tipline']}, not from the fresh checkout"
    )
