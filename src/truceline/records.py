"""The typed records that flow between truceline's stages.

Every stage is a function from records to records. All records are frozen
dataclasses; `to_dict` turns any of them into the JSON shape documented in
`docs/record.schema.json`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

InputKind = Literal["html", "text", "json"]
# Where a document's title and publication date were read: what its source states ("metadata":
# a JSON article's fields, a page's meta tags), the page's og:title or schema.org JSON-LD, or the
# text itself: its headline, a byline or date line above the story, the wire's dateline.
TitleSource = Literal["metadata", "og", "json-ld", "headline"]
PublishedSource = Literal["metadata", "json-ld", "byline", "dateline"]

ActorKind = Literal[
    "state", "government", "military", "armed_group", "igo", "ngo", "person", "media", "place", "other"
]
# PLOVER 2.0's event types (its manual, section "Event types"); 0.5's DEMAND is REQUEST.
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
# Factuality of an event as the sentence states it: a proposal is not an agreement.
EventMode = Literal["asserted", "proposed", "hypothetical", "hedged", "negated"]
ClaimKind = Literal[
    "killed", "injured", "displaced", "hostages", "released", "evacuated",
    "aid", "money", "percent", "duration", "count",
]
# A figure as a running total ("50 hostages have been released") or an increment ("four more").
Change = Literal["total", "increment"]
Qualifier = Literal["over", "about", "at least", "nearly", "up to", "exactly"]
AgreementKind = Literal["ceasefire", "truce", "pause", "peace", "exchange", "proposal", "deal"]
AgreementScope = Literal["partial", "complete"]
AgreementStatus = Literal[
    "proposed", "rejected", "agreed", "in_force", "extended", "violated", "collapsed", "expired"
]
# A status to filter agreements by: one of theirs, or "open" on the day (merge.is_open).
StatusFilter = Literal["open", AgreementStatus]


@dataclass(frozen=True)
class RawInput:
    """One article as read from disk or stdin, before any cleaning.

    `meta` carries what a JSON article states about itself (title, url, date, publisher);
    `flags`, what reading it had to repair (see `decoding.py`).
    """

    source: str
    content: bytes
    kind: InputKind
    meta: dict[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Failure:
    """An input that was skipped, with the one-line reason a user can act on."""

    source: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """Records of an archive skipped as not articles (requests, images, redirects…): how many, and why."""

    source: str
    count: int
    reason: str


@dataclass(frozen=True)
class Stored:
    """An input whose document the database holds already: found after cleaning, before parsing."""

    source: str
    document_id: str


@dataclass(frozen=True)
class Document:
    """A cleaned article. `text` is the string every span in the record indexes into."""

    id: str
    source: str
    title: str | None
    published: date | None
    publisher: str | None
    original_source: str | None
    language: str | None
    text: str
    title_source: TitleSource | None = None
    published_source: PublishedSource | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    name: str  # as written in the text
    canonical: str  # dictionary name, or `name` when unresolved
    country: str | None  # ISO 3166 alpha-3
    kind: ActorKind
    role: str | None = None  # the role that holds at the document's date, if known


@dataclass(frozen=True)
class Mention:
    """An actor found at a character span of the document text."""

    actor: Actor
    start: int
    end: int
    # A word standing for actors the text does not name there: a first person ("we", "I") whose
    # text has no byline naming its author (voices.py), a readout's "the two leaders", "they"
    # or "the Prime Minister" (readouts.py). The event coders read it as those actors; an
    # agreement's parties are read from names only.
    stand_in: bool = False
    # A sentence's main verb standing in for the document's voice where the sentence names no one
    # of it (actors.py, `_implied_voice`). Only the pair model reads one, as the source of the
    # speaker's own speech acts (`roles.OWN_SPEECH`); other readers of mentions leave it.
    implied: bool = False


@dataclass(frozen=True)
class Event:
    type: EventType
    mode: EventMode
    source: Actor
    target: Actor | None
    date: date | None
    text: str  # the sentence
    start: int
    end: int
    plover_mode: str | None = None  # PLOVER's own refinement, e.g. REQUEST/"yield"


@dataclass(frozen=True)
class Claim:
    kind: ClaimKind
    value: float
    qualifier: Qualifier | None
    subject: str | None
    location: str | None
    as_of: date | None
    attributed_to: str | None
    text: str
    start: int
    end: int
    counted: str | None = None  # what it counts, in the vocabulary of data/counted.toml (counted.py)
    change: Change = "total"


@dataclass(frozen=True)
class Evidence:
    """Where a document states one value of a field of an agreement: the sentence's span."""

    field: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Agreement:
    """A sentence's mention of an agreement. Mentions of one agreement in a document share a
    `frame` (frames.py) and what the document says of it: kind, conflict, parties, mediators,
    proposers, effective date, duration, phases and terms, each value's sentence in `evidence`.
    Status, phase and violators are what this sentence says."""

    kind: AgreementKind
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    proposers: tuple[str, ...]
    status: AgreementStatus
    effective: date | None
    duration_days: float | None
    phase: int | None
    phases: tuple[int, ...]
    terms: tuple[str, ...]
    violators: tuple[str, ...]  # the sides the sentence says broke it
    text: str
    start: int
    end: int
    conflict: str | None = None  # data/conflicts.toml
    scope: AgreementScope | None = None  # what of the fighting it halts, where the text says
    proper_name: str | None = None  # the name the text knows it by: "Good Friday Agreement"
    frame: int | None = None  # the document's frames, numbered in text order (None: not framed)
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Record:
    """Everything truceline extracted from one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    agreements: tuple[Agreement, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            **to_dict(self.document),
            "actors": [to_dict(a) for a in self.actors],
            "events": [to_dict(e) for e in self.events],
            "claims": [to_dict(c) for c in self.claims],
            "agreements": [to_dict(a) for a in self.agreements],
        }


# Merged records: one item per fact across documents, each keeping every source that states it.


@dataclass(frozen=True)
class Source:
    """Where a merged item is stated: a document, its story (copies and rewrites share one), a span."""

    document_id: str
    document_source: str
    published: date | None
    story: str
    text: str
    start: int
    end: int
    title: str | None = None  # the document's, to cite it by
    publisher: str | None = None


@dataclass(frozen=True)
class MergedEvent:
    """One event, however many documents report it; `reports` counts independent stories."""

    id: str  # the store's key of its group (merge.event_key)
    type: EventType
    mode: EventMode
    source: Actor
    target: Actor | None
    date: date | None  # the event's own date, else its first report's publication date
    reports: int
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FigureReport:
    """One source's figure for a fact."""

    value: float
    qualifier: Qualifier | None
    as_of: date | None  # the figure's own date, else its document's
    attributed_to: str | None
    source: Source
    change: Change = "total"


@dataclass(frozen=True)
class Fact:
    """One quantity (kind, subject, place) with every source's figure, in date order.

    A figure is weighed against the latest one before it from another story (merge._changes); if
    both cannot hold (merge.compatible): for the same day, reported later, the second revises the
    first ("1,400 killed on October 7" became 1,200), reported the same day, they contradict each
    other; for different days, from the same attributed source, the later revises the earlier."""

    id: str  # the store's key of its group (merge.claim_key)
    kind: ClaimKind
    subject: str | None
    location: str | None
    latest: FigureReport
    reports: int
    figures: tuple[FigureReport, ...]
    revisions: tuple[tuple[FigureReport, FigureReport], ...]
    contradictions: tuple[tuple[FigureReport, FigureReport], ...]
    counted: str | None = None  # what it counts (counted.py)


@dataclass(frozen=True)
class StatusChange:
    status: AgreementStatus
    on: date | None
    source: Source


TermStatus = Literal["pending", "in_progress", "violated", "disputed"]


@dataclass(frozen=True)
class Term:
    """A term of an agreement (a category of the ceasefire schema: hostage_release,
    crossing_opening…) and where it stands: the stage of the agreement in the latest sentence
    that names it (proposed or agreed: pending; rejected: disputed; in force or extended: in
    progress; violated)."""

    category: str
    status: TermStatus
    on: date | None
    source: Source


@dataclass(frozen=True)
class Violation:
    """A breach of an agreement as a source reports it, with the sides it names as violators."""

    on: date | None
    violators: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Link:
    """The agreement between the same parties that came before this one: `replaces` when it had
    ended (rejected, collapsed, expired), `follows` when it was still open. Extensions and phases
    are not links: they are the history and phases of one agreement."""

    relation: Literal["replaces", "follows"]
    agreement: str  # the earlier merged agreement's id, kind and first report
    kind: AgreementKind
    first_reported: date | None


@dataclass(frozen=True)
class MergedAgreement:
    """One ceasefire, truce, pause, peace agreement, prisoner exchange, proposal or deal across documents, with its status history."""

    id: str
    name: str  # names.py: "Israel–Hamas humanitarian pause, Nov 2023"
    kind: AgreementKind
    conflict: str | None  # data/conflicts.toml
    status: AgreementStatus  # the current one: a later mention of a proposal does not undo an agreement
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    proposers: tuple[str, ...]
    effective: date | None
    duration_days: float | None
    phases: tuple[int, ...]
    terms: tuple[Term, ...]
    violations: tuple[Violation, ...]
    links: tuple[Link, ...]
    first_reported: date | None
    last_reported: date | None
    reports: int
    history: tuple[StatusChange, ...]
    sources: tuple[Source, ...]
    scope: AgreementScope | None = None  # partial or complete, as most of its mentions that say it
    # its parties include its war's principal sides (data/conflicts.toml) that none of its mentions
    # names as parties ("the parties to the conflict in eastern DRC"; "Russia's withdrawal from the
    # Black Sea Grain Initiative" names only the side that left it): no sentence states them all
    parties_of_war: bool = False


@dataclass(frozen=True)
class State:
    """The state of play on a day, as the documents published by then described it."""

    day: date
    agreements: tuple[MergedAgreement, ...]  # in force, or under negotiation
    facts: tuple[Fact, ...]


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON values: dates as ISO strings, tuples as lists."""
    return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
