"""The per-seed analysis cache: reused when nothing the analysis reads changed, never trusted when it is damaged."""

from __future__ import annotations

import json
import os
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.analyse.cache import CACHE_DIR, AnalysisCache, CachedAnalysis
from generator.read.clean import clean_text
from generator.cli import main
from generator.config import load_config
from generator.model import Article, CleanText
from generator.pipeline import analyse_article, analyse_project
from generator.publish.site import project_paths

from helpers import make_source, new_project

FIRST = """---
title: Port deal signed
date: 2026-03-02
outlet: Example Times
---
Trade Minister Jane Porter said on Monday that the port deal worth $2 billion would be signed next week in Delhi.
"It is a fair deal," Porter told reporters, adding that talks on tariffs would resume in April.
"""
SECOND = """---
title: Rare earth plant opens
date: 2026-03-04
outlet: Example Post
---
A rare earth processing plant opened in Odisha on Wednesday, officials said, with output due to start in May.
Ravi Kumar, the plant's director, said the critical minerals it refines would go to battery makers.
"""
THIRD = """---
title: Tariff talks resume
date: 2026-03-06
outlet: Example Herald
---
Negotiators resumed talks on reciprocal tariffs on Friday, said Commerce Secretary Anil Mehta in Washington.
"""


def _entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "analysis").glob("*.json"))


def _docs(root: Path) -> dict[str, bytes]:
    docs = root / "docs_src"
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def _from_cache(caplog) -> int:
    (message,) = [record.getMessage() for record in caplog.records if "taken from the cache" in record.getMessage()]
    return int(message.split("; ")[1].split()[0])


@pytest.fixture
def project(tmp_path):
    return new_project(tmp_path / "p", copies=(), texts={"first.md": FIRST, "second.md": SECOND})


def _analyse(root: Path, caplog):
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="generator"):
        return analyse_project(project_paths(root), load_config(root))


def test_an_article_survives_the_round_trip_through_json(config, tmp_path):
    clean = clean_text(make_source(FIRST.split("---\n", 2)[2], "first.md", {"title": "Port deal signed"}), config)
    article = analyse_article(clean, config)
    assert article.mentions and article.dated and article.quotes  # the nested types are covered
    cache = AnalysisCache(tmp_path)
    cache.store("k" * 64, CachedAnalysis(clean, article, ("a warning",)))
    (entry,) = (tmp_path / CACHE_DIR / "analysis").iterdir()
    stored = json.loads(entry.read_bytes())
    assert "source" not in stored["clean"] and stored["article"]["id"] == article.id
    assert AnalysisCache(tmp_path).load("k" * 64, clean.source) == CachedAnalysis(clean, article, ("a warning",))


def test_adding_a_seed_analyses_only_that_seed(project, caplog):
    first = _analyse(project, caplog)
    assert _from_cache(caplog) == 0 and len(_entries(project)) == 2
    (project / "seeds" / "third.md").write_text(THIRD, encoding="utf-8")
    again = _analyse(project, caplog)
    assert _from_cache(caplog) == 2 and len(_entries(project)) == 3
    assert {article.id for article in first.corpus.articles} < {article.id for article in again.corpus.articles}


def test_the_cache_changes_no_byte_of_the_site(project, tmp_path, capsys):
    twin = new_project(tmp_path / "twin", copies=tuple(sorted((project / "seeds").iterdir())))
    assert main(["-C", str(project), "generate"]) == 0  # cold: analyses both seeds, fills the cache
    shutil.copytree(project / CACHE_DIR, twin / CACHE_DIR)
    assert main(["-C", str(twin), "generate"]) == 0  # the same seeds, every analysis from the cache
    assert "2 seed(s) taken from the cache" in capsys.readouterr().err
    assert _docs(twin) == _docs(project)


def test_a_corrupt_entry_is_ignored_with_a_warning_and_replaced(project, caplog):
    expected = _analyse(project, caplog).corpus
    for entry in _entries(project):
        entry.write_text('{"format": 1, "key": "tru', encoding="utf-8")
    result = _analyse(project, caplog)
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("cannot be read" in warning and "analysing again" in warning for warning in warnings)
    assert any("seeds/first.md" in warning for warning in warnings)
    assert result.corpus.articles == expected.articles and _from_cache(caplog) == 0
    _analyse(project, caplog)
    assert _from_cache(caplog) == 2  # rewritten whole


def test_a_foreign_entry_is_never_trusted(project, caplog):
    _analyse(project, caplog)
    first, second = _entries(project)
    first.write_bytes(second.read_bytes())  # a valid entry, stored under another seed's name
    result = _analyse(project, caplog)
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "not valid" in warnings[0] and "another seed" in warnings[0]
    assert sorted(article.source_path for article in result.corpus.articles) == ["first.md", "second.md"]


def test_a_tampered_field_is_never_trusted(project, caplog):
    _analyse(project, caplog)
    for entry in _entries(project):
        data = json.loads(entry.read_text(encoding="utf-8"))
        data["article"]["mentions"] = [{"name": "<script>", "role": 1, "sentence": "", "how": "title"}]
        entry.write_text(json.dumps(data), encoding="utf-8")
    result = _analyse(project, caplog)
    assert _from_cache(caplog) == 0
    assert all(mention.name != "<script>" for article in result.corpus.articles for mention in article.mentions)


def test_settings_change_the_key_and_old_entries_are_pruned(project, caplog):
    _analyse(project, caplog)
    before = set(_entries(project))
    keep = project / CACHE_DIR / "analysis" / "notes.txt"
    keep.write_text("mine", encoding="utf-8")
    with (project / "briefing.yml").open("a", encoding="utf-8") as settings:
        settings.write("\nentities:\n  ner_model: ''\n")
    _analyse(project, caplog)
    assert _from_cache(caplog) == 0
    after = set(_entries(project))
    assert len(after) == 2 and not before & after  # stale entries removed
    assert keep.read_text(encoding="utf-8") == "mine"  # nothing but entries is ever deleted


def test_a_removed_seed_loses_its_entry(project, caplog):
    _analyse(project, caplog)
    (project / "seeds" / "second.md").unlink()
    _analyse(project, caplog)
    assert _from_cache(caplog) == 1 and len(_entries(project)) == 1


def test_a_seed_warns_again_when_its_analysis_comes_from_the_cache(project, caplog):
    (project / "seeds" / "third.md").write_text(THIRD.replace("date: 2026-03-06", "date: yesterday"), encoding="utf-8")
    for expected_from_cache in (0, 3):
        _analyse(project, caplog)
        assert _from_cache(caplog) == expected_from_cache
        warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
        assert warnings == ["third.md: date 'yesterday' is not a date (use YYYY-MM-DD); ignored"]


def _tamper(root: Path, change) -> None:
    for entry in _entries(root):
        data = json.loads(entry.read_text(encoding="utf-8"))
        change(data["article"])
        text = json.dumps(data, allow_nan=True).replace('"__huge__"', "1e999").replace('"__bad utf-8__"', '"\udcff"')
        entry.write_bytes(text.encode("utf-8", errors="surrogateescape"))


def _first_evidence(article: dict) -> dict:
    evidence = article["topics"] or [{"topic_id": "tariffs", "score": 1.0, "terms": [], "sentences": [], "origin": "text"}]
    article["topics"] = evidence
    return evidence[0]


@pytest.mark.parametrize("what, change, reason", [
    ("an id with markup", lambda a: a.update(id="x)<img src=x onerror=alert(1)>("), "is not the id of its title"),
    ("an unknown topic", lambda a: _first_evidence(a).update(topic_id="no-such-topic"), "unknown topic"),
    ("an impossible date", lambda a: a["meta"].update(date="2026-02-30"), "day is out of range"),
    ("a month 13", lambda a: a["meta"].update(date="2026-13-01"), "month must be in 1..12"),
    ("NaN", lambda a: _first_evidence(a).update(score=float("nan")), "JSON is malformed"),
    ("Infinity", lambda a: _first_evidence(a).update(score=float("inf")), "JSON is malformed"),
    ("a number out of range", lambda a: _first_evidence(a).update(score="__huge__"), "Number out of range"),
    ("a true for a number", lambda a: a["removed"].append({"line_no": True, "text": "x", "rule": "r"}),
     "Expected `int`, got `bool`"),
    ("a number for a text", lambda a: a.update(summary=3), "Expected `str`, got `int` - at `$.article.summary`"),
    ("a text for a list", lambda a: a.update(topics="not a list"), "Expected `array`, got `str`"),
    ("bad UTF-8", lambda a: a.update(summary="__bad utf-8__"), "Invalid UTF-8"),
])
def test_a_cache_entry_is_checked_as_strictly_as_a_seed(project, caplog, what, change, reason):
    expected = _analyse(project, caplog).corpus.articles
    _tamper(project, change)
    result = _analyse(project, caplog)
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 2 and all("analysing again" in warning and reason in warning for warning in warnings), warnings
    assert result.corpus.articles == expected and _from_cache(caplog) == 0


def test_deeply_nested_json_is_a_warning_not_a_recursion_error(project, caplog):
    _analyse(project, caplog)
    first, second = _entries(project)
    first.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    data = json.loads(second.read_text(encoding="utf-8"))  # a valid entry, with a deep field no type names
    second.write_text(json.dumps(data)[:-1] + ',"more":' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")
    result = _analyse(project, caplog)
    assert len(result.corpus.articles) == 2 and _from_cache(caplog) == 0
    assert any("nested too deeply" in record.getMessage() for record in caplog.records)


def test_an_entry_that_is_a_fifo_or_a_link_is_never_read(project, tmp_path, caplog):
    _analyse(project, caplog)
    first, second = _entries(project)
    first.unlink()
    os.mkfifo(first)  # reading it would wait forever
    secret = tmp_path / "outside.json"
    secret.write_bytes(second.read_bytes())
    second.unlink()
    second.symlink_to(secret)  # a valid entry, but outside the project
    result = _analyse(project, caplog)
    assert len(result.corpus.articles) == 2 and _from_cache(caplog) == 0
    messages = " ".join(record.getMessage() for record in caplog.records if record.levelno == logging.WARNING)
    assert "not a regular file" in messages and "Too many levels of symbolic links" in messages


@pytest.mark.parametrize("shape", ["link out", "a file"] + (["read-only"] if os.geteuid() else []))
def test_an_unusable_cache_folder_means_a_run_without_the_cache(project, tmp_path, caplog, shape):
    folder = project / CACHE_DIR / "analysis"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "keep.json").write_text("{}")
    (project / CACHE_DIR).mkdir(exist_ok=True)
    if shape == "link out":
        folder.symlink_to(outside, target_is_directory=True)
    elif shape == "a file":
        folder.write_text("not a folder\n")
    else:
        folder.mkdir()
        folder.chmod(0o500)
    try:
        result = _analyse(project, caplog)
        _analyse(project, caplog)  # and again: nothing was written, nothing pruned
    finally:
        if shape == "read-only":
            folder.chmod(0o700)
    assert len(result.corpus.articles) == 2
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "running without the analysis cache" in warnings[0]
    assert sorted(path.name for path in outside.iterdir()) == ["keep.json"]  # nothing written or deleted there



_ANALYSE_TWICE = """
import json, logging, sys
from pathlib import Path
from generator.config import load_config
from generator.pipeline import analyse_project
from generator.publish.site import project_paths
messages = []
handler = logging.Handler(logging.WARNING)
handler.emit = lambda record: messages.append(record.getMessage())
logging.getLogger("generator").addHandler(handler)
root = Path(sys.argv[1])
result = analyse_project(project_paths(root), load_config(root))
analyse_project(project_paths(root), load_config(root))  # and again: nothing written, nothing pruned
print(json.dumps([len(result.corpus.articles), messages]))
"""


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="the read-only case above runs when not root")
def test_a_read_only_cache_folder_means_a_run_without_the_cache_even_when_started_as_root(project):
    """Root writes anywhere; without the two capabilities that let it, a read-only folder is read-only to it too."""
    folder = project / CACHE_DIR / "analysis"
    folder.mkdir(parents=True)
    (folder / "keep.json").write_text("{}")
    folder.chmod(0o500)
    try:
        done = subprocess.run(
            ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search",
             sys.executable, "-c", _ANALYSE_TWICE, str(project)],
            capture_output=True, text=True, timeout=300,
        )
    finally:
        folder.chmod(0o700)
    assert done.returncode == 0, done.stderr
    count, warnings = json.loads(done.stdout.splitlines()[-1])
    assert count == 2
    assert len(warnings) == 2, warnings  # one for each run
    assert all("cannot be written; running without the analysis cache" in warning for warning in warnings), warnings
    assert sorted(path.name for path in folder.iterdir()) == ["keep.json"]  # nothing written or pruned


def test_line_sets_are_kept_between_runs_for_the_same_settings(config, tmp_path):
    from generator.analyse.cache import LineSetCache
    from generator.read.clean import recurring_lines_by_seed, seed_line_set

    bodies = ["Cranes moved cargo at the port today, officials said after a long night shift.",
              "The council voted on a new budget for schools and roads in the northern district.",
              "Farmers reported an early harvest of wheat as the rains came two weeks ahead.",
              "A museum opened its doors to a collection of maps from the old trading houses."]
    sources = [make_source(f"{body}\n\nHarbour Gazette weekend edition\n", f"s{n}.txt") for n, body in enumerate(bodies)]
    first = LineSetCache(tmp_path, "basis-1")
    for source in sources:
        assert first.get(source) is None
        first.put(source, seed_line_set(source, config))
    first.save()
    again = LineSetCache(tmp_path, "basis-1")
    kept = [again.get(source) for source in sources]
    assert kept == [seed_line_set(source, config) for source in sources]
    assert recurring_lines_by_seed(sources, config, kept) == recurring_lines_by_seed(sources, config)
    assert "harbour gazette weekend edition" in recurring_lines_by_seed(sources, config, kept)["s0.txt"]
    assert LineSetCache(tmp_path, "basis-2").get(sources[0]) is None  # other settings or program: read again
    changed = make_source(sources[0].text + "One more line.\n", "s0.txt")
    assert again.get(changed) is None  # a changed seed is read again
