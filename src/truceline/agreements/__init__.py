"""Agreements: the ceasefires, truces, pauses, peace agreements, prisoner exchanges, proposals and deals
a sentence speaks of, and their state.

A sentence yields an agreement when it names one (the nouns of `data/agreements.toml`; a generic
noun such as "deal" or "plan" only when its noun phrase is about the war) and says what state
it is in. The state comes from the cue nearest the noun on its way up the parse ("the pause was
violated", "Israel has offered a proposal", "the deal reached today"), read through negation,
modals, conditions and wishes: "Hamas has not accepted" or "efforts to reach a deal" are only
proposals. A sentence that names an agreement without a cue yields nothing.

A generic noun whose sentence does not say what it is ("the deal", "a deal") names whatever the
same noun last named in the document, or the agreement named a few sentences before.

Parties, mediators and proposers come from the actor mentions of the sentence and their place
in the parse; the effective date, duration, phases and terms from the sentence itself. One
sentence may yield several agreements ("a deal ... before the pause was violated by Hamas").

The rules are hand-written over spaCy's parse and the lexicon `agreement_lexicon.lexicon()`
builds: no maintained library codes agreement frames. This module reads a document sentence by
sentence; each step has a module of its own:

- `nouns`: the agreement nouns of a sentence, and whether each names an agreement here;
- `phrases`: which nouns name one agreement, and what its noun phrases say (kind, war, scope, name);
- `cues`: the words that give a status ("reached", "violated", "there is");
- `status`: which cue governs a noun, and the status it gives; `hedges`: that status read through
  negation, modals, conditions and wishes;
- `mentions`: the actors a sentence's roles are read from (names, the speaker, a readout's leaders);
- `roles`: parties, proposers and violators, and whose a peace is; `mediation`: who brokers;
- `measures`: the effective date, duration and phases;
- `sentence`: one sentence's agreements, put together from the above;
- `syntax`: small readings of the parse the others share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from itertools import islice
from types import MappingProxyType

from spacy.tokens import Doc

from truceline import clauses
from truceline.agreement_lexicon import lexicon
from truceline.agreements.mediation import on_it
from truceline.agreements.mentions import (call_sides, mention_root, role_mentions, speakers_efforts, states_by_code,
                                           with_leaders)
from truceline.agreements.nouns import Context, Trigger, find_triggers, names_an_agreement
from truceline.agreements.roles import Actors, read_roles, side_or_state
from truceline.agreements.sentence import sentence_agreements
from truceline.agreements.syntax import words_of
from truceline.conflicts import sides
from truceline.records import Agreement, Evidence, Mention
from truceline.spans import sentence_of


def may_name_an_agreement(words: frozenset[str]) -> bool:
    """Whether a sentence, by its lowercase words, may name an agreement or its talks
    (`find_agreements` and `talks_credits` read no other)."""
    lex = lexicon()
    return lex.kinds.may_occur(words) or not lex.talks.isdisjoint(words) or not lex.replies.isdisjoint(words)


def talks_credits(doc: Doc, mentions: Sequence[Mention],
                    states: Mapping[str, str] = MappingProxyType({})) -> list[Evidence]:
    """The mediators that sentences naming no agreement credit with its talks ("The President
    thanked President El-Sisi for his determined leadership in the facilitation of
    negotiations"), or with the agreement a question asks about ("Q Will there be a ceasefire?
    / THE PRESIDENT: We’re still working real hard at it") or with pushing "this" or "it"
    forward, and the sides they name as replying
    to it ("the recent response received from Hamas"): a side that answers a proposal is the one
    to accept it. Each with its sentence's span: frames.py gives them to the agreement the
    document names nearest before (or else after) them. `states` as for `find_agreements`."""
    lex = lexicon()
    mentions = role_mentions(mentions)
    states = states_by_code(mentions, states)
    leaders = call_sides(doc, mentions, states, lex)
    named = {sentence_of(t.span[0]) for t in find_triggers(doc, lex)}
    answers = [span for sent in named if clauses.sentence(sent).question and (span := clauses.answer(sent))]
    text = doc.text  # rebuilt by spaCy at each access
    found: list[Evidence] = []
    for sent in doc.sents:
        if sent in named:
            continue
        actors = [(m, mention_root(doc, m)) for m in mentions if sent.start_char <= m.start < sent.end_char]
        actors += speakers_efforts(sent, text, [], mentions, lex)  # "the President and I are working on it"
        for mention, root in actors:
            name = side_or_state(mention, states, lex)
            if name in lex.sides and any(words_of(a) & lex.replies for a in (root, *islice(root.ancestors, 3))):
                found.append(Evidence("parties", name, sent.start_char, sent.end_char))
        answering = any(start <= sent.start_char < end for start, end in answers)
        if not (answering or not lex.talks.isdisjoint(t.lower_ for t in sent) or any(on_it(t, lex) for t in sent)):
            continue
        for name in with_leaders(read_roles(Actors(actors, states, lex), [], {})[1], sent, leaders, lex):
            found.append(Evidence("mediators", name, sent.start_char, sent.end_char))
    return found


def find_agreements(doc: Doc, mentions: Sequence[Mention], published: date | None,
                    states: Mapping[str, str] = MappingProxyType({})) -> list[Agreement]:
    """Every agreement a sentence of the document speaks of, with what the sentence says about it
    (frames.py then reads the mentions of one agreement together). `states`: each state's name by
    its country code (the actor dictionary's), for officials of states the document never names
    ("President Biden spoke today with President El-Sisi of Egypt")."""
    lex = lexicon()
    triggers = find_triggers(doc, lex)
    if not triggers:
        return []
    mentions = role_mentions(mentions)
    states = states_by_code(mentions, states)
    leaders = call_sides(doc, mentions, states, lex)
    context = Context()
    text = doc.text  # rebuilt by spaCy at each access: once a document, not once a sentence
    found: list[Agreement] = []
    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault(sentence_of(trigger.span[0]).start, []).append(trigger)
    for sent in doc.sents:
        named = by_sentence.get(sent.start)
        if not named:
            continue
        actors = [(m, mention_root(doc, m)) for m in mentions if sent.start_char <= m.start < sent.end_char]
        sides = any(side_or_state(m, states, lex) in lex.sides for m, _ in actors)
        named = [t for t in named if names_an_agreement(t, named, sides, lex, context)]
        if not named:
            continue
        context.last_sentence = sent.start
        # a question asserts nothing but what it takes as given, unless it is answered
        asked = ("answered" if clauses.answer(sent) else "unanswered") if clauses.sentence(sent).question else None
        told = found[-1].status if found else None
        actors += speakers_efforts(sent, text, named, mentions, lex)
        found += sentence_agreements(sent, named, Actors(actors, states, lex), published, lex, asked, leaders, told)
    return found
