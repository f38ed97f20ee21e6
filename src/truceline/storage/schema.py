"""truceline's tables (SQLAlchemy Core), and opening a database: only one truceline made (its
Alembic version table, `truceline_version`, is the marker) or an empty one, which is created at
the newest revision; an older truceline database is upgraded by its migrations (`migrations/`).

Every row carries its document id and, where the record has one, its character span.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from truceline.errors import ConfigError, StorageError

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
    sa.Column("title_source", sa.String),  # records.TitleSource
    sa.Column("published_source", sa.String),  # records.PublishedSource
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
    sa.Column("counted", sa.String, index=True),
    sa.Column("change", sa.String, nullable=False, server_default="total"),
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
    sa.Column("conflict", sa.String, index=True),  # frames.py, data/conflicts.toml
    sa.Column("scope", sa.String),  # "partial" or "complete" (agreements/)
    sa.Column("proper_name", sa.String, index=True),  # "Black Sea Grain Initiative" (agreements/)
    sa.Column("frame", sa.Integer),
    _list("evidence", dict),  # where the document states each value of the frame's fields
)
# The filters that compare case-insensitively (the reader's `actor`, `type`, `mode`, `kind`,
# `status`) find their rows from indexes on the columns folded as they fold them.
FOLDED = {"events": ("source_canonical", "source_name", "source_country", "target_canonical", "target_name",
                     "target_country", "mode"),
          "claims": ("kind",), "agreements": ("kind", "status")}
for _table, _names in FOLDED.items():
    for _name in _names:
        sa.Index(f"ix_{_table}_{_name}_lower", sa.func.lower(metadata.tables[_table].c[_name]))
sa.Index("ix_events_type_upper", sa.func.upper(events.c.type))
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
# The merged records (merge.py) as the linker last wrote them (Store.link), so that SQL tools see
# what the CLI shows: one row per agreement, event and fact. A mention, an event and a figure point
# at theirs by agreement_threads.thread_id, events.merge_key and claims.merge_key.
merged_agreements = sa.Table(
    "merged_agreements", metadata,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("conflict", sa.String, index=True),
    sa.Column("status", sa.String, nullable=False),
    _list("parties"),
    # The parties are the war's principal sides, named by no source (merge.py): so says the card.
    sa.Column("parties_of_war", sa.Boolean, nullable=False, server_default=sa.false()),
    _list("mediators"), _list("proposers"),
    sa.Column("effective", sa.Date),
    sa.Column("duration_days", sa.Float),
    sa.Column("scope", sa.String),  # partial | complete
    _list("phases", int),
    _list("terms", dict),  # {category, status}
    _list("history", dict),  # {status, on, document_id}: each change of status and the document stating it
    sa.Column("follows", sa.String),  # the agreement it follows or replaces (merge.link_agreements)
    sa.Column("relation", sa.String),  # follows | replaces
    sa.Column("first_reported", sa.Date, index=True),
    sa.Column("last_reported", sa.Date),
    sa.Column("reports", sa.Integer, nullable=False),  # stories
    sa.Column("sources", sa.Integer, nullable=False),  # mentions
)
merged_events = sa.Table(
    "merged_events", metadata,
    sa.Column("id", sa.String, primary_key=True),  # events.merge_key
    sa.Column("type", sa.String, nullable=False, index=True),
    sa.Column("mode", sa.String, nullable=False),
    sa.Column("source_canonical", sa.String, nullable=False, index=True),
    sa.Column("target_canonical", sa.String, index=True),
    sa.Column("day", sa.Date, index=True),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("sources", sa.Integer, nullable=False),
)
merged_facts = sa.Table(
    "merged_facts", metadata,
    sa.Column("id", sa.String, primary_key=True),  # claims.merge_key
    sa.Column("kind", sa.String, nullable=False, index=True),
    sa.Column("subject", sa.String),
    sa.Column("location", sa.String),
    sa.Column("counted", sa.String),
    sa.Column("value", sa.Float, nullable=False),  # the latest figure
    sa.Column("qualifier", sa.String),
    sa.Column("as_of", sa.Date),
    sa.Column("reports", sa.Integer, nullable=False),
    sa.Column("figures", sa.Integer, nullable=False),
    sa.Column("revisions", sa.Integer, nullable=False),
    sa.Column("contradictions", sa.Integer, nullable=False),
)
MERGED_TABLES = ("merged_agreements", "merged_events", "merged_facts")
# The latest reason each skipped input was skipped, so a user can see it after the run.
failures = sa.Table(
    "failures", metadata,
    sa.Column("source", sa.String, primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)


# Opening a database

# The marker of a truceline database: Alembic's version table, under a name of truceline's own
# (another program's `alembic_version` says nothing about whose tables these are).
VERSION_TABLE = "truceline_version"
# What a database made by a truceline older than its migrations holds: upgraded from its start.
_UNMARKED = {"documents": {"id", "source", "text", "flags"}, "events": {"document_id", "seq", "type", "mode"},
             "claims": {"document_id", "seq", "kind", "value"}, "agreements": {"document_id", "seq", "kind", "status"}}


def database_url(path_or_url: str) -> str:
    """A SQLAlchemy URL, PostgreSQL's through psycopg (version 3, the driver truceline installs)
    when it names none; anything else is a path to an SQLite file."""
    if "://" not in path_or_url:
        return f"sqlite:///{path_or_url}"
    scheme, rest = path_or_url.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else path_or_url


def open_database(url: str, create: bool) -> sa.Engine:
    """An engine on the truceline database at `url`.

    With `create` (to write): a new or empty database is made at the newest revision, and one an
    older truceline made is upgraded. Without (to read): it must be a truceline database at the
    newest revision; an SQLite file that cannot be written is opened read-only. Any other database
    is refused with a one-line reason (ConfigError; StorageError for a read-only one to write to)
    before anything is written to it."""
    try:
        path = _sqlite_file(url)
        if path is not None and not path.exists() and not create:
            raise ConfigError(f"no database at {path}; run `truceline ingest` first")
        read_only = path is not None and path.exists() and not _writable(path)
        if read_only and create:
            raise StorageError(f"cannot write to {path}: the file or its folder is read-only")
        # A file is inspected over a read-only connection: even the pragmas below write to it.
        inspector = sa.create_engine("sqlite://", creator=lambda: _read_only(path)) if path and path.exists() else None
        engine = sa.create_engine("sqlite://", creator=lambda: _read_only(path)) if read_only else sa.create_engine(url)
        if engine.dialect.name == "sqlite" and not read_only:
            sa.event.listen(engine, "connect", _sqlite_pragmas)
        with (inspector or engine).connect() as conn:
            revision, tables = _marker(conn)
        if inspector:
            inspector.dispose()
        if revision is None and tables and not _unmarked_truceline(engine, tables):
            engine.dispose()
            raise ConfigError(f"not a truceline database: it holds other tables ({_listed(tables)}); truceline "
                              "writes only to a database it made or an empty one")
        head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
        if not create and not tables:
            raise ConfigError("the database holds no truceline data; run `truceline ingest` first")
        if not create and revision != head:
            raise ConfigError("the database was made by an older truceline; run `truceline ingest` "
                              "on it once (with any input) to bring it up to date")
        if revision != head:
            _upgrade(engine, head)
        return engine
    except ImportError as exc:  # e.g. a postgresql:// URL without its driver
        raise ConfigError(f"the database driver is not installed: {exc}") from exc
    except sa.exc.SQLAlchemyError as exc:
        raise ConfigError(f"cannot open the database: {one_line(exc)}") from exc


def one_line(exc: sa.exc.SQLAlchemyError) -> str:
    """What the driver said, without SQLAlchemy's statement, parameters and help link."""
    return f"{type(getattr(exc, 'orig', None) or exc).__name__}: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}"


def _alembic_config(conn: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", "truceline.storage:migrations")
    config.attributes["connection"] = conn
    return config


def _upgrade(engine: sa.Engine, head: str) -> None:
    """Migrate to `head` holding the database's write lock and reading the revision again inside it:
    two processes opening a new database at once would otherwise both run the migrations, and the
    second fail on the tables and columns the first made."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the lock now, not at the first write
        elif conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": VERSION_TABLE})
        if _marker(conn)[0] != head:
            command.upgrade(_alembic_config(conn), "head")
        conn.commit()


def _marker(conn: sa.Connection) -> tuple[str | None, set[str]]:
    """The database's truceline revision (None without the marker) and the names of its tables."""
    tables = set(sa.inspect(conn).get_table_names()) - {"sqlite_sequence"}
    if VERSION_TABLE not in tables:
        return None, tables
    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision(), tables


def _unmarked_truceline(engine: sa.Engine, tables: set[str]) -> bool:
    """Whether a database without the marker holds truceline's tables, as an older truceline left them."""
    if not set(_UNMARKED) <= tables:
        return False
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        return all(columns <= {c["name"] for c in inspector.get_columns(table)} for table, columns in _UNMARKED.items())


def _listed(names: set[str]) -> str:
    first = sorted(names)[:3]
    return ", ".join(first) + (", …" if len(names) > len(first) else "")


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _writable(path: Path) -> bool:
    """SQLite writes beside the file too (its WAL and shared-memory files)."""
    return os.access(path, os.W_OK) and os.access(path.parent.resolve(), os.W_OK)


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing: `immutable` where the file cannot be written (no one can
    change it then, and SQLite needs no WAL index), else `mode=ro`."""
    mode = "ro" if _writable(path) else "ro&immutable=1"
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode={mode}", uri=True, check_same_thread=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run during an ingest; NORMAL sync is safe with WAL and much faster; a writer
    waits up to a minute for another to finish its document."""
    cursor = dbapi_connection.cursor()
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=60000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
