"""event chain heads: one row per organisation that appends lock, filled from the events

Revision ID: a9f81b26aa62
Revises: 12619e0e9ff4
Create Date: 2026-12-03 13:45:45.852859
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a9f81b26aa62"
down_revision: str | None = "12619e0e9ff4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each organisation's last event becomes its head, so the next append continues the chain.
_FILL_FROM_EVENTS = """
INSERT INTO event_chain_heads (organisation_id, seq, hash)
SELECT e.organisation_id, e.seq, e.hash
FROM events e
JOIN (SELECT organisation_id, MAX(seq) AS seq FROM events GROUP BY organisation_id) last
  ON last.organisation_id = e.organisation_id AND last.seq = e.seq
"""


def upgrade() -> None:
    op.create_table(
        "event_chain_heads",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_event_chain_heads_organisation_id_organisations"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("organisation_id", name=op.f("pk_event_chain_heads")),
    )
    op.execute(_FILL_FROM_EVENTS)


def downgrade() -> None:
    op.drop_table("event_chain_heads")
