"""What's new: compare the articles of this build with those of the previous one (remembered in the manifest)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from generator.model import Corpus
from generator.text import newest_first


@dataclass(frozen=True)
class ArticleEntry:
    """What a build remembers of one article, enough to list it after its seed is gone."""

    source: str  # seed file name: what identifies an article from build to build (its title may be edited)
    id: str
    title: str
    date: str | None
    outlet: str | None


@dataclass(frozen=True)
class Changes:
    """Articles added and removed by the latest build that changed the set of articles, newest first."""

    added: tuple[ArticleEntry, ...]
    removed: tuple[ArticleEntry, ...]
    previous_count: int | None  # articles in the build before; None when there was none (everything is new)


NO_PREVIOUS_BUILD = None


def list_contents(corpus: Corpus) -> dict[str, ArticleEntry]:
    """Return what this build contains: seed name -> article entry."""
    return {
        article.source_path: ArticleEntry(
            article.source_path, article.id, article.meta.title, article.meta.date, article.meta.outlet
        )
        for article in corpus.articles
    }


def find_changes(
    previous: Mapping[str, ArticleEntry] | None, remembered: Changes | None, current: Mapping[str, ArticleEntry]
) -> Changes:
    """Return what changed between the previous build's articles and this one's.

    A build that neither adds nor removes an article keeps the changes it remembered, so running the same build
    twice, or a build where only an article's title, date or outlet changed (an edited sources.yml), still shows
    the last change of articles rather than "nothing new"; the entries it lists carry their current metadata.
    An article whose seed stayed but whose title or date changed is neither added nor removed.
    """
    if previous is None:
        return Changes(added=_newest_first(current.values()), removed=(), previous_count=NO_PREVIOUS_BUILD)
    added = [entry for source, entry in current.items() if source not in previous]
    removed = [entry for source, entry in previous.items() if source not in current]
    if remembered is not None and not added and not removed:
        refreshed = [current.get(entry.source, entry) for entry in remembered.added]
        return Changes(_newest_first(refreshed), remembered.removed, remembered.previous_count)
    return Changes(added=_newest_first(added), removed=_newest_first(removed), previous_count=len(previous))


def find_moved(
    previous: Mapping[str, ArticleEntry] | None, remembered: Mapping[str, str], current: Mapping[str, ArticleEntry]
) -> dict[str, ArticleEntry]:
    """Return the article URLs that moved: old article id -> the article now at a new id.

    An article's id comes from its title, so a better title (a new rule, an edited headline) moves its page; links
    to the old address are out there, so it stays as a redirect for as long as the seed does. `remembered` is what
    earlier builds found (old id -> seed name); an old id that is now some article's own id is that article's page.
    """
    moved_from = dict(remembered)
    for source, entry in (previous or {}).items():
        if source in current and current[source].id != entry.id:
            moved_from[entry.id] = source
    taken = {entry.id for entry in current.values()}
    return {
        old_id: current[source]
        for old_id, source in sorted(moved_from.items())
        if source in current and old_id not in taken
    }


def moved_to_json(moved: Mapping[str, ArticleEntry]) -> dict[str, str]:
    """Return the moved URLs as the manifest stores them: old id -> seed name."""
    return {old_id: entry.source for old_id, entry in sorted(moved.items())}


def moved_from_json(data: Any) -> dict[str, str]:
    """Read moved URLs stored by `moved_to_json`; empty when missing or not understood."""
    if not isinstance(data, dict):
        return {}
    return {str(old_id): source for old_id, source in data.items() if isinstance(source, str)}


def _newest_first(entries) -> tuple[ArticleEntry, ...]:
    return tuple(sorted(entries, key=lambda entry: newest_first(entry.date, entry.title, entry.source)))


def contents_to_json(contents: Mapping[str, ArticleEntry]) -> dict[str, Any]:
    """Return the contents as the manifest stores them."""
    return {source: _entry_to_json(entry) for source, entry in sorted(contents.items())}


def contents_from_json(data: Any) -> dict[str, ArticleEntry] | None:
    """Read contents stored by `contents_to_json`; None when there are none (a first build, or an older manifest)."""
    if not isinstance(data, dict):
        return None
    entries = {}
    for source, item in data.items():
        entry = _entry_from_json(item)
        if entry is not None:
            entries[str(source)] = entry
    return entries


def changes_to_json(changes: Changes) -> dict[str, Any]:
    """Return the changes as the manifest stores them."""
    return {
        "added": [_entry_to_json(entry) for entry in changes.added],
        "removed": [_entry_to_json(entry) for entry in changes.removed],
        "previous_count": changes.previous_count,
    }


def changes_from_json(data: Any) -> Changes | None:
    """Read changes stored by `changes_to_json`; None when missing or not understood."""
    if not isinstance(data, dict) or not isinstance(data.get("added"), list) or not isinstance(data.get("removed"), list):
        return None
    count = data.get("previous_count")
    return Changes(
        added=tuple(entry for entry in map(_entry_from_json, data["added"]) if entry is not None),
        removed=tuple(entry for entry in map(_entry_from_json, data["removed"]) if entry is not None),
        previous_count=count if isinstance(count, int) else None,
    )


def _entry_to_json(entry: ArticleEntry) -> dict[str, Any]:
    return {"source": entry.source, "id": entry.id, "title": entry.title, "date": entry.date, "outlet": entry.outlet}


def _entry_from_json(item: Any) -> ArticleEntry | None:
    if not isinstance(item, dict) or not all(isinstance(item.get(key), str) for key in ("source", "id", "title")):
        return None
    optional = {key: item.get(key) if isinstance(item.get(key), str) else None for key in ("date", "outlet")}
    return ArticleEntry(item["source"], item["id"], item["title"], optional["date"], optional["outlet"])


def story_contents(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    """Return this build's stories: story id -> the seed names of its articles (what a story is from build to build)."""
    return {
        story.id: tuple(sorted(corpus.article(article_id).source_path for article_id in story.article_ids))
        for story in corpus.stories
    }


def find_moved_stories(
    previous: Mapping[str, Sequence[str]] | None,
    remembered: Mapping[str, Sequence[str]],
    current: Mapping[str, Sequence[str]],
) -> dict[str, str]:
    """Return the story URLs that moved: old story id -> the id of the story now holding most of its seeds.

    A story's id comes from its lead headline and date, so a corrected date or headline moves its page (and its
    handout). The old address stays a redirect for as long as a story holds any of its seeds; `remembered` is what
    earlier builds found (old id -> seeds). An old id that is some story's own id again is that story's page.
    """
    moved_from = {old_id: tuple(seeds) for old_id, seeds in remembered.items()}
    for old_id, seeds in (previous or {}).items():
        if old_id not in current:
            moved_from[old_id] = tuple(seeds)
    found = {}
    for old_id, seeds in sorted(moved_from.items()):
        if old_id in current:
            continue
        overlap = {story_id: len(set(seeds) & set(members)) for story_id, members in current.items()}
        best = min(overlap, key=lambda story_id: (-overlap[story_id], story_id), default=None)
        if best is not None and overlap[best]:
            found[old_id] = best
    return found


def moved_stories_to_json(
    moved: Mapping[str, str], previous: Mapping[str, Sequence[str]] | None, remembered: Mapping[str, Sequence[str]]
) -> dict[str, list[str]]:
    """Return the moved story URLs as a record stores them: old id -> the seeds the old story held."""
    known = {**remembered, **(previous or {})}
    return {old_id: sorted(known[old_id]) for old_id in sorted(moved) if old_id in known}


def stories_from_json(data: Any) -> dict[str, tuple[str, ...]] | None:
    """Read a record's stories (id -> seed names) or moved stories; None when missing or not understood."""
    if not isinstance(data, dict):
        return None
    return {
        str(story_id): tuple(seed for seed in seeds if isinstance(seed, str))
        for story_id, seeds in data.items()
        if isinstance(seeds, list)
    }
