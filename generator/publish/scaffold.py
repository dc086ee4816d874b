"""Scaffold a briefing repository that builds as it is, on a computer and in GitHub Actions (like `mkdocs new`)."""

from __future__ import annotations

import importlib.metadata
import json
import logging
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.config import CONFIG_FILE_NAME, DEFAULT_CONFIG_FILE, DEFAULTS_DIR
from generator.errors import ProjectError
from generator.read.confine import check_write_target
from generator.publish.site import MKDOCS_FILE, folder_address, is_project

logger = logging.getLogger(__name__)

PROJECT_DEFAULTS = DEFAULTS_DIR / "project"
DISTRIBUTION = "briefing-site"  # the name on PyPI (`briefing` there is an unrelated project); the command is `briefing`
_INSTALL_MARK = "@BRIEFING_INSTALL@"  # replaced by what pip installs in CI: the tool as it was installed here
_SITE_URL_MARK = "# site_url: @SITE_URL@"  # replaced by `site_url: URL` when init is given --site-url
# A pip argument safe inside the workflow's double-quoted YAML and shell strings: no quote, `$`, backslash or newline.
_SAFE_SPEC = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~:/?#\[\]@!&()*+,;=%<>^-]*( @ [A-Za-z0-9._~:/?#\[\]@!&()*+,;=%-]+)?")
WORKFLOW_FILE = ".github/workflows/briefing.yml"
# What `briefing init` writes: project-relative path -> shipped file.
SCAFFOLD = {
    "mkdocs.yml": PROJECT_DEFAULTS / "mkdocs.yml",
    "docs_src/about.md": PROJECT_DEFAULTS / "about.md",
    ".gitignore": PROJECT_DEFAULTS / "gitignore",
    "README.md": PROJECT_DEFAULTS / "README.md",
    WORKFLOW_FILE: PROJECT_DEFAULTS / "workflow.yml",
    ".github/dependabot.yml": PROJECT_DEFAULTS / "dependabot.yml",
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


@dataclass(frozen=True)
class InstallSpec:
    """What the project's workflow gives `pip install`, and why, when CI cannot install the tool as it is here."""

    spec: str
    note: str | None = None  # one line for the user when the spec differs from how this copy was installed


def index_spec(version: str = __version__) -> str:
    """The requirement that installs this version from the package index."""
    return f"{DISTRIBUTION}=={version}"


def spec_from_direct_url(direct_url: str | None, version: str = __version__) -> InstallSpec:
    """Return how CI installs the tool, from the installed distribution's PEP 610 `direct_url.json` (None: none).

    From a VCS (`pip install git+URL@REF`): that repository at the commit installed, so CI builds with exactly this
    code. From an index (no direct_url.json): that version. From an archive on the web: that URL. From a local
    folder or file, which a CI runner cannot reach: the index version, with a note saying so.
    """
    if not direct_url:
        return InstallSpec(index_spec(version))
    try:
        data = json.loads(direct_url)
    except ValueError:
        data = None
    url = data.get("url") if isinstance(data, dict) else None
    if not isinstance(url, str) or not url:
        return InstallSpec(index_spec(version), "briefing's install record (direct_url.json) is unreadable; "
                                                f"the workflow installs {index_spec(version)}")
    url = _without_credentials(url)
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and isinstance(vcs.get("vcs"), str) and isinstance(vcs.get("commit_id"), str):
        return InstallSpec(f"{vcs['vcs']}+{url}@{vcs['commit_id']}")
    if isinstance(data.get("archive_info"), dict) and url.startswith(("https://", "http://")):
        return InstallSpec(f"{DISTRIBUTION} @ {url}")
    return InstallSpec(
        index_spec(version),
        f"briefing was installed from {url}, which CI cannot reach; the workflow installs {index_spec(version)} "
        "(`briefing init --install SPEC` chooses another, e.g. git+https://github.com/OWNER/REPO@TAG)",
    )


def _without_credentials(url: str) -> str:
    """Drop a password or token from a URL's user part (PEP 610 allows `git@`, which is no secret)."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    user, host = parts.netloc.rsplit("@", 1)
    kept = f"{user}@{host}" if user == "git" else host
    return urllib.parse.urlunsplit(parts._replace(netloc=kept))


def installed_spec() -> InstallSpec:
    """Return how CI installs the tool that is running (see `spec_from_direct_url`).

    The record read is the installed distribution that holds this very code: its folder is where the `generator`
    package lies (a wheel's install), or its direct_url.json names that folder (an editable install). A source
    tree's own `*.egg-info` is not an install record, so running from a checkout says so.
    """
    package_root = Path(__file__).resolve().parents[2]  # the folder holding generator/
    for distribution in importlib.metadata.distributions(name=DISTRIBUTION):
        if distribution.read_text("INSTALLER") is None:
            continue  # a build's metadata (a source tree's egg-info), not something pip installed
        direct_url = distribution.read_text("direct_url.json")
        if Path(str(distribution.locate_file(""))).resolve() == package_root or _names_folder(direct_url, package_root):
            return spec_from_direct_url(direct_url, distribution.version or __version__)
    return InstallSpec(index_spec(), f"briefing runs from a source tree, not an installed package; the workflow "
                                     f"installs {index_spec()} (`briefing init --install SPEC` chooses another)")


def _names_folder(direct_url: str | None, folder: Path) -> bool:
    """Whether an install record's URL is this folder (an editable install of a checkout)."""
    try:
        url = json.loads(direct_url or "{}").get("url", "")
    except (ValueError, AttributeError):
        return False
    if not isinstance(url, str) or not url.startswith("file://"):
        return False
    return Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)).resolve() == folder


def is_safe_spec(spec: str) -> bool:
    """Whether a pip argument can go into the workflow's double-quoted YAML and shell strings as it is."""
    return bool(_SAFE_SPEC.fullmatch(spec.strip()))


def checked_spec(spec: str) -> str:
    """Return a pip argument given to `init --install`, refusing what could break out of the workflow's quoting."""
    spec = spec.strip()
    if not is_safe_spec(spec):
        raise ProjectError(
            f"--install {spec[:80]!r}: not a pip argument the workflow can carry (use a requirement such as "
            f"{DISTRIBUTION}==1.2.0 or a URL such as git+https://github.com/OWNER/REPO@TAG; no quotes, spaces or $)"
        )
    return spec


def checked_site_url(url: str) -> str:
    """Return `init --site-url`'s address as a folder address (ending in /); refuse what is not an http(s) URL."""
    address = folder_address(url)
    if address is None:
        raise ProjectError(f"--site-url {url.strip()[:80]!r}: not an http(s) address such as https://OWNER.github.io/REPO/")
    return address


def project_files(install: str | None = None, site_url: str | None = None) -> dict[str, str]:
    """Return every file `briefing init` writes: project-relative path -> text.

    `install` is what the workflow installs (default: the running version from PyPI); `site_url` the address the
    site is published at (default: none in mkdocs.yml, and the workflow passes the GitHub Pages address).
    """
    spec = checked_spec(index_spec() if install is None else install)
    files = {
        relative: shipped.read_text(encoding="utf-8").replace(_INSTALL_MARK, spec)
        for relative, shipped in SCAFFOLD.items()
    }
    if site_url is not None:
        files[MKDOCS_FILE] = files[MKDOCS_FILE].replace(_SITE_URL_MARK, f"site_url: {checked_site_url(site_url)}")
    defaults = DEFAULT_CONFIG_FILE.read_text(encoding="utf-8")
    files[CONFIG_FILE_NAME] = defaults.split("\ncleaning:", 1)[0].rstrip() + "\n" + _CLEANING_NOTE
    files[SEEDS_KEEP] = ""
    return files


def init_project(
    target: Path, repair: bool = False, install: str | None = None, site_url: str | None = None
) -> list[Path]:
    """Write the project's files into `target`; return those written.

    A new project refuses to start over any existing file. `repair` adds only the missing files to a folder that is
    a project (it has a briefing.yml or a mkdocs.yml), so a deleted mkdocs.yml (or a workflow shipped later) can be
    added; nothing existing is touched.
    """
    if repair and not target.is_dir():
        raise ProjectError(f"{target}: no such folder; `briefing init {target}` creates a project there")
    if repair and not is_project(target):
        raise ProjectError(
            f"not a briefing project: {target} (no {CONFIG_FILE_NAME} or {MKDOCS_FILE}); --repair only completes a "
            f"project; `briefing init DIR` creates one in a new folder"
        )
    files = project_files(install, site_url)
    existing = [target / relative for relative in files if (target / relative).exists()]
    if existing and not repair:
        advice = (f"`briefing init --repair {target}` adds only the missing ones" if is_project(target)
                  else "move it aside, or create the project in a new folder")
        raise FileExistsError(f"{existing[0]}: already exists; `briefing init` never overwrites a file ({advice})")
    missing = {relative: text for relative, text in files.items() if not (target / relative).exists()}
    safe_folders: set[Path] = set()
    for relative in missing:  # all checked before any is written: never through a link out of the project
        check_write_target(target / relative, target, safe_folders)
    created = []
    for relative, text in missing.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        with open(destination, "x", encoding="utf-8") as stream:  # "x": never over a file made meanwhile
            stream.write(text)
        created.append(destination)
    return created
