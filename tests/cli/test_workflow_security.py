"""Every workflow, this repository's and the one `briefing init` writes: least privilege and pinned actions.

A tag such as `@v4` can be moved to other code; a job with `id-token: write` can publish as this repository. So
write permissions belong to the one job that deploys or publishes, and every action runs at a full commit SHA
with its version in a comment, which Dependabot keeps current.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import REPO
from generator.cli import main
from generator.publish.scaffold import WORKFLOW_FILE

_PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")
_PUBLISHING = {"pages", "id-token"}


def workflow_problems(path: Path, publishing_job: str) -> list[str]:
    """Return what breaks the rules above in a workflow file (empty when it keeps them)."""
    text = path.read_text(encoding="utf-8")
    problems = [f"not pinned to a commit with its version: {line.strip()}"
                for line in text.splitlines() if "uses:" in line and not _PINNED.match(line)]
    workflow = yaml.safe_load(text)
    if workflow.get("permissions") != {"contents": "read"}:
        problems.append(f"workflow-wide permissions are not read-only: {workflow.get('permissions')}")
    for name, job in workflow["jobs"].items():
        granted = set((job.get("permissions") or {}).keys()) & _PUBLISHING
        if granted and name != publishing_job:
            problems.append(f"job {name} may publish ({', '.join(sorted(granted))})")
        if name == publishing_job and not granted:
            problems.append(f"job {name} cannot publish")
    return problems


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("init") / "desk"
    assert main(["init", str(root)]) == 0
    return root


def test_this_repositorys_workflows_grant_publishing_to_one_job_and_pin_every_action():
    assert workflow_problems(REPO / ".github/workflows/site.yml", "deploy") == []
    assert workflow_problems(REPO / ".github/workflows/release.yml", "publish") == []


def test_the_generated_workflow_grants_publishing_to_one_job_and_pins_every_action(generated):
    assert workflow_problems(generated / WORKFLOW_FILE, "deploy") == []


def test_the_check_catches_a_tag_a_branch_and_a_wide_permission(generated, tmp_path):
    text = (generated / WORKFLOW_FILE).read_text(encoding="utf-8")
    tagged = re.sub(r"actions/checkout@[0-9a-f]{40}  # v[\d.]+", "actions/checkout@v4", text)
    widened = text.replace("permissions:\n  contents: read\n", "permissions:\n  contents: read\n  id-token: write\n", 1)
    release = (REPO / ".github/workflows/release.yml").read_text(encoding="utf-8")
    branch = re.sub(r"gh-action-pypi-publish@[0-9a-f]{40}  # v[\d.]+", "gh-action-pypi-publish@release/v1", release)
    for name, changed, job in (("tagged", tagged, "deploy"), ("widened", widened, "deploy"), ("branch", branch, "publish")):
        assert changed != (release if name == "branch" else text), name
        path = tmp_path / f"{name}.yml"
        path.write_text(changed, encoding="utf-8")
        assert workflow_problems(path, job), name


@pytest.mark.parametrize("where", ["repository", "generated"])
def test_dependabot_proposes_updates_of_the_pinned_actions(where, generated):
    root = REPO if where == "repository" else generated
    config = yaml.safe_load((root / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert [(update["package-ecosystem"], update["directory"]) for update in config["updates"]] == [("github-actions", "/")]
    assert config["updates"][0]["schedule"]["interval"] in {"daily", "weekly", "monthly"}


@pytest.mark.parametrize("workflow", ["repository", "generated"])
def test_the_pages_address_step_names_a_project_site_and_a_user_site(workflow, generated, tmp_path):
    path = REPO / ".github/workflows/site.yml" if workflow == "repository" else generated / WORKFLOW_FILE
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    (step,) = [step["run"] for step in steps if "BRIEFING_SITE_URL" in step.get("run", "")]
    for repository, expected in (("Desk/Minerals-Briefing", "https://desk.github.io/Minerals-Briefing/"),
                                 ("Desk/desk.github.io", "https://desk.github.io/")):
        github_env = tmp_path / f"{repository.replace('/', '-')}.env"
        github_env.touch()
        environment = {"PATH": os.environ["PATH"], "GITHUB_ENV": str(github_env), "GITHUB_REPOSITORY": repository,
                       "GITHUB_REPOSITORY_OWNER": repository.split("/")[0]}
        subprocess.run(["bash", "-e", "-c", step], env=environment, check=True)
        assert github_env.read_text() == f"BRIEFING_SITE_URL={expected}\n"
