"""Appending to an organisation's event chain: the one writer, for one event or a batch.

The chain head is read once per call, every event's hash is computed from the one before it
(``api.events.chain``), and the batch is inserted in one statement (``models.bulk``). It runs
in the caller's transaction, so an event commits with the change it records; the unique
(organisation_id, seq) stops a concurrent writer from forking the chain: the later
transaction fails instead.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.chain import GENESIS_HASH, canonical_json, event_hash
from models import Event
from models.base import utcnow
from models.bulk import append_rows

_EVENTS = Event.metadata.tables[Event.__tablename__]


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
    session: Session, organisation_id: uuid.UUID, actor: str, events: Sequence[PendingEvent]
) -> None:
    if not events:
        return
    session.flush()  # events written earlier in the transaction come first
    head = session.execute(
        select(Event.seq, Event.hash)
        .where(Event.organisation_id == organisation_id)
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    seq, prev_hash = (head[0], head[1]) if head else (0, GENESIS_HASH)
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
            actor=actor,
            before=event.before,
            after=event.after,
            created_at=created_at,
        )
        rows.append(
            {
                "organisation_id": organisation_id,
                "seq": seq,
                "entity_type": event.entity_type,
                "entity_id": event.entity_id,
                "action": event.action,
                "actor": actor,
                "before": event.before,
                "after": event.after,
                "created_at": created_at,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    append_rows(session, _EVENTS, rows)
