"""Events: who did what to whom, sentence by sentence, coded in PLOVER 2.0 from the dependency parse.

A sentence yields an event when a predicate of the lexicon (`data/plover.toml`: a verb, or a verb
with its particle, preposition or object — "call for", "held talks", "made a proposal") has a
source actor. Reading the parse:

- Source: the predicate's subject, or the "by" phrase of a passive; a predicate without either
  borrows its governor's (conjoined verbs, "agreed to ...", "..., killing"). The actors of a
  phrase are its head-most actor mentions with their conjuncts ("Israel and Lebanon"; "the
  leaders of Egypt and Qatar"). Pronouns are never actors, so "we call for" codes nothing; roles
  the actor stage resolves ("the President") are actors.
- Recipient: the head-most actor of the object, of the passive subject, or of a prepositional
  object on the predicate ("spoke with X", "called on X", "support for X"); for a promise
  without one, the object of what it promises ("commitment to support Ukraine"). Two sources
  that act together (AGREE, CONSULT, COOPERATE) with no recipient phrase are each other's
  recipient. Predicates that need a counterpart (a call, thanks, a visit abroad) code only with
  one named in the phrase itself ("met with families of Americans" is no meeting with the United
  States). Lists of actors are expanded into one event per source and recipient.
- Type and PLOVER mode: from the lexicon entry; entries without a mode of their own take it from
  the words of their complement ("called for a ceasefire" is REQUEST/yield). A predicate in the
  complement of another ("urged Hamas to accept the deal") is part of that event, not one of its own.
- Mode (factuality), from the predicate and the words governing it — the first that applies:
  negated: a negation on it or on a governing verb ("has not accepted", "did not say that ...",
  "failed to reach", "offers nothing"); "refused" is itself a REJECT, asserted.
  hypothetical: would/could/can/should/must, obligation ("needs to"), a condition ("if",
  "unless"; "once"/"until" with the present tense) on its clause or on the clause it heads.
  hedged: may/might, a hedging adverb ("reportedly"), or a governing verb of perception or belief
  ("appeared to reject", "is expected to", "is believed to").
  proposed: the predicate is a proposal ("proposed", "put forward") or is governed by a word of
  intent or proposal ("plans to", "is working toward", "efforts to", "a proposal to") or by any
  other infinitive-taking word that does not carry it out ("was supposed to meet"; but "began
  to withdraw", "continues to fire" did), or is the purpose of another act ("paused operations
  to allow aid in"; but "took steps to allow") — except acts done by saying them ("spoke with X
  to express support" expressed it; "I want to thank", "glad to welcome" thank and welcome).
  asserted: otherwise. Verbs of saying pass on only their negation ("I can tell you that X
  agreed" is asserted, "X did not say that it agreed" is not).
  The future tense turns cooperation into its promise, as PLOVER codes it: CONSULT, SUPPORT,
  COOPERATE and AID that "will" happen are AGREE, a RETREAT that will happen is CONCEDE; any
  other future event is hypothetical. "Will continue to" is ongoing, not future.
- Not coded: verbs of saying ("said", "told reporters"), for which PLOVER has no event, and
  questions (a clause ending in "?", asked with a question word, or opening with an auxiliary
  as reporters' cut-off questions in press briefings do), which assert nothing; a reporter's
  statement before the question is coded like any sentence.
- Date: a date attached to the predicate's clause ("spoke today", "on October 12, ... met"),
  resolved against the publication date by `truceline.dates`; else, where the sentence's main
  clause states none, the date the paragraph's last dated main clause in the same tense stated
  (a readout's "met ... on February 18. They discussed ..."); else the publication date
  (`clauses.event_date`). A date elsewhere in the sentence ("since the October 7 attack") is not
  the event's, which is why the sentence's first date (`dates.sentence_date`) is not used.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal, cast

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from truceline import clauses
from truceline.arguments import by_phrases, passive
from truceline.event_parties import a_place, may_be_sides
from truceline.language import lemmatizer
from truceline.records import Actor, Event, EventMode, Mention
from truceline.spans import per_sentence, sentence_of

# Dependents of a predicate that are not part of what it is about.
_NOT_COMPLEMENT = {
    "nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "conj", "cc", "punct", "aux", "auxpass",
    "neg", "mark", "advcl", "parataxis", "intj", "expl", "appos", "dep", "meta", "preconj", "advmod",
}
# Links along which a governing word's factuality reaches the predicate it governs.
_GOVERNED = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acomp", "dobj", "attr", "oprd", "dative"}
# Dependents that leave a noun's phrase when looking for its actors.
_OUTSIDE_PHRASE = {"relcl", "acl", "advcl", "ccomp", "xcomp", "cc", "punct", "parataxis"}
# Dependents through which a subject's actors are found: "Israeli strikes", "the leaders of Egypt".
_DOER_PHRASE = {"poss", "compound", "amod", "nmod", "appos", "prep", "pobj", "conj"}
_DOER_PREPOSITIONS = {"of", "from"}
_VENUES = frozenset({"at", "in"})
_CALL_SIDES = frozenset({"leader", "they", "both"})
# Prepositions after an event noun that name its doer: "the support of President Biden".
_OWNER_PREPOSITIONS = {"of", "by"}
_OBJECTS = {"dobj", "dative", "iobj"}
Role = Literal["doer", "partner", "recipient"]
# How far from a phrase's head its actor may be, by role.
_DEPTH: dict[Role, int] = {"doer": 2, "partner": 1, "recipient": 4}
_MODES: tuple[EventMode, ...] = ("negated", "hypothetical", "hedged", "proposed")
_GOVERNOR_FLAGS = (
    ("negating_governors", "negated"), ("deontic_governors", "hypothetical"),
    ("hedge_governors", "hedged"), ("proposal_governors", "proposed"),
)


@dataclass(frozen=True)
class Predicate:
    """One lexicon entry for one phrase (its verb is the key it is found by): the lemmas of the
    verb's dependents, and what the entry codes."""

    dependents: tuple[str, ...]
    type: str
    plover_mode: str | None = None
    objects: frozenset[str] = frozenset()
    factuality: EventMode | None = None
    partner: bool = False
    topic: bool = False
    abroad: bool = False
    needs: str | None = None  # "object" or "infinitive"

    def fits(self, verb: Token, dependents: set[str], complement: frozenset[str]) -> bool:
        if not all(d in dependents for d in self.dependents):
            return False
        if self.objects and not self.objects & complement:
            return False
        if self.needs == "object":
            return any(c.dep_ in _OBJECTS for c in verb.children)
        if self.needs == "infinitive":
            return any(c.dep_ in ("xcomp", "ccomp", "advcl") and _infinitival(c) for c in verb.children)
        return True


@dataclass(frozen=True)
class Lexicon:
    """The curated words of `data/plover.toml` (its comments say what each list is for)."""

    predicates: dict[str, tuple[Predicate, ...]]  # by verb lemma, in the order they are tried
    content_modes: dict[str, tuple[tuple[str, frozenset[str]], ...]]  # type -> (mode, words)
    cues: dict[str, frozenset[str]]
    future: dict[str, str]
    recipient_prepositions: frozenset[str]
    reciprocal: frozenset[str]
    requires_recipient: frozenset[str]
    seekers: frozenset[str] = frozenset()
    beholders: frozenset[str] = frozenset()
    objects: dict[str, frozenset[str]] = field(default_factory=dict)  # type -> the object words its entries need

    @classmethod
    def load(cls, data: dict) -> Lexicon:
        by_verb: dict[str, list[Predicate]] = {}
        for entry in data["predicate"]:
            for phrase in entry["words"]:
                verb, *dependents = phrase.split()
                by_verb.setdefault(verb, []).append(Predicate(
                    dependents=tuple(dependents),
                    type=entry["type"],
                    plover_mode=entry.get("plover_mode"),
                    objects=frozenset(entry.get("objects", ())),
                    factuality=entry.get("factuality"),
                    partner=entry.get("partner", False),
                    topic=entry.get("topic", False),
                    abroad=entry.get("abroad", False),
                    needs=entry.get("needs"),
                ))
        roles = data["roles"]
        return cls(
            # The longest phrase first, then entries that need an object word; sorted() is
            # stable, so the file order decides the rest.
            predicates={
                verb: tuple(sorted(entries, key=lambda p: (-len(p.dependents), not p.objects)))
                for verb, entries in by_verb.items()
            },
            content_modes={
                type_: tuple((mode, frozenset(words)) for mode, words in table["modes"].items())
                for table in data["content_modes"] for type_ in table["types"]
            },
            cues={name: frozenset(words) for name, words in data["factuality"].items()},
            future=dict(data["future"]),
            recipient_prepositions=frozenset(roles["recipient_prepositions"]),
            reciprocal=frozenset(roles["reciprocal"]),
            requires_recipient=frozenset(roles["requires_recipient"]),
            seekers=frozenset(roles.get("seekers", ())),
            beholders=frozenset(roles.get("beholders", ())),
            objects={type_: frozenset(w for entries in by_verb.values() for e in entries if e.type == type_
                                      for w in e.objects)
                     for type_ in {e.type for entries in by_verb.values() for e in entries}},
        )

    def predicate(self, verb: Token) -> tuple[Predicate, frozenset[str]] | None:
        """The entry that codes this verb, with the words of its complement; None if none does."""
        entries = self.predicates.get(verb.lemma_.lower())
        if not entries:
            return None
        # A phrase's words hang from the verb, from its preposition ("engage in talks") or
        # from the clause it introduces ("calling for Russia to withdraw").
        dependents = {
            t.lemma_.lower() for c in verb.children
            for t in (c, *(g for g in c.children if g.dep_ in ("pobj", "mark")))
        }
        if _modifies_its_object(verb):
            dependents.add(verb.head.lemma_.lower())  # "violence committed by Hamas"
        complement = _complement_words(verb)
        return next(((e, complement) for e in entries if e.fits(verb, dependents, complement)), None)

    def types_of(self, lemma: str) -> set[str]:
        """The types the entries of a verb's lemma code, whatever words they need."""
        return {e.type for e in self.predicates.get(lemma, ())}

    def names(self, lemma: str, type_: str) -> bool:
        """Whether a noun's lemma names an act of this type: a verb of its entries ("release",
        "attack") or an object they need ("aid", "assistance")."""
        return type_ in self.types_of(lemma) or lemma in self.objects.get(type_, ())

    def plover_mode(self, entry: Predicate, complement: frozenset[str]) -> str | None:
        if entry.plover_mode:
            return entry.plover_mode
        return next((mode for mode, words in self.content_modes.get(entry.type, ()) if words & complement), None)


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, read once."""
    with (resources.files("truceline") / "data" / "plover.toml").open("rb") as f:
        return Lexicon.load(tomllib.load(f))


def may_state_an_event(nlp: Language) -> Callable[[frozenset[str]], bool]:
    """Whether a sentence, by its lowercase words, may state an event `code_events` codes: it
    may hold a lexicon verb with the words its entry needs ("hold" and "talks"), or a verb of
    demand with "must" or "should". Read from the words' possible lemmas, before any tagger."""
    lex = lexicon()
    lemmas_of = lemmatizer(nlp)
    obligation = clauses.words().auxiliaries["obligation"]

    def cue(words: frozenset[str]) -> bool:
        lemmas = lemmas_of(words)
        if not obligation.isdisjoint(words) and not lex.cues["demand_verbs"].isdisjoint(lemmas):
            return True
        return any(all(d in lemmas for d in entry.dependents) and (not entry.objects or not entry.objects.isdisjoint(lemmas))
                   for verb in lemmas & lex.predicates.keys() for entry in lex.predicates[verb])
    return cue


def code_events(doc: Doc, mentions: Sequence[Mention], published: date | None) -> list[Event]:
    """Every event the document's sentences state, in text order."""
    lex = lexicon()
    actors = _Actors(doc, mentions)
    events: list[Event] = []
    for sent in doc.sents:
        demanded = {t.i: d for t in sent if t.pos_ in ("VERB", "AUX") and (d := _demand(t, actors, lex, published))}
        events += [e for d in demanded.values() for e in d]
        found = {
            t.i: coded for t in sent
            if t.pos_ == "VERB" and t.i not in demanded and (coded := lex.predicate(t)) is not None
            and not clauses.in_question(t)
        }
        for i, (entry, complement) in found.items():
            events += _events(doc[i], entry, complement, set(found), actors, lex, published, events)
    return list(dict.fromkeys(events))  # a reading stated twice in a sentence is one event


def _sides_of_the_call(events: list[Event]) -> list[Actor]:
    """The two sides of the latest consultation so far, whom a readout goes on to call "the
    leaders", "both leaders" or "they"."""
    call = next((e for e in reversed(events) if e.type == "CONSULT" and e.target is not None), None)
    return [call.source, call.target] if call else []


def _events(
    verb: Token, entry: Predicate, complement: frozenset[str], predicates: set[int],
    actors: _Actors, lex: Lexicon, published: date | None, earlier: list[Event],
) -> Iterator[Event]:
    factuality = _Factuality(verb, entry, predicates, lex)
    if factuality.embedded:
        return
    doers = _doers(verb)
    sources = [s for s in actors.of(doers, "doer") if not a_place(s)]
    if not sources and entry.type in lex.reciprocal and any(
            d.lemma_.lower() in _CALL_SIDES and d.left_edge.i - sentence_of(d).start <= 3 for d in doers):
        # "The two leaders discussed", "They agreed to remain in close touch": a sentence that
        # opens with them, not a clause deep in one that names its own sides.
        sources = _sides_of_the_call(earlier)
    if not sources:
        return
    direct, on_noun = _recipients(verb, entry, lex)
    targets = actors.of(direct + on_noun, "partner" if entry.partner else "recipient")
    if not direct and not targets:
        targets = actors.of(_acted_on(verb, entry, lex), "partner")
    type_, mode = factuality.type_and_mode(entry.type, lex)
    # A promise read from the future tense (AGREE, CONCEDE) has no mode of its own.
    plover_mode = lex.plover_mode(entry, complement) if type_ == entry.type else None
    day = factuality.date(published)
    start, end, text = sentence_span(sentence_of(verb))
    # One event per source and recipient, as dyadic event data has it: PLOVER's lists of
    # actors ("Israel and Lebanon accepted") expanded.
    for source in sources:
        recipients: list[Actor | None] = [
            t for t in targets if _differ(t, source) and may_be_sides(source, t, type_, lex.reciprocal)
            and (not entry.abroad or _abroad(t, source))
        ]
        if not recipients and not direct and type_ in lex.reciprocal:
            recipients = [s for s in sources if _counterparts(s, source)]
        if not recipients and (entry.partner or type_ in lex.requires_recipient):
            continue
        for target in recipients or [None]:
            yield Event(type=type_, mode=mode, source=source, target=target, date=day,
                        text=text, start=start, end=end, plover_mode=plover_mode)


def _demand(verb: Token, actors: _Actors, lex: Lexicon, published: date | None) -> list[Event]:
    """"The President reiterated that Hamas must release all hostages": a REQUEST from the
    speaker to the clause's subject, made when the document says it, instead of a hypothetical
    release."""
    if verb.dep_ != "ccomp" or "obligation" not in clauses.facts(verb).auxiliaries:
        return []
    speech = verb.head
    if speech.lemma_.lower() not in lex.cues["demand_verbs"]:
        return []
    speakers = actors.of([c for c in speech.children if c.dep_ == "nsubj"], "doer")
    addressees = actors.of([c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")], "doer")
    start, end, text = sentence_span(sentence_of(verb))
    return [Event(type="REQUEST", mode="asserted", source=s, target=t, date=published, text=text,
                  start=start, end=end) for s in speakers for t in addressees if _differ(t, s)]


class _Factuality:
    """What the predicate and the words governing it say about whether, and when, it happened."""

    def __init__(self, verb: Token, entry: Predicate, predicates: set[int], lex: Lexicon):
        cues = lex.cues
        self.flags: set[str] = {entry.factuality} if entry.factuality else set()
        self.future = False
        self.ongoing = False
        self.embedded = False
        self.dated = [verb]  # the clause heads whose dates are the event's
        self._clause(verb)
        if any(c.lemma_.lower() in entry.dependents and _says_no(c) for c in verb.children):
            self.flags.add("negated")  # "reached no agreement"
        if any(c.dep_ in _OBJECTS and c.lower_ == "nothing" for c in verb.children):
            self.flags.add("negated")  # "offers nothing"
        speech_act = verb.lemma_.lower() in cues["speech_acts"]
        child = verb
        while child.dep_ != "ROOT":
            gov, link = child.head, child.dep_
            lemma = gov.lemma_.lower()
            if not clauses.in_scope(child):
                pass  # a sibling hung from it ("we reject X, however we do not believe"): on to what governs both
            elif link == "conj" or _participial(child):
                # A conjoined verb shares the first one's auxiliaries unless it has its own, and a
                # participle its clause's (", killing dozens").
                if not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in child.children):
                    self._clause(gov)
            elif _adverbial(child):
                self._adverbial_clause(child, cues, speech_act)
                if gov.pos_ in ("VERB", "AUX") and not clauses.marks(child):
                    self.dated.append(gov)  # ", killing 1,200" happened when its clause did
                break
            # A complement: an object, a clause ("said that", "agreed to", "calling for Russia to
            # withdraw"), an infinitive on a noun ("efforts to reach").
            elif link in _GOVERNED or link == "advcl" or (link in ("acl", "relcl") and _infinitival(child)):
                if gov.i in predicates:
                    self.embedded = True  # part of the governing event
                    return
                if lemma in cues["barriers"]:
                    if _negated(gov):
                        self.flags.add("negated")
                    break
                if not (speech_act and lemma in cues["performative"]):
                    if not self._governor(lemma, cues) and _infinitival(child) and not (
                        lemma in cues["implicative"] or lemma in cues["factive_purposes"]
                    ):
                        self.flags.add("proposed")  # "is for Hamas to stop", "was supposed to meet"
                    self._clause(gov)
            else:
                break
            if gov.pos_ in ("VERB", "AUX"):
                self.dated.append(gov)
            child = gov

    def _clause(self, head: Token) -> None:
        """Negation, auxiliaries, hedging adverbs and conditions on a clause's head."""
        facts = clauses.facts(head)
        if facts.negated:
            self.flags.add("negated")  # "has not", "no plan to"
        if facts.conditional or facts.auxiliaries & {"modal", "obligation"}:
            self.flags.add("hypothetical")
        if facts.hedged or "hedge" in facts.auxiliaries:
            self.flags.add("hedged")
        if "future" in facts.auxiliaries:
            self.future = True

    def _governor(self, lemma: str, cues: dict[str, frozenset[str]]) -> bool:
        """Reads a governing word; whether it was one of the factuality cues."""
        for cue, flag in _GOVERNOR_FLAGS:
            if lemma in cues[cue]:
                self.flags.add(flag)
                return True
        if lemma in clauses.words().future_governors:  # "is going to accept"
            self.future = True
        elif lemma in clauses.words().ongoing_governors:  # "will continue to provide aid"
            self.ongoing = True
        else:
            return False
        return True

    def _adverbial_clause(self, clause: Token, cues: dict[str, frozenset[str]], speech_act: bool) -> None:
        if clauses.conditional_clause(clause):
            self.flags.add("hypothetical")  # "if Hamas agrees", "until all hostages are released"
        elif _infinitival(clause) and not speech_act and not any(
            c.dep_ in _OBJECTS and c.lemma_.lower() in cues["factive_purposes"] for c in clause.head.children
        ):
            self.flags.add("proposed")  # a purpose: "paused operations to allow aid in"

    def type_and_mode(self, type_: str, lex: Lexicon) -> tuple[str, EventMode]:
        flags = set(self.flags)
        if self.future and not self.ongoing:
            if type_ in lex.future:
                type_ = lex.future[type_]
            else:
                flags.add("hypothetical")
        return type_, next((m for m in _MODES if m in flags), cast(EventMode, "asserted"))

    def date(self, published: date | None) -> date | None:
        """The date attached to the event's clause, else carried from its paragraph, else the
        publication date (`clauses.event_date`)."""
        return clauses.event_date(self.dated, published)


class _Actors:
    """The actor mentions of a document, by token."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]):
        self.at: dict[int, list[Actor]] = {}  # a joint statement's "we" is several
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            for token in span or ():
                self.at.setdefault(token.i, []).append(mention.actor)

    def of(self, heads: Sequence[Token], role: Role) -> list[Actor]:
        """The actors of the phrases these tokens head, each once, in order.

        A doer is named by its phrase's head, a modifier of it ("Israeli strikes") or an "of"
        phrase ("the leaders of Egypt"), never by a speaker's label ("Rep. Jeff Crank: “Iran
        has ..."). A partner (of a call, of thanks) is the phrase's head or its owner ("spoke
        with his counterpart, Tzachi Hanegbi"; "supports Israel's right"), not an actor deep
        inside it ("met with families of Americans", "support Defeat-ISIS operations")."""
        found: dict[tuple[str, str], Actor] = {}
        for head in heads:
            for phrase in _listed(head):
                for token in self._heading(phrase, role):
                    if not (role == "doer" and _labels_a_quote(token)):
                        for actor in self.at[token.i]:
                            found.setdefault((actor.canonical, actor.kind), actor)
        return list(found.values())

    def _heading(self, head: Token, role: Role) -> list[Token]:
        """The head-most actor tokens in a phrase: "Egypt" in "the President of Egypt" when "the
        President" is no actor; with their conjuncts ("the leaders of Egypt and Qatar")."""
        level = [head]
        for distance in range(_DEPTH[role] + 1):
            found = [t for t in level if t.i in self.at]
            if found:
                # An apposition names the head itself ("his counterpart, Tzachi Hanegbi"), a
                # modifier only qualifies it ("his Israeli counterpart").
                first = min(found, key=lambda t: (t.dep_ != "appos", t.i))
                return self._represented(first) or [t for t in (first, *first.conjuncts) if t.i in self.at]
            level = [
                c for t in level for c in t.children
                if c.dep_ not in _OUTSIDE_PHRASE and _within(c, role, distance)
            ]
        return []


    def _represented(self, head: Token) -> list[Token]:
        """The states an unresolved group stands for: "Ambassadors and Chiefs of Mission from
        Argentina, Austria, ..." are those states in a meeting."""
        if any(a.country is not None for a in self.at[head.i]):
            return []
        states = [t for prep in head.children if prep.dep_ == "prep" and prep.lower_ in _DOER_PREPOSITIONS
                  for obj in prep.children if obj.dep_ == "pobj" for t in _listed(obj)
                  if t.i in self.at and any(a.country is not None for a in self.at[t.i])]
        return states


def _listed(head: Token) -> list[Token]:
    """A phrase head and the heads listed with it: "Israel and Lebanon"; "A, B, and C", which
    the parser often reads as A with the apposition "B and C"."""
    listed = [head, *head.conjuncts]
    for appos in (c for c in head.children if c.dep_ == "appos" and c.conjuncts):
        listed += [appos, *appos.conjuncts]
    return listed


def _within(child: Token, role: Role, distance: int) -> bool:
    """Whether a dependent at this distance from a phrase's head can name its actor in this role.
    A doer: a modifier of the head itself, or an "of"/"from" phrase — not "the American
    hostages' families". A partner: the head's owner or apposition."""
    if role == "partner":
        return child.dep_ in ("poss", "appos")
    if role == "recipient":
        return True
    if child.dep_ == "prep":
        return child.lower_ in _DOER_PREPOSITIONS
    return child.dep_ in _DOER_PHRASE and (distance == 0 or child.dep_ in ("pobj", "conj", "appos"))


def _labels_a_quote(token: Token) -> bool:
    """Whether the token ends a speaker's label, as in "**Rep. Jeff Crank**: “Iran has ..."."""
    after = next((t for t in token.doc[token.i + 1:token.i + 4] if t.text.strip("*")), None)
    return after is not None and after.text == ":"


def seekers(sent: Span, type_: str, beholders: bool = True) -> list[Token]:
    """The heads of the phrases that name who asks for an act of this type that a verb's object
    names (`Lexicon.seekers`), or gets or judges it (`Lexicon.beholders`, with `beholders`), and so
    is not its doer: "Ukraine is seeking more aid from Germany", "the Administration will pursue
    every effort to secure the release of all hostages held by Hamas", "pushed for the release",
    "welcomed the release of X by Rwanda". A verb that itself codes the type ("provided aid")
    seeks nothing."""
    lex = lexicon()
    verbs = lex.seekers | lex.beholders if beholders else lex.seekers
    return [d for verb in sent if verb.pos_ == "VERB" and verb.lemma_.lower() in verbs
            and type_ not in lex.types_of(verb.lemma_.lower()) and not passive(verb)
            and any(lex.names(n.lemma_.lower(), type_) for n in _sought(verb)) for d in _doers(verb)]


def _sought(verb: Token) -> list[Token]:
    """The nouns a verb's object names, and those of its "for" phrase: "seek aid", "call for a
    ceasefire and the release of the hostages"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children if p.dep_ == "pobj"]
    return [n for o in objects for n in (o, *o.conjuncts)]


def _doers(verb: Token) -> list[Token]:
    """The heads of the phrases that name who does what the verb says."""
    if passive(verb):
        return [p for c in verb.children if c.dep_ == "agent" or c in by_phrases(verb)
                for p in c.children if p.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        return [_antecedent(verb, s) for s in subjects]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _doers(verb.head)
    if verb.dep_ == "acl" and _infinitival(verb) and verb.head.dep_ == "dobj":
        return _doers(verb.head.head)  # "conducted an operation to rescue", "took steps to allow"
    if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        governor = verb.head
        while governor.dep_ in ("acomp", "conj") and not _subjects(governor):
            governor = governor.head  # "is ready to", "agreed and committed to"
        return [_antecedent(governor, s) for s in _subjects(governor)]
    return []


def _recipients(verb: Token, entry: Predicate, lex: Lexicon) -> tuple[list[Token], list[Token]]:
    """The heads of the phrases that name to whom it is done, the likeliest first: those on the
    verb, and those on the noun of a light verb.

    The object of a light verb ("expressed support for X", "held talks with X") and of a
    topic ("discussed the deal with X") is no recipient: its prepositions name one."""
    nouns = [c for c in verb.children if c.dep_ in _OBJECTS and c.lemma_.lower() in entry.dependents]
    # A phrase's own preposition is the one that names the recipient ("spoke with X on Y").
    prepositions = (lex.recipient_prepositions & set(entry.dependents)) or lex.recipient_prepositions
    # Where sides meet is no side: "held a meeting at the White House", "talks in Cairo".
    venues = _VENUES if entry.type in lex.reciprocal else frozenset()
    prepositions -= venues
    if entry.topic:
        prepositions = frozenset({"with"})
        heads = []
    else:
        heads = [c for c in verb.children if c.dep_ in _OBJECTS and c not in nouns]
        if passive(verb):
            heads += [_antecedent(verb, c) for c in verb.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "acl":
                heads.append(verb.head)  # "hostages released by Hamas"
    heads += [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ in prepositions
        for p in c.children if p.dep_ == "pobj"
    ]
    on_noun = [
        p for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ not in _OWNER_PREPOSITIONS | venues
        for p in c.children if p.dep_ == "pobj"
    ]
    return heads, on_noun


def _acted_on(verb: Token, entry: Predicate, lex: Lexicon) -> list[Token]:
    """The objects of the infinitive a promise or request governs: a commitment is made to whom
    it will act on ("reiterated their commitment to support Ukraine")."""
    heads = [verb, *(c for c in verb.children if c.dep_ in _OBJECTS and c.lemma_.lower() in entry.dependents)]
    infinitives = [c for h in heads for c in h.children if c.dep_ in ("xcomp", "acl") and _infinitival(c)]
    return [c for v in infinitives for c in v.children if c.dep_ in _OBJECTS] + [
        p for v in infinitives for c in v.children if c.dep_ == "prep" and c.lower_ in lex.recipient_prepositions
        for p in c.children if p.dep_ == "pobj"
    ]


def _complement_words(verb: Token) -> frozenset[str]:
    """Lemmas and word forms of what the verb is about: its objects, complements and prepositions."""
    tokens = [
        t for c in verb.children
        if c.dep_ not in _NOT_COMPLEMENT or (c.dep_ == "advcl" and not _adverbial(c))
        for t in _without_relative_clauses(c)
    ]
    if passive(verb):
        tokens += [t for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree]
    if _modifies_its_object(verb):
        tokens.append(verb.head)  # "the hostages (who were) released"
    return frozenset(w for t in tokens for w in (t.lemma_.lower(), t.lower_))


def _without_relative_clauses(head: Token) -> Iterator[Token]:
    """A phrase's tokens, without what its relative clauses say ("blocked a bill that would
    guarantee access to ..." blocks a bill, not access). A stack, not recursion: a sentence
    without punctuation can be a tree thousands of tokens deep, past Python's recursion limit."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(reversed([c for c in token.children if c.dep_ != "relcl"]))


def _subjects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]


def _antecedent(verb: Token, subject: Token) -> Token:
    """The noun a relative pronoun stands for: "Hamas" in "Hamas, which rejected ..."; the
    nearest noun before it when the parse hangs the clause from a verb."""
    if verb.dep_ != "relcl" or subject.tag_ not in ("WDT", "WP"):
        return subject
    if verb.head.pos_ not in ("VERB", "AUX"):
        return verb.head
    before = subject.doc[sentence_of(subject).start:subject.i]
    return next((t for t in reversed(before) if t.pos_ in ("NOUN", "PROPN")), verb.head)


def _modifies_its_object(verb: Token) -> bool:
    """Whether the verb is a clause on the noun it acts on: "hostages released by Hamas",
    "the deal Israel accepted" (not "Hamas, which rejected the deal")."""
    if verb.dep_ == "acl":
        return passive(verb)
    return verb.dep_ == "relcl" and (passive(verb) or not any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in verb.children))


def _adverbial(clause: Token) -> bool:
    """An adverbial clause, not a for-to complement ("calling for Russia to withdraw") nor a
    participle ("Israel struck Gaza, killing ...")."""
    return clause.dep_ == "advcl" and "for" not in clauses.marks(clause) and not _participial(clause)


def _participial(clause: Token) -> bool:
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and not clauses.marks(clause)


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _says_no(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _infinitival(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _differ(a: Actor, b: Actor) -> bool:
    return a.canonical != b.canonical


def _abroad(place: Actor, visitor: Actor) -> bool:
    return place.country is not None and place.country != visitor.country


def _counterparts(a: Actor, b: Actor) -> bool:
    """Whether two subjects acting together are sides to each other: "Biden and Netanyahu
    discussed", not "the Vice President and the Administration have laid out"."""
    return _differ(a, b) and (a.country is None or b.country is None or a.country != b.country)


def sentence_span(sent: Span) -> tuple[int, int, str]:
    """The sentence's character offsets without the whitespace around it, and its text (from
    the sentence: `Doc.text` joins the whole document's tokens at every access)."""
    return per_sentence(sent, "trimmed", _trim)


def _trim(sent: Span) -> tuple[int, int, str]:
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return start, sent.start_char + len(text.rstrip()), text.strip()