"""Find direct quotes and who the text says spoke them.

A quotation mark alone is not a quote: scare quotes ("so-called 'reforms'") and titles use them too. A quote is
kept only when its sentence has a verb of saying ("said", "described … as", "according to") and a speaker can be
named: a person the sentence mentions, else the short noun phrase before the verb ("Trade officials").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from generator.config import Config
from .extract import body_sentences
from generator.model import PersonMention, Quote

# Double quotation marks only: single ones are also apostrophes.
QUOTED = re.compile(r"[“\"]([^”\"“]{2,400}?)[”\"]")
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
# Words dropped from the end of a speaker phrase: "Trade officials have indicated" -> "Trade officials".
_AUXILIARIES = frozenset({"have", "has", "had", "was", "were", "is", "are", "also", "later", "then", "further", "once", "again", "publicly", "repeatedly"})
_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:that|and|but|while|as|after|when|which|who)\b", re.IGNORECASE)
MAX_SPEAKER_WORDS = 6


def find_quotes(paragraphs: Sequence[str], mentions: Sequence[PersonMention], config: Config) -> tuple[Quote, ...]:
    """Return the attributed quotes of an article, in text order."""
    verb_pattern = _verb_pattern(config.entities.speech_verbs)
    names_by_sentence: dict[str, list[str]] = {}
    for mention in mentions:
        names_by_sentence.setdefault(mention.sentence, []).append(mention.name)
    quotes = []
    for sentence in body_sentences(tuple(paragraphs)):
        quoted = [match for match in QUOTED.finditer(sentence) if _words(match.group(1))]
        if not quoted:
            continue
        outside = QUOTED.sub(" ", sentence)
        verb = verb_pattern.search(outside)
        if not verb:
            continue
        speaker = _speaker(sentence, outside, verb, names_by_sentence.get(sentence, []))
        if not speaker:
            continue
        for match in quoted:
            quotes.append(Quote(match.group(1).strip(" ,.;:"), speaker, sentence))
    return tuple(quotes)


@lru_cache(maxsize=16)
def _verb_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(verbs, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(verb) for verb in ordered) + r")\b", re.IGNORECASE)


def _words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", text))


def _speaker(sentence: str, outside: str, verb: re.Match[str], names: list[str]) -> str:
    """Return who the sentence says spoke: a named person nearest the verb, else the subject phrase before it."""
    if names:
        verb_at = sentence.find(verb.group(0))
        positions = [(abs(sentence.find(name) - verb_at), name) for name in names if name in sentence]
        if positions:
            return min(positions)[1]
    before = outside[: verb.start()]
    pieces = _CLAUSE_BREAK.split(before)
    phrase = pieces[-1].split() if pieces else []
    while phrase and phrase[-1].casefold() in _AUXILIARIES:
        phrase.pop()
    if phrase and phrase[0].casefold() in ("the", "a", "an") and len(phrase) > 1:
        phrase = phrase[1:]
    if not phrase or len(phrase) > MAX_SPEAKER_WORDS or phrase[-1].casefold() in _PRONOUNS:
        after = outside[verb.end() :].split(",")[0].split()
        if verb.group(0).casefold() == "according to" and 0 < len(after) <= MAX_SPEAKER_WORDS:
            return " ".join(after).strip(" .")
        return ""
    return " ".join(phrase).strip(" .")
