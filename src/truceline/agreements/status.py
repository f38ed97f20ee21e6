"""The status of an agreement noun: the cue that governs it on its way up the parse (read through
`hedges`), or what a question takes as given, a demand ("an immediate ceasefire") or a proper
name says.

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

from truceline.agreement_lexicon import Lexicon
from truceline.agreements.cues import Cue
from truceline.agreements.hedges import hedged
from truceline.agreements.nouns import Trigger, proper_name
from truceline.agreements.syntax import found_any, has_to, is_definite
from truceline.records import AgreementStatus
from truceline.spans import Walk, flattened


# How many words (prepositions aside) above the agreement noun its cue may stand.
_MAX_HOPS = 4
# What happens only to an agreement made: a named initiative renewed, broken or left is one.
_LIFE = {"extended", "violated", "collapsed", "expired"}


def cued_status(
    trigger: Trigger, cues: dict[int, Cue], coordinated: dict[int, Cue], lex: Lexicon
) -> tuple[AgreementStatus, Cue] | None:
    """The status the cue nearest the agreement noun gives it, read through its hedges
    (`coordinated`: `coordinated_cues`)."""
    for cue, as_subject in _governing_cues(trigger.root, cues, coordinated, lex.hedges["desire"]):
        if cue.status in ("collapsed", "expired") and cue.head.pos_ == "NOUN" and cue.head.head.lemma_.lower() in lex.nearing:
            cue = Cue("in_force", cue.head.head.lemma_.lower(), (cue.head.head,))  # "nearing the end of the ceasefire period"
            status = hedged(cue, trigger, lex)
            return (status, cue) if status else None
        subject_only = cue.phrase in lex.subject_only
        ended = cue.tokens[-1].lemma_.lower() in lex.ended  # said of its subject or object alike
        if not ended and ((subject_only and as_subject is False) or (not subject_only and as_subject is True)):
            continue  # "the ceasefire took effect", but not "this deal secures the release"
        if cue.status == "collapsed" and not ended and _has_object(cue):
            continue  # "a proposal that ends the war" has not ended
        if _object_elsewhere(cue, trigger.root):
            continue  # "withdraw from Gaza under the deal" has not left the deal
        status = hedged(cue, trigger, lex)
        if status == "agreed" and _a_portion(trigger.root, lex):
            status = "proposed"  # "90 percent of this deal has been agreed": the rest is not
        return (status, cue) if status else None
    return None


def tells_its_life(cue: Cue, noun: Token, lex: Lexicon) -> bool:
    """Whether the cue tells of an agreement's life (`_LIFE`, `life` cues) and speaks of the noun
    itself: its modifier, or the word the noun (through a preposition) is the object of ("a
    renewal of the ... Initiative"), not of a phrase the noun only qualifies ("President Zelenskyy's
    Grain from Ukraine Initiative and the UN-brokered ..." misparsed with "brokered" as the verb)."""
    if not (cue.status in _LIFE or cue.phrase in lex.life):
        return False
    head = noun.head.head if noun.head.pos_ == "ADP" else noun.head
    return cue.head.head.i == noun.i or cue.head.i == head.i or head in cue.head.conjuncts


def _object_elsewhere(cue: Cue, noun: Token) -> bool:
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
    root: Token, cues: dict[int, Cue], coordinated: dict[int, Cue], wanting: Collection[str] = ()
) -> Iterator[tuple[Cue, bool | None]]:
    """Cues that modify the noun ("the deal reached today", "agreement for an extension"),
    then those up its path to the root (or coordinated with a word on it: `coordinated_cues`),
    with whether the noun is their subject: True for an active subject, None for a passive one
    or a modified noun, False otherwise. The path stops at a verb of `wanting` conjoined to the one
    above it: "We have a ceasefire, and we want a lasting peace" has the ceasefire, not the peace."""
    for child in root.children:
        if child.dep_ == "acl" and child.i in cues and not has_to(child):
            yield cues[child.i], None
        elif child.dep_ == "amod" and child.i in cues and cues[child.i].status in ("proposed", "agreed", "rejected"):
            yield cues[child.i], None  # "the proposed ceasefire", but a "renewed ceasefire" is a new one
        if child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in cues:
                    yield cues[pobj.i], False
    below, hops, qualifying = root, 0, False
    for ancestor in root.ancestors:
        hops += ancestor.pos_ != "ADP"
        if hops > _MAX_HOPS:
            break
        qualifying = qualifying or below.dep_ == "relcl"
        subject = below if below.dep_ != "conj" else below.head
        as_subject = {"nsubj": True, "nsubjpass": None}.get(subject.dep_, False)
        if as_subject and _small_clause(ancestor):
            as_subject = None  # "get this deal closed": the deal is what is closed
        if below.dep_ == "prep" and below.lower_ in ("in", "within") and ancestor.pos_ == "VERB":
            break  # "laid out in the deal": where, not what; what is above speaks of what was laid out
        elif below.dep_ == "conj" and below.pos_ == "VERB" and below.lemma_.lower() in wanting:
            break  # "and we want a lasting peace": what the first verb says is not said of it
        elif ancestor.i in cues:
            if qualifying and cues[ancestor.i].phrase == "there be":
                break  # "there's a provision … — that is a part of the deal —": the provision is there
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


def _own_object(preposition: Token, cue: Cue) -> bool:
    """A preposition of the predicate with an object of its own speaks of that, not of the
    agreement: "since October 8th, we have been engaging ... an agreement" ("into effect" is one cue)."""
    inside = {t.i for t in cue.tokens}
    return preposition.dep_ == "prep" and any(c.dep_ == "pobj" and c.i not in inside for c in preposition.children)


def _has_object(cue: Cue) -> bool:
    inside = {t.i for t in cue.tokens}
    return any(c.dep_ == "dobj" and c.i not in inside for c in cue.head.children)


def _small_clause(verb: Token) -> bool:
    """A bare past participle with a subject, as in "see this ceasefire maintained"."""
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def presupposed(trigger: Trigger, cues: dict[int, Cue], lex: Lexicon) -> tuple[AgreementStatus, Cue] | None:
    """What a question takes as given of an agreement: the participle of its own definite noun
    phrase ("So the ceasefire proposed by President Putin for the Orthodox Christmas — have you
    heard about that?"), not what it asks about it ("is a ceasefire agreed by then likely?")."""
    if not is_definite(trigger.root):
        return None
    for child in trigger.root.children:
        if child.dep_ in ("acl", "amod") and child.tag_ == "VBN" and child.i in cues:
            status = hedged(cues[child.i], trigger, lex)
            return (status, cues[child.i]) if status else None
    return None


def demanded(trigger: Trigger, members: list[Trigger], lex: Lexicon) -> tuple[AgreementStatus, Cue] | None:
    """An agreement named with no cue but an adjective that calls for it ("an immediate
    ceasefire") is proposed, and so is a proposal ("Egypt has a new proposal"), and an agreement
    named as a sentence of its own, with no verb, and "now" ("Ceasefire now!")."""
    if trigger.kind == "proposal":
        return "proposed", Cue("proposed", "proposal", (trigger.root,))
    for member in members:
        for child in member.root.children:
            if child.dep_ == "amod" and child.lemma_.lower() in lex.demanded:
                return "proposed", Cue("proposed", child.lemma_.lower(), (child,))
            if member.root.dep_ == "ROOT" and child.dep_ == "advmod" and child.lower_ in lex.demanded_now:
                return "proposed", Cue("proposed", child.lower_, (child,))
    return None


def by_name(trigger: Trigger) -> tuple[AgreementStatus, Cue] | None:
    """An agreement named by its proper name with no cue is one made and standing: a name is
    given to an agreement concluded ("undermine the state and the Dayton Peace Agreement")."""
    return ("in_force", Cue("in_force", "name", (trigger.root,))) if proper_name(trigger) else None


def named_after(trigger: Trigger, lex: Lexicon) -> tuple[AgreementStatus, Cue] | None:
    """An agreement a longer name is named after ("Korean War Veterans Armistice Day") was made:
    the name marks it. What the sentence says around that name speaks of the named thing ("On
    ... Armistice Day, we honor the veterans" honors no armistice). Not an agreement noun named
    before another ("the Ceasefire Agreement", in a heading's capitals)."""
    root = trigger.root
    head = root.head
    if not (root.dep_ == "compound" and root.text[:1].isupper() and head.text[:1].isupper()
            and not found_any(lex.kinds.find([head], lemma=False))):
        return None
    return "agreed", Cue("agreed", "name", (root,))
