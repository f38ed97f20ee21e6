"""Arguments: which side of a verb's action an actor mention is on, whatever the voice — the
doer ("agent": an active verb's subject, a passive's "by" phrase) or who undergoes it
("patient": an active verb's object, a passive's subject, the noun a participle acts on) — and
which mentions are only ever subjects of one verb together. Read from the dependency parse;
the pair model (`models/roles.py`) reads them as features and as checks on its pairs. The voice
of a verb (`passive`) is read here for the rules (events.py) too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from truceline.records import Actor
from truceline.spans import per_document

if TYPE_CHECKING:  # events.py imports `passive` from here, so its lexicon is the caller's to pass
    from truceline.events import Lexicon

STEPS = 6  # how far from a mention towards its verb a phrase is followed
# Links inside a noun phrase: "Hamas fighters", "Israel's military", "the leaders of Egypt".
_IN_PHRASE = {"compound", "amod", "poss", "nmod", "appos", "conj", "pobj"}


def passive(verb: Token) -> bool:
    """Whether a verb is in the passive voice as the parse marks it ("were attacked", "attacked by
    Hamas"), a participle on the noun it acts on (`_participle`), or a participle with a "by"
    phrase the parse did not label an agent (`by_phrases`: "Guided by …")."""
    return _participle(verb) or bool(by_phrases(verb)) or any(
        c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)


def active_or_passive(verb: Token) -> str:
    return "passive" if passive(verb) else "active"


def _participle(verb: Token) -> bool:
    """A past participle on the noun it acts on, with no subject of its own: "citizens
    (being) detained in Russia", "hostages taken by Hamas"; not a clause with a subject that
    the parse hung there."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children)


def by_phrases(verb: Token) -> list[Token]:
    """A participle's "by" phrase that the parse did not label an agent: "families of Americans
    taken hostage by Hamas"."""
    if verb.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"]


def argument(head: Token) -> tuple[str, Token | None]:
    """The role of the phrase a mention is in, on the verb it belongs to: "nsubj", "dobj", "by"
    (a passive's agent), "prep:with", ...; and that verb."""
    node, own = head, True
    for _ in range(STEPS):
        # The noun of the mention's own phrase ("of" phrases included) that a participle acts
        # on is its patient, wherever the noun stands: "two cases of U.S. citizens being
        # detained in Russia" are detained, not detaining; not "attacks by the Houthis fired
        # from Yemen", which are the attacks'.
        participle = next((c for c in node.children if _participle(c)), None) if own and node.pos_ in ("NOUN", "PROPN") else None
        if participle is not None:
            return "nsubjpass", participle
        own = own and not (node.dep_ == "pobj" and node.head.lower_ != "of")
        if node.dep_ == "pobj" and node.head.dep_ in ("agent", "prep"):
            prep = node.head
            if prep.head.pos_ in ("VERB", "AUX"):
                return ("by" if prep.dep_ == "agent" or prep.lower_ == "by" else f"prep:{prep.lower_}"), prep.head
            node = prep.head
            continue
        if node.dep_ in _IN_PHRASE and node.head.i != node.i:
            node = node.head
            continue
        if node.head.pos_ in ("VERB", "AUX") and node.head.i != node.i:
            return node.dep_, node.head
        return node.dep_, None
    return "far", None


def side(head: Token) -> str:
    """Which side of its verb's action a mention is on, whatever the voice: "agent" (an active
    verb's subject, a passive's "by"), "patient" (an active verb's object, a passive's subject),
    else its argument role ("prep:against", ...)."""
    role, verb = argument(head)
    if verb is None:
        return role
    active = not passive(verb)
    if role == "by" or (role == "nsubj" and active):
        return "agent"
    if role in ("nsubjpass", "dative") or (role == "dobj" and active):
        return "patient"
    return role


def _in_passive(head: Token) -> tuple[Token | None, str]:
    """The passive verb a mention is an argument of and its side of it: its "by" phrase the
    agent; its subject, the noun a participle acts on ("citizens being detained", "detained
    citizens") and the noun of a passive relative clause ("Palestinians who have been killed") the
    patient; and the same of a noun with a "by" phrase. (None, "other") for a mention on no
    passive, whose voice the pair model reads well."""
    nouns = (head, head.head) if head.dep_ == "conj" else (head,)  # "workers and Palestinians who ..."
    clause = next((c for n in nouns for c in n.children if c.dep_ == "relcl"), None)
    relative = clause is not None and next((c for c in clause.children if c.dep_ == "nsubjpass"
                                            and c.tag_ in ("WP", "WDT")), None)
    if relative:
        return clause, "patient"
    noun = head
    while noun.dep_ in ("compound", "amod", "nmod") and noun.head.i != noun.i:  # "U.S. citizens"
        noun = noun.head
    # "detained U.S. citizens" (the tagger calls some such participles past tenses)
    participle = next((c for c in noun.children if c.dep_ == "amod" and c.tag_ in ("VBN", "VBD")), None)
    if participle is not None:
        return participle, "patient"
    # A noun with a "by" phrase reads as a passive: "the release of X by Y", "attacks by Y on X".
    phrase = noun.head if noun.dep_ == "pobj" else None
    event = phrase.head if phrase is not None and phrase.head.pos_ == "NOUN" else None
    if event is not None and any(c.dep_ == "prep" and c.lower_ == "by" for c in event.children):
        if phrase.lower_ == "by":
            return event, "agent"
        if phrase.lower_ == "of":
            return event, "patient"
    role, verb = argument(head)
    return (verb, "agent" if role == "by" else "patient") if role in ("by", "nsubjpass") else (None, "other")


def sides_in(heads: Sequence[tuple[Token, Actor]], type_: str, lex: Lexicon) -> dict[str, set[str]]:
    """Each actor's sides of the sentence's passive verbs that the rules' lexicon gives this type,
    by the verb's lemma alone (a passive has no object, which some entries need), "other" for a
    mention on no such verb; none for a type its sides do together (`reciprocal`), of which
    either may be named first. `heads`: the sentence's mention heads with their actors."""
    found: dict[str, set[str]] = {}
    if type_ in lex.reciprocal:
        return found
    for head, actor in heads:
        verb, on = _passive_of(head)
        evoked = verb is not None and type_ in lex.types_of(verb)
        found.setdefault(actor.canonical, set()).add(on if evoked else "other")
    return found


def _passive_of(head: Token) -> tuple[str | None, str]:
    """`_in_passive`'s verb, by its lemma, and side, read once per token of a document: it is the
    parse's alone, and the pair model asks it of a sentence once for each type coded there."""
    kept = per_document(head.doc, "passive of", lambda doc: {})
    if head.i not in kept:
        verb, on = _in_passive(head)
        kept[head.i] = (verb.lemma_.lower() if verb is not None else None, on)
    return kept[head.i]


def against_passive(pair: tuple[Actor, Actor | None], sides: dict[str, set[str]]) -> bool:
    """Whether a (source, target) pair runs against the passive verb that names its event
    (`sides_in`): a source only ever its patient ("we know these groups are supported by Iran" is
    no support of ours for Iran; "citizens being detained in Russia" detain no one), a target only
    ever its agent: the pair model, trained on few passives, read such sentences the wrong way
    round."""
    source, target = pair
    return sides.get(source.canonical) == {"patient"} or (
        target is not None and sides.get(target.canonical) == {"agent"})


def subject_of(heads: Sequence[tuple[Token, Actor]]) -> dict[str, set[int]]:
    """The verbs each actor is a subject of, for the actors named only as subjects."""
    found: dict[str, set[int]] = {}
    for head, actor in heads:
        role, verb = argument(head)
        found.setdefault(actor.canonical, set()).add(verb.i if role == "nsubj" and verb is not None else -1)
    return {name: verbs for name, verbs in found.items() if -1 not in verbs}


def together(pair: tuple[Actor, Actor | None], subjects: dict[str, set[int]]) -> bool:
    """Whether a (source, target) pair's sides are only ever subjects of the same one verb
    (`subject_of`): "the Vice President and the Prime Minister reaffirmed ...", "they called on
    all parties to ..." act together, neither on the other, in an event not both sides' own
    (`reciprocal`, for which the pair model asks none) (on the development documents, all 7 such
    pairs the pair model coded were wrong)."""
    source, target = pair
    return target is not None and len(subjects.get(source.canonical, ())) == 1 and (
        subjects.get(source.canonical) == subjects.get(target.canonical))
