"""The command line: help for every command, exit codes, problems named on stderr, the cleaning report."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from helpers import SEEDS, free_port, new_project
from generator.cli import _parser, main

COMMANDS = ["init", "generate", "build", "serve", "check"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "-C DIR" in out
    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    assert subparsers.choices[command].description


def test_usage_errors_exit_2(capsys):
    assert main(["frobnicate"]) == 2
    assert main([]) == 2


def test_missing_project_is_one_clear_line(tmp_path, capsys):
    assert main(["-C", str(tmp_path), "generate"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "mkdocs.yml" in err[0] and "briefing init" in err[0]


def test_init_refuses_to_overwrite(tmp_path):
    assert main(["init", str(tmp_path / "p")]) == 0
    (tmp_path / "p" / "briefing.yml").write_text("site: {title: Mine}\n")
    assert main(["init", str(tmp_path / "p")]) == 2
    assert (tmp_path / "p" / "briefing.yml").read_text() == "site: {title: Mine}\n"


@pytest.fixture
def project(tmp_path):
    return new_project(tmp_path / "p")


def test_check_lists_seeds_and_cleaning_report(project, capsys):
    assert main(["-C", str(project), "check", "-v"]) == 0
    out = capsys.readouterr().out
    assert 'ok      001_1fe273c1a6e006ca.txt: "EAM Jaishankar heads to US for critical minerals meet, crucial talks"' in out
    assert "removed 001_1fe273c1a6e006ca.txt:38 [scroll-marker] SCROLL FOR NEXT" in out
    assert "[trailing-headline-list] Economic Survey projects FY27 GDP growth" in out


def test_bad_seed_is_named_and_fails_check_and_strict_build_only(project, capsys):
    (project / "seeds" / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    (project / "seeds" / "empty.txt").write_text("\n")
    assert main(["-C", str(project), "check"]) == 1
    out = capsys.readouterr().out
    assert "problem broken.md: front matter is not valid YAML (line 3: " in out
    assert "front matter ignored, text kept" in out
    assert "problem empty.txt: is empty; skipped" in out
    assert main(["-C", str(project), "build", "--strict"]) == 1
    assert "warning: broken.md:" in capsys.readouterr().err
    assert main(["-C", str(project), "build"]) == 0
    # The three seeds, broken.md's text (its front matter dropped) and the index.
    assert len(list((project / "site" / "articles").glob("*.html"))) == 5


def test_broken_config_names_file_and_key(project, capsys):
    (project / "briefing.yml").write_text("topics:\n  - id: energy\n    name: Energy\n")
    assert main(["-C", str(project), "generate"]) == 1
    assert "briefing.yml:2: topics[0].terms: must be a non-empty mapping" in capsys.readouterr().err


def test_console_script_and_module_entry_point(project):
    result = subprocess.run([sys.executable, "-m", "generator", "-C", str(project), "check"], capture_output=True, text=True)
    assert result.returncode == 0 and "ok      000_a6d711fb2c1371d9.txt" in result.stdout
    briefing = shutil.which("briefing") or str(__import__("pathlib").Path(sys.executable).with_name("briefing"))
    result = subprocess.run([briefing, "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("briefing ")


@pytest.mark.parametrize("options", [[], ["--dirty"]], ids=["full", "dirty"])
def test_serve_previews_and_regenerates_when_a_seed_changes(project, options):
    import time
    import urllib.request

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}", *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2).read().decode()
            except OSError:
                time.sleep(0.5)
        assert page is not None and "Critical minerals" in page
        untouched = project / "docs_src" / "tags.md"  # no seed changes the tags page: never rewritten
        stamp = untouched.stat().st_mtime_ns
        (project / "seeds" / "new.md").write_text(
            "---\ntitle: Lithium pact signed\ndate: 2026-03-01\n---\n"
            "India signed a lithium and cobalt supply pact with Australia to secure critical minerals on Sunday.\n"
        )
        while time.monotonic() < deadline and not list((project / "docs_src" / "articles").glob("lithium-pact-signed-*.md")):
            time.sleep(0.5)
        assert list((project / "docs_src" / "articles").glob("lithium-pact-signed-*.md"))
        assert untouched.stat().st_mtime_ns == stamp
        while time.monotonic() < deadline and "Lithium pact signed" not in page:
            time.sleep(0.5)
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/whats-new.html", timeout=2).read().decode()
        assert "Lithium pact signed" in page  # what's new, as served
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_every_command_works_with_a_relative_project_folder(tmp_path, monkeypatch):
    """`briefing -C proj …` run from the parent folder: MkDocs must get paths that work from its own folder."""
    monkeypatch.chdir(tmp_path)
    assert main(["init", "proj"]) == 0
    for seed in sorted(SEEDS.iterdir()):
        shutil.copy(seed, tmp_path / "proj" / "seeds" / seed.name)
    extra = tmp_path / "extra.txt"
    extra.write_text("NEW DELHI: Officials said on Monday the reciprocal tariff on steel would stay at 50 per cent "
                     "while the trade talks continue in Washington next week.\n")
    assert main(["-C", "proj", "check"]) == 0
    assert main(["-C", "proj", "add", str(extra)]) == 0
    assert main(["-C", "proj", "generate"]) == 0
    assert main(["-C", "proj", "build", "--strict"]) == 0
    assert main(["-C", "proj", "build", "--offline", "--strict"]) == 0
    assert main(["-C", "proj", "handouts", "--strict"]) == 0
    (tmp_path / "proj" / "README.md").unlink()
    assert main(["-C", "proj", "init", "--repair", "."]) == 0  # DIR is taken from the -C folder, like any path
    assert (tmp_path / "proj" / "README.md").is_file()
    for built in ("site/index.html", "site/briefing.json", "site-offline/index.html", "site-offline.zip",
                  "site-offline/assets/javascripts/iframe-worker/shim.js", "handouts/index.html"):
        assert (tmp_path / "proj" / built).is_file(), built
    assert not (tmp_path / "proj" / "proj").exists()  # nothing built relative to the wrong folder
