"""Linking: ordering, topic membership and synthesis with citations, related articles."""

from __future__ import annotations

from helpers import make_source
from generator.read.clean import clean_text
from generator.analyse.link import link_corpus
from generator.pipeline import analyse_article

DEAL_A = """date 2026-02-03 India, US close in on trade deal
India and the United States are close to concluding the first tranche of a bilateral trade agreement, officials said on Monday.
Negotiators have resolved most differences on market access for industrial goods, though dairy remains a sticking point in the trade talks.
A deal would cut the 50 per cent tariff now levied on many Indian goods."""
DEAL_B = """date 2026-02-05 Trade pact within reach
Officials from both countries said the trade deal could be signed within weeks after another round of trade talks in Washington.
India has refused to open its dairy sector, but has offered lower duties on some American farm goods to secure the trade agreement."""
CRICKET = """date 2026-02-04 India beat USA
India beat the USA by seven wickets in their T20 World Cup match in New York on Wednesday evening.
Suryakumar Yadav hit an unbeaten half-century as India chased down the target with ten balls to spare."""
UNDATED = """A trade deal between India and the US remains elusive despite months of trade talks and a visit by negotiators.
Officials declined to say when the next round of trade negotiations on market access would be held."""


def _corpus(config):
    articles = [
        analyse_article(clean_text(make_source(text, path=name), config), config)
        for name, text in [("a.txt", DEAL_A), ("b.txt", DEAL_B), ("c.txt", CRICKET), ("d.txt", UNDATED)]
    ]
    return link_corpus(articles, config)


def test_articles_newest_first_undated_last(config):
    corpus = _corpus(config)
    assert [a.source_path for a in corpus.articles] == ["b.txt", "c.txt", "a.txt", "d.txt"]


def test_topic_lists_its_articles_and_cites_its_synthesis(config):
    corpus = _corpus(config)
    deal = next(topic for topic in corpus.topics if topic.id == "trade-deal")
    members = {corpus.article(article_id).source_path for article_id in deal.article_ids}
    assert members == {"a.txt", "b.txt", "d.txt"}
    assert deal.synthesis
    for citation in deal.synthesis:
        assert citation.sentence in " ".join(corpus.article(citation.article_id).paragraphs)
    assert len({c.article_id for c in deal.synthesis}) >= 2  # drawn from several sources


def test_related_articles_share_content_not_cricket(config):
    corpus = _corpus(config)
    by_path = {a.source_path: a.id for a in corpus.articles}
    related = corpus.related[by_path["a.txt"]]
    assert by_path["b.txt"] in related
    assert by_path["c.txt"] not in related
    assert by_path["a.txt"] not in related


def test_article_id_is_stable_and_readable(config):
    first = _corpus(config)
    second = _corpus(config)
    assert [a.id for a in first.articles] == [a.id for a in second.articles]
    assert any(a.id.startswith("india-us-close-in-on-trade-deal-") for a in first.articles)


def test_related_articles_are_listed_newest_first(config):
    corpus = _corpus(config)
    by_path = {a.source_path: a.id for a in corpus.articles}
    related = corpus.related[by_path["a.txt"]]
    assert len(related) >= 2
    position = {article.id: index for index, article in enumerate(corpus.articles)}  # corpus order: newest first
    assert [position[article_id] for article_id in related] == sorted(position[article_id] for article_id in related)


def test_a_tiny_shift_in_scores_does_not_swap_near_tied_related_articles(config):
    """One more seed moves every TF-IDF weight a little; near-ties must not change places (and rewrite pages)."""
    from generator.analyse.link import _related_articles

    corpus = _corpus(config)
    a, b, d = (next(x for x in corpus.articles if x.source_path == name) for name in ("a.txt", "b.txt", "d.txt"))
    before = _related_articles(corpus.articles, {a.id: ((b.id, 0.3021), (d.id, 0.3019))}, 1)
    after = _related_articles(corpus.articles, {a.id: ((d.id, 0.3022), (b.id, 0.3018))}, 1)
    assert before[a.id] == after[a.id] == (min(b.id, d.id),)
