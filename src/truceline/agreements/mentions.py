"""The actor mentions an agreement's roles are read from: the names of the sentence, the speaker's
"I", "we", "our" and "my", and the leaders a readout opens with ("The two leaders discussed ...");
and each state by its country code, for officials the document names by title.

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from spacy.tokens import Doc, Span, Token

from truceline.actors import first_person
from truceline.agreement_lexicon import Lexicon
from truceline.agreements.mediation import credit
from truceline.agreements.nouns import Trigger
from truceline.agreements.roles import side_or_state
from truceline.agreements.syntax import SUBJECTS, first_conjunct, words_of
from truceline.readouts import STAND_INS
from truceline.records import Mention
from truceline.spans import span_root


def role_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions an agreement's roles are read from: names, a readout's title for its
    counterpart ("the Prime Minister's decision to authorize his negotiators"), and the speaker's
    "I" or "we" even where it stands in for a state the text does not name there (a White House
    "we are leading efforts to reach a ceasefire" is the United States brokering it); `read_roles`
    reads a first person as a mediator only. A readout's "the two leaders" or "they", standing for
    both its sides, is not read, nor a main verb standing in for the text's voice (`Mention.implied`)."""
    return [m for m in mentions if (not m.stand_in or first_person(m.actor)
            or m.actor.name.split()[-1].lower() not in STAND_INS | {"it", "they"}) and not m.implied]


def speakers_efforts(sent: Span, text: str, named: list[Trigger], mentions: Sequence[Mention],
                      lex: Lexicon) -> list[tuple[Mention, Token]]:
    """The speaker's "our" or "my" of a mediation word that governs the agreement ("continue our
    intensive efforts to conclude this agreement"), and the speaker's "I" or "we" beside another
    subject ("the President and I are working to get that deal done", which the actor mentions
    leave: only a subject pronoun is one), as mentions of the speaker: the actor of the first
    person said last before it in its paragraph (or else after it in its sentence)."""
    nouns = {t.root.i for t in named}
    found = []
    for token in sent:
        if not (_speakers_effort(token, nouns, lex) or _conjoined_speaker(token)):
            continue
        speakers = [m for m in mentions if first_person(m.actor) and "\n" not in text[min(m.start, token.idx):max(m.start, token.idx)]]
        before = [m for m in speakers if m.start < token.idx]
        after = [m for m in speakers if sent.start_char <= m.start < sent.end_char]
        speaker = before[-1] if before else after[0] if after else None
        if speaker is not None:
            found.append((Mention(speaker.actor, token.idx, token.idx + len(token), stand_in=True), token))
    return found


def _speakers_effort(token: Token, nouns: Collection[int], lex: Lexicon) -> bool:
    """Whether the token is the speaker's "our" or "my" of a mediation word governing the agreement."""
    return (token.lower_ in ("our", "my") and token.dep_ == "poss" and bool(words_of(token.head) & lex.mediator)
            and not credit(token.head, lex) and any(t.i in nouns for t in token.head.subtree))


def _conjoined_speaker(token: Token) -> bool:
    """Whether the token is a first-person subject after another: "the President and I"."""
    return token.lower_ in ("i", "we") and token.dep_ == "conj" and first_conjunct(token).dep_ in SUBJECTS


def call_sides(doc: Doc, mentions: Sequence[Mention], states: dict[str, str], lex: Lexicon) -> tuple[str, ...]:
    """The states of the leaders a readout opens with ("President Biden spoke today with Amir
    Sheikh Tamim Bin Hamad Al-Thani of Qatar"): the first sentence naming two states or more,
    the sides of a war aside (they bind, they do not broker)."""
    for sent in doc.sents:
        names = dict.fromkeys(name for m in mentions if sent.start_char <= m.start < sent.end_char
                              and (name := side_or_state(m, states, lex)) is not None)
        if len(names) >= 2:
            return tuple(name for name in names if name not in lex.sides)
    return ()


def with_leaders(mediators: tuple[str, ...], sent: Span, leaders: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """The mediators, and the opening's leaders when the sentence's subject is they ("The two
    leaders discussed the ongoing war in Gaza and their efforts to secure the immediate release
    of all remaining hostages"): a readout names its two leaders once, then speaks of them so."""
    for subject in (t for t in sent if t.lemma_.lower() == "leader" and t.dep_ in SUBJECTS):
        if not any(c.lower_ in ("two", "both") for c in subject.children):
            continue
        if any(words_of(t) & lex.mediator and not credit(t, lex) for t in subject.head.subtree if t.i != subject.i):
            return tuple(dict.fromkeys((*mediators, *leaders)))
    return mediators


def states_by_code(mentions: Sequence[Mention], known: Mapping[str, str]) -> dict[str, str]:
    """The states by country code, the document's names first: the side an official acts for."""
    return {**known, **{m.actor.country: m.actor.canonical for m in mentions if m.actor.kind == "state" and m.actor.country}}


def mention_root(doc: Doc, mention: Mention) -> Token:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span_root(span) if span is not None else doc[0]
