"""Fixtures every test folder shares (plain helpers are in helpers.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from generator.cli import main
from generator.config import load_config

from helpers import (
    CRICKET_SEED, HOSTILE_SEED, HOSTILE_TEXT_SEED, LARGE_LISTING_LIMIT, LARGE_SEEDS, REALWORLD, SEEDS, many_seeds,
    new_project,
)

# In CI the property tests replay the same examples every run, so a red build always means a change broke
# something; locally they explore new examples each time (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The published address a workflow may export would change every build's feeds and 404 page; tests set their own.
os.environ.pop("BRIEFING_SITE_URL", None)

@pytest.fixture(scope="session")
def config():
    """The shipped defaults (no briefing.yml in an empty folder)."""
    return load_config(Path("/nonexistent-project"))


def _built_once(tmp_path_factory, name: str, make) -> Path:
    """Build a sample project once per test run and hand every test that only reads it the same folder.

    Under pytest-xdist each worker has its own temporary folder; the sample goes into the run's folder above them,
    and a lock makes the first worker to ask build it while the others wait. `make(root)` builds it; a build that
    failed halfway is started again by the next worker to ask, rather than read.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # this run's folder, shared by its workers (not by other runs)
    root, done = base / "shared" / name, base / "shared" / f"{name}.built"
    root.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(base / "shared" / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)
            make(root)
            done.touch()
    return root


def _build_all_three_ways(root: Path, copies: list[Path], texts: dict[str, str] | None = None) -> None:
    new_project(root, tuple(copies), texts)
    assert main(["-C", str(root), "build", "--strict"]) == 0
    assert main(["-C", str(root), "build", "--offline", "--strict"]) == 0
    assert main(["-C", str(root), "handouts", "--strict"]) == 0


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The example seeds plus the real-world test articles (one with a URL), built online, offline and as handouts.
    Read it, never change it: tests in other modules and workers read the same folder."""
    seeds = sorted(SEEDS.iterdir()) + sorted(REALWORLD.iterdir())
    return _built_once(tmp_path_factory, "sample", lambda root: _build_all_three_ways(root, seeds))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The example seeds plus article text made to run as script or become markup, and an off-topic (cricket)
    article, built online, offline and as handouts. Read it, never change it."""
    texts = {"hostile.md": HOSTILE_SEED, "hostile-text.txt": HOSTILE_TEXT_SEED, "cricket.txt": CRICKET_SEED}
    return _built_once(
        tmp_path_factory, "hostile", lambda root: _build_all_three_ways(root, sorted(SEEDS.iterdir()), texts)
    )


def _build_large(root: Path) -> None:
    new_project(root, (), many_seeds(LARGE_SEEDS))
    (root / "briefing.yml").write_text(
        f"site:\n  listing_limit: {LARGE_LISTING_LIMIT}\nentities:\n  ner_model: ''\n", encoding="utf-8"
    )
    assert main(["-C", str(root), "build", "--strict"]) == 0
    assert main(["-C", str(root), "build", "--offline", "--strict"]) == 0


@pytest.fixture(scope="session")
def large_site(tmp_path_factory) -> Path:
    """Hundreds of invented articles over two years with a small `site.listing_limit`, so every listing is cut
    into parts, built online (Pagefind search) and offline (Material's search). Read it, never change it."""
    return _built_once(tmp_path_factory, "large", _build_large)
