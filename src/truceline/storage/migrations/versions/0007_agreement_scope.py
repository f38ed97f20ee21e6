"""Agreement mentions carry their scope (agreements.py): a partial ceasefire ("on energy
infrastructure") is not the complete one asked for beside it. Rows stored before have none until
their document is ingested again.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agreements", sa.Column("scope", sa.String))


def downgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("scope")
