"""Commands that used to fail or mislead: serve's errors, sources.yml typos, counts, bad values, an empty seeds/,
-v, mkdocs.yml errors, progress bars and relative project folders."""

from __future__ import annotations

import os
import pty
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPO, SEEDS, new_project, free_port
from generator.cli import main
from generator.analyse.parallel import map_in_processes

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402  (bench/ is not a package)


@pytest.fixture
def project(tmp_path):
    return new_project(tmp_path / "p")


def _serve(arguments: list[str], cwd: Path, timeout: float = 90) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def _one_error_line(stderr: str) -> str:
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, stderr
    assert "Traceback" not in stderr
    return errors[0]


def test_serve_without_a_port_exits_1_with_one_line(project):
    result = _serve(["-C", str(project), "serve", "-a", "localhost"], project)
    assert result.returncode == 1
    assert "-a localhost: give the address as HOST:PORT" in _one_error_line(result.stderr)
    assert "serving on" not in result.stderr


def test_serve_on_a_taken_port_exits_1_naming_it(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve(["-C", str(project), "serve", "-a", f"127.0.0.1:{port}"], project)
    assert result.returncode == 1
    line = _one_error_line(result.stderr)
    assert f"cannot serve on 127.0.0.1:{port}" in line and f"-a 127.0.0.1:{port + 1}" in line
    assert "serving on" not in result.stderr


def test_serve_exits_1_when_mkdocs_fails_and_never_says_it_is_serving(project):
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"), encoding="utf-8")
    result = _serve(["-C", str(project), "serve", "-a", f"127.0.0.1:{free_port()}"], project)
    assert result.returncode == 1
    assert "serving on" not in result.stderr
    line = _one_error_line(result.stderr)
    assert line.startswith("error: mkdocs serve stopped (exit 1)") and "no-such-theme" in line


def test_serve_with_a_relative_project_folder_serves_and_says_so_once_the_port_answers(project):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator", "-C", project.name, "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=project.parent, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90
        for line in process.stderr:
            if "serving on" in line or time.monotonic() > deadline:
                break
        assert f"serving on http://127.0.0.1:{port}/" in line
        with socket.create_connection(("127.0.0.1", port), timeout=5):  # it answers by the time it says so
            pass
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert not (project / project.name).exists()


def test_a_sources_yml_key_matching_no_seed_is_a_problem_naming_the_closest_seed(project, capsys):
    (project / "seeds" / "sources.yml").write_text(
        "000_a6d711fb2c1371d9.text:\n  outlet: The Example Times\n001_1fe273c1a6e006ca.txt:\n  outlet: Wire\n",
        encoding="utf-8")
    assert main(["-C", str(project), "check"]) == 1
    captured = capsys.readouterr()
    problems = [line for line in captured.out.splitlines() if line.startswith("problem ")]
    assert problems == ["problem sources.yml: entry '000_a6d711fb2c1371d9.text' matches no seed file, so it is not "
                        "used; did you mean 000_a6d711fb2c1371d9.txt?"]
    # Every count of the run agrees: the listed problems, check's summary and the analysis line.
    assert captured.out.splitlines()[-1] == "3 article(s), 1 problem(s)"
    assert re.search(r"analysed 3 seed\(s\) in [\d.]+ s: 3 article\(s\), 1 problem\(s\)", captured.err)
    assert main(["-C", str(project), "build", "--strict"]) == 1


def test_problem_counts_agree_when_analysis_warns_too(project, capsys):
    (project / "seeds" / "dated.md").write_text(
        "---\ntitle: A pact\ndate: yesterday\n---\nIndia and the United States signed a critical minerals pact on "
        "Monday in Washington, officials said.\n", encoding="utf-8")
    (project / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    assert main(["-C", str(project), "check"]) == 1
    captured = capsys.readouterr()
    listed = [line for line in captured.out.splitlines() if line.startswith("problem ")]
    assert len(listed) == 2
    assert captured.out.splitlines()[-1] == "4 article(s), 2 problem(s)"
    assert ", 2 problem(s);" in captured.err


@pytest.mark.parametrize("key", ["latest_articles", "feed_articles"])
def test_a_negative_count_is_rejected_with_its_key_and_line(project, capsys, key):
    config = project / "briefing.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    number = next(index for index, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
    lines[number] = f"  {key}: -5"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["-C", str(project), "generate"]) == 1
    assert capsys.readouterr().err.strip() == f"error: {config}:{number + 1}: site.{key}: must be 0 or more, got -5"


def test_a_bad_value_names_its_line(project, capsys):
    (project / "briefing.yml").write_text("site:\n  title: Desk\n\n  related_articles: many\n", encoding="utf-8")
    assert main(["-C", str(project), "check"]) == 1
    assert "briefing.yml:4: site.related_articles: must be a whole number, got 'many'" in capsys.readouterr().err


def test_mkdocs_yml_yaml_errors_give_line_and_column(project, capsys):
    (project / "mkdocs.yml").write_text("site_name: Desk\ntheme:\n  name: material\n   bad: [x\n", encoding="utf-8")
    assert main(["-C", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"mkdocs\.yml: is not valid YAML at line 4, column \d+: ", err), err


def test_an_empty_seeds_folder_builds_explains_what_to_add_and_writes_no_empty_handout(tmp_path, capsys):
    root = tmp_path / "fresh"
    assert main(["init", str(root)]) == 0
    assert main(["-C", str(root), "build", "--strict"]) == 0
    err = capsys.readouterr().err
    assert f"{root / 'seeds'}/ is empty: add article files (.txt, .md or .html)" in err
    home = (root / "docs_src" / "index.md").read_text(encoding="utf-8")
    for kind in ("`.txt`", "`.md`", "`.html`", "`briefing add FILE...`", "`seeds/sources.yml`"):
        assert kind in home
    assert "No articles yet" in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert main(["-C", str(root), "handouts", "--strict"]) == 0
    assert sorted(path.name for path in (root / "handouts").glob("*.html")) == ["index.html"]
    assert "No topic has an article yet" in (root / "handouts" / "index.html").read_text(encoding="utf-8")


def test_handouts_leave_out_topics_without_articles(project):
    config = project / "briefing.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "topics:\n", "topics:\n  - id: fisheries\n    name: Fisheries\n    description: Fish.\n"
                     "    terms:\n      trawler: 3\n", 1), encoding="utf-8")
    assert main(["-C", str(project), "handouts"]) == 0
    written = {path.name for path in (project / "handouts").iterdir()}
    assert "fisheries.html" not in written and "tariffs.html" in written
    assert "Fisheries" not in (project / "handouts" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["generate"], ["build"], ["handouts"]])
def test_verbose_shows_each_seed_with_its_time_and_each_stage(project, capsys, command):
    assert main(["-C", str(project), "-v", *command]) == 0
    err = capsys.readouterr().err
    seeds = re.findall(r"^debug: seed (\S+): (\d+) ms · \d+ paragraph", err, re.MULTILINE)
    assert sorted(name for name, _ in seeds) == sorted(path.name for path in SEEDS.iterdir())
    assert re.search(r"^debug: analysed 3 seed\(s\) in [\d.]+ s$", err, re.MULTILINE)
    assert re.search(r"^debug: rendered \d+ (page|handout)\(s\)( \(\d+ more unchanged, taken as written\))? in [\d.]+ s$",
                     err, re.MULTILINE)
    # Without -v, none of it.
    _forget_the_build(project)
    assert main(["-C", str(project), *command]) == 0
    err = capsys.readouterr().err
    assert "analysed 3 seed(s)" in err and "debug:" not in err


def test_verbose_says_a_seed_came_from_the_cache(project, capsys):
    assert main(["-C", str(project), "handouts"]) == 0
    capsys.readouterr()
    assert main(["-C", str(project), "-v", "handouts"]) == 0
    assert len(re.findall(r"^debug: seed \S+: from the cache", capsys.readouterr().err, re.MULTILINE)) == 3


def _forget_the_build(root: Path) -> None:
    """Remove the generated pages and the analysis cache, so the next run analyses every seed again."""
    shutil.rmtree(root / ".briefing-cache", ignore_errors=True)
    shutil.rmtree(root / "docs_src")
    (root / "docs_src").mkdir()


def _run_on_terminal(arguments: list[str], cwd: Path) -> str:
    """Run briefing with stderr on a pseudo-terminal, as in a person's shell; return what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "generator", *arguments], cwd=cwd, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=600)
    os.close(leader)
    assert process.returncode == 0, shown.decode(errors="replace")
    return shown.decode(errors="replace")


@pytest.fixture(scope="module")
def many_seeds(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many") / "p"
    assert main(["init", str(root)]) == 0
    write_corpus(root / "seeds", 400)
    return root


def test_long_runs_show_a_progress_bar_on_a_terminal_only(many_seeds, tmp_path):
    shown = _run_on_terminal(["-C", str(many_seeds), "generate"], tmp_path)
    # The recogniser is the longest stage (seconds at 400 seeds); a stage shorter than a second shows no bar.
    assert re.search(r"reading names: +\d+%\|[^|]*\| *\d+/400 \[[^\]]* seed/s\]", shown), shown[-2000:]
    # The same run in a pipe (a CI log) or with -q shows no bar.
    _forget_the_build(many_seeds)
    piped = subprocess.run([sys.executable, "-m", "generator", "-C", str(many_seeds), "generate"],
                           capture_output=True, text=True, timeout=600)
    assert piped.returncode == 0 and "%|" not in piped.stderr and "analysed 400 seed(s)" in piped.stderr
    _forget_the_build(many_seeds)
    quiet = _run_on_terminal(["-C", str(many_seeds), "-q", "generate"], tmp_path)
    assert "%|" not in quiet
    assert list((many_seeds / "docs_src" / "articles").glob("*.md"))  # it did analyse and write, silently


def test_work_shared_among_processes_reports_progress_up_to_every_item():
    seen: list[int] = []
    items = list(range(300))
    found = map_in_processes(lambda run: [item * 2 for item in run], items, lambda item: 1, 10, seen.append)
    assert found == [item * 2 for item in items]  # order kept
    assert seen and seen == sorted(seen) and seen[-1] == len(items)
