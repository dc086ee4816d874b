"""Read seed files into `Source` objects: decoding, BOM, CRLF, front matter, sidecar metadata, and the main text and
metadata of saved HTML pages."""

from __future__ import annotations

import codecs
import datetime as dt
import logging
from pathlib import Path
from typing import Any, Mapping

import frontmatter
import yaml

from .errors import SourceError
from .model import Source
from .text import CONTROL_CHARACTERS, SAFE_URL

logger = logging.getLogger(__name__)

SIDECAR_FILE = "sources.yml"
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
HTML_METADATA = "HTML metadata"
# What trafilatura reads from a page's <meta>, JSON-LD and markup, and the seed metadata key each one fills.
# Fewer words than this extracted from a page means it held no article (a login wall, an index, a cookie notice).
MIN_HTML_ARTICLE_WORDS = 15
_HTML_FIELDS = (("title", "title"), ("date", "date"), ("author", "author"), ("sitename", "outlet"), ("url", "url"))
# Metadata keys a seed may carry (front matter or sidecar); anything else is reported and ignored.
METADATA_KEYS = ("title", "date", "outlet", "author", "url", "topics")
_TEXT_FIELDS = ("title", "outlet", "author", "url")
# No article is longer than this; a bigger file is a dump or several articles pasted together.
MAX_SEED_BYTES = 5_000_000


def list_seed_files(seeds_dir: Path) -> list[Path]:
    """Return the seed files under `seeds_dir` in a stable order, skipping hidden files and the sidecar."""
    if not seeds_dir.is_dir():
        return []
    files = []
    for path in sorted(seeds_dir.rglob("*")):
        relative = path.relative_to(seeds_dir)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        if relative.as_posix() == SIDECAR_FILE:
            continue
        files.append(path)
    return files


def read_sidecar(seeds_dir: Path) -> Mapping[str, Mapping[str, Any]]:
    """Read `seeds/sources.yml`: metadata for seeds that cannot carry their own (raw .txt), keyed by file name."""
    path = seeds_dir / SIDECAR_FILE
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourceError(str(path), f"is not valid YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict):
        raise SourceError(str(path), "must map seed file names to their metadata")
    sidecar = {}
    for name, meta in data.items():
        if not isinstance(meta, dict):
            raise SourceError(str(path), f"entry {name!r} must be a mapping such as {{outlet: ..., date: ...}}")
        sidecar[str(name)] = meta
    return sidecar


def read_source(path: Path, seeds_dir: Path, sidecar: Mapping[str, Mapping[str, Any]]) -> Source:
    """Read one seed file; raise `SourceError` naming the file when it cannot be used, warn when part of it cannot."""
    relative = path.relative_to(seeds_dir).as_posix()
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(
            relative, f"unsupported file type {path.suffix or '(none)'}; use .txt, .md or .html; skipped"
        )
    size = path.stat().st_size
    if size > MAX_SEED_BYTES:
        raise SourceError(
            relative,
            f"is {size / 1_000_000:.1f} MB, more than the {MAX_SEED_BYTES // 1_000_000} MB one article can be "
            "(several articles in one file?); skipped",
        )
    raw = path.read_bytes()
    metadata: dict[str, Any] = {}
    origin: dict[str, str] = {}
    if kind == "html":
        metadata, text = read_html(raw, relative)
        origin = {key: HTML_METADATA for key in metadata}
    else:
        text = _decode(raw, relative)
        if kind == "md":
            metadata, text = _split_front_matter(text, relative)
        origin = {key: "front matter" for key in metadata}
    # The analyst's sources.yml fills in what a seed lacks, and corrects what a page says about itself; front
    # matter, written by the analyst too, wins over it.
    for key, value in sidecar.get(relative, {}).items():
        if kind == "html" or str(key) not in metadata:
            metadata[str(key)] = value
            origin[str(key)] = SIDECAR_FILE
    metadata = {key: _clean_value(value) for key, value in metadata.items()}
    for key in sorted(metadata, key=str):
        problem = _metadata_problem(key, metadata[key])
        if problem:
            logger.warning("%s: %s (from %s); field ignored", relative, problem, origin[key])
            metadata.pop(key)
            origin.pop(key)
    if not text.strip():
        raise SourceError(relative, "is empty; skipped" if not metadata else "has front matter but no text; skipped")
    return Source(path=relative, text=text, metadata=metadata, format=kind, metadata_origin=origin)


def read_html(raw: bytes, name: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, main text) of a saved article page: trafilatura drops menus, ads and footers.

    The page's own markup never reaches the site: only the extracted plain text does, one paragraph per line, and
    it is escaped like any other seed's text.
    """
    import trafilatura  # here, not at the top: it takes longer to import than a run on unchanged seeds takes

    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(name, "looks like a binary file (contains NUL bytes); skipped")
    document = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=True)
    text = _normalise(document.text or "") if document is not None else ""
    words = len(text.split())
    if words < MIN_HTML_ARTICLE_WORDS:
        raise SourceError(name, f"has no article text that could be found in the HTML page ({words} word(s)); skipped")
    metadata = {}
    for attribute, key in _HTML_FIELDS:
        value = getattr(document, attribute, None)
        if isinstance(value, str) and value.strip():
            metadata[key] = " ".join(value.split())
    return metadata, text


def _split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, body); a broken front matter block is reported and dropped, the article text kept."""
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return {}, text
    try:
        block, body = handler.split(text)
    except ValueError:
        return {}, text  # an opening "---" with no closing one: an ordinary rule line, not front matter
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""  # the block starts on the opening ---, 1-based
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        logger.warning("%s: front matter is not valid YAML (%s%s); front matter ignored, text kept", name, where, problem)
        return {}, body
    except ValueError as exc:  # YAML that parses but names an impossible date, e.g. 2026-02-30
        logger.warning("%s: front matter has an impossible value (%s); front matter ignored, text kept", name, exc)
        return {}, body
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        logger.warning("%s: front matter must be key: value lines, got %s; front matter ignored, text kept",
                       name, _kind(data))
        return {}, body
    return {str(key): value for key, value in data.items()}, body


def _metadata_problem(key: str, value: Any) -> str | None:
    """Return why a metadata value cannot be used, or None when it can."""
    if key not in METADATA_KEYS:
        return f"unknown metadata key {key!r} (known: {', '.join(METADATA_KEYS)})"
    if value is None:
        return f"{key} is empty"
    if key in _TEXT_FIELDS and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        return f"{key} must be text, got {_kind(value)}"
    if key == "date" and not isinstance(value, (str, int, dt.date)):
        return f"date must be a date such as 2026-02-12, got {_kind(value)}"
    if key == "url" and not SAFE_URL.match(str(value).strip()):
        return f"url {_shown(value)} is not an http(s) address"
    if key == "topics" and not (
        isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))
    ):
        return f"topics must be a list of topic ids, got {_kind(value)}"
    return None


def _clean_value(value: Any) -> Any:
    """Drop control characters from text metadata, as from the text itself (YAML can spell them as escapes)."""
    if isinstance(value, str):
        return CONTROL_CHARACTERS.sub("", value)
    if isinstance(value, list):
        return [_clean_value(item) for item in value]
    return value


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {_shown(value)}"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 with a BOM, or legacy Windows-1252; report bytes that decode as neither."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalise(raw.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise SourceError(name, f"has a UTF-16 mark but is not UTF-16 text (byte {exc.start}); skipped") from exc
    if b"\x00" in raw:
        raise SourceError(name, "looks like a binary file (contains NUL bytes); skipped")
    try:
        return _normalise(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    damaged = raw.decode("utf-8-sig", errors="replace")
    bad = damaged.count("\ufffd") - raw.decode("utf-8-sig", errors="ignore").count("\ufffd")
    valid = sum(1 for char in damaged if char > "\x7f" and char != "\ufffd")
    if valid > bad:
        # Mostly real UTF-8 with a few broken bytes: read as UTF-8, since Windows-1252 would mangle the rest.
        logger.warning("%s: %d byte(s) are not valid UTF-8 (first on line %d); shown as \ufffd",
                       name, bad, _line_of(raw, first_bad))
        return _normalise(damaged)
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        text = raw.decode("cp1252", errors="replace")
        logger.warning("%s: not UTF-8; read as Windows-1252, but %d byte(s) are not text in it (first on line %d); "
                       "shown as \ufffd", name, text.count("\ufffd"), _line_of(raw, exc.start))
        return _normalise(text)
    logger.warning("%s: not UTF-8; read as Windows-1252 (Latin-1); save seeds as UTF-8 to be sure", name)
    return _normalise(text)


def _normalise(text: str) -> str:
    """Unify newlines and drop control characters, which no article means and HTML cannot carry."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return CONTROL_CHARACTERS.sub("", text)


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
