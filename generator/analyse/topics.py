"""Score an article against the taxonomy and keep the evidence for every topic it is put into."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Sequence

from generator.config import Config, TopicConfig
from generator.model import TopicEvidence
from generator.text import split_sentences

logger = logging.getLogger(__name__)

# Mentions in the headline or the first paragraphs count more: that is where an article says what it is about. A
# topic's `lead_terms` ("pact", "deal") count only there: in a lead they say what the article is about, further
# down they are any deal.
LEAD_FACTOR = 1.5
LEAD_PARAGRAPHS = 2
EVIDENCE_SENTENCES = 3
# A topic with a naming term (one whose weight alone reaches the threshold: "nickel accord") needs the article to use
# it, or its lead (title and first paragraphs) to reach the threshold on its own; see `_is_about`.


@dataclass(frozen=True)
class TermMatch:
    """One mention of a taxonomy term in a text."""

    term: str
    weight: float
    start: int
    end: int


def score_topics(
    title: str | None, paragraphs: Sequence[str], config: Config, chosen: Any = None, source_name: str = ""
) -> tuple[TopicEvidence, ...]:
    """Return the topics an article belongs to, strongest first, each with matched terms and sentences.

    `title` is scored only when it is a real headline (a title built from the lead would count the lead twice).
    `chosen` is a front-matter `topics:` override: those topics are used whatever the text says.
    """
    units: list[tuple[str, float]] = []
    if title:
        units.append((title, LEAD_FACTOR))
    for index, paragraph in enumerate(paragraphs):
        factor = LEAD_FACTOR if index < LEAD_PARAGRAPHS else 1.0
        units.extend((sentence, factor) for sentence in split_sentences(paragraph))

    override = _override_ids(chosen, config, source_name)
    full_text = "\n".join(text for text, _ in units)
    results = []
    for topic in config.topics:
        evidence = _evidence(topic, units)
        if override is not None:
            if topic.id in override:
                results.append(TopicEvidence(topic.id, evidence.score, evidence.terms, evidence.sentences, "front matter"))
        elif evidence.score >= topic.threshold and _has_context(topic, full_text) and _is_about(topic, units, evidence):
            results.append(evidence)
    results.sort(key=lambda item: (-item.score, item.topic_id))
    return tuple(results)


def find_terms(topic: TopicConfig, text: str) -> list[TermMatch]:
    """Return the topic's term mentions in `text`, the longest term winning where two overlap."""
    return _term_matches(topic.terms, text)


def _term_matches(weighted: tuple[tuple[str, float], ...], text: str) -> list[TermMatch]:
    pattern, terms = _compiled(weighted)
    found = []
    for match in pattern.finditer(text):
        term, weight = terms[int(match.lastgroup[1:])]
        found.append(TermMatch(term, weight, match.start(), match.end()))
    return found


def term_score(topic: TopicConfig, text: str) -> float:
    """Return the summed weight of the topic's terms mentioned in `text`."""
    return sum(match.weight for match in find_terms(topic, text))


def _evidence(topic: TopicConfig, units: Sequence[tuple[str, float]]) -> TopicEvidence:
    counts: Counter[str] = Counter()
    score = 0.0
    scored_sentences = []
    for position, (sentence, factor) in enumerate(units):
        matches = find_terms(topic, sentence)
        if factor == LEAD_FACTOR and topic.lead_terms:
            taken = [(match.start, match.end) for match in matches]
            matches += [match for match in _term_matches(topic.lead_terms, sentence)
                        if not any(start < match.end and match.start < end for start, end in taken)]
        if not matches:
            continue
        weight = sum(match.weight for match in matches)
        score += weight * factor
        counts.update(match.term for match in matches)
        scored_sentences.append((weight, position, sentence))
    best = sorted(scored_sentences, key=lambda item: (-item[0], item[1]))[:EVIDENCE_SENTENCES]
    sentences = tuple(sentence for _, _, sentence in sorted(best, key=lambda item: item[1]))
    terms = tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return TopicEvidence(topic.id, round(score, 2), terms, sentences)


def _is_about(topic: TopicConfig, units: Sequence[tuple[str, float]], evidence: TopicEvidence) -> bool:
    """Whether the article is about the topic, not only near it: the general words of a field in its body do not
    make an article about one initiative in that field; naming the initiative, or a lead full of its terms, does."""
    naming = {term.casefold() for term, weight in topic.terms if weight >= topic.threshold}
    if not naming or any(term.casefold() in naming for term, _ in evidence.terms):
        return True
    lead_score = sum(term_score(topic, text) * factor for text, factor in units if factor == LEAD_FACTOR)
    return lead_score >= topic.threshold


def _has_context(topic: TopicConfig, text: str) -> bool:
    """Return True when the topic needs no context term, or the text mentions one of them."""
    if not topic.requires_any:
        return True
    pattern, _ = _compiled(tuple((term, 0.0) for term in topic.requires_any))
    return bool(pattern.search(text))


def _override_ids(chosen: Any, config: Config, source_name: str) -> set[str] | None:
    if chosen is None:
        return None
    if isinstance(chosen, str):
        chosen = [part.strip() for part in chosen.split(",") if part.strip()]
    if not isinstance(chosen, list):
        logger.warning("%s: topics must be a list of topic ids; ignored", source_name)
        return None
    known = {topic.id for topic in config.topics}
    ids = set()
    for item in chosen:
        if str(item) in known:
            ids.add(str(item))
        else:
            logger.warning("%s: unknown topic %r in topics (known: %s)", source_name, item, ", ".join(sorted(known)))
    return ids


@lru_cache(maxsize=256)
def _compiled(terms: tuple[tuple[str, float], ...]) -> tuple[re.Pattern[str], tuple[tuple[str, float], ...]]:
    """Compile a topic's terms into one alternation, longest first, so a scan finds the longest term at each place."""
    ordered = sorted(enumerate(terms), key=lambda item: (-len(item[1][0]), item[0]))
    alternatives = []
    for index, (term, _) in ordered:
        parts = [re.escape(part) for part in re.split(r"[\s-]+", term.strip())]
        body = r"[\s\-‐–]+".join(parts)
        plural = r"(?:s|es)?" if term[-1].isalpha() else ""
        case = "" if any(char.isupper() for char in term) else "?i:"
        alternatives.append(rf"(?P<t{index}>({case}{body}{plural}))")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])"), terms
