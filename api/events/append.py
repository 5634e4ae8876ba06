"""Appending to an organisation's event chain: the one writer, for one event or a batch.

Each call first locks the organisation's chain-head row (``models.event_chain_head``), so
concurrent writers to one organisation take turns instead of colliding: on PostgreSQL with
``SELECT ... FOR UPDATE``, on SQLite with an ``UPDATE`` of the row before anything is read,
which takes the database's write lock (a deferred transaction that read first could not
upgrade once another writer committed). Every event's hash is computed from the one before it
(``api.events.chain``), the batch is inserted in one statement (``models.bulk``) and the head
moves to the last event. It runs in the caller's transaction, so an event commits with the
change it records, and the head lock is held until then; the unique (organisation_id, seq)
stays as the last guard against a fork.

Events are keyed (hash version 3) with the chain secret bound to the session
(``api.events.keying``). Without a secret they are hashed unkeyed (version 2), but never after
a keyed event: appending to a keyed chain without the secret is refused, since it would
break the chain (or let anyone extend it).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from api.errors import ProblemError
from api.events.actor import Actor, resolve_actor
from api.events.chain import (
    GENESIS_HASH,
    KEYED_HASH_VERSION,
    UNKEYED_HASH_VERSION,
    canonical_json,
    event_hash,
)
from api.events.keying import session_chain_key
from models import Event, EventChainHead
from models.base import utcnow
from models.bulk import append_rows

_EVENTS = Event.metadata.tables[Event.__tablename__]
_HEADS = EventChainHead.metadata.tables[EventChainHead.__tablename__]


@dataclass(frozen=True, slots=True)
class PendingEvent:
    """An event to append. ``before`` and ``after`` must be plain JSON (str, int, float,
    bool, None, lists, dicts) so what is hashed is what the database returns; ``plain``
    makes them so."""

    entity_type: str
    entity_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def plain(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """``value`` as the database will return it (dates and UUIDs as text)."""
    return None if value is None else json.loads(canonical_json(value))


def plain_event(event: PendingEvent) -> PendingEvent:
    """``event`` with ``before`` and ``after`` made plain JSON."""
    return PendingEvent(
        event.entity_type, event.entity_id, event.action, plain(event.before), plain(event.after)
    )


def append_events(
    session: Session,
    organisation_id: uuid.UUID,
    actor: Actor | str,
    events: Sequence[PendingEvent],
) -> None:
    """Append ``events`` by ``actor`` (an ``Actor``, or a ref: ``Actor.ref``, a system name)."""
    if not events:
        return
    session.flush()  # events written earlier in the transaction come first
    who = resolve_actor(session, actor)
    connection = session.connection()
    seq, prev_hash = _lock_head(connection, organisation_id)
    key = session_chain_key(session)
    version = KEYED_HASH_VERSION if key is not None else UNKEYED_HASH_VERSION
    if key is None and _last_version(connection, organisation_id, seq) >= KEYED_HASH_VERSION:
        raise ProblemError(
            "chain-key-missing",
            "This organisation's history is keyed but this server has no FLRISK_CHAIN_SECRET; "
            "nothing was written.",
        )
    created_at = utcnow()
    organisation = str(organisation_id)
    rows: list[dict[str, Any]] = []
    for event in events:
        seq += 1
        digest = event_hash(
            prev_hash=prev_hash,
            organisation_id=organisation,
            seq=seq,
            entity_type=event.entity_type,
            entity_id=event.entity_id,
            action=event.action,
            actor=who.ref,
            before=event.before,
            after=event.after,
            created_at=created_at,
            actor_kind=who.kind,
            actor_name=who.name,
            version=version,
            key=key,
        )
        rows.append(
            {
                "organisation_id": organisation_id,
                "seq": seq,
                "entity_type": event.entity_type,
                "entity_id": event.entity_id,
                "action": event.action,
                "actor": who.ref,
                "actor_kind": who.kind,
                "actor_name": who.name,
                "hash_version": version,
                "before": event.before,
                "after": event.after,
                "created_at": created_at,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    append_rows(session, _EVENTS, rows)
    connection.execute(
        update(_HEADS)
        .where(_HEADS.c.organisation_id == organisation_id)
        .values(seq=seq, hash=prev_hash)
    )


def _last_version(connection: Connection, organisation_id: uuid.UUID, seq: int) -> int:
    """The hash version of the organisation's last event (0 for an empty chain)."""
    if seq == 0:
        return 0
    version = connection.scalar(
        select(_EVENTS.c.hash_version).where(
            _EVENTS.c.organisation_id == organisation_id, _EVENTS.c.seq == seq
        )
    )
    return int(version or 0)


def _lock_head(connection: Connection, organisation_id: uuid.UUID) -> tuple[int, str]:
    """The organisation's (seq, hash) head, locked until the transaction ends.

    An organisation's first append makes its head row (seq 0, the genesis hash); a concurrent
    first append waits for that insert and then finds the row.
    """
    where = _HEADS.c.organisation_id == organisation_id
    read = select(_HEADS.c.seq, _HEADS.c.hash).where(where)
    if connection.dialect.name == "postgresql":
        head = connection.execute(read.with_for_update()).first()
        if head is None:
            connection.execute(
                postgresql_insert(_HEADS)
                .values(organisation_id=organisation_id, seq=0, hash=GENESIS_HASH)
                .on_conflict_do_nothing()
            )
            head = connection.execute(read.with_for_update()).one()
        return int(head.seq), str(head.hash)
    touched = connection.execute(update(_HEADS).where(where).values(seq=_HEADS.c.seq))
    if touched.rowcount == 0:
        connection.execute(
            sqlite_insert(_HEADS)
            .values(organisation_id=organisation_id, seq=0, hash=GENESIS_HASH)
            .on_conflict_do_nothing()
        )
    head = connection.execute(read).one()
    return int(head.seq), str(head.hash)
