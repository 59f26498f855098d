"""Every built page is valid HTML: the Nu Html Checker (vnu.jar) finds no error.

vnu.jar comes from npm (``vnu-jar``, pinned in ``package-lock.json``; ``make test-site``
installs it with ``npm ci --ignore-scripts``, so nothing but the jar is fetched) and runs on
the machine's Java. One run checks every page of the site and a control page with known
errors, which proves the checker ran and reports what it finds.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from browsing import site_pages

from tipline.paths import REPO_ROOT

pytestmark = pytest.mark.browser

VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CONTROL = (
    '<!DOCTYPE html><html lang="en"><head><title>control</title></head>'
    '<body><p id="twice">a</p><p id="twice">b</p></body></html>'
)


def run_checker(files: list) -> list[dict]:
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `make test-site` (it runs `npm ci`)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed: `sudo apt-get install default-jre-headless`")
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(done.stderr or done.stdout)["messages"]


def test_every_page_is_valid_html(site_dir, tmp_path):
    control = tmp_path / "control.html"
    control.write_text(CONTROL, encoding="utf-8")
    pages = [site_dir / rel for rel in site_pages(site_dir, redirects=True)]
    assert site_dir / "index.html" in pages
    messages = run_checker([control, *pages])
    on_control = [m for m in messages if m.get("url", "").endswith("/control.html")]
    assert any("Duplicate ID" in m["message"] for m in on_control), messages[:3]
    errors = [
        f"{m.get('url', '?').split('/html/')[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m not in on_control
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors[:40])
