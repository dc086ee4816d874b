"""People: names found by title, honorific, speech verb and list; roles from appositions; forms merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.analyse.entities import find_people
from generator.analyse.people import build_people, company_names
from generator.model import Article, Metadata
from generator.analyse.quotes import find_quotes


def _mentions(text: str, config, author: str | None = None) -> list[tuple[str, str, str]]:
    return [(m.name, m.role, m.how) for m in find_people([text], config, author)]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("US Secretary of State Marco Rubio is hosting the meeting.", "Marco Rubio", "US Secretary of State"),
        ("External Affairs Minister S Jaishankar will travel to Washington.", "S Jaishankar", "External Affairs Minister"),
        ("US Ambassador Sergio Gor had said India would be invited.", "Sergio Gor", "US Ambassador"),
        ("US Ambassador to India Sergio Gor later indicated progress.", "Sergio Gor", "US Ambassador to India"),
        ("It was hosted by U.S. Treasury Secretary Scott Bessent last week.", "Scott Bessent", "U.S. Treasury Secretary"),
        ("President Donald Trump has repeatedly claimed credit.", "Donald Trump", "President"),
        ("U.S. Attorney Jane Q. Porter said the case was closed.", "Jane Q. Porter", "U.S. Attorney"),
        ("Doe told Reuters Finance Secretary Ravi Kumar had agreed.", "Ravi Kumar", "Finance Secretary"),
        ("He held a call with Secretary of State Rubio.", "Rubio", "Secretary of State"),
        ("The talks between external affairs minister S Jaishankar and others ended.", "S Jaishankar", "external affairs minister"),
        ("Prime Minister Narendra Modi spoke at the summit.", "Narendra Modi", "Prime Minister"),
        ("UN Secretary-General António Guterres called for calm.", "António Guterres", "UN Secretary-General"),
        ("Union Minister for Heavy Industries K R Varma said the plan would work.", "K R Varma",
         "Union Minister for Heavy Industries"),
        ("Leader of the Opposition V D Menon called it a manifesto.", "V D Menon", "Leader of the Opposition"),
        ("Deputy Chief Minister DK Raghavan said the money was enough.", "DK Raghavan", "Deputy Chief Minister"),
        ("Ministry spokesperson He Wenli said on Thursday that licences were approved.", "He Wenli",
         "Ministry spokesperson"),
        ("The team is led by Trade Representative for South and Central Asia Brennan Lark, officials said.",
         "Brennan Lark", "Trade Representative for South and Central Asia"),
    ],
)
def test_role_comes_from_the_apposition(text, name, role, config):
    assert (name, role, "title") in _mentions(text, config)


def test_honorific_speech_verb_and_list_find_people(config):
    assert ("S. Jaishankar", "", "honorific") in _mentions("Dr. S. Jaishankar arrived late.", config)
    assert ("Jane Porter", "", "speech verb") in _mentions("Jane Porter said the deal was close.", config)
    assert ("Ravi Kumar", "", "speech verb") in _mentions("The deal is close, said Ravi Kumar.", config)
    listed = _mentions("He met a three-member US Congressional delegation of Jimmy Patronis, Mike Rogers and Adam Smith.", config)
    role = "member of the US Congressional delegation"
    assert [(n, r) for n, r, _ in listed] == [("Jimmy Patronis", role), ("Mike Rogers", role), ("Adam Smith", role)]


@pytest.mark.parametrize(
    "text",
    [
        "He will attend the inaugural Critical Minerals Ministerial in Washington.",
        "India is expected to join the Pax Silica initiative.",
        "They met on the sidelines of the UN General Assembly.",
        "The Ministry of External Affairs said the visit was important.",
        "The White House said the talks went well.",
        "Operation Sindoor ended in May.",
        "Kuala Lumpur hosted the East Asia Summit.",
        "The Secretary of State arrived.",
        "New Delhi said talks would continue.",
    ],
)
def test_capitalised_phrases_that_are_not_people(text, config):
    assert _mentions(text, config) == []


def test_the_reporter_is_not_a_person_in_the_story(config):
    assert _mentions("Jayanth Jacob said the minister would travel.", config, author="Jayanth Jacob") == []


def _article(article_id: str, paragraphs: list[str], config, date: str | None = None, author: str | None = None) -> Article:
    meta = Metadata(article_id, "headline", date, "front matter" if date else "unknown", None, author, None, None, None)
    mentions = find_people(paragraphs, config, author)
    return Article(
        id=article_id,
        source_path=f"{article_id}.txt",
        meta=meta,
        summary="",
        paragraphs=tuple(paragraphs),
        topics=(),
        removed=(),
        mentions=mentions,
        quotes=find_quotes(paragraphs, mentions, config),
    )


def test_variants_merge_into_one_person_with_aliases(config):
    articles = [
        _article("a", ["External Affairs Minister Dr. S. Jaishankar met officials. Jaishankar said little."], config, "2026-01-20"),
        _article("b", ["External Affairs Minister S Jaishankar travelled. Later Jaishankar spoke."], config, "2026-01-29"),
        _article("c", ["President Donald Trump spoke. Trump's claims were repeated by President Trump."], config),
    ]
    people = {person.name: person for person in build_people(articles, config)}
    assert set(people) == {"S Jaishankar", "Donald Trump"}
    jaishankar = people["S Jaishankar"]
    assert set(jaishankar.aliases) >= {"Jaishankar", "S. Jaishankar"}
    assert jaishankar.article_ids == ("a", "b")
    assert jaishankar.role == "External Affairs Minister"
    assert [role.role for role in jaishankar.roles] == ["External Affairs Minister", "External Affairs Minister"]
    assert people["Donald Trump"].aliases == ("Trump",) and people["Donald Trump"].role == "President"


def test_a_surname_alone_refers_to_the_full_name_and_a_unique_first_name_too(config):
    articles = [
        _article("a", ["US Ambassador Sergio Gor met the minister."], config, "2026-01-20"),
        _article("b", ["Gor, who attended, was upbeat. The minister met US ambassador Sergio on Monday."], config),
    ]
    [gor] = build_people(articles, config)
    assert gor.name == "Sergio Gor" and gor.article_ids == ("a", "b")
    assert set(gor.forms["b"]) == {"Gor", "Sergio"}
    assert [(role.article_id, role.role) for role in gor.roles] == [("a", "US Ambassador"), ("b", "US ambassador")]


def test_different_first_names_are_different_people_and_a_shared_surname_stays_unlinked(config):
    articles = [
        _article("a", ["Senator Adam Smith spoke. Governor John Smith replied. Smith left early."], config),
    ]
    people = {person.name: person for person in build_people(articles, config)}
    assert set(people) == {"Adam Smith", "John Smith"}
    assert all("Smith" not in person.aliases for person in people.values())


def test_roles_change_and_the_newest_dated_article_gives_the_headline_role(config):
    articles = [
        _article("old", ["Commerce Secretary Jane Roe spoke."], config, "2025-03-01"),
        _article("new", ["Trade Minister Jane Roe spoke."], config, "2026-03-01"),
    ]
    [roe] = build_people(articles, config)
    assert roe.role == "Trade Minister"
    assert {(r.article_id, r.role) for r in roe.roles} == {("old", "Commerce Secretary"), ("new", "Trade Minister")}


def test_configured_people_add_aliases_and_roles(tmp_path: Path):
    (tmp_path / "briefing.yml").write_text(
        "people:\n  - name: Subrahmanyam Jaishankar\n    aliases: [EAM Jaishankar, S Jaishankar]\n"
        "    role: Minister of External Affairs of India\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    articles = [_article("a", ["EAM Jaishankar met the envoy. External Affairs Minister S Jaishankar said so."], config)]
    [person] = build_people(articles, config)
    assert person.name == "Subrahmanyam Jaishankar"
    assert person.role == "Minister of External Affairs of India"
    assert "EAM Jaishankar" in person.aliases


def test_quotes_are_attributed_to_people_or_the_subject_phrase(config):
    paragraphs = [
        "Ambassador Gor, who attended the meeting, described the talks as “productive,” with a focus on trade.",
        "Indian officials have indicated that “very significant” progress has been made.",
        "Their conversation covered issues of “current concern” to both.",
        '"We will not compromise on the interests of our farmers," commerce minister Piyush Goyal told reporters.',
    ]
    article = _article("a", paragraphs, config)
    quotes = [(quote.text, quote.speaker) for quote in article.quotes]
    assert ("productive", "Gor") in quotes
    assert ("very significant", "Indian officials") in quotes
    assert ("We will not compromise on the interests of our farmers", "Piyush Goyal") in quotes
    assert all(text != "current concern" for text, _ in quotes)  # scare quotes: no verb of saying, no speaker


def test_quote_speaker_links_to_the_person(config):
    articles = [_article("a", ["US Ambassador Sergio Gor spoke. Gor described the talks as “productive”."], config)]
    [gor] = build_people(articles, config)
    assert [(quote.text, article_id) for quote, article_id in gor.quotes] == [("productive", "a")]


def test_a_name_the_corpus_gives_a_legal_form_is_a_firm_unless_a_title_makes_it_a_person(config):
    firm = [
        _article("a", ["Jane Porter said the offer was final."], config),
        _article("b", ["Shares of Jane Porter Holdings Inc rose 5 pct on the news."], config),
    ]
    assert [person.name for person in build_people(firm, config)] == []
    titled = [*firm, _article("c", ["Ms Jane Porter said she would not sell."], config)]
    [porter] = build_people(titled, config)
    assert porter.name == "Jane Porter" and "a" in porter.article_ids


def test_company_names_come_from_legal_forms_tickers_and_company_contexts(config):
    texts = [
        "He met John Smith. Acme Inc rose.",  # a sentence's full stop ends the name
        "Brokers Doe Roe and Co and Kay, Lee Ltd traded. Cheung Wai (Holdings) fell.",
        "Shares of Mira Vale <MVL> rose, a Tom Reed Worldwide Chairman said, and a unit of Ada Noor fell.",
        "Pat Quinn shareholders voted. Said Lou Park, chairman of the board, the vote was close.",
        "Loans went to Eng C. Morini and C. S.P.A. and to others.",
    ]
    articles = [_article(str(n), [text], config) for n, text in enumerate(texts)]
    articles.append(_article("RUTH OKAFOR <RUO> SEES LOSS AS JON BELL CHAIRMAN LEAVES", ["No names here."], config))
    found = company_names(articles, config.entities)
    assert {("c", "morini"), ("ruth", "okafor")} <= found and ("jon", "bell") not in found
    assert {("doe", "roe"), ("brokers", "doe", "roe"), ("cheung", "wai")} <= found
    assert {("mira", "vale"), ("tom", "reed"), ("tom", "reed", "worldwide"), ("ada", "noor"), ("pat", "quinn")} <= found
    assert not {("john", "smith"), ("kay", "lee"), ("lou", "park"), ("said", "lou", "park")} & found


def test_a_name_quoted_on_its_own_is_a_brand_not_a_person(config):
    from generator.analyse.ner import EntitySpan

    sentences = ['It sells the "Maria Lopez" line of scents.', "Maria Lopez joined the firm."]

    def spans(sentence: str) -> tuple[EntitySpan, ...]:
        start = sentence.index("Maria Lopez")
        return (EntitySpan(start, start + len("Maria Lopez"), "PERSON", "Maria Lopez"),)

    quoted = find_people(sentences[:1], config, None, (spans(sentences[0]),))
    assert quoted == ()
    plain = find_people(sentences[1:], config, None, (spans(sentences[1]),))
    assert [(mention.name, mention.how) for mention in plain] == [("Maria Lopez", "recogniser")]


def test_every_name_in_a_list_of_companies_is_a_firm(config):
    text = ("Makers such as Mira Vale, Tom Reed and Ada Noor reported orders, and companies including Pat Quinn "
            "did too. Officials such as Lou Park disagreed.")
    found = company_names([_article("a", [text], config)], config.entities)
    assert {("mira", "vale"), ("tom", "reed"), ("ada", "noor"), ("pat", "quinn")} <= found
    assert ("lou", "park") not in found  # officials are people


@pytest.mark.parametrize("sentence, name", [
    ("Water entered homes in Mira Layout overnight.", "Mira Layout"),
    ("Ada Noor Exports rose 9%.", "Ada Noor Exports"),
])
def test_words_of_places_and_goods_are_never_in_a_name(config, sentence, name):
    from generator.analyse.ner import EntitySpan

    start = sentence.index(name)
    spans = ((EntitySpan(start, start + len(name), "PERSON", name),),)
    assert find_people([sentence], config, None, spans) == ()


def test_a_hyphenated_title_is_the_role_not_part_of_the_name(config):
    found = find_people(["Executive Vice-President Anne Marlow said the rules would apply."], config)
    assert [(mention.name, mention.role) for mention in found] == [("Anne Marlow", "Executive Vice-President")]


def test_a_name_before_a_group_noun_describes_the_group(config):
    from generator.analyse.ner import EntitySpan

    sentence = "Local Atacameño leaders rejected the plan."
    start = sentence.index("Atacameño")
    spans = ((EntitySpan(start, start + len("Atacameño"), "PERSON", "Atacameño"),),)
    assert find_people([sentence], config, None, spans) == ()


def test_initials_after_a_title_are_a_person_whatever_the_recogniser_says(config):
    from generator.analyse.ner import EntitySpan

    sentence = "Kerala Finance Minister K N Varma presented the budget."
    start = sentence.index("K N Varma")
    spans = ((EntitySpan(start, start + len("K N Varma"), "ORG", "K N Varma"),),)  # read as a company
    found = find_people([sentence], config, None, spans)
    assert [(mention.name, mention.role) for mention in found] == [("K N Varma", "Kerala Finance Minister")]


def test_dotted_initials_do_not_end_a_sentence():
    from generator.text import split_sentences

    assert split_sentences("Minister H.D. Varma said it. Then he left.") == ["Minister H.D. Varma said it.",
                                                                           "Then he left."]


def test_a_name_with_dotted_initials_is_found_in_its_article(config):
    articles = [_article("a", ["Heavy Industries Minister H.D. Varma said plants would start "
                               "soon."], config, "2026-01-20")]
    people = {person.name: person for person in build_people(articles, config)}
    assert "H.D. Varma" in people
    assert people["H.D. Varma"].article_ids == ("a",)


def test_names_written_as_things_are_not_people(config):
    names = {name for name, _, _ in _mentions(
        "A fading Zorla Vane could lift wheat prices, analysts said. Zorla Vane conditions were present. The phone "
        "comes in two colours, Dune Quill and Marrow Teal, and ships on Friday. She met two ministers, Jane Porter "
        "and Ravi Kumar, on Monday.", config)}
    assert not names & {"Zorla Vane", "Dune Quill", "Marrow Teal"}
    assert {"Jane Porter", "Ravi Kumar"} <= names


def test_the_words_after_and_in_an_office_are_not_a_name(config):
    mentions = _mentions("Nova said the Minister of Regional and Industrial Expansion, Jane Porter, ruled on it. "
                         "It was approved, said H.W. Lark, president of Chemicals and Plastics.", config)
    assert not any(name in ("Industrial Expansion", "Plastics") for name, _, _ in mentions)
    assert not any(role.endswith(" and") for _, role, _ in mentions)
