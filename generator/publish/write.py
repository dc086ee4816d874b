"""Write generated files into docs_src/ through a manifest: only changed files, atomically, never a hand-written one."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from filelock import FileLock, Timeout

from generator.read.confine import TEMPORARY_PREFIX, check_write_target, whole_folder, write_atomically
from generator.errors import BuildError

logger = logging.getLogger(__name__)

MANIFEST_FILE = ".briefing-manifest.json"
LOCK_FILE = ".briefing.lock"
INPUTS_KEY = "inputs"  # the manifest key of what the files were made from; see pipeline.generate
_FILE_KEYS = ("files", "pending")  # the manifest keys write_files itself keeps; the rest is the caller's record


@dataclass(frozen=True)
class WriteReport:
    """What a write did, for the progress line and the tests."""

    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]


def write_files(
    docs_dir: Path,
    files: Mapping[str, str],
    origins: Mapping[str, str] | None = None,
    record: Mapping[str, object] | None = None,
) -> WriteReport:
    """Write `files` into docs_dir as `_write_files` says; a folder that cannot be written is one line, not a trace."""
    try:
        return _write_files(docs_dir, files, origins, record)
    except OSError as exc:
        raise BuildError(f"{_folder_of(exc, docs_dir)}: cannot be written ({exc.strerror or exc}); make it writable "
                         "(or free some space) and run the command again") from exc


def write_whole_folder(
    folder: Path, files: Mapping[str, str], record: Mapping[str, object] | None = None
) -> WriteReport:
    """`write_files` for a folder that must change in one step (the handouts people take away): a copy of it is
    brought up to date beside it and then takes its place, so Ctrl-C or a full disk leaves the previous folder
    whole. The copy carries every file over, so hand-written files and the manifest's guards are as before."""
    with whole_folder(folder) as building:
        if folder.is_dir():
            shutil.copytree(folder, building, symlinks=True, dirs_exist_ok=True)
        try:
            return write_files(building, files, None, record)
        except BuildError as error:  # name the folder the user knows, not the one being built
            raise BuildError(str(error).replace(str(building), str(folder))) from error


def _folder_of(exc: OSError, default: Path) -> Path:
    """Return the folder an OSError happened in: the file's folder, or the folder itself."""
    if not exc.filename:
        return default
    path = Path(exc.filename)
    return path if path.is_dir() else path.parent


def _write_files(
    docs_dir: Path,
    files: Mapping[str, str],
    origins: Mapping[str, str] | None = None,
    record: Mapping[str, object] | None = None,
) -> WriteReport:
    """Bring docs_dir to exactly the generated `files` (path -> text), touching nothing the generator did not write.

    A path already on disk that the manifest does not list is hand-written: that is an error naming it and the page
    that wanted its place (`origins`: path -> what the page is generated from), not an overwrite. A generated file
    edited by hand since is likewise left alone, with an error. The manifest is written first as a journal that
    accepts the old and the new content of every file, so a run killed at any point leaves files the next run
    still recognises as its own. `record` (what the build was made from and contained) is stored beside the files
    once every file is in place; the journal keeps the previous record, less its inputs, so an interrupted run is
    never taken for a finished one.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    _remove_leftover_temporaries(docs_dir)
    previous = _load_manifest(docs_dir)
    accepted = _read_accepted(previous)
    new: dict[str, str] = {}
    plans: list[tuple[str, Path, bytes]] = []
    safe_folders: set[Path] = set()
    for relative, text in sorted(files.items()):
        target = _inside(docs_dir, relative)
        check_write_target(target, docs_dir, safe_folders)
        data = text.encode("utf-8")
        digest = content_digest(data)
        new[relative] = digest
        if target.is_dir():
            raise BuildError(f"{target}: is a folder, but {_origin(origins, relative)} is written to that path")
        if target.exists():
            current = content_digest(target.read_bytes())
            if relative not in accepted:
                raise BuildError(
                    f"{target}: is a hand-written file (briefing did not write it), and {_origin(origins, relative)} "
                    "would be written to the same path; rename or move the hand-written file"
                    + ("" if previous else _missing_manifest_hint(docs_dir, files))
                )
            if current not in accepted[relative] and current != digest:
                raise BuildError(
                    f"{target}: was edited by hand after briefing generated it ({_origin(origins, relative)}); "
                    "move your edits to a page of your own, then delete this file"
                )
            if current == digest:
                continue
        plans.append((relative, target, data))
    journal = {path: sorted(set(accepted.get(path, ())) | {digest}) for path, digest in new.items()}
    for path, digests in accepted.items():
        journal.setdefault(path, sorted(digests))
    kept = {key: value for key, value in previous.items() if key not in _FILE_KEYS and key != INPUTS_KEY}
    _write_manifest(docs_dir, {**kept, "files": new, "pending": journal})
    try:
        for _, target, data in plans:
            write_atomically(target, data)
    except BaseException:
        # Ctrl-C can land between creating a temporary file and the cleanup that guards it: sweep them all.
        _remove_leftover_temporaries(docs_dir)
        raise
    deleted = []
    for relative, digests in sorted(accepted.items()):
        if relative in new:
            continue
        target = _inside(docs_dir, relative)
        if target.is_symlink() or not target.is_file():
            continue  # a link put in a generated page's place is not briefing's to read or delete
        if content_digest(target.read_bytes()) not in digests:
            logger.warning("%s: no longer generated but edited by hand; left in place", target)
            continue
        target.unlink()
        deleted.append(relative)
        _remove_empty_parents(target.parent, docs_dir)
    _write_manifest(docs_dir, {**(record or {}), "files": new})
    written = tuple(relative for relative, _, _ in plans)
    unchanged = tuple(sorted(set(new) - set(written)))
    return WriteReport(written=written, unchanged=unchanged, deleted=tuple(deleted))


def _missing_manifest_hint(docs_dir: Path, files: Mapping[str, str]) -> str:
    """Say how to recover when the manifest is gone and so every page briefing wrote looks hand-written."""
    present = sorted({
        relative.split("/", 1)[0] + ("/" if "/" in relative else "")
        for relative in files
        if (docs_dir / relative).exists()
    })
    return (f" (or, if {docs_dir / MANIFEST_FILE} was deleted, briefing no longer knows which pages it wrote: delete "
            f"the generated ones, {', '.join(present[:8])}{' …' if len(present) > 8 else ''} in {docs_dir}, and run "
            "again)")


def read_manifest(docs_dir: Path) -> dict[str, str]:
    """Return the files the previous complete run generated (path -> sha256), empty when there was none."""
    return {str(key): str(value) for key, value in _load_manifest(docs_dir).get("files", {}).items()}


def read_record(docs_dir: Path) -> dict[str, object]:
    """Return what the previous run recorded beside its files (inputs, contents, changes); inputs only if it finished."""
    manifest = _load_manifest(docs_dir)
    record = {key: value for key, value in manifest.items() if key not in _FILE_KEYS}
    if "pending" in manifest:
        record.pop(INPUTS_KEY, None)
    return record


def files_as_recorded(docs_dir: Path) -> tuple[str, ...] | None:
    """Return the files the previous run wrote if every one is still there as it wrote it, else None."""
    manifest = _load_manifest(docs_dir)
    if "pending" in manifest or not manifest.get("files"):
        return None
    for relative, digest in manifest["files"].items():
        try:
            target = _inside(docs_dir, str(relative))
            if target.is_symlink() or content_digest(target.read_bytes()) != digest:
                return None
        except (OSError, BuildError):
            return None
    return tuple(sorted(manifest["files"]))


def _read_accepted(manifest: Mapping) -> dict[str, frozenset[str]]:
    """Return, per generated path, every content the generator may have left there (two after an interrupted run)."""
    accepted = {str(path): {str(digest)} for path, digest in manifest.get("files", {}).items()}
    for path, digests in manifest.get("pending", {}).items():
        accepted.setdefault(str(path), set()).update(str(digest) for digest in digests)
    return {path: frozenset(digests) for path, digests in accepted.items()}


def _load_manifest(docs_dir: Path) -> dict:
    path = docs_dir / MANIFEST_FILE
    if not path.is_file():
        return {}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files", {}), dict):
            raise ValueError("not a manifest")
    except ValueError as exc:
        raise BuildError(f"{path}: is damaged ({exc}); delete it and the generated pages, then build again") from exc
    return manifest


def _write_manifest(docs_dir: Path, manifest: Mapping[str, object]) -> None:
    write_atomically(docs_dir / MANIFEST_FILE, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode())


def _origin(origins: Mapping[str, str] | None, relative: str) -> str:
    return (origins or {}).get(relative) or f"the generated page {relative}"


def _remove_leftover_temporaries(docs_dir: Path) -> None:
    """Delete temporary files a killed run left behind; only this module makes files with that prefix."""
    for leftover in docs_dir.rglob(TEMPORARY_PREFIX + "*"):
        if leftover.is_file():
            leftover.unlink()


@contextmanager
def project_lock(project_dir: Path) -> Iterator[None]:
    """Hold the project's lock while writing, so two builds started at once cannot interleave their files.

    The operating system releases the lock when the process ends, however it ends: a killed build never leaves the
    project locked.
    """
    lock_path = project_dir / LOCK_FILE
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BuildError(
            f"{lock_path}: another briefing command is already writing this project; wait for it to finish, "
            "then run this one again"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _inside(docs_dir: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise BuildError(f"{relative}: refusing to write outside {docs_dir}")
    return docs_dir.joinpath(*pure.parts)


def content_digest(data: bytes) -> str:
    """The digest the manifest records for a file's bytes."""
    return hashlib.sha256(data).hexdigest()



def _remove_empty_parents(folder: Path, docs_dir: Path) -> None:
    while folder != docs_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
