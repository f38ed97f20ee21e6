"""Reading the store: rows of one kind as plain dicts, whole records, and the records merged
across documents (merge.py), paged in SQL.

Query methods return dicts with one key per column, plus the document's `document_source`,
`title`, `publisher` and `published`, and `when`: the item's own date, else its document's
publication date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from datetime import date
from typing import Any, Literal

import sqlalchemy as sa

from truceline import fulltext, quality
from truceline.merge import (change_rows, event_rows, is_open, merge_agreements, merge_claims, merge_events,
                             timeline_order)
from truceline.records import (Actor, Agreement, Claim, Document, Event, Evidence, Fact, MergedAgreement, MergedEvent,
                               Record, State)
from truceline.storage.schema import (TABLES, actors, agreement_threads, agreements, claims, documents, events,
                                      failures, metadata, stories)

PUBLICATION_ORDER = (documents.c.published, documents.c.source)
# How the store pages merged records in SQL (Reader._merged_rows): the columns to group their rows
# by besides the key, and the order (merge.event_order, fact_order). These columns are the same
# in all the rows of one key, so the rows group and sort by them straight from an index.
_MERGED_ORDER = {
    "events": ((events.c.day, events.c.type, events.c.source_canonical),
               (sa.nulls_first(events.c.day), events.c.type, events.c.source_canonical)),
    "claims": ((claims.c.kind, claims.c.sort_key), (claims.c.kind, claims.c.sort_key)),
}
_MEMO_SIZE = 32  # results kept per reader (Reader._kept), e.g. merged agreements as of 32 days


class Reader:
    """Queries over a truceline database (`schema.open_database`)."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self._memo: dict[str, Any] = {}  # see _kept
        self._memo_documents: int | None = None
        self._memo_lock = threading.Lock()

    def close(self) -> None:
        self.engine.dispose()

    def stored(self, doc_ids: list[str]) -> set[str]:
        """Those of `doc_ids` whose documents are stored."""
        with self.engine.connect() as conn:
            return set(conn.scalars(sa.select(documents.c.id).where(documents.c.id.in_(doc_ids))))

    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(documents.c.id).where(documents.c.id == doc_id)) is not None

    def documents(self) -> list[Document]:
        query = sa.select(documents).order_by(*PUBLICATION_ORDER)
        with self.engine.connect() as conn:
            return [_document(row) for row in conn.execute(query).mappings()]

    def document_list(self, limit: int, offset: int = 0,
                      known_by: date | None = None) -> tuple[list[dict[str, Any]], int]:
        """One page of documents without their text, latest first, and how many there are."""
        query = sa.select(*(c for c in documents.c if c.name != "text"))
        if known_by:
            query = query.where(documents.c.published <= known_by)
        with self.engine.connect() as conn:
            total = conn.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
            page = query.order_by(documents.c.published.desc(), documents.c.source).limit(limit).offset(offset)
            return [dict(r) for r in conn.execute(page).mappings()], total

    def search(self, query: str, limit: int, offset: int = 0,
               known_by: date | None = None) -> tuple[list[dict[str, Any]], int]:
        """Documents holding every word of `query`, best first, each with a snippet; and how many
        match (fulltext.py)."""
        with self.engine.connect() as conn:
            return fulltext.search(conn, query, limit, offset, known_by)

    def records(self) -> Iterator[Record]:
        """Every stored record, in publication order."""
        query = sa.select(documents.c.id).order_by(*PUBLICATION_ORDER)
        with self.engine.connect() as conn:
            ids = list(conn.scalars(query))
        return map(self.record, ids)

    def record(self, doc_id: str) -> Record:
        """The full record of a stored document, as `Pipeline.extract` made it."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).mappings().first()
            if row is None:
                raise KeyError(doc_id)

            def children(table: sa.Table) -> list[sa.RowMapping]:
                query = sa.select(table).where(table.c.document_id == doc_id).order_by(table.c.seq)
                return list(conn.execute(query).mappings())

            return Record(
                document=_document(row),
                actors=tuple(_actor(r, "") for r in children(actors)),
                events=tuple(_event(r) for r in children(events)),
                claims=tuple(_claim(r) for r in children(claims)),
                agreements=tuple(_agreement(r) for r in children(agreements)),
            )

    def events(self, actor: str | None = None, type: str | None = None, mode: str | None = None,
               since: date | None = None, until: date | None = None,
               known_by: date | None = None) -> list[dict[str, Any]]:
        """Events in date order; `actor` matches either side's canonical name, name or country code."""
        query, when = events_query(actor, type, mode, since, until, known_by)
        return self._rows(query.order_by(when, documents.c.source, events.c.seq))

    def claims(self, kind: str | None = None, since: date | None = None, until: date | None = None,
               known_by: date | None = None, **figure: str | None) -> list[dict[str, Any]]:
        """Claims in date order (`as_of`, else the document's date)."""
        query, when = claims_query(kind, since, until, known_by, **figure)
        return self._rows(query.order_by(when, documents.c.source, claims.c.seq))

    def agreements(self, kind: str | None = None, status: str | None = None, since: date | None = None,
                   until: date | None = None, known_by: date | None = None) -> list[dict[str, Any]]:
        """Agreement mentions in date order (`effective`, else the document's date), with their thread."""
        return self._rows(agreements_query(kind, status, since, until, known_by)[0])

    def timeline(self, since: date | None = None, until: date | None = None) -> list[dict[str, Any]]:
        """Agreements and events in date order, each marked by `item`; undated items are left out."""
        items = [{"item": "agreement", **row} for row in self.agreements(since=since, until=until)]
        items += [{"item": "event", **row} for row in self.events(since=since, until=until)]
        dated = [item for item in items if item["when"] is not None]
        return sorted(dated, key=lambda i: (i["when"], i["document_source"], i["start"], i["item"]))

    # Merged across documents (see merge.py)

    def merged_events(self, limit: int | None = None, offset: int = 0, keys: Collection[str] | None = None,
                      **filters: Any) -> list[MergedEvent]:
        """Events merged across documents, in date order, from the rows the filters of `events`
        keep (and `dated`: only events with a day); `limit` and `offset` page through them in SQL;
        `keys` keeps the merged events of those ids."""
        return merge_events(self._merged_rows(events_query, events, limit, offset, keys, filters))

    def facts(self, limit: int | None = None, offset: int = 0, **filters: Any) -> list[Fact]:
        """Figures merged into facts, by kind, subject and place, from the rows the filters of
        `claims` keep; `limit` and `offset` page through them in SQL."""
        return merge_claims(self._merged_rows(claims_query, claims, limit, offset, None, filters))

    def merged_count(self, of: Literal["events", "facts"], **filters: Any) -> int:
        """How many merged events or facts the filters (of `events`, of `claims`) keep."""
        if filters.get("dated"):
            # A key's rows all have a day or none, and the index on day finds the few without one:
            # all keys less those is several times faster than a scan for the dated ones.
            every, undated = ({**filters, "dated": dated} for dated in (None, False))
            return self.merged_count(of, **every) - self.merged_count(of, **undated)
        query, _ = (events_query if of == "events" else claims_query)(rows=False, **filters)
        table = events if of == "events" else claims
        with self.engine.connect() as conn:
            return conn.scalar(query.with_only_columns(sa.func.count(sa.distinct(table.c.merge_key))))

    def facet(self, of: Literal["events", "facts"], column: str, **filters: Any) -> dict[str, int]:
        """How many merged events or facts the filters keep, by the value of one column (an
        event's type or mode, a figure's kind or what it counts): a filter's choices with counts."""
        query, _ = (events_query if of == "events" else claims_query)(rows=False, **filters)
        table = events if of == "events" else claims
        counted = query.with_only_columns(table.c[column], sa.func.count(sa.distinct(table.c.merge_key)))
        with self.engine.connect() as conn:
            return {value: n for value, n in conn.execute(counted.group_by(table.c[column])) if value is not None}

    def _merged_rows(self, build: Callable[..., tuple[sa.Select, Any]], table: sa.Table, limit: int | None,
                     offset: int, keys: Collection[str] | None, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """The rows of the merged records `keys`, or of one page of them: the page's keys in the
        merged records' order (merge.event_order, fact_order), then their rows."""
        if limit is not None or offset:
            grouped, order = _MERGED_ORDER[table.name]
            page, _ = build(rows=False, **filters)
            page = (page.with_only_columns(table.c.merge_key).group_by(*grouped, table.c.merge_key)
                    .order_by(*order, table.c.merge_key).limit(limit).offset(offset))
            with self.engine.connect() as conn:
                keys = list(conn.scalars(page))
        query, _ = build(**filters)
        if keys is not None:
            query = query.where(table.c.merge_key.in_(keys))
        return self._rows(query.order_by(*PUBLICATION_ORDER, table.c.seq))  # each record's sources in order

    def merged_agreements(self, **filters: Any) -> list[MergedAgreement]:
        """Agreements merged from the mentions the filters of `agreements` keep. Merging needs all
        of them at once, so the result is kept while the database holds the same documents: the
        board, the state and the timeline of a served database do not merge them per request."""
        return self._kept(lambda: merge_agreements(self.agreements(**filters)), "agreements", filters)

    def _kept(self, compute: Callable[[], Any], *key: Any) -> Any:
        """What `compute` returns, kept under `key` until a document is added (by this store or
        another process: all is dropped when their number changes) or `link_unplaced` relinks them."""
        with self.engine.connect() as conn:
            documents_now = conn.scalar(sa.select(sa.func.count()).select_from(documents))
        with self._memo_lock:
            if documents_now != self._memo_documents:
                self._memo, self._memo_documents = {}, documents_now
            if repr(key) not in self._memo:
                if len(self._memo) >= _MEMO_SIZE:
                    del self._memo[next(iter(self._memo))]
                self._memo[repr(key)] = compute()
            return self._memo[repr(key)]

    def state(self, day: date, limit: int | None = None, offset: int = 0) -> State:
        """The agreements in force or under negotiation on `day`, and the latest figure of every
        fact (or one page of them), as the documents published by then described them."""
        return State(day, tuple(a for a in self.merged_agreements(known_by=day) if is_open(a, day)),
                     tuple(self.facts(limit, offset, known_by=day)))

    def agreement_changes(self, actor: str | None = None, conflict: str | None = None,
                          **filters: Any) -> list[dict[str, Any]]:
        """The changes of status of the agreements merged from the mentions the filters of
        `agreements` keep, in date order, as timeline rows; `actor` keeps the agreements it is a
        party to or mediates, `conflict` those of one war."""
        agreements = [a for a in self.merged_agreements(**filters)
                      if (not actor or actor.casefold() in map(str.casefold, (*a.parties, *a.mediators)))
                      and (not conflict or a.conflict == conflict)]
        return change_rows(agreements)

    def event_days(self, **filters: Any) -> list[tuple[date, int]]:
        """The number of merged events (of those the filters of `events` keep) on each day that has any."""
        query, _ = events_query(rows=False, dated=True, **filters)
        count = sa.func.count(sa.distinct(events.c.merge_key))
        with self.engine.connect() as conn:
            return [(day, n) for day, n in conn.execute(query.with_only_columns(events.c.day, count)
                                                        .group_by(events.c.day).order_by(events.c.day))]

    def event_sides(self, field: Literal["canonical", "country"], **filters: Any) -> dict[str, int]:
        """How many merged events (of those the filters of `events` keep) each actor (canonical
        name) or country (ISO alpha-3) takes part in, on either side: an event between two counts
        for both, and once for one on both sides."""
        query, _ = events_query(rows=False, **filters)
        sides = sa.union(*(query.with_only_columns(events.c[f"{side}_{field}"].label("side"), events.c.merge_key)
                           for side in ("source", "target"))).subquery()
        counted = (sa.select(sides.c.side, sa.func.count(sa.distinct(sides.c.merge_key)))
                   .where(sides.c.side.is_not(None)).group_by(sides.c.side))
        with self.engine.connect() as conn:
            return {side: n for side, n in conn.execute(counted)}

    def actor_countries(self, names: Collection[str]) -> dict[str, str]:
        """The country (ISO alpha-3) of each of these canonical names that has one, as most of
        its mentions give it."""
        mentions = sa.func.count().label("mentions")
        query = (sa.select(actors.c.canonical, actors.c.country, mentions)
                 .where(actors.c.canonical.in_(list(names)), actors.c.country.is_not(None))
                 .group_by(actors.c.canonical, actors.c.country).order_by(mentions, actors.c.country.desc()))
        with self.engine.connect() as conn:
            return {name: country for name, country, _ in conn.execute(query)}  # the most mentioned comes last

    def edges(self, limit: int, offset: int = 0, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """Who did what to whom: the merged events with a target that the filters of `events`
        keep, counted by source, target and type (`weight`), heaviest first; one page of these
        edges, and how many there are. Counted in SQL: a network over years of news is too many
        events to merge for one page."""
        query, _ = events_query(rows=False, **filters)
        sides = (events.c.source_canonical.label("source"), events.c.target_canonical.label("target"), events.c.type)
        weight = sa.func.count(sa.distinct(events.c.merge_key)).label("weight")
        grouped = query.with_only_columns(*sides, weight).where(events.c.target_canonical.is_not(None)).group_by(*sides)
        with self.engine.connect() as conn:
            page = [dict(r) for r in conn.execute(grouped.order_by(weight.desc(), *sides).limit(limit)
                                                  .offset(offset)).mappings()]
            total = conn.scalar(sa.select(sa.func.count()).select_from(grouped.subquery()))
        return page, total

    def edge_events(self, edges: list[dict[str, Any]], per_edge: int, **filters: Any) -> list[list[MergedEvent]]:
        """The merged events of each edge (from `edges`) reported by the most stories, at most
        `per_edge` of each."""
        if not edges:
            return []
        query, _ = events_query(**filters)
        sides = (events.c.source_canonical, events.c.target_canonical, events.c.type)
        reports = sa.func.count(sa.distinct(stories.c.story_id))
        ranked = (query.with_only_columns(*sides, events.c.merge_key)
                  .where(sa.tuple_(*sides).in_([(e["source"], e["target"], e["type"]) for e in edges]))
                  .group_by(*sides, events.c.merge_key).order_by(reports.desc(), events.c.merge_key))
        chosen: dict[tuple, list[str]] = {(e["source"], e["target"], e["type"]): [] for e in edges}
        with self.engine.connect() as conn:
            for source, target, type, key in conn.execute(ranked):
                if len(chosen[source, target, type]) < per_edge:
                    chosen[source, target, type].append(key)
        merged = {e.id: e for e in self.merged_events(keys=[k for keys in chosen.values() for k in keys], **filters)}
        return [sorted((merged[k] for k in keys), key=lambda e: -e.reports) for keys in chosen.values()]

    def date_conflicts(self, days: int = 2) -> list[dict[str, Any]]:
        """Copies dated more than `days` apart from their story's first publication (a statement
        reposted three weeks later, or misdated), each with that first publication."""
        first = (sa.select(stories.c.story_id, sa.func.min(documents.c.published).label("first_published"))
                 .join(documents, documents.c.id == stories.c.document_id)
                 .group_by(stories.c.story_id).subquery())
        query = (sa.select(documents.c.source, documents.c.published, first.c.first_published)
                 .join(stories, stories.c.document_id == documents.c.id)
                 .join(first, first.c.story_id == stories.c.story_id)
                 .where(documents.c.published > first.c.first_published).order_by(documents.c.published))
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        return [r for r in rows if (r["published"] - r["first_published"]).days > days]

    def flagged(self) -> list[dict[str, Any]]:
        """Documents' quality flags of the form kind:detail (see quality.py), in publication order,
        each with the sentence it is about (`text`, `start`, `end`) where one can be found: a
        name's first sentence, else that of an item dated on a flagged day."""
        query = (sa.select(documents.c.id, documents.c.source, documents.c.title, documents.c.published,
                           documents.c.flags).order_by(*PUBLICATION_ORDER))
        with self.engine.connect() as conn:
            rows = [{"document_id": r["id"], "source": r["source"], "title": r["title"], "published": r["published"],
                     "flag": flag} for r in conn.execute(query).mappings() for flag in r["flags"] if ":" in flag]
            for row in rows:
                row.update(text=None, start=None, end=None)
                text = conn.scalar(sa.select(documents.c.text).where(documents.c.id == row["document_id"]))
                item = self._dated_item(conn, row["document_id"], row["flag"])
                span = quality.flag_span(text, row["flag"]) or (item and quality.sentence_around(text, *item))
                if span:
                    row.update(text=text[span[0]:span[1]], start=span[0], end=span[1])
        return rows

    @staticmethod
    def _dated_item(conn: sa.Connection, document_id: str, flag: str) -> tuple[int, int] | None:
        """The span of the document's first event, figure or agreement dated on the flag's day."""
        try:
            day = date.fromisoformat(flag.partition(":")[2])
        except ValueError:
            return None
        for table, column in ((events, events.c.date), (claims, claims.c.as_of), (agreements, agreements.c.effective)):
            found = conn.execute(sa.select(table.c.start, table.c.end).where(
                table.c.document_id == document_id, column == day).order_by(table.c.seq).limit(1)).first()
            if found:
                return found.start, found.end
        return None

    def merged_timeline(self, limit: int | None = None, offset: int = 0, actor: str | None = None,
                        type: str | None = None, since: date | None = None, until: date | None = None,
                        known_by: date | None = None, mode: str | None = None, conflict: str | None = None,
                        country: str | None = None) -> tuple[list[dict[str, Any]], int]:
        """Agreements' changes of status (`agreement_changes`) and events, merged across documents,
        in date order (merge.timeline_order), and how many there are: `type`, `mode` or `country`
        keeps only events of that type or mode, or with an actor of that country; `conflict` the
        changes of its agreements and the events of documents that tell of them. `limit` and
        `offset` page through the events in SQL."""
        period = {"since": since, "until": until, "known_by": known_by}
        changes = [] if type or mode or country else self.agreement_changes(actor, conflict, **period)
        wanted = {"actor": actor, "type": type, "mode": mode, "conflict": conflict, "country": country,
                  "dated": True, **period}
        total = len(changes) + self.merged_count("events", **wanted)
        # At most len(changes) changes come before the page, so its events are among those from the
        # `first`-th on. Sorted with every change, a row from that event on sits `first` places
        # before its place in the whole timeline; a change before it is before the page too.
        first = max(offset - len(changes), 0)
        fetched = self.merged_events(limit=None if limit is None else offset + limit - first, offset=first, **wanted)
        rows = sorted([*changes, *event_rows(fetched)], key=timeline_order)[offset - first:]
        return rows[:limit], total

    def story_sizes(self) -> list[int]:
        """The number of documents in each story, largest first."""
        size = sa.func.count()
        query = sa.select(size).select_from(stories).group_by(stories.c.story_id).order_by(size.desc())
        with self.engine.connect() as conn:
            return list(conn.scalars(query))

    def failures(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.select(failures).order_by(failures.c.source)).mappings()]

    def top_actors(self, limit: int = 10) -> list[tuple[str, int]]:
        """Canonical actor names by the number of documents that mention them (kept: see `_kept`)."""
        mentions = sa.func.count(sa.distinct(actors.c.document_id)).label("count")
        query = (sa.select(actors.c.canonical, mentions).group_by(actors.c.canonical)
                 .order_by(mentions.desc(), actors.c.canonical).limit(limit))
        return self._kept(lambda: [(r["canonical"], r["count"]) for r in self._rows(query)], "top_actors", limit)

    def actor_mentions(self, canonical: str, known_by: date | None = None) -> list[dict[str, Any]]:
        """How one actor (canonical name) is written, of what kind and country, and with which
        role: each combination with the days of the first and last documents and their number."""
        query = (sa.select(actors.c.name, actors.c.kind, actors.c.country, actors.c.role,
                           sa.func.min(documents.c.published).label("first"),
                           sa.func.max(documents.c.published).label("last"),
                           sa.func.count(sa.distinct(actors.c.document_id)).label("documents"))
                 .join(documents, documents.c.id == actors.c.document_id).where(actors.c.canonical == canonical)
                 .group_by(actors.c.name, actors.c.kind, actors.c.country, actors.c.role).order_by("first"))
        if known_by:
            query = query.where(documents.c.published <= known_by)
        return self._rows(query)

    def find_actors(self, words: str, limit: int = 20) -> list[tuple[str, int]]:
        """Canonical actor names holding `words` (as written or canonical), most mentioned first."""
        pattern = sa.func.lower(actors.c.canonical).contains(words.lower(), autoescape=True)
        written = sa.func.lower(actors.c.name).contains(words.lower(), autoescape=True)
        mentions = sa.func.count(sa.distinct(actors.c.document_id)).label("count")
        query = (sa.select(actors.c.canonical, mentions).where(sa.or_(pattern, written)).group_by(actors.c.canonical)
                 .order_by(mentions.desc(), actors.c.canonical).limit(limit))
        return [(r["canonical"], r["count"]) for r in self._rows(query)]

    def date_range(self) -> tuple[date | None, date | None]:
        """The earliest and latest publication dates stored."""
        query = sa.select(sa.func.min(documents.c.published), sa.func.max(documents.c.published))
        with self.engine.connect() as conn:
            first, last = conn.execute(query).one()
        return first, last

    def counts(self) -> dict[str, int]:
        """Rows per table, skipped inputs included."""
        with self.engine.connect() as conn:
            return {name: conn.scalar(sa.select(sa.func.count()).select_from(metadata.tables[name]))
                    for name in (*TABLES, "failures")}

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of one table (see TABLES) as stored, in publication order, for export."""
        t = metadata.tables[table]
        query = sa.select(t).order_by(*PUBLICATION_ORDER)
        if t is not documents:
            query = query.join(documents, documents.c.id == t.c.document_id).order_by(t.c.seq)
        with self.engine.connect() as conn:
            yield from map(dict, conn.execute(query).mappings())

    @staticmethod
    def columns(table: str) -> list[sa.Column]:
        return list(metadata.tables[table].columns)

    def _rows(self, query: sa.Select) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]


def events_query(actor: str | None = None, type: str | None = None, mode: str | None = None,
                  since: date | None = None, until: date | None = None, known_by: date | None = None,
                  dated: bool | None = None, rows: bool = True,
                  conflict: str | None = None, country: str | None = None) -> tuple[sa.Select, sa.ColumnElement]:
    """Events of an actor (`actor` matches either side's canonical name, name or country code),
    type and mode, in documents that tell of a conflict's agreements, with an actor of a country
    (ISO alpha-3) on either side."""
    query, when = _dated_query(events, events.c.date, since, until, known_by, rows)
    if conflict:
        query = query.where(events.c.document_id.in_(_conflict_documents(conflict)))
    if country:
        query = query.where(sa.or_(events.c.source_country == country.upper(),
                                   events.c.target_country == country.upper()))
    if dated is not None:  # True: only events with a day; False: only those without
        query = query.where(events.c.day.is_not(None) if dated else events.c.day.is_(None))
    if actor:
        wanted = actor.lower()
        query = query.where(sa.or_(*(
            sa.func.lower(events.c[f"{side}_{field}"]) == wanted
            for side in ("source", "target") for field in ("canonical", "name", "country"))))
    if type:
        query = query.where(sa.func.upper(events.c.type) == type.upper())
    if mode:
        query = query.where(sa.func.lower(events.c.mode) == mode.lower())
    return query, when


def agreements_query(kind: str | None = None, status: str | None = None, since: date | None = None,
                     until: date | None = None, known_by: date | None = None) -> tuple[sa.Select, sa.ColumnElement]:
    """Agreement mentions with their thread, in date order (`effective`, else the document's date)."""
    query, when = _dated_query(agreements, agreements.c.effective, since, until, known_by)
    query = query.add_columns(agreement_threads.c.thread_id).join(agreement_threads, sa.and_(
        agreement_threads.c.document_id == agreements.c.document_id,
        agreement_threads.c.seq == agreements.c.seq))
    if kind:
        query = query.where(sa.func.lower(agreements.c.kind) == kind.lower())
    if status:
        query = query.where(sa.func.lower(agreements.c.status) == status.lower())
    return query.order_by(when, documents.c.source, agreements.c.seq), when


def claims_query(kind: str | None = None, since: date | None = None, until: date | None = None,
                  known_by: date | None = None, rows: bool = True, counted: str | None = None,
                  actor: str | None = None, conflict: str | None = None,
                  location: str | None = None) -> tuple[sa.Select, sa.ColumnElement]:
    """Figures of a kind, counting something (counted.py), stated by an actor (as written), in
    documents that tell of a conflict's agreements, for a place (as written)."""
    query, when = _dated_query(claims, claims.c.as_of, since, until, known_by, rows)
    if kind:
        query = query.where(sa.func.lower(claims.c.kind) == kind.lower())
    if counted:
        query = query.where(claims.c.counted == counted)
    if actor:
        query = query.where(sa.func.lower(claims.c.attributed_to).contains(actor.lower(), autoescape=True))
    if conflict:
        query = query.where(claims.c.document_id.in_(_conflict_documents(conflict)))
    if location:
        query = query.where(claims.c.location == location)
    return query, when


def _conflict_documents(conflict: str) -> sa.Select:
    """The documents that tell of a conflict's agreements."""
    return sa.select(agreements.c.document_id).where(agreements.c.conflict == conflict)


def _dated_query(table: sa.Table, own_date: sa.Column, since: date | None, until: date | None,
                 known_by: date | None = None, rows: bool = True) -> tuple[sa.Select, sa.ColumnElement]:
    """Rows of `table` with their document's source, date and story, and `when`: own date, else
    published. `known_by` keeps what documents published by that day say, and only up to it.
    With `rows=False`, `table` alone, its documents joined only where a date needs them: enough
    to count or page merged records, several times faster over a large record."""
    when = sa.func.coalesce(own_date, documents.c.published)
    query = sa.select(table)
    if rows or since or until or known_by:
        query = query.join(documents, documents.c.id == table.c.document_id)
    if rows:
        query = (query.add_columns(documents.c.source.label("document_source"), documents.c.published,
                                   documents.c.title, documents.c.publisher, when.label("when"), stories.c.story_id)
                 .join(stories, stories.c.document_id == table.c.document_id))
    if since:
        query = query.where(when >= since)
    if until:
        query = query.where(when <= until)
    if known_by:
        query = query.where(documents.c.published <= known_by, when <= known_by)
    return query, when



# Rows → records


def _document(row: sa.RowMapping) -> Document:
    return Document(**{**_fields(row, Document), "flags": tuple(row["flags"])})


def _actor(row: sa.RowMapping, prefix: str) -> Actor:
    return Actor(**{f: row[f"{prefix}{f}"] for f in Actor.__dataclass_fields__})


def _event(row: sa.RowMapping) -> Event:
    target = _actor(row, "target_") if row["target_kind"] is not None else None
    return Event(**_fields(row, Event, skip=("source", "target")), source=_actor(row, "source_"),
                 target=target)


def _claim(row: sa.RowMapping) -> Claim:
    return Claim(**_fields(row, Claim))


def _agreement(row: sa.RowMapping) -> Agreement:
    lists = ("parties", "mediators", "proposers", "phases", "terms", "violators")
    return Agreement(**{**_fields(row, Agreement), **{f: tuple(row[f]) for f in lists},
                        "evidence": tuple(Evidence(**e) for e in row["evidence"])})


def _fields(row: sa.RowMapping, cls: type, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {name: row[name] for name in cls.__dataclass_fields__ if name not in skip}
