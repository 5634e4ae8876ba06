"""Tables as a migration test writes them before upgrading: only the columns that existed at
the revision the test starts from (the ORM models describe the head, not the past)."""

from __future__ import annotations

import sqlalchemy as sa

ORGANISATIONS = sa.table(
    "organisations",
    sa.column("id", sa.Uuid),
    sa.column("name", sa.String),
    sa.column("score_threshold", sa.Float),
    sa.column("case_due_days", sa.JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
