"""Tell a person's name from a company's, a place's or any other capitalised words, with a trained recogniser.

Capitalisation rules cannot tell "Merrill Lynch" from "Howard Baker"; a statistical named-entity recogniser
trained on news can, most of the time. The model is spaCy's small English pipeline (OntoNotes 5), installed as a
package from the registry like any dependency: nothing is downloaded at run time. Only its tokeniser, `tok2vec`
and `ner` run (the tagger and parser would triple the cost and add nothing here). Its name is configuration
(`entities.ner_model`) so a user can install the official `en_core_web_sm` instead of the re-upload the project
depends on; an empty name turns the recogniser off and people are found by the rules alone.

The model is deterministic: the same text gives the same spans on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Callable, Iterator, Sequence

from generator.config import is_installed

from .parallel import map_in_processes

# The recogniser's labels for a person, and for names that are never a person.
PERSON = "PERSON"
NOT_PERSON = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"})
_UNUSED_COMPONENTS = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
_BATCH = 64
PIECE_CHARS = 20_000  # of one text the recogniser reads at once (see _pieces)
BATCH_CHARS = 50_000  # of all the texts it holds at once (see _recognised): about 300 MB at its peak
_PARALLEL_FROM = 4 * _BATCH  # below a few batches a second process costs more than it saves


@dataclass(frozen=True)
class EntitySpan:
    """A name the recogniser found: character offsets in the sentence, and its label ("PERSON", "ORG" …)."""

    start: int
    end: int
    label: str
    text: str


class RecogniserMissing(RuntimeError):
    """The configured model package is not installed."""


@lru_cache(maxsize=2)
def _load(model: str):
    if not is_installed(model):
        raise RecogniserMissing(f"the named-entity model {model!r} is not installed")
    import spacy  # imported here: a build with the recogniser turned off never pays for it

    return spacy.load(model, exclude=list(_UNUSED_COMPONENTS))


def entity_spans(
    texts: Sequence[str], model: str, progress: Callable[[int], None] = lambda done: None
) -> tuple[tuple[EntitySpan, ...], ...]:
    """Return, for each text, the names the recogniser finds in it (none at all when `model` is empty);
    `progress(done)` follows along, a batch at a time."""
    if not model:
        return tuple(() for _ in texts)
    _load(model)  # before the workers fork, so they share the loaded model
    # Measured on 1,000 articles: 14.1 s in one process, 11.3 s with spaCy's own two processes (which pickle whole
    # documents back), 7.6 s in forked workers that send back plain spans. Each text is recognised on its own, so
    # how the texts are shared out changes no span (checked: identical spans either way).
    return tuple(map_in_processes(partial(_spans_of, model), texts, len, _PARALLEL_FROM, progress, _BATCH,
                                  "recognising names"))


def _spans_of(model: str, texts: Sequence[str]) -> list[tuple[EntitySpan, ...]]:
    """Recognise each text in pieces of at most PIECE_CHARS, cut between lines, offsets put back in the whole text."""
    cut = [_pieces(text) for text in texts]
    docs = _recognised(_load(model), [piece for pieces in cut for _, piece in pieces])
    found = []
    for pieces in cut:
        spans = []
        for offset, _ in pieces:
            doc = next(docs)
            spans += [EntitySpan(offset + entity.start_char, offset + entity.end_char, entity.label_, entity.text)
                      for entity in doc.ents]
        found.append(tuple(spans))
    return found


def _recognised(nlp, pieces: Sequence[str]) -> Iterator:
    """Yield the recogniser's documents in order, in batches of at most _BATCH pieces and BATCH_CHARS characters:
    spaCy holds a whole batch at once, and its memory grows with the characters in it (about 3 kB each)."""
    batch: list[str] = []
    size = 0
    for piece in [*pieces, None]:
        if batch and (piece is None or len(batch) == _BATCH or size + len(piece) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        if piece is not None:
            batch.append(piece)
            size += len(piece)


def _pieces(text: str) -> list[tuple[int, str]]:
    """Cut a text into (offset, piece) at line ends (a line is a sentence), each piece at most PIECE_CHARS long.

    spaCy refuses a text over 1,000,000 characters (E088) and its memory grows with the text it holds at once; an
    article is far shorter than a piece, so only a pasted book or a page dump is cut, and never inside a sentence.
    """
    if len(text) <= PIECE_CHARS:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + PIECE_CHARS)
        if end < len(text):
            line_end = text.rfind("\n", start, end)
            if line_end > start:
                end = line_end + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces
