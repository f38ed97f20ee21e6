"""Documents record where their title and publication date were read (`title_source`:
metadata, og, json-ld or headline; `published_source`: metadata, json-ld, byline or dateline).
Documents stored before have neither until they are ingested again.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("title_source", sa.String))
    op.add_column("documents", sa.Column("published_source", sa.String))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        for column in ("published_source", "title_source"):
            batch.drop_column(column)
