"""The agreement nouns of a sentence (the lexicon's kinds, and a peace counted: "a just and lasting
peace"), and whether each names a ceasefire, hostage or peace agreement here rather than a trade
deal or a view, with the document's earlier sentences for "the deal" (`Context`).

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import cast

from spacy.tokens import Doc, Span, Token

from truceline.agreement_lexicon import Lexicon
from truceline.agreements.syntax import found_any, is_definite, noun_phrase
from truceline.conflicts import conflict_of, sides
from truceline.records import AgreementKind
from truceline.spans import sentence_of, span_root


# Agreement nouns a name may keep in lowercase, after the place they were signed: "the Minsk agreements".
_PLURAL_NAMES = {"agreements", "accords"}


@dataclass(frozen=True)
class Trigger:
    span: Span
    kind: AgreementKind
    # a noun that names an agreement only when counted ("a just and lasting peace", `_countable`):
    # one only where its sentence names whose it is (`whose_peace`), in a war's place (`_a_wars_place`)
    counted: bool = False

    @cached_property
    def root(self) -> Token:
        return span_root(self.span)


@dataclass
class Context:
    """What earlier sentences of the document named, for "the deal" and "this plan"."""

    last_said: dict[str, bool] = field(default_factory=dict)  # noun -> whether its last use named one
    last_sentence: int | None = None  # the token start of the last sentence that named an agreement

    def recent(self, sent: Span, sentences: int = 5) -> bool:
        if self.last_sentence is None:
            return False
        between = sent.doc[self.last_sentence:sent.start].sents  # counted no further than needed
        return sum(1 for _ in islice(between, sentences + 1)) <= sentences


def find_triggers(doc: Doc, lex: Lexicon) -> list[Trigger]:
    found = [
        Trigger(doc[start:end], cast(AgreementKind, kind))
        for start, end, kind in lex.kinds.find(doc, lemma=False)
        # not "deal with", "plan to"; but "ceasefire" or "truce" is no verb, whatever the tagger
        # says of a chant ("Ceasefire now!")
        if span_root(doc[start:end]).pos_ in ("NOUN", "PROPN") or (end - start == 1 and doc[start].lower_ not in lex.generic)
    ]
    # "a just and lasting peace": a noun that names a settlement only as one (`_countable`)
    taken = {t.span.start for t in found}
    found += [Trigger(doc[t.i:t.i + 1], "peace", counted=True) for t in doc if _countable(t, lex) and t.i not in taken]
    found.sort(key=lambda t: t.span.start)
    # an initiative names one only by its proper name (and what it tells of it: sentence_agreements)
    return [t for t in found if t.span.text.lower() not in lex.named_only or proper_name(t)]


def _countable(token: Token, lex: Lexicon) -> bool:
    """Whether a noun that names an agreement only when counted is counted here, by the indefinite
    article: "Ukraine's pursuit of a just and lasting peace", "get a peace with Russia-Ukraine"
    name a settlement sought; "peace and security", "negotiating durable peace" do not."""
    return (token.lower_ in lex.countable and token.pos_ == "NOUN"
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children))


def names_an_agreement(
    trigger: Trigger, named: list[Trigger], sides: bool, lex: Lexicon, context: Context
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
    if found_any(lex.idioms.find(window, lemma=False)):
        return False
    phrase = noun_phrase(root)
    lemma = root.lemma_.lower()
    if found_any(lex.other_phrases.find(phrase, lemma=True)):
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
            and not found_any(lex.other_deals.find(sent, lemma=True))
        )
    if said:
        context.last_said[lemma] = True
        return True
    if proper_name(trigger):
        return False  # a name says which agreement it is ("the Windsor Framework"): never the one before
    if found_any(lex.other_deals.find(sent, lemma=True)):
        return False
    # Nothing in the sentence says which deal: "the deal" is the one last named so, and any
    # deal spoken of right after an agreement is most likely that one.
    if is_definite(root) and lemma in context.last_said:
        return context.last_said[lemma]
    return noun not in lex.strict and context.recent(sent)


def _a_wars_place(noun: Token) -> bool:
    """Whether a noun placed by "in" is placed where a war is: "a just and lasting peace in Ukraine",
    not "a durable and sustainable peace in the Middle East" (a settlement of a region, no war's).
    One not placed is the war's the text speaks of ("a just and sustained peace is what we all want")."""
    places = places_of(noun)
    # not "in line with the UN Charter"; but "in the Middle East region"
    return not places or any(conflict_of((), noun.doc[o.left_edge.i:o.right_edge.i + 1].text) for o in places)


def places_of(noun: Token) -> list[Token]:
    """The proper names a noun is placed "in" by its own phrase: "a just and lasting peace in Ukraine"."""
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "in" for o in p.children
            if o.dep_ == "pobj" and (o.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in o.children))]


def proper_name(trigger: Trigger) -> str | None:
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


def _a_wars_name(trigger: Trigger, sent: Span, lex: Lexicon) -> bool:
    """Whether the agreement's proper name is one of a war's: its sentence says it made or keeps
    the peace, or the name holds a word of a war's theatre ("the Good Friday Agreement" is
    Northern Ireland's however it is spoken of: commemorated, built on). Most named agreements
    are of trade, climate or space."""
    name = proper_name(trigger)
    return bool(name) and (any(t.text in lex.name_topic for t in sent) or conflict_of((), name) is not None)
