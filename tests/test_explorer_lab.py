"""The live explorer in JupyterLab, as a reader uses it: the project's own JupyterLab opens
book/explore.ipynb in headless Chromium, runs every cell, and the panel's verdict and charts
must say what tipline.model says, at the defaults, after a preset and after a slider moved
with the keyboard.

This is the test the kernel-side tests (test_explorer_live.py) cannot be: the browser's
slider views snap each value to their step and send it back to the kernel, which once made
the panel disagree with the book. The server runs from this environment's ``jupyter`` with
its own temporary settings, no token, on a free port in 8640-8649 (or one the system picks),
on a copy of the notebook (the book's file is never saved over). About 30-60 s.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tipline.explorer.presets import presets
from tipline.explorer.static import tilt_text
from tipline.model import evaluate, params_for_year, verdict_sentence
from tipline.paths import BOOK_DIR

pytestmark = pytest.mark.browser

PORTS = range(8640, 8650)
START_TIMEOUT = 60  # s, for the server to answer
PRESET = "capacity-doubled"
SLIDER = "quality"


def _free_port() -> int:
    for port in [*PORTS, 0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a folder holding a copy of explore.ipynb: its base URL."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(BOOK_DIR / "explore.ipynb", root / "explore.ipynb")
    home = root / ".home"
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    env.pop("TIPLINE_STATIC_BUILD", None)  # the live panel is what is tested
    port = _free_port()
    jupyter = Path(sys.executable).parent / "jupyter"
    log = (root / "server.log").open("w")
    server = subprocess.Popen(
        [
            str(jupyter),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.root_dir={root}",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--LabApp.extension_manager=readonly",
            "--allow-root",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            raise RuntimeError(
                "JupyterLab did not start:\n" + (root / "server.log").read_text()[-3000:]
            )
        time.sleep(0.5)
    yield base
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def expected_verdict(result) -> str:
    return f"Tilt {tilt_text(float(result.tilt))}. {verdict_sentence(result)}"


VERDICT = ".jp-OutputArea-output p[aria-live='polite']"
# The panel's plotly charts, in the panel's order: tilt bar, balance (plotly sets .data on
# the element it draws in). The flow of reports is HTML (FLOW).
FIGURE_DATA = """() => [...document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot')]
    .map(el => el.data.map(t => ({x: t.x ? Array.from(t.x) : null,
                                  value: t.link ? Array.from(t.link.value) : null})))"""


def _verdict_becomes(page, text: str, timeout: float = 30_000) -> None:
    """Wait until the panel's verdict reads ``text``; fail showing what it reads instead."""
    try:
        page.wait_for_function(
            "([sel, text]) => { const el = document.querySelector(sel);"
            " return el && el.textContent.replace(/\\s+/g, ' ').trim() === text; }",
            arg=[VERDICT, text],
            timeout=timeout,
        )
    except Exception:
        shown = page.evaluate(
            "sel => { const el = document.querySelector(sel); return el && el.textContent; }",
            VERDICT,
        )
        pytest.fail(f"the panel says {shown!r}, the model says {text!r}")


def _check_figures(page, result) -> None:
    """The tilt bar is drawn at the model's tilt (waiting for the redraw, then exactly)."""
    tilt = float(result.tilt)
    try:
        page.wait_for_function(
            f"() => {{ const f = ({FIGURE_DATA})(); return f.length === 2 && f[0].length"
            f" && f[0][0].x && Math.abs(f[0][0].x[0] - {tilt!r}) < 1e-9; }}",
            timeout=30_000,
        )
    except Exception:
        pytest.fail(f"the tilt bar never showed {tilt}: {page.evaluate(FIGURE_DATA)}")
    figures = page.evaluate(FIGURE_DATA)
    assert figures[0][0]["x"][0] == pytest.approx(tilt, abs=1e-12)
    # The flow: the model's count of reports worked in time, in bars that its stylesheet
    # draws (a bar with no style would have no height).
    worked = f"{float(result.worked):,.0f}"
    try:
        page.wait_for_function(f"() => ({FLOW})().worked === {worked!r}", timeout=30_000)
    except Exception:
        pytest.fail(f"the flow never showed {worked} worked: {page.evaluate(FLOW)}")
    assert page.evaluate(FLOW)["barHeight"] > 4


FLOW = """() => {
  const item = document.querySelector('.jp-OutputArea-output [data-flow-item="worked"]');
  const bar = document.querySelector('.jp-OutputArea-output .tipline-flow__bar');
  return {worked: item && item.querySelector('.tipline-flow__count').textContent,
          barHeight: bar ? bar.getBoundingClientRect().height : 0};
}"""


def test_explore_notebook_in_jupyterlab_agrees_with_the_model(lab, browser):
    started = time.monotonic()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        page.goto(f"{lab}/lab/tree/explore.ipynb", wait_until="domcontentloaded")
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.sessionContext"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session"
            " && window.jupyterapp.shell.currentWidget.sessionContext.session.kernel",
            timeout=60_000,
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")

        # At the defaults.
        defaults = evaluate()
        _verdict_becomes(page, " ".join(expected_verdict(defaults).split()), 90_000)
        _check_figures(page, defaults)

        # Press a preset.
        preset = {p.id: p for p in presets()}[PRESET]
        page.get_by_role("button", name=preset.label, exact=True).click()
        at_preset = evaluate(year=preset.year, **preset.values, **preset.choices)
        _verdict_becomes(page, " ".join(expected_verdict(at_preset).split()))
        _check_figures(page, at_preset)

        # Move a slider one step with the keyboard.
        p = params_for_year(preset.year)[SLIDER]
        handle = page.locator(".widget-slider", has_text=p.label).locator(".noUi-handle")
        handle.focus()
        page.keyboard.press("ArrowLeft")
        shown = p.low + round((preset.values[SLIDER] - p.low) / p.step) * p.step
        moved = evaluate(
            year=preset.year, **{**preset.values, SLIDER: shown - p.step}, **preset.choices
        )
        _verdict_becomes(page, " ".join(expected_verdict(moved).split()))
        _check_figures(page, moved)
    finally:
        context.close()
    assert not errors, errors
    print(f"JupyterLab explorer test: {time.monotonic() - started:.1f} s in the browser")
