"""What an agreement's own noun phrases say of it: which nouns of a sentence name one agreement
(`agreement_clusters`), its kind, the war they place it in, its scope and the proper name that
holds its mentions together.

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from spacy.tokens import Token

from truceline.agreement_lexicon import Lexicon, lexicon
from truceline.agreements.cues import Cue
from truceline.agreements.nouns import Trigger, proper_name
from truceline.agreements.syntax import SUBJECTS, noun_phrase, own_phrase
from truceline.conflicts import conflict_of
from truceline.records import AgreementKind, AgreementScope


def agreement_clusters(named: list[Trigger], cues: dict[int, Cue], lex: Lexicon) -> list[tuple[Trigger, list[Trigger]]]:
    """Agreement nouns grouped by the agreement they name: a noun below another with no cue in
    between is part of it ("a deal ... that provided an extended pause", "ceasefire proposal").
    A cue that speaks only of its subject parts nothing else: "a deal for the release of
    hostages held by Hamas together with a humanitarian pause". Nor is a noun placed in another
    war than the one above it part of that: "a ceasefire deal in Lebanon as a catalyst for a
    potential Gaza ceasefire" names two."""
    owner = {t.root.i: t for t in named}
    clusters: dict[int, list[Trigger]] = {t.root.i: [t] for t in named}
    places: dict[int, str | None] = {}

    def place(noun: Token) -> str | None:
        """The war a noun's own phrase places it in, read once per noun."""
        if noun.i not in places:
            places[noun.i] = conflict_of((), " ".join(t.text for t in own_phrase(noun, owner)))
        return places[noun.i]

    taken: dict[int, int] = {}  # a noun -> the noun whose cluster took it

    def top(i: int) -> int:
        """The noun heading the cluster a noun is in now: the first noun above it that no other
        took, which climbing the words between would reach, each word climbed past once."""
        while i in taken:
            taken[i] = taken.get(taken[i], taken[i])  # halve the path
            i = taken[i]
        return i

    for trigger in named:
        below = trigger.root
        for ancestor in trigger.root.ancestors:
            if ancestor.i in cues and not (cues[ancestor.i].phrase in lex.subject_only and below.dep_ not in SUBJECTS):
                break
            below = ancestor
            if ancestor.i in owner:
                above = top(ancestor.i)
                own, other = place(trigger.root), place(owner[above].root)
                if own is None or other is None or own == other:
                    clusters[above] += clusters.pop(trigger.root.i)
                    taken[trigger.root.i] = above
                break
    return [(owner[i], members) for i, members in clusters.items()]


def kind_of(trigger: Trigger, members: list[Trigger]) -> AgreementKind:
    """A deal named after a ceasefire, truce or pause, or that holds one, is one ("the ceasefire
    deal in Lebanon", "a deal for the release of hostages together with a humanitarian pause")."""
    if trigger.kind == "deal":
        for member in members:
            if member.kind in ("ceasefire", "truce", "pause"):
                return member.kind
    return trigger.kind


def theatre_of(members: list[Trigger], nouns: Collection[int]) -> str | None:
    """The conflict the agreement's own noun phrases place it in ("the ceasefire in Lebanon"),
    when a sentence speaks of agreements in two wars; not the phrase of another agreement
    they hold (`own_phrase`, `nouns`: the sentence's agreement nouns: "a truce deal in Yemen as
    a catalyst for a Sudan ceasefire"), nor the sides it is "between", which name who, not where:
    the conflict of "a ceasefire between the United States and the Houthis" is that of its
    parties (frames.py), not Yemen's, whose words name the Houthis."""
    between = {c.i for m in members for c in m.root.children if c.dep_ == "prep" and c.lower_ in lexicon().between}
    words = [t.text for m in members for t in own_phrase(m.root, {*nouns, *between})]
    for member in members:  # "reach a ceasefire and hostage deal in Gaza": the place the verb gives it
        root = member.root.head if member.root.dep_ == "conj" else member.root
        if root.dep_ in ("dobj", "pobj", "nsubjpass") and root.head.pos_ in ("VERB", "ADP"):
            verb = root.head if root.head.pos_ == "VERB" else root.head.head
            words += [t.text for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for t in c.subtree]
    return conflict_of((), " ".join(words))


def scope(members: list[Trigger], lex: Lexicon) -> AgreementScope | None:
    """Whether the agreement's own noun phrases say it halts only part of the fighting ("a partial
    ceasefire against energy") or all of it ("a complete ceasefire")."""
    words = (w for m in members for t in noun_phrase(m.root) if t.i != m.root.i for w in (t.lower_, t.lemma_.lower()))
    return cast(AgreementScope | None, next((lex.scopes[w] for w in words if w in lex.scopes), None))


def kept_name(trigger: Trigger, lex: Lexicon) -> str | None:
    """The proper name that holds the agreement's mentions together, if its noun is one an
    agreement keeps its name by ("Agreement", "Accords", "Armistice"): a plan or a deal goes by
    several ("the Trump Peace Plan", "the Gaza Peace Deal", "the Comprehensive Plan")."""
    return proper_name(trigger) if trigger.root.lower_ in lex.named_nouns else None
