"""Link analysed articles into a corpus: topic membership, topic synthesis, related topics and related articles."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Sequence

import numpy

from generator.config import Config, TopicConfig
from .extract import strip_dateline
from generator.model import Article, Citation, Corpus, Topic
from generator.text import content_words, newest_first, split_sentences, word_count
from .topics import term_score

# Sentences quoted in a synthesis are between these lengths (words): shorter ones say little, longer ones sprawl.
SYNTHESIS_MIN_WORDS = 8
SYNTHESIS_MAX_WORDS = 60
# Two synthesis sentences sharing more than this share of their words say the same thing.
SYNTHESIS_MAX_SIMILARITY = 0.5
# Weight of "how central a sentence is to what the topic's articles share" against its topic-term score.
CENTRALITY_WEIGHT = 3.0
LEAD_BONUS = 0.5
FIGURE_BONUS = 0.5
# Related articles: below this cosine similarity two articles are not related; articles that share no topic
# must be far more alike to count (an analyst reads "related" as "about the same matter").
RELATED_MIN_SIMILARITY = 0.08
RELATED_MIN_SIMILARITY_NO_SHARED_TOPIC = 0.3
SHARED_TOPIC_BONUS = 0.05
RELATED_SCORE_DECIMALS = 2
# Words in more than this share of a large corpus tell nothing about relatedness; skipped in the index.
COMMON_WORD_SHARE = 0.5
COMMON_WORD_MIN_CORPUS = 20
# Bounds of the related-article search: words looked up per article, articles kept per word.
QUERY_WORDS = 25
POSTINGS_LIMIT = 200
# How many most-similar articles are kept per article (the candidates for related articles and for stories).
SIMILAR_CANDIDATES = 20
_DIGIT = re.compile(r"\d")


def link_corpus(articles: Sequence[Article], config: Config) -> Corpus:
    """Order the articles, build every topic from its articles, and find each article's related articles."""
    ordered = tuple(sorted(articles, key=_newest_first))
    topics = tuple(_build_topic(topic, ordered, config) for topic in config.topics)
    similar = similar_articles(ordered, max(SIMILAR_CANDIDATES, config.site.related_articles * 2))
    return Corpus(
        articles=ordered,
        topics=topics,
        related=_related_articles(ordered, similar, config.site.related_articles),
        by_id={article.id: article for article in ordered},
        similar=similar,
    )


def _newest_first(article: Article) -> tuple:
    return newest_first(article.meta.date, article.meta.title, article.id)


def _build_topic(topic: TopicConfig, articles: Sequence[Article], config: Config) -> Topic:
    members = tuple(article for article in articles if topic.id in article.topic_ids)
    co_occurring: Counter[str] = Counter()
    for article in members:
        co_occurring.update(other for other in article.topic_ids if other != topic.id)
    related = tuple(sorted(co_occurring.items(), key=lambda item: (-item[1], item[0])))
    return Topic(
        id=topic.id,
        name=topic.name,
        description=topic.description,
        article_ids=tuple(article.id for article in members),
        synthesis=synthesise(topic, members, config.site.synthesis_sentences),
        related=related,
    )


def synthesise(topic: TopicConfig, articles: Sequence[Article], limit: int) -> tuple[Citation, ...]:
    """Pick the most informative sentences about a topic across its articles, each cited to its article.

    A sentence scores for the topic terms it mentions, for how central its words are to what the topic's
    articles share (centroid summarisation, linear in the text), and for carrying a figure; near-repeats of a
    chosen sentence are skipped so the synthesis does not say one thing twice.
    """
    if not articles or limit <= 0:
        return ()
    document_frequency: Counter[str] = Counter()
    for article in articles:
        document_frequency.update(set(content_words(" ".join(article.paragraphs))))
    shared = len(articles) > 1
    candidates = []
    for order, article in enumerate(articles):
        for index, paragraph in enumerate(article.paragraphs):
            text = strip_dateline(paragraph) if index == 0 else paragraph
            for sentence in split_sentences(text):
                if not SYNTHESIS_MIN_WORDS <= word_count(sentence) <= SYNTHESIS_MAX_WORDS:
                    continue
                topical = term_score(topic, sentence)
                if topical <= 0:
                    continue
                words = set(content_words(sentence))
                centrality = (
                    sum(document_frequency[w] for w in words) / (len(words) * len(articles)) if shared and words else 0.0
                )
                score = topical + CENTRALITY_WEIGHT * centrality
                score += LEAD_BONUS if index < 2 else 0.0
                score += FIGURE_BONUS if _DIGIT.search(sentence) else 0.0
                candidates.append((-score, order, index, sentence, article.id, words))
    candidates.sort(key=lambda item: item[:4])
    per_article_cap = max(1, math.ceil(limit / 2)) if len(articles) >= 3 else limit
    chosen: list[tuple[str, str, set[str]]] = []
    used: Counter[str] = Counter()
    for _, _, _, sentence, article_id, words in candidates:
        if len(chosen) >= limit:
            break
        if used[article_id] >= per_article_cap:
            continue
        if any(_jaccard(words, other) > SYNTHESIS_MAX_SIMILARITY for _, _, other in chosen):
            continue
        chosen.append((sentence, article_id, words))
        used[article_id] += 1
    return tuple(Citation(sentence, article_id) for sentence, article_id, _ in chosen)


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similar_articles(articles: Sequence[Article], limit: int) -> dict[str, tuple[tuple[str, float], ...]]:
    """Return each article's most similar articles with their TF-IDF similarity, found through an inverted index.

    Each article looks up only its most distinctive words, and each word's posting list keeps only the articles
    where it weighs most, so the work per article is bounded however large the corpus or common its words.
    """
    if limit <= 0 or len(articles) < 2:
        return {article.id: () for article in articles}
    term_counts = [Counter(content_words(article.meta.title + " " + " ".join(article.paragraphs))) for article in articles]
    document_frequency: Counter[str] = Counter()
    for counts in term_counts:
        document_frequency.update(counts.keys())
    total = len(articles)
    skip_common = total >= COMMON_WORD_MIN_CORPUS
    vectors: list[dict[str, float]] = []
    postings: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for position, counts in enumerate(term_counts):
        vector = {}
        for word, count in counts.items():
            df = document_frequency[word]
            if df < 2 or (skip_common and df > COMMON_WORD_SHARE * total):
                continue  # a word in one article links nothing; one in most links everything
            vector[word] = (1 + math.log(count)) * math.log(1 + total / df)
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vector = {word: value / norm for word, value in vector.items()}
        vectors.append(vector)
        for word, value in vector.items():
            postings[word].append((-value, position))
    # Each word's best articles as two arrays, so one article's lookups add up as vector operations; a word lists
    # an article at most once, and words are added in the same order as a plain loop would (same floats).
    weights_of: dict[str, tuple[numpy.ndarray, numpy.ndarray]] = {}
    for word, entries in postings.items():
        best = sorted(entries)[:POSTINGS_LIMIT]
        weights_of[word] = (
            numpy.array([-negative for negative, _ in best]), numpy.array([other for _, other in best], dtype=numpy.intp)
        )
    similar: dict[str, tuple[tuple[str, float], ...]] = {}
    scores = numpy.zeros(total)
    for position, article in enumerate(articles):
        top_words = sorted(vectors[position].items(), key=lambda item: (-item[1], item[0]))[:QUERY_WORDS]
        scores.fill(0.0)
        for word, value in top_words:
            weights, others = weights_of[word]
            scores[others] += value * weights
        scores[position] = 0.0
        candidates = numpy.flatnonzero(scores > 0)
        if len(candidates) > limit:  # keep the `limit` best and any tied with the last of them, then rank exactly
            cut = len(candidates) - limit
            candidates = candidates[scores[candidates] >= numpy.partition(scores[candidates], cut)[cut]]
        ranked = sorted((-float(scores[other]), articles[other].id) for other in candidates)[:limit]
        similar[article.id] = tuple((other_id, round(-negative, 6)) for negative, other_id in ranked)
    return similar


def _related_articles(
    articles: Sequence[Article], similar: dict[str, tuple[tuple[str, float], ...]], limit: int
) -> dict[str, tuple[str, ...]]:
    """Rank related articles: similar enough, and far more similar when they share no topic."""
    topic_sets = {article.id: set(article.topic_ids) for article in articles}
    by_id = {article.id: article for article in articles}
    related: dict[str, tuple[str, ...]] = {}
    for article in articles:
        ranked = []
        for other, score in similar.get(article.id, ()):
            shared = len(topic_sets[article.id] & topic_sets[other])
            if score < (RELATED_MIN_SIMILARITY if shared else RELATED_MIN_SIMILARITY_NO_SHARED_TOPIC):
                continue
            # Scores are compared at two decimals, ties going to the lower id: adding one article shifts every
            # TF-IDF weight a little, and near-ties must not swap places (and rewrite pages) for that alone.
            ranked.append((-round(score + SHARED_TOPIC_BONUS * shared, RELATED_SCORE_DECIMALS), other))
        ranked.sort()
        chosen = [by_id[article_id] for _, article_id in ranked[:limit]]
        # Shown newest first: the list is "what else to read", and an order by score would move with every seed.
        related[article.id] = tuple(other.id for other in sorted(chosen, key=_newest_first))
    return related
