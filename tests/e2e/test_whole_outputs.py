"""site/ and site-offline/ are replaced whole: Ctrl-C or a full disk while MkDocs writes leaves the previous site."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main

from helpers import child_pids, new_project


def _contents(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _mkdocs_running(pid: int) -> bool:
    """Whether a process below `pid` runs MkDocs (its command's words, not a path that merely holds the word: the
    test's own folder is named after it)."""
    for child in child_pids(pid):
        try:
            words = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(word == b"mkdocs" or word.endswith(b"/mkdocs") for word in words[:3]):
            return True
    return False


def _another_seed(root: Path) -> None:
    (root / "seeds" / "later.md").write_text(
        "---\ntitle: Steel duties rise again\ndate: 2026-03-10\noutlet: Wire\n---\n\nThe duty on steel rose again on "
        "Monday, a ministry official said in New Delhi, and talks on the trade deal will resume next week.\n",
        encoding="utf-8")


def _slow_mkdocs(root: Path) -> None:
    """Make MkDocs take 0.2 s over each page it writes (a hook of the project's own), so an interrupt lands while it
    writes, however busy the machine (a fast build could finish before the signal; a slow start, before it)."""
    (root / "slow_pages.py").write_text(
        "import time\n\n\ndef on_post_page(output, page, config):\n    time.sleep(0.2)\n    return output\n",
        encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as settings:
        settings.write("\nhooks:\n  - slow_pages.py\n")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds MkDocs among the child processes in /proc")
@pytest.mark.parametrize("offline", [False, True])
def test_ctrl_c_while_mkdocs_writes_leaves_the_previous_site_whole(tmp_path, offline):
    root = new_project(tmp_path / "p")
    options = ["--offline"] if offline else []
    assert main(["-C", str(root), "build", *options]) == 0
    _slow_mkdocs(root)
    site = root / ("site-offline" if offline else "site")
    before = _contents(site)
    assert "index.html" in before
    _another_seed(root)
    run = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "build", *options],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                           # Started in the background of a script, the tests pass SIGINT on ignored (and Python keeps
                           # it so): give the build the Ctrl-C a person's terminal would deliver.
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not _mkdocs_running(run.pid) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the build ended before MkDocs was seen"
    time.sleep(1.5)  # MkDocs is writing pages by now: each takes it 0.2 s (the hook), and there are dozens
    os.killpg(run.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group, MkDocs included
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert _contents(site) == before  # the previous site, every file of it, unchanged
    assert not [path.name for path in root.iterdir() if ".building-" in path.name]  # the half-made one is gone
    assert main(["-C", str(root), "build", *options]) == 0  # and the next build finishes
    assert _contents(site) != before


@pytest.fixture
def small_disk(tmp_path):
    """A 12 MB file system of its own (tmpfs), which a build's second copy of the site does not fit on."""
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:  # not root, or a container without the right to mount
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_disk_that_fills_while_mkdocs_writes_leaves_the_previous_site_whole(small_disk, capsys):
    root = new_project(small_disk / "p")
    assert main(["-C", str(root), "build"]) == 0
    before = _contents(root / "site")
    used = shutil.disk_usage(small_disk)
    # Fill the disk until what is left is less than one more site: the next build runs out of space midway.
    site_bytes = sum((root / "site" / name).stat().st_size for name in before)
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * max(0, used.free - site_bytes // 2))
    _another_seed(root)
    capsys.readouterr()
    assert main(["-C", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err or "no space" in err.lower(), err
    assert _contents(root / "site") == before
    assert not [path.name for path in root.iterdir() if ".building-" in path.name]
    filler.unlink()
    assert main(["-C", str(root), "build"]) == 0 and _contents(root / "site") != before


@pytest.mark.parametrize("kind", ["file", "link"])
def test_a_file_or_link_where_the_site_goes_is_refused_and_kept(tmp_path, capsys, kind):
    root = new_project(tmp_path / "p")
    (root / "public").mkdir()
    if kind == "file":
        (root / "site").write_text("my notes\n")
    else:
        (root / "site").symlink_to(root / "public", target_is_directory=True)
    assert main(["-C", str(root), "build"]) == 1
    assert f"{root / 'site'}: is {'not a folder' if kind == 'file' else 'a link'}" in capsys.readouterr().err
    if kind == "file":
        assert (root / "site").read_text() == "my notes\n"
    else:
        assert (root / "site").is_symlink() and list((root / "public").iterdir()) == []


def test_handouts_are_replaced_whole_and_a_full_disk_leaves_the_previous_ones(small_disk, capsys):
    root = new_project(small_disk / "p")
    assert main(["-C", str(root), "handouts"]) == 0
    (root / "handouts" / "notes.txt").write_text("the desk's own notes\n")  # hand-written: carried over
    assert main(["-C", str(root), "handouts"]) == 0
    before = _contents(root / "handouts")
    assert "notes.txt" in before and "index.html" in before
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * max(0, shutil.disk_usage(small_disk).free - 64_000))
    capsys.readouterr()
    assert main(["-C", str(root), "handouts", "--brief"]) == 1  # every handout changes: summaries only
    assert "No space left on device" in capsys.readouterr().err
    assert _contents(root / "handouts") == before
    assert not [path.name for path in root.iterdir() if ".building-" in path.name]
    filler.unlink()
    assert main(["-C", str(root), "handouts", "--brief"]) == 0
    after = _contents(root / "handouts")
    assert after != before and after["notes.txt"] == before["notes.txt"]
