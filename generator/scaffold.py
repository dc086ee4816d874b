"""Scaffold a new briefing project that builds as it is (like `mkdocs new`)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from .config import DEFAULTS_DIR

logger = logging.getLogger(__name__)

# What `briefing init` copies: project-relative path -> shipped file.
SCAFFOLD = {
    "mkdocs.yml": DEFAULTS_DIR / "mkdocs.yml",
    "docs_src/about.md": DEFAULTS_DIR / "about.md",
}
CONFIG_FILE = "briefing.yml"
# The project's briefing.yml gets the site options and the taxonomy to edit; the cleaning rules stay with the
# shipped defaults (so improved rules reach existing projects) unless the user copies them in.
_CLEANING_NOTE = """
# Cleaning rules, the word lists people are found with (`entities:`) and the story settings (`stories:`) are not
# set here, so the shipped defaults apply (see generator/defaults/briefing.yml). To change one, copy its key under
# its section here, e.g.
# cleaning:
#   section_labels: [nation, world, business]
# stories:
#   max_days_apart: 10
"""


def init_project(target: Path) -> list[Path]:
    """Create the project folder with mkdocs.yml, briefing.yml, seeds/ and a hand-written page; never overwrite."""
    existing = [target / relative for relative in [*SCAFFOLD, CONFIG_FILE] if (target / relative).exists()]
    if existing:
        raise FileExistsError(f"{existing[0]}: already exists; `briefing init` never overwrites a file")
    created = []
    for relative, shipped in SCAFFOLD.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped, destination)
        created.append(destination)
    defaults = (DEFAULTS_DIR / CONFIG_FILE).read_text(encoding="utf-8")
    (target / CONFIG_FILE).write_text(defaults.split("\ncleaning:", 1)[0].rstrip() + "\n" + _CLEANING_NOTE, encoding="utf-8")
    created.append(target / CONFIG_FILE)
    seeds = target / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    created.append(seeds)
    return created
