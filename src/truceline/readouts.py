"""Readouts: who "the two leaders", "they" and "the Prime Minister" are in a readout of a call or
a meeting, from its title.

A readout names its sides once, in its title ("Readout of President Joe Biden's Call with Prime
Minister Netanyahu of Israel", "… Call with the National Security Advisors of Japan and the
Philippines", "Joint Readout of the Trilateral … meeting between the United States, the Republic
of Korea and Japan"), and then writes "The two leaders discussed …", "They reaffirmed …", "The
three NSAs underscored …", "The Prime Minister agreed …". Nothing in those sentences names an
actor, so no coder can code who consulted or agreed with whom. Here the title's sides are read
once per document; `actors.find_mentions` makes such subjects mentions of every side (the host's
first), and a single counterpart's title ("the Prime Minister") a mention of the counterpart.
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
    from truceline.actors import ActorDictionary, Match


@dataclass(frozen=True)
class Sides:
    """The sides of a readout's call or meeting: the host (a joint readout's first named) and the
    others, and the words the title gives a single counterpart before their name ("Prime Minister")."""

    host: Actor
    counterparts: tuple[Actor, ...]
    counterpart_title: tuple[str, ...] = ()

    def counterpart_at(self, doc: Doc, i: int) -> int:
        """Where "the <counterpart's title>" starting at token i ends ("the Prime Minister"), else i."""
        n = len(self.counterpart_title) if len(self.counterparts) == 1 else 0
        if n and doc[i].lower_ == "the" and tuple(t.text for t in doc[i + 1:i + 1 + n]) == self.counterpart_title:
            return i + 1 + n
        return i

    def of_subject(self, token: Token) -> tuple[Actor, ...]:
        """Every side for a subject that stands for them: "they", "the (two) leaders", "both
        presidents", "the three NSAs", "participants", "senior officials from both countries";
        nothing for any other word."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return ()
        if token.lower_ == "they" or _all_sides(token) or token.tag_ in ("NNS", "NNPS") and any(
                c.lower_ == "from" and any(_all_sides(o) for o in c.children if o.dep_ == "pobj")
                for c in token.children):
            return (self.host, *self.counterparts)
        return ()


def _all_sides(token: Token) -> bool:
    """Whether a noun stands for every side: a plural of STAND_INS after "the", "both", a number
    or "all" ("the two leaders", "both countries"), or "participants" alone."""
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "preconj")}
    return token.tag_ in ("NNS", "NNPS") and token.lower_ in STAND_INS and (
        bool(determiners & {"the", "two", "three", "both", "all"}) or token.lower_ == "participants")


def of_title(title: str | None, nlp: Language, dictionary: ActorDictionary, on: date | None,
             voice: tuple[Actor, ...] = ()) -> Sides | None:
    """The sides a readout's title names, when it names two or more the dictionary knows (a
    bilateral body or dialogue a readout or statement is about names two: "the U.S.-PRC Bilateral
    … Meeting"); or those of a visit a statement's title announces, whose host is the one state the document speaks for
    (`voice`, see voices.py): "Statement from Press Secretary Karine Jean-Pierre on the Visit of
    Chancellor Olaf Scholz of Germany", then "The leaders will discuss …"."""
    # Some sources keep a title's escapes as written ("Biden\\u2019s", "L\\xF3pez").
    unescaped = " ".join(_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), title or "").split())
    if found := _READOUT.match(unescaped):
        host, others = (_actors(part, nlp, dictionary, on) for part in found.group(1, 2))
        if not host:
            return None
        sides = host[:1] + others
    elif found := _BETWEEN.match(unescaped):
        sides = _actors(found.group(1), nlp, dictionary, on)
    elif found := _PAIR.match(unescaped):
        sides = [side for part in found.group(1, 2) for side in _actors(part, nlp, dictionary, on)]
    elif (found := _VISIT.match(unescaped)) and len(voice) == 1:
        sides = [(voice[0], ())] + _actors(found.group(1), nlp, dictionary, on)
    else:
        return None
    distinct = list({actor.canonical: (actor, words) for actor, words in sides}.values())
    if len(distinct) < 2:
        return None
    (host, _), *others = distinct
    return Sides(host, tuple(actor for actor, _ in others), others[0][1] if len(others) == 1 else ())


def emergency_of_title(title: str | None, nlp: Language, dictionary: ActorDictionary, on: date | None,
                       voice: tuple[Actor, ...] = ()) -> tuple[Actor, ...]:
    """The states a national emergency is declared, continued or ended with respect to, when the
    title says so ("Notice on the Continuation of the National Emergency With Respect to Belarus",
    "Message to the Congress on the Continuation of the National Emergency With Respect to the
    Threat From Securities Investments That Finance Communist Chinese Military Companies"): the
    state of every actor the dictionary finds after "Emergency" ("Chinese Military" is China's),
    but the ones the document speaks for (`voice`).
    Such texts then say "the national emergency declared in Executive Order 13405 must continue in
    effect" without naming the state again."""
    unescaped = " ".join(_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), title or "").split())
    found = _EMERGENCY.search(_POSSESSIVE_SPACE.sub(r"\1s", unescaped))  # "People’ s Republic of China"
    if found is None:
        return ()
    own = {actor.country for actor in voice}
    countries = dict.fromkeys(actor.country for actor, _ in _actors(found.group(1), nlp, dictionary, on))
    return tuple(dictionary.states[c].actor(dictionary.states[c].canonical, on) for c in countries
                 if c in dictionary.states and c not in own)


def _actors(text: str, nlp: Language, dictionary: ActorDictionary,
            on: date | None) -> list[tuple[Actor, tuple[str, ...]]]:
    """The first actor the dictionary finds in each item of a part of the title, items parted by
    commas and "and" outside a name ("Prime Minister Netanyahu of Israel" is one item, "President
    Marcos of the Philippines and Prime Minister Kishida of Japan" two, "Trinidad and Tobago"
    one), each with the title words its item opens with ("Prime Minister")."""
    doc = nlp.make_doc(text)
    chosen: list[Match] = []  # the longest match at each start, none overlapping
    for m in sorted(dictionary.matches(doc, on), key=lambda m: (m.start, m.start - m.end)):
        if not chosen or m.start >= chosen[-1].end:
            chosen.append(m)
    found: list[tuple[Actor, tuple[str, ...], int]] = []  # and the item's first token
    item = 0  # where the current item starts
    for m in chosen:
        if any(t.lower_ in _ITEM_BREAKS for t in doc[item:m.start]):
            item = max(t.i for t in doc[item:m.start] if t.lower_ in _ITEM_BREAKS) + 1
        elif found and found[-1][2] == item:
            if m.actor.kind == "person" and found[-1][0].kind != "person" and found[-1][0].country in (
                    None, m.actor.country):
                found[-1] = (m.actor, found[-1][1], item)  # "United Nations Secretary-General António Guterres"
            continue  # "… of Israel" after the item's own actor
        words = []
        for token in doc[item:]:
            if token.lower_ not in dictionary.titles:
                break
            words.append(token.text)
        found.append((m.actor, tuple(words), item))
    return [(actor, words) for actor, words, _ in found]


# "Readout of <host>'s Call|Meeting with <counterpart>"; "Joint Readout …" names no host.
_READOUT = re.compile(r"^Readout of (.+?)(?:’s|'s) (?:[\w-]+ )*?(?:Call|Meeting|Conversation|Discussion)s?"
                      r" (?:with )?(.+)$", re.IGNORECASE)
# "Joint Readout of the Trilateral … meeting between A, B and C": no host, its first named leads.
_BETWEEN = re.compile(r"^(?:Joint )?Readout of .+? (?:between|among) (.+)$", re.IGNORECASE)
# "Readout of the U.S.-PRC Bilateral … Meeting", "Statement by … on the U.S.-Lithuania Strategic
# Dialogue": the two states a bilateral body or dialogue is named after.
_PAIR = re.compile(r"^(?:Joint )?(?:Readout of|Statement .+? on) (?:the )?([^\s-]+)-([^\s-]+) (?:[\w-]+ )*?"
                   r"(?:Dialogue|Meeting|Group|Consultations?|Talks|Commission|Council)\b", re.IGNORECASE)
# "Statement from … on the (Official) Visit of <guest>": the host is the state the text speaks for.
_VISIT = re.compile(r"^Statement .+? on the (?:[\w-]+ )*?Visit of (.+)$", re.IGNORECASE)
# "… the Continuation of the National Emergency With Respect to …", "… on the Termination of
# Emergency With Respect to …": what follows names the emergency's states.
_EMERGENCY = re.compile(r"\b(?:Continuation|Termination|Declaration|Declaring)\b.*?\bEmergenc(?:y|ies)\b(.+)$",
                        re.IGNORECASE)
_POSSESSIVE_SPACE = re.compile(r"([’'])\s+s\b")
_ITEM_BREAKS = frozenset({",", "and", "&"})
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))")
# Plural nouns that stand for every side of the call ("the two leaders", "the Presidents", "the
# three NSAs"): never the name an actor is recorded under (see actors.distinct_actors).
STAND_INS = frozenset({"leaders", "presidents", "sides", "ministers", "advisors", "advisers", "nsas", "countries",
                       "delegations", "participants"})
