"""Fold copies of one text into one article: wire copy republished by several outlets, a story re-sent with a
paragraph changed.

Two articles are copies when most of their five-word runs ("shingles") are the same (Jaccard resemblance at least
`COPY_MIN_RESEMBLANCE`). The earliest (then the first by seed path) stays the article; the others are listed on it
with their outlet, date, address and what each changed, and count nowhere else: not in topics, people, stories or
the home page's numbers. Shingles shared by many articles (a sign-off, a disclaimer) are not looked up, so the
work stays linear in the corpus.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from typing import Sequence

from .extract import body_sentences
from generator.model import Article, Copy

COPY_MIN_RESEMBLANCE = 0.6
SHINGLE_WORDS = 5
MIN_SHINGLES = 60  # texts shorter than about 65 words say too little to call two of them one text
COMMON_SHINGLE_ARTICLES = 20  # a run in more articles than this is boilerplate, not evidence of copying
CHANGED_SENTENCES = 3  # sentences listed per copy as added or dropped
_WORD = re.compile(r"\w+")


def fold_copies(articles: Sequence[Article]) -> tuple[list[Article], dict[str, tuple[Copy, ...]]]:
    """Return the articles with copies folded away, and for each kept article id the copies it stands for."""
    shingles = [_shingles(article) for article in articles]
    postings: dict[int, list[int]] = defaultdict(list)
    for position, found in enumerate(shingles):
        if len(found) >= MIN_SHINGLES:
            for shingle in found:
                postings[shingle].append(position)
    shared: Counter[tuple[int, int]] = Counter()
    for positions in postings.values():
        if 1 < len(positions) <= COMMON_SHINGLE_ARTICLES:
            for index, first in enumerate(positions):
                for second in positions[index + 1 :]:
                    shared[(first, second)] += 1
    parent = list(range(len(articles)))

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for (first, second), count in sorted(shared.items()):
        union = len(shingles[first]) + len(shingles[second]) - count
        if count / union >= COPY_MIN_RESEMBLANCE:
            a, b = root(first), root(second)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[Article]] = defaultdict(list)
    for position, article in enumerate(articles):
        groups[root(position)].append(article)
    kept: list[Article] = []
    copies: dict[str, tuple[Copy, ...]] = {}
    for members in groups.values():
        original, *others = sorted(members, key=_first_published)
        kept.append(original)
        if others:
            copies[original.id] = tuple(_copy(original, other) for other in others)
    order = {id(article): position for position, article in enumerate(articles)}
    kept.sort(key=lambda article: order[id(article)])
    return kept, copies


def _first_published(article: Article) -> tuple:
    return (article.meta.date is None, article.meta.date or "", article.source_path)


def _shingles(article: Article) -> frozenset[int]:
    words = _WORD.findall(" ".join(article.paragraphs).casefold())
    return frozenset(
        zlib.crc32(" ".join(words[index : index + SHINGLE_WORDS]).encode("utf-8"))
        for index in range(max(len(words) - SHINGLE_WORDS + 1, 0))
    )


def _copy(original: Article, other: Article) -> Copy:
    """Describe `other` as a copy of `original`: where and when it appeared, and the sentences it changed."""
    theirs = body_sentences(other.paragraphs)
    ours = body_sentences(original.paragraphs)
    mine, yours = set(ours), set(theirs)
    return Copy(
        source_path=other.source_path,
        article_id=other.id,
        title=other.meta.title,
        outlet=other.meta.outlet,
        date=other.meta.date,
        url=other.meta.url,
        added=tuple(sentence for sentence in theirs if sentence not in mine)[:CHANGED_SENTENCES],
        dropped=tuple(sentence for sentence in ours if sentence not in yours)[:CHANGED_SENTENCES],
    )
