"""Each seed's analysis kept between runs, so adding one seed to a thousand analyses one article.

An entry is one JSON file under the project's `.briefing-cache/analysis/`, named by a digest of everything the
analysis depends on: the program, the settings, the seed's path, text and metadata, and the recurring lines found
in it. JSON, not pickle: the folder lies in the user's project and might hold anything, so an entry is only ever
data. msgspec decodes it straight into the frozen dataclasses, refusing any value of the wrong type and anything
JSON does not allow (NaN, Infinity, out-of-range numbers, bad UTF-8); what types cannot say (ids, topics that
exist, calendar dates, finite scores) is checked here after it. A corrupt, foreign or stale entry is ignored with a
warning and the seed is analysed again; deleting the folder is always safe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import os
import re
import stat
import typing
from dataclasses import fields, make_dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

import msgspec

from generator.read.clean import LineSet
from generator.read.confine import escape_of
from generator.model import Article, CleanText, Source
from generator.text import article_id

logger = logging.getLogger(__name__)

CACHE_DIR = ".briefing-cache"
_ANALYSIS_DIR = "analysis"
_FORMAT = 1
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.json$")
MAX_ENTRY_BYTES = 64_000_000  # a seed is at most 5 MB; its analysis, with every sentence and mention, far less than this


def seed_key(program_and_settings: str, source: Source, recurring: Iterable[str]) -> str:
    """Return the digest naming a seed's entry: it changes whenever anything its analysis reads changes."""
    parts = {
        "program and settings": program_and_settings,
        "path": source.path,
        "format": source.format,
        "text": source.text,
        "metadata": source.metadata,
        "metadata origin": source.metadata_origin,
        "recurring lines": sorted(recurring),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CachedAnalysis(NamedTuple):
    """A seed's analysis: its cleaned text, its article, and the warnings analysing it gave (repeated on reuse)."""

    clean: CleanText
    article: Article
    warnings: tuple[str, ...]


_CLEAN_TYPES = typing.get_type_hints(CleanText)
_STORED_CLEAN_FIELDS = tuple(f.name for f in fields(CleanText) if f.name != "source")
# An entry as stored: the cleaned text without its Source (the caller has the seed, and the text is in the key).
_StoredClean = make_dataclass("StoredClean", [(name, _CLEAN_TYPES[name]) for name in _STORED_CLEAN_FIELDS], frozen=True)
_Entry = make_dataclass(
    "Entry",
    [("format", int), ("key", str), ("clean", _StoredClean), ("article", Article), ("warnings", tuple[str, ...])],
    frozen=True,
)
_DECODER = msgspec.json.Decoder(_Entry)
_ENCODER = msgspec.json.Encoder()


class AnalysisCache:
    """Read and write the analysis entries of one project; every failure degrades to analysing again."""

    def __init__(self, root: Path, topic_ids: Iterable[str] | None = None) -> None:
        self.folder: Path | None = root / CACHE_DIR / _ANALYSIS_DIR
        self.topic_ids = frozenset(topic_ids) if topic_ids is not None else None
        self.used: set[str] = set()
        problem = _unusable(self.folder, root)
        if problem:
            logger.warning("%s: %s; running without the analysis cache (every seed is analysed)", self.folder, problem)
            self.folder = None

    def load(self, key: str, source: Source) -> CachedAnalysis | None:
        """Return the analysis stored under `key`, or None when there is no usable entry."""
        self.used.add(key)
        if self.folder is None:
            return None
        path = self.folder / f"{key}.json"
        try:
            entry = _DECODER.decode(_read_entry(path))
        except FileNotFoundError:
            return None
        except (OSError, RecursionError, ValueError) as error:  # msgspec's errors are ValueErrors
            if isinstance(error, msgspec.ValidationError):  # well-formed JSON, but not an entry
                return self._invalid(path, source, error)
            logger.warning("%s: cache entry for seeds/%s cannot be read (%s); analysing again", path, source.path,
                           "nested too deeply" if isinstance(error, RecursionError) else error)
            return None
        clean = CleanText(source=source, **{name: getattr(entry.clean, name) for name in _STORED_CLEAN_FIELDS})
        article, warnings = entry.article, entry.warnings
        try:
            if entry.format != _FORMAT or entry.key != key:
                raise ValueError("made for another seed or another version")
            if article.source_path != source.path:
                raise ValueError("made for another seed")
            _check_meaning(article, source, self.topic_ids)
        except ValueError as error:
            return self._invalid(path, source, error)
        return CachedAnalysis(clean, article, warnings)

    @staticmethod
    def _invalid(path: Path, source: Source, error: ValueError) -> None:
        logger.warning("%s: cache entry for seeds/%s is not valid (%s); analysing again", path, source.path, error)

    def store(self, key: str, found: CachedAnalysis) -> None:
        """Write an entry atomically; a cache that cannot be written only costs time, so it is a debug note."""
        self.used.add(key)
        if self.folder is None:
            return
        stored = _StoredClean(**{name: getattr(found.clean, name) for name in _STORED_CLEAN_FIELDS})
        data = _ENCODER.encode(_Entry(_FORMAT, key, stored, found.article, tuple(found.warnings)))
        path = self.folder / f"{key}.json"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError as error:
            logger.debug("cannot write cache entry %s (%s)", path, error)
            temporary.unlink(missing_ok=True)

    def prune(self) -> None:
        """Delete the entries this run did not use (seeds removed or changed); nothing else in the folder."""
        if self.folder is None:
            return
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in sorted(names):
            if _ENTRY_NAME.match(name) and name[:-5] not in self.used and _is_regular(self.folder / name):
                try:
                    (self.folder / name).unlink()
                except OSError as error:
                    logger.debug("cannot remove stale cache entry %s (%s)", name, error)


def _unusable(folder: Path, root: Path) -> str | None:
    """Say why the cache folder cannot be used (a link out of the project, not a folder, not writable), or None."""
    for path in (folder.parent, folder):
        escape = escape_of(path, root)
        if escape:
            return escape.describe("the project")
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return "is not a folder"
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return "cannot be written"
    if not folder.exists() and folder.parent.is_dir() and not os.access(folder.parent, os.W_OK | os.X_OK):
        return "cannot be made (its folder cannot be written)"
    return None


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_entry(path: Path) -> bytes:
    """Read an entry that is a regular file of bounded size: never through a link, never a FIFO or a device."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("not a regular file")
        if status.st_size > MAX_ENTRY_BYTES:
            raise ValueError(f"{status.st_size} bytes, more than an entry can be")
        return stream.read(MAX_ENTRY_BYTES + 1)


_DATE_VALUE = {"year": re.compile(r"\d{4}"), "month": re.compile(r"\d{4}-\d{2}"), "day": re.compile(r"\d{4}-\d{2}-\d{2}")}


def _check_meaning(article: Article, source: Source, topic_ids: frozenset[str] | None) -> None:
    """Check what types cannot: the id follows the rule fresh ids follow, topics exist, dates are calendar dates."""
    if article.id != article_id(article.meta.title, source.path):
        raise ValueError(f"id {article.id[:80]!r} is not the id of its title and seed")
    for evidence in article.topics:
        if not math.isfinite(evidence.score):
            raise ValueError(f"topic score {evidence.score} is not a finite number")
    if topic_ids is not None:
        unknown = [evidence.topic_id for evidence in article.topics if evidence.topic_id not in topic_ids]
        if unknown:
            raise ValueError(f"unknown topic {unknown[0][:80]!r}")
    if article.meta.date is not None:
        _calendar_date(article.meta.date, "day")
    for dated in article.dated:
        for mention in dated.mentions:
            if mention.value is not None:
                _calendar_date(mention.value, mention.precision)


def _calendar_date(value: str, precision: str) -> None:
    shape = _DATE_VALUE.get(precision)
    if shape is None or not shape.fullmatch(value):
        raise ValueError(f"date {value[:40]!r} is not a {precision}")
    year, month, day = (list(map(int, value.split("-"))) + [1, 1])[:3]
    dt.date(year, month, day)  # raises ValueError for 2026-02-30 or month 13


class _StoredLines(msgspec.Struct, array_like=True):
    short: list[str]
    long: list[str]


class _LinesFile(msgspec.Struct):
    basis: str
    seeds: dict[str, _StoredLines]


class LineSetCache:
    """Each seed's line set (read/clean.seed_line_set) kept between runs in one file, `.briefing-cache/lines.json`.

    Finding recurring boilerplate compares the lines of every seed on every run; matching each line against the
    cleaning patterns to get them is most of that work, and it depends on the seed and the settings alone. Entries
    are named by a digest of the seed; the file is written again only when it gains or loses one. A file that
    cannot be read or was made with other settings is ignored (the line sets are read again).
    """

    def __init__(self, root: Path, basis: str) -> None:
        folder = root / CACHE_DIR
        self.path: Path | None = None if _unusable(folder / _ANALYSIS_DIR, root) else folder / _LINES_FILE
        self.basis = basis
        self.entries: dict[str, _StoredLines] = {}
        self.used: set[str] = set()
        self.changed = False
        if self.path is not None:
            try:
                stored = msgspec.json.decode(_read_entry(self.path), type=_LinesFile)
            except (OSError, RecursionError, ValueError):
                return
            if stored.basis == basis:
                self.entries = stored.seeds

    def get(self, source: Source) -> LineSet | None:
        key = _source_digest(source)
        self.used.add(key)
        found = self.entries.get(key)
        return LineSet(frozenset(found.short), frozenset(found.long)) if found else None

    def put(self, source: Source, lines: LineSet) -> None:
        key = _source_digest(source)
        self.used.add(key)
        self.entries[key] = _StoredLines(sorted(lines.short), sorted(lines.long))
        self.changed = True

    def save(self) -> None:
        """Write the entries of this run's seeds (atomically), when they changed; failing only costs time."""
        if self.path is None or not (self.changed or set(self.entries) - self.used):
            return
        kept = {key: self.entries[key] for key in sorted(self.used) if key in self.entries}
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(msgspec.json.encode(_LinesFile(self.basis, kept)))
            os.replace(temporary, self.path)
        except OSError as error:
            logger.debug("cannot write %s (%s)", self.path, error)
            temporary.unlink(missing_ok=True)


_LINES_FILE = "lines.json"


def _source_digest(source: Source) -> str:
    parts = [source.path, source.format, source.text, source.metadata, source.metadata_origin]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8")).hexdigest()
