"""The words of a sentence that give an agreement a status ("reached", "violated", "took effect",
"there is", "the truce is over"), each by the token indices it spans, and the words coordinated
with one ("the expansion and extension of the deal").

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from truceline.agreement_lexicon import Lexicon
from truceline.agreements.syntax import SUBJECTS


@dataclass(frozen=True)
class Cue:
    status: str  # an AgreementStatus, "existing" or "standing"
    phrase: str
    tokens: tuple[Token, ...]

    @property
    def head(self) -> Token:
        """The word of the cue the others hang from: "took" in "took effect"."""
        inside = {t.i for t in self.tokens}
        return next((t for t in self.tokens if t.head.i not in inside or t.head.i == t.i), self.tokens[0])


def find_cues(sent: Span, lex: Lexicon, nouns: Collection[int] = ()) -> dict[int, Cue]:
    """Token index -> the status cue that token belongs to. `nouns`: the sentence's agreement
    nouns, which "we have" must have as its object."""
    found: dict[int, Cue] = {}
    for start, end, status in lex.cues.find(sent, lemma=True):
        tokens = tuple(sent[start:end])
        if tokens[0].tag_ in ("JJR", "JJS", "RBR"):
            continue  # "getting closer to a deal" is not closing it
        if status == "agreed" and tokens[0].pos_ == "ADJ" and not tokens[0].lower_.endswith("ed"):
            continue  # nor is being "extremely close ... to the deal"; but "the agreed ceasefire" is one
        cue = Cue(status, " ".join(t.lemma_.lower() for t in tokens), tokens)
        found.update((t.i, cue) for t in tokens)
    for token in sent:  # "there is a ceasefire"; "there would be a six-week ceasefire" (hedged: proposed)
        if token.lemma_ == "be" and token.i not in found and _existential(token):
            found[token.i] = Cue("in_force", "there be", (token,))
        elif token.lemma_ == "have" and _had(token, nouns):
            found[token.i] = Cue("in_force", "we have", (token,))
    for token in sent:  # "we will keep working around the clock for a deal": striving for one seeks it
        if token.lemma_.lower() in lex.striving and token.i not in found:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i not in found:
                    cue = Cue("proposed", f"{token.lemma_.lower()} for", (token, prep))
                    found.update({token.i: cue, prep.i: cue})
    for token in sent:
        if verb := _ending(token, found, lex):
            cue = Cue("collapsed", f"{verb.lemma_.lower()} {token.lemma_.lower()}", (verb, token))
            found.update({verb.i: cue, token.i: cue})
    return found


def _ending(word: Token, cues: dict[int, Cue], lex: Lexicon) -> Token | None:
    """The verb a word of ending completes, when that verb is "be" or a cue of its own: "the
    truce is over"; "Hamas declared the truce over" (spaCy hangs "over" from the verb or from
    its object), which has not declared a truce."""
    if word.lemma_.lower() not in lex.ended or word.dep_ not in ("prt", "advmod", "acomp", "oprd"):
        return None
    if any(c.dep_ == "pobj" for c in word.children):
        return None  # a preposition: "agreed to a ceasefire over the weekend"
    verb = word.head if word.head.pos_ in ("VERB", "AUX") or word.head.dep_ not in ("dobj", *SUBJECTS) else word.head.head
    return verb if verb.pos_ in ("VERB", "AUX") and (verb.i in cues or verb.lemma_ == "be") else None


def _existential(verb: Token) -> bool:
    """"there is/would be X", and not "there is no X"."""
    children = list(verb.children)
    return any(c.dep_ == "expl" for c in children) and not _denied(children)


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
            and not _denied(children))


def _denied(children: list[Token]) -> bool:
    """Whether a verb's children deny what it says exists: "there is not …", "we have no …"."""
    return any(c.dep_ == "neg" or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in children)


def coordinated_cues(sent: Span, cues: Mapping[int, Cue]) -> dict[int, Cue]:
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
    coordinated: dict[int, Cue] = {}
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
