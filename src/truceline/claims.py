"""Claims: the figures a text states — killed, injured, displaced, hostages, released, evacuated,
aid, money, percentages, durations of a pause or ceasefire, and other counts of people and things.

A number is a figure only when something says what it counts: spaCy's entity label (MONEY,
PERCENT), a cue word on the counted noun or around it ("1,200 people were killed", "released
50 hostages", "1.9 million displaced"), or a noun worth counting ("46 Americans", "20 trucks").
Everything else a number can be — a year, a date, a time, an age, a label ("Resolution 2728",
"phase 2"), "one of" — yields nothing. Questions state nothing and yield nothing either.
The words all this rests on are in `data/claims.toml`.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import cast

from spacy.tokens import Doc, Span, Token

from truceline.counted import change, counted
from truceline.clauses import sentence as clause_facts
from truceline.dates import reference_day, sentence_date
from truceline.numerals import numeral, read_number, starts_number, unit_days
from truceline.records import Claim, ClaimKind, Mention, Qualifier
from truceline.spans import Walk, flattened, sentence_of

_FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY", "DATE", "TIME"}
# Kinds that say what happened to people; "held three meetings" counts no hostages.
_PEOPLE_KINDS = {"killed", "injured", "displaced", "hostages", "released", "evacuated"}
_PERCENT_WORDS = {"percent", "%", "pct", "cent"}  # "cent" of "per cent"
_CURRENCY = {"$", "us$", "usd", "dollar", "dollars", "bucks", "€", "£", "euros"}
_RANGE_WORDS = {"to", "or", "-", "–", "and"}
_FIGURE_BREAKS = {"—", ",", ";", "(", ")"}
# A year: four digits with no comma, read as a figure only when it counts something.
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_PHONE = re.compile(r"\d{3}[-.)\s]\s?\d{3}[-.]\d{4}")


@dataclass(frozen=True)
class Lexicon:
    """The curated words of `data/claims.toml` (its comments say what each list is for)."""

    qualifiers: dict[tuple[str, ...], Qualifier]
    qualifiers_after: dict[tuple[str, ...], Qualifier]
    fillers: frozenset[str]
    cues: dict[str, ClaimKind]
    pair_cues: dict[tuple[str, str], ClaimKind]
    qualifier_verbs: dict[str, Qualifier]
    undergoing: frozenset[str]
    aid_nouns: frozenset[str]
    aid_context: frozenset[str]
    people: frozenset[str]
    things: frozenset[str]
    subject_skip: frozenset[str]
    duration_nouns: frozenset[str]
    duration_verbs: frozenset[str]
    reporting: frozenset[str]
    anonymous: frozenset[str]
    locative: frozenset[str]

    @classmethod
    def load(cls, data: dict) -> Lexicon:
        def phrases(groups: dict[str, list[str]]) -> dict[tuple[str, ...], Qualifier]:
            return {tuple(p.split()): cast(Qualifier, q) for q, ps in groups.items() for p in ps}

        cues = {word: cast(ClaimKind, kind) for kind, words in data["cues"].items() for word in words}
        return cls(
            qualifiers=phrases(data["qualifiers"]),
            qualifiers_after=phrases(data["qualifiers_after"]),
            fillers=frozenset(data["fillers"]["words"]),
            cues={w: k for w, k in cues.items() if " " not in w},
            pair_cues={cast(tuple[str, str], tuple(w.split())): k for w, k in cues.items() if " " in w},
            qualifier_verbs={v: cast(Qualifier, q) for q, vs in data["qualifier_verbs"].items() for v in vs},
            undergoing=frozenset(data["undergoing"]["verbs"]),
            aid_nouns=frozenset(data["aid"]["nouns"]),
            aid_context=frozenset(data["aid"]["context"]),
            people=frozenset(data["countable"]["people"]),
            things=frozenset(data["countable"]["things"]),
            subject_skip=frozenset(data["subject"]["skip"]),
            duration_nouns=frozenset(data["duration"]["nouns"]),
            duration_verbs=frozenset(data["duration"]["verbs"]),
            reporting=frozenset(data["attribution"]["verbs"]),
            anonymous=frozenset(data["attribution"]["anonymous"]),
            locative=frozenset(data["location"]["prepositions"]),
        )


@cache
def lexicon() -> Lexicon:
    with resources.files("truceline").joinpath("data/claims.toml").open("rb") as f:
        return Lexicon.load(tomllib.load(f))


# --- reading a figure: a number (`numerals.read_number`) and its qualifier ----------------------


@dataclass(frozen=True)
class Figure:
    """A number and its qualifier, read from words[first:end]; the unit or counted noun follows."""

    value: float
    qualifier: Qualifier | None
    first: int
    end: int


def parse_figure(phrase: str) -> tuple[float, Qualifier | None] | None:
    """The value and qualifier of a figure as written: "more than 1,200" → (1200, "over"),
    "$70 billion" → (70e9, None), "two dozen" → (24, None), "21-day" → (21, None)."""
    words = re.findall(r"\d[\d,.]*\d|\d|[$%€£+]|[^\W\d_]+(?:[’'][^\W\d_]+)?|-", phrase.lower())
    figure = read_figure(words, lexicon())
    return None if figure is None else (figure.value, figure.qualifier)


def read_figure(words: Sequence[str], lex: Lexicon) -> Figure | None:
    """The figure at the start of lowercase `words` (as spaCy or `parse_figure` splits them),
    with the qualifier before or after it. A range ("between 50 and 100", "10 to 15") reads as
    its upper bound, qualified "up to" unless the text says otherwise."""
    qualifier, i = _qualifier_before(words, 0, lex)
    while i < len(words) and words[i] in lex.fillers and not starts_number(words, i):
        i += 1
    first = 0 if qualifier else i
    while i < len(words) and words[i] in _CURRENCY:
        i += 1
    number = read_number(words, i)
    if number is None:
        return None
    value, end = number
    if qualifier is None and "couple" in words[i:end]:
        qualifier = "about"  # "a couple of hundred hostages"
    after, end = _qualifier_after(words, end, lex)
    if after is None and (upper := _range_end(words, end, lex)) is not None:
        value, end = upper
        qualifier = qualifier or "up to"
    return Figure(float(value), after or qualifier, first, end)


def _qualifier_before(words: Sequence[str], i: int, lex: Lexicon) -> tuple[Qualifier | None, int]:
    found: tuple[Qualifier | None, int] = (None, i)
    for phrase, qualifier in lex.qualifiers.items():
        if tuple(words[i:i + len(phrase)]) == phrase and i + len(phrase) > found[1]:
            found = (qualifier, i + len(phrase))
    return found


def _qualifier_after(words: Sequence[str], i: int, lex: Lexicon) -> tuple[Qualifier | None, int]:
    for phrase, qualifier in lex.qualifiers_after.items():
        if tuple(words[i:i + len(phrase)]) == phrase:
            return qualifier, i + len(phrase)
    return None, i


def _range_end(words: Sequence[str], i: int, lex: Lexicon) -> tuple[Decimal, int] | None:
    """The upper bound of "X to Y", "X or Y", "X-Y", "X and Y" (after "between"), "2- to 3,000"."""
    j = i
    while j < len(words) and words[j] in _RANGE_WORDS and j - i < 2:
        j += 1
        number = read_number(words, j)
        if number is not None:
            return number
    return None


# --- finding figures in a parsed document -------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """A figure read in a sentence, before its place, source and date are looked up."""

    kind: ClaimKind
    figure: Figure
    subject: str | None
    anchor: Token  # the counted noun, or the number when it stands alone
    tokens: tuple[Token, ...]  # what the span covers


def may_state_a_figure(words: frozenset[str]) -> bool:
    """Whether a sentence, by its lowercase words, may state a figure: it holds a word that
    `read_number` reads as a number, or as its scale ("a hundred")."""
    return any(numeral(word) for word in words)


def find_claims(doc: Doc, mentions: Sequence[Mention], published: date | None) -> list[Claim]:
    """Every figure the document states, in text order.

    `text` is the sentence; `start`/`end` are the character span of the figure's own phrase
    in `doc.text` — qualifier, number, counted noun and the nearby word that says what it
    counts ("more than 1,200 people who were killed") — so a reader can highlight the figure
    itself, and two figures of one sentence do not share a span. `as_of` is the date the
    sentence states, never the publication date.
    """
    lex = lexicon()
    claims: list[Claim] = []
    ents, next_ent = doc.ents, 0  # walked once beside the sentences: `Span.ents` rescans the document
    for sent in doc.sents:
        in_sent = []
        while next_ent < len(ents) and ents[next_ent].start < sent.end:
            if ents[next_ent].start >= sent.start:
                in_sent.append(ents[next_ent])
            next_ent += 1
        if clause_facts(sent).question:  # a question states no figure
            continue
        found = _distinct([f for span in _number_spans(sent, in_sent) if (f := _read(span, sent, lex)) is not None])
        if not found:
            continue
        as_of = sentence_date(sent, reference_day(doc, published))  # a briefing's day, if stated
        for f in found:
            first, last = min(f.tokens, key=lambda t: t.i), max(f.tokens, key=lambda t: t.i)
            claims.append(Claim(
                kind=f.kind, value=f.figure.value, qualifier=f.figure.qualifier, subject=f.subject,
                location=_location(f, mentions, lex), as_of=as_of,
                attributed_to=_source(f.anchor, sent, mentions, lex), text=sent.text,
                start=first.idx, end=last.idx + len(last),
                counted=counted(f.kind, f.subject), change=change(doc[first.i:last.i + 1], f.anchor),
            ))
    return claims


def _number_spans(sent: Span, ents: list[Span]) -> Iterator[Span]:
    """spaCy's number entities, split where one holds two figures ("more than $2 million —
    $200 million", "300, 400"), and the numbers it left outside any entity."""
    covered: set[int] = set()
    for ent in ents:
        if ent.label_ in _FIGURE_LABELS:
            start = ent.start
            for token in ent:
                if token.text in _FIGURE_BREAKS:
                    if token.i > start:
                        yield Span(sent.doc, start, token.i, label=ent.label_)
                    start = token.i + 1
            if start < ent.end:
                yield Span(sent.doc, start, ent.end, label=ent.label_)
        covered.update(range(ent.start, ent.end))
    for token in sent:
        if token.i not in covered and token.pos_ == "NUM" and token.like_num:
            yield sent.doc[token.i:token.i + 1]


def _read(span: Span, sent: Span, lex: Lexicon) -> _Found | None:
    doc = sent.doc
    start = _qualifier_start(span, sent, lex)
    window = [t for t in doc[start:min(sent.end, span.end + 4)] if not t.is_space]
    figure = read_figure([t.lower_ for t in window], lex)
    if figure is None or figure.first >= span.end - start:
        return None
    if figure.qualifier is None and _range_before(doc, start, sent):
        figure = dataclasses.replace(figure, qualifier="up to")
    number = window[figure.first:figure.end]
    rest = [t for t in window[figure.end:] if t.text not in ("-", "–")]
    if [t.lower_ for t in rest[:2]] == ["per", "cent"]:
        rest = rest[1:]
    unit = rest[0] if rest else None
    if _not_a_figure(number, unit, sent):
        return None
    label = span.label_
    # spaCy's labels are only a hint: it calls "43 per cent" and "800,000 new manufacturing jobs" MONEY.
    if (label == "PERCENT" and not _is_money(number, unit)) or (unit is not None and unit.lower_ in _PERCENT_WORDS):
        return _percent(figure, number, unit, lex)
    if _is_money(number, unit):
        return _money(figure, number, unit, lex)
    if unit is not None and unit_days(unit) is not None:
        return _duration(figure, number, unit, lex)
    if label in ("DATE", "TIME"):
        return None
    return _count(figure, number, lex, quantity=label == "QUANTITY")


def _is_money(number: Sequence[Token], unit: Token | None) -> bool:
    return any(t.lower_ in _CURRENCY for t in number) or (unit is not None and unit.lower_ in _CURRENCY)


def _qualifier_start(span: Span, sent: Span, lex: Lexicon) -> int:
    """Where the figure starts, taking in a currency sign and a qualifier spaCy left out of the
    entity ("as many as 20", "$58")."""
    before = [t for t in span.doc[max(sent.start, span.start - 12):span.start] if not t.is_space]
    start = span.start
    if before and before[-1].lower_ in _CURRENCY:
        start = before.pop().i
    for size in (4, 3, 2, 1):
        if len(before) >= size and tuple(t.lower_ for t in before[-size:]) in lex.qualifiers:
            return before[-size].i
    return start


def _range_before(doc: Doc, start: int, sent: Span) -> bool:
    """Whether the figure ends a range spaCy split: "2- to 3,000 Hamas fighters"."""
    before = [t for t in doc[max(sent.start, start - 3):start] if not t.is_space]
    return len(before) >= 2 and before[-1].lower_ == "to" and (before[-2].like_num or before[-2].text == "-")


def _not_a_figure(number: Sequence[Token], unit: Token | None, sent: Span) -> bool:
    """Labels, years, ages, "one of", phone numbers and numbers in links."""
    doc = sent.doc
    first, last = number[0], number[-1]
    preceding = [t for t in doc[max(sent.start, first.i - 6):first.i] if not t.is_space]
    before = preceding[-1] if preceding else None
    words = [t.lower_ for t in number]
    after = [t.lower_ for t in doc[last.i + 1:last.i + 8] if not t.is_space][:3]
    window = doc[max(sent.start, first.i - 3):min(sent.end, last.i + 6)].text
    return bool(
        (before is not None and before.pos_ in ("NOUN", "PROPN") and not before.is_punct)  # "Resolution 2728"
        or (words == ["one"] and after[:1] in (["of"], ["another"], ["that"], ["who"], ["which"]))  # a pronoun
        or (before is not None and before.lower_ in ("every", "each", "per"))  # a rate: "every 10 hostages"
        or (before is not None and before.lower_ == "in" and len(preceding) > 1 and preceding[-2].like_num)
        or after[:1] in ([":"], [")"])  # a list item or label: "One: Last week, ..."
        or "old" in after[:3] and unit is not None and unit.lower_ in ("year", "years")  # "a 6-year-old"
        or _PHONE.search(window)
        or any(c in t.text for t in number for c in "/@#:")  # times of day, links, handles
        or any(t.like_url or t.text in ("/", "#", "@") for t in doc[max(sent.start, first.i - 1):last.i + 2])
    )


def _count(figure: Figure, number: Sequence[Token], lex: Lexicon, quantity: bool) -> _Found | None:
    """A number that counts people or things: its kind from cue words, else from the noun."""
    root = _root(number)
    head = _head_noun(root)  # "1,200 people", "400 total"
    anchor = head or root  # where the parse says what happened to the counted
    noun = head or _of(root, adjacent=True)  # or "50 of the hostages"
    if noun is not None and noun.lemma_.lower() in lex.subject_skip:
        noun = None  # "gotten out 400 total" counts no "total"
    if len(number) == 1 and _YEAR.match(number[0].text) and (noun is None or noun.tag_ != "NNS"):
        return None  # a year, not a figure
    kind, cue = _cue_kind(anchor, noun, lex)
    if kind in _PEOPLE_KINDS and noun is not None and not _counts_people(noun, lex):
        kind, cue = None, None
    if kind is None and noun is not None:
        kind = _noun_kind(noun, lex)
    if kind is None or (quantity and kind != "aid"):
        return None
    figure = _verb_qualifier(figure, root, lex)
    if not quantity and (figure.value % 1 or (kind == "count" and figure.value < 2)):
        return None  # "the 1.5 innocent civilians" is a slip of the tongue, "one body" no figure
    tokens = [*number, *([noun] if noun is not None else []), *_near(cue, number)]
    subject = _phrase(noun, lex, after=number[-1].i) if noun is not None else None
    if quantity and noun is not None:  # "18,000 gallons of fuel": the fuel is what is counted
        subject = _of_phrase(noun, lex) or subject
    return _Found(kind, figure, subject, anchor, tuple(tokens))


def _money(figure: Figure, number: Sequence[Token], unit: Token | None, lex: Lexicon) -> _Found:
    root = _root(number)
    figure = _verb_qualifier(figure, root, lex)
    what = _purpose(root, lex)
    tokens = [*number, *([unit] if unit is not None and unit.lower_ in _CURRENCY else []), *_near(what, number)]
    return _Found("money", figure, _phrase(what, lex) if what is not None else None, root, tuple(tokens))


def _percent(figure: Figure, number: Sequence[Token], unit: Token | None, lex: Lexicon) -> _Found | None:
    percent = unit if unit is not None and unit.lower_ in _PERCENT_WORDS else _root(number)
    of = _of(percent) or _of(_root(number))
    if figure.value >= 100 and of is None:
        return None  # "100 percent sure", "100 percent support": emphasis, not a share
    tokens = [*number, percent, *_near(of, number)]
    return _Found("percent", figure, _phrase(of, lex) if of is not None else None, percent, tuple(tokens))


def _duration(figure: Figure, number: Sequence[Token], unit: Token, lex: Lexicon) -> _Found | None:
    """A number of days, weeks, hours or months that measures a pause, truce or phase."""
    head = unit.head
    measured: Token | None = None
    if head.i > unit.i and head.lemma_.lower() in lex.duration_nouns and unit.dep_ in (
            "compound", "nmod", "amod", "npadvmod", "nummod"):
        measured = head  # "a 21-day ceasefire"
    elif unit.dep_ == "pobj" and head.lower_ in ("for", "of", "by") and (
            head.head.lemma_.lower() in lex.duration_nouns | lex.duration_verbs):
        measured = head.head  # "a ceasefire of six weeks", "extended for two days"
    elif unit.dep_ in ("dobj", "npadvmod") and head.lemma_.lower() in lex.duration_verbs:
        measured = head  # "will last six weeks"
    elif unit.dep_ == "attr" and head.lemma_ == "be":
        measured = next((c for c in head.children if c.dep_ == "nsubj" and c.lemma_.lower() in lex.duration_nouns), None)
        # "First phase is 42 days"
    if measured is None:
        return None
    if measured.lemma_.lower() in lex.duration_verbs:  # what lasts: "the pause ... has been extended"
        subject = next((c for c in measured.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.tag_ == "WDT" and measured.dep_ == "relcl":
            subject = measured.head  # "the pause, which has been extended"
        if subject is not None and subject.lemma_.lower() in lex.duration_nouns:
            measured = subject
    days = Figure(figure.value * unit_days(unit), figure.qualifier, figure.first, figure.end)
    subject = _phrase(measured, lex, after=unit.i) if measured.lemma_.lower() in lex.duration_nouns else None
    return _Found("duration", days, subject, unit, (*number, unit, *_near(measured, number)))


def _verb_qualifier(figure: Figure, root: Token, lex: Lexicon) -> Figure:
    """A bound stated by the verb: "damages now exceed USD 486 billion" is over 486 billion."""
    if figure.qualifier is None and root.dep_ == "dobj" and (
            qualifier := lex.qualifier_verbs.get(root.head.lemma_.lower())):
        return dataclasses.replace(figure, qualifier=qualifier)
    return figure


# --- what a number counts -----------------------------------------------------------------


def _root(number: Sequence[Token]) -> Token:
    """The number's syntactic head: the token whose head lies outside the number."""
    token = number[-1]
    inside = {t.i for t in number}
    while token.head.i in inside and token.head.i != token.i:
        token = token.head
    return token


def _head_noun(root: Token) -> Token | None:
    """The noun the number modifies: "1,200 people", "200 million more women"."""
    head = root.head
    if head.lower_ in ("more", "additional", "other") and head.dep_ == "amod":
        head = head.head
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det", "npadvmod") and head.i > root.i \
            and head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def _of(token: Token, adjacent: bool = False) -> Token | None:
    """The object of an "of" that hangs off the token ("70 percent of the population"),
    right after it if `adjacent`."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and (not adjacent or prep.i == token.i + 1):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN") and not obj.like_num:
                    return obj
    return None


def _cue_kind(anchor: Token, noun: Token | None, lex: Lexicon) -> tuple[ClaimKind | None, Token | None]:
    """The kind a cue word gives the figure, and the cue: first the words that govern the
    figure ("released 50 hostages", "the deaths of 30,000", "50 of the hostages have been
    killed"), then the counted noun's own modifiers ("1.9 million displaced Palestinians",
    "1,200 people who were killed")."""
    for token in _governors(anchor, lex):
        if kind := _cue(token, lex, partner=noun):  # "hostages have been returned"
            return kind, token
    for owner in dict.fromkeys((anchor, noun or anchor)):
        for token in _modifiers(owner):
            if kind := _cue(token, lex, partner=owner):  # "lives lost"
                return kind, token
    return None, None


def _governors(anchor: Token, lex: Lexicon) -> Iterator[Token]:
    """The verbs and nouns that say what happened to the counted noun, up its parse: through
    "including", "among" and apposition to the larger group ("1,200 people, including 46
    Americans"), through "of" to a noun ("the release of 50 hostages"), and on to the verb."""
    token = anchor
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return
        if token.dep_ == "pobj" and head.lower_ in ("including", "among"):
            token = head.head
            yield token
            if token.pos_ in ("VERB", "AUX"):
                yield from _complements(token)
                return
            yield from _modifiers(token)
            continue
        if token.dep_ in ("appos", "conj") and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            token = head
            continue
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            yield head.head  # "the release of", "the deaths of"
            return
        if token.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in head.children):
            # The subject of "kill 1,400 people" is an agent, not a victim; the subject of
            # "have left Gaza" or "lost their lives" is still the one it happens to.
            if head.lemma_.lower() in lex.undergoing:
                yield head
            return
        if token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "ROOT", "csubj"):
            yield head
            yield from _complements(head)
        return


def _complements(verb: Token) -> Iterator[Token]:
    """What completes a light verb: "were able to enter", "are dead", "among those killed"."""
    return flattened(_complements_walk(verb))


def _complements_walk(verb: Token) -> Walk:
    for child in verb.children:
        if child.dep_ in ("acomp", "xcomp", "attr", "oprd"):
            yield child
            yield from (c for c in child.children if c.dep_ in ("xcomp", "acl", "relcl"))
        elif child.dep_ == "prep" and child.lower_ == "among":
            for obj in child.children:
                yield _modifiers_walk(obj)


def _modifiers(noun: Token) -> Iterator[Token]:
    """Adjectives and clauses on the noun ("displaced", "killed", "who were taken hostage")."""
    return flattened(_modifiers_walk(noun))


def _modifiers_walk(noun: Token) -> Walk:
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl"):
            yield child
            if child.dep_ != "amod":
                yield _complements_walk(child)


def _cue(token: Token, lex: Lexicon, partner: Token | None = None) -> ClaimKind | None:
    """The kind the word says, alone or with one of its children or `partner` ("taken hostage")."""
    lemma = token.lemma_.lower()
    if kind := lex.cues.get(lemma) or lex.cues.get(token.lower_):
        return kind
    for other in (*token.children, *([partner] if partner is not None else [])):
        pair = lex.pair_cues.get((lemma, other.lemma_.lower())) or lex.pair_cues.get((other.lemma_.lower(), lemma))
        if pair:
            return pair
    return None


def _noun_kind(noun: Token, lex: Lexicon) -> ClaimKind | None:
    """The kind the counted noun gives on its own: "240 hostages", "20 trucks" of aid, "46 Americans"."""
    lemma = noun.lemma_.lower()
    if kind := lex.cues.get(lemma) or lex.cues.get(noun.lower_):
        return kind
    if lemma in lex.aid_nouns and _speaks_of_aid(sentence_of(noun), lex):
        return "aid"
    if _counts_people(noun, lex) or (noun.pos_ == "NOUN" and lemma in lex.things):
        return "count"
    return None


def _counts_people(noun: Token, lex: Lexicon) -> bool:
    """Whether the noun names people: "civilians", "American citizens", "46 Americans"."""
    lemma = noun.lemma_.lower()
    return (noun.pos_ == "NOUN" and (lemma in lex.people or noun.lower_ in lex.people)) or (
        noun.ent_type_ == "NORP" and noun.tag_ == "NNPS") or lex.cues.get(lemma) in _PEOPLE_KINDS


def _speaks_of_aid(sent: Span, lex: Lexicon) -> bool:
    """Whether the sentence, or the two before it, speak of aid ("It started with about 10 trucks")."""
    doc, start = sent.doc, sent.start
    for _ in range(2):
        start = sentence_of(doc[start - 1]).start if start > 0 else start
    return any(t.lemma_.lower() in lex.aid_context or t.lower_ in lex.aid_context for t in doc[start:sent.end])


def _purpose(root: Token, lex: Lexicon) -> Token | None:
    """What money is for: "$100 million in humanitarian assistance", "a $1.5 billion package",
    "$827 million worth of weapons"."""
    what: Token | None = None
    if root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.i > root.i and root.head.pos_ == "NOUN" \
            and root.head.lower_ not in _CURRENCY:
        what = root.head
    for prep in root.children:
        if what is None and prep.dep_ == "prep" and prep.lower_ in ("in", "for", "of"):
            what = next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")), None)
    if what is not None and what.lemma_.lower() in lex.subject_skip:
        return _of(what)
    return what


def _of_phrase(noun: Token, lex: Lexicon) -> str | None:
    of = _of(noun)
    return _phrase(of, lex) if of is not None else None


def _phrase(noun: Token, lex: Lexicon, after: int = -1) -> str:
    """The noun with the modifiers right before it that say what it is ("American citizens",
    "humanitarian assistance"), without numbers, determiners or cue words ("displaced"), and
    without anything at or before token `after` (the figure itself: "four-hour pauses")."""
    start = noun.i
    doc = noun.doc
    while start - 1 > after:
        prev = doc[start - 1]
        if not (prev.dep_ in ("amod", "compound", "nmod") and prev.head.i in range(start, noun.i + 1)):
            break
        if prev.like_num or prev.lower_ in lex.subject_skip or _cue(prev, lex) or prev.is_punct:
            break
        start -= 1
        while start - 1 > after and doc[start - 1].whitespace_ == "" and not doc[start - 1].is_space:
            start -= 1  # the rest of a hyphenated word: "conflict-affected"
    end = noun.i + 1
    while end < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text == "-" and end + 1 < len(doc):
        end += 2  # "co-financing"
    return " ".join(doc[start:end].text.split())


def _near(token: Token | None, number: Sequence[Token]) -> list[Token]:
    """The token, if it stands close enough to the number to belong to the figure's phrase."""
    if token is None or min(abs(token.i - number[0].i), abs(token.i - number[-1].i)) > 6:
        return []
    return [token]


def _distinct(found: list[_Found]) -> list[_Found]:
    """One claim per figure: a number restated in a sentence ("1,200 — 1,200 people — more
    than 1,200 people who were killed") keeps its most specific reading."""
    specific = {f.figure.value for f in found if f.kind != "count"}
    kept: dict[tuple[float, str], _Found] = {}
    for f in found:
        if f.kind == "count" and f.figure.value in specific:
            continue
        known = kept.get((f.figure.value, f.kind))
        if known is None or (known.figure.qualifier is None and f.figure.qualifier is not None):
            kept[f.figure.value, f.kind] = f
    return sorted(kept.values(), key=lambda f: f.tokens[0].i)


# --- where, and who says so ---------------------------------------------------------------


def _location(found: _Found, mentions: Sequence[Mention], lex: Lexicon) -> str | None:
    """A place tied to the figure by a preposition or possessive ("in Gaza", "Gaza's 2.2
    million", "$100 million in assistance for the people in Gaza"). "from" names where people
    were evacuated from, but where money comes from."""
    prepositions = lex.locative if found.kind == "evacuated" else lex.locative - {"from"}
    # Money and shares are placed by their own phrase: where money is announced is not where it goes.
    heads = () if found.kind in ("money", "percent") else tuple(_clause_heads(found.anchor))
    clauses = tuple(c for c in found.anchor.children if c.dep_ in ("acl", "relcl"))  # "trucks ... getting into Gaza"
    for token in (found.anchor, *clauses, *heads):
        if place := _place_below(token, prepositions, mentions, depth=3):
            return place
    return None


def _place_below(token: Token, prepositions: frozenset[str], mentions: Sequence[Mention], depth: int) -> str | None:
    for child in token.children:
        if child.dep_ == "poss" and depth == 3 and (place := _place(child, mentions)):
            return place
        if child.dep_ != "prep":
            continue
        for obj in _objects(child):
            if child.lower_ in prepositions and (place := _place(obj, mentions)):
                return place
            if depth > 1 and (place := _place_below(obj, prepositions, mentions, depth - 1)):
                return place
    return None


def _clause_heads(anchor: Token) -> Iterator[Token]:
    """The verbs above the anchor up to its clause ("1,200 people were killed in Israel")."""
    token = anchor
    for _ in range(3):
        if token.head.i == token.i or token.dep_ in ("ccomp", "advcl", "relcl", "conj", "parataxis"):
            return
        token = token.head
        yield token
        if token.pos_ in ("VERB", "AUX"):
            return


def _objects(prep: Token) -> Iterator[Token]:
    """The objects of a preposition, through a second one ("out of Gaza") and conjunctions."""
    return flattened(_objects_walk(prep))


def _objects_walk(prep: Token) -> Walk:
    for child in prep.children:
        if child.dep_ == "pobj":
            yield child
            yield from child.conjuncts
        elif child.dep_ == "prep":
            yield _objects_walk(child)


def _place(token: Token, mentions: Sequence[Mention]) -> str | None:
    mention = _mention_at(token.idx, token.idx + len(token), mentions)
    if mention is not None and mention.actor.kind in ("state", "other") and token.ent_type_ not in ("ORG", "PERSON", "NORP"):
        return mention.actor.canonical
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        doc, start, end = token.doc, token.i, token.i + 1
        while doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return " ".join(doc[start:end].text.removeprefix("the ").split())
    return None


def _source(anchor: Token, sent: Span, mentions: Sequence[Mention], lex: Lexicon) -> str | None:
    """Who states the figure: "according to X", or the subject of a reporting verb whose
    clause holds it ("Hamas said that 50 of the hostages have been killed")."""
    for token in sent:
        if token.lower_ == "according":
            for to in token.children:
                for obj in (to.children if to.lower_ == "to" else ()):
                    if obj.dep_ == "pobj":
                        return _name(obj, mentions, lex)
    token = anchor
    while token.head.i != token.i:
        came, token = token.dep_, token.head
        lemma = token.lemma_.lower()
        if lemma in lex.reporting and (came in ("ccomp", "parataxis") or (came == "dobj" and lemma != "say")):
            # The subject nearest the verb: "MS. JEAN-PIERRE: ... Q ... the Committee to Protect Journalists says"
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            return _name(subjects[-1], mentions, lex) if subjects else None
    return None


def _name(token: Token, mentions: Sequence[Mention], lex: Lexicon) -> str | None:
    """An actor's canonical name when the dictionary knows the phrase's head ("the Hamas-run
    health ministry"), else the phrase as written ("the Somali government")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ in lex.anonymous:
        return None
    mention = _mention_at(token.idx, token.idx + len(token), mentions)
    if mention is not None:
        return mention.actor.canonical
    return _phrase(token, lex)


def _mention_at(start: int, end: int, mentions: Sequence[Mention]) -> Mention | None:
    return next((m for m in mentions if m.start < end and start < m.end), None)
