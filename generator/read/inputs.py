"""Fingerprint everything a generate run is made from, so a run on unchanged input can stop before analysing."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from generator.config import CONFIG_FILE_NAME, PROJECT_TEMPLATES
from .confine import is_inside
from .ingest import SIDECAR_FILE, find_seed_files

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # generator/, shipped templates included


def fingerprint_inputs(root: Path, seeds_dir: Path, mkdocs_file: Path) -> dict[str, Any]:
    """Return a digest of every input of `generate`: each seed, the configuration, the templates and this program.

    Seeds get a digest each (the manifest shows what changed); the rest is summed up, since any change there can
    change every page. The program's own files count too, so upgrading briefing regenerates the pages.
    """
    seed_files = find_seed_files(seeds_dir)
    seeds = {path.relative_to(seeds_dir).as_posix(): _digest_file(path) for path in seed_files.files}
    sidecar = seeds_dir / SIDECAR_FILE
    if sidecar.is_file() and is_inside(sidecar, seeds_dir):
        seeds[SIDECAR_FILE] = _digest_file(sidecar)
    # A refused link is never read, not even for a digest: what it points at is all that is known of it.
    seeds.update({refused.path: f"refused: {refused.problem}" for refused in seed_files.refused})
    return {
        "seeds": dict(sorted(seeds.items())),
        "settings": _digest_many(
            [root / CONFIG_FILE_NAME, mkdocs_file, *_files(root / PROJECT_TEMPLATES)], root
        ),
        "program": program_digest(),
    }


def analysis_fingerprint(root: Path) -> str:
    """Return a digest of what every seed's analysis depends on besides the seed: this program and `briefing.yml`."""
    settings = root / CONFIG_FILE_NAME
    settings_digest = _digest_file(settings) if settings.is_file() else "none"
    return hashlib.sha256(f"{program_digest()}\0{settings_digest}".encode()).hexdigest()


@functools.cache
def program_digest() -> str:
    """Return a digest of this program's files and shipped templates (read once per process: both the manifest
    and the analysis cache need it, and the program does not change while it runs)."""
    return _digest_many(_files(PACKAGE_DIR), PACKAGE_DIR.parent)


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


def _digest_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _digest_many(paths: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            name = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()
            digest.update(f"{name}\0{_digest_file(path)}\0".encode())
    return digest.hexdigest()
