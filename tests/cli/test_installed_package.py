"""The tool as a user gets it: the wheel in a fresh virtual environment, and `pip install git+URL@COMMIT`.

Every command runs from a folder outside the source tree, with nothing of it on the path, so a file the wheel
leaves out (a template, a default, the offline shim) fails here as it would for a user. pip installs the package
into new environments; in the first two the dependencies (MkDocs, spaCy …) are the test environment's, linked in
(`venv_with_our_dependencies`) to save a minute each, and the last, which installs the spec a user's workflow
holds, is wholly fresh: pip resolves and installs every dependency from the package index, as CI does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers import REPO, SEEDS, copy_package_source, venv_with_our_dependencies
from generator import __version__
from generator.publish.scaffold import DISTRIBUTION, WORKFLOW_FILE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="venv layout (bin/) of POSIX")


def _clean_environment() -> dict[str, str]:
    """The environment of a user's shell: nothing pointing at this source tree or the test environment."""
    removed = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "SOURCE_DATE_EPOCH", "BRIEFING_SITE_URL")
    environment = {key: value for key, value in os.environ.items() if key not in removed}
    environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return environment


def _fresh_venv(where: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    return where


def _pip_install(venv: Path, *arguments: str) -> None:
    result = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *arguments],
                            capture_output=True, text=True, env=_clean_environment(), cwd=venv, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr


def _briefing(venv: Path, cwd: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv / "bin" / "briefing"), *arguments], capture_output=True, text=True,
                          env=_clean_environment(), cwd=cwd, timeout=900)


def _install_line(project: Path) -> str:
    return yaml.safe_load((project / WORKFLOW_FILE).read_text(encoding="utf-8"))["env"]["BRIEFING_INSTALL"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built as a user's pip builds it, from a copy of this working tree (nothing written into it)."""
    work = tmp_path_factory.mktemp("wheel")
    source = copy_package_source(work / "source")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(source)],
                   check=True, capture_output=True, env=_clean_environment())
    (built,) = (work / "dist").iterdir()
    assert built.name == f"briefing_site-{__version__}-py3-none-any.whl"
    return built


def test_the_wheel_carries_every_file_of_the_package(wheel):
    """Templates, defaults, the project scaffold, the offline shim: every file under generator/ is in the wheel."""
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "generator"],
                             cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert len(tracked) > 60
    assert [name for name in tracked if (REPO / name).is_file() and name not in shipped] == []
    assert "generator/defaults/project/mkdocs.yml" in shipped and "generator/vendor/iframe-worker/shim.js" in shipped


def test_the_installed_wheel_runs_every_command_from_another_folder(wheel, tmp_path):
    venv = venv_with_our_dependencies(tmp_path / "venv")
    _pip_install(venv, "--no-index", str(wheel))  # nothing from the index: every dependency is already there
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"],
                           capture_output=True, text=True, cwd=elsewhere, env=_clean_environment(), check=True).stdout
    assert where.startswith(str(venv)) and not where.startswith(str(REPO))

    init = _briefing(venv, elsewhere, "init", "desk")
    assert init.returncode == 0, init.stderr
    project = elsewhere / "desk"
    # Installed from a wheel file, which a CI runner cannot reach: the index spec, and one line saying so.
    assert _install_line(project) == f"{DISTRIBUTION}=={__version__}"
    assert [line for line in init.stderr.splitlines() if "CI cannot reach" in line][0].startswith("warning: briefing was installed from file://")

    added = _briefing(venv, elsewhere, "-C", "desk", "add", *map(str, sorted(SEEDS.iterdir())))
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added     seeds/") == len(list(SEEDS.iterdir()))
    for command in (["build", "--strict"], ["build", "--offline", "--strict"], ["handouts", "--strict"]):
        result = _briefing(venv, elsewhere, "-C", "desk", *command)
        assert result.returncode == 0, f"{command}: {result.stderr}"
    check = _briefing(venv, elsewhere, "-C", "desk", "check")
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines()[-1] == f"{len(list(SEEDS.iterdir()))} article(s), 0 problem(s)"
    for built in ("site/index.html", "site/404.html", "site/briefing.json", "site-offline/index.html",
                  "site-offline/assets/javascripts/iframe-worker/shim.js", "site-offline.zip", "handouts/index.html"):
        assert (project / built).is_file(), built
    export = json.loads((project / "site" / "briefing.json").read_text(encoding="utf-8"))
    assert len(export["articles"]) == len(list(SEEDS.iterdir()))


def test_init_pins_a_git_install_to_its_commit_and_the_pinned_spec_installs(tmp_path):
    """pip install git+file://…@COMMIT → init writes that commit into the workflow → it installs elsewhere."""
    # A bare repository of this project, as a user's `git+https://github.com/OWNER/REPO@TAG` is.
    work_tree = copy_package_source(tmp_path / "checkout")
    git = ["git", "-c", "user.name=maintainer", "-c", "user.email=maintainer@example.invalid"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=work_tree, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work_tree, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "release"], cwd=work_tree, check=True)
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work_tree, capture_output=True, text=True,
                            check=True).stdout.strip()
    bare = tmp_path / "briefing.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(work_tree), str(bare)], check=True)

    first = venv_with_our_dependencies(tmp_path / "first")
    _pip_install(first, f"git+{bare.as_uri()}@{commit}")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    init = _briefing(first, elsewhere, "init", "desk")
    assert init.returncode == 0, init.stderr
    spec = _install_line(elsewhere / "desk")
    assert spec == f"git+{bare.as_uri()}@{commit}"
    assert "CI cannot reach" not in init.stderr and f"the workflow installs: {spec}" in init.stderr
    assert spec in (elsewhere / "desk" / "README.md").read_text(encoding="utf-8")  # the local install, too

    # The spec as the workflow's step passes it to pip, in another fresh environment.
    second = _fresh_venv(tmp_path / "second")
    step = next(step["run"] for step in yaml.safe_load((elsewhere / "desk" / WORKFLOW_FILE).read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
                if "pip install" in step.get("run", ""))
    result = subprocess.run(["bash", "-e", "-c", step], cwd=elsewhere / "desk", capture_output=True, text=True,
                            env={**_clean_environment(), "BRIEFING_INSTALL": spec,
                                 "PATH": f"{second / 'bin'}:{os.environ['PATH']}"}, timeout=900)
    assert result.returncode == 0, result.stderr
    version = _briefing(second, elsewhere, "--version")
    assert version.stdout.strip() == f"briefing {__version__}"
    again = _briefing(second, elsewhere, "init", "again")  # installed from the pinned spec, it pins the same
    assert again.returncode == 0 and _install_line(elsewhere / "again") == spec
