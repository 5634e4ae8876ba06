"""event actors (kind and name) and key owners

Events get the actor's kind (person, key, system) and name; new events hash them too
(``hash_version`` 2). Events already there keep the hash they were made with (version 1, over
the ``actor`` ref alone): their kind and name are filled in from the ref, beside the hashed
content, so ``flrisk audit verify`` still passes and history reads with names. A key may now
belong to a person (``owner_user_id``); the others are service accounts named by ``name``.

Revision ID: 8939ed20f33f
Revises: d79b6f641b8f
Create Date: 2026-12-03 18:47:29.919716
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8939ed20f33f"
down_revision: str | None = "d79b6f641b8f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_events = sa.table(
    "events",
    sa.column("actor", sa.String),
    sa.column("actor_kind", sa.String),
    sa.column("actor_name", sa.String),
)
_keys = sa.table("api_keys", sa.column("prefix", sa.String), sa.column("name", sa.String))
_users = sa.table("users", sa.column("id", sa.Uuid), sa.column("name", sa.String))
_PERSON = "person:"

# Events are append-only (triggers of f25d1bafdeb1); the fill below is the one sanctioned
# update, of columns no hash covers, so the triggers step aside for it.
_SQLITE_TRIGGERS = {
    verb: f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
    "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    for verb in ("UPDATE", "DELETE")
}


def _actor_of(connection: sa.Connection, ref: str) -> tuple[str, str]:
    if ref.startswith(_PERSON):
        name = connection.scalar(
            sa.select(_users.c.name).where(sa.cast(_users.c.id, sa.String) == ref[len(_PERSON) :])
        )
        return "person", name or "unknown person"
    key_name = connection.execute(sa.select(_keys.c.name).where(_keys.c.prefix == ref)).first()
    if key_name is not None:
        return "key", key_name.name or f"key {ref}"
    return "system", ref


def _fill_actors() -> None:
    connection = op.get_bind()
    refs = connection.scalars(sa.select(_events.c.actor).distinct()).all()
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        op.execute("ALTER TABLE events DISABLE TRIGGER events_append_only")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
    for ref in refs:
        kind, name = _actor_of(connection, ref)
        connection.execute(
            sa.update(_events)
            .where(_events.c.actor == ref)
            .values(actor_kind=kind, actor_name=name[:200])
        )
    if postgres:
        op.execute("ALTER TABLE events ENABLE TRIGGER events_append_only")
    else:
        op.execute(_SQLITE_TRIGGERS["UPDATE"])


def upgrade() -> None:
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_user_id", sa.Uuid(), nullable=True))
        batch_op.alter_column(
            "created_by",
            existing_type=sa.VARCHAR(length=16),
            type_=sa.String(length=64),
            existing_nullable=True,
        )
        batch_op.create_index(
            batch_op.f("ix_api_keys_owner_user_id"), ["owner_user_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_api_keys_owner_user_id_users"),
            "users",
            ["owner_user_id"],
            ["id"],
            ondelete="RESTRICT",
        )

    # Plain ADD COLUMNs: on SQLite the events table is not rebuilt, so its triggers stay.
    op.add_column("events", sa.Column("actor_kind", sa.String(length=10), nullable=True))
    op.add_column("events", sa.Column("actor_name", sa.String(length=200), nullable=True))
    op.add_column(
        "events", sa.Column("hash_version", sa.Integer(), server_default="1", nullable=False)
    )
    _fill_actors()

    with op.batch_alter_table("review_cases", schema=None) as batch_op:
        batch_op.alter_column(
            "decided_by",
            existing_type=sa.VARCHAR(length=64),
            type_=sa.String(length=130),
            existing_nullable=True,
        )


def downgrade() -> None:
    with op.batch_alter_table("review_cases", schema=None) as batch_op:
        batch_op.alter_column(
            "decided_by",
            existing_type=sa.String(length=130),
            type_=sa.VARCHAR(length=64),
            existing_nullable=True,
        )

    if op.get_bind().dialect.name == "postgresql":
        for column in ("hash_version", "actor_name", "actor_kind"):
            op.drop_column("events", column)
    else:
        # SQLite rebuilds the table to drop a column, losing its triggers: put them back.
        with op.batch_alter_table("events", schema=None) as batch_op:
            for column in ("hash_version", "actor_name", "actor_kind"):
                batch_op.drop_column(column)
        for verb, create in _SQLITE_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS events_no_{verb.lower()}")
            op.execute(create)

    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_api_keys_owner_user_id_users"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_api_keys_owner_user_id"))
        batch_op.alter_column(
            "created_by",
            existing_type=sa.String(length=64),
            type_=sa.VARCHAR(length=16),
            existing_nullable=True,
        )
        batch_op.drop_column("owner_user_id")
