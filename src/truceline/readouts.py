"""Readouts: who "the two leaders", "they" and "the Prime Minister" are in a readout of a call or
a meeting, from its title.

A readout names both sides once, in its title ("Readout of President Joe Biden's Call with Prime
Minister Netanyahu of Israel"), and then writes "The two leaders discussed …", "They reaffirmed
…", "The Prime Minister agreed …". Nothing in those sentences names an actor, so no coder can
code who consulted or agreed with whom. Here the title's two sides are read once per document;
`actors.find_mentions` makes such subjects mentions of both sides (the host's first), and the
counterpart's title ("the Prime Minister") a mention of the counterpart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Token

from truceline.records import Actor

if TYPE_CHECKING:
    from truceline.actors import ActorDictionary


@dataclass(frozen=True)
class Sides:
    """The two sides of a readout's call or meeting, the host's first, and the words the title
    gives the counterpart before their name ("Prime Minister")."""

    host: Actor
    counterpart: Actor
    counterpart_title: tuple[str, ...] = ()

    def counterpart_at(self, doc: Doc, i: int) -> int:
        """Where "the <counterpart's title>" starting at token i ends ("the Prime Minister"), else i."""
        n = len(self.counterpart_title)
        if n and doc[i].lower_ == "the" and tuple(t.text for t in doc[i + 1:i + 1 + n]) == self.counterpart_title:
            return i + 1 + n
        return i

    def of_subject(self, token: Token) -> tuple[Actor, ...]:
        """Both sides for a subject that stands for them: "they", "the (two) leaders", "both
        presidents"; nothing for any other word."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return ()
        if token.lower_ == "they":
            return self.host, self.counterpart
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "preconj")}
        plural = token.tag_ in ("NNS", "NNPS")
        if plural and token.lower_ in STAND_INS and determiners & {"the", "two", "both"}:
            return self.host, self.counterpart
        return ()


def of_title(title: str | None, nlp: Language, dictionary: ActorDictionary, on: date | None) -> Sides | None:
    """The sides a readout's title names, when it names two the dictionary knows."""
    # Some sources keep a title's escapes as written ("Biden\\u2019s", "L\\xF3pez").
    unescaped = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), title or "")
    found = _READOUT.match(" ".join(unescaped.split()))
    if found is None:
        return None
    host, counterpart = (_first_actor(part, nlp, dictionary, on) for part in found.group(1, 2))
    if host is None or counterpart is None or host[0].canonical == counterpart[0].canonical:
        return None
    return Sides(host[0], counterpart[0], counterpart[1])


def _first_actor(text: str, nlp: Language, dictionary: ActorDictionary,
                 on: date | None) -> tuple[Actor, tuple[str, ...]] | None:
    """The first actor the dictionary finds in a part of the title (the longest at its start),
    and the title words it opens with ("Prime Minister" of "Prime Minister Netanyahu of Israel")."""
    doc = nlp.make_doc(text)
    matches = sorted(dictionary.matches(doc, on), key=lambda m: (m.start, m.start - m.end))
    if not matches:
        return None
    words = []
    for token in doc:
        if token.lower_ not in dictionary.titles:
            break
        words.append(token.text)
    return matches[0].actor, tuple(words)


# "Readout of <host>'s Call|Meeting with <counterpart>"; "Joint Readout …" names no host.
_READOUT = re.compile(r"^Readout of (.+?)(?:’s|'s) (?:[\w-]+ )*?(?:Call|Meeting|Conversation|Discussion)s?"
                      r" (?:with )?(.+)$", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))")
# Plural nouns that stand for both sides of the call ("the two leaders", "the Presidents"): never
# the name an actor is recorded under (see actors.distinct_actors).
STAND_INS = frozenset({"leaders", "presidents", "sides"})
