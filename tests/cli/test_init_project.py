"""A user's own briefing repository, from `briefing init` to a deployed site.

The last test does what a new user and GitHub do: `briefing init` a project, add articles, commit, then run the
generated workflow's steps in order — installing this package from a wheel built here, as the workflow installs
it from PyPI — and check the site, the offline zip and the handouts the upload steps publish.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from helpers import REPO, SEEDS, actionlint, copy_package_source, run_workflow_steps, venv_with_our_dependencies
from generator import __version__
from generator.cli import main
from generator.publish.scaffold import DISTRIBUTION, WORKFLOW_FILE

WATCHED = ["seeds/**", "docs_src/**", "briefing.yml", "mkdocs.yml", "site_templates/**"]


def _workflow(root: Path) -> dict:
    data = yaml.safe_load((root / WORKFLOW_FILE).read_text(encoding="utf-8"))
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
    return data


def _steps(root: Path) -> list[dict]:
    return _workflow(root)["jobs"]["build"]["steps"]


def _uses(root: Path, action: str) -> dict:
    found = [step for step in _steps(root) if str(step.get("uses", "")).startswith(action + "@")]
    assert len(found) == 1, action
    return found[0]


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "my-briefing"
    assert main(["init", str(root)]) == 0
    return root


def test_init_writes_everything_a_briefing_repository_needs(project):
    for name in ("mkdocs.yml", "briefing.yml", "docs_src/about.md", ".gitignore", "README.md", WORKFLOW_FILE,
                 ".github/dependabot.yml"):
        assert (project / name).is_file(), name
    assert (project / "seeds").is_dir() and (project / "seeds" / ".gitkeep").is_file()  # git keeps the folder
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert f"{DISTRIBUTION}=={__version__}" in readme and "Settings → Pages" in readme


def test_the_distribution_name_is_ours_and_the_workflow_pins_this_version(project):
    project_table = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project_table["name"] == DISTRIBUTION != "briefing"  # `briefing` on PyPI is somebody else's
    assert project_table["scripts"]["briefing"] == "generator.cli:main"
    # Tests run from an editable install, which CI cannot reach: the workflow installs this version from PyPI.
    assert _workflow(project)["env"]["BRIEFING_INSTALL"] == f"briefing-site=={__version__}"
    install = [step["run"] for step in _steps(project) if "pip install" in step.get("run", "")]
    assert install == ['python -m pip install "${BRIEFING_INSTALL}"']


def test_the_workflow_runs_on_inputs_schedule_and_by_hand_and_publishes_and_attaches(project):
    triggers = _workflow(project)["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert set(WATCHED) <= set(triggers["push"]["paths"])
    assert triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers
    workflow = _workflow(project)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = next(step["run"] for step in _steps(project) if "briefing build" in step.get("run", ""))
    assert build.split("\n")[:3] == ["briefing build --strict", "briefing build --offline --strict", "briefing handouts --strict"]
    assert _uses(project, "actions/upload-artifact")["with"]["path"].split() == ["site-offline.zip", "handouts/"]
    assert _uses(project, "actions/upload-pages-artifact")["with"]["path"] == "site/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_actionlint_passes_the_generated_workflow_and_catches_a_broken_one(project, tmp_path):
    result = actionlint(project / WORKFLOW_FILE)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    text = (project / WORKFLOW_FILE).read_text(encoding="utf-8")
    broken.write_text(text.replace("steps.deployment.outputs", "steps.deploymnet.outputs"), encoding="utf-8")
    assert actionlint(broken).returncode == 1


def test_gitignore_keeps_generated_files_out_and_hand_written_ones_in(project):
    for seed in sorted(SEEDS.iterdir()):
        shutil.copy(seed, project / "seeds" / seed.name)
    assert main(["-C", str(project), "handouts"]) == 0
    assert main(["-C", str(project), "build"]) == 0
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    tracked = sorted(line[3:] for line in status.splitlines())
    expected = sorted([".github/dependabot.yml", ".github/workflows/briefing.yml", ".gitignore", "README.md", "briefing.yml", "docs_src/about.md",
                       "mkdocs.yml", "seeds/.gitkeep", *(f"seeds/{seed.name}" for seed in SEEDS.iterdir())])
    assert tracked == expected


def test_init_refuses_an_existing_file_and_repair_adds_only_the_missing_ones(project, capsys):
    (project / "mkdocs.yml").unlink()
    (project / "README.md").write_text("# Our desk\n", encoding="utf-8")
    assert main(["init", str(project)]) == 2
    assert "--repair" in capsys.readouterr().err
    assert main(["-C", str(project), "build"]) == 1
    advice = capsys.readouterr().err
    assert f"briefing init --repair {project}" in advice
    command = re.search(r"`(briefing init --repair [^`]+)`", advice).group(1)
    assert main(command.split()[1:]) == 0  # the advice, as given, works
    assert "mkdocs.yml" in capsys.readouterr().out
    assert (project / "README.md").read_text(encoding="utf-8") == "# Our desk\n"  # never overwritten
    assert main(["init", "--repair", str(project)]) == 0
    assert capsys.readouterr().out == ""  # nothing missing, nothing written
    assert main(["-C", str(project), "build", "--strict"]) == 0


def test_a_new_users_repository_deploys_through_its_generated_workflow(tmp_path):
    """init → add articles → commit → the workflow's steps, with this package installed from a wheel built here."""
    # The package, built as a wheel from a copy of this working tree (nothing is written into the tree).
    source, wheels = copy_package_source(tmp_path / "source"), tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
                   check=True, capture_output=True)
    assert [path.name for path in wheels.iterdir()] == [f"briefing_site-{__version__}-py3-none-any.whl"]

    # The user's repository: init, two articles added with `briefing add`, committed.
    project = tmp_path / "desk-briefing"
    assert main(["init", str(project)]) == 0
    assert main(["-C", str(project), "add", *map(str, sorted(SEEDS.iterdir())[:2])]) == 0
    git = ["git", "-c", "user.name=analyst", "-c", "user.email=analyst@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first articles"], cwd=project, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2026-03-04T05:06:07Z"})
    result = actionlint(project / WORKFLOW_FILE)
    assert result.returncode == 0, result.stdout

    # The runner: the workflow's `run:` steps in order, GITHUB_ENV honoured, `python` and `briefing` on PATH from
    # the fresh environment, pip offline and pointed at the wheel instead of PyPI.
    venv = venv_with_our_dependencies(tmp_path / "runner")
    environment = {key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "VIRTUAL_ENV")}
    environment.update({
        "PATH": f"{venv / 'bin'}:{environment['PATH']}",
        "GITHUB_REPOSITORY": "analyst/desk-briefing", "GITHUB_REPOSITORY_OWNER": "Analyst",
        "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        **{key: str(value) for key, value in _workflow(project)["env"].items()},
    })
    ran = [step["run"] for step in _steps(project) if "run" in step]
    run_workflow_steps(ran, project, environment, tmp_path / "github_env")
    assert len(ran) == 4 and environment["SOURCE_DATE_EPOCH"] == "1772600767"  # 2026-03-04T05:06:07Z
    assert environment["BRIEFING_SITE_URL"] == "https://analyst.github.io/desk-briefing/"

    installed = subprocess.run([str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
                               capture_output=True, text=True, check=True, env=environment, cwd=project).stdout
    assert installed.startswith(str(venv)) and (venv / "bin" / "briefing").is_file()  # the wheel's, not this tree's
    for published in ("site/index.html", "site/briefing.json", "site/about.html", "site-offline.zip",
                      "site-offline/index.html", "handouts/index.html"):
        assert (project / published).is_file(), published
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "2 articles" in home
    assert "Built 4 March 2026" in (project / "handouts" / "index.html").read_text(encoding="utf-8")
    # The 404 page is served for any missing path of the project site: its styles load from the site's folder.
    not_found = (project / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/desk-briefing/assets/stylesheets/' in not_found
    assert "https://analyst.github.io/desk-briefing/feed.xml" in (project / "site" / "feed.xml").read_text(encoding="utf-8")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True).stdout
    assert status == ""  # the build leaves nothing the user would have to commit or ignore by hand


RELEASE = REPO / ".github" / "workflows" / "release.yml"


def test_the_release_workflow_lints_and_publishes_only_the_tagged_version(tmp_path):
    """The package the generated workflow installs is published by release.yml; its checks and build run here."""
    assert actionlint(RELEASE).returncode == 0
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*"]
    assert workflow["jobs"]["publish"]["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert workflow["jobs"]["publish"]["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version == __version__  # `briefing --version`, the pin init writes and the release agree
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    runs = [step["run"] for step in workflow["jobs"]["publish"]["steps"] if "run" in step]
    runner = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}  # `python`: setup-python's
    for tag, expected in ((f"v{version}", 0), ("v9.9.9", 1)):
        result = subprocess.run(["bash", "-e", "-c", runs[0]], cwd=source, capture_output=True, text=True,
                                env={**runner, "GITHUB_REF_NAME": tag})
        assert result.returncode == expected, result.stderr
    assert "the tag is v9.9.9 but pyproject.toml says" in result.stderr
    result = subprocess.run(["bash", "-e", "-c", runs[1]], cwd=source, capture_output=True, text=True, timeout=600,
                            env=runner)
    assert result.returncode == 0, result.stderr
    assert [path.name for path in (source / "dist").iterdir()] == [f"briefing_site-{version}-py3-none-any.whl"]
