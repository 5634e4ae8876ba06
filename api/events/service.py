"""Recording events (inside the caller's transaction) and verifying the chain."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.actor import Actor
from api.events.append import PendingEvent, append_events, plain
from api.events.chain import GENESIS_HASH, event_hash
from models import Event

_JSON = dict[str, Any] | None


def record_event(
    session: Session,
    *,
    organisation_id: uuid.UUID,
    entity_type: str,
    entity_id: str | uuid.UUID,
    action: str,
    actor: Actor | str,
    before: _JSON = None,
    after: _JSON = None,
) -> None:
    """Append one event to the organisation's chain; committed with the caller's change."""
    event = PendingEvent(entity_type, str(entity_id), action, plain(before), plain(after))
    append_events(session, organisation_id, actor, [event])


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
            actor_kind=event.actor_kind,
            actor_name=event.actor_name,
            version=event.hash_version,
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
