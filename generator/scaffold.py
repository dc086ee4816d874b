"""Scaffold a new briefing project that builds as it is (like `mkdocs new`)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from .config import DEFAULTS_DIR

logger = logging.getLogger(__name__)

# What `briefing init` writes: project-relative path -> shipped file.
SCAFFOLD = {
    "mkdocs.yml": DEFAULTS_DIR / "mkdocs.yml",
    "briefing.yml": DEFAULTS_DIR / "briefing.yml",
    "docs_src/about.md": DEFAULTS_DIR / "about.md",
}


def init_project(target: Path) -> list[Path]:
    """Create the project folder with mkdocs.yml, briefing.yml, seeds/ and a hand-written page; never overwrite."""
    existing = [target / relative for relative in SCAFFOLD if (target / relative).exists()]
    if existing:
        raise FileExistsError(f"{existing[0]}: already exists; `briefing init` never overwrites a file")
    created = []
    for relative, shipped in SCAFFOLD.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped, destination)
        created.append(destination)
    seeds = target / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    created.append(seeds)
    return created
