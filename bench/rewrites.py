"""Count the files `briefing generate` rewrites on a synthetic corpus: no change, one seed added, one removed.

    python bench/rewrites.py [N ...]        (default: 240 1000)

A file counts as rewritten when its mtime changed. Prints one table row per N, with the time of each run.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

BRIEFING = [sys.executable, "-m", "generator", "-q"]
REPO = Path(__file__).resolve().parent.parent


def _mtimes(docs: Path) -> dict[str, int]:
    return {path.relative_to(docs).as_posix(): path.stat().st_mtime_ns for path in docs.rglob("*") if path.is_file()}


def _generate(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*BRIEFING, "-C", str(root), "generate"], check=True, cwd=REPO)
    return time.perf_counter() - start


def _step(root: Path, change) -> tuple[int, int, float]:
    """Apply `change`, generate, and return (files rewritten or added, files removed, seconds)."""
    before = _mtimes(root / "docs_src")
    change()
    seconds = _generate(root)
    after = _mtimes(root / "docs_src")
    rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return rewritten, len(set(before) - set(after)), seconds


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        subprocess.run([*BRIEFING, "init", str(root)], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        write_corpus(Path(folder) / "corpus", count + 1)
        seeds = sorted((Path(folder) / "corpus").iterdir())
        for path in seeds[:count]:
            shutil.copy(path, root / "seeds" / path.name)
        first = _generate(root)
        files = len(_mtimes(root / "docs_src"))
        same = _step(root, lambda: None)
        added = _step(root, lambda: shutil.copy(seeds[count], root / "seeds" / seeds[count].name))
        removed = _step(root, lambda: (root / "seeds" / seeds[count // 2].name).unlink())
    return (
        f"| {count} | {files} | {first:.1f} s | {same[0]} ({same[2]:.2f} s) | {added[0]} ({added[2]:.1f} s) "
        f"| {removed[0]} + {removed[1]} deleted ({removed[2]:.1f} s) |"
    )


def main() -> None:
    counts = [int(arg) for arg in sys.argv[1:]] or [240, 1000]
    print("| seeds | files | first generate | no change: rewritten | one seed added: rewritten | one seed removed |")
    print("|---:|---:|---:|---:|---:|---:|")
    for count in counts:
        print(measure(count), flush=True)


if __name__ == "__main__":
    main()
