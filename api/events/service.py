"""Recording events (inside the caller's transaction) and verifying the chain
(``api.events.verify``)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.actor import Actor
from api.events.append import PendingEvent, append_events, plain
from api.events.verify import BrokenLink, ChainReport, verify_chain
from models import Event

__all__ = ["BrokenLink", "ChainReport", "events_for", "record_event", "verify_chain"]

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
