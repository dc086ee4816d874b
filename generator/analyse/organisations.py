"""Find the companies, government bodies and international bodies an article names, and merge their variants.

Analysts follow organisations as much as people. A name counts as an organisation when configuration names it,
when it ends in a legal form ("Brown-Forman Inc"), holds a government head word ("Commerce Department",
"Ministry of Mines"), is an international body configuration lists, or the trained recogniser reads
it as an organisation. A short form the text gives in brackets ("Office of the Nickel Regulator (ONR)")
and the initials of a name ("IMF" for "International Monetary Fund") join the full name; a single word that
begins exactly one longer name ("Airbus", "Airbus Industrie") joins it too.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Sequence

from generator.config import Config, EntityConfig, KnownOrganisation
from .extract import body_sentences
from generator.model import OrganisationMention
from .entities import PARTICLES
from .ner import EntitySpan

COMPANY, GOVERNMENT, INTERNATIONAL = "company", "government body", "international body"
MAX_NAME_WORDS = 8
# Lower-case words that join the capitalised words of one name ("Bank of New York", "Minera de Chile").
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "&", "de", "del", "y", "la", "da", "do", "dos", "des", "du"})
_CAPITALISED_WORD = r"(?:[A-Z][\w&'’.-]*\w|[A-Z])"
# A capitalised run: capitalised words (or "&"), joined by the connectors.
_RUN = re.compile(
    rf"(?<![\w&'’.-]){_CAPITALISED_WORD}(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)*(?:{_CAPITALISED_WORD}|&))*"
)
_ACRONYM_AFTER = re.compile(r"^\.?\s*\(\s*([A-Z][A-Za-z0-9&.-]{1,11})\s*\)")  # "Ltd. (TAVIL)" too
# The short name a text gives right after the full one: ", or Conalit,", ", known as TAVIL,".
_NAMED_AS = re.compile(r"^\.?,\s+(?:or|known as|also known as|better known as)\s+([A-Z][\w&-]{1,24})(?=\s*[,;)]|\s+(?:is|was|has|said)\b)")
# Abbreviated legal forms keep their full stop, even at a sentence's end: "Hindustan Copper Ltd." is the name.
_ABBREVIATED_FORMS = frozenset({"ltd", "co", "corp", "inc", "bhd", "plc", "cos"})
_LEADING = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "in", "on", "at", "by",
                      "for", "from", "with", "and", "but", "as", "after", "while", "when", "both", "said", "says",
                      "under", "over", "among", "within", "across", "between", "through", "into", "via", "per"})
_CALENDAR = re.compile(
    r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
_PLURAL_OPENING = re.compile(r"^[A-Z][a-z]+s\s+(?:of|for|at|in|on)\s+")


# --- finding mentions in one article --------------------------------------------------------------------------


def find_organisations(
    paragraphs: Sequence[str],
    config: Config,
    outlet: str | None = None,
    names: Sequence[Sequence[EntitySpan]] | None = None,
    people: Iterable[str] = (),
) -> tuple[OrganisationMention, ...]:
    """Return the organisations an article names, in text order; the article's own outlet is left out.

    `names` are the recogniser's spans per sentence (as `entities.recognise_names` gives them), or None; `people`
    the names of the people the article names, which are never organisations ("Doe" read as one).
    """
    entities = config.entities
    person_words = {form.casefold() for name in people for form in (name, *name.split())}
    known = _known_pattern(config.organisations)
    kind_of_known = _known_kinds(config.organisations)
    skip = {outlet.casefold()} if outlet else set()
    sentences = body_sentences(tuple(paragraphs))
    spans_per_sentence: Sequence[Sequence[EntitySpan] | None] = names if names is not None else (None,) * len(sentences)
    kind_by_context = _named_by_context(sentences, entities, person_words)
    introduced = _names_pattern(kind_by_context)
    found: list[OrganisationMention] = []
    acronyms: dict[str, str] = {}  # short form given in brackets -> the kind of its full name
    for sentence, spans in zip(sentences, spans_per_sentence):
        taken: list[tuple[int, int]] = []
        here: list[tuple[int, OrganisationMention]] = []

        def add(start: int, end: int, how: str, kind: str | None = None) -> None:
            name = _trim(sentence[start:end])
            if (not name or name.casefold() in skip or any(s < end and start < e for s, e in taken)
                    or all(legal_form_key(word) in bare_legal_forms(entities.legal_forms) for word in name.split())):
                return  # nothing left, the outlet itself, already taken, or a legal form alone ("Co Inc")
            offset = sentence.find(name, start)
            taken.append((offset, offset + len(name)))
            kind = kind if kind is not None else classify(name, entities)
            after = _ACRONYM_AFTER.match(sentence[offset + len(name):])
            acronym = after.group(1) if after and (
                _is_acronym_of(after.group(1), name) or _loosely_acronym_of(after.group(1), name)) else ""
            if not acronym and (named := _NAMED_AS.match(sentence[offset + len(name):])):
                acronym = named.group(1)  # "Corporacion Nacional del Litio de Chile, or Conalit,"
            if acronym:
                acronyms[acronym] = kind
            here.append((offset, OrganisationMention(name, kind, sentence, how, acronym)))

        if known:
            for match in known.finditer(sentence):
                add(match.start(), match.end(), "known", kind_of_known.get(match.group().casefold(), ""))
        if introduced:
            for match in introduced.finditer(sentence):
                add(match.start(), match.end(), "context", kind_by_context[match.group()])
        named_runs = _named_runs(sentence, spans, entities)
        # A name to its legal form, and a rule's name holding the recogniser's shorter one ("International Studies"
        # of "Center for Strategic and International Studies"), first.
        for offset, name, how, longer in named_runs:
            if (how == "legal form" or longer) and not any(
                    span.label == "ORG" and span.start <= offset and offset + len(name) <= span.end for span in spans or ()):
                add(offset, offset + len(name), how)
        plausible = [(span.start, _name_end(span, sentence, entities)) for span in spans or ()
                     if span.label == "ORG" and _plausible(span, sentence, entities, person_words)]
        # Names listed with organisations, before the recogniser's: it often reads only part of them ("Toyota" of
        # "Sumitomo Metal Mining and Toyota Tsusho").
        organisations_here = [(offset, offset + len(mention.name)) for offset, mention in here] + plausible
        for start, end in _listed_with(sentence, organisations_here, spans, entities, person_words):
            if not any(offset <= start and end <= offset + len(name) and end - start < len(name)
                       for offset, name, _, _ in named_runs):
                add(start, end, "list", COMPANY)  # not a part of a longer name ("Doe Survey and Roe Ltd")
        for start, end in plausible:
            add(start, end, "recogniser")
        for offset, name, how, _ in named_runs:
            add(offset, offset + len(name), how)
        found.extend(mention for _, mention in sorted(here, key=lambda item: item[0]))
    if acronyms:
        found = _with_acronym_mentions(found, sentences, acronyms)
    # One capitalised word the recogniser alone calls an organisation, once ("Accord" of "Harbour Accord"), is too
    # thin: it must come back in the article, or be an acronym, or have a kind its words show.
    counts = Counter(mention.name for mention in found)
    return tuple(
        mention for mention in found
        if not (mention.how == "recogniser" and not mention.kind and " " not in mention.name
                and not mention.name.isupper() and counts[mention.name] < 2 and not _firm_shaped(mention, found))
    )


def _named_runs(sentence: str, spans: Sequence[EntitySpan] | None, entities: EntityConfig) -> list[tuple[int, str, str, bool]]:
    """The capitalised runs of a sentence the rules name (legal form, government, body or international word):
    (offset, name, rule, whether it holds the recogniser's shorter reading of it). A run the recogniser reads as
    something else is left to it, unless its last word is an organisation's ("… Income Fund")."""
    named_runs = []
    for match in _RUN.finditer(sentence):
        start, end = match.span()
        run = match.group()
        if start == 0 or sentence[:start].rstrip().endswith((".", "!", "?", ":", '"', "“")):
            # A sentence's first word is capitalised whatever it is: "Shares of Acme Inc" is about Acme Inc.
            run = _PLURAL_OPENING.sub("", run)
        name, how = _rule_name(run, entities)
        if not name:
            continue
        offset = sentence.find(name, start)
        if sentence[offset + len(name):offset + len(name) + 1] == "." and (
                legal_form_key(name.split()[-1]) in _ABBREVIATED_FORMS):
            name += "."  # "Doe Roe Ltd.": the form's full stop is the name's
        overlapping = [span for span in spans or () if span.start < offset + len(name) and offset < span.end]
        longer = (sum(span.label == "ORG" for span in overlapping) == 1 and all(
            span.label in ("ORG", "FAC") and offset <= _start_past_the(span) and span.end <= offset + len(name)
            and span.end - span.start < len(name) for span in overlapping))
        if overlapping and not longer and not _headed(name, entities):
            continue  # the recogniser read these words already (as a person, place or organisation)
        named_runs.append((offset, name, how, longer))
    return named_runs


# A list of capitalised names: "A, B and C", "A and B".
_LIST_ITEM = rf"{_CAPITALISED_WORD}(?:\s+(?:&\s+)?{_CAPITALISED_WORD}){{0,3}}"
_NAME_PARTICLES = PARTICLES | {"en", "y", "do", "des"}  # a name's particles, Dutch and Spanish joiners too
_NAME_LIST = re.compile(rf"(?<![\w&'’.-]){_LIST_ITEM}(?:,\s+{_LIST_ITEM})*,?\s+(?:and|or)\s+{_LIST_ITEM}(?![\w&-])")
_NOT_ORGANISATION_LABELS = frozenset({"PERSON", "GPE", "LOC", "NORP", "DATE", "TIME", "MONEY", "PERCENT",
                                      "CARDINAL", "ORDINAL", "QUANTITY", "PRODUCT", "EVENT", "LAW", "WORK_OF_ART"})


def _listed_with(
    sentence: str, organisations: Sequence[tuple[int, int]], spans: Sequence[EntitySpan] | None,
    entities: EntityConfig, person_words: set[str],
) -> list[tuple[int, int]]:
    """The names listed with organisations ("Shin-Doe Chemical, JSR and Roe Ohka Kogyo"): in a list of names one
    of which is an organisation, a name the recogniser reads wholly as nothing else (a person, a place) is one, if
    it has two words or more, or the recogniser calls it an organisation; never a title or a person's name."""
    if not organisations or spans is None:
        return []  # without the recogniser nothing tells a listed place from a firm
    titles = _titles(entities.titles)
    found = []
    for match in _NAME_LIST.finditer(sentence):
        items = [(item.start() + match.start(), item.end() + match.start())
                 for item in re.finditer(_LIST_ITEM, match.group())]
        named = [any(first <= start and end <= last for first, last in organisations) for start, end in items]
        if not any(named):
            continue
        for (start, end), known in zip(items, named):
            if known or sentence[start:end].casefold() in _LEADING:
                continue  # already an organisation (one the recogniser reads in part, "Doe" of "Doe Tsusho", is not)
            if any(span.start <= start and end <= span.end and (
                    span.label in _NOT_ORGANISATION_LABELS or end - start < span.end - span.start) for span in spans):
                continue  # "Japan, South Korea and Doe Corp": the places stay places; a longer name stays whole
            words = sentence[start:end].split()
            if any(word.casefold() in titles for word in words) or any(
                    " " in person and person in sentence[start:end].casefold() for person in person_words):
                continue  # "Commerce and Industry Minister Jane Doe"
            before = sentence[:start].split()[-1:]
            if (any(_POSSESSIVE.search(word) or _CALENDAR.match(word) or len(word) < 2 for word in words)
                    or (before and before[0] in _NAME_PARTICLES)):
                continue  # "Doe's Chula Vista", "Reserves I", "Tuesday and Wednesday", "Oolders en de Jong C.V"
            if len(words) < 2 and not any(span.label == "ORG" and span.start <= start and end <= span.end
                                          for span in spans):
                continue
            found.append((start, end))
    return found


def _firm_shaped(mention: OrganisationMention, found: Sequence[OrganisationMention]) -> bool:
    """Whether one word the recogniser reads once as an organisation looks like a firm's name anyway: a capital
    inside it ("MediaTek"), a possessive ("Doe's Redmi line"), or listed with another organisation of its sentence
    ("Realme and Samsung")."""
    if re.search(r"[a-z][A-Z]", mention.name) or re.search(rf"(?<![\w-]){re.escape(mention.name)}['’]s\s+[A-Z]", mention.sentence):
        return True  # "MediaTek", "Doe's Redmi line": a firm's named possessions
    others = [other.name for other in found if other.sentence == mention.sentence and other.name != mention.name]
    if not others:
        return False
    other = "|".join(map(re.escape, others))
    name = re.escape(mention.name)
    listed = rf"(?:{other})(?:['’]s)?(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+){name}(?![\w-])"
    listed_first = rf"(?<![\w-]){name}(?:['’]s)?(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:{other})"
    return bool(re.search(listed, mention.sentence) or re.search(listed_first, mention.sentence))


# A capitalised name of up to five words ("Ningbo Yunsheng", "JL Mag Rare-Earth", "Mahindra & Mahindra").
_CONTEXT_NAME = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,4}")
_RUN_AT_END = re.compile(_RUN.pattern + r"$")
_LIST_GAP = re.compile(r"^(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or|as well as)\s+)")


def _named_by_context(
    sentences: Sequence[str], entities: EntityConfig, person_words: set[str],
) -> dict[str, str]:
    """Return the names the text introduces as organisations, with their kind: right after an organisation noun
    ("smartphone brand Zyntra", "state copper giant Codelco", `entities.organisation_nouns`), and every name of
    a list after a company's context ("companies such as A, B and C", `entities.company_before`)."""
    if not entities.organisation_nouns and not entities.company_before:
        return {}
    cue, appositive, noun_after = _context_patterns(entities.organisation_nouns, entities.company_before)
    kinds: dict[str, str] = {}
    for sentence in sentences:
        for match in cue.finditer(sentence):
            noun, phrase = match.group(1), match.group(2)
            # Only a plural context lists names: "companies such as A, B and C"; "a unit of A, B and Co" is one.
            listed = bool(phrase) and (phrase.split()[-1].casefold() in ("as", "like", "including")
                                       or phrase.casefold() in ("companies", "firms"))
            rest = sentence[match.end():]
            names = []
            last = False  # after a list's "and" comes its last name, connectors and all: "A, B and C and D Ltd"
            while (name := (_RUN if last else _CONTEXT_NAME).match(rest)) is not None:
                words = name.group().split()
                while words and words[-1].casefold() in _titles(entities.titles):
                    words.pop()  # "brand Doe CEO Jane Roe": the name ends at the title
                if not words or words[0].casefold() in _titles(entities.titles):
                    break  # "bank Governor Jane Doe": a person with their title
                if (len(words) == len(name.group().split()) and rest[name.end():name.end() + 1] == "."
                        and legal_form_key(words[-1]) in _ABBREVIATED_FORMS):
                    words[-1] += "."  # "Doe Roe Ltd.": the form's full stop is the name's
                names.append(_trim(" ".join(words)))
                rest = rest[len(name.group()):]
                gap = _LIST_GAP.match(rest) if listed else None
                if gap is None or len(words) < len(name.group().split()):
                    break
                rest = rest[gap.end():]
                last = "," not in gap.group()
            if listed and match.group().rstrip().endswith(",") and len(names) < 2:
                continue  # "the companies, Doe said": only a list of names after a comma is one of companies
            for name in names:
                if (name and (listed or " " not in name or name.casefold() not in person_words)
                        and not _CALENDAR.match(name) and not _modifies_a_noun(name, sentence, noun_after)
                        and name.split()[-1].casefold() not in entities.not_organisations
                        and name.casefold() not in _LEADING):
                    kind = classify(name, entities)
                    if not kind:
                        kind = GOVERNMENT if noun and noun.casefold() in entities.government_words else COMPANY
                    kinds.setdefault(name, kind)
        for match in appositive.finditer(sentence):
            run = _RUN_AT_END.search(sentence, 0, match.start())
            name = _rule_name(run.group(), entities, any_name=True)[0] if run else ""
            if name and name.casefold() not in person_words and name.split()[-1].casefold() not in entities.not_organisations:
                kind = classify(name, entities) or (
                    GOVERNMENT if match.group(1).casefold() in entities.government_words else COMPANY)
                kinds.setdefault(name, kind)
    return kinds


@lru_cache(maxsize=8)
def _context_patterns(
    nouns_set: frozenset[str], phrases: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The cue before a name ("brand", "companies such as"), the apposition after one (", a … brand,") and an
    organisation noun right after a word."""
    nouns = "|".join(map(re.escape, sorted(nouns_set, key=len, reverse=True))) or "(?!)"
    lists = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in sorted(phrases, key=len, reverse=True))
    cue = re.compile(rf"(?i:(?<![\w-])(?:({nouns})|({lists or '(?!)'}))),?\s+(?=[A-Z])")
    # "Doe Roe, a Noida-based smartphone brand,": a name the next words call an organisation.
    appositive = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,5}}?(?i:({nouns}))"
                            r"(?=\s*[,.;:)]|\s+(?:and|that|which|whose|based|in|with|of|from|for|\w+ing|\w+ed)\b)")
    return cue, appositive, re.compile(rf"\s+(?i:{nouns})\b")


def _modifies_a_noun(name: str, sentence: str, noun_after: re.Pattern[str]) -> bool:
    """Whether the name is an adjective before an organisation noun: "a unit of French bank
    Doe", "the Dutch firm's patent" (a name is followed by a verb, a preposition or punctuation, rarely a noun)."""
    start = sentence.find(name)
    while start >= 0:
        if noun_after.match(sentence, start + len(name)):
            return True
        start = sentence.find(name, start + 1)
    return False


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(names, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w&-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w&-])")


def classify(name: str, entities: EntityConfig) -> str:
    """Return the kind a name's own words show: a legal form, an international body's name, a government word."""
    words = [_POSSESSIVE.sub("", word).strip(".,").casefold() for word in name.split()]
    if words and words[-1] in entities.legal_forms:
        return COMPANY
    lowered = " ".join(words)
    international = _phrases_pattern(entities.international_words)
    if international and international.search(lowered):
        return INTERNATIONAL
    if any(word in entities.government_words for word in words):
        return GOVERNMENT
    return ""


@lru_cache(maxsize=8)
def _phrases_pattern(phrases: frozenset[str]) -> re.Pattern[str] | None:
    """One pattern for many whole-word phrases (lower case)."""
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + r")(?!\w)")


def _rule_name(run: str, entities: EntityConfig, any_name: bool = False) -> tuple[str, str]:
    """Return the organisation's name in a capitalised run and the rule that found it, or ("", ""); with
    `any_name`, the name whatever its words (the context said it is an organisation's)."""
    words = run.split()
    titles = _titles(entities.titles)
    while words and (words[0].casefold() in _LEADING or _CALENDAR.match(words[0]) or _POSSESSIVE.search(words[0])
                     or words[0].casefold().endswith("-based")):
        words = words[1:]  # "the", "Monday", "Doe's", "Paris-based"
    if len(words) > 2 and words[0].casefold() in titles and words[1] in ("of", "for"):
        words = words[2:] if words[2] != "the" else words[3:]  # "President of the Doe Coffee Institute"
    for index, word in enumerate(words):
        if _POSSESSIVE.search(word) and index:
            words = words[:index] + [_POSSESSIVE.sub("", word)]  # "Bank of Doe's West German branch"
            break
        if index and index < len(words) - 1 and legal_form_key(word) in bare_legal_forms(entities.legal_forms) \
                and words[index + 1] in ("of", "for"):
            words = words[:index + 1]  # "Doe Group Inc of Atlanta"
            break
    if not words:
        return "", ""
    # A person's title after the organisation ends it: "Commerce Department Secretary Jane Doe".
    for index, word in enumerate(words[1:], start=1):
        if word.casefold() in titles and not _headed(" ".join(words[index:]), entities):
            words = words[:index]  # but "Indian Premier League" holds no title
            break
    while words and (words[-1].casefold() in _CONNECTORS or _CALENDAR.match(words[-1])):
        words = words[:-1]  # "Union Cabinet on Wednesday"
    if words and words[-1].casefold() in entities.not_organisations and classify(" ".join(words), entities) != INTERNATIONAL:
        return "", ""
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return "", ""
    name = " ".join(words)
    if any_name:
        return _trim(name), "context"
    kind = classify(name, entities)
    if kind == COMPANY and len(words) > 1:
        return name, "legal form"
    if kind == GOVERNMENT and len(words) > 1:
        return name, "head word"
    if kind == INTERNATIONAL:
        return name, "international"
    if len(words) > 1 and _has_body_word(name, entities):
        return name, "body word"
    return "", ""


def _headed(name: str, entities: EntityConfig) -> bool:
    """Whether a name ends in a word only an organisation's name ends in ("… Income Fund", "… Holdings Inc"): the
    recogniser's reading it as a person or place is then wrong."""
    last = _POSSESSIVE.sub("", name.split()[-1]).strip(".,").casefold()
    return (legal_form_key(last) in bare_legal_forms(entities.legal_forms) or last in entities.government_words
            or last in entities.organisation_words)


def _has_body_word(name: str, entities: EntityConfig) -> bool:
    return any(word.casefold() in entities.organisation_words for word in name.split())


def legal_form_key(word: str) -> str:
    """A word as legal forms are compared: lower case, no full stops ("S.p.A.", "SpA" and "S.P.A." are one form)."""
    return word.casefold().replace(".", "")


@lru_cache(maxsize=8)
def bare_legal_forms(legal_forms: frozenset[str]) -> frozenset[str]:
    return frozenset(legal_form_key(form) for form in legal_forms)


@lru_cache(maxsize=8)
def _titles(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(title.casefold() for title in titles if " " not in title)


def _plausible(span: EntitySpan, sentence: str, entities: EntityConfig, person_words: set[str]) -> bool:
    """Whether a recogniser's ORG span is an organisation's name, not part of a person's title ("Secretary of
    State", "Foreign Affairs Minister"), a person's name, a meeting or a lone short abbreviation."""
    name = _trim(span.text)
    if not name or name.casefold() in person_words:
        return False
    if not any(character.isupper() for character in name) and classify(name, entities) != GOVERNMENT:
        return False  # lower case is no name, but "the commerce ministry" is a body
    if any(" " in person and f" {person}" in f" {name.casefold()}" for person in person_words):
        return False  # "Heavy Industries H D Doe": a person's name inside is no organisation's
    words = name.split()
    if len(words) == 1 and len(name) <= 3 and not name.isupper():
        return False
    if words[-1].casefold() in entities.not_organisations and classify(name, entities) != INTERNATIONAL:
        return False
    titles = _titles(entities.titles)
    apposition = re.match(r",\s+(?:(?:the|a|an|its|former|deputy|senior)\s+)?([\w-]+)", sentence[span.end:])
    if apposition and apposition.group(1).casefold() in titles and not classify(name, entities):
        return False  # "Jane de Roe, director general of …": a person and her role
    after = sentence[span.end:].split(maxsplit=1)
    before = sentence[:span.start].split()[-2:]
    if after and after[0].strip(",.;:").casefold() in titles and not classify(name, entities):
        return False  # "Foreign Affairs Minister", "Trade Minister"; not "Ministry of Commerce spokesperson"
    # "Secretary of State" is a title; "president of the Federation of Doe Exporters" names the body.
    return not (len(before) == 2 and before[0].casefold() in titles and before[1] in ("of", "for")
                and not classify(name, entities) and not _has_body_word(name, entities))


def _start_past_the(span: EntitySpan) -> int:
    return span.start + 4 if span.text[:4].casefold() == "the " else span.start


def _name_end(span: EntitySpan, sentence: str, entities: EntityConfig) -> int:
    """Where the recogniser's organisation really ends: past a bracketed place and a legal form ("IREL (India)
    Ltd"), and past "and" in a name of the "Centre for X and Y" kind, which the recogniser often cuts at "and"."""
    rest = sentence[span.end:]
    bracket = re.match(r"\s+\([A-Z][\w ]{1,20}\)\s+([\w.]+)", rest)
    if bracket and legal_form_key(bracket.group(1)) in bare_legal_forms(entities.legal_forms):
        return span.end + bracket.end()
    joined = re.match(r"\s+and\s+[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*)*", rest)
    if joined and re.search(r"\s(?:of|for)\s", span.text):
        return span.end + joined.end()
    return span.end


def _trim(text: str) -> str:
    """Drop a leading "the" (and such), a possessive, a short form in brackets at the end, and a full stop that
    ends the sentence, not "U.S."."""
    words = re.split(r" \((?![^)]*\)\s+\w)", text, maxsplit=1)[0].strip(" ,;:<>()[]").split()
    while words and words[0].casefold() in _LEADING:
        words = words[1:]
    if words:
        last = _POSSESSIVE.sub("", words[-1])
        bare = last.rstrip(".,;:")
        abbreviated = len(words) > 1 and last.endswith(".") and bare.casefold() in _ABBREVIATED_FORMS
        words[-1] = last if last.count(".") > 1 else bare + ("." if abbreviated else "")
    return " ".join(word for word in words if word)


def _is_acronym_of(short: str, name: str) -> bool:
    """Whether `short` is made of the capitals of `name`, in order ("ONR": "Office of the Nickel Regulator"), or of
    the first letters of its capitalised words, a word giving one or more ("TAVIL": "Tarang Vidyut India Ltd")."""
    letters = short.replace(".", "").replace("-", "").upper()
    capitals = [character for character in name if character.isupper()]
    words = sum(1 for word in name.split() if word[0].isupper())
    position = 0
    for capital in capitals:
        if position < len(letters) and capital == letters[position]:
            position += 1
    if len(letters) >= 2 and position == len(letters) and 2 * len(letters) >= words:
        return True
    heads = [word.upper() for word in name.split() if word[:1].isupper()]
    return len(letters) >= 3 and len(heads) >= 2 and _prefixes_spell(letters, heads)


def _loosely_acronym_of(short: str, name: str) -> bool:
    """Whether a short form in capitals right after a name of three words or more is its short form in another
    language ("European Automobile Manufacturers' Association (ACEA)"): most of its letters, the first among them,
    are initials of the name's words."""
    initials = {word[0] for word in name.split() if word[:1].isupper()}
    letters = short.replace(".", "").replace("-", "")
    return (len(initials) >= 3 and letters.isupper() and 3 <= len(letters) <= 6 and letters[0] in initials
            and sum(letter in initials for letter in letters) * 4 >= len(letters) * 3)


def _prefixes_spell(letters: str, words: Sequence[str]) -> bool:
    """Whether `letters` are taken from each word in turn, its first letter and maybe a few more of it in order
    ("TArang Vidyut India Ltd": "TAVIL"), no word skipped but the last ones."""
    if not letters:
        return True
    if not words or letters[0] != words[0][0]:
        return False
    taken, position = [1], 1  # how many letters this word can give, each way
    for count in range(1, len(letters)):
        found = words[0].find(letters[count], position)
        if found < 0:
            break
        taken.append(count + 1)
        position = found + 1
    return any(_prefixes_spell(letters[size:], words[1:]) for size in reversed(taken))


def _with_acronym_mentions(
    found: list[OrganisationMention], sentences: Sequence[str], acronyms: dict[str, str]
) -> list[OrganisationMention]:
    """Add every later use of a short form the article defined ("ONR said …"), in text order."""
    pattern = re.compile(r"(?<![\w&.-])(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True))) + r")(?![\w&-])")
    have = {(mention.sentence, mention.name) for mention in found}
    order = {sentence: number for number, sentence in enumerate(sentences)}
    added = list(found)
    for sentence in sentences:
        for match in pattern.finditer(sentence):
            if (sentence, match.group(1)) not in have and not sentence[max(0, match.start() - 1):match.start()] == "(":
                have.add((sentence, match.group(1)))
                added.append(OrganisationMention(match.group(1), acronyms[match.group(1)], sentence, "acronym"))
    return sorted(added, key=lambda mention: order.get(mention.sentence, 0))


@lru_cache(maxsize=8)
def _known_pattern(organisations: tuple[KnownOrganisation, ...]) -> re.Pattern[str] | None:
    forms = sorted({form for known in organisations for form in (known.name, *known.aliases)}, key=len, reverse=True)
    if not forms:
        return None
    # Acronyms ("EU", "Fed") match as written; longer names in any case.
    return re.compile(r"(?<![\w&-])(?:" + "|".join(
        re.escape(form) if form.isupper() or len(form) <= 4 else f"(?i:{re.escape(form)})" for form in forms
    ) + r")(?![\w&-])")


@lru_cache(maxsize=8)
def _known_kinds(organisations: tuple[KnownOrganisation, ...]) -> dict[str, str]:
    return {form.casefold(): known.kind for known in organisations for form in (known.name, *known.aliases)}
