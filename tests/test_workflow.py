"""The Pages workflow publishes only a site that passed `make test`."""

from __future__ import annotations

import yaml

from tipline.paths import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "pages.yml"


def _jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def test_deploy_needs_the_test_job():
    jobs = _jobs()
    needs = jobs["deploy"]["needs"]
    assert "test" in ([needs] if isinstance(needs, str) else needs)
    assert all("make build" not in str(step.get("run", "")) for step in jobs["test"]["steps"])


def test_the_artifact_is_the_tree_the_tests_built():
    steps = _jobs()["test"]["steps"]
    runs = [i for i, s in enumerate(steps) if ".ci/run" in str(s.get("run", ""))]
    uploads = [i for i, s in enumerate(steps) if "upload-pages-artifact" in str(s.get("uses"))]
    assert runs and uploads and runs[0] < uploads[0], steps
    assert steps[uploads[0]]["with"]["path"] == "_build/html"
    assert "make test" in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
