"""A cue's status once negation, modals, conditions and wishes that govern it are read: the most
cautious status the text supports ("Hamas has not accepted", "efforts to reach a deal" are
proposals).

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from typing import cast

from spacy.tokens import Token

from truceline import clauses
from truceline.agreement_lexicon import Lexicon
from truceline.agreements.cues import Cue
from truceline.agreements.nouns import Trigger, proper_name
from truceline.agreements.syntax import first_conjunct, is_definite
from truceline.records import AgreementStatus


def hedged(cue: Cue, trigger: Trigger, lex: Lexicon) -> AgreementStatus | None:
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
    definite = is_definite(trigger.root)
    if status == "standing":  # "efforts to reinforce the ceasefire": hoped-for reinforcing, a standing ceasefire
        return "in_force" if definite and "negated" not in hedges else None
    if hedges == {"refused"}:  # "Hamas has refused to negotiate a ceasefire"
        return "rejected" if status in ("proposed", "agreed", "existing") else None
    if hedges == {"negated"} and cue.phrase in lex.kept:
        return "violated"  # "not keeping the deal": broken
    if "negated" in hedges and status in ("existing", "proposed", "violated", "collapsed", "expired"):
        return None
    if status == "existing":  # an agreement known by its name was made long ago: it stands
        taken = "in_force" if proper_name(trigger) else "agreed"
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
    return any(c.dep_ == "preconj" and c.lower_ == "either" for c in first_conjunct(noun).children)


def _a_sides_deed(cue: Cue) -> bool:
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
