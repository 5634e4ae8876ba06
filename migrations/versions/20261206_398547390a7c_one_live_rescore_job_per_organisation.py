"""one live whole-organisation rescore job per organisation (a partial unique index)

Revision ID: 398547390a7c
Revises: 8939ed20f33f
Create Date: 2026-12-06 21:38:48.084796
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = "398547390a7c"
down_revision: str | None = "8939ed20f33f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE = "status IN ('queued', 'running') AND trigger IS NULL"

# Two requests at once could make two live jobs before this index; all but the newest of an
# organisation's live jobs are closed as failed so the index can be built.
_CLOSE_OLDER_DUPLICATES = sa.text(
    """
UPDATE rescore_jobs SET status = 'failed', finished_at = :now,
    error = 'superseded: a newer re-score of the organisation was queued at the same time'
WHERE status IN ('queued', 'running') AND trigger IS NULL AND EXISTS (
    SELECT 1 FROM rescore_jobs newer
    WHERE newer.organisation_id = rescore_jobs.organisation_id
      AND newer.status IN ('queued', 'running') AND newer.trigger IS NULL
      AND (newer.created_at > rescore_jobs.created_at
           OR (newer.created_at = rescore_jobs.created_at AND newer.id > rescore_jobs.id))
)
"""
).bindparams(sa.bindparam("now", type_=models.base.UTCDateTime()))


def upgrade() -> None:
    op.get_bind().execute(_CLOSE_OLDER_DUPLICATES, {"now": datetime.now(UTC)})
    with op.batch_alter_table("rescore_jobs", schema=None) as batch_op:
        batch_op.create_index(
            "uq_rescore_jobs_one_live_per_org",
            ["organisation_id"],
            unique=True,
            sqlite_where=sa.text(LIVE),
            postgresql_where=sa.text(LIVE),
        )


def downgrade() -> None:
    with op.batch_alter_table("rescore_jobs", schema=None) as batch_op:
        batch_op.drop_index("uq_rescore_jobs_one_live_per_org")
