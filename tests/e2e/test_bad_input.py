"""Broken seeds: each gets one line on stderr naming it and saying what was done; the other seeds still build."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from generator.cli import main

from helpers import new_project

ARTICLE = (
    "NEW DELHI: Officials said on Monday that the reciprocal tariff on Indian steel would stay at 50 per cent "
    "while the trade talks continue in Washington.\n\n"
    "A commerce ministry official said the interim trade deal could be signed next month if both sides agree "
    "on market access for farm goods.\n"
)
LEGACY_TEXT = (
    "Caf\u00e9 owners in Pune said the \u201ctariff\u201d on steel \u2013 now 50 per cent \u2013 hurt their exports "
    "to the United States, officials said on Monday.\n\n"
    "The trade ministry\u2019s note said talks with Washington would resume next week.\n"
)

# file name -> (bytes on disk, what its one stderr line says); None: a good file that must raise no problem.
BAD_SEEDS: dict[str, tuple[bytes, str | None]] = {
    "empty.txt": (b"", "empty.txt: is empty; skipped"),
    "blank.txt": (b"  \n\t\n   \r\n", "blank.txt: is empty; skipped"),
    "binary.txt": (b"PK\x03\x04\x00\x00\x08\x00binary zip data", "binary.txt: looks like a binary file (contains NUL bytes); skipped"),
    "legacy.txt": (LEGACY_TEXT.encode("cp1252"), "legacy.txt: not UTF-8; read as Windows-1252 (Latin-1)"),
    "undecodable.txt": (
        ARTICLE.encode("cp1252").replace(b"Monday", b"Mon\x81day"),
        "undecodable.txt: not UTF-8; read as Windows-1252, but 1 byte(s) are not text in it (first on line 1)",
    ),
    "damaged-utf8.txt": (
        LEGACY_TEXT.encode("utf-8").replace(b"next week", b"next \xffweek"),
        "damaged-utf8.txt: 1 byte(s) are not valid UTF-8 (first on line 3)",
    ),
    "bom-crlf.txt": (b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"), None),
    "utf16.txt": (ARTICLE.encode("utf-16"), None),
    "huge.txt": (b"tariff talks " * 1_600_000, "huge.txt: is 20.8 MB, more than the 5 MB one article can be"),
    "broken-yaml.md": (
        ("---\ntitle: [unclosed\noutlet: Wire\n---\n" + ARTICLE).encode(),
        "broken-yaml.md: front matter is not valid YAML (line 3: ",
    ),
    "not-a-mapping.md": (
        ("---\n- just\n- a list\n---\n" + ARTICLE).encode(),
        "not-a-mapping.md: front matter must be key: value lines, got a list; front matter ignored, text kept",
    ),
    "yesterday.md": (
        ("---\ntitle: Steel tariff stays\ndate: yesterday\n---\n" + ARTICLE).encode(),
        "yesterday.md: date 'yesterday' is not a date (use YYYY-MM-DD); ignored",
    ),
    "impossible-date.md": (
        ("---\ntitle: Steel tariff stays\ndate: 2026-02-30\n---\n" + ARTICLE).encode(),
        "impossible-date.md: date '2026-02-30' is not a date (use YYYY-MM-DD); ignored",
    ),
    "topics-number.md": (
        ("---\ntitle: Steel tariff stays\ntopics: 5\n---\n" + ARTICLE).encode(),
        "topics-number.md: topics must be a list of topic ids, got int 5 (from front matter); field ignored",
    ),
    "title-list.md": (
        ("---\ntitle: [Steel, tariff]\n---\n" + ARTICLE).encode(),
        "title-list.md: title must be text, got a list (from front matter); field ignored",
    ),
    "javascript-url.md": (
        ("---\ntitle: Steel tariff stays\nurl: javascript:alert(1)\n---\n" + ARTICLE).encode(),
        "javascript-url.md: url 'javascript:alert(1)' is not an http(s) address (from front matter); field ignored",
    ),
    "unknown-key.md": (
        ("---\ntitle: Steel tariff stays\ncolour: blue\n---\n" + ARTICLE).encode(),
        "unknown-key.md: unknown metadata key 'colour' (known: title, date, outlet, author, url, topics)",
    ),
    "all-boilerplate.txt": (
        b"Advertisement\n\nShare this article\n\nSubscribe to our newsletter for the latest news\n\nRead more: other stories\n",
        "all-boilerplate.txt: has no article text after cleaning",
    ),
    "page.pdf": (b"%PDF-1.7 not text", "page.pdf: unsupported file type .pdf; use .txt, .md or .html; skipped"),
}
SKIPPED = {"empty.txt", "blank.txt", "binary.txt", "huge.txt", "all-boilerplate.txt", "page.pdf"}


@pytest.fixture(scope="module")
def bad_project(tmp_path_factory) -> Path:
    root = new_project(tmp_path_factory.mktemp("bad") / "p")
    for name, (data, _) in BAD_SEEDS.items():
        (root / "seeds" / name).write_bytes(data)
    return root


@pytest.fixture(scope="module")
def plain_build(bad_project):
    """Run a plain build once, keeping exit code and stderr (a module fixture cannot use capsys)."""
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["-C", str(bad_project), "build"])
    return code, stderr.getvalue()


def test_plain_build_succeeds_and_builds_every_usable_seed(bad_project, plain_build):
    code, _ = plain_build
    assert code == 0
    export = json.loads((bad_project / "site" / "briefing.json").read_text())
    sources = {article["source"] for article in export["articles"]}
    kept = set(BAD_SEEDS) - SKIPPED
    assert kept <= sources, kept - sources
    assert not sources & SKIPPED
    assert len(sources) == len(kept) + 3  # and the three example seeds


@pytest.mark.parametrize("name", sorted(BAD_SEEDS))
def test_each_bad_seed_gets_exactly_one_line_naming_it(plain_build, name):
    _, stderr = plain_build
    lines = [line for line in stderr.splitlines() if re.search(rf"\b{re.escape(name)}\b", line)]
    expected = BAD_SEEDS[name][1]
    if expected is None:
        assert lines == []
    else:
        assert len(lines) == 1, lines
        assert lines[0].startswith("warning: ") and expected in lines[0]


def test_legacy_and_damaged_encodings_are_read_correctly(bad_project, plain_build):
    export = json.loads((bad_project / "site" / "briefing.json").read_text())
    body = {article["source"]: article["body"] for article in export["articles"]}
    assert "Caf\u00e9 owners" in body["legacy.txt"] and "\u201ctariff\u201d" in body["legacy.txt"]
    assert "\u2013 now 50 per cent \u2013" in body["legacy.txt"] and "ministry\u2019s" in body["legacy.txt"]
    assert "Caf\u00e9 owners" in body["damaged-utf8.txt"] and "next \ufffdweek" in body["damaged-utf8.txt"]
    assert "Mon\ufffdday" in body["undecodable.txt"]
    for name in ("bom-crlf.txt", "utf16.txt"):
        assert body[name].startswith("NEW DELHI: Officials said") and "\r" not in body[name]
    assert "\ufeff" not in json.dumps(export)


def test_broken_front_matter_keeps_the_text_and_drops_bad_fields(bad_project, plain_build):
    export = json.loads((bad_project / "site" / "briefing.json").read_text())
    by_source = {article["source"]: article for article in export["articles"]}
    assert by_source["broken-yaml.md"]["body"].startswith("NEW DELHI: Officials said")
    assert "unclosed" not in by_source["broken-yaml.md"]["body"]
    assert by_source["yesterday.md"]["date"] is None
    # an impossible date costs the date only: the rest of the front matter stays
    assert by_source["impossible-date.md"]["date"] is None
    assert by_source["impossible-date.md"]["title"] == "Steel tariff stays"
    assert by_source["title-list.md"]["title"] != "['Steel', 'tariff']"
    page = (bad_project / "site" / by_source["javascript-url.md"]["url"]).read_text()
    assert "javascript:" not in page


def test_check_lists_every_problem_and_exits_1(bad_project, capsys):
    assert main(["-C", str(bad_project), "check"]) == 1
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith("problem ")]
    for name, (_, expected) in BAD_SEEDS.items():
        if expected:
            assert any(expected in line for line in problems), name
    assert len(problems) == sum(1 for _, expected in BAD_SEEDS.values() if expected)


def test_strict_build_fails_on_any_bad_seed(bad_project, capsys):
    assert main(["-C", str(bad_project), "build", "--strict"]) == 1
    assert "problem(s) with the input; not building under --strict" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["yesterday.md", "legacy.txt", "all-boilerplate.txt", "empty.txt"])
def test_strict_build_fails_on_each_kind_alone(tmp_path, name, capsys):
    root = new_project(tmp_path / "p", texts={})
    (root / "seeds" / name).write_bytes(BAD_SEEDS[name][0])
    assert main(["-C", str(root), "build", "--strict"]) == 1
    assert main(["-C", str(root), "build"]) == 0
    capsys.readouterr()


def test_a_file_name_with_a_newline_still_gives_one_line(tmp_path, capsys):
    root = new_project(tmp_path / "p")
    (root / "seeds" / "two\nlines\x1b[31m.txt").write_bytes(b"")
    assert main(["-C", str(root), "generate"]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "lines" in line]
    assert lines == ["warning: two lines?[31m.txt: is empty; skipped"]


def test_a_seed_that_trips_a_bug_costs_that_seed_only(tmp_path, monkeypatch, capsys):
    import generator.pipeline as pipeline

    real = pipeline.analyse_article

    def fragile(clean, config, *names):
        if clean.source.path == "trips-a-bug.txt":
            raise IndexError("list index out of range")
        return real(clean, config, *names)

    monkeypatch.setattr(pipeline, "analyse_article", fragile)
    root = new_project(tmp_path / "p", texts={"trips-a-bug.txt": ARTICLE})
    assert main(["-C", str(root), "generate"]) == 0
    err = capsys.readouterr().err
    assert "trips-a-bug.txt: could not be analysed (IndexError: list index out of range); skipped" in err
    export = json.loads((root / "docs_src" / "briefing.json").read_text())
    assert len(export["articles"]) == 3
