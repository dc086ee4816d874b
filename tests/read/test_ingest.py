"""Ingest: text and Markdown seeds, encodings, BOM, CRLF, front matter and the sources.yml sidecar."""

from __future__ import annotations

import logging

import pytest

from generator.errors import SourceError
from generator.read.ingest import list_seed_files, read_sidecar, read_source


def _read(tmp_path, name, data, sidecar=None):
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(path, tmp_path, sidecar or {})


def test_utf8_bom_and_crlf(tmp_path):
    source = _read(tmp_path, "a.txt", "\ufeffFirst line\r\nSecond – line\r\n".encode("utf-8"))
    assert source.text == "First line\nSecond – line\n"
    assert source.format == "txt"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_as_text(tmp_path, codec):
    """Windows tools save UTF-16 with no mark; its NUL bytes sit on one side of every unit, unlike a binary's."""
    text = "Nirmala Sitharaman said on Monday that the नई दिल्ली talks would resume.\r\nSecond paragraph.\r\n"
    source = _read(tmp_path, "a.txt", text.encode(codec))
    assert source.text == text.replace("\r\n", "\n")


def test_utf16_html_without_a_mark_is_read_as_a_page(tmp_path):
    body = " ".join(["The trade delegation met in Washington on Tuesday to discuss tariffs on steel and aluminium."] * 6)
    page = f"<html><head><title>Talks</title></head><body><article><h1>Talks resume</h1><p>{body}</p></article></body></html>"
    source = _read(tmp_path, "a.html", page.encode("utf-16-le"))
    assert "trade delegation met in Washington" in source.text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",  # NULs on both sides of the units
    "Odd length text".encode("utf-16-le") + b"x",
    "ab\x01cd".encode("utf-16-le"),  # decodes, but to a control character no article holds
])
def test_binary_that_merely_contains_nuls_is_still_refused(tmp_path, data):
    with pytest.raises(SourceError, match="binary"):
        _read(tmp_path, "a.txt", data)


def test_a_topics_list_with_items_that_are_no_ids_names_them(tmp_path, caplog):
    data = b"---\ntitle: Talks\ntopics: [no-such-topic, 5, [1, 2], {a: b}]\n---\nBody text.\n"
    with caplog.at_level(logging.WARNING):
        source = _read(tmp_path, "a.md", data)
    assert "topics" not in source.metadata and source.metadata["title"] == "Talks"
    assert "a.md: topics must be a list of topic ids; not topic ids: 5, [1, 2], {'a': 'b'} (from front matter)" in caplog.text


def test_windows_1252_text_is_decoded_not_mangled(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        source = _read(tmp_path, "a.txt", "The minister’s visit".encode("cp1252"))
    assert source.text == "The minister’s visit"
    assert "a.txt" in caplog.text


def test_markdown_front_matter(tmp_path):
    data = b"---\ntitle: Trade talks resume\ndate: 2026-02-01\noutlet: Example Times\ntopics: [trade-deal]\n---\nBody text.\n"
    source = _read(tmp_path, "a.md", data)
    # dates stay text at ingest (an impossible one then costs only the date field); extract parses them
    assert source.metadata == {"title": "Trade talks resume", "date": "2026-02-01", "outlet": "Example Times", "topics": ["trade-deal"]}
    assert source.metadata_origin["title"] == "front matter"
    assert source.text.strip() == "Body text."


def test_sidecar_gives_metadata_to_raw_text(tmp_path):
    (tmp_path / "sources.yml").write_text("a.txt:\n  outlet: Example Times\n  date: 2026-01-29\n")
    sidecar = read_sidecar(tmp_path)
    source = _read(tmp_path, "a.txt", b"Body text.\n", sidecar)
    assert source.metadata["outlet"] == "Example Times"
    assert source.metadata_origin["date"] == "sources.yml"
    assert [p.name for p in list_seed_files(tmp_path)] == ["a.txt"]  # the sidecar is not a seed


def test_front_matter_wins_over_sidecar(tmp_path):
    source = _read(tmp_path, "a.md", b"---\noutlet: From front matter\n---\nBody\n", {"a.md": {"outlet": "From sidecar"}})
    assert source.metadata["outlet"] == "From front matter"


def test_unknown_metadata_key_is_reported_and_ignored(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        source = _read(tmp_path, "a.md", b"---\ncolour: blue\n---\nBody\n")
    assert "colour" not in source.metadata
    assert "a.md: unknown metadata key 'colour'" in caplog.text


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"  \n\n", "is empty"),
        ("binary.txt", b"\x00\x01\x02", "binary"),
        ("page.pdf", b"%PDF", "unsupported file type"),
        ("huge.txt", b"word " * 1_100_000, "is 5.5 MB, more than the 5 MB one article can be"),
        ("only-front-matter.md", b"---\ntitle: Something\n---\n\n", "has front matter but no text"),
    ],
)
def test_unusable_seed_raises_error_naming_the_file(tmp_path, name, data, problem):
    with pytest.raises(SourceError) as error:
        _read(tmp_path, name, data)
    assert str(error.value).startswith(name + ":")
    assert problem in str(error.value)


def test_hidden_files_are_not_seeds(tmp_path):
    (tmp_path / ".DS_Store").write_bytes(b"x")
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    assert [p.name for p in list_seed_files(tmp_path)] == ["a.md", "b.txt"]
