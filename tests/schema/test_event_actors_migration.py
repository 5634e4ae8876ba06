"""The event-actors migration names the actors of events already there without touching
what their hashes cover, so the chain still verifies, and new events hash the richer actor."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from api.events.actor import Actor
from api.events.append import PendingEvent, append_events
from api.events.chain import GENESIS_HASH, event_hash
from api.events.service import verify_chain
from migrations import SCRIPT_LOCATION, upgrade
from models import Event
from tests.schema.old_tables import ORGANISATIONS

EVENT_ACTORS_REVISION = "8939ed20f33f"

_keys = sa.table(
    "api_keys",
    *(sa.column(n, sa.String) for n in ("prefix", "key_hash", "role", "name")),
    sa.column("id", sa.Uuid),
    sa.column("organisation_id", sa.Uuid),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
_heads = sa.table(
    "event_chain_heads",
    sa.column("organisation_id", sa.Uuid),
    sa.column("seq", sa.Integer),
    sa.column("hash", sa.String),
)
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


def test_old_events_get_names_and_the_chain_still_verifies(alembic_engine: Engine) -> None:
    url = alembic_engine.url.render_as_string(hide_password=False)
    before = ScriptDirectory(str(SCRIPT_LOCATION)).get_revision(EVENT_ACTORS_REVISION).down_revision
    assert isinstance(before, str)
    upgrade(url, before)
    org = uuid.uuid4()
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    with alembic_engine.begin() as connection:
        connection.execute(
            ORGANISATIONS.insert().values(
                id=org, name="Old Org", score_threshold=60.0, case_due_days={}, created_at=now
            )
        )
        connection.execute(
            _keys.insert().values(
                id=uuid.uuid4(),
                organisation_id=org,
                prefix="erpsync1",
                key_hash="0" * 64,
                role="compliance",
                name="ERP sync",
                created_at=now,
            )
        )
        prev = GENESIS_HASH
        for seq, actor in enumerate(("erpsync1", "cli:root", "demo"), 1):
            fields = {
                "entity_type": "supplier",
                "entity_id": str(seq),
                "action": "supplier.created",
                "actor": actor,
            }
            created_at = now.replace(minute=seq)
            digest = event_hash(
                prev_hash=prev,
                organisation_id=str(org),
                seq=seq,
                before=None,
                after=None,
                created_at=created_at,
                **fields,
            )
            connection.execute(
                _events.insert().values(
                    organisation_id=org,
                    seq=seq,
                    before=None,
                    after=None,
                    created_at=created_at,
                    prev_hash=prev,
                    hash=digest,
                    **fields,
                )
            )
            prev = digest
        connection.execute(_heads.insert().values(organisation_id=org, seq=3, hash=prev))

    upgrade(url, "head")

    with Session(alembic_engine) as session:
        named = [
            (e.actor, e.actor_kind, e.actor_name, e.hash_version)
            for e in session.scalars(sa.select(Event).order_by(Event.seq))
        ]
        assert named == [
            ("erpsync1", "key", "ERP sync", 1),
            ("cli:root", "system", "cli:root", 1),
            ("demo", "system", "demo", 1),
        ]
        assert verify_chain(session).ok
        ana = Actor.person(uuid.uuid4(), "Ana Reviewer")
        append_events(session, org, ana, [PendingEvent("case", "1", "case.assigned", None, None)])
        session.commit()
        last = session.scalars(sa.select(Event).where(Event.seq == 4)).one()
        assert (last.actor, last.actor_kind, last.actor_name, last.hash_version) == (
            ana.ref,
            "person",
            "Ana Reviewer",
            2,
        )
        assert verify_chain(session).ok


def test_a_new_event_s_actor_name_is_covered_by_its_hash() -> None:
    fields = {
        "prev_hash": GENESIS_HASH,
        "organisation_id": str(uuid.uuid4()),
        "seq": 1,
        "entity_type": "case",
        "entity_id": "1",
        "action": "case.assigned",
        "actor": "person:1",
        "before": None,
        "after": None,
        "created_at": datetime(2026, 12, 3, tzinfo=UTC),
        "actor_kind": "person",
        "version": 2,
    }
    assert event_hash(**fields, actor_name="Ana") != event_hash(**fields, actor_name="Ben")
