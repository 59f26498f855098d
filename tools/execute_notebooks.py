"""Execute the book's notebooks in parallel into Jupyter Book's execution cache.

    python tools/execute_notebooks.py [--jobs N]      (tools/build_book.py calls run())

Jupyter Book (MyST-NB, ``execute_notebooks: cache``) executes every notebook whose code is
not in ``_build/.jupyter_cache``, one after another. This fills the cache first, several
notebooks at a time (one process and kernel each; by default as many as there are CPUs),
exactly as MyST-NB would: the notebook read with nbformat, executed by jupyter-cache's
``single_nb_execution`` in the notebook's folder with the timeout and ``allow_errors`` of
``_config.yml``, and stored under the notebook's path. The build that follows then finds
every notebook in the cache. Only notebooks the cache does not hold are executed (and none
that sets its own ``execution_mode``: MyST-NB runs those); each one is reported as it
finishes, so a build never sits silent for minutes.

Each notebook runs in a new process (spawned, so nothing carries over from the parent or from
another notebook); one that hangs past a deadline is stopped with its kernel and run once
more. Workers only execute; the parent alone writes to the cache's SQLite database.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "_build" / ".jupyter_cache"
LOG = functools.partial(print, flush=True)
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours in the kernel's traceback


def _settings(root: Path = ROOT) -> tuple[int, bool]:
    """The execution timeout and allow_errors of ``_config.yml`` (Jupyter Book's defaults)."""
    import yaml

    execute = (yaml.safe_load((root / "_config.yml").read_text()) or {}).get("execute") or {}
    return int(execute.get("timeout", 30)), bool(execute.get("allow_errors", False))


def notebooks(root: Path = ROOT) -> list[Path]:
    """The notebooks the book executes (every ``book/*.ipynb``)."""
    return sorted((root / "book").glob("*.ipynb"))


def _execute(path: str, timeout: int, allow_errors: bool):
    """Worker: execute one notebook as MyST-NB's cache client does; return it executed."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution

    nb = nbformat.read(path, as_version=4)
    result = single_nb_execution(
        nb, cwd=str(Path(path).parent), timeout=timeout, allow_errors=allow_errors
    )
    error = None
    if result.err is not None:
        error = ANSI.sub("", f"{type(result.err).__name__}: {result.exc_string or result.err}")
    return path, nb, result.time, error


def pending(cache, paths: list[Path]) -> list[Path]:
    """The notebooks whose code the cache does not hold.

    A notebook whose own metadata sets MyST-NB's ``execution_mode`` (``force``: run at every
    build, as the teacher's guide is; ``off``) is left to MyST-NB.
    """
    import nbformat

    out = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if (nb.metadata.get("mystnb") or {}).get("execution_mode"):
            continue
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            out.append(path)
    return out


#: A notebook that has not finished this long after it started is stopped (its kernel, left
#: without a parent, shuts itself down) and run once more; a second time, the build fails
#: saying so. A cell's own timeout (from ``_config.yml``) normally ends a stuck cell long
#: before: this catches a worker that hangs outside any cell (seen once: a blocking ZeroMQ
#: send after the kernel had exited).
NOTEBOOK_DEADLINE = 600.0


def _child(path: str, timeout: int, allow_errors: bool, out: str) -> None:
    """One notebook in its own process (and session): executed, then written to ``out``
    with its time and error (as JSON)."""
    import json

    import nbformat

    os.setsid()
    path, nb, seconds, error = _execute(path, timeout, allow_errors)
    Path(out).write_text(
        json.dumps({"nb": nbformat.writes(nb), "seconds": seconds, "error": error}),
        encoding="utf-8",
    )


class _Running:
    """A notebook being executed: its process, where it writes, when it started."""

    def __init__(self, ctx, path: Path, settings: tuple[int, bool], scratch: Path, attempt: int):
        self.path, self.attempt = path, attempt
        self.out = scratch / f"{path.stem}.{attempt}.json"
        self.process = ctx.Process(target=_child, args=(str(path), *settings, str(self.out)))
        self.process.start()
        self.started = time.perf_counter()

    def stop(self) -> None:
        """Stop the process (and whatever of its session is left)."""
        import signal

        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()
        self.process.join(5)

    def result(self):
        """(notebook, seconds, error) once the process has ended."""
        import json

        import nbformat

        if not self.out.is_file():
            code = self.process.exitcode
            return None, time.perf_counter() - self.started, f"worker exited ({code})"
        data = json.loads(self.out.read_text(encoding="utf-8"))
        return nbformat.reads(data["nb"], as_version=4), data["seconds"], data["error"]


def run(
    jobs: int | None = None,
    root: Path = ROOT,
    cache_path: Path = CACHE,
    log=LOG,
    deadline: float = NOTEBOOK_DEADLINE,
) -> int:
    """Execute every uncached notebook, ``jobs`` at a time; 0 on success, 1 if one failed.

    Each notebook runs in a new process (nothing is shared between notebooks; no process is
    forked from one holding the cache's database); one that passes ``deadline`` seconds is
    stopped and run again once. The environment (``TIPLINE_STATIC_BUILD``
    among it) is the caller's: kernels inherit it.
    """
    import multiprocessing
    import tempfile

    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(cache_path))
    todo = pending(cache, notebooks(root))
    if not todo:
        log("notebooks: all in the execution cache")
        return 0
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    settings = _settings(root)
    log(f"notebooks: executing {len(todo)}, {jobs} at a time (timeout {settings[0]} s per cell)")
    started = time.perf_counter()
    ctx = multiprocessing.get_context("spawn")
    queue = [(path, 1) for path in todo]
    running: list[_Running] = []
    failures = []
    done = 0
    with tempfile.TemporaryDirectory(prefix="tipline-nb-") as scratch:
        while queue or running:
            while queue and len(running) < jobs:
                path, attempt = queue.pop(0)
                running.append(_Running(ctx, path, settings, Path(scratch), attempt))
            time.sleep(0.2)
            for job in list(running):
                rel = job.path.relative_to(root)
                if job.process.is_alive():
                    if time.perf_counter() - job.started > deadline:
                        job.stop()
                        running.remove(job)
                        if job.attempt == 1:
                            log(f"  {rel}: no result after {deadline:.0f} s: stopped, trying again")
                            queue.insert(0, (job.path, 2))
                        else:
                            done += 1
                            failures.append((rel, f"no result after {deadline:.0f} s, twice"))
                            log(f"  [{done}/{len(todo)}] {rel} FAILED (stopped twice)")
                    continue
                job.process.join()
                running.remove(job)
                done += 1
                nb, seconds, error = job.result()
                if error:
                    failures.append((rel, error))
                    log(f"  [{done}/{len(todo)}] {rel} FAILED after {seconds:.1f} s")
                    continue
                record = cache.add_nb_to_project(str(job.path))
                cache.cache_notebook_bundle(
                    CacheBundleIn(nb, record.uri, data={"execution_seconds": seconds}),
                    check_validity=False,
                    overwrite=True,
                )
                log(f"  [{done}/{len(todo)}] {rel} executed in {seconds:.1f} s")
    log(f"notebooks: done in {time.perf_counter() - started:.1f} s")
    for rel, error in failures:
        tail = "\n".join(error.strip().splitlines()[-25:])
        log(f"\n{rel} failed to execute:\n{tail}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at a time")
    args = parser.parse_args(argv)
    os.environ.setdefault("TIPLINE_STATIC_BUILD", "1")
    return run(args.jobs)


if __name__ == "__main__":
    sys.exit(main())
