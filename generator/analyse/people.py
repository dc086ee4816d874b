"""Merge the name forms every article uses into people: canonical name, aliases, roles by article, mentions.

Forms merge when their surnames agree and their given names or initials do ("Dr. J. Q. Doe", "J Q Doe"); a surname
alone or a unique first name then refers to that person in every article, and a word two people share is left
unlinked rather than guessed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from typing import Iterator, Sequence

from generator.config import Config, EntityConfig, KnownPerson
from .entities import name_key
from .extract import body_sentences
from generator.model import Article, Citation, Person, PersonRole, Quote
from .organisations import bare_legal_forms, legal_form_key
from generator.text import slugify, with_distinct_ids

_RESERVED_IDS = frozenset({"index"})  # people/index.md is the who's who, never a person's page
_WORD = re.compile(r"(?<![\w.])[^\W\d_][\w'’-]*")
_WORD_PARTS = re.compile(r"['’-]")  # "Rao's" and "Rao-led" hold the surname "Rao" too


# Mentions only a person gets (a title or honorific before the name, the configured people): a company is never
# "Mr Jane Doe" or "chairman Jane Doe".
_PERSON_ONLY = frozenset({"title", "honorific", "known"})
_TOKEN = re.compile(r"[\w'’.&-]+")
_JOINERS = frozenset({"and", "&"})  # "Doe and Co", "Doe & Co"
_LIST_JOINERS = frozenset({"", "and", "or", "as well as"})  # "A B, C D and E F": one list
# A stock ticker right after a name: wire style "<ACME>", "(ACME.N)", "(NYSE: ACME)".
_TICKER = re.compile(r"\s*(?:<[A-Z]{1,6}(?: [A-Z]{1,3})?>|\([A-Z]{1,6}\.[A-Z]{1,2}\)|\((?:NYSE|Nasdaq|NASDAQ|[A-Z]{2,4})\s*:\s*[A-Z.]{1,8}\))")
_SUB_RUN = 2  # the shortest run of words that can be a person's full name
_AFTER_WORDS = 4  # words read after a run: "and C. S.p.A."


def company_names(articles: Sequence[Article], entities: EntityConfig) -> frozenset[tuple[str, ...]]:
    """Return the name keys the corpus writes as (part of) a company's name, every run of two or more words of it.

    A name is a firm's where the text gives it a legal form ("Jane Doe Holdings Inc", "Doe Roe and Co"), a stock
    ticker ("Doe Roe <DRX>"), a company's word after it ("Doe Roe Worldwide Chairman Ann Lee", "Doe Roe
    shareholders") or a company's context before it ("a unit of Doe Roe"), the last two from configuration
    (`entities.company_after`, `entities.company_before`). Firms named after their founders are the
    recogniser's commonest false people; one such sentence anywhere in the corpus settles it.
    """
    found: set[tuple[str, ...]] = set()
    for article in articles:
        # A headline's legal forms and tickers count too ("DOE ROE <DRX> SEES LOSS"); its words in capitals do not.
        texts = [(article.meta.title, False), *((paragraph, True) for paragraph in article.paragraphs)]
        for text, prose in texts:
            listed = False  # the run before was a firm named in a list ("companies such as A B and C D")
            for run, before, after, rest, gap in _capitalised_runs(text):
                firm = _firm_part(run, before, after, rest, entities, prose)
                if not firm and listed and prose and gap.strip(" ,") in _LIST_JOINERS:
                    firm = run
                listed = bool(firm) and prose
                found.update(
                    name_key(firm[start:stop])
                    for start in range(len(firm))
                    for stop in range(start + _SUB_RUN, len(firm) + 1)
                )
    return frozenset(found)


def _capitalised_runs(paragraph: str) -> Iterator[tuple[list[str], str, list[str], str, str]]:
    """Yield each run of capitalised words with the three words before it, a few after it, the text after it and
    the text between it and the run before.

    Only spaces or brackets may separate a run's words; a comma, or a word ending a sentence, ends it.
    """
    tokens = [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(paragraph)]
    position = 0
    previous_end = 0
    while position < len(tokens):
        if not tokens[position][0][0].isupper():
            position += 1
            continue
        end = position
        while (
            end + 1 < len(tokens)
            and tokens[end + 1][0][0].isupper()
            and not paragraph[tokens[end][2] : tokens[end + 1][1]].strip(" ()")
            and not (tokens[end][0].endswith(".") and len(tokens[end][0]) > 2)  # "J." is an initial
        ):
            end += 1
        before = " ".join(word for word, _, _ in tokens[max(0, position - 3) : position]).casefold()
        adjacent = end + 1 < len(tokens) and not paragraph[tokens[end][2] : tokens[end + 1][1]].strip()
        after = [word for word, _, _ in tokens[end + 1 : end + 1 + _AFTER_WORDS]] if adjacent else []
        gap = paragraph[previous_end : tokens[position][1]]
        yield [word for word, _, _ in tokens[position : end + 1]], before, after, paragraph[tokens[end][2] :], gap
        previous_end = tokens[end][2]
        position = end + 1


def _firm_part(
    run: list[str], before: str, after: list[str], rest: str, entities: EntityConfig, prose: bool
) -> list[str]:
    """Return the words of a capitalised run that name a firm (the words before its legal form), else [].

    In a headline (not `prose`) only legal forms and tickers count: its capitals hide which words are titles.
    """
    legal_forms = bare_legal_forms(entities.legal_forms)
    for index, word in enumerate(run):
        if index and legal_form_key(word) in legal_forms:
            return run[:index]
        if index and prose and word.casefold() in entities.company_after:
            return run[:index]  # "Doe Roe Worldwide Chairman Ann Lee"
    following = [word.casefold() for word in after]
    if following and following[0] in _JOINERS and any(legal_form_key(word) in legal_forms for word in following[1:]):
        return run  # "Doe Roe and Co", "Doe Roe and C. S.p.A."
    if _TICKER.match(rest):
        return run
    if prose and (following and following[0] in entities.company_after or before.endswith(entities.company_before)):
        return run
    return []


class _ArticleIndex:
    """One article's sentences, and its roles and quotes by name, so each person's lookups are dictionary hits."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sentences = body_sentences(article.paragraphs)
        self.role_of: dict[tuple[str, ...], tuple[int, str]] = {}  # name key -> (first mention with a role, role)
        for number, mention in enumerate(article.mentions):
            if mention.role:
                self.role_of.setdefault(name_key(mention.name.split()), (number, mention.role))
        self.quotes_by_speaker: dict[str, list[int]] = defaultdict(list)
        self.quotes_by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for number, quote in enumerate(article.quotes):
            self.quotes_by_speaker[quote.speaker].append(number)
            self.quotes_by_key[name_key(quote.speaker.split())].append(number)


def build_people(articles: Sequence[Article], config: Config) -> tuple[Person, ...]:
    """Merge the name forms every article uses into people, with roles, mentions and quotes, most cited first."""
    clusters = _Clusters(config.people)
    companies = company_names(articles, config.entities)
    for article in articles:
        for mention in article.mentions:
            if len(mention.name.split()) > 1:
                if mention.how not in _PERSON_ONLY and name_key(mention.name.split()) in companies:
                    continue  # "Jane Doe Holdings Inc" elsewhere: the recogniser's "Jane Doe" here is the firm
                clusters.add_full(mention.name)
    for article in articles:
        present = {mention.name for mention in article.mentions}
        for mention in article.mentions:
            if len(mention.name.split()) == 1:
                clusters.add_single(mention.name, present, strong=mention.how in ("title", "known"))
    forms_by_cluster = clusters.forms()
    # Scan for a person's forms only in the sentences holding one of their words: linear in the corpus, not
    # people × sentences (one article naming a thousand people would otherwise be quadratic).
    indexed = [_ArticleIndex(article) for article in articles]
    sentences_with: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for position, index in enumerate(indexed):
        for number, sentence in enumerate(index.sentences):
            for word in _WORD.findall(sentence):
                for part in {word, *_WORD_PARTS.split(word)}:
                    sentences_with[part.casefold()].add((position, number))
    people = []
    for cluster_id, forms in forms_by_cluster.items():
        found: dict[int, set[int]] = defaultdict(set)
        for key in forms:
            # Every form of a name holds every word of its key: the rarest word finds all its sentences, and a
            # surname a thousand people share costs nothing more than a given name only one of them has.
            indexed_words = [sentences_with[word] for word in key if word in sentences_with]
            for position, number in min(indexed_words, key=len, default=sentences_with.get(key[-1], ())):
                found[position].add(number)
        candidates = [(indexed[position], sorted(found[position])) for position in sorted(found)]
        person = _person(cluster_id, forms, clusters, candidates)
        if person is None:
            continue
        people.append(person)
    # Two people whose names make the same slug (or a name with no letters) still get pages of their own.
    people = with_distinct_ids(people, lambda person: f"{person.name}|{person.article_ids[0]}", _RESERVED_IDS)
    people.sort(key=lambda person: (-len(person.article_ids), -len(person.mentions), person.name.casefold()))
    return tuple(people)


class _Clusters:
    """Groups of name forms that refer to one person (a small union of compatible full names).

    Indexed by key, surname and first name, so adding a name looks only at the clusters that could take it:
    linear in the mentions, not mentions × people.
    """

    def __init__(self, people: Sequence[KnownPerson]) -> None:
        self.members: list[set[tuple[str, ...]]] = []
        self.written: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        self.configured: dict[int, KnownPerson] = {}
        self._cluster_of: dict[tuple[str, ...], int] = {}
        # (position, word) -> clusters holding a full name with that word there: -1 the surname, 0 the first name.
        self._with_word: dict[tuple[int, str], list[int]] = defaultdict(list)
        # (surname, first name) and (surname, first letter of the first name) -> clusters with such a full name.
        self._with_first: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._with_initial: dict[tuple[str, str], set[int]] = defaultdict(set)
        for person in people:
            cluster = self._new(name_key(person.name.split()), person.name)
            self.configured[cluster] = person
            for alias in person.aliases:
                self._join(cluster, name_key(alias.split()))
                self.written[name_key(alias.split())][alias] += 1

    def _new(self, key: tuple[str, ...], written: str) -> int:
        cluster = self._add_cluster(key)
        self.written[key][written] += 1
        return cluster

    def _add_cluster(self, key: tuple[str, ...]) -> int:
        self.members.append(set())
        self._join(len(self.members) - 1, key)
        return len(self.members) - 1

    def _join(self, cluster: int, key: tuple[str, ...]) -> None:
        self.members[cluster].add(key)
        self._cluster_of.setdefault(key, cluster)
        if len(key) > 1:
            for position in (-1, 0):
                holders = self._with_word[(position, key[position])]
                if cluster not in holders:
                    bisect.insort(holders, cluster)
            self._with_first[(key[-1], key[0])].add(cluster)
            self._with_initial[(key[-1], key[0][0])].add(cluster)

    def find(self, key: tuple[str, ...]) -> int | None:
        return self._cluster_of.get(key)

    def add_full(self, name: str) -> None:
        key = name_key(name.split())
        self.written[key][name] += 1
        if self.find(key) is not None:
            return
        compatible = sorted(self._compatible_clusters(key))
        if len(compatible) == 1:
            self._join(compatible[0], key)
        else:
            self._add_cluster(key)

    def _compatible_clusters(self, key: tuple[str, ...]) -> set[int]:
        """Return the clusters holding a full name that can be the same person as `key`, looked up, not scanned.

        Two full names can be one person when their surnames agree and their first given names are equal, or one
        is an initial of the other. Indexed by (surname, first name) and (surname, initial), so a surname shared
        by thousands costs a lookup each.
        """
        if len(key) < 2:
            return set()
        surname, first = key[-1], key[0]
        if len(first) == 1:  # an initial fits every first name starting with it
            return set(self._with_initial.get((surname, first), ()))
        return set(self._with_first.get((surname, first), ())) | set(self._with_first.get((surname, first[0]), ()))

    def add_single(self, name: str, present: set[str], strong: bool) -> None:
        key = name_key([name])
        self.written[key][name] += 1
        if self.find(key) is not None:
            return
        match = self._single_match(key[0], present)
        if match is not None:
            self._join(match, key)
        elif strong:
            self._add_cluster(key)

    def _single_match(self, word: str, present: set[str]) -> int | None:
        for position in (-1, 0):  # surname first, then a first name
            candidates = list(self._with_word.get((position, word), ()))
            if len(candidates) > 1:
                present_keys = {name_key(name.split()) for name in present}
                candidates = [index for index in candidates if self.members[index] & present_keys]
            if len(candidates) == 1:
                return candidates[0]
            if candidates:
                return None  # several people share the word here: leave it unlinked rather than guess
        return None

    def forms(self) -> dict[int, set[tuple[str, ...]]]:
        """Return each cluster's keys, with a full name's surname added when no other cluster claims it."""
        surnames: Counter[str] = Counter()
        for members in self.members:
            surnames.update({member[-1] for member in members if len(member) > 1})
        result = {}
        for index, members in enumerate(self.members):
            keys = set(members)
            for member in members:
                if len(member) > 1 and surnames[member[-1]] == 1:
                    keys.add((member[-1],))
            result[index] = keys
        # A single word claimed by two clusters is dropped from both: it cannot be told apart.
        owners: Counter[tuple[str, ...]] = Counter()
        for keys in result.values():
            owners.update(key for key in keys if len(key) == 1)
        return {index: {key for key in keys if len(key) > 1 or owners[key] == 1} for index, keys in result.items()}


def _person(
    cluster: int, keys: set[tuple[str, ...]], clusters: _Clusters, articles: Sequence[tuple[_ArticleIndex, list[int]]]
) -> Person | None:
    """Return the person a cluster of name forms is, from the candidate sentences of each article; None if unused."""
    configured = clusters.configured.get(cluster)
    patterns = _form_patterns(keys, clusters)
    mentions: list[Citation] = []
    article_ids: list[str] = []
    forms: dict[str, tuple[str, ...]] = {}
    roles: list[PersonRole] = []
    quotes: list[tuple[Quote, str]] = []
    topic_counts: Counter[str] = Counter()
    usage: Counter[str] = Counter()
    for index, numbers in articles:
        article = index.article
        used: list[str] = []
        sentences = []
        for number in numbers:
            sentence = index.sentences[number]
            found = [match.group(0) for match in patterns.finditer(sentence)]
            if found:
                sentences.append(sentence)
                used.extend(found)
        if not sentences:
            continue
        if all(" " not in form for form in used) and not _named_alone(article, used):
            continue  # a lone "Michael" or "Brazil" is this person only where a full name or the text says so
        article_ids.append(article.id)
        mentions.extend(Citation(sentence, article.id) for sentence in dict.fromkeys(sentences))
        forms[article.id] = tuple(sorted(set(used), key=lambda form: (-len(form), form)))
        usage.update(used)
        topic_counts.update(article.topic_ids)
        role = min((index.role_of[key] for key in keys if key in index.role_of), default=(0, ""))[1]
        if role:
            roles.append(PersonRole(article.id, article.meta.date, role))
        numbers_quoted = {number for form in set(used) for number in index.quotes_by_speaker.get(form, ())}
        numbers_quoted.update(number for key in keys for number in index.quotes_by_key.get(key, ()))
        quotes.extend((article.quotes[number], article.id) for number in sorted(numbers_quoted))
    if not article_ids:
        return None
    name = configured.name if configured else _canonical(keys, clusters, usage)
    aliases = sorted({form for form in usage if form != name} | set(configured.aliases if configured else ()), key=str.casefold)
    role = configured.role if configured and configured.role else _headline_role(roles)
    topics = tuple(topic for topic, _ in sorted(topic_counts.items(), key=lambda item: (-item[1], item[0])))
    return Person(
        id=slugify(name, 60) or "person",
        name=name,
        aliases=tuple(aliases),
        role=role,
        roles=tuple(roles),
        article_ids=tuple(article_ids),
        topics=topics,
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        forms=forms,
    )


def _named_alone(article: Article, forms: Sequence[str]) -> bool:
    """Whether the article names a person by one of these single words (its own mention, not another name's part)."""
    words = {form.casefold() for form in forms}
    return any(mention.name.casefold() in words for mention in article.mentions)


def _form_patterns(keys: set[tuple[str, ...]], clusters: _Clusters) -> re.Pattern[str]:
    """Compile every written form of the cluster's names into one case-sensitive, word-bounded pattern."""
    written = set()
    for key in keys:
        written.update(clusters.written.get(key, ()))
        if len(key) == 1 and not clusters.written.get(key):
            # A surname the text never used alone: match it in the case a full form writes it.
            for other in keys:
                for form in clusters.written.get(other, ()):
                    last = form.split()[-1]
                    if last.casefold() == key[0]:
                        written.add(last)
    alternatives = []
    for form in sorted(written, key=lambda form: (-len(form), form)):
        parts = [re.escape(part.rstrip(".")) + (r"\.?" if len(part.rstrip(".")) == 1 or part.endswith(".") else "")
                 for part in form.split()]
        alternatives.append(r"\s+".join(parts))
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w])")


def _canonical(keys: set[tuple[str, ...]], clusters: _Clusters, usage: Counter[str]) -> str:
    """Return the fullest commonly used form: the most used multi-word form, longest on a tie."""
    candidates: Counter[str] = Counter()
    for key in keys:
        for form, count in clusters.written.get(key, Counter()).items():
            candidates[form] += count + usage.get(form, 0)
    full = {form: count for form, count in candidates.items() if len(form.split()) > 1}
    pool = full or candidates
    return sorted(pool.items(), key=lambda item: (-len(item[0].split()), -item[1], item[0].count("."), item[0]))[0][0]


def _headline_role(roles: Sequence[PersonRole]) -> str:
    """Return the role the newest dated article gives, else the most common one (longest on a tie)."""
    dated = sorted((role for role in roles if role.date), key=lambda role: role.date or "", reverse=True)
    counts = Counter(role.role for role in roles)
    if not counts:
        return ""
    chosen = dated[0].role if dated else sorted(counts.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[0][0]
    # "minister" in the newest article and "Trade Minister" in an older one: the fuller wording of the
    # same role is the more useful.
    fuller = [role for role in counts if len(role) > len(chosen) and role.casefold().endswith(chosen.casefold())]
    if fuller:
        chosen = sorted(fuller, key=lambda role: (-counts[role], -len(role), role))[0]
    # The same words written in title case elsewhere read better than a lower-case mention.
    same = sorted(role for role in counts if role.casefold() == chosen.casefold() and role[:1].isupper())
    return same[0] if same else chosen
