"""Find the people an article names, with the role the text gives them (merging forms is `people.py`).

No statistical model: rules over capitalised word runs, driven by word lists in configuration (titles, words that
are never names, speech verbs, group nouns), plus the corpus itself as a gazetteer. A name is taken only with
evidence that it is a person: a title before it ("US Secretary of State Jane Doe"), an honorific ("Dr."), a
verb of saying next to it, a list after a group noun ("a delegation of A B, C D and E F"), or configuration. Once
a full name is known, its surname alone ("Doe") and a unique first name ("Jane") refer to it everywhere.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from generator.config import Config, EntityConfig, KnownPerson
from .extract import body_sentences
from generator.model import PersonMention
from .ner import NOT_PERSON, PERSON, EntitySpan, entity_spans

logger = logging.getLogger(__name__)

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w.,%-]*|[^\w\s]", re.UNICODE)
# A name word: a capital letter, then letters (any script) with inner hyphens or apostrophes; not all capitals.
_NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+$")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]$")
_POSSESSIVE = re.compile(r"['’]s?$")
# Words allowed inside a name between capitalised parts: "Ursula von der Leyen", "Mohammed bin Salman".
PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "del", "di", "dos", "ibn"})
# A title's complement starts with one of these: "Secretary of State", "Ambassador to India", "Minister for Trade".
COMPLEMENT_WORDS = frozenset({"of", "for", "to", "at"})
_SURNAME_PRONOUNS = frozenset({"He"})  # a surname that is also a pronoun: a name only right after a title
LIST_OPENERS = frozenset({"of", "including", "comprising", "namely", "such", "as", ":", "—", "–"})
# Number words in a group phrase ("a three-member delegation") that say nothing about the role.
_COUNTED = re.compile(r"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)(?:-\w+)?$", re.IGNORECASE)
MAX_NAME_WORDS = 4
# Words in the `not_names` list that are grammar, not office names: a role never extends over them.
FUNCTION_WORDS = frozenset(
    """the a an this that these those it he she they we i his her their our its in on at for with by from of and but
    or as to after before during while when since amid under over sources officials source official""".split()
)


@dataclass(frozen=True)
class _Token:
    text: str  # as written
    word: str  # possessive and trailing full stop removed
    possessive: bool
    start: int
    end: int


SentenceNames = tuple[tuple[EntitySpan, ...], ...]  # the recogniser's names in each sentence of one article


def find_people(
    paragraphs: Sequence[str], config: Config, author: str | None = None, names: SentenceNames | None = None
) -> tuple[PersonMention, ...]:
    """Return the people an article's text names, in text order, each with the role this mention gives.

    With a recogniser configured, a name the rules find stays only when the recogniser calls it a person (or
    configuration names it), and names the recogniser calls a person are added where no rule fired; a lone word
    only the recogniser found ("Revs", "Avg") must be the surname or first name of a full name in the article.
    """
    entities = config.entities
    known = _known_forms(config.people)
    found: list[PersonMention] = []
    author_key = name_key(author.split()) if author else None
    sentences = body_sentences(tuple(paragraphs))
    if not entities.ner_model:
        spans: Sequence[Sequence[EntitySpan] | None] = (None,) * len(sentences)
    else:
        spans = names if names is not None else recognise_names([paragraphs], entities.ner_model)[0]
    for sentence, sentence_spans in zip(sentences, spans):
        for mention in _mentions_in(_tokenise(sentence), sentence, entities, known, sentence_spans):
            if author_key and name_key(mention.name.split()) == author_key:
                continue  # the reporter, named in the text, is not a person in the story
            found.append(mention)
    things = _things_named(sentences, found, entities)
    return tuple(mention for mention in found if mention.how != "recogniser" or mention.name not in things)


_INDEFINITE = re.compile(r"(?:^|\s)(?:[Aa]n?)\s+(?:[a-z-]+\s+){0,2}$")  # "a weak", "a fading", "an"
# "two colours, " "three variants: A, B and": a list of counted things, named so far.
_COUNTED_LIST = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[a-z-]+\s+)?([a-z]+s)\s*[,:]\s*"
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+))*$"
)


def _things_named(sentences: Sequence[str], found: Sequence[PersonMention], entities: EntityConfig) -> set[str]:
    """Names the recogniser alone calls people that the article writes as things: after "a" ("a weak Doe Roe
    event", "a fading Doe Roe") or in a list of counted things ("two colours, Doe Gold and Roe Blue") that are not
    people (`entities.group_nouns`)."""
    groups = {noun.casefold() for noun in entities.group_nouns}
    names = {mention.name for mention in found if mention.how == "recogniser"}
    things = set()
    for sentence in sentences:
        for name in names - things:
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
                before = sentence[:match.start()]
                counted = _COUNTED_LIST.search(before)
                if _INDEFINITE.search(before) or (counted and counted.group(1) not in groups):
                    things.add(name)
                    break
    return things


# --- finding mentions in one sentence -------------------------------------------------------------------------


def _tokenise(sentence: str) -> list[_Token]:
    tokens = []
    for match in _TOKEN.finditer(sentence):
        text = match.group(0)
        word = text
        possessive = False
        if re.search(r"['’]s$", word) or (word.endswith(("'", "’")) and len(word) > 2):
            word = _POSSESSIVE.sub("", word)
            possessive = True
        if word.endswith(".") and not _INITIAL.match(word) and not re.match(r"^(?:[A-Z]\.)+[A-Z]?\.?$", word):
            word = word.rstrip(".")
        tokens.append(_Token(text, word, possessive, match.start(), match.end()))
    return tokens


def _is_name_word(token: _Token, entities: EntityConfig) -> bool:
    word = token.word
    if word.casefold() in entities.not_names:
        return False
    if _INITIAL.match(word):
        return True
    return bool(_NAME_WORD.match(word)) and word[0].isupper() and not word.isupper()


def _is_capitalised(token: _Token) -> bool:
    return token.word[:1].isupper() or bool(re.match(r"^(?:[A-Z]\.)+$", token.text))


@lru_cache(maxsize=32)
def _title_index(titles: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for title in titles:
        parts = tuple(part.casefold().rstrip(".") for part in title.split())
        index[parts[0]].append(parts)
    for first in index:
        index[first].sort(key=len, reverse=True)
    return dict(index)


def _title_at(tokens: list[_Token], position: int, entities: EntityConfig) -> int:
    """Return how many tokens a title starting at `position` spans (0 when none does)."""
    index = _title_index(entities.titles)
    first = tokens[position].word.casefold()
    for parts in index.get(first, ()):
        span = tokens[position : position + len(parts)]
        if len(span) == len(parts) and all(token.word.casefold() == part for token, part in zip(span, parts)):
            return len(parts)
    return 0


def _name_run(tokens: list[_Token], start: int, entities: EntityConfig, limit: int = MAX_NAME_WORDS + 3) -> int:
    """Return the end of the run of name words (and particles between them) starting at `start`."""
    end = start
    while end < len(tokens) and end - start < limit:
        token = tokens[end]
        if _is_name_word(token, entities):
            end += 1
            if token.possessive:
                break
            continue
        if token.word in PARTICLES and end + 1 < len(tokens) and _is_name_word(tokens[end + 1], entities) and end > start:
            end += 1
            continue
        break
    return end


def _capital_run(tokens: list[_Token], start: int) -> int:
    end = start
    while end < len(tokens) and (_is_capitalised(tokens[end]) and tokens[end].word[:1].isalpha()):
        end += 1
        if tokens[end - 1].possessive:
            break
    return end


def _name_text(tokens: Sequence[_Token]) -> str:
    return " ".join(token.word for token in tokens)


def _valid_name(tokens: Sequence[_Token], entities: EntityConfig) -> bool:
    if not tokens or len(tokens) > MAX_NAME_WORDS:
        return False
    if any(token.word.casefold() in entities.not_names for token in tokens[tokens[0].word in _SURNAME_PRONOUNS:]):
        return False
    if _INITIAL.match(tokens[-1].word):
        return False
    return len(tokens) > 1 or len(tokens[0].word) >= 3


def _mentions_in(
    tokens: list[_Token], sentence: str, entities: EntityConfig, known: dict[tuple[str, ...], str],
    spans: Sequence[EntitySpan] | None = None,
) -> list[PersonMention]:
    """Return the mentions in one sentence; `spans` are the recogniser's names in it (None: rules alone)."""
    mentions: list[tuple[int, PersonMention]] = []
    taken: set[int] = set()
    people = [span for span in spans or () if span.label == PERSON]
    others = [span for span in spans or () if span.label in NOT_PERSON]

    def add(name_tokens: Sequence[_Token], role: str, how: str, first: int) -> None:
        if not _valid_name(name_tokens, entities):
            return
        if spans is not None and how in ("title", "honorific"):
            # A title or an honorific is evidence enough, unless the recogniser reads the words as something else
            # (a company, a place, a product).
            if any(_inside(token, others) for token in name_tokens) and not _INITIAL.match(name_tokens[0].word):
                return  # initials after a title ("Minister K N Varma") are a person's, whatever the recogniser says
        elif spans is not None and how != "known":
            # Otherwise the recogniser must read part of it as a person's name ("Ravi" of "Ravi Kumar" will do),
            # and words it reads as a place or company are cut off ("Brazil" of a run "Funaro Brazil").
            if not any(_inside(token, people) for token in name_tokens):
                return
            name_tokens = [token for token in name_tokens if not _inside(token, others)]
            if not _valid_name(name_tokens, entities):
                return
        positions = {tokens.index(token) for token in name_tokens}
        if positions & taken:
            return
        taken.update(positions)
        mentions.append((first, PersonMention(_name_text(name_tokens), role, sentence, how)))

    honorifics = {word.casefold().rstrip(".") for word in entities.honorifics}
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.word.casefold() in honorifics and token.word[:1].isupper():
            end = _name_run(tokens, position + 1, entities)
            if end > position + 1:
                add(tokens[position + 1 : min(end, position + 1 + MAX_NAME_WORDS)], "", "honorific", position)
                position = end
                continue
        span = _title_at(tokens, position, entities)
        if span:
            found = _after_title(tokens, position, span, entities, known)
            if found:
                name_tokens, role_end = found
                role = _role_text(tokens, position, role_end, entities, sentence)
                add(name_tokens, role, "title", position)
                position = tokens.index(name_tokens[-1]) + 1
                continue
        position += 1

    _speech_mentions(tokens, entities, add)
    _list_mentions(tokens, entities, add)
    _known_mentions(tokens, known, add)
    groups = {noun.casefold() for noun in entities.group_nouns}
    for span in people:
        if _quoted_alone(sentence, span):
            continue  # '"Jane Roe" line', '"Doe Roe" brand': a name in quotation marks on its own is a title or brand
        following = sentence[span.end :].split(maxsplit=1)
        if following and following[0].strip(",.;:") in groups:
            continue  # "Local Aymara leaders": a name before a group noun describes the group
        inside = [index for index, token in enumerate(tokens) if token.start >= span.start and token.end <= span.end]
        name = [tokens[index] for index in inside if _is_name_word(tokens[index], entities)]
        if inside and len(name) == len(inside):  # every word a name word: not "U.S. Dlrs", "the Smiths"
            add(name, "", "recogniser", inside[0])
    mentions.sort(key=lambda item: item[0])
    return [mention for _, mention in mentions]


def recognise_names(
    articles: Sequence[Sequence[str]], model: str, progress: Callable[[int], None] = lambda done: None
) -> list[SentenceNames]:
    """Run the recogniser over many articles' paragraphs in one batch (several times faster than one call per
    article); return each article's names per sentence, offsets relative to the sentence, for `find_people`.

    Each article is read whole (names read better in context), then each sentence gets the names inside it.
    """
    layouts, texts = [], []
    for paragraphs in articles:
        sentences = body_sentences(tuple(paragraphs))
        starts, text = [], ""
        for sentence in sentences:
            starts.append(len(text))
            text += sentence + "\n"
        layouts.append((sentences, starts))
        texts.append(text)
    result = []
    for (sentences, starts), spans in zip(layouts, entity_spans(texts, model, progress)):
        per_sentence: list[list[EntitySpan]] = [[] for _ in sentences]
        for span in spans:
            index = bisect.bisect_right(starts, span.start) - 1
            offset = starts[index]
            if span.end <= offset + len(sentences[index]):
                per_sentence[index].append(EntitySpan(span.start - offset, span.end - offset, span.label, span.text))
        result.append(tuple(tuple(found) for found in per_sentence))
    return result


_OPENING_QUOTES = frozenset("\"“‘'")
_CLOSING_QUOTES = frozenset("\"”’'")


def _quoted_alone(sentence: str, span: EntitySpan) -> bool:
    """Whether the span is all a quotation holds: '"Jane Roe"' (a name quoted on its own names no person)."""
    return (
        span.start > 0 and span.end < len(sentence)
        and sentence[span.start - 1] in _OPENING_QUOTES and sentence[span.end] in _CLOSING_QUOTES
    )


def _inside(token: _Token, spans: Sequence[EntitySpan]) -> bool:
    return any(span.start <= token.start and token.end <= span.end for span in spans)


def _after_title(
    tokens: list[_Token], position: int, span: int, entities: EntityConfig, known: dict[tuple[str, ...], str]
) -> tuple[list[_Token], int] | None:
    """Return the name after a title and where the role ends, or None when no name follows it."""
    after = position + span
    # A chain of titles ("Secretary General", "Deputy Minister") is one role.
    while after < len(tokens) and not tokens[after - 1].possessive:
        more = _title_at(tokens, after, entities)
        if not more:
            break
        after += more
    if tokens[after - 1].possessive or after >= len(tokens):
        return None
    honorifics = {word.casefold().rstrip(".") for word in entities.honorifics}
    role_end = after
    if tokens[after].word.casefold() in honorifics and after + 1 < len(tokens):
        after += 1  # "Minister Dr. J. Q. Doe"
    if tokens[after].word in COMPLEMENT_WORDS:
        start = after + 1
        if start < len(tokens) and tokens[start].word.casefold() == "the":
            start += 1
        end = _capital_run(tokens, start)
        joined = 0  # capitalised words of the complement before its last "and"
        while (end + 1 < len(tokens) and tokens[end].word in ("and", "of", "&")
               and _capital_run(tokens, end + 1) > end + 1):
            joined = sum(1 for token in tokens[start:end] if token.word[:1].isupper())
            end = _capital_run(tokens, end + 1)  # "Representative for South and Central Asia Jane Doe"
        run = [token for token in tokens[start:end] if token.word[:1].isupper()]
        if len(run) < 2:
            return None
        for size in (3, 2, 1):
            if len(run) - size >= 1 and name_key(token.word for token in run[-size:]) in known:
                return run[-size:], tokens.index(run[-size])
        size = 2 if len(run) >= 3 else 1
        while size < len(run) - 1 and _INITIAL.match(run[-size - 1].word):
            size += 1  # "Minister for Heavy Industries H D Doe": initials are the name's
        if joined and len(run) - size <= joined:
            return None  # "Minister of Regional and Industrial Expansion, Jane Doe": the words after "and" are the office's
        name = run[-size:]
        if not all(_is_name_word(token, entities) for token in name):
            return None
        return name, tokens.index(name[0])
    start = after
    if after + 1 < len(tokens) and _is_name_word(tokens[after + 1], entities) and (
        (re.match(r"^[A-Z]{2}$", tokens[after].word) and tokens[after].word.casefold() not in entities.not_names)
        or tokens[after].word in _SURNAME_PRONOUNS
    ):
        after += 1  # "Minister DK Doe" (initials in capitals), "spokesperson He Wen" (a surname written as "He")
    end = _name_run(tokens, after, entities)
    if end == after:
        return None
    return tokens[start : min(end, start + MAX_NAME_WORDS)], role_end


def _role_text(tokens: list[_Token], title_start: int, role_end: int, entities: EntityConfig, sentence: str) -> str:
    """Return the role: the title with the capitalised words before it and its complement after it."""
    start = title_start
    while start > 0:
        previous = tokens[start - 1]
        if previous.possessive or not previous.word[:1].isalpha():
            break
        office_word = previous.word.casefold() in entities.not_names and previous.word.casefold() not in FUNCTION_WORDS
        if not (_is_capitalised(previous) or office_word):
            break
        if previous.word.casefold() in ("the", "a", "an", "this", "that", "former", "then"):
            break
        if _title_at(tokens, start - 1, entities) == 0 and _is_name_word(previous, entities) and start - 1 > 0:
            # A name word right before a title belongs to another phrase ("Doe met US ambassador").
            if not previous.word.isupper():
                break
        start -= 1
    while start < title_start and tokens[start].word.casefold() in entities.news_agencies:
        start += 1  # "told Reuters Finance Minister Jane Doe": the agency was told, it is not the office
    return sentence[tokens[start].start : tokens[role_end - 1].end].rstrip(".,;:")


def _speech_mentions(tokens: list[_Token], entities: EntityConfig, add) -> None:
    verbs = {verb.casefold() for verb in entities.speech_verbs if " " not in verb}
    for position, token in enumerate(tokens):
        if token.word.casefold() not in verbs:
            continue
        # "Jane Doe said": a run of two or three name words right before the verb, not "the …".
        end = position
        start = end
        while start > 0 and _is_name_word(tokens[start - 1], entities) and end - start < 3:
            start -= 1
        if end - start >= 2 and (start == 0 or tokens[start - 1].word.casefold() not in ("the", "a", "an")):
            if _title_at(tokens, start, entities) == 0:
                add(tokens[start:end], "", "speech verb", start)
        # "…, said Jane Doe".
        after_end = _name_run(tokens, position + 1, entities, limit=3)
        if after_end - (position + 1) >= 2:
            add(tokens[position + 1 : after_end], "", "speech verb", position + 1)
    for position in range(len(tokens) - 2):
        if tokens[position].word.casefold() == "according" and tokens[position + 1].word.casefold() == "to":
            end = _name_run(tokens, position + 2, entities, limit=3)
            if end - (position + 2) >= 2:
                add(tokens[position + 2 : end], "", "speech verb", position + 2)


def _list_mentions(tokens: list[_Token], entities: EntityConfig, add) -> None:
    groups = {noun.casefold() for noun in entities.group_nouns}
    for position, token in enumerate(tokens):
        if token.word.casefold() not in groups:
            continue
        cursor = position + 1
        while cursor < len(tokens) and tokens[cursor].word.casefold() in LIST_OPENERS:
            cursor += 1
        names: list[list[_Token]] = []
        while cursor < len(tokens):
            end = _name_run(tokens, cursor, entities, limit=3)
            if end - cursor < 2:
                break
            names.append(tokens[cursor:end])
            cursor = end
            if cursor < len(tokens) and tokens[cursor].word == ",":
                cursor += 1
            if cursor < len(tokens) and tokens[cursor].word.casefold() == "and":
                cursor += 1
        if len(names) < 2:
            continue
        role = _group_role(tokens, position)
        for name in names:
            add(name, role, "list", tokens.index(name[0]))


def _group_role(tokens: list[_Token], noun_position: int) -> str:
    """Return "member of the US Congressional delegation" for "a three-member US Congressional delegation of …"."""
    start = noun_position
    while start > 0:
        previous = tokens[start - 1]
        if previous.word.casefold() in ("a", "an", "the") or previous.word in (",", ";", ":") or previous.possessive:
            break
        if not (_is_capitalised(previous) or _COUNTED.match(previous.word)):
            break
        start -= 1
    words = [token.word for token in tokens[start : noun_position + 1] if not _COUNTED.match(token.word)]
    phrase = " ".join(words)
    if tokens[noun_position].word.casefold() in ("delegation", "panel", "team"):
        return f"member of the {phrase}"
    return phrase[:1].upper() + phrase[1:] if len(words) > 1 else ""


def _known_forms(people: Sequence[KnownPerson]) -> dict[tuple[str, ...], str]:
    forms: dict[tuple[str, ...], str] = {}
    for person in people:
        for form in (person.name, *person.aliases):
            forms[name_key(form.split())] = person.name
    return forms


def _known_mentions(tokens: list[_Token], known: dict[tuple[str, ...], str], add) -> None:
    if not known:
        return
    longest = max(len(key) for key in known)
    for position in range(len(tokens)):
        for size in range(min(longest, len(tokens) - position), 0, -1):
            window = tokens[position : position + size]
            if name_key(token.word for token in window) in known and window[0].word[:1].isupper():
                add(window, "", "known", position)
                break


def name_key(words: Iterable[str]) -> tuple[str, ...]:
    """Return a name's comparison key: words in lower case, full stops of initials dropped."""
    return tuple(word.replace(".", "").casefold() for word in words if word.replace(".", ""))
