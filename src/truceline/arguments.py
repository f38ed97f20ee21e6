"""Arguments: which side of a verb's action an actor mention is on, whatever the voice — the
doer ("agent": an active verb's subject, a passive's "by" phrase) or who undergoes it
("patient": an active verb's object, a passive's subject, the noun a participle acts on) — and
which mentions are only ever subjects of one verb together, and whose words may name the doer
of an act (`may_be_doer`). Read from the dependency parse; the pair model (`models/roles.py`)
reads them as features and as checks on its pairs. The voice of a verb (`passive`) is read here
for the rules (events.py) too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

from truceline.actors import first_person
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


# Acts done with force or in the field, not in words: a statement's "we" does them only where it
# does a word that names them ("we struck targets", "I've ordered strikes", "we deployed
# destroyers"), not wherever it is a subject ("we have had conversations with Israel about
# Hamas, which continues to launch rockets at Israeli civilians" is no attack by the speaker).
DONE_IN_THE_FIELD = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})
# Acts done in words that a speaker's "we" does by a verb that names them ("we call on China",
# "we reject the logic", "we agreed"), not wherever it is a subject: "we want to find a way", "we
# will continue to work to get to that agreement", "we cannot expect Israel to accept" request
# nothing, "we have been able to rally votes to reject what Russia has done" rejects nothing of
# the speaker's. A sentence in the voice that names no speaker (`Mention.implied`) does them by
# being said (`models.roles.OWN_SPEECH`). Development documents, the MiniLM coder with roles: of
# these events from the speaker's "we" where no verb of the type had it as agent, 17 in 19 were
# wrong (triple F1 0.3610 -> 0.3630, precision 0.5356 -> 0.5530).
SAID_BY_A_VERB = frozenset({"REQUEST", "AGREE", "REJECT"})
# Prepositions of a place a verb's act happens in or goes to: "detained in Russia", "returned to
# Russia", "remains in Syria"; an actor named there does nothing of the verb's.
_PLACE_PREPOSITIONS = frozenset({"in", "into", "to", "at", "inside", "within", "across", "near", "toward",
                                 "towards", "throughout", "around", "onto", "from"})


def may_be_doer(heads: Sequence[tuple[Token, Actor]], actor: Actor, type_: str, lex: Lexicon) -> bool:
    """Whether an actor's words in a sentence may name the doer of an act of this type. The
    speaker's "I" or "we" does an act in the field (`DONE_IN_THE_FIELD`) or in words
    (`SAID_BY_A_VERB`) only as the agent of a verb the lexicon gives the type, or of one whose
    object it gives it ("we struck", "I've ordered strikes"); unnamed (the voice's own words), only
    those in words. A named actor does an act in the field unless every mention of it is an
    argument of something else (`_argument_of_something_else`: "He condemned Russia's invasion of
    Ukraine" is no attack of his). Every other act and actor may. Written by hand over the
    dependency parse: no parser or library reads whose words a sentence gives the doing of an act
    it names, often only as background. `heads`: the sentence's mention heads with their actors."""
    if type_ not in DONE_IN_THE_FIELD | SAID_BY_A_VERB:
        return True
    heads = [(head, a) for head, a in heads if a.canonical == actor.canonical]
    if not heads:
        return type_ in SAID_BY_A_VERB or not first_person(actor)  # the voice's own words
    read: dict[tuple[str, int], bool] = {}
    return any(_agent_of_the_act(head, type_, lex) if first_person(a)
               else type_ not in DONE_IN_THE_FIELD or not _argument_of_something_else(head, type_, lex, read)
               for head, a in heads)


def _agent_of_the_act(head: Token, type_: str, lex: Lexicon) -> bool:
    """Whether a first person's mention names the doer of an act of this type: the agent of the
    verb that names it ("we struck") or of one whose object names it ("ordered strikes")."""
    _, verb = argument(head)
    if verb is None or side(head) != "agent":
        return False
    words = {verb.lemma_.lower(), *(c.lemma_.lower() for c in verb.children if c.dep_ == "dobj")}
    return any(type_ in lex.types_of(w) for w in words)


def _argument_of_something_else(head: Token, type_: str, lex: Lexicon, read: dict[tuple[str, int], bool]) -> bool:
    """Whether a named actor's mention is an argument of a verb that names no act of this type
    in the field, and so not its doer: the subject of a verb none of whose words
    (`_names_the_act`) the rules' lexicon gives the type ("the President underlined ... brutal
    aggression by dictators", "He condemned Russia's brutal invasion of Ukraine"), a verb's
    patient ("Alex Saab had been tortured"), or a place the act happens in ("returned to
    Russia"), unless the verb is a passive with no doer named, whose place names it ("journalists
    have been imprisoned in Russia"). A mention that modifies a noun ("Russia's war against
    Ukraine", "Israeli strikes") or is a noun's "by", "from" or "between" phrase ("the assault by
    Hamas", "the fighting between Israel and Hezbollah") may name its doer: the lexicon names few
    such nouns. `read`: what is read of each word, by kind and index, once for all the mentions
    of one actor."""
    node = head
    for _ in range(STEPS):
        up = node.head
        if up.i == node.i:
            return False
        if node.dep_ in ("poss", "compound", "amod", "nmod") and up.pos_ in ("NOUN", "PROPN"):
            return False
        if node.dep_ in ("conj", "appos"):
            node = up
            continue
        if node.dep_ == "pobj" and up.dep_ in ("prep", "agent"):
            governor = up.head
            if governor.pos_ in ("NOUN", "PROPN") and up.lower_ == "of":  # "the back of the Ukrainian people"
                node = governor
                continue
            return (governor.pos_ in ("VERB", "AUX") and up.dep_ != "agent" and up.lower_ in _PLACE_PREPOSITIONS
                    and not _read_once(read, "undone", governor, lambda v: passive(v) and not any(
                        c.dep_ == "agent" or c.lower_ == "by" for c in v.children)))
        if up.pos_ not in ("VERB", "AUX"):
            return False
        undergoes = _read_once(read, "passive", up, passive)  # its subject (some parses say "nsubj") undergoes it
        if node.dep_ == "nsubjpass" or (node.dep_ == "nsubj" and undergoes) or (
                node.dep_ in ("dobj", "dative") and not undergoes):
            # unless the verb's complement names the act its patient does: "was forced to withdraw"
            return not _read_once(read, "made to", up, lambda v: any(
                _names_the_act(c, type_, lex, read) for c in v.children if c.dep_ == "xcomp"))
        return node.dep_ == "nsubj" and not _names_the_act(up, type_, lex, read)
    return False


def _read_once(read: dict[tuple[str, int], bool], kind: str, word: Token, reading: Callable[[Token], bool]) -> bool:
    """`reading` of a word, read once (`_argument_of_something_else`)."""
    if (kind, word.i) not in read:
        read[kind, word.i] = reading(word)
    return read[kind, word.i]


def _names_the_act(verb: Token, type_: str, lex: Lexicon, read: dict[tuple[str, int], bool]) -> bool:
    """Whether a verb, or a verb its complement or a coordination chains to ("sought to destroy",
    "came across the border ... and massacred"), is a verb of the rules' lexicon of the type, or
    its object a noun the lexicon gives an act in the field as a verb ("launched strikes",
    "pressed on with their raid"; not an object one of its verbs needs: "mobilizing Russia's
    defense industrial base" is no attack, whatever "hit a base" is): each verb read once
    (`read`)."""
    todo = [(verb, False, False)]
    while todo:
        word, children_read, objected = todo.pop()
        if ("names", word.i) in read and not children_read:
            continue
        chained = [c for c in word.children if (c.dep_ in ("xcomp", "conj") and c.pos_ in ("VERB", "AUX"))
                   or c.dep_ == "acomp" or (c.dep_ == "ccomp" and _pronoun_subject(c))]
        if not children_read:
            todo.append((word, True, objected))
            has_object = any(c.dep_ == "dobj" for c in word.children)
            todo += [(c, False, has_object) for c in chained if ("names", c.i) not in read]
            continue
        # A complement verb the lexicon does not know, done by the subject ("North Korea has tried
        # to hack into the computers of South Korean army officers"), may name the act; not one
        # its object does ("have enabled the people of Ukraine to defend their nation").
        unknown = word.dep_ == "xcomp" and word.pos_ == "VERB" and not objected and not lex.types_of(word.lemma_.lower())
        read["names", word.i] = unknown or type_ in lex.types_of(word.lemma_.lower()) or any(
            lex.types_of(n.lemma_.lower()) & (DONE_IN_THE_FIELD if n.pos_ == "NOUN" else {type_})
            for n in _objects_of(word)) or any(read["names", c.i] for c in chained)
    return read["names", verb.i]


def _objects_of(verb: Token) -> list[Token]:
    """A verb's objects, and the noun it goes on "with" ("pressed on with their raid")."""
    return [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")] + [
        o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children if o.dep_ == "pobj"]


def _pronoun_subject(clause: Token) -> bool:
    """Whether a clause's subject is a personal pronoun, as where a speaker says what it will do
    ("Syria says it is willing to withdraw its troops")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "PRP" for c in clause.children)
