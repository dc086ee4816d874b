"""Organisations: found by configuration, legal form, government word, brackets and the recogniser; variants merged;
shown in the index, their pages, article pages, briefing.json, search and handouts."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from generator.cli import main
from generator.config import load_config
from generator.analyse.entities import find_people, recognise_names
from generator.errors import ConfigError
from generator.model import Article, Metadata
from generator.analyse.organisation_groups import build_organisations
from generator.analyse.organisations import find_organisations

from helpers import new_project


@pytest.fixture(scope="module")
def rules_config(tmp_path_factory):
    root = tmp_path_factory.mktemp("rules")
    (root / "briefing.yml").write_text("entities:\n  ner_model: ''\n", encoding="utf-8")
    return load_config(root)


def _found(text: str, config, outlet: str | None = None) -> dict[str, tuple[str, str, str]]:
    names = recognise_names([[text]], config.entities.ner_model)[0] if config.entities.ner_model else None
    people = [mention.name for mention in find_people([text], config, None, names)]
    return {m.name: (m.kind, m.how, m.acronym) for m in find_organisations([text], config, outlet, names, people)}


def test_legal_forms_government_words_and_known_bodies_by_rules_alone(rules_config):
    found = _found(
        "Shares of Brown-Forman Inc rose after the Commerce Department said the Fed and the International Monetary "
        "Fund agreed. Trade Minister Jane Porter spoke at the Nickel Summit.",
        rules_config,
    )
    assert found["Brown-Forman Inc"][0] == "company"
    assert found["Commerce Department"][0] == "government body"
    assert found["Fed"][:2] == ("government body", "known")
    assert found["International Monetary Fund"][0] == "international body"
    assert not any("Porter" in name or "Summit" in name or "Shares" in name for name in found)


def test_a_short_form_in_brackets_joins_its_name_and_counts_later(config):
    text = ("The Office of the US Trade Representative (USTR) said talks would resume. Officials at USTR met the "
            "Ministry of External Affairs (MEA) on Monday.")
    found = _found(text, config)
    assert found["Office of the US Trade Representative"] == ("government body", found["Office of the US Trade Representative"][1], "USTR")
    assert found["Ministry of External Affairs"][2] == "MEA"
    assert "USTR" in found


def test_titles_people_and_the_outlet_are_not_organisations(config):
    text = ("External Affairs Minister S Jaishankar met Secretary of State Marco Rubio, Reuters reported, and Rubio "
            "praised the Quad.")
    found = _found(text, config, outlet="Reuters")
    assert not any(word in name for name in found for word in ("External Affairs", "State", "Rubio", "Reuters"))


def _article(article_id: str, mentions_text: str, config, date: str) -> Article:
    paragraphs = (mentions_text,)
    names = recognise_names([paragraphs], config.entities.ner_model)[0] if config.entities.ner_model else None
    return Article(
        id=article_id, source_path=f"{article_id}.txt",
        meta=Metadata(article_id, "headline", date, "front matter", None, None, None, None, None),
        summary=mentions_text, paragraphs=paragraphs, topics=(), removed=(),
        organisations=find_organisations(paragraphs, config, None, names),
    )


def test_variants_merge_and_different_bodies_stay_apart(config):
    articles = [
        _article("a", "Airbus Industrie said on Monday that the International Monetary Fund was wrong.", config, "2026-03-03"),
        _article("b", "Airbus said its deliveries rose, and the IMF agreed. Airbus will also hire staff.", config, "2026-03-02"),
        _article("c", "The Office of the US Trade Representative (USTR) said Ford Motor Co would gain.", config, "2026-03-01"),
        _article("d", "USTR officials met Ford Motor Credit Co, the finance arm.", config, "2026-02-28"),
    ]
    organisations = {o.name: o for o in build_organisations(articles, config)}
    airbus = organisations["Airbus"]  # the form the articles use most
    assert airbus.aliases == ("Airbus Industrie",) and airbus.article_ids == ("a", "b")
    assert organisations["International Monetary Fund"].kind == "international body"
    assert "IMF" in organisations["International Monetary Fund"].aliases
    ustr = organisations["Office of the US Trade Representative"]
    assert ustr.aliases == ("USTR",) and ustr.article_ids == ("c", "d") and ustr.kind == "government body"
    assert "Ford Motor Co" in organisations and "Ford Motor Credit Co" in organisations  # never merged
    assert len({o.id for o in organisations.values()}) == len(organisations)


def test_configured_organisations_give_name_aliases_and_kind(tmp_path):
    (tmp_path / "briefing.yml").write_text(
        "entities:\n  ner_model: ''\norganisations:\n"
        "  - {name: Nickel Producers Club, aliases: [NPC], kind: international body}\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    articles = [_article("a", "Delegates of the NPC met in Geneva.", config, "2026-03-03"),
                _article("b", "The Nickel Producers Club raised output.", config, "2026-03-02")]
    (club,) = [o for o in build_organisations(articles, config) if o.name == "Nickel Producers Club"]
    assert club.kind == "international body" and club.aliases == ("NPC",) and club.article_ids == ("a", "b")


def test_a_bad_kind_is_a_one_line_config_error(tmp_path):
    (tmp_path / "briefing.yml").write_text("organisations:\n  - {name: Acme, kind: bakery}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"organisations\[0\]\.kind"):
        load_config(tmp_path)


SEED = """---
title: Tariff talks resume in Delhi
date: 2026-03-02
outlet: Example Times
---
The Office of the US Trade Representative (USTR) said on Monday that talks with India's Ministry of Commerce and
Industry would resume next week in Delhi, where Acme Minerals Ltd plans a rare earth plant.

USTR negotiators will meet officials of the Ministry of Commerce and Industry, and Acme Minerals Ltd said it
welcomed the talks on critical minerals.
"""


def test_organisations_are_in_the_site_json_search_and_handouts(tmp_path):
    root = new_project(tmp_path / "p", copies=(), texts={"talks.md": SEED})
    (root / "briefing.yml").write_text("site:\n  own_page_articles: 1\n", encoding="utf-8")  # a page each, one article
    assert main(["-C", str(root), "build"]) == 0
    assert main(["-C", str(root), "handouts"]) == 0
    export = json.loads((root / "docs_src" / "briefing.json").read_text(encoding="utf-8"))
    by_name = {o["name"]: o for o in export["organisations"]}
    ustr = by_name["Office of the US Trade Representative"]
    assert set(ustr) == {"id", "name", "aliases", "kind", "url", "articles", "topics", "mentions"}
    assert ustr["aliases"] == ["USTR"] and ustr["kind"] == "government body" and ustr["mentions"] == 2
    assert by_name["Acme Minerals Ltd"]["kind"] == "company"
    (article,) = export["articles"]
    assert set(article["organisations"]) == {o["id"] for o in export["organisations"]}
    site = root / "site"
    index = (site / "organisations" / "index.html").read_text(encoding="utf-8")
    assert "Office of the US Trade Representative" in index and "government body" in index
    page = (site / ustr["url"]).read_text(encoding="utf-8")
    assert "USTR negotiators will meet" in page and "“USTR”" in page
    article_page = (site / "articles" / f"{article['id']}.html").read_text(encoding="utf-8")
    assert f'href="../{ustr["url"]}"' in article_page
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith(ustr["url"]) for doc in search["docs"])
    handouts = "".join(path.read_text(encoding="utf-8") for path in (root / "handouts").glob("*.html"))
    assert '<section id="organisations">' in handouts and "Acme Minerals Ltd" in handouts


def test_a_short_form_of_a_few_letters_per_word_after_an_abbreviated_legal_form(config):
    text = ("The state-run Tarang Vidyut India Ltd. (TAVIL) bid for two blocks. TAVIL said it would bid again, and "
            "so did Ambar Copper Ltd.")
    found = _found(text, config)
    assert found["Tarang Vidyut India Ltd."][2] == "TAVIL"  # TArang Vidyut India Ltd, the form's full stop kept
    assert "Ambar Copper Ltd." in found  # at a sentence's end too


def test_a_short_name_given_after_the_full_one_joins_it(config):
    text = ("Officials met the Corporacion Nacional del Litio de Chile, or Conalit, on Monday. Conalit said talks went "
            "well, and Tarang Vidyut India Ltd., known as TAVIL, agreed.")
    found = _found(text, config)
    assert found["Corporacion Nacional del Litio de Chile"][2] == "Conalit"
    assert found["Tarang Vidyut India Ltd."][2] == "TAVIL"
    assert "Conalit" in found  # its later mentions count


def test_the_commission_is_the_commission_its_article_names(config):
    articles = [
        _article("a", "The European Commission proposed a battery passport. The Commission said carmakers agreed. "
                      "The Commission will vote in May.", config, "2026-03-03"),
        _article("b", "The Federal Trade Commission fined the firm. The Commission gave it a month.", config,
                 "2026-03-02"),
    ]
    organisations = {o.name: o for o in build_organisations(articles, config)}
    assert organisations["European Commission"].article_ids == ("a",)
    assert "Commission" in organisations["European Commission"].aliases
    assert organisations["Federal Trade Commission"].article_ids == ("b",)
    assert "Commission" not in organisations  # no bare "Commission" left over, and no article's joined another's


def test_a_name_the_text_calls_an_organisation_is_one_wherever_it_appears(rules_config):
    text = ("Homegrown phone brand Velmora on Tuesday launched a tablet. State nickel giant Quarrix said prices "
            "would rise. Companies such as Tarn Vell Magnetics and Osk Lira have reported orders. Velmora says "
            "the tablet will sell well.")
    found = _found(text, rules_config)
    assert found["Velmora"][:2] == ("company", "context")
    assert found["Quarrix"][0] == "company"
    assert "Tarn Vell Magnetics" in found and "Osk Lira" in found
    # The name is found in sentences that do not call it anything too.
    mentions = find_organisations([text], rules_config)
    assert sum(mention.name == "Velmora" for mention in mentions) == 2


def test_an_agency_is_a_government_body_and_a_person_after_a_noun_is_no_organisation(rules_config):
    found = _found("The development agency Corvalta said bids were due. The central bank Governor Jane Porter "
                   "spoke. The firm, Jane Porter said, would grow.", rules_config)
    assert found["Corvalta"][0] == "government body"
    assert not any("Porter" in name or "Governor" in name for name in found)


def test_a_list_after_companies_ends_each_name_at_its_and(rules_config):
    found = _found("Brevik was set up by three state-run companies, NARCO, Holm Copper and Mineral Survey and "
                   "Consultancy Ltd., in 2019.", rules_config)
    assert {"NARCO", "Holm Copper", "Mineral Survey and Consultancy Ltd."} <= set(found)
    assert not any(name.startswith("Holm Copper and") for name in found)


def test_an_apposition_names_an_organisation(rules_config):
    found = _found("The bidders include Pell Minda, a Tarvo Group company, and two others. Jane Porter, a "
                   "company spokesperson, declined to comment.", rules_config)
    assert found["Pell Minda"][0] == "company"
    assert "Jane Porter" not in found


def test_a_body_word_makes_a_long_name_an_organisation(rules_config):
    found = _found("Exports rose, said Arvind Rao, president of the Federation of Doe Export Organisations. The "
                   "Secretary of State spoke at the Centre for Mining and Strategic Supply.", rules_config)
    assert "Federation of Doe Export Organisations" in found
    assert "Centre for Mining and Strategic Supply" in found
    assert "State" not in found


def test_the_recogniser_s_name_runs_to_its_legal_form_and_past_and(config):
    found = _found("Applicants include state-run Korvel (India) Ltd, according to two people. Aditi Rao is a "
                   "fellow at the Centre for Technology and Strategic Supply Chains in New Delhi. Ministry of "
                   "Commerce spokesperson Li Wen said on Thursday that licences were approved.", config)
    assert "Korvel (India) Ltd" in found
    assert "Centre for Technology and Strategic Supply Chains" in found
    assert "Ministry of Commerce" in found


def test_one_word_the_recogniser_reads_once_counts_when_listed_with_others(config):
    found = _found("The phone competes with models from Zorvi, Quellon and Samsung in the budget segment, and "
                   "runs a chip from DimaTek.", config)
    assert {"Zorvi", "Quellon", "Samsung", "DimaTek"} <= set(found)


def test_a_name_ending_in_an_organisation_s_word_is_one_whatever_the_recogniser_says(config):
    found = _found("NOTE: Harwick High-Yield Insured Tax-Free Income Fund. Union Minister for Heavy Industries "
                   "K R Varma said the plan would work.", config)
    assert "Harwick High-Yield Insured Tax-Free Income Fund" in found
    assert not any("Varma" in name for name in found)  # a person inside the recogniser's organisation


def test_names_listed_with_organisations_are_organisations_and_places_stay_places(config):
    found = _found("Doe firms dominate, with Shin-Etsu Chemical, JSR and Tokyo Ohka Kogyo supplying resists. Sumitomo "
                   "Metal Mining and Toyota Tsusho have looked for sources in Japan, South Korea and Vietnam.", config)
    assert {"Tokyo Ohka Kogyo", "Toyota Tsusho"} <= set(found)
    assert found["Toyota Tsusho"][:2] == ("company", "list")
    assert not {"Japan", "South Korea", "Vietnam", "Toyota"} & set(found)


def test_a_ministry_in_lower_case_and_a_league_holding_a_title_word(config):
    found = _found("On Thursday, the commerce ministry said the text was done. Rajasthan Royals signed him, the "
                   "Indian Premier League (IPL) confirmed on Tuesday.", config)
    assert found["commerce ministry"][0] == "government body"
    assert found["Indian Premier League"][2] == "IPL"


def test_a_name_with_spanish_connectors_runs_to_its_legal_form(config):
    found = _found("Codelco's partnership with Sociedad Quimica y Minera de Chile SA took effect last year.", config)
    assert found["Sociedad Quimica y Minera de Chile SA"][0] == "company"
    assert "Minera de Chile SA" not in found


def test_an_apposition_with_a_participle_and_a_possessive_before_a_name(config):
    found = _found("Velmora, the government-backed chipmaker building a plant in the north, is expected to benefit. "
                   "The phone competes with Quillon's Redmo line in the segment. Sales rose, said an analyst at "
                   "consultancy Antavik.", config)
    assert found["Velmora"][:2] == ("company", "context")
    assert "Quillon" in found
    assert "Antavik" in found


def test_places_budgets_and_trophies_are_not_organisations(config):
    found = _found("Rain flooded Anugra Layout and the Vizhin International Seaport. The Kerala Budget was read. The "
                   "Vijay Harare Trophy begins on Saturday.", config)
    assert not found


def test_a_body_s_whole_name_its_foreign_short_form_and_a_person_with_her_role(config):
    found = _found("Analysts at the Center for Strategic and International Studies said the curbs would bite. Sigrid "
                   "de Vries, director general of the European Automobile Manufacturers' Association (ACEA), said "
                   "the rules were tight. ACEA wants a delay. The Battery Regulation makes the passport mandatory. "
                   "The Union Cabinet on Wednesday approved the plan.", config)
    assert "Center for Strategic and International Studies" in found and "International Studies" not in found
    assert found["European Automobile Manufacturers' Association"][2] == "ACEA"
    assert not any("Vries" in name or "Regulation" in name or "Wednesday" in name for name in found)


def test_a_name_one_article_calls_an_organisation_is_one_in_the_others(rules_config):
    articles = [
        _article("a", "State copper giant Quarrix said it would sell a stake.", rules_config, "2026-03-03"),
        _article("b", "KABIL held talks with Quarrix over the stake. Quarrix declined to comment.", rules_config,
                 "2026-03-04"),
        _article("c", "Jane Quarrix Porter said the market was calm.", rules_config, "2026-03-05"),
    ]
    articles = [replace(article, mentions=find_people(article.paragraphs, rules_config)) for article in articles]
    assert not articles[1].organisations  # the rules alone see nothing in the second report
    assert [m.name for m in articles[2].mentions] == ["Jane Quarrix Porter"]
    organisations = {o.name: o for o in build_organisations(articles, rules_config)}
    quarrix = organisations["Quarrix"]
    assert quarrix.article_ids == ("a", "b") and quarrix.kind == "company"
    assert len([m for m in quarrix.mentions if m.article_id == "b"]) == 2


def test_a_list_and_a_legal_form_in_one_sentence(config):
    found = _found("Sumitomo Metal Mining and Toyota Tsusho joined Hanwa Holdings Inc in the venture.", config)
    assert {"Toyota Tsusho", "Hanwa Holdings Inc"} <= set(found)


def test_what_is_around_a_name_stays_out_of_it(config):
    found = _found("The Amsterdam unit of French bank Velmor Generale said it would lend. Bonds for Dorsk Danske Bank "
                   "and Iceland were trading well. President of the Brazilian Coffee Institute (IBC) Jorio Dauster "
                   "spoke. It formed a venture with Paris-based Alvern Industrial Group. Bank of Quorra's West German "
                   "branch lost money. It will buy Pioneer Tarvo Group Inc of Atlanta. There were problems at Stuart "
                   "Pharmaceuticals on Tuesday and Wednesday.", config)
    assert "French" not in found and not any(name.endswith("Iceland") for name in found)
    assert "Brazilian Coffee Institute" in found and not any(name.startswith("President") for name in found)
    assert "Alvern Industrial Group" in found and "Pioneer Tarvo Group Inc" in found
    assert not any("West German" in name or "Wednesday" in name for name in found)
