"""Per-sentence and per-document structures, built once per document.

spaCy rebuilds some on every access: `Span.ents` walks the whole document's entities,
`Span.text` joins its tokens, `Span.sent` walks to both ends of the sentence. Asked once per verb, event or figure of a long sentence or
document, each is quadratic in its length; these ask once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


def per_document(doc: Doc, name: str, compute: Callable[[Doc], T]) -> T:
    """`compute(doc)`, computed once per document (kept in `doc.user_data`)."""
    key = ("truceline", name)
    if key not in doc.user_data:
        doc.user_data[key] = compute(doc)
    return doc.user_data[key]


def per_sentence(sent: Span, name: str, compute: Callable[[Span], T]) -> T:
    """`compute(sent)`, computed once per sentence of the document (kept in `doc.user_data`)."""
    kept = per_document(sent.doc, name, lambda doc: {})
    if sent.start not in kept:
        kept[sent.start] = compute(sent)
    return kept[sent.start]


def sentence_words(sent: Span) -> frozenset[str]:
    """The sentence's words, lowercased."""
    return per_sentence(sent, "words", lambda s: frozenset(t.lower_ for t in s))


def sentence_ents(sent: Span) -> list[Span]:
    """The entities within this sentence, as `sent.ents` gives them."""
    return per_document(sent.doc, "ents by sentence", _ents_by_sentence).get(sent.start, [])


def next_in_sentence(token: Token, texts: frozenset[str]) -> Token | None:
    """The first token from this one to the end of its sentence whose text is one of `texts`."""
    following = per_document(token.doc, f"next of {sorted(texts)}", lambda doc: _following(doc, texts))
    return None if following[token.i] is None else token.doc[following[token.i]]


def _following(doc: Doc, texts: frozenset[str]) -> list[int | None]:
    """For each token, the index of the next one in its sentence whose text is one of `texts`:
    one backward pass."""
    following: list[int | None] = [None] * len(doc)
    found = None
    for t in reversed(doc):
        found = None if t.is_sent_end else found
        found = t.i if t.text in texts else found
        following[t.i] = found
    return following


def sentence_of(token: Token) -> Span:
    """The token's sentence, as `token.sent` gives it (which walks to both of its ends)."""
    starts, sentences = per_document(token.doc, "sentences", _sentences)
    return sentences[starts[token.i]]


def span_root(span: Span) -> Token:
    """The span's one token whose head lies outside it, as `Span.root` finds it; `Span.root`
    walks every token's path to the sentence's root, which is long in a long flat sentence."""
    if len(span) == 1:
        return span[0]
    outside = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    return outside[0] if len(outside) == 1 else span.root


def _sentences(doc: Doc) -> tuple[list[int], dict[int, Span]]:
    """Each token's sentence start, and each sentence by its start."""
    starts, sentences = [0] * len(doc), {}
    for sent in doc.sents:
        starts[sent.start:sent.end] = [sent.start] * len(sent)
        sentences[sent.start] = sent
    return starts, sentences


def _ents_by_sentence(doc: Doc) -> dict[int, list[Span]]:
    """Entities by the start of their sentence: the two lists walked side by side, once."""
    ents, i = doc.ents, 0
    grouped: dict[int, list[Span]] = {}
    for sent in doc.sents:
        while i < len(ents) and ents[i].start < sent.end:
            if ents[i].start >= sent.start and ents[i].end <= sent.end:
                grouped.setdefault(sent.start, []).append(ents[i])
            i += 1
    return grouped


Walk = Iterator["Token | Walk"]


def flattened(walk: Walk) -> Iterator[Token]:
    """The tokens of a walk down the parse, in order: a walk yields tokens, and for a level
    below, that level's walk. Read with a stack of walks, not by recursion: a chain of thousands
    of clauses ("to go to go to ...") would exhaust Python's stack."""
    stack = [walk]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
        elif isinstance(item, Token):
            yield item
        else:
            stack.append(item)
