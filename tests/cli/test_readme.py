"""Every `briefing` command and every YAML example in the README is run here, so the README cannot drift.

Commands are taken from the README's code spans and code blocks; their placeholders (DIR, FILE..., N, IP:PORT, SPEC, URL,
`[--option]`) are filled in, each is parsed by the real argument parser and then run in a project made from the
example articles, and must succeed. The YAML examples go through the real configuration and seed readers.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from helpers import HTML_PAGES, REPO, free_port, new_project
from generator.cli import _parser, main
from generator.config import DEFAULT_CONFIG_FILE, parse_config
from generator.publish.scaffold import project_files

README = (REPO / "README.md").read_text(encoding="utf-8")
_COMMAND = re.compile(r"(?:\.venv/bin/)?briefing (?:-C \S+ )?(?:init|add|generate|build|serve|check|handouts)\b.*")
HTML_FILES = sorted(HTML_PAGES.glob("*.html"))


def project_readme_commands() -> list[str]:
    """The `briefing` commands in the README that `briefing init` writes into a user's repository."""
    text = project_files()["README.md"]
    lines = [line.strip().split("#", 1)[0].strip() for line in text.splitlines()]
    return sorted({line.removeprefix(".venv/bin/") for line in lines if line.startswith(".venv/bin/briefing ")})


def readme_commands() -> list[str]:
    """Every `briefing …` command the README shows (code spans joined onto one line, `.venv/bin/` dropped).

    A bare `briefing add` or `briefing init` in prose names the command; it is not an invocation to run.
    """
    spans = [" ".join(span.split()) for span in re.findall(r"(?<!`)`([^`\n]+(?:\n[^`\n]+)?)`(?!`)", README)]
    block_lines = [line[2:] for line in README.splitlines() if line.startswith("$ briefing ")]
    found = {text.removeprefix(".venv/bin/") for text in spans + block_lines if _COMMAND.fullmatch(text)}
    return sorted(found - {"briefing add", "briefing init"})


def _filled(command: str, project: Path, scratch: Path, port: int) -> list[str]:
    """The command as a user would type it, placeholders filled in; `-C project` added where none is given."""
    text = command.removeprefix("briefing ")
    text = re.sub(r"\[([^\]]*?)\\\|[^\]]*\]", r"\1", text)  # [--paper auto\|a4\|letter] -> --paper auto
    text = re.sub(r"\[([^\]]*)\]", r"\1", text)  # [--strict] -> --strict (every option shown gets run)
    words = text.split()
    filled: list[str] = []
    for word in words:
        if word == "IP:PORT":
            filled.append(f"127.0.0.1:{port}")
        elif word == "N":
            filled.append("3")
        elif word == "FILE...":
            filled += [str(path) for path in HTML_FILES]
        elif word.startswith("~/Downloads/"):
            filled += [str(path) for path in HTML_FILES]
        elif word == "SPEC":
            filled.append("git+https://github.com/OWNER/REPO@v1.0.0")
        elif word == "URL":
            filled.append("https://owner.github.io/repo/")
        elif word in ("DIR", "my-briefing", "proj"):
            new = words[0] == "init" and "--repair" not in words  # init makes a new project; --repair completes one
            filled.append(str(scratch if new else project))
        else:
            filled.append(word)
    if filled[0] != "-C" and filled[0] != "init":
        filled = ["-C", str(project), *filled]
    return filled


def test_the_readme_shows_every_command_and_they_are_found():
    commands = readme_commands()
    shown = {command.split()[3 if command.split()[1] == "-C" else 1] for command in commands}
    assert shown == {"init", "add", "generate", "build", "serve", "check", "handouts"}
    assert len(commands) >= 20
    assert len(project_readme_commands()) == 4  # build, serve, build --offline, handouts


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("readme") / "example")
    assert main(["-C", str(root), "generate"]) == 0
    return root


@pytest.mark.parametrize("command", readme_commands() + [f"{c} (project README)" for c in project_readme_commands()])
def test_every_readme_command_parses_and_runs(command, built_project, tmp_path, capsys):
    command = command.removesuffix(" (project README)")
    project = tmp_path / "my-briefing"
    shutil.copytree(built_project, project)
    port = free_port()
    argv = _filled(command, project, tmp_path / "new-briefing", port)
    _parser().parse_args(argv)  # an option the README names but the command lacks fails here, as SystemExit
    if "serve" not in argv:
        assert main(argv) == 0, f"{command} -> {argv}: {capsys.readouterr().err}"
        return
    process = subprocess.Popen([sys.executable, "-m", "generator", *argv], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        for line in process.stderr:
            if "serving on" in line or time.monotonic() > deadline:
                break
        assert "serving on" in line, f"{command}: {line}"
        host, port_text = (argv[argv.index("-a") + 1] if "-a" in argv else "127.0.0.1:8000").rsplit(":", 1)
        with socket.create_connection((host, int(port_text)), timeout=5):  # said only once it answers
            pass
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_add_example_output_is_what_add_prints(built_project, tmp_path, capsys):
    """The README shows `briefing add` adding a page and refusing its copy: add prints lines of the same form."""
    example = [line for line in README.split("$ briefing add", 1)[1].split("```", 1)[0].splitlines()[1:] if line]
    project = tmp_path / "p"
    shutil.copytree(built_project, project)
    again = tmp_path / "again.html"
    shutil.copy(HTML_FILES[0], again)
    assert main(["-C", str(project), "add", str(HTML_FILES[0]), str(again)]) == 0
    printed = capsys.readouterr().out.splitlines()
    forms = [re.compile(r"added     seeds/(\S+) \(from (.+)\)"),
             re.compile(r"duplicate (.+): same text as seeds/(\S+); not added")]
    for lines in (example, printed):
        assert len(lines) == 2, lines
        added, duplicate = forms[0].fullmatch(lines[0]), forms[1].fullmatch(lines[1])
        assert added and duplicate, lines
        assert added.group(1) == duplicate.group(2)  # the copy is named as a duplicate of the seed just added
    assert printed[0].endswith(f"(from {HTML_FILES[0]})") and printed[1].startswith(f"duplicate {again}:")


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", README, re.DOTALL)


@pytest.mark.parametrize("block", _yaml_blocks(), ids=lambda block: block.split(":", 1)[0])
def test_every_readme_yaml_example_is_accepted(block, built_project, tmp_path, capsys):
    data = yaml.safe_load(block)
    assert isinstance(data, dict) and data
    if all(str(key).endswith((".txt", ".md", ".html")) for key in data):  # a seeds/sources.yml example
        project = tmp_path / "p"
        shutil.copytree(built_project, project)
        (project / "seeds" / "sources.yml").write_text(block, encoding="utf-8")
        assert main(["-C", str(project), "check"]) == 0, capsys.readouterr().out
        return
    defaults = yaml.safe_load(DEFAULT_CONFIG_FILE.read_text(encoding="utf-8"))
    parse_config(defaults, data, "README.md")  # raises ConfigError on any key or value the README gets wrong


def test_every_bench_command_in_the_readme_names_a_script_that_exists():
    scripts = set(re.findall(r"bench/([a-z_]+\.py)", README))
    assert scripts and all((REPO / "bench" / name).is_file() for name in scripts), scripts
