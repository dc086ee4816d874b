"""The GitHub Actions workflow: it parses, lints, triggers and deploys as the README says, and its commands work.

The last test runs the workflow's `run:` steps in order, in a fresh repository made from this working tree, the way
a runner would (GITHUB_ENV included), and checks every file the later upload steps publish is there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import yaml

from helpers import REPO, SEEDS, actionlint, run_workflow_steps

WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
WATCHED_PATHS = ["seeds/**", "docs_src/**", "briefing.yml", "site_templates/**", "generator/**", "mkdocs.yml"]
README_COMMANDS = ["bash run build", "bash run test"]


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true; GitHub reads it as "on".
    data["on"] = data.pop(True)
    return data


def _steps(job: str) -> list[dict]:
    return _workflow()["jobs"][job]["steps"]


def _step_using(job: str, action: str) -> dict:
    found = [step for step in _steps(job) if str(step.get("uses", "")).startswith(action + "@")]
    assert len(found) == 1, f"{job} should use {action} once"
    return found[0]


def _run_steps(job: str) -> list[str]:
    return [step["run"].strip() for step in _steps(job) if "run" in step]


def test_workflow_runs_on_pushes_to_main_touching_inputs_on_pull_requests_and_by_hand():
    triggers = _workflow()["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["push"]["paths"] == WATCHED_PATHS
    assert triggers["pull_request"]["paths"] == WATCHED_PATHS
    assert "workflow_dispatch" in triggers
    assert triggers["schedule"][0]["cron"]


def test_workflow_may_deploy_pages_one_run_at_a_time():
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}  # the build job (tests, seeds) cannot publish
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False  # never cut a deployment off halfway


def test_workflow_sets_up_python_with_pip_caching():
    setup = _step_using("build", "actions/setup-python")
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "pyproject.toml"


def test_workflow_runs_the_readme_commands_through_the_same_script_as_ci():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in README_COMMANDS:
        assert re.search(rf"^{command}(\s|$)", readme, re.MULTILINE), f"README should open a line with `{command}`"
    runs = _run_steps("build")
    assert runs.index("bash run test") < runs.index("bash run build"), "tests first, then the build"
    assert "bash run test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    script = (REPO / "run").read_text(encoding="utf-8")
    for command in ("briefing build --strict", "briefing build --offline --strict", "briefing handouts --strict"):
        assert command in script


def test_pull_requests_build_and_test_but_only_main_deploys():
    not_pr = "github.event_name != 'pull_request'"
    assert _step_using("build", "actions/upload-pages-artifact")["if"] == not_pr
    assert _step_using("build", "actions/upload-pages-artifact")["with"]["path"] == "site/"
    deploy = _workflow()["jobs"]["deploy"]
    assert deploy["if"] == not_pr and deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    for step in _steps("build"):  # building and testing never depend on the event
        if "run" in step:
            assert "if" not in step


def test_offline_zip_and_handouts_are_attached_to_every_run():
    artifact = _step_using("build", "actions/upload-artifact")
    assert "if" not in artifact
    assert artifact["with"]["path"].split() == ["site-offline.zip", "handouts/"]
    assert artifact["with"]["if-no-files-found"] == "error"


def test_previous_manifest_is_restored_before_the_build_and_saved_after_it():
    steps = _steps("build")
    uses = [str(step.get("uses", "")).split("@")[0] for step in steps]
    restore, save = uses.index("actions/cache/restore"), uses.index("actions/cache/save")
    runs = [index for index, step in enumerate(steps) if step.get("run", "").strip() == "bash run build"]
    assert restore < runs[0] < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == "docs_src/.briefing-manifest.json"


def test_actionlint_finds_no_problem_in_the_workflow_and_does_find_one_in_a_broken_copy(tmp_path):
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("github.run_id", "github.run_idd"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and "run_idd" in result.stdout


def test_the_workflow_commands_run_locally_in_order(tmp_path):
    """Run every `run:` step of the build job in order in a fresh repository, as a runner would.

    `bash run test` is the one step left out: it is this very test suite, already running.
    """
    project = tmp_path / "checkout"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file() and not name.startswith("seeds/"):  # the example articles come from the fixtures
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    shutil.copytree(SEEDS, project / "seeds")
    git = ["git", "-c", "user.name=ci", "-c", "user.email=ci@example.invalid"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "checkout", "--date", "2026-02-03T04:05:06Z"], cwd=project,
                   check=True, env={**os.environ, "GIT_COMMITTER_DATE": "2026-02-03T04:05:06Z"})
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environment.update(GITHUB_REPOSITORY="Desk/briefing", GITHUB_REPOSITORY_OWNER="Desk")
    ran = [command for command in _run_steps("build") if command != "bash run test"]
    run_workflow_steps(ran, project, environment, tmp_path / "github_env")
    assert "bash run build" in ran
    assert environment["SOURCE_DATE_EPOCH"] == "1770091506"  # the commit's date, 2026-02-03T04:05:06Z
    for published in ("site/index.html", "site/whats-new.html", "site/feed.xml", "site/briefing.json",
                      "site-offline.zip", "handouts/index.html", "docs_src/.briefing-manifest.json"):
        assert (project / published).is_file(), f"{published} is uploaded by a later step but was not built"
    # The handouts carry the commit's date, not the day the test ran.
    assert "Built 3 February 2026" in (project / "handouts" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>", (project / "site" / "index.html").read_text(encoding="utf-8"))
    # Built with the repository's Pages address, the 404 page finds its styles on a project site.
    assert environment["BRIEFING_SITE_URL"] == "https://desk.github.io/briefing/"
    assert 'href="/briefing/assets/stylesheets/' in (project / "site" / "404.html").read_text(encoding="utf-8")


def test_every_generated_file_is_ignored_by_git(tmp_path):
    """A generated file git does not ignore would be committed, then clash with the next build as "hand-written"."""
    from generator.cli import main
    from helpers import new_project

    root = new_project(tmp_path / "p")
    assert main(["-C", str(root), "generate"]) == 0
    generated = [
        "docs_src/" + path.relative_to(root / "docs_src").as_posix()
        for path in (root / "docs_src").rglob("*") if path.is_file() and path.name != "about.md"
    ]
    assert "docs_src/feed.xml" in generated and "docs_src/whats-new.md" in generated
    result = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=REPO, input="\n".join(generated),
                            capture_output=True, text=True)
    assert sorted(result.stdout.split()) == sorted(generated)
