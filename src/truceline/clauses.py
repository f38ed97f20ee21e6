"""Clause linguistics every coder reads the same way: whether a clause is negated, modal,
hedged, conditional or future; whether a sentence asks; which date is attached to a clause. The
words are `data/clauses.toml`'s (numerals.py reads its number words).

`analyse(doc)` (the `clauses` stage) reads each sentence once and keeps the result on the Doc;
`sentence(sent)` and `facts(token)` read it there, analysing on first use when no stage did.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from itertools import islice

from spacy.tokens import Doc, Span, Token

from truceline.dates import NAMED_DAYS, names_period, reference_day, resolve_date
from truceline.spans import next_in_sentence, per_document, per_sentence, sentence_ents, sentence_of, span_root
from truceline.voices import kept

_KEY = "truceline.clauses"
# A sentence that ends in a question mark, perhaps followed by the next speaker's label.
_QUESTION = re.compile(r"\?[\s\"”’)]*(?:[A-Z][A-Z.\- ]*:\s*)?$")
_CLAUSE_ENDS = frozenset({".", "?", "!", ";"})
_PRESENT = {"VBZ", "VBP"}
_SUBJECTS = {"nsubj", "nsubjpass", "expl"}
# How a date attaches to the clause it dates: "spoke today", "on October 12, ... met".
_DATE_LINKS = {"npadvmod", "tmod", "advmod", "obl"}
# The entities that can name a day: "last night" is a TIME.
_DATE_LABELS = frozenset({"DATE", "TIME"})
_TIMES_OF_DAY = frozenset({"night", "morning", "afternoon", "evening", "hour"})
# Prepositions whose date bounds the act rather than dates it: "since October 7, Israel has
# struck", "after 9/11, we went to Afghanistan", "will withdraw by September 15".
_BOUNDS = frozenset({"since", "after", "before", "until", "till", "through", "by"})
# Tokens that can head a clause, or a noun phrase whose words say "no".
_HEADS = {"VERB", "AUX", "ADJ", "NOUN", "PROPN"}


@dataclass(frozen=True)
class Words:
    auxiliaries: dict[str, frozenset[str]]  # modal, obligation, hedge, future
    future_governors: frozenset[str]  # "is going to accept"
    ongoing_governors: frozenset[str]  # "will continue to provide"
    own_acts: frozenset[str]  # "I have determined": the text's own act, done the day it is given
    conditions: frozenset[str]
    present_conditions: frozenset[str]
    hedge_adverbs: frozenset[str]
    question_words: frozenset[str]
    question_leads: frozenset[str]
    question_openers: frozenset[str]
    units: dict[str, float]
    unit_modifiers: frozenset[str]
    numbers: dict[str, int]
    scales: dict[str, int]


@cache
def words() -> Words:
    """The bundled clause words, read once."""
    with (resources.files("truceline") / "data" / "clauses.toml").open("rb") as f:
        data = tomllib.load(f)
    return Words(
        auxiliaries={kind: frozenset(ws) for kind, ws in data["auxiliaries"].items()},
        future_governors=frozenset(data["tense"]["future_governors"]),
        ongoing_governors=frozenset(data["tense"]["ongoing_governors"]),
        own_acts=frozenset(data["tense"]["own_acts"]),
        conditions=frozenset(data["conditions"]["always"]),
        present_conditions=frozenset(data["conditions"]["present"]),
        hedge_adverbs=frozenset(data["hedges"]["adverbs"]),
        question_words=frozenset(data["questions"]["words"]),
        question_leads=frozenset(data["questions"]["leads"]),
        question_openers=frozenset(data["questions"]["openers"]),
        units={unit: float(days) for unit, days in data["units"].items()},
        unit_modifiers=frozenset(data["unit_modifiers"]["words"]),
        numbers=data["numbers"],
        scales=data["scales"],
    )


# --- mode --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What a clause's head carries itself: its negation, auxiliaries, hedging adverbs and
    conditions. Coders climb from a word to the clauses governing it and combine these."""

    negated: bool = False  # "not", "never", or "no" on the head ("no plan to")
    auxiliaries: frozenset[str] = frozenset()  # kinds of its auxiliaries: modal, obligation, hedge, future
    hedged: bool = False  # "reportedly", "apparently"
    conditional: bool = False  # it is a condition ("if ...") or the main clause of one
    infinitive: bool = False  # "to" + verb


@dataclass(frozen=True)
class Sentence:
    question: bool  # it asks, and so asserts nothing
    future: bool  # "will" somewhere in it: its weekdays lie ahead
    facts: dict[int, Facts]  # by token index, for the tokens that head clauses or phrases


def analyse(doc: Doc) -> dict[int, Sentence]:
    """Every sentence of the document read once, by its first token's index; kept on the Doc."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = {sent.start: _read_sentence(sent) for sent in doc.sents}
        doc.user_data[_KEY] = found
    return found


def sentence(sent: Span) -> Sentence:
    return analyse(sent.doc)[sent.start]


def facts(token: Token) -> Facts:
    return sentence(sentence_of(token)).facts.get(token.i, _NONE)


_NONE = Facts()


def _read_sentence(sent: Span) -> Sentence:
    w = words()
    children = _children(sent)
    return Sentence(
        question=bool(_QUESTION.search(sent.text)) or _asks_for_an_answer(sent, w),
        future=any(t.lower_ in w.auxiliaries["future"] for t in sent),
        facts={t.i: f for t in sent if t.pos_ in _HEADS and (f := _read_head(t, children, w)) != _NONE},
    )


def _children(sent: Span) -> dict[int, list[Token]]:
    """Each token's children, by its index, in one pass over the sentence. spaCy's
    `Token.children` scans the token's whole subtree span: asked of every token of a long flat
    sentence ("No. 1 No. 1 ..."), that is quadratic."""
    children: dict[int, list[Token]] = {}
    for token in sent:
        if token.head.i != token.i:
            children.setdefault(token.head.i, []).append(token)
    return children


# Adverbs that say an act has stopped with "no" ("no longer attacks", "no more fires") or is not
# done with "yet" on the verb that governs it ("has yet to release", "is yet to respond").
_STOPPED = frozenset({"longer", "more"})


def _no_longer(c: Token, children: dict[int, list[Token]], head: Token) -> bool:
    if c.dep_ != "advmod":
        return False
    if c.lower_ in _STOPPED:
        return any(g.lower_ == "no" for g in children.get(c.i, ()))
    return c.lower_ == "yet" and head.lemma_ in ("have", "be") and any(
        x.dep_ == "xcomp" and any(a.lower_ == "to" for a in children.get(x.i, ())) for x in children.get(head.i, ()))


def _not_only(c: Token) -> bool:
    """"not only ... but (also)": the correlative, which denies neither act ("Israel did not only
    strike Hamas but also bombed Lebanon")."""
    doc = c.doc
    if c.lower_ != "not" or c.i + 1 >= len(doc) or doc[c.i + 1].lower_ != "only":
        return False
    return any(t.lower_ in ("but", "also") for t in doc[c.i + 2:sentence_of(c).end])


def _read_head(head: Token, children: dict[int, list[Token]], w: Words) -> Facts:
    negated = hedged = conditional = infinitive = False
    kinds: set[str] = set()
    own = children.get(head.i, ())
    for c in own:
        word = c.lower_
        if ((c.dep_ == "neg" and not _not_only(c)) or (c.dep_ == "det" and word == "no")
                or _no_longer(c, children, head)):
            negated = True
        elif c.dep_ in ("aux", "auxpass"):
            kinds.update(kind for kind, ws in w.auxiliaries.items() if word in ws)
            infinitive = infinitive or word == "to"
        elif c.dep_ == "advmod" and word in w.hedge_adverbs:
            hedged = True
        elif c.dep_ == "advcl" and _conditional(c, children.get(c.i, ()), w):
            conditional = True  # the main clause of a conditional
    conditional = conditional or bool(_marks(own) & w.conditions)
    return Facts(negated, frozenset(kinds), hedged, conditional, infinitive)


def marks(clause: Token) -> set[str]:
    """The words that subordinate a clause: "that if Iran attacked"; "when" read as an adverb."""
    return _marks(clause.children)


def _marks(children: Iterable[Token]) -> set[str]:
    return {c.lower_ for c in children if c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")}


def conditional_clause(clause: Token) -> bool:
    """Whether a subordinate clause is a condition: "if Hamas agrees"; "until all hostages are
    released", "once the ceasefire takes effect" (present tense: not yet happened)."""
    return _conditional(clause, list(clause.children), words())


def _conditional(clause: Token, children: Sequence[Token], w: Words) -> bool:
    found = _marks(children)
    for mark in (c for c in children if c.dep_ == "mark" and c.lower_ == "as" and c.i > 0):
        if (before := clause.doc[mark.i - 1]).pos_ == "ADV":  # "as soon as", "so long as"
            found.add(f"as {before.lower_} as")
    present = clause.tag_ in _PRESENT or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _PRESENT for c in children)
    return bool(found & w.conditions) or bool(found & w.present_conditions and present)


def clause_of(verb: Token) -> Token:
    """The word a verb's clause hangs from, for climbing to what governs it: its parse head,
    unless the verb goes on, after a comma and with no subject of its own, from a subordinate
    clause before it. In "It's time ... to demand that Hamas come to the table, agree(s) to this
    deal, and end(s) this war" spaCy hangs "agree" from "It's" or makes "agrees" the sentence's
    root; the list goes on from "come", which "demand that" governs. None at the top."""
    doc = verb.doc
    head = None if verb.head.i == verb.i else verb.head
    if (verb.pos_ != "VERB" or verb.dep_ not in ("conj", "ROOT") or verb.i == 0 or doc[verb.i - 1].text != ","
            or any(c.dep_ in _SUBJECTS or c.dep_ in ("aux", "auxpass") for c in verb.children)):
        return head
    sent = sentence_of(verb)
    before = (t for t in reversed(doc[sent.start:verb.i]) if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux")
    previous = next((t for t in before if any(c.dep_ in _SUBJECTS for c in t.children)), None)
    return previous if previous is not None and previous.dep_ in ("ccomp", "advcl") else head


# Words that set a clause against the one before it ("however", "but"): a clause the parser
# hangs from a verb across one of them, or across a semicolon, is that verb's sibling.
# "but" and "yet" only as conjunctions: "has yet to release" is no contrast.
_CONTRASTS = frozenset({"however", "nevertheless", "nonetheless", "whereas", "although", "though"})
_CONTRASTING_CONJUNCTIONS = frozenset({"but", "yet"})
_COMPLEMENTS = ("ccomp", "xcomp")
_CLAUSAL = frozenset({*_COMPLEMENTS, "advcl", "conj", "parataxis"})


def in_scope(clause: Token) -> bool:
    """Whether what the word a clause hangs from carries (its negation, auxiliaries, hedges,
    conditions, and what it is: "believe", "deny") reaches the clause: it does for a complement
    ("we do not believe that Hamas attacked"), not for a sibling the parser merely attached to it.
    A sibling is a parataxis, a clause set apart from that word by a semicolon or a word of
    contrast ("we fundamentally reject the application, however we do not believe sanctions are
    the tool": spaCy hangs "reject" from "believe"; "did not attack Gaza but bombed Lebanon"), or a
    clause before a verb that has a clausal complement of its own after it (a comma splice: "we
    reject X, we do not believe Y"), or a verb conjoined with a subject of its own ("I will not go
    into that, and the President is committed to a deal") or in a form the first one's auxiliary
    cannot govern ("we don't believe X and utterly reject Y"). A coder climbing from the clause
    skips that word and goes on to what governs both."""
    head = clause.head
    if head.i == clause.i or clause.pos_ not in ("VERB", "AUX") or clause.dep_ not in _CLAUSAL:
        return True
    if clause.dep_ == "parataxis":
        return False
    if clause.i < head.i:  # the head's own words between them: ", however we do not believe"
        between = [c for c in head.children if clause.right_edge.i < c.i < head.i]
    else:
        between = [c for c in head.children if head.i < c.i < clause.left_edge.i]
        between += [c for c in clause.children if c.i < clause.i and c.dep_ in ("advmod", "cc", "mark")]
    if any(t.text == ";" or (_contrasts(t) and not (clause.i > head.i and _parenthetical(t))) for t in between):
        return False
    if clause.dep_ == "conj" and (any(c.dep_ in _SUBJECTS for c in clause.children)
                                  or _finite_after_auxiliary(clause, head)):
        return False
    # a clause before a verb that has its own complement after it
    return not (clause.i < head.i and clause.dep_ in _COMPLEMENTS
                and any(c.dep_ in _COMPLEMENTS and c.i > head.i for c in head.children))


# Finite forms a verb's auxiliary cannot govern: after "do" or a modal a verb is bare ("VB"),
# after "have" or "be" a participle (a past tense "VBD" is left out there: taggers confuse it
# with the participle "VBN").
_FINITE_AFTER = {"VB": frozenset({"VBZ", "VBP", "VBD"}), "VBN": frozenset({"VBZ", "VBP"}),
                 "VBG": frozenset({"VBZ", "VBP"})}


def _finite_after_auxiliary(verb: Token, head: Token) -> bool:
    """A conjoined verb in a finite form that the first verb's auxiliary cannot govern: "we don't
    believe they have jurisdiction and, again, utterly reject this call" (not "don't ... reject")."""
    return verb.tag_ in _FINITE_AFTER.get(head.tag_, ()) and any(c.dep_ in ("aux", "auxpass") for c in head.children)


def _contrasts(word: Token) -> bool:
    return word.lower_ in _CONTRASTS or (word.dep_ == "cc" and word.lower_ in _CONTRASTING_CONJUNCTIONS)


def _parenthetical(word: Token) -> bool:
    """A word set off by punctuation on both sides: "we do not believe, however, that ..."."""
    doc = word.doc
    return 0 < word.i < len(doc) - 1 and doc[word.i - 1].is_punct and doc[word.i + 1].is_punct


# --- questions ---------------------------------------------------------------------------------


def in_question(token: Token) -> bool:
    """Whether the clause the token is in ends with a question mark, is asked with a question
    word ("who does the President hold responsible: ..."; "whether Hamas accepted") or opens
    with an auxiliary ("Is that something the White House is asking Tehran to do, to — let me
    start over.": reporters' questions are often cut off before their question mark)."""
    w = words()
    end = next_in_sentence(token, _CLAUSE_ENDS)
    if end is not None and end.text == "?":
        return True
    opener = per_sentence(sentence_of(token), "question opener", _opener)
    if opener is not None and opener.i < token.i:
        return True
    return token.dep_ not in ("relcl", "acl", "advcl") and any(
        c.lower_ in w.question_words and c.tag_ in ("WP", "WRB", "WDT", "IN") for c in token.children
    )


def _asks_for_an_answer(sent: Span, w: Words) -> bool:
    """Whether a sentence with no question mark asks all the same: its main verb opens it with
    an auxiliary ("Can you talk about what the President told Netanyahu."), or asks whoever
    answers for a word on something ("And if you could just comment on Israel's ban of UNRWA."):
    what it names is the premise of a question, which asserts nothing."""
    root = sent.root
    opener = _opener(sent)
    if opener is not None and opener in (root, *root.children) and opener.dep_ in ("aux", "ROOT"):
        return True
    if any(_wonders(t) for t in (root, *root.children)):
        return True
    # The main clause, or the condition a fragment's lone word heads ("And | if you could …").
    fragment = not any(c.dep_ in _SUBJECTS for c in root.children)
    heads = [root, *(c for c in root.children if fragment and c.dep_ == "advcl")]
    return any(any(c.dep_ == "nsubj" and c.lower_ == "you" for c in head.children)
               and any(c.dep_ == "aux" and c.lower_ in w.auxiliaries["modal"] for c in head.children)
               and any(c.dep_ == "mark" and c.lower_ in w.conditions for c in head.children) for head in heads)


def _opener(sent: Span) -> Token | None:
    """The auxiliary a question opens with, if one of the sentence's first three words is one,
    after any leads ("Q And is there ...")."""
    w = words()
    first = list(islice((t for t in sent if not (t.is_space or t.is_punct)), 3))
    while first and first[0].lower_ in w.question_leads:
        first = first[1:]
    return first[0] if first and first[0].lower_ in w.question_openers else None


# What a speaker says to ask without asking: "I wonder if you could ...", "I'm curious whether".
_WONDERING = frozenset({"wonder", "curious"})


def _wonders(token: Token) -> bool:
    """Whether the speaker ("I", "we") wonders or is curious whether or if something is so: an
    indirect question, whose clause is a premise that asserts nothing (a reporter's "I wonder if
    you can say a word about ... the U.S. and its allies had sanctions ready" is no sanction)."""
    word = token if token.lemma_.lower() in _WONDERING else next(
        (c for c in token.children if c.dep_ == "acomp" and c.lemma_.lower() in _WONDERING), None)
    if word is None or not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children):
        return False
    return any(m.dep_ == "mark" and m.lower_ in ("if", "whether")
               for c in (*word.children, *token.children) for m in c.children)


# A transcript's next turn after a question: the paragraph opens with a speaker's label in
# capitals and a colon ("THE PRESIDENT:", "MR. KIRBY:"); a reporter's "Q" has no colon.
_NEXT_TURN = re.compile(r"[\s\"”’)]*\n\s*[A-Z][A-Z.’'\- ]*:\s*")
_FIRST_END = re.compile(r"[.?!]")


def answer(sent: Span) -> tuple[int, int] | None:
    """The character span of the answer to a question: the next paragraph when it is another
    speaker's turn that does not open with a question of its own ("Q Will there be a ceasefire
    by Ramadan? / THE PRESIDENT: It’s looking tough"). None for a question asked into the air,
    or met with another question."""
    text = per_document(sent.doc, "text", lambda doc: doc.text)  # spaCy rebuilds it at each access
    turn = _NEXT_TURN.match(text, sent.start_char + sent.text.rindex("?") + 1) if "?" in sent.text else None
    if turn is None:
        return None
    end = text.find("\n", turn.end())
    end = end if end >= 0 else len(text)
    opening = _FIRST_END.search(text, turn.end(), end)
    return None if opening is not None and opening.group() == "?" else (turn.end(), end)


# --- dates -------------------------------------------------------------------------------------


def _dates_clause(root: Token, head: Token) -> bool:
    """Whether a date whose root token is `root` is attached to the clause headed by `head`."""
    if root.head == head:
        return root.dep_ in _DATE_LINKS
    via = root.head  # "on October 12", "in late October"
    return root.dep_ == "pobj" and via.dep_ == "prep" and via.head == head and via.lower_ not in _BOUNDS


def _time_of_day(root: Token) -> Token:
    """The date's place in the clause when it names the day of a time of day: "on the night of
    January 23" hangs from "night", which hangs from the clause."""
    via = root.head
    if (root.dep_ == "pobj" and via.lower_ == "of" and via.head.lemma_.lower() in _TIMES_OF_DAY
            and via.head.dep_ in ("pobj", "npadvmod")):
        return via.head
    return root


def clause_date(heads: Sequence[Token], published: date | None) -> date | None:
    """The first date attached to one of these clause heads (the nearest first), resolved
    against the text's own day (`dates.reference_day`: the publication date unless a date line
    opening the text states the day its words were spoken); None when none is. A date elsewhere
    in the sentence ("since the October 7 attack") is not the clause's."""
    return _clause_dating(heads, published)[0]


def _clause_dating(heads: Sequence[Token], published: date | None) -> tuple[date | None, bool]:
    """`clause_date`, and whether, without a day, a date attached to the heads names a month, a
    season, a year or a period ("in October", "last week": `dates.names_period`)."""
    if not heads:
        return None, False
    sent = sentence_of(heads[0])
    future = sentence(sent).future
    attached = per_sentence(sent, "dates by clause", _dates_by_clause)
    anchor = reference_day(sent.doc, published)
    period = False
    for head in heads:
        for ent in attached.get(head.i, ()):
            resolved = resolve_date(ent.text, anchor, future=future)
            if resolved is not None:
                return resolved, False
            period = period or (names_period(ent.text, anchor) and not _scope(ent))
    return None, period


def _scope(ent: Span) -> bool:
    """Whether a date is the object of "for", which gives a scope or a span of time, not when the
    act was: "Ukraine highlighted its recovery priorities for 2023"."""
    root = span_root(ent)
    return root.dep_ == "pobj" and root.head.lower_ == "for"


def event_date(heads: Sequence[Token], published: date | None) -> date | None:
    """The day of an event whose clause heads are `heads`: the date attached to one of them
    (`clause_date`); none when what is attached names a month, a year or a period and no day
    ("In September, Angola agreed to join"; a record's date is a day, and eval/GUIDE.md codes such
    an event undated); else, where its sentence's main clause states no date, the one the last
    main clause before it in the paragraph stated, if in the same tense (a readout's "Harris met
    Sunak on February 18. ... They discussed ..."; "Biden will welcome Netanyahu on July 25. The
    leaders will discuss ..."; undated after "in February"); else none when its tense puts it in
    an undated past or future (`_undated`: "USAID has provided $600,000", "will discuss"), or
    when it is a reporter's premise (`in_reporters_turn`: "So, former President Donald Trump
    threatened to revoke ..." in a briefing is no act of the briefing's day); else the
    publication date."""
    own, period = _clause_dating(heads, published)
    if own is not None or period or not heads:
        return None if period else own or published
    carried = per_document(heads[0].doc, f"paragraph dates {published}", lambda doc: _paragraph_dates(doc, published))
    start = sentence_of(heads[0]).start
    if start in carried:
        return carried[start]
    return None if _undated(heads) or in_reporters_turn(start, heads[0].doc) else published


def in_reporters_turn(start: int, doc: Doc) -> bool:
    """Whether the sentence that starts at token `start` is in a reporter's (or the audience's)
    turn of a transcript (`Voices.asks`, by the voices the actors stage keeps on the Doc). What a
    reporter takes as given with no date of its own is undated (eval/GUIDE.md): of the train/dev
    gold's events of reporters' lines that are neither hypothetical nor proposed and name no day,
    154 are undated, 17 on the publication day."""
    first = next((t for t in doc[start:start + 5] if not t.is_space), doc[start])
    return kept(doc).asks(first.idx)


def _undated(heads: Sequence[Token]) -> bool:
    """Whether the tense of the event's clause — that of the first of `heads` with a tense of its
    own, an infinitive taking its governor's — puts it in an undated past or future (eval/GUIDE.md):
    a perfect ("USAID has provided $600,000", "have been imprisoned"), a future ("will discuss",
    "are going to provide"). Not one that goes on to the time of writing ("will continue to
    provide", "has been steadfast"), nor the act the text itself performs in the first person ("I
    have determined", "I have sent ... the enclosed notice": `own_acts`), nor one "just" done. The
    speaker's other perfects are undated ("I have spoken with the Prime Minister", "I've
    encouraged"): of the training and development gold's asserted events of "I have" with a
    participle, 58 of the 61 of `own_acts` are dated on the day, none of the 19 of other verbs.
    A perfect is one whatever the tagger makes of it (`_perfect`, `_sharing`): of the train and dev
    gold events whose clause is one only so ("we’ve provided", "has hosted two summits; opened
    three embassies"), 51 are undated, 5 on the publication day; of those whose clause is a past
    introduced by "since", 3 are undated, 2 dated earlier, none on the publication day."""
    w = words()
    for head in heads:
        lemma = head.lemma_.lower()
        if lemma in w.ongoing_governors:
            return False
        if "since" in marks(head) and _tense(head) == "past":
            return True  # "since the humanitarian pause ended": where a span to the time of writing began
        owner = _sharing(head)
        auxiliaries = _auxiliaries(owner)
        if not auxiliaries and head.tag_ not in _FINITE:
            continue
        if any(a.lower_ in w.auxiliaries["future"] for a in auxiliaries):
            return True
        ahead = [c for c in head.children if c.dep_ == "xcomp"] if lemma in w.future_governors and head.tag_ != "VBD" else []
        if ahead:  # "are going to provide", not "are going to continue to have"
            return all(c.lemma_.lower() not in w.ongoing_governors for c in ahead)
        return _perfect(head, auxiliaries) and lemma != "be" and not any(
            c.dep_ == "nsubj" and c.lower_ == "i" and lemma in w.own_acts
            or c.dep_ == "advmod" and c.lower_ in ("just", "now")
            for c in {*head.children, *owner.children})
    return False


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
# A perfect's participle: the tagger often reads it as a past tense ("have repeatedly made clear",
# "has hosted two summits; opened three embassies").
_PARTICIPLES = frozenset({"VBN", "VBD"})


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]


def _sharing(verb: Token) -> Token:
    """The verb whose auxiliaries and subject `verb` shares: the first of a list of participles
    none of the others has its own ("has hosted two summits; opened three embassies", "have
    arrested Venezuelans ... and deployed a range of intimidation tactics"), else itself."""
    while (verb.dep_ == "conj" and verb.tag_ in _PARTICIPLES and verb.head.tag_ in _PARTICIPLES
           and not any(c.dep_ in (*_SUBJECTS, "aux", "auxpass") for c in verb.children)):
        verb = verb.head
    return verb


def _perfect(verb: Token, auxiliaries: Sequence[Token]) -> bool:
    """Whether `verb` with these auxiliaries is a perfect: "has provided", "have been imprisoned",
    "’ve been working". spaCy reads "’s" before a past tense as "has" alone ("he’s threatened")."""
    have = any(a.lemma_.lower() == "have" or (a.lower_ in ("’s", "'s") and verb.tag_ == "VBD") for a in auxiliaries)
    return have and (verb.tag_ in _PARTICIPLES or any(a.lower_ == "been" for a in auxiliaries))


def _paragraph_dates(doc: Doc, published: date | None) -> dict[int, date | None]:
    """For each sentence whose main clause states no date, the date the last main clause before
    it in its paragraph stated in the same tense (None after a month, a year or a period), by the
    sentence's first token; in one pass."""
    carried: dict[int, date | None] = {}
    last: tuple[date | None, str | None] | None = None
    text, end = doc.text, 0  # spaCy rebuilds the text at each access
    for sent in doc.sents:
        if _PARAGRAPH_BREAK.search(text, end, sent.start_char):
            last = None
        end = sent.start_char + len(sent.text.rstrip())
        root, tense = sent.root, _tense(sent.root)
        if root.i in per_sentence(sent, "dates by clause", _dates_by_clause):
            day, period = _clause_dating([root], published)
            last = (day, tense) if day is not None or period else None
        elif last is not None and tense is not None and last[1] == tense:
            carried[sent.start] = last[0]
    return carried


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


def _tense(head: Token) -> str | None:
    """"future" for a clause with "will", "past" for a past tense ("met", "did not meet")."""
    auxiliaries = _auxiliaries(head)
    if any(a.lower_ in words().auxiliaries["future"] for a in auxiliaries):
        return "future"
    if _perfect(head, auxiliaries):  # "had met", not "has met" nor "he’s threatened" (tagged as past tenses)
        return "past" if any(a.lower_ == "had" for a in auxiliaries) else None
    return "past" if head.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries) else None


def _dates_by_clause(sent: Span) -> dict[int, list[Span]]:
    """The sentence's DATE and TIME entities by the clause head each is attached to (`_dates_clause`),
    found once per sentence rather than for each head."""
    attached: dict[int, list[Span]] = {}
    for ent in sentence_ents(sent):
        if ent.label_ not in _DATE_LABELS and ent.text.lower() not in NAMED_DAYS:  # "9/11" is a CARDINAL
            continue
        root = _time_of_day(span_root(ent))
        head = next((h for h in (root.head, root.head.head) if _dates_clause(root, h)), None)
        if head is not None:
            attached.setdefault(head.i, []).append(ent)
    return attached
