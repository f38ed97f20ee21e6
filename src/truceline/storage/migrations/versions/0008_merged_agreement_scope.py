"""A merged agreement carries its scope, partial or complete, as its mentions did (0007): the
table shows a partial ceasefire apart from the complete one of its days, as the CLI does. Rows
written before have none until the documents are linked again (`truceline link`).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("merged_agreements", sa.Column("scope", sa.String))


def downgrade() -> None:
    with op.batch_alter_table("merged_agreements") as batch:
        batch.drop_column("scope")
