"""Write generated files into docs_src/ through a manifest: only changed files, atomically, never a hand-written one."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Mapping

from .errors import BuildError

logger = logging.getLogger(__name__)

MANIFEST_FILE = ".briefing-manifest.json"


def _default_file_mode() -> int:
    # tempfile.mkstemp creates files readable by their owner only; generated files are for a web server and for
    # sharing, so they get the mode a plain open() would give them.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _default_file_mode()


@dataclass(frozen=True)
class WriteReport:
    """What a write did, for the progress line and the tests."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]


def write_files(docs_dir: Path, files: Mapping[str, str]) -> WriteReport:
    """Bring docs_dir to exactly the generated `files` (path -> text), touching nothing the generator did not write.

    A path already on disk that the manifest does not list is hand-written: that is an error naming it, not an
    overwrite. A generated file edited by hand since is likewise left alone, with an error.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    old = read_manifest(docs_dir)
    new: dict[str, str] = {}
    plans: list[tuple[str, Path, bytes]] = []
    for relative, text in sorted(files.items()):
        target = _inside(docs_dir, relative)
        data = text.encode("utf-8")
        digest = _digest(data)
        new[relative] = digest
        if target.exists():
            current = _digest(target.read_bytes())
            if relative not in old:
                raise BuildError(
                    f"{target}: exists and was not written by briefing (a hand-written page?); "
                    "move it or remove it, the generator never overwrites it"
                )
            if current != old[relative] and current != digest:
                raise BuildError(
                    f"{target}: was edited by hand after briefing generated it; "
                    "move your edits to a page of your own, then delete this file"
                )
            if current == digest:
                continue
        plans.append((relative, target, data))
    for _, target, data in plans:
        write_atomically(target, data)
    deleted = []
    for relative, digest in sorted(old.items()):
        if relative in new:
            continue
        target = _inside(docs_dir, relative)
        if not target.exists():
            continue
        if _digest(target.read_bytes()) != digest:
            logger.warning("%s: no longer generated but edited by hand; left in place", target)
            continue
        target.unlink()
        deleted.append(relative)
        _remove_empty_parents(target.parent, docs_dir)
    write_atomically(docs_dir / MANIFEST_FILE, (json.dumps({"files": new}, indent=1, sort_keys=True) + "\n").encode())
    written = tuple(relative for relative, _, _ in plans)
    unchanged = tuple(sorted(set(new) - set(written)))
    return WriteReport(written=written, unchanged=unchanged, deleted=tuple(deleted))


def read_manifest(docs_dir: Path) -> dict[str, str]:
    """Return the files the previous run generated (path -> sha256), empty when there was none."""
    path = docs_dir / MANIFEST_FILE
    if not path.is_file():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (ValueError, AttributeError) as exc:
        raise BuildError(f"{path}: is damaged ({exc}); delete it and the generated pages, then build again") from exc
    return {str(key): str(value) for key, value in files.items()}


def _inside(docs_dir: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise BuildError(f"{relative}: refusing to write outside {docs_dir}")
    return docs_dir.joinpath(*pure.parts)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a reader (or an interrupted run) never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_empty_parents(folder: Path, docs_dir: Path) -> None:
    while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
