"""Writing the store: one document's rows in one transaction, idempotent (a stored document is
left as it is), and why an input was skipped.

Writers take turns: each write transaction first takes the database's write lock (SQLite's
`BEGIN IMMEDIATE`, a PostgreSQL advisory lock), so that processes ingesting into one database at
once neither store a document twice nor link one without seeing the others' documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from truceline import fulltext
from truceline.errors import StorageError
from truceline.records import Actor, Agreement, Event, Failure, Record
from truceline.storage.schema import actors, agreements, claims, documents, events, failures, one_line

# What runs in a document's transaction after its rows are in (the store's ingest-time linking).
Link = Callable[[sa.Connection, Record], None]
_WRITE_LOCK = 0x7472_7563  # PostgreSQL advisory lock key of truceline's writers ("truc")


class Writer:
    def __init__(self, engine: sa.Engine):
        self.engine = engine

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """A write transaction holding the write lock. A database that cannot be written (disk
        full, read-only) raises StorageError."""
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # before the driver's own deferred BEGIN
                elif conn.dialect.name == "postgresql":
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_WRITE_LOCK)))
                yield conn
        except sa.exc.OperationalError as exc:
            raise StorageError(f"cannot write to the database: {one_line(exc)}") from exc

    def add(self, record: Record, link: Link) -> bool:
        """Store a record and `link` it in one transaction; False (and nothing written) if its
        document is stored."""
        doc_id = record.document.id
        with self.transaction() as conn:
            if conn.scalar(sa.select(documents.c.id).where(documents.c.id == doc_id)) is not None:
                return False
            conn.execute(documents.insert(), vars(record.document))
            fulltext.add(conn, doc_id, record.document.title, record.document.text)
            for table, rows in _child_rows(record):
                if rows:
                    conn.execute(table.insert(), rows)
            link(conn, record)
            conn.execute(failures.delete().where(failures.c.source == record.document.source))
        return True

    def add_failure(self, failure: Failure) -> None:
        """Remember why an input was skipped (the latest reason per source)."""
        with self.transaction() as conn:
            conn.execute(failures.delete().where(failures.c.source == failure.source))
            conn.execute(failures.insert(), {"source": failure.source, "reason": failure.reason,
                                             "recorded_at": datetime.now(timezone.utc)})


# Records → rows (the JSON columns take tuples as they are)


def _child_rows(record: Record) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    def keyed(items: tuple[Any, ...], row: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"document_id": record.document.id, "seq": i, **row(item)} for i, item in enumerate(items)]

    return [
        (actors, keyed(record.actors, lambda a: _actor_row(a, ""))),
        (events, keyed(record.events, _event_row)),
        (claims, keyed(record.claims, vars)),
        (agreements, keyed(record.agreements, _agreement_row)),
    ]


def _agreement_row(agreement: Agreement) -> dict[str, Any]:
    return {**vars(agreement), "evidence": [vars(e) for e in agreement.evidence]}


def _event_row(event: Event) -> dict[str, Any]:
    own = {k: v for k, v in vars(event).items() if k not in ("source", "target")}
    return {**own, **_actor_row(event.source, "source_"), **_actor_row(event.target, "target_")}


def _actor_row(actor: Actor | None, prefix: str) -> dict[str, Any]:
    return {f"{prefix}{f}": getattr(actor, f) if actor else None for f in Actor.__dataclass_fields__}

