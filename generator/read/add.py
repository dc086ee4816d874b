"""`briefing add`: copy article files into seeds/ under safe names, refusing ones whose text is already there."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from generator.errors import SourceError
from .ingest import TEXT_SUFFIXES, list_seed_files, read_source
from generator.text import slugify
from .confine import refuse_linked_folder, write_atomically

logger = logging.getLogger(__name__)

_NAME_LENGTH = 60


@dataclass(frozen=True)
class Addition:
    """What became of one file given to `briefing add`."""

    given: Path
    outcome: str  # "added" | "duplicate" | "problem"
    seed: str | None  # the seed's name in seeds/: the new one, or the one already holding the same text
    problem: str | None = None


def add_seeds(files: Sequence[Path], seeds_dir: Path) -> tuple[Addition, ...]:
    """Copy each file into `seeds_dir` byte for byte under a safe, unused name, unless its text is already a seed.

    "The same text" is the article text as ingest reads it (front matter and HTML markup aside), compared with case
    and white space ignored: the same article saved twice, or once as .txt and once as .html, is one seed.
    """
    # A seeds/ that is a link out of the project is one `generate` refuses to read: never copy articles there.
    refuse_linked_folder(seeds_dir, seeds_dir.parent, "adds seeds")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    known: dict[str, str] = {}  # text fingerprint -> seed name
    for path in list_seed_files(seeds_dir):
        try:
            known.setdefault(_fingerprint(path, seeds_dir), path.relative_to(seeds_dir).as_posix())
        except (SourceError, OSError):
            continue  # a seed that cannot be read holds no text to compare with; `check` reports it
    taken = {path.name.lower() for path in seeds_dir.iterdir()}
    results = []
    for given in files:
        results.append(_add_one(given, seeds_dir, known, taken))
    return tuple(results)


def _add_one(given: Path, seeds_dir: Path, known: dict[str, str], taken: set[str]) -> Addition:
    if not given.is_file():
        return Addition(given, "problem", None, "not found, or not a file")
    suffix = given.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        supported = ", ".join(sorted(TEXT_SUFFIXES))
        return Addition(given, "problem", None, f"unsupported file type {suffix or '(none)'} (use {supported})")
    try:
        fingerprint = _fingerprint(given, given.parent)
        data = given.read_bytes()
    except SourceError as error:
        return Addition(given, "problem", None, error.problem)
    except OSError as error:
        return Addition(given, "problem", None, f"cannot be read ({error.strerror})")
    if fingerprint in known:
        return Addition(given, "duplicate", known[fingerprint])
    name = _free_name(slugify(given.stem, _NAME_LENGTH) or "seed", suffix, taken)
    write_atomically(seeds_dir / name, data)
    taken.add(name)
    known[fingerprint] = name
    return Addition(given, "added", name)


def _fingerprint(path: Path, folder: Path) -> str:
    source = read_source(path, folder, {})
    return hashlib.sha256(" ".join(source.text.casefold().split()).encode("utf-8")).hexdigest()


def _free_name(stem: str, suffix: str, taken: set[str]) -> str:
    """Return `stem + suffix`, or `stem-2 + suffix` and so on: never a name already in seeds/, whatever its case."""
    name, number = f"{stem}{suffix}", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}{suffix}"
    return name
