"""Merge the organisation names every article uses into organisations, across the corpus.

Variants join: a short form an article defines in brackets, initials ("IMF"), a legal form or "the" dropped,
a single word that begins exactly one longer name ("Airbus", "Airbus Industrie") or ends exactly one longer name
of the same article ("the Commission"); configured organisations give their name, aliases and kind.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable, Sequence

from generator.config import Config, EntityConfig
from generator.model import Article, Citation, Organisation, OrganisationMention

from .extract import body_sentences
from generator.text import slugify, with_distinct_ids

_RESERVED_IDS = frozenset({"index"})  # organisations/index.md is the index, never an organisation's page


def organisation_key(name: str, entities: EntityConfig) -> str:
    """Return a name's comparison key: lower case, no full stops or legal form, "the" dropped."""
    words = [word.replace(".", "").replace(",", "").casefold() for word in name.split()]
    words = [word for word in words if word]
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in entities.legal_forms:
        words = words[:-1]
    return " ".join(words)


def build_organisations(articles: Sequence[Article], config: Config) -> tuple[Organisation, ...]:
    """Merge the organisation names every article uses into organisations, most cited first."""
    entities = config.entities
    groups = _Groups()
    kind_of: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for known in config.organisations:
        keys = [organisation_key(form, entities) for form in (known.name, *known.aliases)]
        for key in keys[1:]:
            groups.union(keys[0], key)
        canonical[keys[0]] = known.name
        kind_of[keys[0]] = known.kind
    defined: set[str] = set()  # short forms the text defines in brackets: joined to that name, and no other
    mentions_of = _with_names_found_elsewhere(articles)
    keys_of = {article.id: _mention_keys(mentions_of[article.id], entities) for article in articles}
    for article in articles:
        for mention, key in zip(mentions_of[article.id], keys_of[article.id]):
            groups.add(key)
            if mention.acronym:
                defined.add(organisation_key(mention.acronym, entities))
                groups.union(key, organisation_key(mention.acronym, entities))
            if "|" in key:  # "the Commission" where the article names the European Commission
                groups.union(key, key.split("|", 1)[1])
    _join_initials_and_heads(groups, defined | {key for key in canonical})
    topics_of = {article.id: article.topic_ids for article in articles}
    members: dict[str, list[tuple[Article, OrganisationMention]]] = defaultdict(list)
    for article in articles:
        for mention, key in zip(mentions_of[article.id], keys_of[article.id]):
            members[groups.find(key)].append((article, mention))
    roots_of_known = {groups.find(key): key for key in canonical}
    organisations = []
    for root, found in members.items():
        written = Counter(mention.name for _, mention in found)
        known_key = roots_of_known.get(root)
        name = canonical[known_key] if known_key else _canonical_name(written)
        kinds = Counter(mention.kind for _, mention in found if mention.kind)
        kind = (kind_of.get(known_key) if known_key else "") or (kinds.most_common(1)[0][0] if kinds else "")
        article_ids = list(dict.fromkeys(article.id for article, _ in found))
        topics = Counter(topic for article_id in article_ids for topic in topics_of[article_id])
        forms: dict[str, list[str]] = defaultdict(list)
        citations: list[Citation] = []
        for article, mention in found:
            if mention.name not in forms[article.id]:
                forms[article.id].append(mention.name)
            citation = Citation(mention.sentence, article.id)
            if citation not in citations:
                citations.append(citation)
        organisations.append(Organisation(
            id=slugify(name, 60) or "organisation",
            name=name,
            kind=kind,
            aliases=tuple(sorted({form for form in written if form != name})),
            article_ids=tuple(article_ids),
            topics=tuple(topic for topic, _ in sorted(topics.items(), key=lambda item: (-item[1], item[0]))),
            mentions=tuple(citations),
            forms={article_id: tuple(names) for article_id, names in forms.items()},
        ))
    organisations = with_distinct_ids(
        sorted(organisations, key=lambda organisation: organisation.name.casefold()),
        lambda organisation: f"{organisation.name}|{organisation.article_ids[0]}",
        _RESERVED_IDS,
    )
    organisations.sort(key=lambda item: (-len(item.article_ids), -len(item.mentions), item.name.casefold()))
    return tuple(organisations)


# Mentions found by what the text says of a name ("smartphone brand Doe", "companies such as Doe and Roe"): the
# name is an organisation's in every article, whatever the recogniser reads there.
_TEXT_CUES = frozenset({"context", "list"})


def _with_names_found_elsewhere(articles: Sequence[Article]) -> dict[str, list[OrganisationMention]]:
    """Each article's mentions, plus the names another article's text calls an organisation where this article
    names them without saying so ("state copper giant Roe" in one report, "talks with Roe" in the next), in the
    article's sentences that name no person by those words and no organisation over them."""
    kinds: dict[str, str] = {}
    for article in articles:
        for mention in article.organisations:
            if mention.how in _TEXT_CUES:
                kinds.setdefault(mention.name, mention.kind)
    result = {article.id: list(article.organisations) for article in articles}
    if not kinds:
        return result
    # Names by their first word, longest first: a lookup per capitalised word, linear in the corpus (one pattern of
    # thousands of alternatives is not).
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in sorted(kinds, key=lambda name: (-len(name), name)):
        first = _FIRST_WORD.match(name)
        if first:
            by_first[first.group()].append(name)
    for article in articles:
        people = {mention.name for mention in article.mentions}
        have = {(mention.sentence, mention.name) for mention in article.organisations}
        named = {mention.name for mention in article.organisations}
        for sentence in body_sentences(article.paragraphs):
            for name in _names_in(sentence, by_first):
                if ((sentence, name) in have or any(name in person or person in name for person in people)
                        or any(name != other and name in other for other in named if other in sentence)):
                    continue
                have.add((sentence, name))
                result[article.id].append(OrganisationMention(name, kinds[name], sentence, "elsewhere"))
    return result


_FIRST_WORD = re.compile(r"[A-Z][\w&-]*")
_WORD_START = re.compile(r"(?<![\w&-])[A-Z][\w&-]*")


def _names_in(sentence: str, by_first: dict[str, list[str]]) -> Iterable[str]:
    """The names of `by_first` the sentence holds as whole words, left to right, the longest at each place."""
    free = 0
    for word in _WORD_START.finditer(sentence):
        start = word.start()
        if start < free:
            continue
        for name in by_first.get(word.group(), ()):
            end = start + len(name)
            if sentence.startswith(name, start) and not re.match(r"[\w&-]", sentence[end:end + 1]):
                yield name
                free = end
                break


def _canonical_name(written: Counter[str]) -> str:
    """The fullest form the articles use most: not an acronym when a full name is known, nor a head word that ends
    a longer form ("Commission" of "European Commission"), then most used, longest."""
    def head_word(form: str) -> bool:
        return " " not in form and any(other.endswith(" " + form) for other in written)

    return min(written, key=lambda form: (form.isupper(), head_word(form), -written[form], -len(form.split()), form))


def _mention_keys(mentions: Sequence[OrganisationMention], entities: EntityConfig) -> list[str]:
    """Each mention's key; a one-word mention that is the last word of exactly one longer name of the same article
    ("Commission", "European Commission") gets a key of its own tied to that name ("commission|european
    commission"), so it joins that name here and no other article's."""
    keys = [organisation_key(mention.name, entities) for mention in mentions]
    ending: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        if " " in key:
            ending[key.rsplit(" ", 1)[1]].add(key)
    return [
        f"{key}|{next(iter(ending[key]))}" if " " not in key and len(ending.get(key, ())) == 1 else key
        for key in keys
    ]


def _join_initials_and_heads(groups: _Groups, settled: set[str]) -> None:
    """Join "IMF" to "international monetary fund", and "airbus" to the one longer name it begins, unless the
    text or configuration already said what the short form stands for (`settled`)."""
    keys = sorted(groups.keys())
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        words = key.split()
        if len(words) > 1:
            significant = [word for word in words if word not in {"of", "for", "the", "and", "on", "&"}]
            by_initials["".join(word[0] for word in significant)].append(key)
            by_first_word[words[0]].append(key)
    for key in keys:
        if " " in key or key in settled:
            continue
        if len(by_initials.get(key, ())) == 1 and len(key) >= 2:
            groups.union(by_initials[key][0], key)
        elif len(by_first_word.get(key, ())) == 1:
            groups.union(by_first_word[key][0], key)


class _Groups:
    """Union-find over name keys: the variants of one organisation end up with one root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def keys(self) -> Iterable[str]:
        return self.parent.keys()

    def find(self, key: str) -> str:
        self.add(key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
