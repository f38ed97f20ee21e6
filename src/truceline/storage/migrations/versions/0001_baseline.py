"""The tables as they were when truceline began to record its schema's revisions.

Also brings up to date a database an older truceline made before then (without the marker): it
creates the tables and indexes that database lacks and adds the columns it lacks, lists empty and
others null (`merge_key`, `sort_key`: `Store.link_unplaced` fills them; `violators`: re-ingesting
a document fills them). The tables are written out here, not imported from `schema.py`: a
revision keeps the schema of its day however the tables change later.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from truceline import fulltext

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

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


def upgrade() -> None:
    bind = op.get_bind()
    present = set(sa.inspect(bind).get_table_names())
    metadata.create_all(bind)  # the tables that are missing, with their indexes
    inspector = sa.inspect(bind)
    for table in metadata.sorted_tables:
        if table.name not in present:
            continue
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in columns:
                default = sa.text("'[]'") if LIST_ITEMS in column.info else None
                op.add_column(table.name, sa.Column(column.name, column.type, nullable=default is None,
                                                    server_default=default))
        for index in table.indexes:
            index.create(bind, checkfirst=True)
    fulltext.build(bind)


def downgrade() -> None:
    op.execute(sa.text(f"DROP TABLE IF EXISTS {fulltext.INDEX}"))
    metadata.drop_all(op.get_bind())
