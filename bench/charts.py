"""Charts on a real corpus: build N Reuters stories and check every page of each kind for its charts.

    python bench/charts.py [CORPORA] [--count N]     (default: ../shared/corpora next to the repository, N = 1000)

Writes the first N Reuters-21578 stories (title, dateline, body; each story's date in seeds/sources.yml) into a
temporary project, runs `briefing build --strict` and `briefing handouts`, then reads the built HTML: for each kind
of page, how many pages there are, how many carry all the charts that kind should, the most marks one chart draws,
and the SVG's share of the HTML. Prints one Markdown table and fails (exit 1) if a page lacks a chart.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import _write_project, reuters_stories, story_seed  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXPECTED = {  # page kind: (where its pages are, the charts each must carry)
    "home": ("index.html", ("chart-coverage", "chart-events")),
    "timeline": ("timeline.html", ("chart-timeline",)),
    "topic": ("topics/*.html", ("chart-topic-coverage", "chart-outlets", "chart-people", "chart-organisations")),
    "story": ("stories/*.html", ("chart-matrix", "chart-published")),
    "person": ("people/*.html", ("chart-mentions",)),
    "organisation": ("organisations/*.html", ("chart-mentions",)),
    "handout": ("../handouts/*.html", ("chart-topic-coverage|chart-matrix",)),
}
_FIGURE = re.compile(r'<figure class="briefing-chart" id="([^"]+)".*?</figure>', re.S)
_MARK = re.compile(r'class="mark[ "]')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="?", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--count", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "reuters"
        made = subprocess.run([sys.executable, "-m", "generator", "-q", "init", str(root)], capture_output=True)
        assert made.returncode == 0, made.stderr
        shutil.rmtree(root / "seeds")  # init leaves seeds/.gitkeep; _write_project makes the folder anew
        seeds, sidecar = {}, {}
        for _, story in reuters_stories(arguments.corpora / "reuters-21578"):
            name = f"reuters-{story.newid}.txt"
            seeds[name], sidecar[name] = story_seed(story), {"date": story.date, "outlet": "Reuters"}
            if len(seeds) == arguments.count:
                break
        _write_project(root, seeds, sidecar)
        started = time.perf_counter()
        for command in (["build", "--strict"], ["handouts"]):
            done = subprocess.run([sys.executable, "-m", "generator", "-q", "-C", str(root), *command])
            if done.returncode:
                print(f"charts: `briefing {' '.join(command)}` failed", file=sys.stderr)
                return 1
        seconds = time.perf_counter() - started
        missing = report(root / "site", len(seeds), seconds)
    return 1 if missing else 0


def report(site: Path, count: int, seconds: float) -> int:
    print(f"{count} Reuters stories; build and handouts {seconds:.1f} s\n")
    print("| page kind | pages | with every chart | charts per page | most marks in one chart | SVG share of the HTML |")
    print("|---|---:|---:|---:|---:|---:|")
    missing = 0
    for kind, (pattern, names) in EXPECTED.items():
        pages = [page for page in sorted(site.glob(pattern)) if page.name != "index.html" or kind == "home"]
        complete, most, svg_bytes, html_bytes = 0, 0, 0, 0
        for page in pages:
            html = page.read_text(encoding="utf-8")
            figures = {match.group(1): match.group(0) for match in _FIGURE.finditer(html)}
            if all(any(option in figures for option in name.split("|")) for name in names):
                complete += 1
            elif missing < 5:
                print(f"  {page.relative_to(site.parent)} lacks {[n for n in names if not any(o in figures for o in n.split('|'))]}")
            most = max([most, *(len(_MARK.findall(figure)) for figure in figures.values())])
            svg_bytes += sum(len(figure) for figure in figures.values())
            html_bytes += len(html)
        missing += len(pages) - complete
        share = f"{100 * svg_bytes / html_bytes:.1f}%" if html_bytes else "–"
        print(f"| {kind} | {len(pages)} | {complete} | {len(names)} | {most} | {share} |")
    return missing


if __name__ == "__main__":
    sys.exit(main())
