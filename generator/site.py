"""MkDocs glue: find the project's folders in mkdocs.yml, run `mkdocs build`, serve with live regeneration."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from .errors import BuildError, ConfigError

logger = logging.getLogger(__name__)

MKDOCS_FILE = "mkdocs.yml"
_POLL_SECONDS = 1.0


@dataclass(frozen=True)
class ProjectPaths:
    """Where a project keeps its seeds, its MkDocs docs_dir and its built site."""

    root: Path
    seeds: Path
    docs: Path
    site: Path
    mkdocs_file: Path


class _LenientLoader(yaml.SafeLoader):
    """A safe loader that reads mkdocs.yml files using `!!python/name:` or `!ENV` tags as plain values."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_paths(root: Path) -> ProjectPaths:
    """Read docs_dir and site_dir from the project's mkdocs.yml; seeds always live in `seeds/`."""
    mkdocs_file = root / MKDOCS_FILE
    if not mkdocs_file.is_file():
        raise ConfigError(str(mkdocs_file), "", "not found; run `briefing init DIR` to make a project")
    try:
        settings = yaml.load(mkdocs_file.read_text(encoding="utf-8-sig"), Loader=_LenientLoader) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(str(mkdocs_file), "", f"is not valid YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(settings, dict):
        raise ConfigError(str(mkdocs_file), "", "must be a mapping")
    return ProjectPaths(
        root=root,
        seeds=root / "seeds",
        docs=root / str(settings.get("docs_dir") or "docs"),
        site=root / str(settings.get("site_dir") or "site"),
        mkdocs_file=mkdocs_file,
    )


def _environment() -> dict[str, str]:
    # Material 9.8 prints an end-of-life notice on every run; it is known and not the user's problem.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build_site(paths: ProjectPaths, strict: bool) -> None:
    """Run `mkdocs build` (never with -q: mkdocs#4126 makes `--strict -q` pass broken links)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(paths.mkdocs_file)]
    if strict:
        command.append("--strict")
    logger.info("running %s", " ".join(command[2:]))
    result = subprocess.run(command, cwd=paths.root, env=_environment(), capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    for line in output.splitlines():
        if "WARNING" in line or "ERROR" in line or "Aborted" in line:
            logger.warning("mkdocs: %s", line.strip())
        else:
            logger.debug("mkdocs: %s", line.strip())
    if result.returncode != 0:
        tail = output.splitlines()[-1] if output else "no output"
        raise BuildError(f"mkdocs build failed (exit {result.returncode}): {tail}")


def serve_site(paths: ProjectPaths, regenerate: Callable[[], None], address: str, watched: list[Path]) -> None:
    """Serve the site with MkDocs' live reload and regenerate the pages whenever a seed or the config changes."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(paths.mkdocs_file), "-a", address]
    process = subprocess.Popen(command, cwd=paths.root, env=_environment())
    logger.info("serving on http://%s/ — regenerating when seeds change (Ctrl-C stops)", address)
    last = _fingerprint(watched)
    try:
        while process.poll() is None:
            time.sleep(_POLL_SECONDS)
            current = _fingerprint(watched)
            if current != last:
                last = current
                logger.info("seeds or configuration changed; regenerating")
                try:
                    regenerate()
                except Exception as exc:  # keep serving: the next save may fix it
                    logger.error("%s", exc)
    except KeyboardInterrupt:
        pass
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def _fingerprint(paths: list[Path]) -> tuple:
    entries = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file():
                    stat = child.stat()
                    entries.append((str(child), stat.st_mtime_ns, stat.st_size))
        elif path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)
