"""Nothing lost: a build killed midway leaves every file old or new, never half; two builds at once are refused."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.publish.write import MANIFEST_FILE
from generator.read.confine import TEMPORARY_PREFIX

from helpers import new_project

SEED_COUNT = 160
HAND_WRITTEN = "# Desk notes\n\nWritten by hand; the generator must never touch this.\n"
OUTLETS = ["Daily Ledger", "Capital Wire", "Evening Post", "Harbour Times"]
SUBJECTS = ["lithium supply", "steel tariffs", "the interim trade deal", "rare earth processing", "chip exports"]


def _seed_text(number: int, revision: int) -> str:
    subject = SUBJECTS[number % len(SUBJECTS)]
    text = (
        f"Officials weigh {subject} in round {number}\n\n"
        f"By Reporter {number}\n\n"
        f"NEW DELHI: Officials from India and the United States met on Monday to discuss {subject}, "
        f"the {number}th meeting this year, a commerce ministry official said.\n\n"
        f"The talks covered tariffs of {number % 50 + 10} per cent and a supply chain for critical minerals, "
        f"the {OUTLETS[number % len(OUTLETS)]} reported.\n"
    )
    if revision:
        text += f"\nA later update said the delegation would return in round {number + revision} next month.\n"
    return text


def _write_seeds(root: Path, revision: int) -> None:
    for number in range(SEED_COUNT):
        (root / "seeds" / f"seed-{number:04d}.txt").write_text(_seed_text(number, revision))


def _state(docs: Path) -> dict[str, str]:
    """Return every visible file under docs (path -> sha256), leaving out the manifest."""
    return {
        path.relative_to(docs).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(docs.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """Build the same project at revision 0 and at revision 1 (with a hand-written page): the two states."""
    found = {}
    for revision in (0, 1):
        root = new_project(tmp_path_factory.mktemp(f"rev{revision}") / "p", copies=())
        (root / "docs_src" / "notes.md").write_text(HAND_WRITTEN)
        _write_seeds(root, revision)
        assert main(["-C", str(root), "-q", "generate"]) == 0
        found[revision] = _state(root / "docs_src")
    assert found[0]["notes.md"] == found[1]["notes.md"]
    changed = [path for path in found[1] if found[0].get(path) != found[1][path]]
    assert len(changed) > SEED_COUNT  # every article page and more differ between the two
    return found


# `briefing generate` as the command runs it, on a disk that takes 2 ms per file: replacing the pages then lasts
# long enough (about half a second here) for a signal to land midway however fast or busy the machine is.
SLOW_DISK_GENERATE = """
import sys, time
import generator.publish.write as write
fast = write.write_atomically
def slow(target, data):
    fast(target, data)
    time.sleep(0.002)
write.write_atomically = slow
from generator.cli import main
sys.exit(main(["-C", sys.argv[1], "generate"]))
"""


def _generate_process(root: Path, slow_disk: bool = False) -> subprocess.Popen:
    command = [sys.executable, "-c", SLOW_DISK_GENERATE, str(root)] if slow_disk else [
        sys.executable, "-m", "generator", "-C", str(root), "generate"
    ]
    return subprocess.Popen(
        command,
        # A command started in the background of a script inherits SIGINT ignored (and Python keeps it so): give
        # the build the Ctrl-C a person's terminal would deliver, whatever ran these tests.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# How long after the journal appears the signal goes: early, middle and late in the replacing of the pages.
DELAYS = (0.003, 0.05, 0.2, 0.0, 0.1, 0.01)


def _interrupt_while_writing(root: Path, signal_number: int, delay: float) -> subprocess.Popen:
    """Start `briefing generate` and send it a signal `delay` seconds after it has begun replacing pages."""
    manifest = root / "docs_src" / MANIFEST_FILE
    process = _generate_process(root, slow_disk=True)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if '"pending"' in manifest.read_text():
                break
        except OSError:
            pass
    if process.poll() is None:
        time.sleep(delay)  # a few pages in
        os.kill(process.pid, signal_number)
    process.wait(timeout=120)
    return process


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_a_build_interrupted_midway_leaves_old_or_new_files_and_the_next_build_recovers(tmp_path, states, signal_number):
    root = new_project(tmp_path / "p", copies=())
    docs = root / "docs_src"
    (docs / "notes.md").write_text(HAND_WRITTEN)
    _write_seeds(root, 0)
    assert main(["-C", str(root), "-q", "generate"]) == 0
    caught_midway = 0
    for attempt, delay in enumerate(DELAYS):
        revision = 1 - attempt % 2
        old, new = states[1 - revision], states[revision]
        _write_seeds(root, revision)
        process = _interrupt_while_writing(root, signal_number, delay)
        now = _state(docs)
        for path, digest in now.items():
            assert digest in (old.get(path), new.get(path)), f"{path} is neither its old nor its new version"
        assert set(now) <= set(old) | set(new)
        assert now["notes.md"] == old["notes.md"]
        if signal_number == signal.SIGINT and process.returncode == 130:
            assert "interrupted: every generated file holds either its old or its new version" in process.stderr.read()
            assert not list(docs.rglob(TEMPORARY_PREFIX + "*"))  # Ctrl-C cleans up after itself
        if any(now.get(path) == new[path] != old.get(path) for path in new) and any(
            now.get(path) == old[path] != new.get(path) for path in old
        ):
            caught_midway += 1
        # The next build finishes the job: exactly the new state, no leftovers, the manifest whole.
        assert main(["-C", str(root), "-q", "generate"]) == 0, f"attempt {attempt}"
        assert _state(docs) == new
        assert not list(docs.rglob(TEMPORARY_PREFIX + "*"))
        assert "pending" not in json.loads((docs / MANIFEST_FILE).read_text())
    assert caught_midway >= 3, "too few attempts interrupted the build while it was writing pages"


def test_a_second_build_while_one_runs_is_refused_with_a_clear_message(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    capsys.readouterr()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from generator.publish.write import project_lock\n"
         "with project_lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)", str(root)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        for command in (["generate"], ["build"], ["handouts"]):
            assert main(["-C", str(root), *command]) == 1
            err = capsys.readouterr().err
            assert "another briefing command is already writing this project; wait for it to finish" in err
            assert len(err.strip().splitlines()) == 1
        assert not (root / "docs_src" / "index.md").exists()
    finally:
        holder.kill()
        holder.wait()
    assert main(["-C", str(root), "generate"]) == 0  # the lock dies with its process


def test_two_builds_started_at_once_do_not_corrupt_each_other(tmp_path):
    root = new_project(tmp_path / "p", copies=())
    _write_seeds(root, 1)
    processes = [_generate_process(root) for _ in range(2)]
    results = [(process.wait(timeout=300), process.stderr.read()) for process in processes]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1])
    for code, err in results:
        if code == 1:
            assert "another briefing command is already writing this project" in err
    expected = tmp_path / "expected"
    new_project(expected, copies=())
    _write_seeds(expected, 1)
    assert main(["-C", str(expected), "-q", "generate"]) == 0
    assert _state(root / "docs_src") == _state(expected / "docs_src")


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED from run to run; the generated files must not."""
    found = []
    for hash_seed in ("2", "4"):
        root = new_project(tmp_path / f"p{hash_seed}", copies=())
        _write_seeds(root, 0)
        subprocess.run(
            [sys.executable, "-m", "generator", "-q", "-C", str(root), "generate"],
            env={**os.environ, "PYTHONHASHSEED": hash_seed}, check=True,
        )
        found.append(_state(root / "docs_src"))
    assert found[0] == found[1]
