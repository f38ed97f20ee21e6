"""A merged agreement says whether its parties are its war's principal sides that no source names
(`MergedAgreement.parties_of_war`): the table showed them as stated parties, where the CLI and the
board say they are not. Rows written before say false until the documents are linked again
(`truceline link`).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("merged_agreements",
                  sa.Column("parties_of_war", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("merged_agreements") as batch:
        batch.drop_column("parties_of_war")
