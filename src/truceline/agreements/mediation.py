"""Whether an actor brokers an agreement: governed by a mediation word ("brokered by the US",
"Egypt's efforts"), striving for it without being bound ("we are working to secure a ceasefire"),
or backing the broker ("with support from Egypt and Qatar").

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

from truceline.agreement_lexicon import Lexicon
from truceline.agreements.syntax import SUBJECTS, climb, first_conjunct, has_to, words_of


# Pronouns by which a sentence naming no agreement speaks of the one just named.
_ANAPHORS = {"this", "it", "that"}


def mediates(root: Token, lex: Lexicon, nouns: Collection[int] = ()) -> bool:
    """Governed by a mediation word: "brokered by the US", "Egypt's efforts", "thank the Amir";
    or the subject of a verb whose complement works for the agreement itself (its noun among
    `nouns`): "we will not stop working to achieve a ceasefire deal"."""
    if words_of(root) & lex.mediator or _hyphened(root) & lex.mediator:  # "Qatari mediators", "UN-mediated"
        return True
    root = first_conjunct(root)  # a list holds its first name's place: "the leaders of Kenya and Ethiopia"
    if root.dep_ == "pobj" and root.head.lower_ == "in":
        return False  # where, not who: "support for the UN-mediated truce in Yemen"
    if _said_to_mediate(root, lex):
        return True
    below = root
    for ancestor in climb(root, 5):
        if words_of(ancestor) & lex.mediator:
            if ancestor.pos_ == "VERB" and not credit(ancestor, lex):
                # the one who brokers, or brokers with it ("we continue to work with Egypt and
                # Qatar to secure a ceasefire"), not the one it is for: "facilitate delivery to all Syrians"
                return below.dep_ in SUBJECTS or below.dep_ == "agent" or (below.dep_ == "prep" and below.lower_ == "with")
            return not (words_of(ancestor) & lex.credit and root.dep_ in SUBJECTS)
        if ancestor.pos_ == "VERB":
            if _as_mediators(ancestor, lex):
                return True  # "they expressed the strong support of Qatar and Egypt for the U.S. proposal as co-mediators"
            # the speaker's companions too, named in its object: "I've had calls with ... the leaders of
            # Egypt and Qatar to push this forward"
            companion = below.dep_ == "dobj" and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in ancestor.children)
            if (below.i == root.i and root.dep_ in SUBJECTS) or companion:
                # "we will not stop working to achieve a ceasefire deal", "we are leading international
                # efforts to deliver aid and an immediate ceasefire"
                # a purpose too: "Secretary Blinken is traveling to the region to push for a ceasefire deal"
                # but "we endorse the efforts by the US, Qatar and Egypt to reach such a deal" are theirs
                return any((c.dep_ in ("xcomp", "dobj") or (c.dep_ == "advcl" and has_to(c)))
                           and words_of(c) & lex.mediator and not credit(c, lex) and not _others(c)
                           and (any(t.i in nouns for t in c.subtree) or on_it(c, lex)) for c in _complements(ancestor))
            # "express his appreciation to Qatar"
            return below.dep_ == "prep" and below.lower_ == "to" and any(
                c.dep_ == "dobj" and words_of(c) & lex.credit for c in ancestor.children)
        below = ancestor
    return False


def _others(effort: Token) -> bool:
    """Whether a mediation noun names whose it is, other than the speaker's: "the efforts by the
    US", "Egypt's efforts"."""
    return any((c.dep_ == "poss" and c.lower_ not in ("our", "my")) or (c.dep_ in ("prep", "agent") and c.lower_ == "by")
               for c in effort.children)


def _complements(verb: Token) -> Iterator[Token]:
    """A verb's dependents, and those of the complements it only leads into, with no subject of
    their own: "we're going to continue to work 24/7 to get that hostage deal done" works for it
    as "we will continue to work" does."""
    leading = [verb]  # a loop, not recursion: hostile text can chain thousands of complements
    while leading:
        for child in leading.pop().children:
            yield child
            if child.dep_ == "xcomp" and not any(c.dep_ in SUBJECTS for c in child.children):
                leading.append(child)


def on_it(verb: Token, lex: Lexicon) -> bool:
    """Whether a mediation verb works on "this" or "it": in a sentence naming no agreement, the one
    just named ("... to push this forward", "we are working on that"), or works to bring it about
    ("we have been working around the clock to get that done"); not a relative "that" ("the agenda
    that I've been pushing forward" works on the agenda)."""
    return bool(words_of(verb) & lex.mediator) and not credit(verb, lex) and any(
        _anaphor(c, ("dobj",)) or (c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in lex.speaker_brokers
                                   and any(_anaphor(o, ("dobj",)) or _done(o) for o in c.children))
        or (c.dep_ == "prep" and c.lower_ == "on" and any(_anaphor(o, ("pobj",)) for o in c.children))  # "working on that"
        for c in verb.children)


def _anaphor(token: Token, deps: tuple[str, ...]) -> bool:
    return token.dep_ in deps and token.lower_ in _ANAPHORS and token.tag_ != "WDT"


def _done(complement: Token) -> bool:
    """"(get) it done": spaCy makes "it" the subject of the complement "done"."""
    return complement.dep_ in ("ccomp", "xcomp", "oprd") and any(_anaphor(c, SUBJECTS) for c in complement.children)


def _said_to_mediate(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is the subject of "be" with a mediator's predicate: "the Qataris are
    engaged", "Egypt is a co-mediator" (spaCy makes "engaged" an adjective there, no verb to climb to)."""
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be":
        return False
    # the predicate, or the word a misparse hangs "are" from as its auxiliary
    said = [c for c in verb.children if c.dep_ in ("acomp", "attr")] + ([verb.head] if verb.dep_.startswith("aux") else [])
    return any(words_of(c) & lex.mediator and not credit(c, lex) for c in said)


def _as_mediators(verb: Token, lex: Lexicon) -> bool:
    """Whether the verb says in what role its actors act, and that role is a mediator's: "as
    co-mediators" (spaCy makes each piece of "co-mediators" an object of "as")."""
    return any(c.dep_ == "prep" and c.lower_ == "as" and any(
        o.dep_ == "pobj" and words_of(o) & lex.mediator and not credit(o, lex) for o in c.children)
        for c in verb.children)


def joint_effort(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is one of those whose joint mediation the sentence names: the subject
    or the "with" of a verb whose clause speaks of "their efforts" ("President Biden spoke today
    with President El-Sisi of Egypt to address their efforts to de-escalate ..., including
    through an immediate ceasefire")."""
    root = first_conjunct(root)  # "Biden and El-Sisi discussed their efforts"
    if root.dep_ == "pobj" and root.head.lower_ == "with":
        root = root.head
    if not (root.dep_ in SUBJECTS or root.dep_ == "prep") or root.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(t.lower_ == "their" and t.dep_ == "poss" and words_of(t.head) & lex.mediator
               and not credit(t.head, lex) for t in root.head.subtree)


def _hyphened(root: Token) -> set[str]:
    """The word joined to a name by a hyphen, which spaCy splits off: "UN-mediated"."""
    doc = root.doc
    if root.i + 2 < len(doc) and doc[root.i + 1].text == "-" and not doc[root.i + 1].whitespace_:
        return words_of(doc[root.i + 2])
    return set()


def credit(verb: Token, lex: Lexicon) -> bool:
    return bool(words_of(verb) & lex.credit)


def brings_about(root: Token, lex: Lexicon, nouns: Collection[int]) -> bool:
    """Whether the speaker's "we" is the subject of a verb that brings the agreement about
    ("we can actually get a hostage deal done", "we secured a ceasefire between Israel and
    Lebanon"), or of one of striving for that (`strives_for`): a speaker who is no side of the
    war brokers it (frames.py drops a side's own)."""
    root = first_conjunct(root)
    verb = root.head
    return root.dep_ in SUBJECTS and (
        (verb.lemma_.lower() in lex.speaker_brokers and any(t.i in nouns for t in verb.subtree))
        or strives_for(root, lex, nouns))


def strives_for(root: Token, lex: Lexicon, nouns: Collection[int]) -> bool:
    """Whether the actor is the subject of a verb of striving whose complement brings the
    agreement about: "we are trying to get a hostage deal", "the President has been working to
    secure a ceasefire", or whose clause strives so again with no other subject ("what the
    President has been trying to do ... on trying to get that hostage deal"). Who tries to get an
    agreement that is not theirs brokers it."""
    root = first_conjunct(root)
    verb = root.head
    if root.dep_ not in SUBJECTS or verb.lemma_.lower() not in lex.striving:
        return False
    return any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in lex.speaker_brokers
               and c.head.lemma_.lower() in lex.striving and any(t.i in nouns for t in c.subtree)
               and (c.head.i == verb.i or not any(d.dep_ in SUBJECTS for d in c.head.children))
               for c in verb.subtree)


def backs(root: Token, lex: Lexicon) -> bool:
    """Whether the actor is named as backing another ("with support from Egypt and Qatar"): it
    shares the broker's role."""
    return any(a.lemma_.lower() in lex.backing and a.dep_ == "pobj" and a.head.lower_ == "with"
               for a in climb(root, 4))
