"""Appending many events at once, for imports.

``api.events.service.record_event`` reads the chain head and flushes once per event, which
is right for one change and about a millisecond too slow per row for a 100k-row import.
This computes the same chain (same hash function, same fields) for a batch after reading
the head once, and inserts the batch with one executemany. It runs inside the import's
transaction, so the unique (organisation_id, seq) still stops a concurrent writer from
forking the chain: the later transaction fails instead.

Values must already be plain JSON (str, int, float, bool, None, lists, dicts), as
``state_of`` makes them, so what is hashed is what the database returns.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.chain import GENESIS_HASH, event_hash
from api.imports.bulk import append_rows
from models import Event
from models.base import utcnow

_EVENTS = Event.metadata.tables[Event.__tablename__]


@dataclass(frozen=True, slots=True)
class PendingEvent:
    entity_type: str
    entity_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def append_events(
    session: Session, organisation_id: uuid.UUID, actor: str, events: list[PendingEvent]
) -> None:
    if not events:
        return
    session.flush()  # events recorded one by one earlier in the transaction come first
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
