"""Agreement mentions carry their frame (frames.py): the document's agreement they are, the
conflict it belongs to, and where the document states each value of its fields. Rows stored
before have no frame, no conflict and no evidence until their document is ingested again.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agreements", sa.Column("conflict", sa.String))
    op.add_column("agreements", sa.Column("frame", sa.Integer))
    op.add_column("agreements", sa.Column("evidence", sa.JSON, nullable=False, server_default=sa.text("'[]'")))
    op.create_index("ix_agreements_conflict", "agreements", ["conflict"])


def downgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.drop_index("ix_agreements_conflict")
        for column in ("evidence", "frame", "conflict"):
            batch.drop_column(column)
