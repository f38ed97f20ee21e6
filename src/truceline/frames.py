"""Frames: the mentions of one agreement in a document, read together.

The agreements stage reads each sentence alone: "Hamas and Israel have agreed on a humanitarian
pause", "it will last four days", "mediated by Qatar, Egypt and the US" are three mentions, none
with every field. A frame groups the mentions of one agreement in a document and gives each of
them what the whole document says of it (kind, conflict, parties, mediators, proposers, effective
date, duration, phases, terms, scope), with the span of the sentence that states each value. What a
sentence says of the agreement's stage (its status, the phase it speaks of, who violated it) stays
its own: those are the agreement's history.

A sentence that names no agreement may still credit its talks' mediator ("thanked President
El-Sisi for his leadership in the facilitation of negotiations"): the frame named nearest before
it (or else after it) takes that mediator.

A mention joins the latest frame of the document it can belong to: the same conflict, a kind of
the same family ("the deal" is any), and no other start or length ("a lasting ceasefire" has none
beside a six-week deal). A mention whose sentence names no war is of the war the sentence before
it names ("... the Democratic Republic of Congo. We welcome the cessation of hostilities agreed in
March"; a question's, for its answer), else of the war the document is about; in a document about
several, it stays apart rather than join whichever was named last.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from truceline.agreement_lexicon import lexicon
from truceline.conflicts import conflict_of, sides, weights
from truceline.records import Agreement, AgreementKind, Evidence

# Kinds of one family can name one agreement (the November 2023 truce is also "the pause");
# "deal" and "proposal" can name any. A peace agreement is never its ceasefire, nor a prisoner exchange.
FAMILY = {"pause": "truce", "truce": "truce", "ceasefire": "ceasefire", "peace": "peace", "exchange": "exchange"}
# The families that name a halt to the fighting: a truce and a ceasefire reached may be one.
_HALTS = frozenset({"truce", "ceasefire"})
# The statuses that report an agreement reached.
REACHED = frozenset({"agreed", "in_force", "extended", "violated"})
# Fields a frame fills from all its mentions, in the order the record lists them.
_SHARED = ("parties", "mediators", "proposers", "effective", "duration_days", "phases", "terms", "scope",
           "proper_name")
# Effective dates this close are one start ("agreed today, effective 4 a.m. tomorrow").
_SAME_START = 2


@dataclass
class _Frame:
    members: list[int] = field(default_factory=list)  # indices of the document's mentions
    conflict: str | None = None
    families: set[str] = field(default_factory=set)  # one, or a truce and a ceasefire both reached
    reached: bool = False  # a member reports the agreement reached
    effective: date | None = None
    duration: float | None = None  # the agreement's own length, not an extension's
    open_ended: bool = False  # asked for with no end, and no length
    scope: str | None = None  # partial or complete, where a mention says
    proper_name: str | None = None  # "Good Friday Agreement"
    guessed: bool = False  # its war is the one the document's other agreements are of: none of its mentions names one


def frame_agreements(mentions: Sequence[Agreement], text: str, credits: Sequence[Evidence] = ()) -> list[Agreement]:
    """The document's mentions (in text order), each with its frame's number and fields.
    `credits`: mediators of the talks, and sides replying to it, that sentences naming no
    agreement credit (`agreements.talks_credits`), each given to the frame named nearest before
    it, else after."""
    frames: list[_Frame] = []
    placed = {m.start for m in mentions if m.conflict}  # sentences whose places belong to one of their agreements
    prior = weights(_SENTENCE_END.split(text))
    for i, mention in enumerate(mentions):
        # "the rejection of this temporary ceasefire and the efforts for a ceasefire in Gaza": Gaza
        # is where the second is; the first is not placed by its sentence's words
        words = "" if mention.start in placed else mention.text
        own = (mention.conflict or conflict_of(mention.parties, words)
               or conflict_of(mention.parties, _sentence_before(text, mention.start)) or _about(mention, prior))
        # the latest frame it fits, of its own family first: "this recommended ceasefire" is the
        # 21-day ceasefire's, not the comprehensive agreement's named since
        fitting = [f for f in reversed(frames) if _fits(f, mention, own, mentions)]
        family = FAMILY.get(mention.kind)
        frame = next((f for f in fitting if family in f.families), fitting[0] if fitting else None)
        if frame is None:
            frame = _Frame()
            frames.append(frame)
        frame.members.append(i)
        frame.conflict = frame.conflict or own
        if family:
            frame.families.add(family)
        frame.reached = frame.reached or mention.status in REACHED
        frame.effective = frame.effective or mention.effective
        if mention.status != "extended":
            frame.duration = frame.duration or mention.duration_days
        frame.open_ended = frame.open_ended or _open_ended(mention)
        frame.scope = frame.scope or mention.scope
        frame.proper_name = frame.proper_name or mention.proper_name
    # a frame naming no war is of a war the document's other agreements are of, where they are of
    # any, not of one it names in passing ("the fall of the Assad regime in Syria"); and then it is
    # the agreement of that war it can be (_joined)
    placed_wars = Counter({f.conflict: prior[f.conflict] or 1 for f in frames if f.conflict})
    for frame in frames if placed_wars else ():
        if frame.conflict is None:
            frame.conflict = conflict_of(_union(mentions[i].parties for i in frame.members), "", placed_wars)
            frame.guessed = frame.conflict is not None
    placed_wars = placed_wars or prior
    frames = _joined(frames)
    owner = {i: number for number, frame in enumerate(frames) for i in frame.members}
    credited: dict[int, list[Evidence]] = {}
    for credit in credits if mentions else ():
        before = [i for i, m in enumerate(mentions) if m.start <= credit.start]
        credited.setdefault(owner[before[-1] if before else 0], []).append(credit)
    framed: dict[int, Agreement] = {}
    for number, frame in enumerate(frames):
        members = [mentions[i] for i in frame.members]
        replying = tuple(c.value for c in credited.get(number, []) if c.field == "parties")
        conflict = frame.conflict or conflict_of(_union([*(m.parties for m in members), replying]), "", placed_wars)
        for i, filled in zip(frame.members, _fill(members, number, conflict, credited.get(number, []))):
            framed[i] = filled
    return [framed[i] for i in range(len(mentions))]


def _sentence_before(text: str, start: int) -> str:
    """The sentence before the one at `start`, what a reader has just read: the one before it in
    its paragraph, or the question its answer's paragraph answers ("Q Will you get a ceasefire in
    Gaza? / THE PRESIDENT: You ask me how I get a ceasefire in — I think so")."""
    back = max(0, start - _LONGEST_SENTENCE)
    ends = [back, *(m.end() for m in _SENTENCE_END.finditer(text, back, start))]
    return text[ends[-2]:ends[-1]] if len(ends) > 1 else ""


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+|\n\s*")  # the clean stage leaves a paragraph on one line
_LONGEST_SENTENCE = 2000


def _about(mention: Agreement, prior: Counter[str]) -> str | None:
    """The war the document is about, for a mention that names none: the one its parties point
    to, or whose places it names more often than those of all others together."""
    named = conflict_of(mention.parties, "", prior)
    return named if named and (mention.parties or 2 * prior[named] > prior.total()) else None


def _fits(frame: _Frame, mention: Agreement, conflict: str | None, mentions: Sequence[Agreement]) -> bool:
    if conflict != frame.conflict:
        return False
    family = FAMILY.get(mention.kind)
    if family and frame.families and family not in frame.families and not _one_reached(frame, mention, conflict):
        return False
    if any(m.start == mention.start and m.kind != mention.kind and _a_peace_wanted(m, mention)
           for m in (mentions[i] for i in frame.members)):
        return False  # "a deal in Gaza that ... paves the way for a lasting peace": its sentence names two
    if not family and frame.families & _HALTS and _settlement(mention):
        return False  # "a comprehensive agreement" to negotiate during a 21-day ceasefire is not that ceasefire
    if mention.proper_name != frame.proper_name:
        # the Dayton Peace Agreement is no other agreement of its war; and "the peace plan" beside
        # "the Abraham Accords" is not them: a frame of a name holds that name's mentions only
        return False
    if mention.scope and frame.scope and mention.scope != frame.scope:
        return False  # "a partial ceasefire against energy" is not the complete one asked for
    if mention.effective and frame.effective and abs((mention.effective - frame.effective).days) > _SAME_START:
        return False
    own_length = mention.duration_days if mention.status != "extended" else None
    if (own_length and frame.open_ended) or (_open_ended(mention) and frame.duration):
        return False  # a six-week deal is not the lasting ceasefire asked for beside it
    return not (own_length and frame.duration and own_length != frame.duration)


def _a_peace_wanted(one: Agreement, other: Agreement) -> bool:
    """Whether of two mentions of one sentence, of two kinds, one is a peace asked for: a settlement
    beyond the other agreement ("a deal in Gaza that ... paves the way for a lasting peace"), not the
    other's own name ("the termination of that agreement" of the Agreement on Peace it names)."""
    return any(FAMILY.get(m.kind) == "peace" and m.status == "proposed" for m in (one, other))


def _one_reached(frame: _Frame, mention: Agreement, conflict: str | None) -> bool:
    """Whether a mention of another family than the frame's names its agreement anyway: both
    report an agreement reached in one known conflict ("a truce for Gaza" brokered, "the ceasefire
    in Gaza" agreed overnight). A pause and a ceasefire asked for beside it stay two, and so do a
    peace agreement and the ceasefire arrangements made under it."""
    families = frame.families | {FAMILY[mention.kind]}
    return (families <= _HALTS and frame.reached and mention.status in REACHED
            and bool(conflict) and conflict == frame.conflict)


def _joined(frames: list[_Frame]) -> list[_Frame]:
    """The frames with each truce frame and ceasefire frame reported reached in one war made one,
    whatever order the text names them in: a mention joins a frame of the other family only once
    that frame is reached (`_one_reached`), so "a truce" asked for in one sentence and reached in a
    later one stayed apart from "the ceasefire" reached between them. A frame whose war is guessed
    joins the frame of that war it fits: "efforts to finalize a ceasefire deal" and "to close out
    the deal" of a readout had stayed apart, the first naming no war when it was read."""
    kept: list[_Frame] = []
    for frame in frames:
        into = next((k for k in kept if _one_agreement(k, frame)), None)
        if into is None:
            kept.append(frame)
            continue
        into.members = sorted(into.members + frame.members)
        into.families |= frame.families
        into.effective, into.duration = into.effective or frame.effective, into.duration or frame.duration
        into.open_ended, into.scope = into.open_ended or frame.open_ended, into.scope or frame.scope
        into.reached, into.guessed = into.reached or frame.reached, into.guessed and frame.guessed
    return kept


def _one_agreement(a: _Frame, b: _Frame) -> bool:
    """Two frames of one known war with no two starts, lengths or scopes: of the halt families and
    both reached, or one of them with its war guessed and of the other's family (or of none)."""
    if not (a.conflict and a.conflict == b.conflict
            and not (a.effective and b.effective and abs((a.effective - b.effective).days) > _SAME_START)
            and not (a.duration and b.duration and a.duration != b.duration)
            and not (a.open_ended and b.duration) and not (b.open_ended and a.duration)
            and not (a.scope and b.scope and a.scope != b.scope) and a.proper_name == b.proper_name):
        return False
    if a.guessed or b.guessed:
        return not a.families or not b.families or a.families == b.families
    return a.reached and b.reached and bool(a.families) and bool(b.families) and a.families | b.families <= _HALTS


def _settlement(mention: Agreement) -> bool:
    """Whether the sentence asks for an agreement with no end ("a comprehensive agreement", "a
    lasting agreement"): the settlement, where a ceasefire only halts the fighting."""
    return any(found.group(0).lower().endswith("agreement") for found in lexicon().open_ended.finditer(mention.text))


def _open_ended(mention: Agreement) -> bool:
    """Asked for with no end ("We need a lasting ceasefire now"): by the lexicon's pattern over
    the sentence, as a frame sees only its mentions' text."""
    return not mention.duration_days and bool(lexicon().open_ended.search(mention.text))


def _fill(members: list[Agreement], number: int, conflict: str | None, credits: list[Evidence]) -> list[Agreement]:
    bound = sides(conflict)
    values: dict[str, object] = {}
    evidence: list[Evidence] = []
    for name in _SHARED:
        found: dict[object, tuple[int, int]] = {}  # each value, with the span of the first sentence stating it
        for member in members:
            value = getattr(member, name)
            if name == "duration_days" and member.status == "extended":
                continue  # an extension's length is its own mention's
            items = value if isinstance(value, tuple) else (value,) if value is not None else ()
            for item in items:
                if name == "parties" and bound and item not in bound:
                    continue  # the parties are the conflict's sides: a broker or a place is not one
                if name == "mediators" and item in bound:
                    continue  # and a side brokers no agreement of its own war: "Ukraine negotiated a truce"
                found.setdefault(item, (member.start, member.end))
        for credit in credits:
            if credit.field == name and not (name == "parties" and bound and credit.value not in bound):
                found.setdefault(credit.value, (credit.start, credit.end))
        listed = tuple(found)
        values[name] = listed if isinstance(getattr(members[0], name), tuple) else (listed[0] if listed else None)
        kept = listed if isinstance(values[name], tuple) else listed[:1]
        evidence += [Evidence(name, str(item), *found[item]) for item in kept]
    kind = _kind(members)
    filled = []
    for member in members:
        own = dict(values)
        if member.status == "extended" and member.duration_days:
            own["duration_days"] = member.duration_days
        filled.append(replace(member, kind=kind, conflict=conflict, frame=number, evidence=tuple(evidence), **own))
    return filled


def _kind(members: list[Agreement]) -> AgreementKind:
    """The most named specific kind (ceasefire, truce, pause), else the most named of all."""
    kinds = [m.kind for m in members]
    specific = [k for k in kinds if k in FAMILY] or kinds
    return max(dict.fromkeys(specific), key=specific.count)


def _union(lists) -> tuple:
    return tuple(dict.fromkeys(item for items in lists for item in items))
