"""What's new: compare the articles of this build with those of the previous one (remembered in the manifest)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

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

    A build whose articles are the same as the previous one's keeps the changes it remembered, so running the
    same build twice shows the same "what's new" (and writes the same pages) rather than "nothing new".
    An article whose seed stayed but whose title or date changed is neither added nor removed.
    """
    if previous is None:
        return Changes(added=_newest_first(current.values()), removed=(), previous_count=NO_PREVIOUS_BUILD)
    if remembered is not None and dict(previous) == dict(current):
        return remembered
    added = [entry for source, entry in current.items() if source not in previous]
    removed = [entry for source, entry in previous.items() if source not in current]
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
