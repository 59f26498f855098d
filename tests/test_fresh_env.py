"""The notebooks where readers run them: Binder's image, and a student's own Python.

**Binder.** Binder (repo2docker) builds the repository's image with a new Python,
``pip install -r requirements.txt`` from the repository root (the file ends with ``-e .``,
which installs ``tipline``), then runs ``postBuild``, which runs every chapter notebook to
write its student edition into ``student/`` (the launch buttons open those). Here:

1. the repository is copied to a temporary folder (without ``.venv``, ``_build`` or any
   cache, so the repository itself is never touched and nothing untracked leaks in);
2. ``python -m venv`` makes a new environment and ``pip install -r requirements.txt`` fills
   it, from the copy's root;
3. ``postBuild`` runs there: every chapter notebook runs top to bottom in a kernel of that
   environment (a failure names the notebook, the cell and the error), and the student
   edition is written.

**A student's own Python.** A new environment holds only the ``tipline`` wheel the site
offers (with what it requires, at the versions of ``requirements.txt``) and a kernel. Every
student notebook from step 3 is copied to an empty folder outside the repository and runs
there top to bottom, two at a time; a first probe cell reports which environment the kernel
runs in and where ``tipline`` and its data come from.

Both environments are filled with the installer ``make venv`` uses (uv, from this
environment's ``bin/``, into the new environment), which installs the same pinned files as
pip in seconds from its cache. ``TIPLINE_FRESH_ENV_INSTALLER=pip`` installs with the new
environment's own pip instead, exactly as Binder does (minutes). Slow either way (every
notebook runs twice), so it is marked ``slow`` and runs in ``make test-fresh-env`` (part of
``make test``).
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

import nbformat
import pytest

from tipline.student import BINDER_FOLDER, chapter_notebooks
from tipline.student.myst import leftovers
from tipline.student.publish import build_wheel

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
STUDENT = [p.name for p in chapter_notebooks()]
KERNEL = "tipline-student"

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

# Run by this environment's Python (nbclient) against a kernel of the fresh environment:
# execute one notebook cell by cell and print one JSON line saying what happened. The first
# cell is a probe (not part of the notebook) that reports the kernel's environment and where
# it imports tipline and its data from.
DRIVER = r"""
import json, sys, time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path, timeout, kernel = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
nb = nbformat.read(path, as_version=4)
probe = nbformat.v4.new_code_cell(
    "import json as _j, sys as _s, tipline as _t, tipline.paths as _p\n"
    "print(_j.dumps({'prefix': _s.prefix, 'tipline': _t.__file__, 'data': str(_p.DATA_DIR)}))"
)
cells = [probe] + list(nb.cells)
nb.cells = cells
client = NotebookClient(
    nb, timeout=timeout, kernel_name=kernel, resources={"metadata": {"path": str(path.parent)}}
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
        and not k.startswith("TIPLINE_")
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
        top = Path(folder) == REPO  # a student/ written by an earlier postBuild
        return [
            n for n in names if n in SKIP or n.endswith(".egg-info") or (top and n == BINDER_FOLDER)
        ]

    shutil.copytree(REPO, dest, ignore=ignore, symlinks=True)


def _run(cmd, *, cwd, env, timeout, what):
    done = subprocess.run(
        cmd, cwd=cwd, env=env, timeout=timeout, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-40:])
        pytest.fail(f"{what} failed (exit {done.returncode}):\n{tail}", pytrace=False)
    return done


def _new_venv(venv: Path, root: Path, env: dict) -> Path:
    _run([sys.executable, "-m", "venv", str(venv)], cwd=root, env=env, timeout=300, what="venv")
    return venv / "bin" / "python"


def _installer() -> str:
    """``uv`` or ``pip``: TIPLINE_FRESH_ENV_INSTALLER if set, else uv when this environment
    has it (``make venv`` installs it), else pip."""
    chosen = os.environ.get("TIPLINE_FRESH_ENV_INSTALLER", "")
    if chosen not in {"", "uv", "pip"}:
        raise ValueError(f"TIPLINE_FRESH_ENV_INSTALLER must be 'uv' or 'pip' (got {chosen!r})")
    if chosen:
        return chosen
    return "uv" if (Path(sys.executable).parent / "uv").is_file() else "pip"


def _install(python: Path, args: list[str], *, cwd: Path, env: dict, what: str) -> None:
    """Install ``args`` (pip's argument syntax) into the environment of ``python``."""
    installer = _installer()
    if installer == "uv":
        uv = Path(sys.executable).parent / "uv"
        cmd = [str(uv), "pip", "install", "--quiet", "--python", str(python), *args]
    else:
        cmd = [str(python), "-m", "pip", "install", "--quiet", *args]
    _run(cmd, cwd=cwd, env=env, timeout=PIP_TIMEOUT, what=f"{what} ({installer})")


# -- Binder ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory):
    """The copy of the repository with requirements.txt installed, as Binder has it."""
    root = tmp_path_factory.mktemp("fresh-env")
    repo, venv = root / "repo", root / "venv"
    _copy_repo(repo)
    env = _clean_env(venv, root)
    python = _new_venv(venv, root, env)
    started = time.perf_counter()
    _install(python, ["-r", "requirements.txt"], cwd=repo, env=env, what="requirements.txt")
    yield {"root": root, "repo": repo, "venv": venv, "python": python, "env": env}
    print(f"requirements installed in {time.perf_counter() - started:.0f} s")
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def binder_image(fresh_env):
    """The copy after Binder's postBuild: the student edition in student/."""
    started = time.perf_counter()
    _run(
        ["bash", "postBuild"],
        cwd=fresh_env["repo"],
        env=fresh_env["env"],
        timeout=CELL_TIMEOUT * 20,
        what="postBuild (every chapter notebook, run for its values)",
    )
    print(f"postBuild in {time.perf_counter() - started:.0f} s")
    return fresh_env["repo"] / BINDER_FOLDER


def test_requirements_install_tipline_from_the_repository(fresh_env):
    """``-e .`` at the end of requirements.txt installs the package the notebooks import."""
    done = _run(
        [str(fresh_env["python"]), "-c", "import tipline, sys; print(tipline.__file__)"],
        cwd=fresh_env["root"],
        env=fresh_env["env"],
        timeout=60,
        what="import tipline",
    )
    assert Path(done.stdout.strip()).is_relative_to(fresh_env["repo"]), done.stdout


def test_the_widget_extension_is_installed_for_jupyterlab(fresh_env):
    """Binder opens JupyterLab (repo2docker brings it, in this same environment): the
    explorer's live panel needs the widget manager's prebuilt extension there, which
    ipywidgets brings (jupyterlab_widgets)."""
    found = fresh_env["venv"] / "share/jupyter/labextensions/@jupyter-widgets/jupyterlab-manager"
    assert (found / "package.json").is_file(), f"no JupyterLab widget manager at {found}"


def test_postbuild_writes_the_student_edition(binder_image):
    """Every chapter notebook ran in the fresh environment (postBuild stops at the first that
    fails, naming it), and its student notebook is where the launch buttons point."""
    assert sorted(p.name for p in binder_image.glob("*.ipynb")) == sorted(STUDENT)
    for path in binder_image.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert not leftovers(cell.source), f"{path.name}: {leftovers(cell.source)}"


# -- a student's own Python: the wheel and a kernel ------------------------------------------


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    """A new environment with only the tipline wheel (and what it requires) and a kernel."""
    root = tmp_path_factory.mktemp("wheel-env")
    venv = root / "venv"
    env = _clean_env(venv, root)
    wheel = build_wheel(root / "dist", REPO)
    python = _new_venv(venv, root, env)
    # The versions the book is tested with (requirements.txt without its editable '-e .').
    constraints = root / "constraints.txt"
    pins = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    constraints.write_text("\n".join(line for line in pins if not line.startswith("-e")))
    _install(
        python,
        [str(wheel), "ipykernel", "-c", str(constraints)],
        cwd=root,
        env=env,
        what="the wheel and ipykernel",
    )
    _run(
        [str(python), "-m", "ipykernel", "install", "--prefix", str(venv), "--name", KERNEL],
        cwd=root,
        env=env,
        timeout=120,
        what="ipykernel install",
    )
    # The driver runs in this environment (it has nbclient); the kernel in the new one.
    driver_env = {
        **env,
        "PATH": os.environ.get("PATH", ""),
        "JUPYTER_PATH": str(venv / "share/jupyter"),
    }
    driver_env.pop("VIRTUAL_ENV", None)
    yield {"root": root, "venv": venv, "env": driver_env}
    shutil.rmtree(root, ignore_errors=True)


def _run_student(driver: Path, notebook: Path, env: dict) -> dict:
    done = subprocess.run(
        [sys.executable, str(driver), str(notebook), str(CELL_TIMEOUT), KERNEL],
        cwd=notebook.parent,
        env=env,
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


@pytest.fixture(scope="module")
def student_results(binder_image, wheel_env):
    """Every student notebook, copied to an empty folder outside the repository, run there."""
    classroom = wheel_env["root"] / "classroom"
    classroom.mkdir()
    assert not any(classroom.iterdir())
    for name in STUDENT:
        shutil.copy(binder_image / name, classroom / name)
    driver = wheel_env["root"] / "run_notebook.py"
    driver.write_text(DRIVER)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        runs = pool.map(lambda n: _run_student(driver, classroom / n, wheel_env["env"]), STUDENT)
        return dict(zip(STUDENT, runs, strict=True))


@pytest.mark.parametrize("name", STUDENT)
def test_student_notebook_runs_with_only_the_wheel(student_results, wheel_env, name):
    result = student_results[name]
    if not result["ok"]:
        where = f"cell {result['cell']}" if result.get("cell") is not None else "before any cell"
        pytest.fail(
            f"the student notebook {name} broke at {where} with only the wheel installed:\n"
            f"{result['error']}\n--- cell source ---\n{result.get('source', '')}",
            pytrace=False,
        )
    kernel = result["kernel"]
    venv = wheel_env["venv"].resolve()
    assert Path(kernel["prefix"]).resolve() == venv, f"{name} ran in {kernel['prefix']}"
    assert Path(kernel["tipline"]).resolve().is_relative_to(venv), kernel["tipline"]
    assert Path(kernel["data"]).resolve().is_relative_to(venv), (
        f"{name} read its data from {kernel['data']}, not from the installed wheel"
    )
