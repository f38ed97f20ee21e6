"""Figures say what they count, in a small vocabulary (counted.py), and whether they are a
running total or an increment. Rows stored before count nothing (null) and are totals until
their document is ingested again.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("counted", sa.String))
    op.add_column("claims", sa.Column("change", sa.String, nullable=False, server_default="total"))
    op.create_index("ix_claims_counted", "claims", ["counted"])


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_index("ix_claims_counted")
        batch.drop_column("change")
        batch.drop_column("counted")
