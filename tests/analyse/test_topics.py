"""Topic scoring: articles about a subject get its topic with evidence; articles about something else get none."""

from __future__ import annotations

import pytest

from generator.analyse.topics import find_terms, score_topics, term_score

TRADE_DEAL = [
    "India and the US on Tuesday resumed negotiations on a bilateral trade agreement in New Delhi.",
    "Negotiators aim to conclude the first tranche of the trade deal by autumn, officials said.",
    "Market access for dairy remains the main sticking point in the trade talks.",
]
MINERALS = [
    "India signed an agreement with Australia on Monday to secure lithium and cobalt for its battery makers.",
    "The pact is part of a push to build critical minerals supply chains less dependent on China.",
    "Rare-earth magnets and graphite processing will follow, the mines ministry said.",
]
CRICKET = [
    "India beat the USA by seven wickets in their T20 World Cup match in New York on Wednesday.",
    "Suryakumar Yadav hit an unbeaten half-century as India chased down 111 with ten balls to spare.",
    "The USA, co-hosts of the tournament, had earlier stunned Pakistan in a super over.",
]
BUDGET = [
    "The finance minister presented the Union Budget on Saturday with a focus on rural employment and infrastructure.",
    "Capital expenditure was raised to 11 lakh crore while the fiscal deficit target was set at 4.4 per cent.",
    "Customs duty on some electronics components was cut to support local manufacturing.",
    "Income tax slabs were revised to leave more money with the middle class.",
]


def _ids(paragraphs, config, title=None, chosen=None):
    return {evidence.topic_id for evidence in score_topics(title, paragraphs, config, chosen)}


def test_trade_deal_article(config):
    assert _ids(TRADE_DEAL, config) == {"trade-deal"}


def test_critical_minerals_article(config):
    assert _ids(MINERALS, config) == {"critical-minerals"}


@pytest.mark.parametrize("paragraphs", [CRICKET, BUDGET], ids=["cricket", "budget"])
def test_article_about_something_else_gets_no_topic(config, paragraphs):
    assert _ids(paragraphs, config) == set()


def test_article_with_several_subjects_gets_several_topics(config):
    paragraphs = [
        "India is expected to join Pax Silica, the US-led initiative on semiconductor and AI supply chains.",
        "The US has imposed tariffs of up to 50% on Indian goods, including a punitive tariff over Russian oil.",
        *TRADE_DEAL,
    ]
    assert _ids(paragraphs, config) == {"pax-silica", "tariffs", "trade-deal"}


CHIP_STARTUP = [
    "A Bengaluru chip startup raised $40 million on Tuesday to design processors for data centres.",
    "The company said the round was led by a US venture fund and would pay for a new design team.",
    "Its founders said demand for semiconductor design talent and AI accelerators was rising fast.",
    "The chip designer plans to tape out its first AI chip next year and to open an office in Texas.",
    "Analysts said semiconductor supply chains and AI compute remained tight, lifting chip valuations.",
]


def test_words_near_a_topic_do_not_make_an_article_about_it(config):
    # Chip and AI words reach Pax Silica's threshold, but the article never names the initiative and its lead
    # is not about it: a funding story, not Pax Silica.
    (pax_silica,) = [topic for topic in config.topics if topic.id == "pax-silica"]
    assert sum(term_score(pax_silica, paragraph) for paragraph in CHIP_STARTUP) >= pax_silica.threshold
    assert "pax-silica" not in _ids(CHIP_STARTUP, config)
    named = ["India is expected to join Pax Silica, officials said on Tuesday.", *CHIP_STARTUP]
    assert "pax-silica" in _ids(named, config)


def test_evidence_keeps_terms_counts_and_sentences(config):
    (evidence,) = score_topics(None, TRADE_DEAL, config)
    terms = dict(evidence.terms)
    assert terms["trade agreement"] == 1 and terms["trade deal"] == 1 and terms["market access"] == 1
    assert TRADE_DEAL[1] in evidence.sentences
    assert evidence.score >= config.topic("trade-deal").threshold


def test_front_matter_topics_override_the_text(config):
    evidences = score_topics(None, CRICKET, config, chosen=["tariffs"])
    assert [(e.topic_id, e.origin) for e in evidences] == [("tariffs", "front matter")]


def test_longest_term_wins_and_plural_and_hyphen_variants_match(config):
    topic = config.topic("critical-minerals")
    matches = find_terms(topic, "Critical minerals and rare-earth magnets; rare earths too.")
    assert [m.term for m in matches] == ["critical minerals", "rare earth", "rare earth"]


def test_terms_with_capitals_match_case_sensitively(config):
    topic = config.topic("pax-silica")
    assert [m.term for m in find_terms(topic, "AI chips")] == ["AI", "chip"]
    assert [m.term for m in find_terms(topic, "said the aide")] == []


BUDGET_DUTIES = [
    "The finance minister cut the customs duty on 36 life-saving drugs and raised the tariff on imported solar cells.",
    "Tariff rationalisation will continue, with customs duties on some electronics components cut to support makers.",
    "The fiscal deficit target was set at 4.4 per cent and capital expenditure raised to 11 lakh crore.",
]
EU_FTA = [
    "India and the European Union concluded a free trade agreement on Tuesday after nearly two decades of talks.",
    "The trade agreement will cut duties on cars, wine and machinery, while India keeps its dairy sector closed.",
    "Negotiators said the trade pact would be signed after legal scrubbing, with trade talks on investment to follow.",
]


def test_budget_customs_duties_are_not_us_tariffs(config):
    assert _ids(BUDGET_DUTIES, config) == set()


def test_trade_deal_with_another_partner_is_not_the_india_us_deal(config):
    assert _ids(EU_FTA, config) == set()


def test_context_term_lets_the_same_text_in(config):
    with_us = [BUDGET_DUTIES[0] + " The US tariff on Indian steel stays at 50 per cent.", *BUDGET_DUTIES[1:]]
    assert "tariffs" in _ids(with_us, config)


def test_a_lead_about_the_deal_is_about_the_deal_without_its_name(config):
    lead = [
        "WASHINGTON - The US trade chief on Tuesday defended tariffs, pointing to the pact signed with India last "
        "month as a model for more agreements.",
        "That deal cut the US tariff on most Indian goods to 18% in exchange for Indian cuts on nuts.",
        "Senators pressed him on prices. He said trade agreements would follow.",
    ]
    assert "trade-deal" in _ids(lead, config, title="US trade chief says more deals like India pact are coming")
    # The same words further down an article about something else say nothing about what it is about.
    later = ["The US ambassador opened a consulate in Hyderabad on Monday.",
             "Officials discussed visas and student numbers at the opening.", *lead[1:], lead[0]]
    assert "trade-deal" not in _ids(later, config, title="US opens a consulate in Hyderabad")


def test_lead_terms_must_be_a_mapping(tmp_path):
    from generator.config import load_config
    from generator.errors import ConfigError
    (tmp_path / "briefing.yml").write_text(
        "topics:\n  - id: deals\n    name: Deals\n    terms: {deal: 3}\n    lead_terms: [pact]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="lead_terms.*must be a mapping"):
        load_config(tmp_path)
