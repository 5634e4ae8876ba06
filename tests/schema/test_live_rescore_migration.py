"""The one-live-rescore migration keeps each organisation's newest live whole-organisation job
and closes the older duplicates (made by requests at once before it) as failed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from migrations import SCRIPT_LOCATION, upgrade
from tests.schema.old_tables import ORGANISATIONS

LIVE_RESCORE_REVISION = "398547390a7c"

_jobs = sa.table(
    "rescore_jobs",
    sa.column("id", sa.Uuid),
    sa.column("organisation_id", sa.Uuid),
    sa.column("status", sa.String),
    sa.column("requested_by", sa.String),
    sa.column("trigger", sa.String),
    sa.column("suppliers_total", sa.Integer),
    sa.column("suppliers_processed", sa.Integer),
    sa.column("error", sa.Text),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def test_older_duplicate_live_jobs_are_closed_and_the_newest_stays_live(
    alembic_engine: Engine,
) -> None:
    url = alembic_engine.url.render_as_string(hide_password=False)
    before = ScriptDirectory(str(SCRIPT_LOCATION)).get_revision(LIVE_RESCORE_REVISION).down_revision
    assert isinstance(before, str)
    upgrade(url, before)
    twice, once = uuid.uuid4(), uuid.uuid4()
    at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    jobs = {
        "older": (twice, "queued", None, at),
        "newer": (twice, "running", None, at + timedelta(seconds=1)),
        "downstream": (twice, "queued", "link added", at),
        "done": (twice, "completed", None, at - timedelta(days=1)),
        "alone": (once, "queued", None, at),
    }
    ids = {name: uuid.uuid4() for name in jobs}
    with alembic_engine.begin() as connection:
        for org in (twice, once):
            connection.execute(
                ORGANISATIONS.insert().values(
                    id=org, name=str(org), score_threshold=60.0, case_due_days={}, created_at=at
                )
            )
        for name, (org, status, trigger, created_at) in jobs.items():
            connection.execute(
                _jobs.insert().values(
                    id=ids[name],
                    organisation_id=org,
                    status=status,
                    requested_by="test",
                    trigger=trigger,
                    suppliers_total=0,
                    suppliers_processed=0,
                    created_at=created_at,
                )
            )

    upgrade(url, LIVE_RESCORE_REVISION)

    with alembic_engine.connect() as connection:
        statuses = {
            row.id: row.status for row in connection.execute(sa.select(_jobs.c.id, _jobs.c.status))
        }
    assert {name: statuses[i] for name, i in ids.items()} == {
        "older": "failed",
        "newer": "running",
        "downstream": "queued",
        "done": "completed",
        "alone": "queued",
    }
    upgrade(url, "head")
