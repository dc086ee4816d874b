"""Read the tense of the verb a weekday belongs to, so "on Wednesday" lands in the right week.

"The two miners on Wednesday completed the deal" is last Wednesday; "the ministry will meet on Wednesday" is next
Wednesday; "confirmed on Tuesday that the passport will become mandatory" is last Tuesday, although the sentence
has a "will": it belongs to another verb. Words anywhere in the sentence cannot tell these apart; the sentence's
grammar can. The recogniser's package (spaCy's small English pipeline, `entities.ner_model`) ships a tagger (Penn
tags: VBD is a past-tense verb, MD a modal) and a dependency parser; this module runs them on the sentences that
name a weekday, walks from the weekday up to the verb it hangs from, and reads that verb's tense:

- past: a past-tense verb or auxiliary ("completed", "was held", "did not respond"), a perfect ("has signed"), a
  bare participle ("queries sent on Wednesday");
- future: a modal ("will", "would", "shall", "can", "may" …), a present tense of a plan ("which begin on
  Saturday", "talks are scheduled for Monday", "is meeting on Friday"), an infinitive of a present verb ("plans to
  meet on Monday"), a deadline after a perfect ("has been extended to Friday");
- nothing to say (a bare noun phrase, an infinitive under a past verb): the caller takes the nearest day and flags it.

An empty model name turns the parser off: the caller falls back to words in the sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from generator.config import is_installed

# (sentence, character offset of the weekday) -> ("past" | "future" | None, the verb that decided, as written)
TenseReader = Callable[[str, int], tuple[str | None, str]]

_COMPONENTS_NOT_NEEDED = ("ner", "lemmatizer")
_FUTURE_MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "'d", "can", "may", "might", "must", "should"})
_PERFECT = frozenset({"has", "have", "had", "'ve", "'s"})
_DEADLINE_WORDS = frozenset({"till", "until", "to", "through", "by"})
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


@lru_cache(maxsize=2)
def _pipeline(model: str):
    import spacy  # imported here: a build with the recogniser turned off never pays for it

    return spacy.load(model, exclude=list(_COMPONENTS_NOT_NEEDED))


@lru_cache(maxsize=2)
def tense_reader(model: str) -> TenseReader | None:
    """Return a reader of weekday tenses with the given pipeline package, or None when it is off or missing (asked
    once per model, not per article)."""
    if not model or not is_installed(model):
        return None
    return lambda sentence, offset: _read(model, sentence, offset)


@lru_cache(maxsize=4096)
def _read(model: str, sentence: str, offset: int) -> tuple[str | None, str]:
    doc = _pipeline(model)(sentence)
    token = next((token for token in doc if token.idx <= offset < token.idx + len(token.text)), None)
    if token is None:
        return None, ""
    deadline = _word_before(doc, token) in _DEADLINE_WORDS
    return verb_tense(token, deadline)


def _word_before(doc, token) -> str:
    return doc[token.i - 1].text.lower() if token.i > 0 else ""


def verb_tense(token, deadline: bool = False) -> tuple[str | None, str]:
    """Walk from a token up the parse to its verb and return the verb's tense and the verb (see the module)."""
    node = _head(token)
    while node is not None:
        if node.pos_ in ("VERB", "AUX"):
            tense = _tense_of(node, deadline)
            if tense != "up":
                return tense, node.text
        node = _head(node)
    return None, ""


def _head(token):
    """The token's head, None at the root (spaCy makes a new object per access: compare positions)."""
    return None if token.head.i == token.i else token.head


def _tense_of(verb, deadline: bool) -> str | None:
    """The tense of one verb with its auxiliaries; "up" when the verb says nothing and its own head decides."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.text.lower() for child in auxiliaries}
    tags = {child.tag_ for child in auxiliaries}
    if words & _FUTURE_MODALS:
        return "future"
    if "TO" in tags:  # an infinitive: "plans to meet on Monday" is ahead, "planned to meet" could be either
        head = _head(verb)
        head_tense = _tense_of(head, deadline) if head is not None and head.pos_ in ("VERB", "AUX") else "future"
        return "future" if head_tense in ("future", "up") else None
    if words & _PERFECT and (verb.tag_ == "VBN" or tags & {"VBN"}):
        return "future" if deadline else "past"
    if verb.tag_ in _PAST_TAGS or tags & _PAST_TAGS:
        return "past"
    if verb.tag_ in _PRESENT_TAGS or tags & _PRESENT_TAGS:
        return "future"  # news tells what is done in the past tense; a present tense with a weekday is a plan
    if verb.tag_ == "VBN":
        return "past"  # "queries sent on Wednesday"
    if verb.tag_ == "VBG":
        return "up"  # "Chasing … on Saturday, West Indies were …": the clause's verb decides
    return None
