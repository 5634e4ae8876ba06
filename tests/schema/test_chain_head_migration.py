"""The chain-head migration fills each organisation's head from the events already there."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.events.append import PendingEvent, append_events
from api.events.chain import GENESIS_HASH, event_hash
from api.events.service import verify_chain
from migrations import SCRIPT_LOCATION, upgrade
from models import EventChainHead
from tests.schema.old_tables import ORGANISATIONS

CHAIN_HEADS_REVISION = "a9f81b26aa62"

_events = sa.table(
    "events",
    *(sa.column(n, sa.String) for n in ("entity_type", "entity_id", "action", "actor")),
    *(sa.column(n, sa.String) for n in ("prev_hash", "hash")),
    sa.column("organisation_id", sa.Uuid),
    sa.column("seq", sa.Integer),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def _old_chain(connection: sa.Connection, organisation_id: uuid.UUID, length: int) -> str:
    """Events as the writer before the migration made them; returns the last hash."""
    prev = GENESIS_HASH
    for seq in range(1, length + 1):
        created_at = datetime(2026, 11, 1, 12, seq, tzinfo=UTC)
        fields = {
            "entity_type": "supplier",
            "entity_id": str(seq),
            "action": "supplier.created",
            "actor": "system",
        }
        digest = event_hash(
            prev_hash=prev,
            organisation_id=str(organisation_id),
            seq=seq,
            before=None,
            after={"n": seq},
            created_at=created_at,
            **fields,
        )
        connection.execute(
            _events.insert().values(
                organisation_id=organisation_id,
                seq=seq,
                before=None,
                after={"n": seq},
                created_at=created_at,
                prev_hash=prev,
                hash=digest,
                **fields,
            )
        )
        prev = digest
    return prev


def test_each_organisation_s_head_is_its_last_event_and_the_chain_continues(
    alembic_engine: Engine,
) -> None:
    url = alembic_engine.url.render_as_string(hide_password=False)
    before = ScriptDirectory(str(SCRIPT_LOCATION)).get_revision(CHAIN_HEADS_REVISION).down_revision
    assert isinstance(before, str)
    upgrade(url, before)
    long_chain, short_chain, no_events = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    with alembic_engine.begin() as connection:
        for org in (long_chain, short_chain, no_events):
            connection.execute(
                ORGANISATIONS.insert().values(
                    id=org,
                    name=str(org),
                    score_threshold=60.0,
                    case_due_days={},
                    created_at=datetime.now(UTC),
                )
            )
        long_last = _old_chain(connection, long_chain, 5)
        short_last = _old_chain(connection, short_chain, 1)

    upgrade(url, CHAIN_HEADS_REVISION)

    with Session(alembic_engine) as session:
        heads = {
            h.organisation_id: (h.seq, h.hash) for h in session.scalars(sa.select(EventChainHead))
        }
    assert heads == {long_chain: (5, long_last), short_chain: (1, short_last)}
    upgrade(url, "head")
    with Session(alembic_engine) as session:
        append_events(
            session,
            long_chain,
            "system",
            [PendingEvent("supplier", "6", "supplier.created", None, None)],
        )
        session.commit()
        head = session.get(EventChainHead, long_chain)
        assert head is not None and head.seq == 6
        assert verify_chain(session).ok
