"""What the pages and the API show, from the store's merged views: one function per view, so
that a page and its JSON twin can never disagree."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from truceline import counted
from truceline.conflicts import conflicts
from truceline.merge import is_open
from truceline.records import Fact, FigureReport, MergedAgreement, MergedEvent, Source
from truceline.store import Store
from truceline.web import axis
from truceline.web.params import Page, Paged

OPEN = "open"  # the board's status filter for agreements open on the day, beside the statuses


def reference_day(store: Store, as_of: date | None) -> date | None:
    """The day whose open agreements the board shows: the as-of day, else the record's last."""
    return as_of or store.date_range()[1]


@dataclass(frozen=True)
class BoardCard:
    agreement: MergedAgreement
    open: bool


def board(store: Store, as_of: date | None, status: str | None = None, conflict: str | None = None) -> list[BoardCard]:
    """Merged agreements as known on the as-of day: those open that day first, then the rest,
    each group latest reported first; `status` keeps one status, or "open" the open ones;
    `conflict` those of one war."""
    day = reference_day(store, as_of)
    cards = [BoardCard(a, day is not None and is_open(a, day)) for a in store.merged_agreements(known_by=as_of)
             if not conflict or a.conflict == conflict]
    cards = [c for c in cards if not status or c.agreement.status == status or (status == OPEN and c.open)]
    cards.sort(key=lambda c: c.agreement.last_reported or date.min, reverse=True)
    return sorted(cards, key=lambda c: not c.open)


def agreement_countries(store: Store, agreements: list[MergedAgreement]) -> dict[str, set[str]]:
    """The countries (ISO alpha-3) of each agreement's parties, mediators and proposers, by its id."""
    named = {a.id: (*a.parties, *a.mediators, *a.proposers) for a in agreements}
    country = store.actor_countries({name for names in named.values() for name in names})
    return {id: {country[name] for name in names if name in country} for id, names in named.items()}


def in_country(store: Store, cards: list[BoardCard], country: str) -> list[BoardCard]:
    """The cards of the agreements one of whose parties, mediators or proposers is of a country."""
    countries = agreement_countries(store, [c.agreement for c in cards])
    return [c for c in cards if country.upper() in countries[c.agreement.id]]


def country_counts(store: Store, as_of: date | None, since: date | None, until: date | None,
                   event_type: str | None, mode: str | None, status: str | None,
                   conflict: str | None) -> tuple[dict[str, int], dict[str, int]]:
    """What the map shades: merged dated events by country (either side's), as the timeline
    lists them, and the board's merged agreements by the countries of those named in them (the
    board, like the status of an agreement, has no period: `since` and `until` are the events')."""
    events = store.event_sides("country", type=event_type, mode=mode, since=since, until=until, known_by=as_of,
                               conflict=conflict, dated=True)
    agreements: Counter[str] = Counter()
    for countries in agreement_countries(store, [c.agreement for c in board(store, as_of, status, conflict)]).values():
        agreements.update(countries)
    return events, dict(agreements)


def place_counts(store: Store, as_of: date | None, since: date | None, until: date | None,
                 conflict: str | None) -> dict[str, int]:
    """What the map's dots count: the facts (figures merged) by the place they are given for, as
    the figures page lists them; an event's type or mode and an agreement's status do not apply."""
    return store.facet("facts", "location", since=since, until=until, known_by=as_of, conflict=conflict)


@dataclass(frozen=True)
class AgreementPage:
    """One merged agreement with its mentions in date order and the agreements that link to it."""

    agreement: MergedAgreement
    open: bool
    mentions: tuple[Source, ...]
    followed_by: tuple[MergedAgreement, ...]


def agreement(store: Store, agreement_id: str, as_of: date | None) -> AgreementPage | None:
    """The merged agreement `agreement_id` as known on the as-of day, or None."""
    known = store.merged_agreements(known_by=as_of)
    found = next((a for a in known if a.id == agreement_id), None)
    if found is None:
        return None
    day = reference_day(store, as_of)
    mentions = sorted(found.sources, key=lambda s: (s.published or date.min, s.document_id, s.start))
    later = tuple(a for a in known if any(link.agreement == found.id for link in a.links))
    return AgreementPage(found, day is not None and is_open(found, day), tuple(mentions), later)


@dataclass(frozen=True)
class Edge:
    """What one actor did to another in a period: events of one type, most reported first."""

    source: str
    target: str
    type: str
    weight: int  # the number of events
    events: tuple[MergedEvent, ...]  # the most reported of them, at most EDGE_EVENTS


EDGE_EVENTS = 10


def network(store: Store, page: Page, since: date | None, until: date | None, as_of: date | None,
            actor: str | None = None, mode: str | None = None) -> Paged:
    """One page of the edges source → target of the merged events with a target (of one mode:
    asserted, proposed…), heaviest first."""
    filters = {"actor": actor, "mode": mode, "since": since, "until": until, "known_by": as_of}
    edges, total = store.edges(page.limit, page.offset, **filters)
    listed = store.edge_events(edges, EDGE_EVENTS, **filters)
    return page.holding([Edge(**edge, events=tuple(events)) for edge, events in zip(edges, listed)], total)


def timeline(store: Store, page: Page, **filters: Any) -> Paged:
    """One page of agreements' changes of status and events on one axis (Store.merged_timeline,
    whose filters these are)."""
    rows, total = store.merged_timeline(page.limit, page.offset, **filters)
    return page.holding(rows, total)


def timeline_axis(store: Store, since: date | None = None, until: date | None = None, known_by: date | None = None,
                  actor: str | None = None, conflict: str | None = None, **only_events: Any) -> axis.Axis | None:
    """The whole filtered timeline's items per month, week or day (axis.py), over the period asked
    for, else the period of the documents (up to the as-of day); `only_events` are the filters
    (type, mode, country) that keep events alone."""
    first, last = store.date_range()
    if first is None:
        return None
    period = {"since": since, "until": until, "known_by": known_by}
    changes = ([] if any(only_events.values()) else
               [row["when"] for row in store.agreement_changes(actor, conflict, **period)])
    return axis.axis(store.event_days(actor=actor, conflict=conflict, **only_events, **period), changes,
                     since or first, until or min(last, known_by or last))


def timeline_facets(store: Store, **filters: Any) -> dict[str, dict[str, int]]:
    """The timeline's filters with counts: for each, the dated merged events every other filter
    keeps, by type, mode, actor, country and conflict (counted in SQL)."""
    def others(name: str) -> dict[str, Any]:
        return {key: value for key, value in filters.items() if key != name} | {"dated": True}

    return {"type": store.facet("events", "type", **others("type")),
            "mode": store.facet("events", "mode", **others("mode")),
            "actor": store.event_sides("canonical", **others("actor")),
            "country": store.event_sides("country", **others("country")),
            "conflict": {c.name: n for c in conflicts()
                         if (n := store.merged_count("events", conflict=c.name, **others("conflict")))}}


@dataclass(frozen=True)
class FactView:
    """A fact with what the figures page shows beside it."""

    fact: Fact
    notes: dict[FigureReport, list[str]]  # what each figure revises or contradicts
    series: list[dict[str, Any]] | None  # points for a chart, where there are two dates or more

    @classmethod
    def of(cls, fact: Fact) -> FactView:
        return cls(fact, _figure_notes(fact), _figure_series(fact))


def _figure_notes(fact: Fact) -> dict[FigureReport, list[str]]:
    notes: dict[FigureReport, list[str]] = defaultdict(list)
    for earlier, later in fact.revisions:
        notes[later].append(f"revises {_figure(earlier)}")
    for one, other in fact.contradictions:
        notes[one].append(f"contradicts {_figure(other)}")
        notes[other].append(f"contradicts {_figure(one)}")
    return dict(notes)


def _figure(figure: FigureReport) -> str:
    value = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    return " ".join(filter(None, (figure.qualifier, value, f"({figure.as_of})" if figure.as_of else None)))


def _figure_series(fact: Fact) -> list[dict[str, Any]] | None:
    points = [{"x": f.as_of.isoformat(), "y": f.value} for f in fact.figures if f.as_of]
    return points if len({p["x"] for p in points}) > 1 else None


def series(store: Store, kind: str | None, subject: str | None, actor: str | None, conflict: str | None,
           since: date | None, until: date | None, as_of: date | None) -> list[dict[str, Any]]:
    """Every figure of a kind counting one thing, in date order, each with its source (counted.series)."""
    return counted.series(store.claims(kind=kind, counted=subject, actor=actor, conflict=conflict, since=since,
                                       until=until, known_by=as_of))


ACTOR_EVENTS = 50  # per side on an actor's page; the timeline has the rest


@dataclass(frozen=True)
class ActorView:
    """What an actor's page shows: how it is written and the roles it held over time, the events
    it did and underwent, the agreements it is party to, mediates or proposes, the figures it states."""

    name: str
    mentions: list[dict[str, Any]]  # Store.actor_mentions
    did: list[MergedEvent]
    underwent: list[MergedEvent]
    events: int  # in all, on either side
    agreements: list[tuple[str, MergedAgreement]]  # (its part: party, mediator, proposer; the agreement)
    facts: list[Fact]


def actor(store: Store, name: str, as_of: date | None) -> ActorView | None:
    mentions = store.actor_mentions(name, as_of)
    if not mentions:
        return None
    events = store.merged_events(actor=name, known_by=as_of, limit=4 * ACTOR_EVENTS)
    parts = [(part, a) for a in store.merged_agreements(known_by=as_of)
             for part, names in (("party", a.parties), ("mediator", a.mediators), ("proposer", a.proposers))
             if name in names]
    return ActorView(name, mentions, [e for e in events if e.source.canonical == name][:ACTOR_EVENTS],
                     [e for e in events if e.target and e.target.canonical == name][:ACTOR_EVENTS],
                     store.merged_count("events", actor=name, known_by=as_of), parts,
                     store.facts(actor=name, known_by=as_of, limit=ACTOR_EVENTS))


def matching_agreements(store: Store, words: str, as_of: date | None) -> list[MergedAgreement]:
    """Merged agreements whose name, conflict, parties, mediators or proposers hold every word."""
    wanted = words.lower().split()
    return [a for a in store.merged_agreements(known_by=as_of)
            if all(w in " ".join([a.name, a.conflict or "", *a.parties, *a.mediators, *a.proposers]).lower()
                   for w in wanted)]

