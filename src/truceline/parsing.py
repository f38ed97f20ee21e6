"""spaCy's analysis of a batch of documents: of every sentence, or only of those a stage reads.

Most of spaCy's time goes to the shared token embedding (tok2vec) and what reads it (tagger,
parser; the attribute ruler and lemmatizer follow the tagger), yet most sentences of a briefing
or an article hold no event verb, figure, agreement noun or reported pronoun, and no stage reads
their tags, lemmas or dependencies. With the `parse` setting `needed` (the default):

1. the sentence recogniser (`senter`, with a small embedding of its own) splits each document;
2. each stage says from a sentence's words whether it reads the sentence's analysis
   (`Stage.parses`: an event verb's inflection, a number, an agreement noun ...);
3. the rest of the pipeline runs on those sentences only, each run of adjacent ones taken out
   of its document as one Doc (for the parser to split as in the whole document), and their
   tags, lemmas, dependencies and sentence boundaries are written back;
4. the entity recogniser (its own embedding too) runs on every whole document, as the last
   component does in spaCy's pipeline: actors need every sentence's entities.

An unparsed sentence's tokens have spaCy's "missing" tag, lemma and dependency. When every
sentence is chosen the result is `nlp.pipe`'s, token for token (a test checks the sample's
records). `all`, a stage that reads every sentence (`events=model`) or a model without a
separate senter and entity recogniser parses everything with `nlp.pipe`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from truceline.errors import ConfigError
from truceline.spans import sentence_words
from truceline.voices import LABEL

if TYPE_CHECKING:
    from truceline.stages import Work

MODES = ("needed", "all")
# Whether a stage reads a sentence's tags, lemmas and parse, from the document being analysed
# and the sentence's lowercase words.
Cue = Callable[["Work", frozenset[str]], bool]
_ANALYSIS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]


class Analysis:
    """Analyses the documents of a batch, setting each `work.doc` (see the module's doc)."""

    def __init__(self, nlp: Language, mode: str, cues: Sequence[Cue | None], batch_size: int):
        if mode not in MODES:
            raise ConfigError(f"unknown parse setting {mode!r}; known: {', '.join(MODES)}")
        self.nlp = nlp
        self.batch_size = batch_size
        self.cues = [cue for cue in cues if cue is not None]
        self.needed = mode == "needed" and all(cue is not every_sentence for cue in self.cues) and _splits(nlp)

    def __call__(self, works: Sequence["Work"]) -> None:
        if not self.needed:
            for work, doc in zip(works, self.nlp.pipe((w.document.text for w in works), batch_size=self.batch_size)):
                work.doc = doc
            return
        docs = list(self.nlp.get_pipe("senter").pipe(
            (self.nlp.make_doc(w.document.text) for w in works), batch_size=self.batch_size))
        chosen = [[run for piece in _packed([s for s in doc.sents if any(cue(work, sentence_words(s)) for cue in self.cues)])
                   for run in _adjacent(piece)] for work, doc in zip(works, docs)]
        parts = iter([parsed for batch in _packed([_part(doc, piece) for doc, pieces in zip(docs, chosen)
                                                   for piece in pieces], self.batch_size)
                      for parsed in self.nlp.pipe(batch, batch_size=len(batch), disable=["ner"])])
        for doc, pieces in zip(docs, chosen):
            _write_back(doc, [(piece, next(parts)) for piece in pieces])
        # Last, as in the whole pipeline: the recogniser keeps entities within sentences.
        ner = self.nlp.get_pipe("ner")
        for work, doc in zip(works, docs):
            _recognise(ner, doc)
            work.doc = doc


PARAGRAPHS = "paragraph_starts"


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """Sentence starts a reader sees and spaCy's parser and senter miss, set before them (they
    keep preset starts): each paragraph starts a sentence (a cleaned text keeps a line break
    for paragraphs only), and a transcript's speaker label ("MR. KIRBY:", "Q") opens the
    sentence it labels. Read without them, a reporter's question ran on into the next
    paragraph's "MR." and, no longer ending with its question mark, was coded as a statement."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if not token.is_space and ("\n" in before.whitespace_ or (before.is_space and "\n" in before.text)):
            token.is_sent_start = True
    for label in LABEL.finditer(doc.text):
        span = doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
        if span is not None:
            for token in doc[span.start + 1:span.end + 1]:
                token.is_sent_start = False
    return doc


def every_sentence(work: "Work", words: frozenset[str]) -> bool:
    """The cue of a stage that reads the analysis of every sentence."""
    return True


def _splits(nlp: Language) -> bool:
    """Whether the model can find sentences and entities without its tagger and parser: a
    senter and an entity recogniser that listen to no shared embedding."""
    listening = {name for _, pipe in nlp.pipeline for name in getattr(pipe, "listening_components", ())}
    return "senter" in nlp.component_names and "ner" in nlp.pipe_names and "ner" not in listening


# Tokens spaCy's parser and entity recogniser read at once, at most: their memory grows with the
# tokens of the batch they read (some 13 KB a token: 125 MB for a briefing of 15,000 tokens), and
# a longer document is read in pieces of whole sentences. A sentence longer than this is read whole.
PIECE_TOKENS = 2_000


T = TypeVar("T", Span, Doc)


def _packed(items: Sequence[T], most: int | None = None) -> list[list[T]]:
    """The items (sentences or parts, each sized by its tokens) in order, in runs of at most
    PIECE_TOKENS tokens and `most` items; an item longer than that alone. One run, perhaps empty,
    for no items: a document with no sentence chosen still has its one empty part."""
    runs: list[list[T]] = [[]]
    size = 0
    for item in items:
        if runs[-1] and (size + len(item) > PIECE_TOKENS or len(runs[-1]) == most):
            runs.append([])
            size = 0
        runs[-1].append(item)
        size += len(item)
    return runs


def _adjacent(sents: list[Span]) -> list[list[Span]]:
    """The sentences in runs of adjacent ones. Each run is parsed as its own Doc: joined across a
    skipped sentence, the parser may ignore a preset sentence start and attach a word across the
    gap, and its heads, offsets, then point into the skipped sentence (a spaCy error on reading
    that sentence's root lost the whole document)."""
    runs: list[list[Span]] = []
    for sent in sents:
        if runs and runs[-1][-1].end == sent.start:
            runs[-1].append(sent)
        else:
            runs.append([sent])
    return runs


def _part(doc: Doc, sents: list[Span]) -> Doc:
    """A run of adjacent sentences as one Doc, left to the parser to split as it would in the
    whole document."""
    tokens = [t for s in sents for t in s]
    part = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    # The tokenizer's own norms ("’ve" is "have"), which the embedding reads.
    return part.from_array([NORM], numpy.array([t.norm for t in tokens], dtype="uint64"))


def _write_back(doc: Doc, parts: list[tuple[list[Span], Doc]]) -> None:
    """Each part's tags, lemmas and parse onto its sentences in the document, with the parser's
    sentence boundaries; the senter's kept elsewhere. Heads are offsets within a sentence,
    which lies within a run of adjacent sentences: they stay right."""
    starts = doc.to_array([SENT_START])
    analysis = numpy.zeros((len(doc), len(_ANALYSIS)), dtype="uint64")
    for sents, part in parts:
        if sents:
            parsed = numpy.concatenate([numpy.arange(s.start, s.end) for s in sents])
            analysis[parsed] = part.to_array(_ANALYSIS)
            starts[parsed] = part.to_array([SENT_START])
    doc.from_array(_ANALYSIS, analysis)
    doc.from_array([SENT_START], starts)


def _recognise(ner: Callable[[Doc], Doc], doc: Doc) -> None:
    """The entities of the document, read piece by piece when it is long (PIECE_TOKENS)."""
    pieces = _packed(list(doc.sents))
    if len(pieces) == 1:
        ner(doc)
        return
    entities = []
    for piece in pieces:
        start = piece[0].start
        entities += [Span(doc, start + e.start, start + e.end, e.label) for e in ner(doc[start:piece[-1].end].as_doc()).ents]
    doc.set_ents(entities, default="outside")
