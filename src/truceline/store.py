"""The store: a truceline database to read (storage.reader) and write (storage.writer), one
document per transaction, and the linking done as each document is stored: its story, its
agreement mentions' threads, its events' and figures' merge keys, from what is stored so far
(incremental)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from truceline.merge import (choose_thread, claim_key, event_key, evidence_parties, fact_sort_key,
                             merged_day, named_day, named_window, reach)
from truceline.records import Document, Failure, Record
from truceline.storage.reader import PUBLICATION_ORDER, Reader
from truceline.storage.schema import (agreement_threads, agreements, claims, database_url, documents, events,
                                      open_database, signatures, stories, story_bands)
from truceline.storage import merged
from truceline.storage.writer import Writer
from truceline.stories import SAME_STORY, band_keys, signature, similarities

__all__ = ["Store", "database_url"]


class Store(Reader):
    """Records in SQL tables; `add` is idempotent and writes one document per transaction."""

    def __init__(self, url: str, create: bool = True):
        """Open the store at `url` (schema.open_database): with `create`, to write, making or
        upgrading the database; with `create=False`, to read, refusing one truceline has not made."""
        super().__init__(open_database(url, create))
        self._writer = Writer(self.engine)
        self._mentions = _StoredMentions()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, record: Record) -> bool:
        """Store a record in one transaction; False (and nothing written) if its document is stored."""
        with self._kept_if_written():
            return self._writer.add(record, lambda conn, record: _link(conn, record, self._mentions))

    def add_failure(self, failure: Failure) -> None:
        """Remember why an input was skipped (the latest reason per source)."""
        self._writer.add_failure(failure)

    def link_unplaced(self) -> int:
        """Give stored documents that have none (stored by an older truceline) their story,
        agreement threads and merge keys, in publication order; the number of documents linked."""
        query = (sa.select(documents.c.id).outerjoin(stories, stories.c.document_id == documents.c.id)
                 .where(stories.c.document_id.is_(None)).order_by(*PUBLICATION_ORDER))
        with self.engine.connect() as conn:
            unplaced = list(conn.scalars(query))
        for doc_id in unplaced:
            record = self.record(doc_id)
            with self._kept_if_written(), self._writer.transaction() as conn:
                _link(conn, record, self._mentions)
        unkeyed = sa.union(*(sa.select(stories.c.story_id).join(table, table.c.document_id == stories.c.document_id)
                             .where(table.c[last_added].is_(None))
                             for table, last_added in ((events, "merge_key"), (claims, "sort_key"))))
        with self._writer.transaction() as conn:
            for story in list(conn.scalars(unkeyed)):
                _key_story(conn, story)
        self._memo.clear()
        return len(unplaced)

    def link_added(self, days: Collection[date | None]) -> int:
        """Link the window new documents published on these days fall in (link): from the earliest,
        or every document if one has no date. The number of documents linked."""
        return self.link(None if None in days else min(days))

    def link(self, since: date | None = None) -> int:
        """Link again the documents published on or after `since` (every document when None), in
        order of publication, then document id: give their stories' events and figures their merge
        keys, thread their agreement mentions, and write the merged agreements, events and facts
        they touch to the merged tables (storage.merged). Whatever order the documents were stored
        in, the same documents give the same merged records. Mentions of earlier documents keep
        their threads (they were linked in this order before). One transaction, so a concurrent
        reader sees the old links or the new. The number of documents linked."""
        order = (sa.nulls_first(documents.c.published), documents.c.id)
        window = sa.select(documents.c.id).order_by(*order)
        if since is not None:
            window = window.where(documents.c.published >= since)
        with self._kept_if_written(), self._writer.transaction() as conn:
            # read under the write lock: a document another ingest stores meanwhile would keep the
            # thread it got at ingest, and the window's mentions could join it
            records = [self.record(doc_id) for doc_id in conn.scalars(window)]
            linked = [r.document.id for r in records]
            story_ids = set()
            for chunk in (linked[i:i + 2_000] for i in range(0, len(linked), 2_000)):
                story_ids |= set(conn.scalars(sa.select(stories.c.story_id).where(stories.c.document_id.in_(chunk))))
            in_stories = set(conn.scalars(sa.select(stories.c.document_id).where(stories.c.story_id.in_(story_ids))))
            touched = merged.keys_of(conn, in_stories)
            for story in sorted(story_ids):
                _key_story(conn, story)
            touched |= merged.keys_of(conn, in_stories)
            conn.execute(agreement_threads.delete().where(agreement_threads.c.document_id.in_(linked)))
            self._mentions.clear()
            for record in records:
                _thread_agreements(conn, record, self._mentions)
            merged.write(conn, None if since is None else touched)
        self._memo.clear()
        return len(records)

    @contextmanager
    def _kept_if_written(self) -> Iterator[None]:
        """Forget the mentions kept (_StoredMentions) if the transaction inside fails: its rows were not written."""
        try:
            yield
        except BaseException:
            self._mentions.clear()
            raise


def _link(conn: sa.Connection, record: Record, mentions: _StoredMentions) -> None:
    story, changed = _place_in_story(conn, record.document)
    _key_story(conn, story, None if changed else record.document.id)
    _thread_agreements(conn, record, mentions)


# Cross-document assignments, made at ingest from what is stored so far (incremental)


def _place_in_story(conn: sa.Connection, document: Document) -> tuple[str, bool]:
    """Put a new document in the story of every stored document it nearly duplicates, joining
    those stories into one named after the smallest document id. Returns the story, and whether
    the day its other documents report may have changed: stories were joined, or the new document
    was published before the story's first publication (merge.merged_day)."""
    own = signature(document.text)
    keys = band_keys(own)
    # the documents sharing a band, each once (a DISTINCT over the join compared signatures to drop copies)
    sharing = sa.select(story_bands.c.document_id).where(story_bands.c.key.in_(keys))
    candidates = conn.execute(
        sa.select(signatures.c.signature, stories.c.story_id)
        .join(stories, stories.c.document_id == signatures.c.document_id)
        .where(signatures.c.document_id.in_(sharing))).all()
    scores = similarities(own, [other for other, _ in candidates])
    joined = {story for (_, story), score in zip(candidates, scores) if score >= SAME_STORY}  # one is enough
    story = min(joined | {document.id})
    first = conn.scalar(sa.select(sa.func.min(documents.c.published)).join(stories, stories.c.document_id == documents.c.id)
                        .where(stories.c.story_id.in_(joined))) if len(joined) == 1 else None
    changed = len(joined) > 1 or (document.published is not None and (first is None or document.published < first))
    if joined - {story}:
        conn.execute(stories.update().where(stories.c.story_id.in_(joined - {story})).values(story_id=story))
    conn.execute(signatures.insert(), {"document_id": document.id, "signature": own})
    conn.execute(story_bands.insert(), [{"key": key, "document_id": document.id} for key in dict.fromkeys(keys)])
    conn.execute(stories.insert(), {"document_id": document.id, "story_id": story})
    return story, changed


def _key_story(conn: sa.Connection, story: str, document_id: str | None = None) -> None:
    """Give the events and figures of a story's documents the day they report and their merge key
    (merge.merged_day, event_key, claim_key), figures their sort key: the whole story's, since a
    copy published earlier than those stored changes the day its copies report, or one document's
    where it changes nothing for the rest (keying the whole story again at each of its copies was
    quadratic in its size)."""
    of_story = (sa.select(documents.c.id, documents.c.published).join(stories, stories.c.document_id == documents.c.id)
                .where(stories.c.story_id == story))
    first = conn.scalar(of_story.with_only_columns(sa.func.min(documents.c.published)))
    if document_id is not None:
        of_story = of_story.where(documents.c.id == document_id)
    published = dict(conn.execute(of_story).all())
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


def _thread_agreements(conn: sa.Connection, record: Record, stored: _StoredMentions) -> None:
    """Give each agreement mention the thread of the stored mentions of the same agreement
    (merge.choose_thread), or a new thread."""
    document = record.document
    frames: dict[object, list[tuple[int, dict]]] = {}  # the mentions of each frame (frames.py), in text order
    for seq, (agreement, evidence) in enumerate(zip(record.agreements, evidence_parties(record.agreements, record.actors))):
        when = agreement.effective or document.published
        mention = {**vars(agreement), "evidence": evidence, "document_id": document.id, "when": when,
                   "named_day": named_day(agreement.text, when)}
        frames.setdefault(seq if agreement.frame is None else ("frame", agreement.frame), []).append((seq, mention))
    for members in frames.values():
        # A frame is one agreement: the thread the first of its mentions finds is all of theirs.
        thread = next(filter(None, (choose_thread(m, stored.near(conn, m)) for _, m in members)),
                      f"{document.id}:{members[0][0]}")
        conn.execute(agreement_threads.insert(), [{"document_id": document.id, "seq": seq, "evidence": m["evidence"],
                                                   "thread_id": thread} for seq, m in members])
        stored.threaded(conn, [{**m, "thread_id": thread} for _, m in members])


_WHEN = sa.func.coalesce(agreements.c.effective, documents.c.published)
# what choose_thread compares, the document apart; evidence as text: PostgreSQL's json has no equality
_COMPARED = (agreements.c.kind, agreements.c.status, agreements.c.effective, agreements.c.duration_days,
             agreements.c.conflict, agreements.c.scope, agreements.c.proper_name, _WHEN.label("when"), agreement_threads.c.thread_id,
             sa.cast(agreement_threads.c.evidence, sa.Text).label("evidence"))
_MENTIONS = (sa.select(*_COMPARED)
             .join(agreement_threads, sa.and_(agreement_threads.c.document_id == agreements.c.document_id,
                                              agreement_threads.c.seq == agreements.c.seq))
             .join(documents, documents.c.id == agreements.c.document_id))


@dataclass(frozen=True)
class _Window:
    """Where the stored mentions of other documents that may be of the same agreement as a new
    one are: those whose time (`when`) falls in one of `spans`, near the mention's (merge.reach)
    or near the day it names its agreement by (merge.named_window). One sharing its effective day
    is near: that day is the time of both. The database reads it in SQL (`where`),
    _StoredMentions in memory (`holds`): one definition, so the two find the same mentions."""

    spans: tuple[tuple[date, date], ...]
    proper_name: str | None = None  # mentions of the agreement's proper name, whenever they were

    @classmethod
    def of(cls, mention: dict) -> _Window:
        when, named = mention["when"], named_window(mention)
        near = ((when - reach(mention), when + reach(mention)),) if when is not None else ()
        return cls(near + ((named,) if named else ()), mention.get("proper_name"))

    def where(self) -> sa.ColumnElement[bool]:
        by_name = (agreements.c.proper_name == self.proper_name,) if self.proper_name else ()
        return sa.or_(sa.false(), *(_WHEN.between(low, high) for low, high in self.spans), *by_name)

    def holds(self, when: date | None, proper_name: str | None) -> bool:
        if self.proper_name and proper_name == self.proper_name:
            return True
        return when is not None and any(low <= when <= high for low, high in self.spans)


class _StoredMentions:
    """The stored mentions a new one may join (_Window), as choose_thread reads them: each distinct
    set of the values it compares once per thread, the document named only where it is the
    mention's own (all it asks of another document is that it is another). Many reports of one
    agreement in its weeks are then a few rows. On SQLite these distinct rows are kept in memory
    from one write to the next and grow with the mentions threaded, so that threading a mention
    does not read the rows of its window again (the database reads every row of it: its time is
    an expression no index holds); they are read again when another connection has written
    (PRAGMA data_version) or a transaction failed. Elsewhere the database finds them per mention."""

    _columns = tuple(column.name for column in _COMPARED)
    _WHEN_AT = _columns.index("when")
    _NAME_AT = _columns.index("proper_name")

    def __init__(self) -> None:
        self._rows: dict[tuple, None] = {}  # a set in the order read and threaded, as the database's
        self._valid_for: tuple[object, int] | None = None  # the DBAPI connection and its data_version

    def clear(self) -> None:
        self._valid_for = None

    def near(self, conn: sa.Connection, mention: dict) -> list[dict]:
        own = _MENTIONS.where(agreements.c.document_id == mention["document_id"]).distinct()
        window = _Window.of(mention)
        if not self._read(conn):
            others = _MENTIONS.where(window.where(), agreements.c.document_id != mention["document_id"])
            return [*self._decoded(conn, own, mention["document_id"]), *self._decoded(conn, others.distinct(), None)]
        kept = [dict(zip(self._columns, row), document_id=None) for row in self._rows
                if window.holds(row[self._WHEN_AT], row[self._NAME_AT])]
        return [*self._decoded(conn, own, mention["document_id"]), *kept]

    def threaded(self, conn: sa.Connection, mentions: list[dict]) -> None:
        """Keep the mentions just threaded."""
        if self._valid_for is not None:
            self._rows.update(dict.fromkeys(tuple(_key(m[name]) for name in self._columns) for m in mentions))

    def _read(self, conn: sa.Connection) -> bool:
        """Whether the kept rows are the database's, reading them again if another wrote."""
        if conn.dialect.name != "sqlite":
            return False
        dbapi = conn.connection.dbapi_connection
        version = conn.exec_driver_sql("PRAGMA data_version").scalar_one()
        if self._valid_for is None or self._valid_for[0] is not dbapi or self._valid_for[1] != version:
            self._rows = dict.fromkeys(tuple(_key(value) for value in row[:-1]) + (tuple(json.loads(row[-1])),)
                                       for row in conn.execute(_MENTIONS.distinct()))
            self._valid_for = (dbapi, version)
        return True

    @staticmethod
    def _decoded(conn: sa.Connection, query: sa.Select, document_id: str | None) -> list[dict]:
        return [{**row, "document_id": document_id, "evidence": json.loads(row["evidence"])}
                for row in conn.execute(query).mappings()]


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value
