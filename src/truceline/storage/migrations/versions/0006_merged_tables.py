"""The merged agreements, events and facts as tables, written by the linker (Store.link), so that
SQL tools see what the CLI shows. A database stored before has them empty until `truceline link`
(or an ingest) writes them. Written out here, as the tables were on the day of this revision.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _lists(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.JSON, nullable=False) for name in names]


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer, nullable=False) for name in names]


def upgrade() -> None:
    text = sa.String
    op.create_table("merged_agreements", sa.Column("id", text, primary_key=True),
                    sa.Column("name", text, nullable=False), sa.Column("kind", text, nullable=False),
                    sa.Column("conflict", text), sa.Column("status", text, nullable=False), *_lists("parties", "mediators", "proposers"),
                    sa.Column("effective", sa.Date), sa.Column("duration_days", sa.Float),
                    *_lists("phases", "terms", "history"), sa.Column("follows", text), sa.Column("relation", text),
                    sa.Column("first_reported", sa.Date), sa.Column("last_reported", sa.Date),
                    *_counts("reports", "sources"))
    op.create_table("merged_events", sa.Column("id", text, primary_key=True), sa.Column("type", text, nullable=False),
                    sa.Column("mode", text, nullable=False), sa.Column("source_canonical", text, nullable=False),
                    sa.Column("target_canonical", text), sa.Column("day", sa.Date), *_counts("reports", "sources"))
    op.create_table("merged_facts", sa.Column("id", text, primary_key=True), sa.Column("kind", text, nullable=False),
                    sa.Column("subject", text), sa.Column("location", text), sa.Column("counted", text),
                    sa.Column("value", sa.Float, nullable=False), sa.Column("qualifier", text),
                    sa.Column("as_of", sa.Date), *_counts("reports", "figures", "revisions", "contradictions"))
    for table, column in (("merged_agreements", "conflict"), ("merged_agreements", "first_reported"),
                          ("merged_events", "type"), ("merged_events", "source_canonical"),
                          ("merged_events", "target_canonical"), ("merged_events", "day"), ("merged_facts", "kind")):
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table in ("merged_facts", "merged_events", "merged_agreements"):
        op.drop_table(table)
