"""Small readings of spaCy's dependency parse that the agreement modules share: subjects, the first
of conjuncts, a noun's own phrase, a definite noun."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from spacy.tokens import Token


SUBJECTS = {"nsubj", "nsubjpass"}
# Dependencies an actor is attached by on its way to a role word ("Egypt's efforts", "brokered by Qatar").
_ROLE_PATH = {"poss", "compound", "amod", "nmod", "pobj", "prep", "conj", "appos", "dobj", "agent", "nsubj", "nsubjpass"}
# Dependencies that keep a word inside the noun phrase of an agreement noun.
_NOUN_PHRASE = {"compound", "amod", "nmod", "poss", "prep", "acl", "appos", "nummod", "npadvmod"}
_DEFINITE = {"the", "this", "that", "these", "those"}


def first_conjunct(token: Token) -> Token:
    """The first of a list of conjuncts, which holds the list's place in the parse: "Russia and
    Ukraine agreed" hangs "Ukraine" from "Russia", and "Russia" from the verb."""
    while token.dep_ == "conj":
        token = token.head
    return token


def climb(token: Token, steps: int) -> Iterator[Token]:
    """Up to `steps` heads above a word, while the path stays on role-bearing dependencies."""
    for _ in range(steps):
        if token.dep_ not in _ROLE_PATH or token.head.i == token.i:
            return
        token = token.head
        yield token


def words_of(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def found_any(found: Iterable[object]) -> bool:
    return next(iter(found), None) is not None


def has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def noun_phrase(root: Token) -> list[Token]:
    phrase = [root]
    for child in root.children:
        if child.dep_ in _NOUN_PHRASE:
            phrase += child.subtree
    return sorted(phrase, key=lambda t: t.i)


def own_phrase(root: Token, apart: Collection[int]) -> list[Token]:
    """An agreement noun's phrase (`noun_phrase`) without the agreement nouns in it, and what
    they hold (`apart`: their indices): where "a ceasefire in Gaza and a ceasefire in Lebanon"
    places the first is Gaza alone. Each word is in one such phrase at most, so a sentence of
    thousands of agreement nouns, each holding the next, reads each word once."""
    phrase = [root]
    below = [c for c in root.children if c.dep_ in _NOUN_PHRASE]
    while below:
        token = below.pop()
        if token.i not in apart:
            phrase.append(token)
            below += token.children
    return sorted(phrase, key=lambda t: t.i)


def is_definite(noun: Token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)
