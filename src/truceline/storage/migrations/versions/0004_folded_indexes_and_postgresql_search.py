"""Indexes for the filters that compare case-insensitively (on the columns folded as the reader
folds them), and PostgreSQL's own full-text search (a tsvector per document, GIN-indexed).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from truceline import fulltext

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FOLDED = {"events": ("source_canonical", "source_name", "source_country", "target_canonical", "target_name",
                     "target_country", "mode"),
          "claims": ("kind",), "agreements": ("kind", "status")}


def upgrade() -> None:
    for table, names in FOLDED.items():
        for name in names:
            op.create_index(f"ix_{table}_{name}_lower", table, [sa.text(f"lower({name})")])
    op.create_index("ix_events_type_upper", "events", [sa.text("upper(type)")])
    fulltext.build(op.get_bind())  # SQLite's was made by 0001


def downgrade() -> None:
    op.drop_index("ix_events_type_upper", "events")
    for table, names in FOLDED.items():
        for name in names:
            op.drop_index(f"ix_{table}_{name}_lower", table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.text(f"DROP TABLE IF EXISTS {fulltext.INDEX}"))
