"""Read seed files into `Source` objects: decoding, BOM, CRLF, front matter and sidecar metadata."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Mapping

import frontmatter
import yaml

from .errors import SourceError
from .model import Source

logger = logging.getLogger(__name__)

SIDECAR_FILE = "sources.yml"
TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
# Metadata keys a seed may carry (front matter or sidecar); anything else is reported and ignored.
METADATA_KEYS = ("title", "date", "outlet", "author", "url", "topics")


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
    """Read one seed file; raise `SourceError` naming the file when it cannot be used."""
    relative = path.relative_to(seeds_dir).as_posix()
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise SourceError(relative, f"unsupported file type {path.suffix or '(none)'}; use .txt or .md")
    raw = path.read_bytes()
    text = _decode(raw, relative)
    metadata: dict[str, Any] = {}
    if kind == "md":
        try:
            post = frontmatter.loads(text)
        except yaml.YAMLError as exc:
            raise SourceError(relative, f"front matter is not valid YAML ({str(exc).splitlines()[0]})") from exc
        metadata = {str(key): value for key, value in post.metadata.items()}
        text = post.content
    origin = {key: "front matter" for key in metadata}
    for key, value in sidecar.get(relative, {}).items():
        if str(key) not in metadata:
            metadata[str(key)] = value
            origin[str(key)] = SIDECAR_FILE
    for key in sorted(set(metadata) - set(METADATA_KEYS)):
        logger.warning("%s: unknown metadata key %r ignored (known: %s)", relative, key, ", ".join(METADATA_KEYS))
        metadata.pop(key)
        origin.pop(key)
    if not text.strip():
        raise SourceError(relative, "is empty; skipped")
    return Source(path=relative, text=text, metadata=metadata, format=kind, metadata_origin=origin)


def _decode(raw: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), falling back to cp1252 for legacy files; normalise newlines."""
    if b"\x00" in raw:
        raise SourceError(name, "looks like a binary file (contains NUL bytes); skipped")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise SourceError(name, f"is neither UTF-8 nor Windows-1252 text (byte {exc.start}); skipped") from exc
        logger.warning("%s: not UTF-8; read as Windows-1252", name)
    return text.replace("\r\n", "\n").replace("\r", "\n")
