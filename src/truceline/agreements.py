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
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import islice
from types import MappingProxyType
from typing import cast

from spacy.tokens import Doc, Span, Token

from truceline import clauses, numerals
from truceline.actors import first_person
from truceline.agreement_lexicon import Lexicon, lexicon
from truceline.readouts import STAND_INS
from truceline.conflicts import conflict_of, sides
from truceline.dates import reference_day, resolve_date
from truceline.records import Agreement, AgreementKind, AgreementScope, AgreementStatus, Evidence, Mention
from truceline.spans import Walk, flattened, sentence_ents, sentence_of, span_root

_SUBJECTS = {"nsubj", "nsubjpass"}
# How many words (prepositions aside) above the agreement noun its cue may stand.
_MAX_HOPS = 4
_DEFINITE = {"the", "this", "that", "these", "those"}
# Pronouns by which a sentence naming no agreement speaks of the one just named.
_ANAPHORS = {"this", "it", "that"}
# What happens only to an agreement made: a named initiative renewed, broken or left is one.
_LIFE = {"extended", "violated", "collapsed", "expired"}
# Agreement nouns a name may keep in lowercase, after the place they were signed: "the Minsk agreements".
_PLURAL_NAMES = {"agreements", "accords"}
# Dependencies that keep a word inside the noun phrase of an agreement noun.
_NOUN_PHRASE = {"compound", "amod", "nmod", "poss", "prep", "acl", "appos", "nummod", "npadvmod"}
# Dependencies an actor is attached by on its way to a role word ("Egypt's efforts", "brokered by Qatar").
_ROLE_PATH = {"poss", "compound", "amod", "nmod", "pobj", "prep", "conj", "appos", "dobj", "agent", "nsubj", "nsubjpass"}


@dataclass(frozen=True)
class _Trigger:
    span: Span
    kind: AgreementKind
    # a noun that names an agreement only when counted ("a just and lasting peace", `_countable`):
    # one only where its sentence names whose it is (`_whose_peace`), in a war's place (`_a_wars_place`)
    counted: bool = False

    @cached_property
    def root(self) -> Token:
        return span_root(self.span)


@dataclass(frozen=True)
class _Cue:
    status: str  # an AgreementStatus, "existing" or "standing"
    phrase: str
    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        """The word of the cue the others hang from: "took" in "took effect"."""
        inside = {t.i for t in self.tokens}
        return next((t for t in self.tokens if t.head.i not in inside or t.head.i == t.i), self.tokens[0])


@dataclass
class _Context:
    """What earlier sentences of the document named, for "the deal" and "this plan"."""

    last_said: dict[str, bool] = field(default_factory=dict)  # noun -> whether its last use named one
    last_sentence: int | None = None  # the token start of the last sentence that named an agreement

    def recent(self, sent: Span, sentences: int = 5) -> bool:
        if self.last_sentence is None:
            return False
        between = sent.doc[self.last_sentence:sent.start].sents  # counted no further than needed
        return sum(1 for _ in islice(between, sentences + 1)) <= sentences


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
    mentions = _named(mentions)
    states = _states(mentions, states)
    leaders = _call_sides(doc, mentions, states, lex)
    named = {sentence_of(t.span[0]) for t in _triggers(doc, lex)}
    answers = [span for sent in named if clauses.sentence(sent).question and (span := clauses.answer(sent))]
    text = doc.text  # rebuilt by spaCy at each access
    found: list[Evidence] = []
    for sent in doc.sents:
        if sent in named:
            continue
        actors = [(m, _root(doc, m)) for m in mentions if sent.start_char <= m.start < sent.end_char]
        actors += _speakers_efforts(sent, text, [], mentions, lex)  # "the President and I are working on it"
        for mention, root in actors:
            name = _side_or_state(mention, states, lex)
            if name in lex.sides and any(_word(a) & lex.replies for a in (root, *islice(root.ancestors, 3))):
                found.append(Evidence("parties", name, sent.start_char, sent.end_char))
        answering = any(start <= sent.start_char < end for start, end in answers)
        if not (answering or not lex.talks.isdisjoint(t.lower_ for t in sent) or any(_on_it(t, lex) for t in sent)):
            continue
        for name in _with_leaders(_roles(actors, [], {}, states, lex)[1], sent, leaders, lex):
            found.append(Evidence("mediators", name, sent.start_char, sent.end_char))
    return found


def find_agreements(doc: Doc, mentions: Sequence[Mention], published: date | None,
                    states: Mapping[str, str] = MappingProxyType({})) -> list[Agreement]:
    """Every agreement a sentence of the document speaks of, with what the sentence says about it
    (frames.py then reads the mentions of one agreement together). `states`: each state's name by
    its country code (the actor dictionary's), for officials of states the document never names
    ("President Biden spoke today with President El-Sisi of Egypt")."""
    lex = lexicon()
    triggers = _triggers(doc, lex)
    if not triggers:
        return []
    mentions = _named(mentions)
    states = _states(mentions, states)
    leaders = _call_sides(doc, mentions, states, lex)
    context = _Context()
    text = doc.text  # rebuilt by spaCy at each access: once a document, not once a sentence
    found: list[Agreement] = []
    by_sentence: dict[int, list[_Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault(sentence_of(trigger.span[0]).start, []).append(trigger)
    for sent in doc.sents:
        named = by_sentence.get(sent.start)
        if not named:
            continue
        actors = [(m, _root(doc, m)) for m in mentions if sent.start_char <= m.start < sent.end_char]
        sides = any(_side_or_state(m, states, lex) in lex.sides for m, _ in actors)
        named = [t for t in named if _names_an_agreement(t, named, sides, lex, context)]
        if not named:
            continue
        context.last_sentence = sent.start
        # a question asserts nothing but what it takes as given, unless it is answered
        asked = ("answered" if clauses.answer(sent) else "unanswered") if clauses.sentence(sent).question else None
        told = found[-1].status if found else None
        actors += _speakers_efforts(sent, text, named, mentions, lex)
        found += _sentence_agreements(sent, named, actors, states, published, lex, asked, leaders, told)
    return found


def _named(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions an agreement's roles are read from: names, a readout's title for its
    counterpart ("the Prime Minister's decision to authorize his negotiators"), and the speaker's
    "I" or "we" even where it stands in for a state the text does not name there (a White House
    "we are leading efforts to reach a ceasefire" is the United States brokering it); `_roles`
    reads a first person as a mediator only. A readout's "the two leaders" or "they", standing for
    both its sides, is not read, nor a main verb standing in for the text's voice (`Mention.implied`)."""
    return [m for m in mentions if (not m.stand_in or first_person(m.actor)
            or m.actor.name.split()[-1].lower() not in STAND_INS | {"it", "they"}) and not m.implied]


def _speakers_efforts(sent: Span, text: str, named: list[_Trigger], mentions: Sequence[Mention],
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
    return (token.lower_ in ("our", "my") and token.dep_ == "poss" and bool(_word(token.head) & lex.mediator)
            and not _credit(token.head, lex) and any(t.i in nouns for t in token.head.subtree))


def _conjoined_speaker(token: Token) -> bool:
    """Whether the token is a first-person subject after another: "the President and I"."""
    return token.lower_ in ("i", "we") and token.dep_ == "conj" and _first_conjunct(token).dep_ in _SUBJECTS


def _call_sides(doc: Doc, mentions: Sequence[Mention], states: dict[str, str], lex: Lexicon) -> tuple[str, ...]:
    """The states of the leaders a readout opens with ("President Biden spoke today with Amir
    Sheikh Tamim Bin Hamad Al-Thani of Qatar"): the first sentence naming two states or more,
    the sides of a war aside (they bind, they do not broker)."""
    for sent in doc.sents:
        names = dict.fromkeys(name for m in mentions if sent.start_char <= m.start < sent.end_char
                              and (name := _side_or_state(m, states, lex)) is not None)
        if len(names) >= 2:
            return tuple(name for name in names if name not in lex.sides)
    return ()


def _with_leaders(mediators: tuple[str, ...], sent: Span, leaders: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """The mediators, and the opening's leaders when the sentence's subject is they ("The two
    leaders discussed the ongoing war in Gaza and their efforts to secure the immediate release
    of all remaining hostages"): a readout names its two leaders once, then speaks of them so."""
    for subject in (t for t in sent if t.lemma_.lower() == "leader" and t.dep_ in _SUBJECTS):
        if not any(c.lower_ in ("two", "both") for c in subject.children):
            continue
        if any(_word(t) & lex.mediator and not _credit(t, lex) for t in subject.head.subtree if t.i != subject.i):
            return tuple(dict.fromkeys((*mediators, *leaders)))
    return mediators


def _states(mentions: Sequence[Mention], known: Mapping[str, str]) -> dict[str, str]:
    """The states by country code, the document's names first: the side an official acts for."""
    return {**known, **{m.actor.country: m.actor.canonical for m in mentions if m.actor.kind == "state" and m.actor.country}}


def _triggers(doc: Doc, lex: Lexicon) -> list[_Trigger]:
    found = [
        _Trigger(doc[start:end], cast(AgreementKind, kind))
        for start, end, kind in lex.kinds.find(doc, lemma=False)
        # not "deal with", "plan to"; but "ceasefire" or "truce" is no verb, whatever the tagger
        # says of a chant ("Ceasefire now!")
        if span_root(doc[start:end]).pos_ in ("NOUN", "PROPN") or (end - start == 1 and doc[start].lower_ not in lex.generic)
    ]
    # "a just and lasting peace": a noun that names a settlement only as one (`_countable`)
    taken = {t.span.start for t in found}
    found += [_Trigger(doc[t.i:t.i + 1], "peace", counted=True) for t in doc if _countable(t, lex) and t.i not in taken]
    found.sort(key=lambda t: t.span.start)
    # an initiative names one only by its proper name (and what it tells of it: _sentence_agreements)
    return [t for t in found if t.span.text.lower() not in lex.named_only or _proper_name(t)]


def _countable(token: Token, lex: Lexicon) -> bool:
    """Whether a noun that names an agreement only when counted is counted here, by the indefinite
    article: "Ukraine's pursuit of a just and lasting peace", "get a peace with Russia-Ukraine"
    name a settlement sought; "peace and security", "negotiating durable peace" do not."""
    return (token.lower_ in lex.countable and token.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children))


def _names_an_agreement(
    trigger: _Trigger, named: list[_Trigger], sides: bool, lex: Lexicon, context: _Context
) -> bool:
    """Whether the noun names a ceasefire/hostage/peace agreement here, not a trade deal or a view.
    `sides`: whether the sentence names a side of the war."""
    if trigger.counted:  # "a just and lasting peace"
        return _a_wars_place(trigger.root)
    noun = trigger.span.text.lower()
    if noun not in lex.generic:
        return True
    root = trigger.root
    sent = sentence_of(root)
    window = sent.doc[max(sent.start, root.i - 2):min(sent.end, root.i + 2)]
    if _any(lex.idioms.find(window, lemma=False)):
        return False
    phrase = _noun_phrase(root)
    lemma = root.lemma_.lower()
    if _any(lex.other_phrases.find(phrase, lemma=True)):
        context.last_said[lemma] = False
        return False
    words = {w for t in phrase if t.i != root.i for w in (t.lemma_.lower(), t.lower_)}
    if noun in lex.strict:
        said = bool(words & lex.strict_topic)
    else:
        said = bool(words & lex.topic) or (
            # the sentence speaks of the war, and of no other kind of deal
            (sides or any(t.lower_ in lex.sentence_topic for t in sent)
             or any(t.span.text.lower() not in lex.generic for t in named)
             or (trigger.kind == "deal" and _a_wars_name(trigger, sent, lex)))
            and not _any(lex.other_deals.find(sent, lemma=True))
        )
    if said:
        context.last_said[lemma] = True
        return True
    if _proper_name(trigger):
        return False  # a name says which agreement it is ("the Windsor Framework"): never the one before
    if _any(lex.other_deals.find(sent, lemma=True)):
        return False
    # Nothing in the sentence says which deal: "the deal" is the one last named so, and any
    # deal spoken of right after an agreement is most likely that one.
    if _is_definite(root) and lemma in context.last_said:
        return context.last_said[lemma]
    return noun not in lex.strict and context.recent(sent)


def _a_wars_place(noun: Token) -> bool:
    """Whether a noun placed by "in" is placed where a war is: "a just and lasting peace in Ukraine",
    not "a durable and sustainable peace in the Middle East" (a settlement of a region, no war's).
    One not placed is the war's the text speaks of ("a just and sustained peace is what we all want")."""
    places = _places(noun)
    # not "in line with the UN Charter"; but "in the Middle East region"
    return not places or any(conflict_of((), noun.doc[o.left_edge.i:o.right_edge.i + 1].text) for o in places)


def _places(noun: Token) -> list[Token]:
    """The proper names a noun is placed "in" by its own phrase: "a just and lasting peace in Ukraine"."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children
            if o.dep_ == "pobj" and (o.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in o.children))]


def _any(found: Iterable[object]) -> bool:
    return next(iter(found), None) is not None


def _noun_phrase(root: Token) -> list[Token]:
    phrase = [root]
    for child in root.children:
        if child.dep_ in _NOUN_PHRASE:
            phrase += child.subtree
    return sorted(phrase, key=lambda t: t.i)


def _own_phrase(root: Token, apart: Collection[int]) -> list[Token]:
    """An agreement noun's phrase (`_noun_phrase`) without the agreement nouns in it, and what
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


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _DEFINITE) for c in noun.children)


def _sentence_agreements(
    sent: Span,
    named: list[_Trigger],
    actors: list[tuple[Mention, Token]],
    states: dict[str, str],
    published: date | None,
    lex: Lexicon,
    asked: str | None = None,
    leaders: tuple[str, ...] = (),
    told: AgreementStatus | None = None,
) -> Iterator[Agreement]:
    """`asked`: the sentence is a question, "answered" ("Will there be a ceasefire by Ramadan?" /
    "It’s looking tough"): what it asks about is sought, whatever its verbs say; or "unanswered":
    it tells only what it takes as given (`_presupposed`).
    `leaders`: the states of the leaders the document opens with (`_call_sides`). `told`: the
    status of the agreement the document spoke of last."""
    nouns = {t.root.i for t in named}
    cues = _cues(sent, lex, nouns)
    coordinated = _coordinated_cues(sent, cues)
    seen: set[tuple[str, str, str | None]] = set()
    for trigger, members in _clusters(named, cues, lex):
        if asked == "answered":
            found: tuple[AgreementStatus, _Cue] | None = ("proposed", _Cue("proposed", "asked", (trigger.root,)))
        elif asked:
            found = _presupposed(trigger, cues, lex)
        else:
            found = (_named_after(trigger, lex) or _status(trigger, cues, coordinated, lex)
                     or _demanded(trigger, members, lex) or _by_name(trigger))
        if found is None or (trigger.counted and not _whose_peace(trigger.root, *found, actors, members, named, states, lex)):
            continue
        status, cue = found
        if trigger.root.lower_ in lex.named_only and not _tells_its_life(cue, trigger.root, lex):
            continue  # an initiative launched or supported is a programme, not an agreement
        if cue.phrase in lex.content and told == "proposed":
            status = "proposed"  # "That’s what this deal says" of the deal just set out as a proposal
        # a noun named twice is one agreement, unless its phrases place the two in two wars
        # ("a ceasefire in Gaza and a ceasefire in Lebanon")
        theatre = _theatre(members, nouns)
        if any(k == trigger.kind and st == status and (t is None or theatre is None or t == theatre)
               for k, st, t in seen):
            continue
        seen.add((trigger.kind, status, theatre))
        parties, mediators, proposers = _roles(actors, members, cues, states, lex)
        mediators = _with_leaders(mediators, sent, leaders, lex)
        phases = _phases(sent, lex)
        violators = _violators(actors, cues, states, lex) if status == "violated" else ()
        yield Agreement(
            kind=_kind(trigger, members),
            parties=parties,
            mediators=mediators,
            proposers=proposers,
            status=status,
            effective=_effective(sent, status, cue, published, lex),
            duration_days=_duration(sent, members, cue, lex),
            phase=_phase(phases, cue),
            phases=tuple(sorted({p for p, _ in phases})),
            terms=tuple(c for c, pattern in lex.terms.items() if pattern.search(sent.text.lower())),
            violators=violators,
            text=sent.text,
            start=sent.start_char,
            end=sent.end_char,
            conflict=theatre,
            scope=_scope(members, lex),
            proper_name=_name(trigger, lex),
        )


def _cued_itself(noun: Token, cue: _Cue) -> bool:
    """Whether the cue takes the noun itself as its object, or through its preposition: "get a peace
    with Russia-Ukraine", "Ukraine's pursuit of a just and lasting peace". A peace counted is an
    agreement only so, not by its adjective ("imperil any pathway to a durable peace") nor by a cue
    over another verb ("a strategy that secures Israel's safety and advances a broader peace")."""
    head = noun.head
    return cue.head.i == head.i or (head.dep_ == "prep" and cue.head.i == head.head.i)


def _whose_peace(noun: Token, status: AgreementStatus, cue: _Cue, actors: list[tuple[Mention, Token]],
                 members: list[_Trigger], named: list[_Trigger], states: dict[str, str], lex: Lexicon) -> bool:
    """Whether a peace counted names an agreement: the sentence names a side of its war as whose it
    is or whom it is with (`_owns`), and a cue of its own speaks of it (`_cued_itself`): "Ukraine's
    pursuit of a just and lasting peace", "get a peace with Russia-Ukraine"; or it is wanted (its
    cue, read through its hedges, makes it proposed) and the sentence says whose or where it is: a
    side's, the sides' it is "between", or placed in a war's place ("ongoing efforts to create new
    conditions for an enduring and sustainable peace between Israelis and Palestinians", "our
    support for a just and durable peace in Ukraine"). Statements that hope to "deliver a
    sustainable peace" or "build a lasting peace in the region" name no one's; and a peace another
    agreement of the sentence is to reach is its goal, not one more ("President Zelenskyy's
    proposal to reach a just and lasting peace in Ukraine")."""
    war = _war_sides(actors, members, states, lex)
    owned = any(_side_or_state(mention, states, lex) in war and _owns(root, (noun.i,)) for mention, root in actors)
    if owned and _cued_itself(noun, cue):
        return True
    between = {c.i for c in noun.children if c.dep_ == "prep" and c.lower_ in lex.between}
    others = {m.root.i for m in named} - {noun.i}
    return status == "proposed" and not any(a.i in others for a in noun.ancestors) and (
        owned or bool(_places(noun)) or any(_first_conjunct(root).head.i in between for _, root in actors))


def _presupposed(trigger: _Trigger, cues: dict[int, _Cue], lex: Lexicon) -> tuple[AgreementStatus, _Cue] | None:
    """What a question takes as given of an agreement: the participle of its own definite noun
    phrase ("So the ceasefire proposed by President Putin for the Orthodox Christmas — have you
    heard about that?"), not what it asks about it ("is a ceasefire agreed by then likely?")."""
    if not _is_definite(trigger.root):
        return None
    for child in trigger.root.children:
        if child.dep_ in ("acl", "amod") and child.tag_ == "VBN" and child.i in cues:
            status = _hedged(cues[child.i], trigger, lex)
            return (status, cues[child.i]) if status else None
    return None


def _demanded(trigger: _Trigger, members: list[_Trigger], lex: Lexicon) -> tuple[AgreementStatus, _Cue] | None:
    """An agreement named with no cue but an adjective that calls for it ("an immediate
    ceasefire") is proposed, and so is a proposal ("Egypt has a new proposal"), and an agreement
    named as a sentence of its own, with no verb, and "now" ("Ceasefire now!")."""
    if trigger.kind == "proposal":
        return "proposed", _Cue("proposed", "proposal", (trigger.root,))
    for member in members:
        for child in member.root.children:
            if child.dep_ == "amod" and child.lemma_.lower() in lex.demanded:
                return "proposed", _Cue("proposed", child.lemma_.lower(), (child,))
            if member.root.dep_ == "ROOT" and child.dep_ == "advmod" and child.lower_ in lex.demanded_now:
                return "proposed", _Cue("proposed", child.lower_, (child,))
    return None


def _proper_name(trigger: _Trigger) -> str | None:
    """The proper name the agreement is named by, if it is: its noun capitalised after capitalised
    words of the name ("the Dayton Peace Agreement"), or a plural one in lowercase after a place
    ("the Minsk agreements": several, named together by where they were signed), not inside a
    longer name ("Korean War Veterans Armistice Day" names a day). Of two names joined by a slash
    ("the Belfast/Good Friday Agreement") the one written alone elsewhere, the last."""
    root = trigger.root
    doc = root.doc
    start = trigger.span.start
    plural = (root.lower_ in _PLURAL_NAMES and start > 0 and doc[start - 1].pos_ == "PROPN"
              and doc[start - 1].head.i == root.i)
    if not (root.text[:1].isupper() or plural) or (root.dep_ == "compound" and root.head.text[:1].isupper()):
        return None  # but "the Good Friday Agreement institutions" names it
    while (start > root.sent.start + 1 and doc[start - 1].text[:1].isupper()
           and doc[start - 1].pos_ != "DET" and not doc[start - 1].is_sent_start):
        start -= 1
    if start == trigger.span.start:
        return None
    return doc[start:root.i + 1].text.rsplit("/", 1)[-1]


def _a_wars_name(trigger: _Trigger, sent: Span, lex: Lexicon) -> bool:
    """Whether the agreement's proper name is one of a war's: its sentence says it made or keeps
    the peace, or the name holds a word of a war's theatre ("the Good Friday Agreement" is
    Northern Ireland's however it is spoken of: commemorated, built on). Most named agreements
    are of trade, climate or space."""
    name = _proper_name(trigger)
    return bool(name) and (any(t.text in lex.name_topic for t in sent) or conflict_of((), name) is not None)


def _name(trigger: _Trigger, lex: Lexicon) -> str | None:
    """The proper name that holds the agreement's mentions together, if its noun is one an
    agreement keeps its name by ("Agreement", "Accords", "Armistice"): a plan or a deal goes by
    several ("the Trump Peace Plan", "the Gaza Peace Deal", "the Comprehensive Plan")."""
    return _proper_name(trigger) if trigger.root.lower_ in lex.named_nouns else None


def _by_name(trigger: _Trigger) -> tuple[AgreementStatus, _Cue] | None:
    """An agreement named by its proper name with no cue is one made and standing: a name is
    given to an agreement concluded ("undermine the state and the Dayton Peace Agreement")."""
    return ("in_force", _Cue("in_force", "name", (trigger.root,))) if _proper_name(trigger) else None


def _named_after(trigger: _Trigger, lex: Lexicon) -> tuple[AgreementStatus, _Cue] | None:
    """An agreement a longer name is named after ("Korean War Veterans Armistice Day") was made:
    the name marks it. What the sentence says around that name speaks of the named thing ("On
    ... Armistice Day, we honor the veterans" honors no armistice). Not an agreement noun named
    before another ("the Ceasefire Agreement", in a heading's capitals)."""
    root = trigger.root
    head = root.head
    if not (root.dep_ == "compound" and root.text[:1].isupper() and head.text[:1].isupper()
            and not _any(lex.kinds.find([head], lemma=False))):
        return None
    return "agreed", _Cue("agreed", "name", (root,))


def _theatre(members: list[_Trigger], nouns: Collection[int]) -> str | None:
    """The conflict the agreement's own noun phrases place it in ("the ceasefire in Lebanon"),
    when a sentence speaks of agreements in two wars; not the phrase of another agreement
    they hold (`_own_phrase`, `nouns`: the sentence's agreement nouns: "a truce deal in Yemen as
    a catalyst for a Sudan ceasefire"), nor the sides it is "between", which name who, not where:
    the conflict of "a ceasefire between the United States and the Houthis" is that of its
    parties (frames.py), not Yemen's, whose words name the Houthis."""
    between = {c.i for m in members for c in m.root.children if c.dep_ == "prep" and c.lower_ in lexicon().between}
    words = [t.text for m in members for t in _own_phrase(m.root, {*nouns, *between})]
    for member in members:  # "reach a ceasefire and hostage deal in Gaza": the place the verb gives it
        root = member.root.head if member.root.dep_ == "conj" else member.root
        if root.dep_ in ("dobj", "pobj", "nsubjpass") and root.head.pos_ in ("VERB", "ADP"):
            verb = root.head if root.head.pos_ == "VERB" else root.head.head
            words += [t.text for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for t in c.subtree]
    return conflict_of((), " ".join(words))


def _scope(members: list[_Trigger], lex: Lexicon) -> AgreementScope | None:
    """Whether the agreement's own noun phrases say it halts only part of the fighting ("a partial
    ceasefire against energy") or all of it ("a complete ceasefire")."""
    words = (w for m in members for t in _noun_phrase(m.root) if t.i != m.root.i for w in (t.lower_, t.lemma_.lower()))
    return cast(AgreementScope | None, next((lex.scopes[w] for w in words if w in lex.scopes), None))


def _cues(sent: Span, lex: Lexicon, nouns: Collection[int] = ()) -> dict[int, _Cue]:
    """Token index -> the status cue that token belongs to. `nouns`: the sentence's agreement
    nouns, which "we have" must have as its object."""
    found: dict[int, _Cue] = {}
    for start, end, status in lex.cues.find(sent, lemma=True):
        tokens = tuple(sent[start:end])
        if tokens[0].tag_ in ("JJR", "JJS", "RBR"):
            continue  # "getting closer to a deal" is not closing it
        if status == "agreed" and tokens[0].pos_ == "ADJ" and not tokens[0].lower_.endswith("ed"):
            continue  # nor is being "extremely close ... to the deal"; but "the agreed ceasefire" is one
        cue = _Cue(status, " ".join(t.lemma_.lower() for t in tokens), tokens)
        found.update((t.i, cue) for t in tokens)
    for token in sent:  # "there is a ceasefire"; "there would be a six-week ceasefire" (hedged: proposed)
        if token.lemma_ == "be" and token.i not in found and _existential(token):
            found[token.i] = _Cue("in_force", "there be", (token,))
        elif token.lemma_ == "have" and _had(token, nouns):
            found[token.i] = _Cue("in_force", "we have", (token,))
    for token in sent:
        if verb := _ending(token, found, lex):
            cue = _Cue("collapsed", f"{verb.lemma_.lower()} {token.lemma_.lower()}", (verb, token))
            found.update({verb.i: cue, token.i: cue})
    return found


def _ending(word: Token, cues: dict[int, _Cue], lex: Lexicon) -> Token | None:
    """The verb a word of ending completes, when that verb is "be" or a cue of its own: "the
    truce is over"; "Hamas declared the truce over" (spaCy hangs "over" from the verb or from
    its object), which has not declared a truce."""
    if word.lemma_.lower() not in lex.ended or word.dep_ not in ("prt", "advmod", "acomp", "oprd"):
        return None
    if any(c.dep_ == "pobj" for c in word.children):
        return None  # a preposition: "agreed to a ceasefire over the weekend"
    verb = word.head if word.head.pos_ in ("VERB", "AUX") or word.head.dep_ not in ("dobj", *_SUBJECTS) else word.head.head
    return verb if verb.pos_ in ("VERB", "AUX") and (verb.i in cues or verb.lemma_ == "be") else None


def _existential(verb: Token) -> bool:
    """"there is/would be X", and not "there is no X"."""
    children = list(verb.children)
    return any(c.dep_ == "expl" for c in children) and not any(
        c.dep_ == "neg" or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in children)


def _had(verb: Token, nouns: Collection[int]) -> bool:
    """"we have X", "you should have X", X an agreement noun of `nouns`: a "have" whose subject is
    the "we" or "you" of everyone says X exists as "there is X" does (and a hedge, that it is
    asked for), not "we have no X" nor "you have fewer hostages as part of the deal". An
    agreement that has a content ("the proposal has three phases", a `content` cue) is the
    subject; here it is the object."""
    children = list(verb.children)
    return (verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("aux", "auxpass")
            and any(c.dep_ == "nsubj" and c.lower_ in ("we", "you") for c in children)
            and any(c.dep_ == "dobj" and c.i in nouns for c in children)
            and not any(c.dep_ == "neg" or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                        for c in children))


def _clusters(named: list[_Trigger], cues: dict[int, _Cue], lex: Lexicon) -> list[tuple[_Trigger, list[_Trigger]]]:
    """Agreement nouns grouped by the agreement they name: a noun below another with no cue in
    between is part of it ("a deal ... that provided an extended pause", "ceasefire proposal").
    A cue that speaks only of its subject parts nothing else: "a deal for the release of
    hostages held by Hamas together with a humanitarian pause". Nor is a noun placed in another
    war than the one above it part of that: "a ceasefire deal in Lebanon as a catalyst for a
    potential Gaza ceasefire" names two."""
    owner = {t.root.i: t for t in named}
    clusters: dict[int, list[_Trigger]] = {t.root.i: [t] for t in named}
    places: dict[int, str | None] = {}

    def place(noun: Token) -> str | None:
        """The war a noun's own phrase places it in, read once per noun."""
        if noun.i not in places:
            places[noun.i] = conflict_of((), " ".join(t.text for t in _own_phrase(noun, owner)))
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
            if ancestor.i in cues and not (cues[ancestor.i].phrase in lex.subject_only and below.dep_ not in _SUBJECTS):
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


def _kind(trigger: _Trigger, members: list[_Trigger]) -> AgreementKind:
    """A deal named after a ceasefire, truce or pause, or that holds one, is one ("the ceasefire
    deal in Lebanon", "a deal for the release of hostages together with a humanitarian pause")."""
    if trigger.kind == "deal":
        for member in members:
            if member.kind in ("ceasefire", "truce", "pause"):
                return member.kind
    return trigger.kind


def _status(
    trigger: _Trigger, cues: dict[int, _Cue], coordinated: dict[int, _Cue], lex: Lexicon
) -> tuple[AgreementStatus, _Cue] | None:
    """The status the cue nearest the agreement noun gives it, read through its hedges
    (`coordinated`: `_coordinated_cues`)."""
    for cue, as_subject in _governing_cues(trigger.root, cues, coordinated, lex.hedges["desire"]):
        if cue.status in ("collapsed", "expired") and cue.head.pos_ == "NOUN" and cue.head.head.lemma_.lower() in lex.nearing:
            cue = _Cue("in_force", cue.head.head.lemma_.lower(), (cue.head.head,))  # "nearing the end of the ceasefire period"
            status = _hedged(cue, trigger, lex)
            return (status, cue) if status else None
        subject_only = cue.phrase in lex.subject_only
        ended = cue.tokens[-1].lemma_.lower() in lex.ended  # said of its subject or object alike
        if not ended and ((subject_only and as_subject is False) or (not subject_only and as_subject is True)):
            continue  # "the ceasefire took effect", but not "this deal secures the release"
        if cue.status == "collapsed" and not ended and _has_object(cue):
            continue  # "a proposal that ends the war" has not ended
        if _object_elsewhere(cue, trigger.root):
            continue  # "withdraw from Gaza under the deal" has not left the deal
        status = _hedged(cue, trigger, lex)
        if status == "agreed" and _a_portion(trigger.root, lex):
            status = "proposed"  # "90 percent of this deal has been agreed": the rest is not
        return (status, cue) if status else None
    return None


def _tells_its_life(cue: _Cue, noun: Token, lex: Lexicon) -> bool:
    """Whether the cue tells of an agreement's life (`_LIFE`, `life` cues) and speaks of the noun
    itself: its modifier, or the word the noun (through a preposition) is the object of ("a
    renewal of the ... Initiative"), not of a phrase the noun only qualifies ("President Zelenskyy's
    Grain from Ukraine Initiative and the UN-brokered ..." misparsed with "brokered" as the verb)."""
    if not (cue.status in _LIFE or cue.phrase in lex.life):
        return False
    head = noun.head.head if noun.head.pos_ == "ADP" else noun.head
    return cue.head.head.i == noun.i or cue.head.i == head.i or head in cue.head.conjuncts


def _object_elsewhere(cue: _Cue, noun: Token) -> bool:
    """Whether a cue that ends in a preposition ("withdraw from") has an object other than the
    agreement: the preposition says what the cue is of."""
    last = cue.tokens[-1]
    # a relative pronoun is the agreement itself: "the three-phase deal that we've been working on"
    return (last.pos_ == "ADP" and any(c.dep_ == "pobj" and c.tag_ not in ("WDT", "WP") for c in last.children)
            and not last.is_ancestor(noun))


def _a_portion(noun: Token, lex: Lexicon) -> bool:
    """Whether the agreement is named as the whole of a part: "90 percent of this deal"."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lex.portions


def _governing_cues(
    root: Token, cues: dict[int, _Cue], coordinated: dict[int, _Cue], wanting: Collection[str] = ()
) -> Iterator[tuple[_Cue, bool | None]]:
    """Cues that modify the noun ("the deal reached today", "agreement for an extension"),
    then those up its path to the root (or coordinated with a word on it: `_coordinated_cues`),
    with whether the noun is their subject: True for an active subject, None for a passive one
    or a modified noun, False otherwise. The path stops at a verb of `wanting` conjoined to the one
    above it: "We have a ceasefire, and we want a lasting peace" has the ceasefire, not the peace."""
    for child in root.children:
        if child.dep_ == "acl" and child.i in cues and not _has_to(child):
            yield cues[child.i], None
        elif child.dep_ == "amod" and child.i in cues and cues[child.i].status in ("proposed", "agreed", "rejected"):
            yield cues[child.i], None  # "the proposed ceasefire", but a "renewed ceasefire" is a new one
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in cues:
                    yield cues[pobj.i], False
    below, hops = root, 0
    for ancestor in root.ancestors:
        hops += ancestor.pos_ != "ADP"
        if hops > _MAX_HOPS:
            break
        subject = below if below.dep_ != "conj" else below.head
        as_subject = {"nsubj": True, "nsubjpass": None}.get(subject.dep_, False)
        if as_subject and _small_clause(ancestor):
            as_subject = None  # "get this deal closed": the deal is what is closed
        if below.dep_ == "prep" and below.lower_ in ("in", "within") and ancestor.pos_ == "VERB":
            break  # "laid out in the deal": where, not what; what is above speaks of what was laid out
        elif below.dep_ == "conj" and below.pos_ == "VERB" and below.lemma_.lower() in wanting:
            break  # "and we want a lasting peace": what the first verb says is not said of it
        elif ancestor.i in cues:
            yield cues[ancestor.i], as_subject
        elif below.dep_ == "prep" and ancestor.i in coordinated:
            yield coordinated[ancestor.i], as_subject  # "the expansion and extension of the deal": of both
        elif ancestor.pos_ in ("AUX", "VERB"):  # "the ceasefire is in place", "is going to take effect"
            for child in _predicate(ancestor, below):
                if child.i in cues and not _own_object(child, cues[child.i]):
                    yield cues[child.i], as_subject
        below = ancestor
    for child in root.children:  # "a ceasefire that will go into effect"
        if child.dep_ == "relcl" and child.i in cues:
            yield cues[child.i], None


def _coordinated_cues(sent: Span, cues: Mapping[int, _Cue]) -> dict[int, _Cue]:
    """Each word of the sentence coordinated with a cue, with the first such cue in the order
    `Token.conjuncts` lists a word's conjuncts (the coordination's first word, then its conjoined
    right children, breadth first). Read for the whole sentence in one pass: `conjuncts` reads
    every right child of a coordination's words, and asked of each word an agreement noun climbs
    past, it read the whole sentence again for every noun where one word heads them all ("a truce
    deal in Lebanon for a Sudan ceasefire a truce deal in Lebanon for ...")."""
    right_conjuncts: dict[int, list[Token]] = {}
    for word in sent:
        if word.dep_ == "conj" and word.i > word.head.i:
            right_conjuncts.setdefault(word.head.i, []).append(word)
    first_of: dict[int, Token] = {}  # a word -> the first word of its coordination

    def first(word: Token) -> Token:
        climbed = []
        while word.i not in first_of and word.i != word.head.i and word.dep_ == "conj":
            climbed.append(word)
            word = word.head
        found = first_of.get(word.i, word)
        first_of.update((w.i, found) for w in (*climbed, word))
        return found

    cued: dict[int, list[int]] = {}  # a coordination's first word -> its cues, in order
    coordinated: dict[int, _Cue] = {}
    for word in sent:
        start = first(word)
        if start.i not in cued:
            order = [start]
            for member in order:
                order += right_conjuncts.get(member.i, ())
            cued[start.i] = [w.i for w in order if w.i in cues][:2]
        shared = next((i for i in cued[start.i] if i != word.i), None)
        if shared is not None:
            coordinated[word.i] = cues[shared]
    return coordinated


def _predicate(verb: Token, below: Token) -> Iterator[Token]:
    """The words that complete a verb's predicate, through "going to", "expected to"."""
    return flattened(_predicate_walk(verb, below))


def _predicate_walk(verb: Token, below: Token) -> Walk:
    for child in verb.children:
        if child.i == below.i:
            continue
        if child.dep_ in ("prep", "acomp", "attr", "advmod"):
            yield child
        elif child.dep_ == "xcomp":
            yield child
            yield _predicate_walk(child, below)


def _own_object(preposition: Token, cue: _Cue) -> bool:
    """A preposition of the predicate with an object of its own speaks of that, not of the
    agreement: "since October 8th, we have been engaging ... an agreement" ("into effect" is one cue)."""
    inside = {t.i for t in cue.tokens}
    return preposition.dep_ == "prep" and any(c.dep_ == "pobj" and c.i not in inside for c in preposition.children)


def _has_object(cue: _Cue) -> bool:
    inside = {t.i for t in cue.tokens}
    return any(c.dep_ == "dobj" and c.i not in inside for c in cue.head.children)


def _small_clause(verb: Token) -> bool:
    """A bare past participle with a subject, as in "see this ceasefire maintained"."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _hedged(cue: _Cue, trigger: _Trigger, lex: Lexicon) -> AgreementStatus | None:
    """What the cue's status becomes once negation, modals, conditions and wishes are read.

    The most cautious status the text supports: a hoped-for, conditional or negated agreement is
    a proposal, and a hypothetical violation says nothing. A ceasefire that "will go into
    effect" or "must now be implemented" is agreed. Words that merely take an agreement as
    given ("I welcome the deal") make it agreed when it is definite and not a proposal.
    """
    hedges = set() if _a_sides_deed(cue) else _hedges(cue.head, trigger.root, lex)
    if _an_alternative(trigger.root):
        hedges.add("modal")  # "we have either a ceasefire or a peace": neither is said to be had
    status = cue.status
    if trigger.kind == "proposal" and cue.phrase in lex.existence:
        status = "existing"  # a plan in place is one on the table
    definite = _is_definite(trigger.root)
    if status == "standing":  # "efforts to reinforce the ceasefire": hoped-for reinforcing, a standing ceasefire
        return "in_force" if definite and "negated" not in hedges else None
    if hedges == {"refused"}:  # "Hamas has refused to negotiate a ceasefire"
        return "rejected" if status in ("proposed", "agreed", "existing") else None
    if "negated" in hedges and status in ("existing", "proposed", "violated", "collapsed", "expired"):
        return None
    if status == "existing":  # an agreement known by its name was made long ago: it stands
        taken = "in_force" if _proper_name(trigger) else "agreed"
        return taken if definite and trigger.kind != "proposal" and hedges <= {"future"} else "proposed"
    if status == "agreed" and cue.head.dep_ == "acomp" and not definite:
        return "proposed"  # "we’re committed to a ceasefire": a stance toward one not yet made
    if not hedges:
        return cast(AgreementStatus, status)
    if status in ("violated", "collapsed", "expired"):
        return None
    if status == "in_force" and (hedges == {"future"} or (hedges == {"obligation"} and definite)):
        return "agreed"  # "will go into effect", "this agreement must now be implemented"
    if status == "extended" and hedges == {"future"}:
        return "extended"
    return "proposed"


def _an_alternative(noun: Token) -> bool:
    """Whether the agreement is named as one of "either ... or"."""
    return any(c.dep_ == "preconj" and c.lower_ == "either" for c in _first_conjunct(noun).children)


def _a_sides_deed(cue: _Cue) -> bool:
    """Whether the cue is a break or an end named as what someone did ("Russia's withdrawal from
    the deal", "its violations"): a deed, whatever governs it ("condemn ..." misparsed under "to
    export", "despite its withdrawal")."""
    head = cue.head
    return (cue.status in ("violated", "collapsed", "expired") and head.pos_ == "NOUN"
            and any(c.dep_ == "poss" for c in head.children))


# What a clause's auxiliaries (`clauses.Facts.auxiliaries`) make a cue: "may" and "would" alike
# leave an agreement unsettled.
_AUXILIARY_HEDGES = {"modal": "modal", "hedge": "modal", "obligation": "obligation", "future": "future"}


def _hedges(cue: Token, noun: Token, lex: Lexicon) -> set[str]:
    """Negation, modals, futures, conditions and wishes that govern a cue word.

    Climbs from the cue to the root of the sentence ("may provide the basis for closing a
    deal") and stops at the agreement noun itself (what governs "the deal reached today" is
    not the deal's), at a word that keeps the cue a fact ("agreed to extend"), at a word of
    wishing ("efforts to reach", "hope that"), and at a word of saying or thanking, whose own
    hedges are the speaker's ("I can assure you that", "I want to thank X for reaching").
    """
    found: set[str] = set()
    node = cue
    while node.dep_ in ("prep", "prt", "acomp", "advmod", "attr") and node.head.i != node.i:
        node = node.head  # "would remain in place": the verb the cue completes
    climbed = {node.i}  # a misparsed list can lead back (`clauses.clause_of`)
    # whether the node is reached from a sibling the parser hung from it (`clauses.in_scope`)
    from_sibling = False
    while True:
        to = False
        facts = clauses.facts(node) if not from_sibling else clauses.Facts()
        if facts.negated:
            found.add("negated")
        found.update(_AUXILIARY_HEDGES[kind] for kind in facts.auxiliaries)
        to = facts.infinitive
        if clauses.conditional_clause(node):
            found.add("conditional")
        if _subjunctive(node) and not from_sibling:
            found.add("desired")  # "it is important that the deal be implemented"
        head = clauses.clause_of(node)
        if head is None or head.i == noun.i or head.i in climbed or _past_relative(node):
            break
        climbed.add(head.i)
        from_sibling = not clauses.in_scope(node)
        if head.pos_ == "ADP" or from_sibling:
            # through a preposition to what it hangs from: "by signing"; past the clause a sibling
            # hangs from, whose negation and auxiliaries are its own, to what governs both ("I will
            # not go into that, but the President is committed to working toward a deal")
            node = head
            continue
        lemma = head.lemma_.lower()
        complement = node.dep_ in ("xcomp", "ccomp")
        if to and head.lower_ in lex.hedges["scheduled"]:  # "is going to take effect"
            found.add("future")
        elif to and complement and lemma in lex.hedges["refusal"]:
            return {"refused"}
        elif lemma in lex.hedges["alleged"]:
            found.add("alleged")
            break
        elif (complement and lemma in lex.hedges["factive"]) or lemma in lex.hedges["barrier"]:
            break  # "agreed to extend the pause", "thank X for reaching"
        elif to or (lemma in lex.hedges["desire"] and (head.pos_ in ("VERB", "AUX", "ADJ") or node.lower_ in ("of", "to"))):
            # "efforts to reach a deal", "in order to extend", "hope that", "the importance of reaching",
            # "their commitment to achieving a deal"
            found.add("desired")
            break
        node = head
    return found


def _past_relative(verb: Token) -> bool:
    """A relative clause in the past, which reports what happened whatever the clause of the word
    it describes hopes or denies: "Hamas's refusal to release ... hostages that led to a breakdown
    in the humanitarian pause", "I don't think there's been any fighting since March, when the
    U.N.-brokered truce went into effect"."""
    if verb.dep_ != "relcl":
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxiliaries):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxiliaries)


def _subjunctive(verb: Token) -> bool:
    """A passive verb with a bare "be" and no other auxiliary: a wish, not a fact."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return len(auxiliaries) == 1 and auxiliaries[0].lower_ == "be" and auxiliaries[0].tag_ == "VB"


def _root(doc: Doc, mention: Mention) -> Token:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span_root(span) if span is not None else doc[0]


def _roles(
    actors: list[tuple[Mention, Token]],
    members: list[_Trigger],
    cues: dict[int, _Cue],
    states: dict[str, str],
    lex: Lexicon,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(parties, mediators, proposers): the sides named are the parties; an actor is a proposer
    or mediator by its place in the parse."""
    parties: dict[str, None] = {}
    mediators: dict[str, None] = {}
    proposers: dict[str, None] = {}
    backers: dict[str, None] = {}
    proposals = {m.root.i for m in members if m.kind == "proposal"}
    bridging = any(c.dep_ in ("amod", "compound") and c.lower_ in lex.bridging
                   for m in members if m.kind == "proposal" for c in m.root.children)
    nouns = {m.root.i for m in members}
    war = _war_sides(actors, members, states, lex)
    for mention, root in actors:
        name = _side_or_state(mention, states, lex)
        if name is None:
            # an international body ("a UN-mediated truce") or the speaker's "we" ("we will not
            # stop working to achieve a ceasefire deal") brokers; it is bound by none
            speaker = first_person(mention.actor)
            if (mention.actor.kind == "igo" or speaker) and (
                    _mediates(root, lex, nouns) or (speaker and _brings_about(root, lex, nouns))):
                mediators[mention.actor.canonical] = None
            continue
        if (name in lex.sides and not _a_place(root, lex) and not _dates(root, cues)) or _asked(root, lex):
            parties[name] = None
        if _proposes(root, proposals, lex):
            proposers[name] = None
            if bridging and name not in lex.sides:
                mediators[name] = None
        elif name not in lex.sides and (_mediates(root, lex, nouns) or _joint_effort(root, lex)
                                        or (name not in war and _strives_for(root, lex, nouns))):
            mediators[name] = None
        elif (any(a.lemma_.lower() in lex.between for a in _climb(root, 3)) or _bound(root, cues)
              or (name in war and (_accepts(root, lex, nouns) or _owns(root, nouns)))):
            parties[name] = None
        if name not in lex.sides and _backs(root, lex):
            backers[name] = None
    if mediators:  # "the United States with support from Egypt and Qatar presented ... a bridging proposal"
        mediators.update(backers)
    return tuple(parties), tuple(mediators), tuple(proposers)


def _war_sides(actors: list[tuple[Mention, Token]], members: list[_Trigger], states: dict[str, str],
               lex: Lexicon) -> tuple[str, ...]:
    """The sides of the war the sentence speaks of (data/conflicts.toml), by the states and
    groups it names and its places: "the DRC and Rwanda", "eastern DRC" are of DRC–M23."""
    if not members:
        return ()
    names = [name for mention, _ in actors if (name := _side_or_state(mention, states, lex))]
    return sides(conflict_of(names, members[0].root.sent.text))


def _accepts(root: Token, lex: Lexicon, nouns: Collection[int]) -> bool:
    """Whether the actor is the subject of a verb of accepting the agreement, or of one taking
    such a word as its object: "The DRC and Rwanda have expressed support for the U.S. proposal
    of a 72-hour ceasefire", "The Governments of the DRC and Rwanda have expressed support"."""
    root = _first_conjunct(root)
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # "the Governments of the DRC and Rwanda"
        root = _first_conjunct(root.head.head)
    verb = root.head
    if root.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX") or not any(t.i in nouns for t in verb.subtree):
        return False
    return bool(_word(verb) & lex.accepts) or any(c.dep_ == "dobj" and _word(c) & lex.accepts for c in verb.children)


def _owns(root: Token, nouns: Collection[int]) -> bool:
    """Whether the actor is named as the agreement's own: the owner of its noun or of a noun that
    takes it as its object ("Ukraine's pursuit of a just and lasting peace", "Russia's commitments
    under the Minsk agreements"), or the one it is made with ("get a peace with Russia-Ukraine").
    Read for a side of the sentence's war: its own pursuit, commitment or peace binds it."""
    while root.dep_ == "compound" and root.head.pos_ == "PROPN":  # "Russia-Ukraine"
        root = root.head
    root = _first_conjunct(root)
    if root.dep_ == "poss":
        return root.head.i in nouns or any(
            p.dep_ == "prep" and any(o.dep_ == "pobj" and o.i in nouns for o in p.children) for p in root.head.children)
    return root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.i in nouns


def _a_place(root: Token, lex: Lexicon) -> bool:
    """Whether a side is named as where, not who: "a ceasefire in Lebanon", "calm along Israel's
    northern border with Lebanon" (the Gaza deal of 31 May 2024 binds neither by naming them)."""
    root = _first_conjunct(root)  # "in both Lebanon and Israel"
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in lex.place_prepositions:
        return True
    if root.dep_ == "pobj" and head.dep_ == "prep":  # "the border with Lebanon"
        head = head.head
    elif root.dep_ != "poss":  # "Israel's northern border"
        return False
    return head.lemma_.lower() in lex.place_nouns


def _dates(root: Token, cues: dict[int, _Cue]) -> bool:
    """Whether a side is named only to date something, by what it did ("the conflict that has
    been ongoing since Hezbollah launched the attack on October 8th"): a side of the war, not of
    the agreement. "since Israel and Hamas agreed to it" binds them (an agreement's cue)."""
    root = _first_conjunct(root)
    verb = root.head
    return (root.dep_ in _SUBJECTS and verb.i not in cues
            and any(c.dep_ == "mark" and c.lower_ == "since" for c in verb.children))


def _backs(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is named as backing another ("with support from Egypt and Qatar"): it
    shares the broker's role."""
    return any(a.lemma_.lower() in lex.backing and a.dep_ == "pobj" and a.head.lower_ == "with"
               for a in _climb(root, 4))


def _brings_about(root: Token, lex: Lexicon, nouns: Collection[int]) -> bool:
    """Whether the speaker's "we" is the subject of a verb that brings the agreement about
    ("we can actually get a hostage deal done", "we secured a ceasefire between Israel and
    Lebanon"), or of one of striving for that (`_strives_for`): a speaker who is no side of the
    war brokers it (frames.py drops a side's own)."""
    root = _first_conjunct(root)
    verb = root.head
    return root.dep_ in _SUBJECTS and (
        (verb.lemma_.lower() in lex.speaker_brokers and any(t.i in nouns for t in verb.subtree))
        or _strives_for(root, lex, nouns))


def _strives_for(root: Token, lex: Lexicon, nouns: Collection[int]) -> bool:
    """Whether the actor is the subject of a verb of striving whose complement brings the
    agreement about: "we are trying to get a hostage deal", "the President has been working to
    secure a ceasefire", or whose clause strives so again with no other subject ("what the
    President has been trying to do ... on trying to get that hostage deal"). Who tries to get an
    agreement that is not theirs brokers it."""
    root = _first_conjunct(root)
    verb = root.head
    if root.dep_ not in _SUBJECTS or verb.lemma_.lower() not in lex.striving:
        return False
    return any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in lex.speaker_brokers
               and c.head.lemma_.lower() in lex.striving and any(t.i in nouns for t in c.subtree)
               and (c.head.i == verb.i or not any(d.dep_ in _SUBJECTS for d in c.head.children))
               for c in verb.subtree)


def _asked(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is the one asked to make it: "calls on the Assad regime to enact a
    ceasefire", "urged Hamas to accept"."""
    while root.dep_ in ("conj", "compound"):  # "the Assad regime, and its backers"
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "on":
        root = root.head
    return root.dep_ in ("dobj", "prep") and root.head.lemma_.lower() in lex.asked


def _bound(root: Token, cues: dict[int, _Cue]) -> bool:
    """Whether the actor is the one who agrees, rejects or violates: "Iran has agreed to a ceasefire",
    "Russia and Ukraine agreed to a partial ceasefire"."""
    root = _first_conjunct(root)
    cue = cues.get(root.head.i)
    return root.dep_ == "nsubj" and cue is not None and cue.status in ("agreed", "rejected", "violated")


def _violators(
    actors: list[tuple[Mention, Token]], cues: dict[int, _Cue], states: dict[str, str], lex: Lexicon
) -> tuple[str, ...]:
    """The sides the sentence says broke the agreement: the subject of "violated" or "broke"
    ("Hamas violated a ceasefire", "Hamas and its allies broke it"), the owner of "violations"
    ("Israel's violations")."""
    found: dict[str, None] = {}
    for mention, root in actors:
        root = _first_conjunct(root)
        cue = cues.get(root.head.i)
        name = _side_or_state(mention, states, lex)
        if name and cue is not None and cue.status == "violated" and root.dep_ in ("nsubj", "poss"):
            found[name] = None
    return tuple(found)


def _side_or_state(mention: Mention, states: dict[str, str], lex: Lexicon) -> str | None:
    """The state or armed group an actor acts for: Netanyahu and the IDF act for Israel. The
    speaker's "we" acts for none: "we reached a deal", "we secured a ceasefire between Israel and
    Lebanon" report an agreement the speaker brokered far more often than one it is bound by."""
    actor = mention.actor
    if first_person(mention.actor):
        return None
    if actor.canonical in lex.affiliation:
        return lex.affiliation[actor.canonical]
    if actor.kind in ("state", "armed_group"):
        return actor.canonical
    if actor.kind in ("person", "government", "military") and actor.country:
        return states.get(actor.country)
    return None


def _first_conjunct(token: Token) -> Token:
    """The first of a list of conjuncts, which holds the list's place in the parse: "Russia and
    Ukraine agreed" hangs "Ukraine" from "Russia", and "Russia" from the verb."""
    while token.dep_ == "conj":
        token = token.head
    return token


def _climb(token: Token, steps: int) -> Iterator[Token]:
    """Up to `steps` heads above a word, while the path stays on role-bearing dependencies."""
    for _ in range(steps):
        if token.dep_ not in _ROLE_PATH or token.head.i == token.i:
            return
        token = token.head
        yield token


def _proposes(root: Token, proposals: set[int], lex: Lexicon) -> bool:
    """Subject of "propose", behind "proposed by", or owner of a proposal ("Israel's proposal")."""
    first = _first_conjunct(root)  # "the US and France called for"
    head, dep = first.head, first.dep_
    if dep in ("poss", "compound", "amod", "nmod") and head.i in proposals:
        doc = root.doc  # but "the Israel-Hezbollah ceasefire proposal" says whose ceasefire
        return not any(0 <= i < len(doc) and doc[i].text in ("-", "–") for i in (root.i - 1, root.i + 1))
    if dep == "pobj" and head.dep_ == "agent":
        head, dep = head.head, "nsubj"
    return dep == "nsubj" and head.lemma_.lower() in lex.proposer


def _others(effort: Token) -> bool:
    """Whether a mediation noun names whose it is, other than the speaker's: "the efforts by the
    US", "Egypt's efforts"."""
    return any((c.dep_ == "poss" and c.lower_ not in ("our", "my")) or (c.dep_ in ("prep", "agent") and c.lower_ == "by")
               for c in effort.children)


def _mediates(root: Token, lex: Lexicon, nouns: Collection[int] = ()) -> bool:
    """Governed by a mediation word: "brokered by the US", "Egypt's efforts", "thank the Amir";
    or the subject of a verb whose complement works for the agreement itself (its noun among
    `nouns`): "we will not stop working to achieve a ceasefire deal"."""
    if _word(root) & lex.mediator or _hyphened(root) & lex.mediator:  # "Qatari mediators", "UN-mediated"
        return True
    root = _first_conjunct(root)  # a list holds its first name's place: "the leaders of Kenya and Ethiopia"
    if root.dep_ == "pobj" and root.head.lower_ == "in":
        return False  # where, not who: "support for the UN-mediated truce in Yemen"
    if _said_to_mediate(root, lex):
        return True
    below = root
    for ancestor in _climb(root, 5):
        if _word(ancestor) & lex.mediator:
            if ancestor.pos_ == "VERB" and not _credit(ancestor, lex):
                # the one who brokers, or brokers with it ("we continue to work with Egypt and
                # Qatar to secure a ceasefire"), not the one it is for: "facilitate delivery to all Syrians"
                return below.dep_ in _SUBJECTS or below.dep_ == "agent" or (below.dep_ == "prep" and below.lower_ == "with")
            return not (_word(ancestor) & lex.credit and root.dep_ in _SUBJECTS)
        if ancestor.pos_ == "VERB":
            if _as_mediators(ancestor, lex):
                return True  # "they expressed the strong support of Qatar and Egypt for the U.S. proposal as co-mediators"
            # the speaker's companions too, named in its object: "I've had calls with ... the leaders of
            # Egypt and Qatar to push this forward"
            companion = below.dep_ == "dobj" and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in ancestor.children)
            if (below.i == root.i and root.dep_ in _SUBJECTS) or companion:
                # "we will not stop working to achieve a ceasefire deal", "we are leading international
                # efforts to deliver aid and an immediate ceasefire"
                # a purpose too: "Secretary Blinken is traveling to the region to push for a ceasefire deal"
                # but "we endorse the efforts by the US, Qatar and Egypt to reach such a deal" are theirs
                return any((c.dep_ in ("xcomp", "dobj") or (c.dep_ == "advcl" and _has_to(c)))
                           and _word(c) & lex.mediator and not _credit(c, lex) and not _others(c)
                           and (any(t.i in nouns for t in c.subtree) or _on_it(c, lex)) for c in _complements(ancestor))
            # "express his appreciation to Qatar"
            return below.dep_ == "prep" and below.lower_ == "to" and any(
                c.dep_ == "dobj" and _word(c) & lex.credit for c in ancestor.children)
        below = ancestor
    return False


def _complements(verb: Token) -> Iterator[Token]:
    """A verb's dependents, and those of the complements it only leads into, with no subject of
    their own: "we're going to continue to work 24/7 to get that hostage deal done" works for it
    as "we will continue to work" does."""
    leading = [verb]  # a loop, not recursion: hostile text can chain thousands of complements
    while leading:
        for child in leading.pop().children:
            yield child
            if child.dep_ == "xcomp" and not any(c.dep_ in _SUBJECTS for c in child.children):
                leading.append(child)


def _on_it(verb: Token, lex: Lexicon) -> bool:
    """Whether a mediation verb works on "this" or "it": in a sentence naming no agreement, the one
    just named ("... to push this forward", "we are working on that"), or works to bring it about
    ("we have been working around the clock to get that done"); not a relative "that" ("the agenda
    that I've been pushing forward" works on the agenda)."""
    return bool(_word(verb) & lex.mediator) and not _credit(verb, lex) and any(
        _anaphor(c, ("dobj",)) or (c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in lex.speaker_brokers
                                   and any(_anaphor(o, ("dobj",)) or _done(o) for o in c.children))
        or (c.dep_ == "prep" and c.lower_ == "on" and any(_anaphor(o, ("pobj",)) for o in c.children))  # "working on that"
        for c in verb.children)


def _anaphor(token: Token, deps: tuple[str, ...]) -> bool:
    return token.dep_ in deps and token.lower_ in _ANAPHORS and token.tag_ != "WDT"


def _done(complement: Token) -> bool:
    """"(get) it done": spaCy makes "it" the subject of the complement "done"."""
    return complement.dep_ in ("ccomp", "xcomp", "oprd") and any(_anaphor(c, _SUBJECTS) for c in complement.children)


def _said_to_mediate(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is the subject of "be" with a mediator's predicate: "the Qataris are
    engaged", "Egypt is a co-mediator" (spaCy makes "engaged" an adjective there, no verb to climb to)."""
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be":
        return False
    # the predicate, or the word a misparse hangs "are" from as its auxiliary
    said = [c for c in verb.children if c.dep_ in ("acomp", "attr")] + ([verb.head] if verb.dep_.startswith("aux") else [])
    return any(_word(c) & lex.mediator and not _credit(c, lex) for c in said)


def _as_mediators(verb: Token, lex: Lexicon) -> bool:
    """Whether the verb says in what role its actors act, and that role is a mediator's: "as
    co-mediators" (spaCy makes each piece of "co-mediators" an object of "as")."""
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(
        o.dep_ == "pobj" and _word(o) & lex.mediator and not _credit(o, lex) for o in c.children)
        for c in verb.children)


def _joint_effort(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is one of those whose joint mediation the sentence names: the subject
    or the "with" of a verb whose clause speaks of "their efforts" ("President Biden spoke today
    with President El-Sisi of Egypt to address their efforts to de-escalate ..., including
    through an immediate ceasefire")."""
    root = _first_conjunct(root)  # "Biden and El-Sisi discussed their efforts"
    if root.dep_ == "pobj" and root.head.lower_ == "with":
        root = root.head
    if not (root.dep_ in _SUBJECTS or root.dep_ == "prep") or root.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(t.lower_ == "their" and t.dep_ == "poss" and _word(t.head) & lex.mediator
               and not _credit(t.head, lex) for t in root.head.subtree)


def _hyphened(root: Token) -> set[str]:
    """The word joined to a name by a hyphen, which spaCy splits off: "UN-mediated"."""
    doc = root.doc
    if root.i + 2 < len(doc) and doc[root.i + 1].text == "-" and not doc[root.i + 1].whitespace_:
        return _word(doc[root.i + 2])
    return set()


def _credit(verb: Token, lex: Lexicon) -> bool:
    return bool(_word(verb) & lex.credit)


def _word(token: Token) -> set[str]:
    return {token.lemma_.lower(), token.lower_}


def _effective(sent: Span, status: str, cue: _Cue, published: date | None, lex: Lexicon) -> date | None:
    """The date the agreement takes effect, when a date hangs from an effect word."""
    if status not in ("agreed", "in_force", "extended"):
        return None
    for ent in sentence_ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        anchors = {a.lemma_.lower() for a in list(ent.root.ancestors)[:3]}
        if anchors & lex.effect or (cue.status == "in_force" and cue.head in ent.root.ancestors):
            day = resolve_date(ent.text, reference_day(sent.doc, published), future=_future(ent, lex))
            if day is not None:
                return day
    return None


def _future(ent: Span, lex: Lexicon) -> bool:
    """Whether a date is read forwards: its verb is in the future ("will begin on July 5")."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return True  # "effective at 4:00 a.m. tomorrow": an announcement looks ahead
    words = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(w.lower_ in clauses.words().auxiliaries["future"] | lex.hedges["scheduled"] for w in words)


def _duration(sent: Span, members: list[_Trigger], cue: _Cue, lex: Lexicon) -> float | None:
    """Days the agreement lasts: "21-day ceasefire", "extension over the next 48 hours"."""
    close = {m.root.i for m in members}
    if cue.status == "extended":  # "an extension over the next 48 hours"
        close |= {t.i for t in cue.tokens}
    for member in members:  # "under a deal reached today, fighting will halt for four days"
        if member.root.dep_ == "compound":
            close.add(member.root.head.i)  # "the 60-day ceasefire period"
        verb = next((a for a in member.root.ancestors if a.pos_ in ("AUX", "VERB")), None)
        if verb is not None:
            close.add(verb.i)
        # "a deal ..., which would bring a period of calm for at least six weeks"
        close.update(c.i for c in member.root.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("AUX", "VERB"))
    for token in sent:
        days = numerals.duration_days(token)
        if days is None or not _a_length(token, lex):
            continue
        if token.i in close:
            return days
        for ancestor in list(_unmeasured(token.ancestors, lex))[:3]:
            if ancestor.pos_ == "ADP" and ancestor.lower_ in lex.not_duration:
                break
            if ancestor.i in close:
                return days
    return None


def _unmeasured(ancestors: Iterable[Token], lex: Lexicon) -> Iterator[Token]:
    """The words above a length, those that only measure it left out: "a ceasefire over a period
    of at least six weeks" is a six-week ceasefire."""
    return (a for a in ancestors if not (a.lemma_.lower() in lex.measures
                                         or (a.lower_ == "of" and a.head.lemma_.lower() in lex.measures)))


def _a_length(unit: Token, lex: Lexicon) -> bool:
    """Whether "N days" is a length of time, not a distance ("two months prior") nor the length
    of something else ("three days of talks")."""
    first = unit.i
    while first > unit.sent.start and (unit.doc[first - 1].text in ("-", "–") or unit.doc[first - 1].like_num):
        first -= 1
    if first > unit.sent.start and unit.doc[first - 1].lower_ in lex.age:
        return False  # "the now 15-month long truce" says how long it has held
    after = unit.doc[unit.i + 1] if unit.i + 1 < unit.sent.end else None
    if after is None:
        return True
    if after.lower_ in lex.not_duration_after:
        return False
    if after.lower_ == "of":
        return any(t.lemma_.lower() in lex.lasting for t in after.children)
    return True


def _phases(sent: Span, lex: Lexicon) -> list[tuple[int, int]]:
    """(phase number, character offset) of each phase the sentence names."""
    found = []
    for match in lex.phase.finditer(sent.text):
        number = lex.number(match.group(1) or match.group(2))
        if number:
            found.append((number, sent.start_char + match.start()))
    return found


def _phase(phases: Iterable[tuple[int, int]], cue: _Cue) -> int | None:
    """The phase named nearest the status cue."""
    nearest = min(phases, key=lambda p: abs(p[1] - cue.head.idx), default=None)
    return nearest[0] if nearest else None
