"""When an agreement takes effect, how many days it lasts and which phases a sentence names: a date
or length that hangs from the agreement or its cue ("a 21-day ceasefire", "will begin on July
5", "This first phase").

Hand-written, as the whole package is: no maintained library codes agreement frames."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Span, Token

from truceline import clauses, numerals
from truceline.agreement_lexicon import Lexicon
from truceline.agreements.cues import Cue
from truceline.agreements.nouns import Trigger
from truceline.dates import reference_day, resolve_date
from truceline.spans import sentence_ents


def effective(sent: Span, status: str, cue: Cue, published: date | None, lex: Lexicon) -> date | None:
    """The date the agreement takes effect, when a date hangs from an effect word."""
    if status not in ("agreed", "in_force", "extended"):
        return None
    for ent in sentence_ents(sent):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        anchors = {a.lemma_.lower() for a in list(ent.root.ancestors)[:3]}
        if anchors & lex.effect or (cue.status == "in_force" and cue.head in ent.root.ancestors):
            day = resolve_date(ent.text, reference_day(sent.doc, published), future=_future(ent, lex))
            if day is not None:
                return day
    return None


def _future(ent: Span, lex: Lexicon) -> bool:
    """Whether a date is read forwards: its verb is in the future ("will begin on July 5")."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return True  # "effective at 4:00 a.m. tomorrow": an announcement looks ahead
    words = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(w.lower_ in clauses.words().auxiliaries["future"] | lex.hedges["scheduled"] for w in words)


def duration(sent: Span, members: list[Trigger], cue: Cue, lex: Lexicon) -> float | None:
    """Days the agreement lasts: "21-day ceasefire", "extension over the next 48 hours"."""
    close = {m.root.i for m in members}
    if cue.status == "extended":  # "an extension over the next 48 hours"
        close |= {t.i for t in cue.tokens}
    for member in members:  # "under a deal reached today, fighting will halt for four days"
        if member.root.dep_ == "compound":
            close.add(member.root.head.i)  # "the 60-day ceasefire period"
        verb = next((a for a in member.root.ancestors if a.pos_ in ("AUX", "VERB")), None)
        if verb is not None:
            close.add(verb.i)
        # "a deal ..., which would bring a period of calm for at least six weeks"
        close.update(c.i for c in member.root.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("AUX", "VERB"))
    for token in sent:
        days = numerals.duration_days(token)
        if days is None or not _a_length(token, lex):
            continue
        if token.i in close:
            return days
        for ancestor in list(_unmeasured(token.ancestors, lex))[:3]:
            if ancestor.pos_ == "ADP" and ancestor.lower_ in lex.not_duration:
                break
            if ancestor.i in close:
                return days
    return None


def _unmeasured(ancestors: Iterable[Token], lex: Lexicon) -> Iterator[Token]:
    """The words above a length, those that only measure it left out: "a ceasefire over a period
    of at least six weeks" is a six-week ceasefire."""
    return (a for a in ancestors if not (a.lemma_.lower() in lex.measures
                                         or (a.lower_ == "of" and a.head.lemma_.lower() in lex.measures)))


def _a_length(unit: Token, lex: Lexicon) -> bool:
    """Whether "N days" is a length of time, not a distance ("two months prior") nor the length
    of something else ("three days of talks")."""
    first = unit.i
    while first > unit.sent.start and (unit.doc[first - 1].text in ("-", "–") or unit.doc[first - 1].like_num):
        first -= 1
    if first > unit.sent.start and unit.doc[first - 1].lower_ in lex.age:
        return False  # "the now 15-month long truce" says how long it has held
    after = unit.doc[unit.i + 1] if unit.i + 1 < unit.sent.end else None
    if after is None:
        return True
    if after.lower_ in lex.not_duration_after:
        return False
    if after.lower_ == "of":
        return any(t.lemma_.lower() in lex.lasting for t in after.children)
    return True


def named_phases(sent: Span, lex: Lexicon) -> list[tuple[int, int]]:
    """(phase number, character offset) of each phase the sentence names."""
    found = []
    for match in lex.phase.finditer(sent.text):
        number = lex.number(match.group(1) or match.group(2))
        if number:
            found.append((number, sent.start_char + match.start()))
    return found


def nearest_phase(phases: Iterable[tuple[int, int]], cue: Cue) -> int | None:
    """The phase named nearest the status cue."""
    nearest = min(phases, key=lambda p: abs(p[1] - cue.head.idx), default=None)
    return nearest[0] if nearest else None
