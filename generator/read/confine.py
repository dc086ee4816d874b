"""Keep every read and write inside the project: a symbolic link never carries a seed in, or a page out.

A link in `seeds/` to `/etc/passwd` or `/proc/self/environ` would otherwise publish that file as an article (in CI,
a pull request adding such a link would publish the runner's secrets); a `docs_src/articles` linked to a folder
elsewhere would get pages written there, and MkDocs would publish whatever that folder holds. Paths are compared
by their real location (every link resolved), so `..` tricks and links inside linked folders are caught too.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator.errors import BuildError

TEMPORARY_PREFIX = ".briefing-tmp-"  # hidden, so MkDocs never publishes one a killed run left behind


def _current_umask() -> int:
    # tempfile creates files and folders for their owner only; generated output is for a web server and for
    # sharing, so it gets the mode a plain open() or mkdir would give it.
    umask = os.umask(0)
    os.umask(umask)
    return umask


_UMASK = _current_umask()
FILE_MODE = 0o666 & ~_UMASK


@dataclass(frozen=True)
class Escape:
    """A path under a folder whose real location is outside it."""

    path: Path  # as found under the folder
    target: str  # where it really leads

    def describe(self, shown: str) -> str:
        kind = "folder" if os.path.isdir(self.path) else "file"
        return f"is a link to the {kind} {self.target}, outside {shown}"


def real(path: Path) -> Path:
    """Return where a path really is, every link on the way resolved (a missing tail is kept as written)."""
    return Path(os.path.realpath(path))


def is_inside(path: Path, folder: Path) -> bool:
    """Return True when `path` really lies in `folder` (both resolved through any links)."""
    return real(path).is_relative_to(real(folder))


def escape_of(path: Path, folder: Path) -> Escape | None:
    """Return how `path` leaves `folder` through a link, or None when it stays inside.

    A path that leaves by what it says (a configured `site_dir: ../public`) is the user's choice, not a link's:
    only a path whose words lie inside but whose real location does not counts.
    """
    written = Path(os.path.normpath(os.path.abspath(path)))
    if not written.is_relative_to(Path(os.path.normpath(os.path.abspath(folder)))):
        return None
    if is_inside(path, folder):
        return None
    return Escape(path, str(real(path)))


def walk_files(folder: Path) -> tuple[list[Path], list[Escape]]:
    """Return the regular files under `folder` (not hidden, sorted) and every link that leads out of it.

    Linked folders are never entered: one leading outside is reported, one leading inside is skipped, as its files
    are listed where they really are. A linked file that stays inside is listed like any other file.
    """
    files: list[Path] = []
    escapes: list[Escape] = []
    for current, folders, names in os.walk(folder, followlinks=False):
        base = Path(current)
        folders.sort()
        kept = []
        for name in folders:
            path = base / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                escape = escape_of(path, folder)
                if escape:
                    escapes.append(escape)
                continue
            kept.append(name)
        folders[:] = kept
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = base / name
            if path.is_symlink():
                escape = escape_of(path, folder)
                if escape:
                    escapes.append(escape)
                    continue
            if path.is_file():
                files.append(path)
    return sorted(files), sorted(escapes, key=lambda escape: escape.path)


def refuse_linked_folder(folder: Path, root: Path, purpose: str) -> None:
    """Raise `BuildError` when `folder` itself is a link (or lies under one) that leads outside `root`."""
    own = escape_of(folder, root)
    if own:
        raise BuildError(f"{folder}: {own.describe('the project')}; briefing never {purpose} through such a link; "
                         "remove the link (or point mkdocs.yml at a real folder)")


def refuse_escapes(folder: Path, root: Path, purpose: str) -> None:
    """Raise `BuildError` naming the first link under `folder` (or `folder` itself) that leads outside `root`."""
    refuse_linked_folder(folder, root, purpose)
    if not folder.is_dir():
        return
    _, escapes = walk_files(folder)
    for escape in escapes:
        if not is_inside(escape.path, root):
            raise BuildError(f"{escape.path}: {escape.describe('the project')}; briefing never {purpose} through "
                             "such a link; remove it")


def check_write_target(target: Path, folder: Path, checked: set[Path]) -> None:
    """Raise `BuildError` when writing `target` would go through a link out of `folder`, or replace a link.

    `checked` holds the parent folders already found safe, so thousands of pages in one folder resolve it once.
    """
    if target.parent not in checked:
        escape = escape_of(target.parent, folder)
        if escape:
            raise BuildError(f"{escape.path}: {escape.describe(str(folder))}; briefing never writes through such a "
                             "link; remove it and build again")
        checked.add(target.parent)
    if target.is_symlink():
        raise BuildError(f"{target}: is a link to {real(target)}, where briefing writes a page of its own; remove the "
                         "link and build again")


def write_atomically(target: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a reader (or an interrupted run) never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


FOLDER_MODE = 0o777 & ~_UMASK  # a folder as mkdir would make it (mkdtemp makes it its owner's only)
_BUILDING = ".building-"  # a whole output folder being made: `.<name>.building-<random>` beside it
_RENAME_EXCHANGE = 2  # renameat2 flag (linux/fs.h): swap two paths in one step
_AT_FDCWD = -100


@contextmanager
def whole_folder(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside `target` to fill; when the block ends normally it takes `target`'s place.

    Whatever stops the block (Ctrl-C, a crash, a full disk) leaves `target` as it was, whole, and the half-made
    folder is removed. The swap is one step where the system allows it (Linux `renameat2(RENAME_EXCHANGE)`), else
    two renames a moment apart. A folder left by a run killed outright is removed by the next one.
    """
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise BuildError(f"{target}: is {'a link' if target.is_symlink() else 'not a folder'}, where briefing puts "
                         "a whole built folder; move it away (or point mkdocs.yml's site_dir elsewhere)")
    target.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{target.name}{_BUILDING}"
    for leftover in target.parent.glob(prefix + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    building = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    old: Path | None = None
    try:
        os.chmod(building, FOLDER_MODE)
        yield building
        if target.is_dir() and _exchange(building, target):
            return  # `building` now holds the old folder, removed below
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
            os.replace(target, old / target.name)
        os.replace(building, target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call; False where the system cannot (not Linux, an old kernel, another fs)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0
