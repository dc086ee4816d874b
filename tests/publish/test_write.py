"""Writing docs_src/: through a manifest, only changed files, never a hand-written page."""

from __future__ import annotations

import pytest

from generator.errors import BuildError
from generator.publish.write import MANIFEST_FILE, read_manifest, write_files


def test_writes_then_skips_unchanged_files(tmp_path):
    first = write_files(tmp_path, {"index.md": "home\n", "topics/a.md": "a\n"})
    assert first.written == ("index.md", "topics/a.md")
    mtime = (tmp_path / "topics/a.md").stat().st_mtime_ns
    second = write_files(tmp_path, {"index.md": "home v2\n", "topics/a.md": "a\n"})
    assert second.written == ("index.md",) and second.unchanged == ("topics/a.md",)
    assert (tmp_path / "topics/a.md").stat().st_mtime_ns == mtime
    assert set(read_manifest(tmp_path)) == {"index.md", "topics/a.md"}


def test_stale_generated_files_are_deleted_hand_written_ones_never(tmp_path):
    (tmp_path / "about.md").write_text("mine\n")
    write_files(tmp_path, {"index.md": "home\n", "articles/old.md": "old\n"})
    report = write_files(tmp_path, {"index.md": "home\n"})
    assert report.deleted == ("articles/old.md",)
    assert not (tmp_path / "articles").exists()
    assert (tmp_path / "about.md").read_text() == "mine\n"


def test_collision_with_a_hand_written_page_is_an_error_naming_both(tmp_path):
    (tmp_path / "index.md").write_text("my own home page\n")
    with pytest.raises(BuildError) as error:
        write_files(tmp_path, {"index.md": "generated\n", "a.md": "a\n"}, {"index.md": "the home page"})
    assert "index.md: is a hand-written file" in str(error.value)
    assert "the home page would be written to the same path" in str(error.value)
    assert (tmp_path / "index.md").read_text() == "my own home page\n"
    assert not (tmp_path / "a.md").exists()  # nothing is written when the plan has a collision


def test_generated_file_edited_by_hand_is_not_overwritten(tmp_path):
    write_files(tmp_path, {"index.md": "generated\n"})
    (tmp_path / "index.md").write_text("edited by an analyst\n")
    with pytest.raises(BuildError, match="edited by hand"):
        write_files(tmp_path, {"index.md": "generated v2\n"})
    assert (tmp_path / "index.md").read_text() == "edited by an analyst\n"


@pytest.mark.parametrize("path", ["../escape.md", "/etc/passwd", "a/../../b.md"])
def test_refuses_paths_outside_docs(tmp_path, path):
    docs = tmp_path / "docs"
    with pytest.raises(BuildError, match="outside"):
        write_files(docs, {path: "x"})
    assert not (tmp_path / "escape.md").exists()


def test_manifest_is_a_hidden_file_mkdocs_ignores(tmp_path):
    write_files(tmp_path, {"index.md": "x\n"})
    assert (tmp_path / MANIFEST_FILE).name.startswith(".")
