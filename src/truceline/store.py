"""The store: one SQL table per record kind, written one document per transaction.

SQLAlchemy Core (no ORM): SQLite by default, any SQLAlchemy URL (e.g. PostgreSQL) works.
Every row carries its document id and, where the record has one, its character span.
Query methods return plain dicts with one key per column, plus the document's `document_source`
and `published`, and `when`: the item's own date, else its document's publication date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from truceline import fulltext
from truceline.errors import ConfigError
from truceline.merge import (LONGEST_GAP, change_rows, choose_thread, claim_key, event_key, event_rows,
                             evidence_parties, fact_sort_key, is_open, merge_agreements, merge_claims, merge_events,
                             merged_day, timeline_order)
from truceline.records import (Actor, Agreement, Claim, Document, Event, Failure, Fact, MergedAgreement,
                               MergedEvent, Record, State)
from truceline.stories import SAME_STORY, band_keys, signature, similarity

TABLES = ("documents", "actors", "events", "claims", "agreements")
# Element type of each JSON list column, so exporters can write typed lists.
LIST_ITEMS = "items"

metadata = sa.MetaData()


def _list(name: str, item: type = str) -> sa.Column:
    return sa.Column(name, sa.JSON, nullable=False, info={LIST_ITEMS: item})


def _document_key() -> list[sa.Column]:
    """The key of a row: its document, and `seq`, its position in the record."""
    return [
        sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
    ]


def _span() -> list[sa.Column]:
    return [sa.Column("text", sa.Text, nullable=False),
            sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False)]


def _merge_columns() -> list[sa.Column]:
    """What merging across documents needs of an event or figure, set at ingest (`_key_story`):
    the day it reports and the key of the merged record it belongs to (merge.event_key)."""
    return [sa.Column("day", sa.Date, index=True), sa.Column("merge_key", sa.String, index=True)]


def _actor_columns(prefix: str, nullable: bool) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}name", sa.String, nullable=nullable),
        sa.Column(f"{prefix}canonical", sa.String, nullable=nullable, index=True),
        sa.Column(f"{prefix}country", sa.String, index=True),
        sa.Column(f"{prefix}kind", sa.String, nullable=nullable),
        sa.Column(f"{prefix}role", sa.String),
    ]


documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("source", sa.String, nullable=False),
    sa.Column("title", sa.String),
    sa.Column("published", sa.Date, index=True),
    sa.Column("publisher", sa.String),
    sa.Column("original_source", sa.String),
    sa.Column("language", sa.String),
    sa.Column("text", sa.Text, nullable=False),
    _list("flags"),
)
actors = sa.Table("actors", metadata, *_document_key(), *_actor_columns("", nullable=False),
                  sa.Index("ix_actors_canonical_document", "canonical", "document_id"))  # Store.top_actors
events = sa.Table(
    "events", metadata, *_document_key(),
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("mode", sa.String, nullable=False, index=True),
    sa.Column("plover_mode", sa.String),
    *_actor_columns("source_", nullable=False),
    *_actor_columns("target_", nullable=True),
    sa.Column("date", sa.Date, index=True),
    *_span(),
    *_merge_columns(),
    sa.Index("ix_events_merged_order", "day", "type", "source_canonical", "merge_key"),  # _MERGED_ORDER
    sa.Index("ix_events_edges", "source_canonical", "target_canonical", "type", "merge_key"),  # Store.edges
)
claims = sa.Table(
    "claims", metadata, *_document_key(),
    sa.Column("kind", sa.String, nullable=False, index=True),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("qualifier", sa.String),
    sa.Column("subject", sa.String),
    sa.Column("location", sa.String),
    sa.Column("as_of", sa.Date, index=True),
    sa.Column("attributed_to", sa.String),
    *_span(),
    *_merge_columns(),
    sa.Column("sort_key", sa.String),  # where its fact sorts among those of its kind (merge.fact_sort_key)
    sa.Index("ix_claims_merged_order", "kind", "sort_key", "merge_key"),  # _MERGED_ORDER
)
agreements = sa.Table(
    "agreements", metadata, *_document_key(),
    sa.Column("kind", sa.String, nullable=False, index=True),
    _list("parties"),
    _list("mediators"),
    _list("proposers"),
    sa.Column("status", sa.String, nullable=False, index=True),
    sa.Column("effective", sa.Date, index=True),
    sa.Column("duration_days", sa.Float),
    sa.Column("phase", sa.Integer),
    _list("phases", int),
    _list("terms"),
    _list("violators"),
    *_span(),
)
# Stories (see stories.py): each document's MinHash signature, its LSH band keys, its story.
signatures = sa.Table(
    "signatures", metadata, sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                                      primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)
story_bands = sa.Table(
    "story_bands", metadata,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)
stories = sa.Table(
    "stories", metadata, sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                                   primary_key=True),
    sa.Column("story_id", sa.String, nullable=False, index=True),
)
# Which agreement each agreement mention is (see merge.same_agreement).
agreement_threads = sa.Table(
    "agreement_threads", metadata, *_document_key(),
    sa.Column("thread_id", sa.String, nullable=False, index=True),
    _list("evidence"),  # the parties the mention was threaded by (merge.evidence_parties)
)
# The latest reason each skipped input was skipped, so a user can see it after the run.
failures = sa.Table(
    "failures", metadata,
    sa.Column("source", sa.String, primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)
_PUBLICATION_ORDER = (documents.c.published, documents.c.source)
# How the store pages merged records in SQL (Store._merged_rows): the columns to group their rows
# by besides the key, and the order (merge.event_order, fact_order). These columns are the same
# in all the rows of one key, so the rows group and sort by them straight from an index.
_MERGED_ORDER = {
    "events": ((events.c.day, events.c.type, events.c.source_canonical),
               (sa.nulls_first(events.c.day), events.c.type, events.c.source_canonical)),
    "claims": ((claims.c.kind, claims.c.sort_key), (claims.c.kind, claims.c.sort_key)),
}
_MEMO_SIZE = 32  # results kept per store (Store._kept), e.g. merged agreements as of 32 days


def database_url(path_or_url: str) -> str:
    """A SQLAlchemy URL as is; anything else is a path to an SQLite file."""
    return path_or_url if "://" in path_or_url else f"sqlite:///{path_or_url}"


class Store:
    """Records in SQL tables; `add` is idempotent and writes one document per transaction."""

    def __init__(self, url: str, create: bool = True):
        """Open the store at `url`; with `create=False`, refuse a database truceline has not made."""
        self._memo: dict[str, Any] = {}  # see _kept
        self._memo_documents: int | None = None
        self._memo_lock = threading.Lock()
        try:
            self.engine = sa.create_engine(url)
            if self.engine.dialect.name == "sqlite":
                _check_sqlite_file(url, create)
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            if create:
                metadata.create_all(self.engine)
                _add_new_columns(self.engine)
            elif not sa.inspect(self.engine).has_table("documents"):
                raise ConfigError("the database holds no truceline data; run `truceline ingest` first")
            elif not sa.inspect(self.engine).has_table("stories") or _missing_columns(self.engine):
                raise ConfigError("the database was made by an older truceline; run `truceline ingest` "
                                  "on it once (with any input) to bring it up to date")
        except ImportError as exc:  # e.g. a postgresql:// URL without psycopg installed
            raise ConfigError(f"the database driver is not installed: {exc}") from exc
        except sa.exc.SQLAlchemyError as exc:
            raise ConfigError(f"cannot open the database: {type(exc).__name__}: {exc.args[0]}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing

    def add(self, record: Record) -> bool:
        """Store a record in one transaction; False (and nothing written) if its document is stored."""
        doc_id = record.document.id
        if self.has(doc_id):
            return False
        try:
            with self.engine.begin() as conn:
                conn.execute(documents.insert(), vars(record.document))
                fulltext.add(conn, doc_id, record.document.title, record.document.text)
                for table, rows in _child_rows(record):
                    if rows:
                        conn.execute(table.insert(), rows)
                _key_story(conn, _place_in_story(conn, record.document))
                _thread_agreements(conn, record)
                conn.execute(failures.delete().where(failures.c.source == record.document.source))
        except sa.exc.IntegrityError:
            if self.has(doc_id):  # another writer stored it between our check and our insert
                return False
            raise
        return True

    def build_search_index(self) -> int:
        """Create the full-text index if it is missing and add the stored documents it lacks
        (stored before it existed); the number added (fulltext.py)."""
        with self.engine.begin() as conn:
            return fulltext.build(conn)

    def link_unplaced(self) -> int:
        """Give stored documents that have none (stored by an older truceline) their story,
        agreement threads and merge keys, in publication order; the number of documents linked."""
        query = (sa.select(documents.c.id).outerjoin(stories, stories.c.document_id == documents.c.id)
                 .where(stories.c.document_id.is_(None)).order_by(*_PUBLICATION_ORDER))
        with self.engine.connect() as conn:
            unplaced = list(conn.scalars(query))
        for doc_id in unplaced:
            record = self.record(doc_id)
            with self.engine.begin() as conn:
                _key_story(conn, _place_in_story(conn, record.document))
                _thread_agreements(conn, record)
        unkeyed = sa.union(*(sa.select(stories.c.story_id).join(table, table.c.document_id == stories.c.document_id)
                             .where(table.c[last_added].is_(None))
                             for table, last_added in ((events, "merge_key"), (claims, "sort_key"))))
        with self.engine.begin() as conn:
            for story in list(conn.scalars(unkeyed)):
                _key_story(conn, story)
        self._memo.clear()
        return len(unplaced)

    def add_failure(self, failure: Failure) -> None:
        """Remember why an input was skipped (the latest reason per source)."""
        with self.engine.begin() as conn:
            conn.execute(failures.delete().where(failures.c.source == failure.source))
            conn.execute(failures.insert(), {"source": failure.source, "reason": failure.reason,
                                             "recorded_at": datetime.now(timezone.utc)})

    # Reading

    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(documents.c.id).where(documents.c.id == doc_id)) is not None

    def documents(self) -> list[Document]:
        query = sa.select(documents).order_by(*_PUBLICATION_ORDER)
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
        query = sa.select(documents.c.id).order_by(*_PUBLICATION_ORDER)
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
        query, when = _events_query(actor, type, mode, since, until, known_by)
        return self._rows(query.order_by(when, documents.c.source, events.c.seq))

    def claims(self, kind: str | None = None, since: date | None = None, until: date | None = None,
               known_by: date | None = None) -> list[dict[str, Any]]:
        """Claims in date order (`as_of`, else the document's date)."""
        query, when = _claims_query(kind, since, until, known_by)
        return self._rows(query.order_by(when, documents.c.source, claims.c.seq))

    def agreements(self, kind: str | None = None, status: str | None = None, since: date | None = None,
                   until: date | None = None, known_by: date | None = None) -> list[dict[str, Any]]:
        """Agreement mentions in date order (`effective`, else the document's date), with their thread."""
        query, when = _dated_query(agreements, agreements.c.effective, since, until, known_by)
        query = query.add_columns(agreement_threads.c.thread_id).join(agreement_threads, sa.and_(
            agreement_threads.c.document_id == agreements.c.document_id,
            agreement_threads.c.seq == agreements.c.seq))
        if kind:
            query = query.where(sa.func.lower(agreements.c.kind) == kind.lower())
        if status:
            query = query.where(sa.func.lower(agreements.c.status) == status.lower())
        return self._rows(query.order_by(when, documents.c.source, agreements.c.seq))

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
        return merge_events(self._merged_rows(_events_query, events, limit, offset, keys, filters))

    def facts(self, limit: int | None = None, offset: int = 0, **filters: Any) -> list[Fact]:
        """Figures merged into facts, by kind, subject and place, from the rows the filters of
        `claims` keep; `limit` and `offset` page through them in SQL."""
        return merge_claims(self._merged_rows(_claims_query, claims, limit, offset, None, filters))

    def merged_count(self, of: Literal["events", "facts"], **filters: Any) -> int:
        """How many merged events or facts the filters (of `events`, of `claims`) keep."""
        if filters.get("dated"):
            # A key's rows all have a day or none, and the index on day finds the few without one:
            # all keys less those is several times faster than a scan for the dated ones.
            every, undated = ({**filters, "dated": dated} for dated in (None, False))
            return self.merged_count(of, **every) - self.merged_count(of, **undated)
        query, _ = (_events_query if of == "events" else _claims_query)(rows=False, **filters)
        table = events if of == "events" else claims
        with self.engine.connect() as conn:
            return conn.scalar(query.with_only_columns(sa.func.count(sa.distinct(table.c.merge_key))))

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
        return self._rows(query.order_by(*_PUBLICATION_ORDER, table.c.seq))  # each record's sources in order

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

    def agreement_changes(self, actor: str | None = None, **filters: Any) -> list[dict[str, Any]]:
        """The changes of status of the agreements merged from the mentions the filters of
        `agreements` keep, in date order, as timeline rows; `actor` keeps the agreements it is a
        party to or mediates."""
        agreements = [a for a in self.merged_agreements(**filters)
                      if not actor or actor.casefold() in map(str.casefold, (*a.parties, *a.mediators))]
        return change_rows(agreements)

    def event_days(self, **filters: Any) -> list[tuple[date, int]]:
        """The number of merged events (of those the filters of `events` keep) on each day that has any."""
        query, _ = _events_query(rows=False, dated=True, **filters)
        count = sa.func.count(sa.distinct(events.c.merge_key))
        with self.engine.connect() as conn:
            return [(day, n) for day, n in conn.execute(query.with_only_columns(events.c.day, count)
                                                        .group_by(events.c.day).order_by(events.c.day))]

    def edges(self, limit: int, offset: int = 0, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        """Who did what to whom: the merged events with a target that the filters of `events`
        keep, counted by source, target and type (`weight`), heaviest first; one page of these
        edges, and how many there are. Counted in SQL: a network over years of news is too many
        events to merge for one page."""
        query, _ = _events_query(rows=False, **filters)
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
        query, _ = _events_query(**filters)
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
        """Documents with a quality flag of the form kind:detail (see quality.py), in publication order."""
        query = sa.select(documents.c.source, documents.c.published, documents.c.flags).order_by(*_PUBLICATION_ORDER)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings()
            return [{"source": r["source"], "published": r["published"], "flag": flag}
                    for r in rows for flag in r["flags"] if ":" in flag]

    def merged_timeline(self, limit: int | None = None, offset: int = 0, actor: str | None = None,
                        type: str | None = None, since: date | None = None, until: date | None = None,
                        known_by: date | None = None) -> tuple[list[dict[str, Any]], int]:
        """Agreements' changes of status (`agreement_changes`) and events, merged across documents,
        in date order (merge.timeline_order), and how many there are: `type` keeps only events of
        that type. `limit` and `offset` page through the events in SQL."""
        period = {"since": since, "until": until, "known_by": known_by}
        changes = [] if type else self.agreement_changes(actor, **period)
        wanted = {"actor": actor, "type": type, "dated": True, **period}
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
        query = sa.select(t).order_by(*_PUBLICATION_ORDER)
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


def _events_query(actor: str | None = None, type: str | None = None, mode: str | None = None,
                  since: date | None = None, until: date | None = None, known_by: date | None = None,
                  dated: bool | None = None, rows: bool = True) -> tuple[sa.Select, sa.ColumnElement]:
    query, when = _dated_query(events, events.c.date, since, until, known_by, rows)
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


def _claims_query(kind: str | None = None, since: date | None = None, until: date | None = None,
                  known_by: date | None = None, rows: bool = True) -> tuple[sa.Select, sa.ColumnElement]:
    query, when = _dated_query(claims, claims.c.as_of, since, until, known_by, rows)
    if kind:
        query = query.where(sa.func.lower(claims.c.kind) == kind.lower())
    return query, when


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
                                   when.label("when"), stories.c.story_id)
                 .join(stories, stories.c.document_id == table.c.document_id))
    if since:
        query = query.where(when >= since)
    if until:
        query = query.where(when <= until)
    if known_by:
        query = query.where(documents.c.published <= known_by, when <= known_by)
    return query, when


def _missing_columns(engine: sa.Engine) -> list[sa.Column]:
    """The columns of truceline's tables that a database made by an older truceline lacks."""
    inspector = sa.inspect(engine)
    return [column for table in metadata.sorted_tables if inspector.has_table(table.name)
            for present in [{c["name"] for c in inspector.get_columns(table.name)}]
            for column in table.columns if column.name not in present]


def _add_new_columns(engine: sa.Engine) -> None:
    """Add the columns and indexes a database made by an older truceline lacks, so that it opens
    and keeps its rows: lists empty (`violators`: re-ingesting a document fills them), others null
    (`merge_key`, `sort_key`: `Store.link_unplaced` fills them)."""
    missing = _missing_columns(engine)
    with engine.begin() as conn:
        for column in missing:
            default = " NOT NULL DEFAULT '[]'" if LIST_ITEMS in column.info else ""
            conn.execute(sa.text(f"ALTER TABLE {column.table.name} ADD COLUMN {column.name} "
                                 f"{column.type.compile(engine.dialect)}{default}"))
        for index in {index for table in metadata.sorted_tables for index in table.indexes}:
            index.create(conn, checkfirst=True)  # the columns' own, and those added since


def _check_sqlite_file(url: str, create: bool) -> None:
    database = make_url(url).database
    if not create and database and database != ":memory:" and not Path(database).exists():
        raise ConfigError(f"no database at {database}; run `truceline ingest` first")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run during an ingest; NORMAL sync is safe with WAL and much faster."""
    cursor = dbapi_connection.cursor()
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=5000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


# Cross-document assignments, made at ingest from what is stored so far (incremental)


def _place_in_story(conn: sa.Connection, document: Document) -> str:
    """Put a new document in the story of every stored document it nearly duplicates, joining
    those stories into one named after the smallest document id."""
    own = signature(document.text)
    keys = band_keys(own)
    candidates = conn.execute(
        sa.select(signatures.c.signature, stories.c.story_id).distinct()
        .join(story_bands, story_bands.c.document_id == signatures.c.document_id)
        .join(stories, stories.c.document_id == signatures.c.document_id)
        .where(story_bands.c.key.in_(keys))).all()
    joined = {story for other, story in candidates if similarity(own, other) >= SAME_STORY}
    story = min(joined | {document.id})
    if joined - {story}:
        conn.execute(stories.update().where(stories.c.story_id.in_(joined - {story})).values(story_id=story))
    conn.execute(signatures.insert(), {"document_id": document.id, "signature": own})
    conn.execute(story_bands.insert(), [{"key": key, "document_id": document.id} for key in dict.fromkeys(keys)])
    conn.execute(stories.insert(), {"document_id": document.id, "story_id": story})
    return story


def _key_story(conn: sa.Connection, story: str) -> None:
    """Give the events and figures of a story's documents the day they report and their merge key
    (merge.merged_day, event_key, claim_key), figures their sort key. The whole story, since a copy
    published earlier than those stored changes the day its copies report."""
    published = dict(conn.execute(sa.select(documents.c.id, documents.c.published)
                                  .join(stories, stories.c.document_id == documents.c.id)
                                  .where(stories.c.story_id == story)).all())
    first = min(filter(None, published.values()), default=None)
    for table, own_date, key, sort_key in ((events, "date", event_key, None),
                                           (claims, "as_of", claim_key, fact_sort_key)):
        keyed = []
        for row in conn.execute(sa.select(table).where(table.c.document_id.in_(published))).mappings():
            day = merged_day(row[own_date], published[row["document_id"]], first)
            keyed.append({"row_document": row["document_id"], "row_seq": row["seq"], "row_day": day,
                          "row_merge_key": key({**row, "day": day}), "row_sort_key": sort_key and sort_key(row)})
        values = {name: sa.bindparam(f"row_{name}") for name in ("day", "merge_key", "sort_key") if name in table.c}
        if keyed:
            conn.execute(table.update().where(table.c.document_id == sa.bindparam("row_document"),
                                              table.c.seq == sa.bindparam("row_seq")).values(values), keyed)


def _thread_agreements(conn: sa.Connection, record: Record) -> None:
    """Give each agreement mention the thread of the stored mentions of the same agreement
    (merge.choose_thread), or a new thread."""
    document = record.document
    when = sa.func.coalesce(agreements.c.effective, documents.c.published)
    stored = (sa.select(agreements.c.kind, agreements.c.status, agreements.c.effective, agreements.c.duration_days,
                        agreements.c.document_id,
                        when.label("when"), agreement_threads.c.thread_id, agreement_threads.c.evidence)
              .join(agreement_threads, sa.and_(agreement_threads.c.document_id == agreements.c.document_id,
                                               agreement_threads.c.seq == agreements.c.seq))
              .join(documents, documents.c.id == agreements.c.document_id))
    for seq, (agreement, evidence) in enumerate(zip(record.agreements, evidence_parties(record.agreements, record.actors))):
        mention = {**vars(agreement), "evidence": evidence, "document_id": document.id,
                   "when": agreement.effective or document.published}
        nearby = [agreements.c.document_id == document.id]
        if mention["when"] is not None:
            nearby.append(when.between(mention["when"] - LONGEST_GAP, mention["when"] + LONGEST_GAP))
        if agreement.effective:
            nearby.append(agreements.c.effective == agreement.effective)
        thread = choose_thread(mention, conn.execute(stored.where(sa.or_(*nearby))).mappings())
        conn.execute(agreement_threads.insert(), {"document_id": document.id, "seq": seq, "evidence": evidence,
                                                  "thread_id": thread or f"{document.id}:{seq}"})


# Records → rows (the JSON columns take tuples as they are)


def _child_rows(record: Record) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    def keyed(items: tuple[Any, ...], row: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"document_id": record.document.id, "seq": i, **row(item)} for i, item in enumerate(items)]

    return [
        (actors, keyed(record.actors, lambda a: _actor_row(a, ""))),
        (events, keyed(record.events, _event_row)),
        (claims, keyed(record.claims, vars)),
        (agreements, keyed(record.agreements, vars)),
    ]


def _event_row(event: Event) -> dict[str, Any]:
    own = {k: v for k, v in vars(event).items() if k not in ("source", "target")}
    return {**own, **_actor_row(event.source, "source_"), **_actor_row(event.target, "target_")}


def _actor_row(actor: Actor | None, prefix: str) -> dict[str, Any]:
    return {f"{prefix}{f}": getattr(actor, f) if actor else None for f in Actor.__dataclass_fields__}


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
    return Agreement(**{**_fields(row, Agreement), **{f: tuple(row[f]) for f in lists}})


def _fields(row: sa.RowMapping, cls: type, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {name: row[name] for name in cls.__dataclass_fields__ if name not in skip}
