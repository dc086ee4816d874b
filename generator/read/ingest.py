"""Read seed files into `Source` objects: decoding, BOM, CRLF, front matter, sidecar metadata, and the main text and
metadata of saved HTML pages."""

from __future__ import annotations

import codecs
import difflib
import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import frontmatter
import yaml

from .confine import escape_of, walk_files
from generator.errors import SourceError, yaml_error_parts
from generator.model import Source
from generator.text import CONTROL_CHARACTERS, SAFE_URL, strip_disguises

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


@dataclass(frozen=True)
class SeedFiles:
    """The seed files to read, and the links in seeds/ refused because they lead outside it."""

    files: tuple[Path, ...]
    refused: tuple[SourceError, ...]


class _SeedMetadataLoader(yaml.SafeLoader):
    """YAML for seed metadata: no aliases (a "billion laughs" block expands to gigabytes) and dates kept as text.

    Dates stay text so an impossible one (`2026-02-30`, `9999-99-99`) costs only the date field, checked later
    like any other value, rather than failing the whole block.
    """

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"uses a YAML alias (*{event.anchor}); aliases are not allowed in seed metadata",
                event.start_mark,
            )
        return super().compose_node(parent, index)


_SeedMetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SeedMetadataLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


class _FastSeedMetadataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same reading as _SeedMetadataLoader by libyaml's C parser, for text that cannot hold an alias."""


_FastSeedMetadataLoader.yaml_implicit_resolvers = _SeedMetadataLoader.yaml_implicit_resolvers
_FastSeedMetadataLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _load_metadata_yaml(text: str):  # type: ignore[no-untyped-def]
    """Read seed metadata. A sources.yml of thousands of seeds takes seconds in pure Python; text without `&` or
    `*` can hold no anchor or alias, so libyaml's C parser reads it (ten times faster), and only other text goes
    through the loader that refuses aliases."""
    if "&" not in text and "*" not in text:
        return yaml.load(text, Loader=_FastSeedMetadataLoader)  # noqa: S506 - a SafeLoader subclass
    return yaml.load(text, Loader=_SeedMetadataLoader)  # noqa: S506 - a SafeLoader subclass


def find_seed_files(seeds_dir: Path) -> SeedFiles:
    """Return the seed files under `seeds_dir` in a stable order, skipping hidden files and the sidecar.

    A link whose real path leaves seeds/ (to /etc/passwd, /proc/self/environ, a folder elsewhere) is refused with
    one line naming it: reading it would publish a file of the machine. So is a seeds/ folder that is itself a link
    out of the project.
    """
    if not seeds_dir.is_dir():
        return SeedFiles((), ())
    own = escape_of(seeds_dir, seeds_dir.parent)
    if own:
        return SeedFiles((), (SourceError(seeds_dir.name, f"{own.describe('the project')}; no seed read from it "
                                                          "(copy the articles in, or use `briefing add`)"),))
    found, escapes = walk_files(seeds_dir)
    files = tuple(path for path in found if path.relative_to(seeds_dir).as_posix() != SIDECAR_FILE)
    refused = tuple(
        SourceError(escape.path.relative_to(seeds_dir).as_posix(), f"{escape.describe('seeds/')}; skipped")
        for escape in escapes
    )
    return SeedFiles(files, refused)


def list_seed_files(seeds_dir: Path) -> list[Path]:
    """Return the seed files `find_seed_files` accepts."""
    return list(find_seed_files(seeds_dir).files)


def read_sidecar(seeds_dir: Path) -> Mapping[str, Mapping[str, Any]]:
    """Read `seeds/sources.yml`: metadata for seeds that cannot carry their own (raw .txt), keyed by file name."""
    path = seeds_dir / SIDECAR_FILE
    if not path.is_file():
        return {}
    escape = escape_of(path, seeds_dir)
    if escape:
        raise SourceError(str(path), f"{escape.describe('seeds/')}; not read")
    try:
        data = _load_metadata_yaml(path.read_text(encoding="utf-8-sig")) or {}
    except yaml.YAMLError as exc:
        raise SourceError(str(path), f"is not valid YAML ({_yaml_problem(exc)})") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(str(path), f"is not UTF-8 text ({exc.reason}); not read") from exc
    if not isinstance(data, dict):
        raise SourceError(str(path), "must map seed file names to their metadata")
    sidecar = {}
    for name, meta in data.items():
        if not isinstance(meta, dict):
            raise SourceError(str(path), f"entry {name!r} must be a mapping such as {{outlet: ..., date: ...}}")
        sidecar[str(name)] = meta
    return sidecar


def unmatched_sidecar_entries(sidecar: Mapping[str, Any], seed_names: Sequence[str]) -> list[str]:
    """Return one warning per sources.yml key that names no seed, with the closest seed name as a likely fix.

    A typo in a key would otherwise leave its seed without the title or date the analyst gave it, silently.
    """
    known = set(seed_names)
    messages = []
    for key in sidecar:
        if key in known:
            continue
        close = difflib.get_close_matches(key, seed_names, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else f"; seeds/ holds {len(known)} seed file(s)"
        messages.append(f"{SIDECAR_FILE}: entry {_shown(key)} matches no seed file, so it is not used{hint}")
    return messages


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
    for key in sorted(metadata, key=str):
        if key not in METADATA_KEYS:  # reported without looking inside: its value may be anything, of any size
            logger.warning("%s: unknown metadata key %s (known: %s) (from %s); field ignored",
                           relative, _shown(key), ", ".join(METADATA_KEYS), origin[key])
            metadata.pop(key)
            origin.pop(key)
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

    page: bytes | str = raw
    if b"\x00" in raw and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        page = _utf16_without_mark(raw) or ""
        if not page:
            raise SourceError(name, "looks like a binary file (contains NUL bytes); skipped")
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True)
    text = _normalise(document.text or "") if document is not None else ""
    words = len(text.split())
    if words < MIN_HTML_ARTICLE_WORDS:
        raise SourceError(name, f"has no article text that could be found in the HTML page ({words} word(s)); skipped")
    metadata = {}
    for attribute, key in _HTML_FIELDS:
        value = getattr(document, attribute, None)
        if isinstance(value, str) and value.strip():
            metadata[key] = " ".join(value.split())
    impossible = _impossible_page_date(page, metadata.get("date"))
    if impossible:
        logger.warning("%s: the page gives %s as its date, which is no calendar date; no date taken (dates are never "
                       "guessed; give one in sources.yml)", name, impossible)
        metadata.pop("date")
    return metadata, text


_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DATES_LOOKED_AT = 200  # ISO dates read from one page, at most


def _impossible_page_date(page: bytes | str, found: str | None) -> str | None:
    """Return an impossible ISO date the page states (2026-02-30) when the date extracted is not one it states.

    trafilatura repairs such a date into another (2026-02-30 -> 2026-02-01; 2026-13-05 -> 2026-05-13): a date the
    page never gave. A date the page also states as written (another tag, the text) is kept.
    """
    if not found:
        return None
    text = page.decode("utf-8", errors="replace") if isinstance(page, bytes) else page
    stated, impossible = set(), []
    for number, match in enumerate(_ISO_DATE.finditer(text)):
        if number == _DATES_LOOKED_AT:
            break
        try:
            stated.add(dt.date(*map(int, match.groups())).isoformat())
        except ValueError:
            if match.group(1) == found[:4]:  # of the extracted date's year: not a "0000-00-00" placeholder
                impossible.append(match.group(0))
    return impossible[0] if impossible and found[:10] not in stated else None


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
        data = _load_metadata_yaml(block)
    except yaml.YAMLError as exc:
        logger.warning("%s: front matter is not valid YAML (%s); front matter ignored, text kept", name, _yaml_problem(exc))
        return {}, body
    except ValueError as exc:  # an explicitly tagged value YAML cannot build
        logger.warning("%s: front matter has an impossible value (%s); front matter ignored, text kept", name, exc)
        return {}, body
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        logger.warning("%s: front matter must be key: value lines, got %s; front matter ignored, text kept",
                       name, _kind(data))
        return {}, body
    return {str(key): value for key, value in data.items()}, body


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Return "line N: problem" for a YAML error (the front matter block starts on its opening ---, 1-based)."""
    place, problem = yaml_error_parts(exc)
    return f"line {place[0]}: {problem}" if place else problem


def _metadata_problem(key: str, value: Any) -> str | None:
    """Return why a metadata value cannot be used, or None when it can."""
    if value is None:
        return f"{key} is empty"
    if key in _TEXT_FIELDS and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
        return f"{key} must be text, got {_kind(value)}"
    if key == "date" and not isinstance(value, (str, int, dt.date)):
        return f"date must be a date such as 2026-02-12, got {_kind(value)}"
    if key == "url" and not SAFE_URL.match(str(value).strip()):
        return f"url {_shown(value)} is not an http(s) address"
    if key == "topics" and isinstance(value, list):
        bad = [_shown(item) for item in value if not isinstance(item, str)]
        if bad:
            shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
            return f"topics must be a list of topic ids; not topic ids: {shown}"
    elif key == "topics" and not isinstance(value, str):
        return f"topics must be a list of topic ids, got {_kind(value)}"
    return None


def _clean_value(value: Any) -> Any:
    """Drop control characters from text metadata, as from the text itself (YAML can spell them as escapes)."""
    if isinstance(value, str):
        return strip_disguises(CONTROL_CHARACTERS.sub("", value))
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
        text = _utf16_without_mark(raw)
        if text is None:
            raise SourceError(name, "looks like a binary file (contains NUL bytes); skipped")
        return _normalise(text)
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


def _utf16_without_mark(raw: bytes) -> str | None:
    """Return UTF-16 text saved without a byte-order mark (Windows tools do), None when the bytes are not that.

    Text in UTF-16 has its NUL bytes on one side of each two-byte unit: the high byte of every Latin letter, digit,
    space and punctuation mark. Binary files have NULs anywhere. So: an even length, NULs only at odd offsets
    (little-endian) or only at even ones (big-endian), at least one unit in eight a NUL (a space's or a letter's),
    and a strict decode with no control character but line breaks and tabs.
    """
    if len(raw) % 2:
        return None
    units = len(raw) // 2
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    if even and odd or max(even, odd) * 8 < units:
        return None
    try:
        text = raw.decode("utf-16-le" if odd else "utf-16-be")
    except UnicodeDecodeError:
        return None
    if any(char < " " and char not in "\n\r\t" for char in text):
        return None
    return text


def _normalise(text: str) -> str:
    """Unify newlines and drop control characters, which no article means and HTML cannot carry."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return strip_disguises(CONTROL_CHARACTERS.sub("", text))


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1
