"""Group coverage of the same event into stories, and compare the sources: agreement, single-source details,
claim-level corroboration and differing figures.

Two articles are one story when they are alike in words, name the same people and give the same dates (a
month-day such as "March 3" counts even in an undated article). Being alike is not enough: they must also share
who or where, a person or a distinctive name in their headline or lead, so reports built on one template
("<COMPANY> 4TH QTR NET", "<COUNTRY> PRICES RISE") about different companies or countries stay apart; and two
reports whose headlines lead with different names, each naming one the other never mentions, are two events (two
firms' offerings of one kind); nor are two reports whose headlines each name a company (as a company, not a
word) that the other report never names. Clustering is average-link over the most similar pairs, so one loose pair cannot
chain two stories together.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from typing import Sequence

from generator.config import Config
from .dates import MONTH_NAMES, WEEKDAYS, calendar_date, resolve_dates
from .extract import body_sentences
from .organisations import bare_legal_forms, legal_form_key
from generator.model import Article, Citation, Claim, Corpus, Difference, Fact, Person, Story
from .quotes import QUOTED
from generator.text import STOPWORDS, content_words, descending, short_hash, slugify, with_distinct_ids

# Each shared person and each shared month-day adds this much to two articles' word similarity, up to the caps.
PERSON_BONUS = 0.05
PERSON_BONUS_CAP = 3
DATE_BONUS = 0.1
DATE_BONUS_CAP = 2
# Sentences shorter than this (words) are not compared: too little to say whether two report the same thing.
FACT_MIN_WORDS = 6
FACT_MIN_SHARED_WORDS = 3
# A sentence whose best match elsewhere shares less than this is a detail only its source reports.
SINGLE_SOURCE_MAX_OVERLAP = 0.25
SINGLE_SOURCE_PER_ARTICLE = 5
SINGLE_SOURCE_MIN_DETAIL = 3

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)
_MONEY = re.compile(
    r"(?:US\$|\$|₹|Rs\.?\s?|€|£)\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(million|billion|trillion|crore|lakh|bn|mn)\b)?",
    re.IGNORECASE,
)
# A name ("Acme", "Nairobi") in an article's headline or lead is distinctive when at most this many articles
# (or this share of the corpus, if larger) name it; more, and it is a template word ("Qtr", "Net") or ubiquitous.
NAME_MAX_ARTICLES = 3
NAME_MAX_SHARE = 0.02
_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’&.-]*[\w]")
_CALENDAR = frozenset(
    {name.lower() for name in (*MONTH_NAMES, *WEEKDAYS)} | {name[:3].lower() for name in (*MONTH_NAMES, *WEEKDAYS)}
    | {"sept", "tues", "thur", "thurs"}
)
_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’&-]*")
# A firm is compared by its name's words: at least this many ("Bank" alone says nothing of which bank).
_FIRM_MIN_WORDS = 2
_FIRM_KINDS = frozenset({"company", ""})
_BRACKETED = re.compile(r"<([^<>]{3,80})>")
# A headline's firm is its opening words up to a legal form, at most this many words in.
_LEGAL_FORM_WITHIN = 6
_NAME_OR_WORD = re.compile(r"(?<![\w'’])[^\W\d_](?:[\w'’&.-]*\w)?")
_SENTENCE_ENDS = frozenset({"", ".", "!", "?", ":", '"', "“", "”", "'", "—", "-"})

_DIGIT = re.compile(r"\d")
_COUNTED = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)-(day|week|month|year|member|nation"
    r"|country|point|hour|minute)\b",
    re.IGNORECASE,
)
def cluster_stories(corpus: Corpus, people: Sequence[Person], config: Config) -> tuple[Story, ...]:
    """Return the stories of the corpus (two or more articles each), newest first."""
    articles = corpus.articles
    if len(articles) < 2:
        return ()
    settings = config.stories
    people_of: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for article_id in person.article_ids:
            people_of[article_id].add(person.id)
    days_of = {article.id: _month_days(article) for article in articles}
    names_of, headline_names_of, subject_of = _distinctive_names(articles, config.entities.legal_forms)
    words_of = {article.id: _name_keys(article) for article in articles}
    headline_words_of = {article.id: _headline_words(article) for article in articles}
    bare_forms = bare_legal_forms(config.entities.legal_forms)
    firm_names_of = {article.id: _firm_names(article, bare_forms) for article in articles}
    headline_firms_of = {
        article.id: _headline_firms(article, firm_names_of[article.id], bare_forms) for article in articles
    }
    firms_of = {
        article.id: frozenset(map(tuple, firm_names_of[article.id])) | headline_firms_of[article.id]
        for article in articles
    }
    scores: dict[tuple[str, str], float] = {}
    apart: set[tuple[str, str]] = set()  # pairs about different entities: never in one story, whatever joins them
    for article in articles:
        for other_id, similarity in corpus.similar.get(article.id, ()):
            pair = (min(article.id, other_id), max(article.id, other_id))
            if pair in scores or not _close_in_time(article, corpus.article(other_id), settings.max_days_apart):
                continue
            shared_people = len(people_of[article.id] & people_of[other_id])
            shared_names = names_of[article.id] & names_of[other_id]
            if not shared_people and not shared_names & (headline_names_of[article.id] | headline_names_of[other_id]):
                # Alike in words only (one template about different companies, places or people), or sharing only
                # a bystander of both leads (a listing place, a lead manager) that neither headline is about.
                continue
            if (
                subject_of[article.id] != subject_of[other_id]
                and headline_names_of[article.id] - words_of[other_id]
                and headline_names_of[other_id] - words_of[article.id]
            ):
                # The headlines lead with different names, and each names one the other report never mentions: two
                # firms' results or offerings of one kind, not one event.
                apart.add(pair)
                continue
            this_firm_apart = _different_firms(headline_firms_of[article.id], firms_of[other_id])
            other_firm_apart = _different_firms(headline_firms_of[other_id], firms_of[article.id])
            if (this_firm_apart and (other_firm_apart or headline_words_of[other_id] - words_of[article.id])) or (
                other_firm_apart and headline_words_of[article.id] - words_of[other_id]
            ):
                # Each headline is about a company the other report never names (or one headline's company is
                # never named by the other, whose headline names what the first never mentions): one template
                # ("<X> YEAR LOSS", "X FUND SETS PAYOUT") about two firms, whatever words of their names they share.
                apart.add(pair)
                continue
            shared_days = len(days_of[article.id] & days_of[other_id])
            scores[pair] = (
                similarity
                + PERSON_BONUS * min(shared_people, PERSON_BONUS_CAP)
                + DATE_BONUS * min(shared_days, DATE_BONUS_CAP)
            )
    groups = _average_link(scores, settings.min_score, apart)
    stories = [_story(tuple(corpus.article(article_id) for article_id in group), scores, settings.min_fact_overlap) for group in groups]
    stories = with_distinct_ids(stories, lambda story: story.article_ids[0])
    stories.sort(key=lambda story: (_newest(story, corpus), story.id))
    return tuple(stories)


def _distinctive_names(
    articles: Sequence[Article], legal_forms: frozenset[str] = frozenset()
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, str | None]]:
    """Return each article's distinctive names: proper names in its headline and lead that few articles use;
    those of them in its headline (what the report is about); and the first of those (whom it leads with).

    A word is a proper name when the corpus writes it capitalised inside sentences more often than in lower case
    (so a headline's "Issues" or "Quarterly" is not one), or it is written in capitals ("IMF", a ticker). The
    dateline is left out: where a report was filed is not what it is about; so are legal forms ("Inc", "Ltd").
    """
    capitalised: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for article in articles:
        for paragraph in article.paragraphs:
            for match in _WORD.finditer(paragraph):
                word = match.group()
                if word[0].islower():
                    lower[_name_key(word)] += 1
                elif match.start() and paragraph[match.start() - 2 : match.start()].strip() not in _SENTENCE_ENDS:
                    capitalised[_name_key(word)] += 1
    found = {}
    for article in articles:
        lead = " ".join([article.meta.title, *article.paragraphs[:2]])
        dateline = article.meta.dateline
        if dateline:
            lead = lead.replace(dateline, " ", 1)
        names = set()
        for match in _NAME.finditer(lead):
            word = match.group().rstrip(".")
            key = _name_key(word)
            if key in STOPWORDS or key in _CALENDAR or key in legal_forms or len(key) < 2:
                continue
            # A word in capitals is a name ("IMF", a ticker) unless the corpus writes it in lower case too: "DLS"
            # in a table of figures is the "dls" (dollars) of prose.
            if (word.isupper() and not lower[key]) or capitalised[key] > lower[key]:
                names.add(key)
        found[article.id] = names
    counts = Counter(name for names in found.values() for name in names)
    limit = max(NAME_MAX_ARTICLES, NAME_MAX_SHARE * len(articles))
    distinctive = {
        article_id: frozenset(name for name in names if counts[name] <= limit) for article_id, names in found.items()
    }
    in_headline: dict[str, tuple[str, ...]] = {}
    for article in articles:
        keys = (_name_key(match.group().rstrip(".")) for match in _NAME.finditer(article.meta.title))
        in_headline[article.id] = tuple(dict.fromkeys(key for key in keys if key in distinctive[article.id]))
    return (
        distinctive,
        {article_id: frozenset(names) for article_id, names in in_headline.items()},
        {article_id: names[0] if names else None for article_id, names in in_headline.items()},
    )


def _firm_names(article: Article, bare_forms: frozenset[str]) -> list[list[str]]:
    """The companies (and bodies of no known kind) the article names, each as its name's words in order, legal
    forms left out ("Mark Resources Inc" and "Mark Resources" are one firm)."""
    names = []
    for mention in article.organisations:
        if mention.kind in _FIRM_KINDS:
            words = [key for word in _WORD.findall(mention.name) if (key := _name_key(word)) not in bare_forms]
            if words:
                names.append(words)
    return names


def _headline_firms(
    article: Article, firm_names: Sequence[list[str]], bare_forms: frozenset[str]
) -> frozenset[tuple[str, ...]]:
    """Whom the report is about: the article's firms whose name (or its first words: "Lawrence Insurance" of
    "Lawrence Insurance Group") the headline holds, and the firms the headline names itself (a name in angle
    brackets, as wires mark companies; the capitalised words before a legal form)."""
    title = article.meta.original_title or article.meta.title
    headline = {_name_key(word) for word in _WORD.findall(title)}
    found = {
        tuple(words) for words in firm_names
        if len(set(words)) >= _FIRM_MIN_WORDS and set(words[:_FIRM_MIN_WORDS]) <= headline
    }
    parts = [*_BRACKETED.findall(title), *(_before_legal_form(part, bare_forms) for part in title.split("<"))]
    for part in parts:
        words = [key for word in _WORD.findall(part) if (key := _name_key(word)) not in bare_forms]
        if len(words) >= _FIRM_MIN_WORDS:
            found.add(tuple(words))
    return frozenset(found)


def _before_legal_form(text: str, bare_forms: frozenset[str]) -> str:
    """The capitalised words opening `text` up to a legal form ("PIONEER SAVINGS BANK INC 2ND QTR NET"), else ""."""
    words = text.split()
    for index, word in enumerate(words[: _LEGAL_FORM_WITHIN + 1]):
        if not word[:1].isupper():
            break
        if index and legal_form_key(word) in bare_forms:
            return " ".join(words[:index])
    return ""


def _different_firms(headline_firms: frozenset[tuple[str, ...]], other_firms: frozenset[tuple[str, ...]]) -> bool:
    """Whether a headline names a firm that the other article names in no form: a shorter or longer form counts
    when its words run on in order ("Mark Resources", "Mark Resources Corp"); "Doe Insured Tax-Free Fund" is not a
    form of "Doe Ohio Insured Tax-Free Fund"."""
    return any(
        not any(_runs_in(firm, other) or (len(other) >= _FIRM_MIN_WORDS and _runs_in(other, firm))
                for other in other_firms)
        for firm in headline_firms
    )


def _runs_in(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether `part`'s words occur in `whole` one after another."""
    return any(whole[start:start + len(part)] == part for start in range(len(whole) - len(part) + 1))


def _name_key(word: str) -> str:
    """One spelling of a name for comparing: lower case, without dots or a possessive ("U.K." and "UK", "Acme's"
    and "Acme" are one name)."""
    key = word.lower().replace(".", "")
    return key[:-2] if key.endswith(("'s", "’s")) else key


def _headline_words(article: Article) -> frozenset[str]:
    """The headline's words of three letters or more, stop words aside."""
    title = article.meta.original_title or article.meta.title
    return frozenset(key for word in _WORD.findall(title) if len(key := _name_key(word)) >= 3 and key not in STOPWORDS)


def _name_keys(article: Article) -> frozenset[str]:
    """Every word of the article's headline and text as a name key: what it mentions at all."""
    return frozenset(
        _name_key(match.group())
        for text in (article.meta.title, *article.paragraphs)
        for match in _NAME_OR_WORD.finditer(text)
    )


def _close_in_time(first: Article, second: Article, max_days: int) -> bool:
    if not first.meta.date or not second.meta.date:
        return True
    return abs((date.fromisoformat(first.meta.date) - date.fromisoformat(second.meta.date)).days) <= max_days


def _month_days(article: Article) -> set[str]:
    """Return the month-days ("March 3") the article names, resolved or not: shared event dates of a story."""
    days = set()
    for dated in article.dated:
        for mention in dated.mentions:
            if mention.precision == "day":
                days.update(filter(None, [calendar_date(mention)]))
    return days


def _average_link(
    scores: dict[tuple[str, str], float], threshold: float, apart: set[tuple[str, str]] = frozenset()
) -> list[list[str]]:
    """Merge articles into groups, strongest pair first, while a group's average pair score stays at the threshold
    and no two of its articles are about different entities (`apart`)."""
    group_of: dict[str, int] = {}
    groups: dict[int, list[str]] = {}
    for (first, second), score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if score < threshold:
            break
        for article_id in (first, second):
            if article_id not in group_of:
                group_of[article_id] = len(group_of)
                groups[group_of[article_id]] = [article_id]
        a, b = group_of[first], group_of[second]
        if a == b:
            continue
        crossing = [(min(x, y), max(x, y)) for x in groups[a] for y in groups[b]]
        if any(pair in apart for pair in crossing):
            continue
        pairs = [scores.get(pair, 0.0) for pair in crossing]
        if sum(pairs) / len(pairs) < threshold:
            continue
        for article_id in groups[b]:
            group_of[article_id] = a
        groups[a].extend(groups.pop(b))
    return [sorted(members) for members in groups.values() if len(members) > 1]


def _story_order(article: Article) -> tuple:
    return (article.meta.date is None, article.meta.date or "", article.source_path)


def _newest(story: Story, corpus: Corpus) -> tuple:
    dates = [corpus.article(article_id).meta.date for article_id in story.article_ids if corpus.article(article_id).meta.date]
    newest = max(dates) if dates else ""
    return (descending(newest) if newest else "\U0010ffff",)


def _story(members: Sequence[Article], scores: dict[tuple[str, str], float], min_overlap: float) -> Story:
    ordered = sorted(members, key=_story_order)
    anchor = ordered[0]
    # The story is named after its most central article that has a real headline (a title built from a lead
    # sentence reads badly as a name), else after its most central article.
    central = max(
        ordered,
        key=lambda article: (
            article.meta.title_origin != "lead sentence",
            # At two decimals: a shift in every score that one more seed brings must not rename the story.
            round(sum(scores.get((min(article.id, other.id), max(article.id, other.id)), 0.0) for other in ordered), 2),
            -ordered.index(article),
        ),
    )
    sentences = {article.id: _sentences(article) for article in ordered}
    shared, assigned, best_overlap = _shared_facts(ordered, sentences, min_overlap)
    single = _single_source(ordered, sentences, assigned, best_overlap)
    return Story(
        id=f"{slugify(anchor.meta.title, 50) or 'story'}-{short_hash('story|' + anchor.source_path)}",
        title=central.meta.title,
        article_ids=tuple(article.id for article in ordered),
        shared=shared,
        single_source=single,
        claims=_claims(ordered),
        differences=_differences(shared),
    )


def _sentences(article: Article) -> list[tuple[str, set[str]]]:
    result = []
    for sentence in body_sentences(article.paragraphs):
        if len(sentence.split()) >= FACT_MIN_WORDS:
            # Figures and dates join the words as tokens of their own: two sentences giving the same date or rate
            # are much likelier to report the same thing.
            claims = {f"#{value}" for value in figures_in(sentence) | dates_in(sentence)}
            result.append((sentence, set(content_words(sentence)) | claims))
    return result


def _weights(ordered: Sequence[Article], sentences: dict[str, list[tuple[str, set[str]]]]) -> dict[str, float]:
    """Return an inverse sentence frequency per word: words every sentence of the story uses say little."""
    frequency: Counter[str] = Counter()
    total = 0
    for article in ordered:
        for _, words in sentences[article.id]:
            frequency.update(words)
            total += 1
    return {word: math.log(1 + total / count) for word, count in frequency.items()}


def _similarity(first: set[str], second: set[str], weights: dict[str, float]) -> float:
    """Return the weighted cosine of two sentences' word sets."""
    shared = first & second
    if len(shared) < FACT_MIN_SHARED_WORDS:
        return 0.0
    # fsum: exact, so the same whatever order the sets iterate in (it varies with the hash seed between runs).
    dot = math.fsum(weights[word] ** 2 for word in shared)
    norm = math.sqrt(math.fsum(weights[word] ** 2 for word in first) * math.fsum(weights[word] ** 2 for word in second))
    return dot / norm if norm else 0.0


def _shared_facts(
    ordered: Sequence[Article], sentences: dict[str, list[tuple[str, set[str]]]], min_overlap: float
) -> tuple[tuple[Fact, ...], set[tuple[str, int]], dict[tuple[str, int], float]]:
    """Align sentences across sources, best-matching pairs first: a fact is one sentence per source saying it."""
    weights = _weights(ordered, sentences)
    best_overlap: dict[tuple[str, int], float] = defaultdict(float)
    pairs = []
    for position, article in enumerate(ordered):
        for other in ordered[position + 1 :]:
            for index, (_, words) in enumerate(sentences[article.id]):
                for other_index, (_, other_words) in enumerate(sentences[other.id]):
                    score = _similarity(words, other_words, weights)
                    if score <= 0:
                        continue
                    first, second = (article.id, index), (other.id, other_index)
                    best_overlap[first] = max(best_overlap[first], score)
                    best_overlap[second] = max(best_overlap[second], score)
                    if score >= min_overlap:
                        pairs.append((-score, first, second))
    pairs.sort()
    group_of: dict[tuple[str, int], int] = {}
    groups: list[dict[str, int]] = []  # article id -> sentence index
    for _, first, second in pairs:
        a, b = group_of.get(first), group_of.get(second)
        if a is None and b is None:
            group_of[first] = group_of[second] = len(groups)
            groups.append({first[0]: first[1], second[0]: second[1]})
        elif a is not None and b is None and second[0] not in groups[a]:
            group_of[second] = a
            groups[a][second[0]] = second[1]
        elif b is not None and a is None and first[0] not in groups[b]:
            group_of[first] = b
            groups[b][first[0]] = first[1]
    order = {article.id: position for position, article in enumerate(ordered)}
    facts = []
    for group in groups:
        members = sorted(group.items(), key=lambda item: order[item[0]])
        citations = tuple(Citation(sentences[article_id][index][0], article_id) for article_id, index in members)
        facts.append(((-len(members), order[members[0][0]], members[0][1]), Fact(citations)))
    facts.sort(key=lambda item: item[0])
    return tuple(fact for _, fact in facts), set(group_of), best_overlap


def _detail_score(sentence: str) -> int:
    """Score how much checkable detail a sentence carries: figures, dates and names."""
    names = re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", sentence)
    return len(names) + 2 * len(figures_in(sentence)) + 2 * len(dates_in(sentence))


def _single_source(
    ordered: Sequence[Article],
    sentences: dict[str, list[tuple[str, set[str]]]],
    assigned: set[tuple[str, int]],
    best_overlap: dict[tuple[str, int], float],
) -> tuple[Citation, ...]:
    """Return, per source, the most detailed sentences no other source comes close to reporting."""
    details = []
    for article in ordered:
        candidates = []
        for index, (sentence, _) in enumerate(sentences[article.id]):
            if (article.id, index) in assigned or best_overlap[(article.id, index)] >= SINGLE_SOURCE_MAX_OVERLAP:
                continue
            score = _detail_score(sentence)
            if score >= SINGLE_SOURCE_MIN_DETAIL:
                candidates.append((-score, index, sentence))
        chosen = sorted(sorted(candidates)[:SINGLE_SOURCE_PER_ARTICLE], key=lambda item: item[1])
        details.extend(Citation(sentence, article.id) for _, _, sentence in chosen)
    return tuple(details)


@lru_cache(maxsize=200_000)
def figures_in(sentence: str) -> frozenset[str]:
    """Return the figures of a sentence, normalised: "50 per cent" -> "50%", "three-day" -> "3-day"."""
    found = {f"{match.group(1)}%" for match in _PERCENT.finditer(sentence)}
    for match in _MONEY.finditer(sentence):
        symbol = match.group(0)[: match.start(1) - match.start(0)].strip().rstrip(".")
        symbol += " " if symbol[-1].isalpha() else ""
        unit = f" {match.group(2).lower()}" if match.group(2) else ""
        found.add(f"{symbol}{match.group(1)}{unit}")
    for match in _COUNTED.finditer(sentence):
        number = _NUMBER_WORDS.get(match.group(1).lower(), match.group(1))
        found.add(f"{number}-{match.group(2).lower()}")
    return frozenset(found)


@lru_cache(maxsize=200_000)
def dates_in(sentence: str) -> frozenset[str]:
    """Return the calendar dates a sentence names as written, normalised: "Mar. 3" -> "March 3".

    Cached: each story reads every sentence of its articles three times (facts, claims, differences).
    """
    if not _DIGIT.search(sentence):
        return frozenset()  # every calendar date ("March 3", "July 2025") has a figure in it
    return frozenset({found for mention in resolve_dates(sentence, None) if (found := calendar_date(mention))})


def _claims(ordered: Sequence[Article]) -> tuple[Claim, ...]:
    """Return every figure, date and quotation of the story with the articles reporting it."""
    reported: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for article in ordered:
        for sentence in body_sentences(article.paragraphs):
            values = [("figure", value) for value in figures_in(sentence)]
            values += [("date", value) for value in dates_in(sentence)]
            values += [("quote", _quote_key(match.group(1))) for match in QUOTED.finditer(sentence)]
            for kind, value in values:
                if value:
                    reported[(kind, value)].setdefault(article.id, sentence)
    claims = []
    order = {article.id: position for position, article in enumerate(ordered)}
    for (kind, value), by_article in reported.items():
        article_ids = tuple(sorted(by_article, key=order.__getitem__))
        claims.append(
            Claim(kind, value, article_ids, tuple(Citation(by_article[article_id], article_id) for article_id in article_ids))
        )
    kinds = {"date": 0, "figure": 1, "quote": 2}
    claims.sort(key=lambda claim: (-len(claim.article_ids), kinds[claim.kind], claim.value.casefold()))
    return tuple(claims)


def _quote_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,.;:").casefold()


def _differences(facts: Sequence[Fact]) -> tuple[Difference, ...]:
    """Return the facts whose sources give figures or dates of the same kind that share no value."""
    differences = []
    for fact in facts:
        for extract in (figures_in, dates_in):
            values = [(citation.article_id, extract(citation.sentence)) for citation in fact.sentences]
            given = [(article_id, found) for article_id, found in values if found]
            if len(given) < 2:
                continue
            by_unit: dict[str, list[tuple[str, set[str]]]] = defaultdict(list)
            for article_id, found in given:
                for unit in {_unit(value) for value in found}:
                    by_unit[unit].append((article_id, {value for value in found if _unit(value) == unit}))
            for unit, entries in sorted(by_unit.items()):
                if len(entries) < 2:
                    continue
                common = set.intersection(*(found for _, found in entries))
                if not common:
                    differences.append(
                        Difference(fact, tuple((article_id, ", ".join(sorted(found))) for article_id, found in entries))
                    )
    return tuple(differences)


def _unit(value: str) -> str:
    if value.endswith("%"):
        return "percent"
    if value[:1] in "$₹€£" or value.lower().startswith(("us$", "rs")):
        return "money"
    if "-" in value:
        return value.split("-", 1)[1]
    if re.match(r"^[A-Z][a-z]+ \d{4}$", value):
        return "month"
    return "date"
