"""Each seed's analysis kept between runs, so adding one seed to a thousand analyses one article.

An entry is one JSON file under the project's `.briefing-cache/analysis/`, named by a digest of everything the
analysis depends on: the program, the settings, the seed's path, text and metadata, and the recurring lines found
in it. JSON, not pickle: the folder lies in the user's project and might hold anything, so an entry is only ever
data, and it is checked field by field on the way back. A corrupt, foreign or stale entry is ignored with a
warning and the seed is analysed again; deleting the folder is always safe.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import math
import os
import re
import stat
import types
import typing
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

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
            data = json.loads(_read_entry(path), parse_constant=_no_constant)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, RecursionError) as error:
            logger.warning("%s: cache entry for seeds/%s cannot be read (%s); analysing again", path, source.path,
                           "nested too deeply" if isinstance(error, RecursionError) else error)
            return None
        try:
            if data.get("format") != _FORMAT or data.get("key") != key:
                raise ValueError("made for another seed or another version")
            clean = replace(decode(CleanText, data["clean"], skip={"source"}), source=source)
            article = decode(Article, data["article"])
            warnings = decode(tuple[str, ...], data["warnings"])
            if article.source_path != source.path:
                raise ValueError("made for another seed")
            _check_meaning(article, source, self.topic_ids)
        except (AttributeError, KeyError, TypeError, ValueError, RecursionError) as error:
            logger.warning("%s: cache entry for seeds/%s is not valid (%s); analysing again", path, source.path,
                           "nested too deeply" if isinstance(error, RecursionError) else error)
            return None
        return CachedAnalysis(clean, article, warnings)

    def store(self, key: str, found: CachedAnalysis) -> None:
        """Write an entry atomically; a cache that cannot be written only costs time, so it is a debug note."""
        self.used.add(key)
        if self.folder is None:
            return
        text = json.dumps(
            {
                "format": _FORMAT, "key": key, "clean": encode(found.clean, skip={"source"}),
                "article": encode(found.article), "warnings": list(found.warnings),
            },
            ensure_ascii=False, separators=(",", ":"),
        )
        path = self.folder / f"{key}.json"
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
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


def _read_entry(path: Path) -> str:
    """Read an entry that is a regular file of bounded size: never through a link, never a FIFO or a device."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise ValueError("not a regular file")
        if status.st_size > MAX_ENTRY_BYTES:
            raise ValueError(f"{status.st_size} bytes, more than an entry can be")
        return stream.read(MAX_ENTRY_BYTES + 1).decode("utf-8")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_DATE_VALUE = {"year": re.compile(r"\d{4}"), "month": re.compile(r"\d{4}-\d{2}"), "day": re.compile(r"\d{4}-\d{2}-\d{2}")}


def _check_meaning(article: Article, source: Source, topic_ids: frozenset[str] | None) -> None:
    """Check what types cannot: the id follows the rule fresh ids follow, topics exist, dates are calendar dates."""
    if article.id != article_id(article.meta.title, source.path):
        raise ValueError(f"id {article.id[:80]!r} is not the id of its title and seed")
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


def encode(value: Any, skip: frozenset[str] | set[str] = frozenset()) -> Any:
    """Turn a tree of frozen dataclasses and tuples into JSON values (leaving out the fields named in `skip`)."""
    if is_dataclass(value):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value) if f.name not in skip}
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(kind: Any, value: Any, skip: frozenset[str] | set[str] = frozenset()) -> Any:
    """Rebuild a value of type `kind` from JSON, checking every field's type; a mismatch is a ValueError.

    Fields named in `skip` (top level only) are set to None for the caller to fill in.
    """
    if skip:
        value = {**value, **{name: None for name in skip}} if isinstance(value, dict) else value
        return _decoder(kind, frozenset(skip))(value)
    return _decoder(kind, frozenset())(value)


@functools.cache
def _decoder(kind: Any, skip: frozenset[str]) -> Callable[[Any], Any]:
    """Build, once per type, the function that checks and rebuilds a JSON value of that type."""
    if is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        parts = [(f.name, (lambda value: None) if f.name in skip else _decoder(hints[f.name], frozenset()))
                 for f in fields(kind) if f.init]

        def build(value: Any) -> Any:
            if not isinstance(value, dict):
                raise ValueError(f"{kind.__name__} is not an object")
            return kind(**{name: part(value[name]) for name, part in parts})
        return build
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        (other,) = [option for option in typing.get_args(kind) if option is not type(None)]
        inner = _decoder(other, frozenset())
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        arguments = typing.get_args(kind)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            item = _decoder(arguments[0], frozenset())
            return lambda value: tuple(item(each) for each in _list(value))
        items = [_decoder(argument, frozenset()) for argument in arguments]

        def fixed(value: Any) -> tuple[Any, ...]:
            if len(_list(value)) != len(items):
                raise ValueError(f"expected {len(items)} items, found {len(value)}")
            return tuple(part(each) for part, each in zip(items, value))
        return fixed
    if kind is float:
        return _float
    if kind in (str, int, bool):
        def scalar(value: Any) -> Any:
            if type(value) is not kind:
                raise ValueError(f"expected {kind.__name__}, found {type(value).__name__}")
            return value
        return scalar
    raise TypeError(f"cannot read a {kind} from the cache")


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, found {type(value).__name__}")
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    return float(value)
