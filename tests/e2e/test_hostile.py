"""Hostile input, round two: links out of the project, output out of proportion, YAML bombs, catastrophic patterns,
read-only folders, terminal escapes, dates outside the calendar, orphaned MkDocs, and the small leaks."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config import DEFAULT_CONFIG_FILE
from generator.analyse.dates import resolve_dates
from generator.text import MAX_SENTENCE_CHARS, context_around, split_sentences, strip_disguises

from helpers import REPO, new_project

ARTICLE = (
    "NEW DELHI: Officials said on Monday that the reciprocal tariff on Indian steel would stay at 50 per cent "
    "while the trade talks continue in Washington.\n\n"
    "A commerce ministry official said the interim trade deal could be signed next month if both sides agree "
    "on market access for farm goods.\n"
)
SECRET = "TOPSECRET-7f3a9c"  # what a file outside the project holds; it must never be published


def _published(root: Path) -> str:
    """Return everything generate and build wrote: docs_src/ and site/ (text of every file)."""
    texts = []
    for folder in (root / "docs_src", root / "site"):
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file() and not path.is_symlink():
                    texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


def _run(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real `briefing` command in a child process, so a hang fails the test instead of freezing it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), *args],
        capture_output=True, text=True, timeout=timeout, cwd=REPO,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture
def outside(tmp_path):
    """A folder beside the project holding a secret file."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"{SECRET} lives outside the project and is long enough to be an article.\n")
    return folder


# --- 1. links that leave the project -----------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["file", "folder", "dotdot", "inside-linked-folder", "system-file"])
def test_a_seed_link_out_of_seeds_is_skipped_with_one_line(tmp_path, outside, capsys, kind):
    root = new_project(tmp_path / "p")
    seeds = root / "seeds"
    if kind == "file":
        (seeds / "evil.txt").symlink_to(outside / "secret.txt")
        name = "evil.txt"
    elif kind == "folder":
        (seeds / "evil").symlink_to(outside)
        name = "evil"
    elif kind == "dotdot":
        (seeds / "evil.txt").symlink_to(Path("..", "..", "outside", "secret.txt"))
        name = "evil.txt"
    elif kind == "inside-linked-folder":
        (seeds / "real").mkdir()
        (seeds / "real" / "evil.txt").symlink_to(outside / "secret.txt")
        (seeds / "alias").symlink_to(seeds / "real")  # a link that stays inside: its files are read where they are
        name = "real/evil.txt"
    else:
        (seeds / "passwd.txt").symlink_to("/etc/passwd")
        name = "passwd.txt"
    assert main(["-C", str(root), "generate"]) == 0
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "outside seeds/; skipped" in lines[0], err
    published = _published(root)
    assert SECRET not in published and "root:x:0:0" not in published
    assert main(["-C", str(root), "build", "--strict"]) == 1
    assert SECRET not in _published(root) and "root:x:0:0" not in _published(root)


def test_a_link_that_stays_inside_seeds_is_read_once(tmp_path, capsys):
    root = new_project(tmp_path / "p", copies=())
    (root / "seeds" / "real").mkdir()
    (root / "seeds" / "real" / "story.txt").write_text(ARTICLE)
    (root / "seeds" / "alias").symlink_to(root / "seeds" / "real")
    (root / "seeds" / "same.txt").symlink_to(root / "seeds" / "real" / "story.txt")
    assert main(["-C", str(root), "build", "--strict"]) == 0
    export = json.loads((root / "site" / "briefing.json").read_text())
    assert sorted(article["source"] for article in export["articles"]) == ["real/story.txt", "same.txt"]


def test_a_seeds_folder_linked_out_of_the_project_is_not_read(tmp_path, outside, capsys):
    root = new_project(tmp_path / "p", copies=())
    shutil.rmtree(root / "seeds")
    (root / "seeds").symlink_to(outside)
    assert main(["-C", str(root), "generate"]) == 0
    assert "seeds: is a link to the folder" in capsys.readouterr().err
    assert SECRET not in _published(root)


def test_a_sidecar_linked_out_of_seeds_is_not_read(tmp_path, outside, capsys):
    (outside / "sources.yml").write_text(f"a.txt: {{outlet: {SECRET}}}\n")
    root = new_project(tmp_path / "p", texts={"a.txt": ARTICLE})
    (root / "seeds" / "sources.yml").symlink_to(outside / "sources.yml")
    assert main(["-C", str(root), "generate"]) == 0
    assert "sources.yml: is a link to" in capsys.readouterr().err
    assert SECRET not in _published(root)


def test_pages_are_never_written_through_a_link_out_of_docs(tmp_path, outside, capsys):
    root = new_project(tmp_path / "p")
    (root / "docs_src" / "articles").symlink_to(outside)
    assert main(["-C", str(root), "build"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: ") and "articles: is a link to the folder" in err[-1]
    assert sorted(path.name for path in outside.iterdir()) == ["secret.txt"]  # nothing written there
    assert SECRET not in _published(root)


@pytest.mark.parametrize("target", ["file", "folder"])
def test_a_hand_written_link_out_of_docs_is_never_published(tmp_path, outside, capsys, target):
    root = new_project(tmp_path / "p")
    (root / "docs_src" / "leak").symlink_to(outside / "secret.txt" if target == "file" else outside)
    assert main(["-C", str(root), "build"]) == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("error: ") and "leak: is a link to the" in last and "never publishes" in last
    assert SECRET not in _published(root)


@pytest.mark.parametrize("folder", ["docs_src", "site", "handouts", "site_templates"])
def test_output_and_template_folders_linked_out_are_refused(tmp_path, outside, capsys, folder):
    root = new_project(tmp_path / "p")
    if (root / folder).exists():
        for path in sorted((root / folder).rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        (root / folder).rmdir()
    (root / folder).symlink_to(outside)
    assert main(["-C", str(root), "build"]) == 1
    assert f"{folder}: is a link to the folder" in capsys.readouterr().err
    assert sorted(path.name for path in outside.iterdir()) == ["secret.txt"]


# --- 2. output in proportion to input ----------------------------------------------------------------------------

def _output_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in (root / "docs_src").rglob("*") if path.is_file())


def _one_line_seed(size: int) -> str:
    unit = "the ministry said today that talks on tariffs went on and "
    return "Talks without end\n\n" + unit * (size // len(unit)) + "\n"


def test_a_huge_line_of_date_words_gives_output_in_proportion(tmp_path):
    sizes = {}
    for size in (20_000, 80_000):
        root = new_project(tmp_path / f"p{size}", texts={"line.txt": _one_line_seed(size)})
        empty = _output_bytes(root)
        result = _run(root, "generate")
        assert result.returncode == 0, result.stderr
        sizes[size] = _output_bytes(root) - empty
        export = (root / "docs_src" / "briefing.json").stat().st_size
        assert export < 15 * size, f"briefing.json is {export} bytes for a {size}-byte seed"
    assert sizes[80_000] < 30 * 80_000  # it was 2,760 bytes per input byte, and growing with the line
    assert sizes[80_000] / sizes[20_000] < 5  # linear: four times the input, about four times the output


def test_no_sentence_is_longer_than_the_cap():
    pieces = split_sentences("word " * 5_000 + "x" * 3_000)
    assert all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert "".join(pieces).replace(" ", "") == ("word" * 5_000 + "x" * 3_000)  # nothing lost


def test_an_unresolved_date_is_shown_with_bounded_context():
    sentence = "a " * 2_000 + "it happened today and " + "b " * 2_000
    start = sentence.index("today")
    shown = context_around(sentence, start, start + 5)
    assert "today" in shown and len(shown) < 200 and shown.startswith("…") and shown.endswith("…")


# --- 3. YAML alias bombs -----------------------------------------------------------------------------------------

BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
)


def test_an_alias_bomb_in_front_matter_is_refused_in_one_line(tmp_path):
    seed = f"---\ntitle: Bomb\n{BOMB}\n---\n{ARTICLE}"
    root = new_project(tmp_path / "p", texts={"bomb.md": seed})
    result = _run(root, "generate", timeout=60)
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "bomb.md" in line]
    assert len(lines) == 1 and "YAML alias" in lines[0] and "front matter ignored, text kept" in lines[0]
    export = json.loads((root / "docs_src" / "briefing.json").read_text())
    assert any(article["source"] == "bomb.md" for article in export["articles"])  # the text is still an article


def test_an_alias_bomb_in_sources_yml_is_refused_in_one_line(tmp_path):
    root = new_project(tmp_path / "p", texts={"a.txt": ARTICLE})
    (root / "seeds" / "sources.yml").write_text(BOMB.replace("a: &a", "z.txt: {outlet: x}\na: &a") + "\n")
    result = _run(root, "generate", timeout=60)
    assert result.returncode == 0
    lines = [line for line in result.stderr.splitlines() if "sources.yml" in line]
    assert len(lines) == 1 and "YAML alias" in lines[0]


def test_an_unknown_key_is_reported_without_looking_inside(tmp_path, capsys):
    nested = "colour: " + "[" * 200 + "]" * 200  # deep enough to trip a recursive walk
    root = new_project(tmp_path / "p", texts={"deep.md": f"---\ntitle: Deep\n{nested}\n---\n{ARTICLE}"})
    assert main(["-C", str(root), "generate"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "deep.md" in line]
    assert len(lines) == 1 and "unknown metadata key 'colour'" in lines[0]


# --- 4. catastrophic regular expressions -------------------------------------------------------------------------

def _with_pattern(root: Path, name: str, pattern: str) -> None:
    """Add a named line pattern to the shipped ones in the project's briefing.yml (a user's mapping replaces them)."""
    shipped = yaml.safe_load(DEFAULT_CONFIG_FILE.read_text())["cleaning"]["line_patterns"]
    cleaning = {"cleaning": {"line_patterns": {**shipped, name: pattern}}}
    with (root / "briefing.yml").open("a", encoding="utf-8") as stream:
        stream.write(yaml.safe_dump(cleaning, allow_unicode=True, sort_keys=False))


def test_a_catastrophic_pattern_cannot_hang_the_build(tmp_path):
    root = new_project(tmp_path / "p", texts={"a.txt": "a" * 40 + "b\n\n" + ARTICLE})
    _with_pattern(root, "evil", "(a+)+$")
    result = _run(root, "generate", timeout=60)  # Python's re would take longer than the universe has left
    assert result.returncode == 0, result.stderr


def test_a_pattern_re2_cannot_run_is_refused_at_load_with_key_and_line(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    _with_pattern(root, "lookbehind", "(?<=by )agency")
    line = next(number for number, text in enumerate((root / "briefing.yml").read_text().splitlines(), 1)
                if "lookbehind:" in text)
    capsys.readouterr()
    assert main(["-C", str(root), "generate"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"briefing.yml:{line}: cleaning.line_patterns.lookbehind: is not a regular expression RE2 can run" in err[0]


def test_every_shipped_pattern_in_the_code_is_fast_on_adversarial_lines():
    """Every module-level pattern of the package, on lines made to make a backtracking engine explode."""
    script = r"""
import importlib, pkgutil, re, generator
lines = []
for n in (2000,):
    for unit in ("a", " ", "A ", "1", "A.", "Mr. ", "x,", "((", "--", ", ", "Jan 1 ", "said ", "\u201c", "A-"):
        lines.append(unit * (n // len(unit)) + "!")
def patterns(value):
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from patterns(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from patterns(item)
count = 0
for info in pkgutil.walk_packages(generator.__path__, "generator."):  # read/, analyse/, publish/ and below
    if info.name.endswith("__main__"):
        continue
    module = importlib.import_module(info.name)
    for name, value in vars(module).items():
        for pattern in patterns(value):
            for line in lines:
                pattern.search(line); list(pattern.finditer(line)); pattern.fullmatch(line)
            count += 1
print(count)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 30  # the scan found the package's patterns


# --- 5. read-only docs folder ------------------------------------------------------------------------------------

def test_a_read_only_docs_folder_is_one_line_and_exit_1(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    docs = root / "docs_src"
    mounted = False
    if os.geteuid() == 0:  # root writes through file modes: only a read-only file system stops it
        for path in sorted(docs.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(docs)],
                                 capture_output=True).returncode == 0
        if not mounted:
            pytest.skip("running as root without permission to mount a read-only file system")
    else:
        docs.chmod(0o555)
    capsys.readouterr()
    try:
        assert main(["-q", "-C", str(root), "generate"]) == 1
    finally:
        if mounted:
            subprocess.run(["umount", str(docs)], check=True)
        else:
            docs.chmod(0o755)
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {docs}: cannot be written ("), err
    assert "Traceback" not in "\n".join(err)


# --- 6. what `check` prints --------------------------------------------------------------------------------------

def test_check_prints_no_control_character_or_bidi_override(tmp_path, capsys):
    name = "evil\x1b[31mred\u202e.txt"
    root = new_project(tmp_path / "p", texts={name: ARTICLE})
    assert main(["-C", str(root), "check", "-v"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    ok = [line for line in out.splitlines() if "evil" in line and line.startswith("ok")]
    assert len(ok) == 1 and ok[0].startswith("ok      evil?[31mred?.txt")


def test_a_huge_title_is_cut_in_messages(tmp_path, capsys):
    title = "Tariff " * 1_500
    root = new_project(tmp_path / "p", texts={"long.md": f"---\ntitle: {title}\ndate: yesterday\n---\n{ARTICLE}"})
    assert main(["-C", str(root), "check"]) == 1
    captured = capsys.readouterr()
    assert all(len(line) < 800 for line in captured.out.splitlines() + captured.err.splitlines())
    assert any(line.startswith("ok      long.md") for line in captured.out.splitlines())


# --- 7. dates outside the calendar -------------------------------------------------------------------------------

@pytest.mark.parametrize("published, text", [
    ("9999-12-31", "They will meet next month, the ministry said."),
    ("0001-01-01", "They met yesterday and last year, the ministry said."),
])
def test_a_date_outside_the_calendar_stays_unresolved(published, text):
    mentions = resolve_dates(text, published)
    assert mentions and all(mention.value is None for mention in mentions)
    assert all("outside the calendar" in mention.derivation for mention in mentions)


def test_articles_at_the_ends_of_the_calendar_are_kept(tmp_path, capsys):
    far = f"---\ntitle: Far future\ndate: 9999-12-31\n---\n{ARTICLE}"
    past = f"---\ntitle: Far past\ndate: 0001-01-01\n---\nNEW DELHI: The tariff talks began yesterday, officials said on Monday in Washington.\n"
    root = new_project(tmp_path / "p", texts={"far.md": far, "past.md": past})
    assert main(["-C", str(root), "generate"]) == 0
    export = json.loads((root / "docs_src" / "briefing.json").read_text())
    by_source = {article["source"]: article for article in export["articles"]}
    assert by_source["far.md"]["date"] == "9999-12-31" and by_source["past.md"]["date"] == "0001-01-01"
    unresolved = by_source["far.md"]["unresolved_dates"]
    assert [item["expression"] for item in unresolved] == ["next month"]
    assert all(len(event["date"].split("-")[0]) == 4 for event in export["events"])
    rss = (root / "docs_src" / "rss.xml").read_text()
    assert "Mon, 01 Jan 0001 00:00:00 +0000" in rss and not re.search(r"<pubDate>\w{3}, \d\d \w{3} \d{1,3} ", rss)


@pytest.mark.parametrize("value", ["9999-99-99", "2026-02-30"])
def test_an_impossible_date_drops_only_the_date(tmp_path, capsys, value):
    seed = f"---\ntitle: Steel tariff stays\noutlet: Example Wire\ndate: {value}\n---\n{ARTICLE}"
    root = new_project(tmp_path / "p", texts={"bad.md": seed})
    assert main(["-C", str(root), "generate"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "bad.md" in line]
    assert lines == [f"warning: bad.md: date '{value}' is not a date (use YYYY-MM-DD); ignored"]
    article = next(a for a in json.loads((root / "docs_src" / "briefing.json").read_text())["articles"]
                   if a["source"] == "bad.md")
    assert (article["title"], article["outlet"], article["date"]) == ("Steel tariff stays", "Example Wire", None)


# --- 8. MkDocs ends with the build --------------------------------------------------------------------------------

def _mkdocs_children(root: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if b"mkdocs" in command and cwd == str(root):
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_kill_9_of_a_build_takes_mkdocs_with_it(tmp_path):
    root = new_project(tmp_path / "p")
    # A real MkDocs hook that keeps the build busy for two minutes, so MkDocs is surely still running when its
    # parent is killed, however fast the machine.
    (root / "slow_hook.py").write_text("import time\n\ndef on_pre_build(config, **kwargs):\n    time.sleep(120)\n")
    with (root / "mkdocs.yml").open("a") as stream:
        stream.write("hooks:\n  - slow_hook.py\n")
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(root), "build"], cwd=REPO,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    deadline = time.monotonic() + 60
    children: list[int] = []
    while not children and time.monotonic() < deadline and build.poll() is None:
        children = _mkdocs_children(root.resolve())
        time.sleep(0.01)
    assert children, "MkDocs never started (or the build ended first)"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while _mkdocs_children(root.resolve()) and time.monotonic() < deadline:
        time.sleep(0.05)
    leftover = _mkdocs_children(root.resolve())
    for pid in leftover:  # the old behaviour: do not leave a two-minute sleeper behind a failing test
        os.kill(pid, signal.SIGKILL)
    assert leftover == [], "MkDocs went on running after its build was killed"


# --- low: disguises, escapes in handouts, counts, a lost manifest -----------------------------------------------

def test_bidi_overrides_and_zero_width_characters_are_removed_from_titles_and_names(tmp_path):
    title = "Tariff\u202e deal\u200b signed\u2066"
    text = "NEW DELHI: Minister Piyush Go\u200byal said on Monday the tariff deal was signed in Washington.\n"
    root = new_project(tmp_path / "p", texts={"t.md": f"---\ntitle: \"{title}\"\n---\n{text}"})
    assert main(["-C", str(root), "generate"]) == 0
    export = json.loads((root / "docs_src" / "briefing.json").read_text())
    article = next(a for a in export["articles"] if a["source"] == "t.md")
    assert article["title"] == "Tariff deal signed"
    assert any(person["name"] == "Piyush Goyal" for person in export["people"])


def test_joiners_inside_scripts_that_need_them_are_kept():
    assert strip_disguises("\u0915\u094d\u200d\u0937") == "\u0915\u094d\u200d\u0937"  # Devanagari conjunct
    assert strip_disguises("pay\u200dpal\u200c") == "paypal"


def test_a_file_name_with_an_escape_is_shown_safely_in_handouts(tmp_path, capsys):
    root = new_project(tmp_path / "p", texts={"wire\x1b[2J.txt": ARTICLE.replace("steel", "steel tariff")})
    assert main(["-C", str(root), "handouts"]) == 0
    pages = "".join(path.read_text() for path in (root / "handouts").glob("*.html"))
    assert "wire?[2J.txt" in pages and "\x1b" not in pages


def test_the_seed_count_includes_the_bad_ones(tmp_path, outside, capsys):
    root = new_project(tmp_path / "p", texts={"empty.txt": ""})
    (root / "seeds" / "evil.txt").symlink_to(outside / "secret.txt")
    assert main(["-C", str(root), "generate"]) == 0
    assert re.search(r"analysed 5 seed\(s\) in [\d.]+ s: 3 article\(s\), 2 problem\(s\)", capsys.readouterr().err)


def test_a_deleted_manifest_says_how_to_recover(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    assert main(["-C", str(root), "generate"]) == 0
    (root / "docs_src" / ".briefing-manifest.json").unlink()
    assert main(["-C", str(root), "generate"]) == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert "was deleted, briefing no longer knows which pages it wrote" in last and "articles/" in last
