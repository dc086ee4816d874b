"""Measure briefing against MkDocs alone on synthetic corpora of N seeds, and print one Markdown table.

    python bench/benchmark.py [N ...]            (default: 100 1000 5000)
    python bench/benchmark.py 1000 --profile DIR (also write a pyinstrument profile of `generate` per N into DIR)

For each N, in a fresh temporary project (seeds from bench/corpus.py):
- generate: `briefing generate` from nothing (cold: no manifest, no cache);
- build:    `briefing build` from nothing (generate + `mkdocs build`), in a second fresh project;
- floor:    `mkdocs build` alone on N plain pages (the same article text, one page each) with a small nav,
            the same theme and the search plugin: what any MkDocs site of that size costs;
- search:   the size of the built site's search index, per article;
- one seed added to the built project: `briefing generate` (seconds, files rewritten), then
            `mkdocs build --dirty` and a full `mkdocs build` of the HTML.
Peak memory is the largest resident set of the command and everything it started (wait4's ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BRIEFING = [PYTHON, "-m", "generator", "-q"]
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # as briefing runs MkDocs

FLOOR_CONFIG = """site_name: Floor
docs_dir: docs
site_dir: site
use_directory_urls: false
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.indexes, navigation.top, search.highlight, search.suggest]
plugins: [search]
nav: [index.md]
validation:
  nav:
    omitted_files: info
markdown_extensions: [toc, tables, attr_list, admonition]
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def measure(command: list[str], cwd: Path = REPO) -> Run:
    """Run `command`, failing loudly; return its wall time and the peak memory of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENVIRONMENT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)  # Linux reports kilobytes


def make_project(folder: Path, seeds: list[Path]) -> Path:
    root = folder / "project"
    subprocess.run([*BRIEFING, "init", str(root)], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    for path in seeds:
        shutil.copy(path, root / "seeds" / path.name)
    return root


def make_floor(folder: Path, seeds: list[Path]) -> Path:
    """Write an MkDocs project of one plain page per seed (its headline and paragraphs) and a small nav."""
    root = folder / "floor"
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Floor\n\nPlain pages, one per seed.\n", encoding="utf-8")
    for path in seeds:
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        blocks = [block for block in text.split("\n\n") if block.strip()]
        (docs / f"{path.stem}.md").write_text(f"# {blocks[2]}\n\n" + "\n\n".join(blocks[3:]) + "\n", encoding="utf-8")
    return root


def mtimes(docs: Path) -> dict[str, int]:
    return {path.relative_to(docs).as_posix(): path.stat().st_mtime_ns for path in docs.rglob("*") if path.is_file()}


def mkdocs(root: Path, *extra: str) -> Run:
    return measure([PYTHON, "-m", "mkdocs", "build", "-q", *extra], cwd=root)


def bench(count: int, profile: Path | None) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        all_seeds = write_corpus(folder / "corpus", count + 1)
        seeds, extra = all_seeds[:count], all_seeds[count]

        generate_root = make_project(folder / "g", seeds)
        generate = measure([*BRIEFING, "-C", str(generate_root), "generate"])
        if profile:
            profile.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(generate_root / "docs_src")
            (generate_root / "docs_src").mkdir()
            measure([PYTHON, "-m", "pyinstrument", "--show-all", "-o", str(profile / f"generate-{count}.txt"),
                     "-m", "generator", "-q", "-C", str(generate_root), "generate"])

        root = make_project(folder / "b", seeds)
        build = measure([*BRIEFING, "-C", str(root), "build"])
        index = (root / "site" / "search" / "search_index.json").stat().st_size
        floor = mkdocs(make_floor(folder, seeds))

        before = mtimes(root / "docs_src")
        shutil.copy(extra, root / "seeds" / extra.name)
        added = measure([*BRIEFING, "-C", str(root), "generate"])
        after = mtimes(root / "docs_src")
        rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
        dirty = mkdocs(root, "--dirty")
        full = mkdocs(root)
    return {
        "N": f"{count:,}",
        "generate": f"{generate.seconds:.2f} s",
        "articles/s": f"{count / generate.seconds:,.0f}",
        "generate peak": f"{generate.peak_mb:,.0f} MB",
        "build": f"{build.seconds:.1f} s",
        "build peak": f"{build.peak_mb:,.0f} MB",
        "floor (MkDocs alone)": f"{floor.seconds:.1f} s",
        "build ÷ floor": f"{build.seconds / floor.seconds:.2f}",
        "search index": f"{index / 1e6:.1f} MB",
        "index per article": f"{index / count / 1e3:.1f} kB",
        "+1 seed: generate": f"{added.seconds:.2f} s",
        "+1 seed: files rewritten": str(rewritten),
        "+1 seed: mkdocs --dirty": f"{dirty.seconds:.1f} s",
        "+1 seed: mkdocs full": f"{full.seconds:.1f} s",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000, 5000], metavar="N")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="write pyinstrument profiles of generate here")
    args = parser.parse_args()
    print_rows(bench(count, args.profile) for count in args.counts)


def print_rows(rows) -> None:
    """Print a Markdown table, a row as soon as it is measured (its keys are the header)."""
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores", flush=True)
    for number, row in enumerate(rows):
        if number == 0:
            print("| " + " | ".join(row) + " |")
            print("|" + "---:|" * len(row))
        print("| " + " | ".join(row.values()) + " |", flush=True)


if __name__ == "__main__":
    main()
