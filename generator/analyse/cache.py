"""Each seed's analysis kept between runs, so adding one seed to a thousand analyses one article.

An entry is one JSON file under the project's `.briefing-cache/analysis/`, named by a digest of everything the
analysis depends on: the program, the settings, the seed's path, text and metadata, and the recurring lines found
in it. JSON, not pickle: the folder lies in the user's project and might hold anything, so an entry is only ever
data, and it is checked field by field on the way back. A corrupt, foreign or stale entry is ignored with a
warning and the seed is analysed again; deleting the folder is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import types
import typing
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple

from generator.read.confine import refuse_linked_folder
from generator.model import Article, CleanText, Source

logger = logging.getLogger(__name__)

CACHE_DIR = ".briefing-cache"
_ANALYSIS_DIR = "analysis"
_FORMAT = 1
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.json$")


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

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / _ANALYSIS_DIR
        refuse_linked_folder(root / CACHE_DIR, root, "writes")
        self.used: set[str] = set()

    def load(self, key: str, source: Source) -> CachedAnalysis | None:
        """Return the analysis stored under `key`, or None when there is no usable entry."""
        self.used.add(key)
        path = self.folder / f"{key}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            logger.warning("%s: cache entry for seeds/%s cannot be read (%s); analysing again", path, source.path, error)
            return None
        try:
            if data.get("format") != _FORMAT or data.get("key") != key:
                raise ValueError("made for another seed or another version")
            clean = replace(decode(CleanText, data["clean"], skip={"source"}), source=source)
            article = decode(Article, data["article"])
            warnings = decode(tuple[str, ...], data["warnings"])
            if article.source_path != source.path:
                raise ValueError("made for another seed")
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            logger.warning("%s: cache entry for seeds/%s is not valid (%s); analysing again", path, source.path, error)
            return None
        return CachedAnalysis(clean, article, warnings)

    def store(self, key: str, found: CachedAnalysis) -> None:
        """Write an entry atomically; a cache that cannot be written only costs time, so it is a debug note."""
        self.used.add(key)
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
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in sorted(names):
            if _ENTRY_NAME.match(name) and name[:-5] not in self.used:
                try:
                    (self.folder / name).unlink()
                except OSError as error:
                    logger.debug("cannot remove stale cache entry %s (%s)", name, error)


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
    return float(value)
