"""Regeneration: unchanged input rewrites nothing, one new seed rewrites only what it changes, a removed seed's pages
go, article URLs never move, "what's new" compares with the previous build, and the feeds list the newest articles."""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from generator.cli import main

from helpers import REPO, new_project

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_corpus  # noqa: E402  (bench/ is not a package)

ATOM = "{http://www.w3.org/2005/Atom}"
CORPUS_SIZE = 36


def _generate(root: Path, *options: str) -> int:
    return main(["-C", str(root), *options, "generate"])


def _snapshot(docs: Path) -> dict[str, tuple[int, bytes]]:
    """Return every file under docs (hidden ones included) with its mtime in nanoseconds and its bytes."""
    return {
        path.relative_to(docs).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(docs.rglob("*")) if path.is_file()
    }


def _rewritten(before: dict, after: dict) -> set[str]:
    return {path for path in after if path not in before or after[path][0] != before[path][0]}


def _export(root: Path) -> dict:
    return json.loads((root / "docs_src" / "briefing.json").read_text(encoding="utf-8"))


@pytest.fixture()
def corpus_project(tmp_path):
    """A project with the synthetic corpus's first CORPUS_SIZE seeds; the next four wait in tmp_path/more."""
    root = new_project(tmp_path / "p", copies=())
    write_corpus(tmp_path / "all", CORPUS_SIZE + 4)
    for path in sorted((tmp_path / "all").iterdir())[:CORPUS_SIZE]:
        shutil.copy(path, root / "seeds" / path.name)
    (tmp_path / "more").mkdir()
    for path in sorted((tmp_path / "all").iterdir())[CORPUS_SIZE:]:
        shutil.copy(path, tmp_path / "more" / path.name)
    return root


def _add_waiting_seed(root: Path, number: int = 0) -> str:
    waiting = sorted((root.parent / "more").iterdir())[number]
    shutil.copy(waiting, root / "seeds" / waiting.name)
    return waiting.name


def test_unchanged_input_rewrites_no_file_and_says_so(corpus_project, capsys):
    assert _generate(corpus_project) == 0
    before = _snapshot(corpus_project / "docs_src")
    capsys.readouterr()
    assert _generate(corpus_project) == 0
    assert _snapshot(corpus_project / "docs_src") == before  # same bytes and same mtimes, the manifest's too
    assert "nothing changed since the last run" in capsys.readouterr().err


def test_unchanged_input_repeats_the_warnings_so_strict_still_fails(corpus_project, capsys):
    (corpus_project / "seeds" / "empty.txt").write_text("")
    assert _generate(corpus_project) == 0
    first = capsys.readouterr().err
    assert _generate(corpus_project) == 0
    second = capsys.readouterr().err
    assert "nothing changed" in second
    warning = [line for line in first.splitlines() if "empty.txt" in line]
    assert warning and warning == [line for line in second.splitlines() if "empty.txt" in line]
    assert main(["-C", str(corpus_project), "build", "--strict"]) == 1


def test_one_seed_added_rewrites_only_the_pages_it_changes(corpus_project, tmp_path):
    assert _generate(corpus_project) == 0
    before = _snapshot(corpus_project / "docs_src")
    name = _add_waiting_seed(corpus_project)
    assert _generate(corpus_project) == 0
    after = _snapshot(corpus_project / "docs_src")
    rewritten = _rewritten(before, after)
    for path in rewritten - set(before):
        assert path.startswith("articles/")  # the new article's page is the only new file
    for path in rewritten & set(before):
        assert after[path][1] != before[path][1], f"{path} was rewritten with the same text"
    article = next(a for a in _export(corpus_project)["articles"] if a["source"] == name)
    page = "articles/" + Path(article["url"]).with_suffix(".md").name
    assert page in rewritten
    for expected in ("index.md", "whats-new.md", "articles/index.md", "briefing.json", "feed.xml", "rss.xml"):
        assert expected in rewritten
    for topic in article["topics"]:
        assert f"topics/{topic}.md" in rewritten
    assert len(rewritten) < len(after) / 2, sorted(rewritten)
    # Regenerating in place gives the same pages as generating from scratch (what's new aside, which compares
    # with the build before).
    fresh = new_project(tmp_path / "fresh", copies=tuple(sorted((corpus_project / "seeds").iterdir())))
    assert _generate(fresh) == 0
    fresh_files = _snapshot(fresh / "docs_src")
    history = {"index.md", "whats-new.md", ".briefing-manifest.json"}
    assert set(fresh_files) == set(after)
    for path in set(after) - history:
        assert fresh_files[path][1] == after[path][1], path


def test_removing_a_seed_removes_its_page_and_every_link_to_it(corpus_project):
    assert _generate(corpus_project) == 0
    gone = _export(corpus_project)["articles"][3]
    (corpus_project / "seeds" / gone["source"]).unlink()
    assert _generate(corpus_project) == 0
    docs = corpus_project / "docs_src"
    assert not (docs / Path(gone["url"]).with_suffix(".md")).exists()
    assert gone["id"] not in [article["id"] for article in _export(corpus_project)["articles"]]
    linking = [path for path in docs.rglob("*.md") if gone["id"] in path.read_text(encoding="utf-8")]
    assert linking == []
    whats_new = (docs / "whats-new.md").read_text(encoding="utf-8")
    assert "## Removed" in whats_new and f"seed `{gone['source']}`" in whats_new


def test_changed_settings_templates_or_deleted_pages_regenerate(corpus_project):
    assert _generate(corpus_project) == 0
    docs = corpus_project / "docs_src"
    mkdocs = corpus_project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("site_name: Briefing", "site_name: Minerals desk"))
    assert _generate(corpus_project) == 0
    assert "# Minerals desk" in (docs / "index.md").read_text(encoding="utf-8")
    templates = corpus_project / "site_templates"
    templates.mkdir()
    (templates / "tags.md.j2").write_text("# Every tag, by the desk\n\n[TAGS]\n")
    assert _generate(corpus_project) == 0
    assert "by the desk" in (docs / "tags.md").read_text(encoding="utf-8")
    (docs / "timeline.md").unlink()
    assert _generate(corpus_project) == 0
    assert (docs / "timeline.md").is_file()


def test_manifest_records_what_each_page_is_made_from(corpus_project):
    assert _generate(corpus_project) == 0
    manifest = json.loads((corpus_project / "docs_src" / ".briefing-manifest.json").read_text(encoding="utf-8"))
    seeds = sorted(path.name for path in (corpus_project / "seeds").iterdir() if not path.name.startswith("."))
    assert sorted(manifest["inputs"]["seeds"]) == seeds  # hidden files (init's .gitkeep) are no seeds
    export = _export(corpus_project)
    for article in export["articles"]:
        assert manifest["made_from"]["articles/" + Path(article["url"]).with_suffix(".md").name] == [article["source"]]
    source_of = {article["id"]: article["source"] for article in export["articles"]}
    for topic in export["topics"]:
        expected = sorted(source_of[article_id] for article_id in topic["articles"])
        assert manifest["made_from"].get(f"topics/{topic['id']}.md", []) == expected


def test_urls_survive_added_removed_reordered_seeds_and_a_new_taxonomy(corpus_project):
    assert _generate(corpus_project) == 0
    before = {article["source"]: article["url"] for article in _export(corpus_project)["articles"]}
    seeds = corpus_project / "seeds"
    removed = sorted(before)[5]
    (seeds / removed).unlink()
    _add_waiting_seed(corpus_project, 0)
    shutil.copy(seeds / sorted(before)[0], seeds / "0000-sorts-first-copy.txt")  # reorders what is read first
    config = corpus_project / "briefing.yml"  # fewer topics and a different threshold: other topics per article
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("\n  - id: tariffs")] + "\n")
    assert _generate(corpus_project) == 0
    after = {article["source"]: article["url"] for article in _export(corpus_project)["articles"]}
    assert [a["id"] for a in _export(corpus_project)["topics"]] != ["critical-minerals", "pax-silica", "tariffs",
                                                                      "trade-deal"]
    for source, url in before.items():
        if source != removed:
            assert after[source] == url, source
    assert len(set(after.values())) == len(after)


def test_whats_new_lists_added_then_removed_articles_newest_first_and_stays_on_a_rerun(corpus_project):
    docs = corpus_project / "docs_src"
    assert _generate(corpus_project) == 0
    assert "First build" in (docs / "index.md").read_text(encoding="utf-8")
    first, second = _add_waiting_seed(corpus_project, 0), _add_waiting_seed(corpus_project, 3)  # different days
    assert _generate(corpus_project) == 0
    by_source = {article["source"]: article for article in _export(corpus_project)["articles"]}
    newest, older = sorted((by_source[first], by_source[second]), key=lambda a: a["date"], reverse=True)
    assert newest["date"] > older["date"]
    for page in ("whats-new.md", "index.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert "2 articles added, 0 removed" in text or "added 2 and removed 0" in text, page
        assert 0 < text.index(Path(newest["url"]).stem) < text.index(Path(older["url"]).stem), page
    before = _snapshot(docs)
    (corpus_project / "seeds" / "ignored.txt").write_text("")  # a new file that is no article changes nothing new
    assert _generate(corpus_project) == 0
    assert (docs / "whats-new.md").read_bytes() == before["whats-new.md"][1]
    (corpus_project / "seeds" / first).unlink()
    assert _generate(corpus_project) == 0
    text = (docs / "whats-new.md").read_text(encoding="utf-8")
    assert "added 0 and removed 1" in text and f"seed `{first}`" in text


def test_feeds_list_the_newest_articles_with_escaped_text_and_absolute_links(tmp_path):
    hostile = "---\ntitle: \"<script>alert(1)</script> Tariff & duty\"\ndate: 2026-03-09\n---\n" + (
        "The US raised the reciprocal tariff on steel to 50 per cent on Monday, officials said in Washington.\n")
    root = new_project(tmp_path / "p", texts={"hostile.md": hostile})
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8") + "site_url: https://desk.example.org/briefing/\n")
    assert _generate(root) == 0
    export = _export(root)
    atom = ElementTree.parse(root / "docs_src" / "feed.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    dated = [article for article in export["articles"] if article["date"]]
    assert len(dated) < len(export["articles"])  # an undated article cannot be placed in a feed: left out
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [a["title"] for a in dated]
    assert entries[0].findtext(f"{ATOM}title") == "<script>alert(1)</script> Tariff & duty"  # text, not markup
    assert not list(atom.iter("script")) and not list(atom.iter(f"{ATOM}script"))
    first_link = entries[0].find(f"{ATOM}link").get("href")
    assert first_link == "https://desk.example.org/briefing/" + export["articles"][0]["url"]
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True) and updated[0].startswith("2026-03-09")
    assert atom.findtext(f"{ATOM}updated").startswith("2026-03-09")  # the newest article, not the clock
    rss = ElementTree.parse(root / "docs_src" / "rss.xml").getroot()
    assert [item.findtext("title") for item in rss.iter("item")] == [a["title"] for a in dated]
    assert main(["-C", str(root), "build"]) == 0
    assert (root / "site" / "feed.xml").read_bytes() == (root / "docs_src" / "feed.xml").read_bytes()
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home and 'href="whats-new.html"' in home


def test_feed_is_capped_by_configuration_and_reproducible(corpus_project, tmp_path):
    config = corpus_project / "briefing.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("feed_articles: 50", "feed_articles: 7"))
    assert _generate(corpus_project) == 0
    entries = ElementTree.parse(corpus_project / "docs_src" / "feed.xml").getroot().findall(f"{ATOM}entry")
    assert len(entries) == 7
    again = tmp_path / "again"
    shutil.copytree(corpus_project, again, ignore=shutil.ignore_patterns("docs_src"))
    (again / "docs_src").mkdir()
    assert _generate(again) == 0
    for name in ("feed.xml", "rss.xml", "briefing.json"):
        assert (again / "docs_src" / name).read_bytes() == (corpus_project / "docs_src" / name).read_bytes()


# --- an article whose title changes: its old address leads to it -------------------------------------------------

def _titled_seed(title: str) -> str:
    return (f"---\ntitle: {title}\ndate: 2026-02-03\noutlet: Example Times\n---\n\n"
            "India and the United States resumed talks on a trade agreement on Tuesday, officials said.\n\n"
            "The negotiators met in New Delhi for three days and discussed market access for farm goods.\n")


def test_an_article_whose_title_changes_keeps_a_redirect_at_its_old_address(tmp_path):
    root = new_project(tmp_path / "p", copies=(), texts={"talks.md": _titled_seed("Trade talks resume")})
    assert _generate(root) == 0
    old = _export(root)["articles"][0]["url"]  # articles/<slug of the title>-<hash>.html
    old_page = root / "docs_src" / old.replace(".html", ".md")
    assert old.startswith("articles/trade-talks-resume") and old_page.exists(), old
    (root / "seeds" / "talks.md").write_text(_titled_seed("India and US resume trade talks"), encoding="utf-8")
    assert _generate(root) == 0
    new = _export(root)["articles"][0]["url"]
    assert new != old and len(_export(root)["articles"]) == 1  # the redirect is no article
    moved = old_page.read_text(encoding="utf-8")
    target = new.rsplit("/", 1)[-1]
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in moved
    assert f"]({target.removesuffix('.html')}.md)" in moved and "exclude: true" in moved
    # A third title: both earlier addresses lead to the article now.
    (root / "seeds" / "talks.md").write_text(_titled_seed("Trade talks end"), encoding="utf-8")
    assert _generate(root) == 0
    now = _export(root)["articles"][0]["url"].rsplit("/", 1)[-1]
    for earlier in (old_page, root / "docs_src" / new.replace(".html", ".md")):
        assert f"url={now}" in earlier.read_text(encoding="utf-8")
    # Without the seed there is no article to lead to: the redirects go with it.
    (root / "seeds" / "talks.md").unlink()
    assert _generate(root) == 0
    assert not old_page.exists()


def test_whats_new_keeps_the_last_change_of_articles_after_a_metadata_only_build(corpus_project):
    """An edited sources.yml (a better title, an outlet) changes no article's presence: what's new stays."""
    docs = corpus_project / "docs_src"
    assert _generate(corpus_project) == 0
    added = _add_waiting_seed(corpus_project, 0)
    assert _generate(corpus_project) == 0
    assert "added 1 and removed 0" in (docs / "whats-new.md").read_text(encoding="utf-8")
    (corpus_project / "seeds" / "sources.yml").write_text(
        f"{added}:\n  title: Corrected headline of the added report\n  outlet: Desk Wire\n", encoding="utf-8")
    assert _generate(corpus_project) == 0
    exported = {article["source"]: article for article in _export(corpus_project)["articles"]}
    assert exported[added]["title"] == "Corrected headline of the added report"  # the metadata did change
    for page in ("whats-new.md", "index.md"):
        text = (docs / page).read_text(encoding="utf-8")
        assert "added 0" not in text and "0 articles added" not in text, page
        assert "Corrected headline of the added report" in text, page  # listed under its current title
    assert "added 1 and removed 0" in (docs / "whats-new.md").read_text(encoding="utf-8")


VISIT_A = ("Trade Minister Jane Roe will travel to Geneva on March 3 for the Nickel Trade Forum, officials said.\n\n"
           "The forum is hosted by WTO Director-General Ngozi Okonjo-Iweala and will discuss nickel export curbs.\n\n"
           "Roe and Okonjo-Iweala last met on February 10, when they discussed a 12 per cent duty on nickel ore.\n\n"
           "Roe is expected to announce a $2 billion nickel refining fund with partners at the forum.\n")
VISIT_B = ("Trade Minister Jane Roe heads to Geneva for the Nickel Trade Forum on March 3, where nickel curbs top the "
           "agenda.\n\nWTO Director-General Ngozi Okonjo-Iweala will host the forum, which is expected to discuss "
           "nickel export curbs.\n\nRoe spoke with Okonjo-Iweala on February 10 about the 15% duty on nickel ore.\n\n"
           "Delegations from Chile, Peru, Zambia and Indonesia are attending the Nickel Trade Forum too.\n")


def _visit(title: str, date: str, outlet: str, text: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\noutlet: {outlet}\n---\n\n{text}"


def test_a_story_whose_id_changes_keeps_its_old_address_and_the_handouts_index_says_where_it_went(tmp_path):
    root = new_project(tmp_path / "p", copies=(), texts={
        "a.md": _visit("Roe to attend nickel forum in Geneva", "2026-02-27", "Alpine Post", VISIT_A),
        "b.md": _visit("Roe heads to Geneva nickel forum", "2026-02-28", "Lake Times", VISIT_B),
    })
    options = ["handouts", "--strict"]
    assert _generate(root) == 0 and main(["-C", str(root), *options]) == 0
    (story,) = _export(root)["stories"]
    old_page = root / "docs_src" / story["url"].replace(".html", ".md")
    old_handout = f"story-{story['id']}.html"
    assert old_page.is_file() and (root / "handouts" / old_handout).is_file()
    # Corrected headlines (and a corrected date): the story is the same two reports, under a new id.
    (root / "seeds" / "a.md").write_text(_visit("Minister Roe to open Geneva nickel forum", "2026-02-26", "Alpine Post",
                                                VISIT_A), encoding="utf-8")
    (root / "seeds" / "b.md").write_text(_visit("Minister Roe arrives at Geneva nickel forum", "2026-02-28",
                                                "Lake Times", VISIT_B), encoding="utf-8")
    assert _generate(root) == 0 and main(["-C", str(root), *options]) == 0
    (now,) = _export(root)["stories"]
    assert now["id"] != story["id"] and sorted(now["articles"]) != sorted(story["articles"])  # articles moved too
    target = now["url"].rsplit("/", 1)[-1]
    redirect = old_page.read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in redirect
    assert "This story is now at" in redirect and now["title"] in redirect
    assert main(["-C", str(root), "build", "--strict"]) == 0  # the redirect page's link resolves
    assert (root / "site" / story["url"]).is_file()
    index = (root / "handouts" / "index.html").read_text(encoding="utf-8")
    assert not (root / "handouts" / old_handout).exists()
    assert f"<code>{old_handout}</code> is now <a href=\"story-{now['id']}.html\">" in index
    # Without the reports there is no story to lead to: the redirect goes, and so does the handouts' note.
    for name in ("a.md", "b.md"):
        (root / "seeds" / name).unlink()
    (root / "seeds" / "other.md").write_text(_titled_seed("Trade talks resume"), encoding="utf-8")
    assert _generate(root) == 0 and main(["-C", str(root), "handouts"]) == 0
    assert not old_page.exists()
    assert "Renamed handouts" not in (root / "handouts" / "index.html").read_text(encoding="utf-8")


def test_one_seed_added_renders_only_pages_whose_context_changed(corpus_project, capsys):
    assert _generate(corpus_project) == 0
    before = _snapshot(corpus_project / "docs_src")
    _add_waiting_seed(corpus_project)
    capsys.readouterr()
    assert _generate(corpus_project, "-v") == 0
    (said,) = [line for line in capsys.readouterr().err.splitlines() if line.startswith("debug: rendered ")]
    rendered, reused = (int(word.strip("(")) for word in said.split() if word.strip("(").isdigit())
    after = _snapshot(corpus_project / "docs_src")
    pages = [path for path in after if path.endswith(".md") and path != "about.md"]  # about.md: hand-written
    assert reused + rendered == len(pages) and rendered < len(pages) / 2, said
    changed = {path for path in pages if path not in before or before[path][1] != after[path][1]}
    assert rendered >= len(changed)  # every page whose text changed was rendered, not reused
    # A template change renders every page again.
    templates = corpus_project / "site_templates"
    templates.mkdir()
    (templates / "tags.md.j2").write_text("# Tags by the desk\n", encoding="utf-8")
    capsys.readouterr()
    assert _generate(corpus_project, "-v") == 0
    (said,) = [line for line in capsys.readouterr().err.splitlines() if line.startswith("debug: rendered ")]
    assert "(0 more unchanged" in said, said
