"""Scaffold a briefing repository that builds as it is, on a computer and in GitHub Actions (like `mkdocs new`)."""

from __future__ import annotations

import logging
from pathlib import Path

from generator import __version__
from generator.config import CONFIG_FILE_NAME, DEFAULT_CONFIG_FILE, DEFAULTS_DIR

logger = logging.getLogger(__name__)

PROJECT_DEFAULTS = DEFAULTS_DIR / "project"
DISTRIBUTION = "briefing-site"  # the name on PyPI (`briefing` there is an unrelated project); the command is `briefing`
_VERSION_MARK = "@BRIEFING_VERSION@"  # replaced by the running version, so a new project pins the tool that made it
WORKFLOW_FILE = ".github/workflows/briefing.yml"
# What `briefing init` writes: project-relative path -> shipped file.
SCAFFOLD = {
    "mkdocs.yml": PROJECT_DEFAULTS / "mkdocs.yml",
    "docs_src/about.md": PROJECT_DEFAULTS / "about.md",
    ".gitignore": PROJECT_DEFAULTS / "gitignore",
    "README.md": PROJECT_DEFAULTS / "README.md",
    WORKFLOW_FILE: PROJECT_DEFAULTS / "workflow.yml",
}
SEEDS_KEEP = "seeds/.gitkeep"  # git keeps no empty folder; hidden files are never read as seeds
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


def project_files() -> dict[str, str]:
    """Return every file `briefing init` writes: project-relative path -> text."""
    files = {
        relative: shipped.read_text(encoding="utf-8").replace(_VERSION_MARK, __version__)
        for relative, shipped in SCAFFOLD.items()
    }
    defaults = DEFAULT_CONFIG_FILE.read_text(encoding="utf-8")
    files[CONFIG_FILE_NAME] = defaults.split("\ncleaning:", 1)[0].rstrip() + "\n" + _CLEANING_NOTE
    files[SEEDS_KEEP] = ""
    return files


def init_project(target: Path, repair: bool = False) -> list[Path]:
    """Write the project's files into `target`; return those written.

    A new project refuses to start over any existing file. `repair` adds only the missing files, so a project with
    a deleted mkdocs.yml (or made before the workflow was shipped) can be completed; nothing existing is touched.
    """
    files = project_files()
    existing = [target / relative for relative in files if (target / relative).exists()]
    if existing and not repair:
        raise FileExistsError(
            f"{existing[0]}: already exists; `briefing init` never overwrites a file "
            f"(`briefing init --repair {target}` adds only the missing ones)"
        )
    created = []
    for relative, text in files.items():
        destination = target / relative
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        with open(destination, "x", encoding="utf-8") as stream:  # "x": never over a file made meanwhile
            stream.write(text)
        created.append(destination)
    return created
