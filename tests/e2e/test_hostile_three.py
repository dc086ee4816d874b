"""Hostile and faulty input, third round: characters XML forbids, odd Markdown links, front matter that names its
own bad items, links the writing commands must refuse, and text longer than the recogniser takes at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from generator.cli import main

from helpers import REPO, child_pids, new_project

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402  (bench/ is not a package)

ATOM = "{http://www.w3.org/2005/Atom}"


def test_characters_xml_forbids_are_removed_at_ingest_and_the_feeds_stay_valid(tmp_path):
    text = ("---\ntitle: \"Tariff\\uFFFF talks \\uFFFE resume\"\ndate: 2026-03-09\noutlet: \"Wire\\uFFFF\"\n---\n\n"
            "The US raised the reciprocal tariff\uffff on steel to 50 per cent on Monday, officials said in\ufffe "
            "Washington, and India said it would respond within a week.\n")
    root = new_project(tmp_path / "p", copies=(), texts={"odd.md": text})
    (root / "seeds" / "plain.txt").write_text("Steel duties rise\n\nThe duty on steel rose\uffff on Monday, a "
                                              "ministry official said in New Delhi on Tuesday.\n", encoding="utf-8")
    assert main(["-C", str(root), "build", "--strict"]) == 0
    docs = root / "docs_src"
    for name in ("feed.xml", "rss.xml"):
        ElementTree.parse(docs / name)  # raises on a character XML forbids
    articles = json.loads((docs / "briefing.json").read_text(encoding="utf-8"))["articles"]
    everything = json.dumps(articles, ensure_ascii=False)
    assert "\uffff" not in everything and "\ufffe" not in everything
    assert sorted(article["title"] for article in articles) == ["Steel duties rise", "Tariff talks resume"]
    titles = [entry.findtext(f"{ATOM}title") for entry in ElementTree.parse(docs / "feed.xml").getroot().iter(f"{ATOM}entry")]
    assert any(title.startswith("Tariff talks") for title in titles)


def test_add_refuses_a_seeds_folder_linked_out_of_the_project(tmp_path, capsys):
    root = new_project(tmp_path / "p", copies=())
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "seeds" / ".gitkeep").unlink()
    (root / "seeds").rmdir()
    (root / "seeds").symlink_to(outside, target_is_directory=True)
    article = tmp_path / "article.txt"
    article.write_text("Talks resume\n\nIndia and the US resumed trade talks on Tuesday, officials said in Delhi.\n")
    assert main(["-C", str(root), "add", str(article)]) == 1
    err = capsys.readouterr().err
    assert f"{root / 'seeds'}: is a link to the folder {outside}, outside the project" in err and "adds seeds" in err
    assert list(outside.iterdir()) == []  # nothing copied out


def test_init_never_writes_through_a_workflows_folder_linked_out_of_the_project(tmp_path, capsys):
    project, outside = tmp_path / "desk", tmp_path / "outside"
    outside.mkdir()
    (project / ".github").mkdir(parents=True)
    (project / ".github" / "workflows").symlink_to(outside, target_is_directory=True)
    (project / "briefing.yml").write_text("# a project missing its other files\n")
    assert main(["init", "--repair", str(project)]) == 1
    assert "never writes through such a link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert sorted(path.name for path in project.iterdir()) == [".github", "briefing.yml"]  # nothing written at all
    # The same with .github itself linked out: nothing is created there either (no workflows/ folder).
    (project / ".github" / "workflows").unlink()
    (project / ".github").rmdir()
    (project / ".github").symlink_to(outside, target_is_directory=True)
    assert main(["init", "--repair", str(project)]) == 1
    assert list(outside.iterdir()) == []


def test_a_seed_over_a_million_characters_is_analysed_not_a_crash(tmp_path, capsys):
    """spaCy refuses a text over 1,000,000 characters (E088); the recogniser reads such a seed in pieces."""
    root = new_project(tmp_path / "p", copies=())
    paragraphs = [f"Trade Minister Jane Roe met officials of the Nickel Council in Geneva on Tuesday, meeting {n}, "
                  "to discuss export curbs on ore, the ministry said in a statement." for n in range(6_500)]
    text = "A very long pasted report\n\n" + "\n\n".join(paragraphs) + "\n"
    assert len(text) > 1_000_000
    (root / "seeds" / "book.txt").write_text(text, encoding="utf-8")
    assert main(["-C", str(root), "generate"]) == 0
    assert "E088" not in capsys.readouterr().err
    export = json.loads((root / "docs_src" / "briefing.json").read_text(encoding="utf-8"))
    assert [article["source"] for article in export["articles"]] == ["book.txt"]
    assert "Jane Roe" in [person["name"] for person in export["people"]]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads child processes from /proc (Linux)")
def test_a_killed_worker_ends_the_run_in_one_line_and_releases_the_project(tmp_path):
    """The out-of-memory killer or `kill -9` takes one forked worker: the parent says so and exits 1, not waits."""
    root = new_project(tmp_path / "p", copies=())
    write_corpus(root / "seeds", 400)  # enough for the recogniser and the analysis to fork a worker
    command = [sys.executable, "-m", "generator", "-C", str(root), "generate"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while not workers and run.poll() is None and time.monotonic() < deadline:
        workers = child_pids(run.pid)
        time.sleep(0.05)
    assert workers, "no worker was forked"
    os.kill(workers[0], signal.SIGKILL)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1, err
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert "a worker process ended abruptly while " in line and "no file was written" in line
    assert "Traceback" not in err
    assert not (root / "docs_src" / "articles").exists()  # nothing generated
    # The lock is released and the next run finishes, from the cache where the dead run left entries.
    assert subprocess.run(command, capture_output=True, text=True, timeout=300).returncode == 0
    assert len(list((root / "docs_src" / "articles").glob("*.md"))) > 300
