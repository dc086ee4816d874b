"""Saved .html pages as seeds (trafilatura), and `briefing add` copying files into seeds/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import SourceError
from generator.read.ingest import read_source

from helpers import HTML_PAGES, SEEDS, new_project

PAGES = HTML_PAGES


def _read(name: str, sidecar=None):
    return read_source(PAGES / name, PAGES, sidecar or {})


def test_saved_page_gives_its_article_text_without_menus_or_footer():
    source = _read("capital-wire-tariffs.html")
    assert source.format == "html"
    assert "cut the reciprocal tariff on a range of Indian goods" in source.text
    assert "India’s shipments" in source.text and "“long overdue”" in source.text  # windows-1252 page decoded
    for boilerplate in ("Sign in", "Share on Facebook", "Ten stocks to watch", "All rights reserved", "<p>"):
        assert boilerplate not in source.text


@pytest.mark.parametrize(
    "name, expected",
    [
        ("capital-wire-tariffs.html",  # JSON-LD NewsArticle
         {"title": "Tariff relief for Indian exporters as US trims duties", "date": "2026-03-04",
          "author": "Tomás Ortega", "outlet": "Capital Wire"}),
        ("ledger-minerals.html",  # Open Graph, <meta name=author>, article:published_time, canonical link
         {"title": "India and US sign critical minerals pact", "date": "2026-02-12", "author": "Priya Raman",
          "outlet": "The Daily Ledger", "url": "https://ledger.example/2026/02/minerals-pact"}),
    ],
)
def test_saved_page_metadata_comes_from_the_page(name, expected):
    source = _read(name)
    assert {key: source.metadata.get(key) for key in expected} == expected
    assert set(source.metadata_origin.values()) == {"HTML metadata"}


_BODY = "<p>" + " ".join(["The trade delegation met in Washington to discuss tariffs on steel and aluminium."] * 6) + "</p>"


def _page(head: str) -> str:
    return f"<html><head><title>Talks</title>{head}</head><body><article><h1>Talks</h1>{_BODY}</article></body></html>"


@pytest.mark.parametrize("head, date", [
    ('<meta property="article:published_time" content="2026-02-30T10:00:00Z">', None),  # trafilatura: 2026-02-01
    ('<meta name="date" content="2026-13-05">', None),  # trafilatura: 2026-05-13
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-02-30"}</script>', None),
    ('<meta property="article:published_time" content="2026-02-28T10:00:00Z">', "2026-02-28"),
    # A CMS's empty placeholder is no date the page gives for the article: the real one stays.
    ('<meta property="article:published_time" content="2026-02-27"><meta name="updated" content="0000-00-00">',
     "2026-02-27"),
])
def test_an_impossible_page_date_is_no_date_not_another_date(tmp_path, caplog, head, date):
    (tmp_path / "a.html").write_text(_page(head), encoding="utf-8")
    with caplog.at_level("WARNING"):
        source = read_source(tmp_path / "a.html", tmp_path, {})
    assert source.metadata.get("date") == date
    assert ("which is no calendar date; no date taken" in caplog.text) == (date is None)


def test_sources_yml_corrects_what_a_page_says_of_itself():
    source = _read("ledger-minerals.html", {"ledger-minerals.html": {"outlet": "Ledger (print)", "date": "2026-02-13"}})
    assert source.metadata["outlet"] == "Ledger (print)" and source.metadata["date"] == "2026-02-13"
    assert source.metadata_origin["outlet"] == "sources.yml"
    assert source.metadata["title"] == "India and US sign critical minerals pact"


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"<html><head><title>Login</title></head><body><nav>Home</nav></body></html>", "no article text"),
        (b"<html>\x00\x01\x02", "binary"),
    ],
)
def test_page_without_article_text_is_skipped_with_its_name(tmp_path, data, problem):
    (tmp_path / "page.html").write_bytes(data)
    with pytest.raises(SourceError) as error:
        read_source(tmp_path / "page.html", tmp_path, {})
    assert str(error.value).startswith("page.html:") and problem in str(error.value)


def test_html_seeds_build_into_article_pages_with_markup_shown_as_text(tmp_path):
    root = new_project(tmp_path / "p", copies=tuple(sorted(PAGES.iterdir())))
    assert main(["-C", str(root), "build", "--strict"]) == 0
    export = json.loads((root / "site" / "briefing.json").read_text(encoding="utf-8"))
    by_source = {article["source"]: article for article in export["articles"]}
    ledger = by_source["ledger-minerals.html"]
    assert (ledger["title"], ledger["date"], ledger["outlet"], ledger["author"]) == (
        "India and US sign critical minerals pact", "2026-02-12", "The Daily Ledger", "Priya Raman")
    assert "critical-minerals" in ledger["topics"] and "tariffs" in by_source["capital-wire-tariffs.html"]["topics"]
    page = (root / "site" / ledger["url"]).read_text(encoding="utf-8")
    # The page's text said "<script>alert(1)</script>" in words; it is shown, never run.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert 'href="https://ledger.example/2026/02/minerals-pact"' in page


def _add(root: Path, *files: Path) -> int:
    return main(["-C", str(root), "add", *map(str, files)])


def test_add_copies_files_under_safe_names_byte_for_byte(tmp_path, capsys):
    root = new_project(tmp_path / "p", copies=())
    odd = tmp_path / "Saved Page (1) — Ünïcode.HTML"
    shutil.copy(PAGES / "ledger-minerals.html", odd)
    seed = next(SEEDS.iterdir())
    assert _add(root, odd, seed) == 0
    names = sorted(path.name for path in (root / "seeds").iterdir() if path.name != ".gitkeep")
    assert names == sorted(["saved-page-1-unicode.html", seed.stem.replace("_", "-") + seed.suffix])
    assert (root / "seeds" / "saved-page-1-unicode.html").read_bytes() == odd.read_bytes()
    out = capsys.readouterr().out
    assert "added     seeds/saved-page-1-unicode.html" in out
    assert main(["-C", str(root), "check"]) == 0


def test_add_reports_the_same_text_as_a_duplicate_and_does_not_add_it(tmp_path, capsys):
    root = new_project(tmp_path / "p", copies=(PAGES / "ledger-minerals.html",))
    text_copy = tmp_path / "pasted.txt"  # the same article, pasted as text with other spacing and case
    text = _read("ledger-minerals.html").text
    text_copy.write_text("\n\n".join(line.upper() for line in text.splitlines()) + "\n   \n")
    other = tmp_path / "other.txt"
    other.write_text("A different article about tariffs on steel and aluminium imports, officials said on Monday.\n")
    again = tmp_path / "again.txt"
    again.write_bytes(other.read_bytes())
    assert _add(root, text_copy, other, again) == 0
    out = capsys.readouterr().out
    assert f"duplicate {text_copy}: same text as seeds/ledger-minerals.html; not added" in out
    assert f"duplicate {again}: same text as seeds/other.txt; not added" in out  # within one call too
    assert sorted(path.name for path in (root / "seeds").iterdir()) == [".gitkeep", "ledger-minerals.html", "other.txt"]


def test_add_never_overwrites_a_seed_and_refuses_what_it_cannot_read(tmp_path, capsys):
    root = new_project(tmp_path / "p", copies=())
    (root / "seeds" / "note.txt").write_text("The first note on the critical minerals pact and lithium supply talks.\n")
    newer = tmp_path / "NOTE.txt"
    newer.write_text("A second, different note on the semiconductor supply chain and Pax Silica talks.\n")
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    assert _add(root, newer, pdf, empty, tmp_path / "missing.txt") == 1
    captured = capsys.readouterr()
    assert "added     seeds/note-2.txt" in captured.out
    assert (root / "seeds" / "note.txt").read_text().startswith("The first note")
    errors = [line for line in captured.err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    assert "scan.pdf: unsupported file type .pdf" in errors[0]
    assert "empty.md: is empty" in errors[1]
    assert "missing.txt: not found" in errors[2]
