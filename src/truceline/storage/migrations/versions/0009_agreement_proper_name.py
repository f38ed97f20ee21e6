"""Agreement mentions carry the proper name the text knows them by ("the Black Sea Grain
Initiative"): threading joins mentions of one name however far apart, and keeps a named agreement
out of the other agreements of its war. Rows written before have none until ingested again.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("agreements", sa.Column("proper_name", sa.String))
    op.create_index("ix_agreements_proper_name", "agreements", ["proper_name"])


def downgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.drop_index("ix_agreements_proper_name")
        batch.drop_column("proper_name")
