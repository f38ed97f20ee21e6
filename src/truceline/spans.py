"""Per-sentence and per-document structures, built once per document.

spaCy rebuilds some on every access: `Span.ents` walks the whole document's entities, and
`Span.text` joins its tokens. Asked once per verb, event or figure of a long sentence or
document, each is quadratic in its length; these ask once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


def per_sentence(sent: Span, name: str, compute: Callable[[Span], T]) -> T:
    """`compute(sent)`, computed once per sentence of the document (kept in `doc.user_data`)."""
    kept = sent.doc.user_data.setdefault(("truceline", name), {})
    if sent.start not in kept:
        kept[sent.start] = compute(sent)
    return kept[sent.start]


def sentence_words(sent: Span) -> frozenset[str]:
    """The sentence's words, lowercased."""
    return per_sentence(sent, "words", lambda s: frozenset(t.lower_ for t in s))


def sentence_ents(sent: Span) -> list[Span]:
    """The entities within this sentence, as `sent.ents` gives them."""
    by_start = sent.doc.user_data.get(("truceline", "ents"))
    if by_start is None:
        by_start = sent.doc.user_data[("truceline", "ents")] = _ents_by_sentence(sent.doc)
    return [e for e in by_start.get(sent.start, ()) if e.end <= sent.end]


def next_in_sentence(token: Token, texts: frozenset[str]) -> Token | None:
    """The first token from this one to the end of its sentence whose text is one of `texts`."""
    doc = token.doc
    following = doc.user_data.get(("truceline", "next", texts))
    if following is None:  # one backward pass: each token's next match before its sentence ends
        following, found = [None] * len(doc), None
        for t in reversed(doc):
            found = None if t.is_sent_end else found
            found = t.i if t.text in texts else found
            following[t.i] = found
        doc.user_data[("truceline", "next", texts)] = following
    return None if following[token.i] is None else doc[following[token.i]]


def _ents_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """Entities by the start of their sentence: the two lists walked side by side, once."""
    ents, i, grouped = doc.ents, 0, {}
    for sent in doc.sents:
        while i < len(ents) and ents[i].start < sent.end:
            if ents[i].start >= sent.start:
                grouped.setdefault(sent.start, []).append(ents[i])
            i += 1
    return grouped
