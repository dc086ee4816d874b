"""A year of news: build sites of N real and synthetic articles and measure what a desk would feel.

    python bench/scale.py [--corpora DIR] [--keep DIR] [N ...]   (default: 1000 5000 20000)
    python bench/scale.py --plus-one DIR/N/project                 (+1 seed again, on a project kept by --keep)

Each project holds the first N Reuters stories of DIR/reuters-21578 (the development corpus; about 7,000 have a
body) and, past those, synthetic seeds from bench/corpus.py. In a fresh project, one process at a time:
- generate: `briefing generate` from nothing (no manifest, no cache), wall time and peak memory;
- mkdocs:   `mkdocs build` of the generated pages (the project's own mkdocs.yml: Material, its search plugin);
- build:    generate + `briefing build` after it (MkDocs again, then Pagefind): the cold build a new project pays;
- floor:    `mkdocs build` of N plain pages (one per seed, its text, a one-page nav), same theme and plugins;
  "per page vs floor" compares MkDocs' seconds per HTML page on our site with that floor's;
- +1 seed:  one more seed, then `briefing generate` (seconds, files rewritten);
- pages, site size, largest HTML page, the Pagefind index and Material's index (what the offline site loads);
- first search result: in Chromium (/usr/bin/chromium), the hosted site served on loopback, the seconds from the
  last key of a word found in one article to its first result drawn.
Peak memory is the largest resident set of the command and everything it started (wait4's ru_maxrss).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchmark import BRIEFING, FLOOR_CONFIG, PYTHON, REPO, Run, measure, print_rows  # noqa: E402
from corpus import write_corpus  # noqa: E402
from quality import reuters_stories, story_seed  # noqa: E402

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")


def make_project(root: Path, count: int, corpora: Path) -> Path:
    """A fresh project of `count` seeds (Reuters first, then synthetic); return the one extra seed kept aside."""
    subprocess.run([*BRIEFING, "init", str(root)], check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seeds = root / "seeds"
    sidecar = {}
    stories = reuters_stories(corpora / "reuters-21578")
    for _, story in stories:
        if len(sidecar) >= count:
            break
        name = f"reuters-{story.newid}.txt"
        (seeds / name).write_text(story_seed(story), encoding="utf-8")
        sidecar[name] = {"date": story.date, "outlet": "Reuters"}
    (seeds / "sources.yml").write_text(json.dumps(sidecar), encoding="utf-8")
    synthetic = write_corpus(root / "synthetic", count - len(sidecar) + 1)
    for path in synthetic[:-1]:
        shutil.move(str(path), seeds / path.name)
    extra = root / "extra-seed" / synthetic[-1].name
    extra.parent.mkdir()
    shutil.move(str(synthetic[-1]), extra)
    shutil.rmtree(root / "synthetic")
    return extra


def make_floor(root: Path, project_seeds: Path) -> int:
    """N plain pages, one per seed (its text as paragraphs under its first line), with a one-page nav."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Floor\n\nPlain pages, one per seed.\n", encoding="utf-8")
    count = 0
    for path in sorted(project_seeds.iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        blocks = [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
        (docs / f"{path.stem}.md").write_text(f"# {blocks[0]}\n\n" + "\n\n".join(blocks[1:]) + "\n", encoding="utf-8")
        count += 1
    return count


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def mtimes(docs: Path) -> dict[str, int]:
    return {path.relative_to(docs).as_posix(): path.stat().st_mtime_ns for path in docs.rglob("*") if path.is_file()}


def first_search_result(site: Path, word: str) -> float:
    """Seconds from the last key of `word` typed into the hosted site's search box to its first result drawn."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            page.wait_for_load_state("load")
            page.keyboard.press("/")
            page.keyboard.type(word[:-1], delay=30)
            started = time.perf_counter()
            page.keyboard.type(word[-1])
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            seconds = time.perf_counter() - started
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return seconds


def searched_word(docs: Path) -> str:
    """A word of one article's title, as a reader would type it (the last article's longest title word)."""
    export = json.loads((docs / "briefing.json").read_text(encoding="utf-8"))
    title = export["articles"][-1]["title"]
    return max((word.strip(".,:;'\"()").lower() for word in title.split()), key=len)


def plus_one(root: Path) -> tuple[Run, int]:
    """Add the kept-aside seed to a built project and run `briefing generate`: its time and the files rewritten.
    The project is first brought to its N seeds (the extra seed taken out, then a generate)."""
    extra = next((root / "extra-seed").iterdir())
    (root / "seeds" / extra.name).unlink(missing_ok=True)
    measure([*BRIEFING, "-C", str(root), "generate"])
    before = mtimes(root / "docs_src")
    shutil.copy(extra, root / "seeds" / extra.name)
    added = measure([*BRIEFING, "-C", str(root), "generate"])
    return added, sum(1 for path, stamp in mtimes(root / "docs_src").items() if before.get(path) != stamp)


def bench(count: int, corpora: Path, keep: Path | None) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as name:
        folder = keep / str(count) if keep else Path(name)
        if keep:
            shutil.rmtree(folder, ignore_errors=True)
        root = folder / "project"
        extra = make_project(root, count, corpora)
        generate = measure([*BRIEFING, "-C", str(root), "generate"])
        mkdocs = measure([PYTHON, "-m", "mkdocs", "build", "-q"], cwd=root)
        build = measure([*BRIEFING, "-C", str(root), "build"])
        site = root / "site"
        pages = list(site.rglob("*.html"))
        largest = max(pages, key=lambda path: path.stat().st_size)
        floor_pages = make_floor(folder / "floor", root / "seeds")
        floor = measure([PYTHON, "-m", "mkdocs", "build", "-q"], cwd=folder / "floor")
        word = searched_word(root / "docs_src")
        search_seconds = first_search_result(site, word)
        before = mtimes(root / "docs_src")
        shutil.copy(extra, root / "seeds" / extra.name)
        added = measure([*BRIEFING, "-C", str(root), "generate"])
        rewritten = sum(1 for path, stamp in mtimes(root / "docs_src").items() if before.get(path) != stamp)
        per_page, floor_per_page = mkdocs.seconds / len(pages), floor.seconds / floor_pages
        row = {
            "N": f"{count:,}",
            "generate": f"{generate.seconds:.0f} s",
            "generate peak": f"{generate.peak_mb:,.0f} MB",
            "cold build": f"{generate.seconds + build.seconds:.0f} s",
            "build peak": f"{max(generate.peak_mb, build.peak_mb):,.0f} MB",
            "+1 seed": f"{added.seconds:.1f} s",
            "+1 files": str(rewritten),
            "HTML pages": f"{len(pages):,}",
            "site": f"{folder_size(site) / 1e6:,.0f} MB",
            "largest page": f"{largest.stat().st_size / 1e6:.2f} MB ({largest.relative_to(site).as_posix()})",
            "MkDocs per page": f"{per_page * 1000:.1f} ms",
            "floor per page": f"{floor_per_page * 1000:.1f} ms",
            "÷ floor": f"{per_page / floor_per_page:.2f}",
            "Pagefind index": f"{folder_size(site / 'pagefind') / 1e6:.1f} MB",
            "Material index": f"{(site / 'search' / 'search_index.json').stat().st_size / 1e6:.1f} MB",
            "first search result": f"{search_seconds:.2f} s ({word!r})",
        }
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[1000, 5000, 20000], metavar="N")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--keep", type=Path, help="build the projects here and keep them (default: a temporary folder)")
    parser.add_argument("--plus-one", type=Path, metavar="PROJECT", help="only measure +1 seed on a kept project")
    args = parser.parse_args()
    if args.plus_one:
        added, rewritten = plus_one(args.plus_one)
        print(f"+1 seed: {added.seconds:.1f} s, {added.peak_mb:,.0f} MB, {rewritten} files rewritten")
        return
    print_rows(bench(count, args.corpora, args.keep) for count in args.counts)


if __name__ == "__main__":
    main()
