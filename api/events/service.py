"""Recording events (inside the caller's transaction) and verifying the chain."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.chain import GENESIS_HASH, canonical_json, event_hash
from models import Event
from models.base import utcnow

_JSON = dict[str, Any] | None


def _plain(value: _JSON) -> _JSON:
    # Round-trip through canonical JSON so what is hashed is exactly what the database returns.
    import json

    return None if value is None else json.loads(canonical_json(value))


def record_event(
    session: Session,
    *,
    organisation_id: uuid.UUID,
    entity_type: str,
    entity_id: str | uuid.UUID,
    action: str,
    actor: str,
    before: _JSON = None,
    after: _JSON = None,
) -> Event:
    """Append an event to the organisation's chain; committed with the caller's change.

    Concurrent writers that read the same chain head collide on (organisation_id, seq) and
    the later transaction fails rather than forking the chain.
    """
    head = session.execute(
        select(Event.seq, Event.hash)
        .where(Event.organisation_id == organisation_id)
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    seq, prev_hash = (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)
    created_at = utcnow()
    before, after = _plain(before), _plain(after)
    event = Event(
        organisation_id=organisation_id,
        seq=seq,
        entity_type=entity_type,
        entity_id=str(entity_id),
        action=action,
        actor=actor,
        before=before,
        after=after,
        created_at=created_at,
        prev_hash=prev_hash,
        hash=event_hash(
            prev_hash=prev_hash,
            organisation_id=str(organisation_id),
            seq=seq,
            entity_type=entity_type,
            entity_id=str(entity_id),
            action=action,
            actor=actor,
            before=before,
            after=after,
            created_at=created_at,
        ),
    )
    session.add(event)
    session.flush()
    return event


def events_for(
    session: Session, organisation_id: uuid.UUID, entity_type: str, entity_id: str | uuid.UUID
) -> list[Event]:
    query = (
        select(Event)
        .where(
            Event.organisation_id == organisation_id,
            Event.entity_type == entity_type,
            Event.entity_id == str(entity_id),
        )
        .order_by(Event.seq)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class BrokenLink:
    organisation_id: str
    seq: int
    event_id: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events_checked: int
    organisations: int
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _all_events(session: Session) -> Iterator[Event]:
    query = (
        select(Event).order_by(Event.organisation_id, Event.seq).execution_options(yield_per=2000)
    )
    yield from session.scalars(query)


def verify_chain(session: Session) -> ChainReport:
    """Walk every organisation's chain; report the first broken link."""
    checked = 0
    organisations: set[str] = set()
    expected_prev, expected_seq, current_org = GENESIS_HASH, 1, ""
    for event in _all_events(session):
        org = str(event.organisation_id)
        if org != current_org:
            organisations.add(org)
            expected_prev, expected_seq, current_org = GENESIS_HASH, 1, org
        checked += 1
        recomputed = event_hash(
            prev_hash=event.prev_hash,
            organisation_id=org,
            seq=event.seq,
            entity_type=event.entity_type,
            entity_id=event.entity_id,
            action=event.action,
            actor=event.actor,
            before=event.before,
            after=event.after,
            created_at=event.created_at,
        )
        reason = None
        if event.seq != expected_seq:
            reason = f"sequence jumps from {expected_seq - 1} to {event.seq} (an event was removed)"
        elif event.prev_hash != expected_prev:
            reason = "prev_hash does not match the previous event's hash"
        elif recomputed != event.hash:
            reason = "the event's content does not match its hash (it was altered)"
        if reason:
            return ChainReport(
                checked, len(organisations), BrokenLink(org, event.seq, event.id, reason)
            )
        expected_prev, expected_seq = event.hash, event.seq + 1
    return ChainReport(checked, len(organisations), None)
