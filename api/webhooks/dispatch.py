"""The outbox: turn an organisation's new chain events (and finished import jobs) into
deliveries for the endpoints that subscribed, then hand each delivery to the job queue.

A cursor row per organisation says how far the chain has been read. A pass reads the events
after it, makes one message per (event, webhook type) and one delivery per subscribed
endpoint, and moves the cursor, all in one transaction. Two passes racing over the same
events cannot both win: the cursor moves only from the value that pass read, and a source
makes at most one message (unique per organisation). Deliveries are enqueued after the
commit; one whose enqueue was lost (a crash in between) is due at once, so the next sweep
(``run_once``) sends it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.jobs.queue import JobQueue, QueueUnavailable
from api.webhooks import payloads
from api.webhooks.event_types import WebhookEventType, types_for
from models import (
    Event,
    ImportJob,
    WebhookCursor,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookMessage,
)
from models.base import utcnow
from models.database import Database

log = structlog.get_logger("api.webhooks")

DELIVER_TASK = "webhooks.deliver"
EVENTS_PER_PASS = 500
DUE_PER_SWEEP = 1000
# An import job's finish time is set a moment before its transaction commits; jobs are
# re-read this far back so one that committed late is still seen (its message is made once).
IMPORT_LOOKBACK = timedelta(minutes=15)


@dataclass
class _Pass:
    deliveries: list[uuid.UUID] = field(default_factory=list)
    full: bool = False


def enabled_endpoints(session: Session, organisation_id: uuid.UUID) -> list[WebhookEndpoint]:
    query = select(WebhookEndpoint).where(
        WebhookEndpoint.organisation_id == organisation_id, WebhookEndpoint.enabled.is_(True)
    )
    return list(session.scalars(query))


def new_delivery(
    session: Session,
    message: WebhookMessage,
    endpoint_id: uuid.UUID,
    *,
    now: datetime,
    redelivery_of: uuid.UUID | None = None,
    requested_by: str | None = None,
) -> WebhookDelivery:
    delivery = WebhookDelivery(
        organisation_id=message.organisation_id,
        endpoint_id=endpoint_id,
        message_id=message.id,
        status="pending",
        attempts=0,
        next_attempt_at=now,
        redelivery_of=redelivery_of,
        requested_by=requested_by,
    )
    session.add(delivery)
    return delivery


def _message(
    session: Session,
    organisation_id: uuid.UUID,
    event_type: str,
    source_key: str,
    payload: dict[str, object],
    event_seq: int | None,
) -> WebhookMessage:
    message = WebhookMessage(
        id=payloads.message_id(organisation_id, source_key),
        organisation_id=organisation_id,
        event_type=event_type,
        source_key=source_key,
        event_seq=event_seq,
        payload=payload,
    )
    session.add(message)
    return message


def _fan_out(
    session: Session,
    run: _Pass,
    message: WebhookMessage,
    targets: Sequence[WebhookEndpoint],
    now: datetime,
) -> None:
    session.flush()  # the message first: deliveries refer to it
    deliveries = [new_delivery(session, message, endpoint.id, now=now) for endpoint in targets]
    session.flush()
    run.deliveries.extend(d.id for d in deliveries)


def _dispatch_events(
    session: Session,
    run: _Pass,
    organisation_id: uuid.UUID,
    endpoints: Sequence[WebhookEndpoint],
    after_seq: int,
    now: datetime,
) -> int:
    """Messages and deliveries for the events after ``after_seq``; returns the last seq read."""
    events = list(
        session.scalars(
            select(Event)
            .where(Event.organisation_id == organisation_id, Event.seq > after_seq)
            .order_by(Event.seq)
            .limit(EVENTS_PER_PASS)
        )
    )
    run.full = len(events) == EVENTS_PER_PASS
    for event in events:
        for event_type in types_for(event.action, event.before, event.after):
            targets = [
                e for e in endpoints if event_type in e.event_types and event.seq > e.since_seq
            ]
            if targets:
                message = _message(
                    session,
                    organisation_id,
                    event_type,
                    payloads.event_source(event, event_type),
                    payloads.from_event(event, event_type),
                    event.seq,
                )
                _fan_out(session, run, message, targets, now)
    return events[-1].seq if events else after_seq


def _dispatch_imports(
    session: Session,
    run: _Pass,
    organisation_id: uuid.UUID,
    endpoints: Sequence[WebhookEndpoint],
    seen_until: datetime | None,
    now: datetime,
) -> datetime | None:
    """``import.completed`` from the jobs themselves: processing records no chain event when a
    job finishes. Dry runs change nothing and are not announced."""
    event_type = WebhookEventType.import_completed
    subscribed = [e for e in endpoints if event_type in e.event_types]
    if not subscribed:
        return seen_until
    floor = min(e.created_at for e in subscribed)
    if seen_until is not None:
        floor = max(floor, seen_until - IMPORT_LOOKBACK)
    jobs = list(
        session.scalars(
            select(ImportJob)
            .where(
                ImportJob.organisation_id == organisation_id,
                ImportJob.status == "completed",
                ImportJob.dry_run.is_(False),
                ImportJob.finished_at > floor,
            )
            .order_by(ImportJob.finished_at)
            .limit(EVENTS_PER_PASS)
        )
    )
    if not jobs:
        return seen_until
    keys = {payloads.import_source(job): job for job in jobs}
    known = set(
        session.scalars(
            select(WebhookMessage.source_key).where(
                WebhookMessage.organisation_id == organisation_id,
                WebhookMessage.source_key.in_(list(keys)),
            )
        )
    )
    for key, job in keys.items():
        assert job.finished_at is not None
        targets = [e for e in subscribed if job.finished_at > e.created_at]
        if key in known or not targets:
            continue
        payload = payloads.from_import_job(job, event_type)
        message = _message(session, organisation_id, event_type, key, payload, None)
        _fan_out(session, run, message, targets, now)
    latest = jobs[-1].finished_at
    return latest if seen_until is None or latest is None else max(seen_until, latest)


def _advance(
    session: Session,
    organisation_id: uuid.UUID,
    cursor: WebhookCursor | None,
    event_seq: int,
    imports_seen_until: datetime | None,
    now: datetime,
) -> bool:
    """Move the cursor from where this pass read it; False if another pass moved it first."""
    if cursor is None:
        session.add(
            WebhookCursor(
                organisation_id=organisation_id,
                event_seq=event_seq,
                imports_seen_until=imports_seen_until,
                updated_at=now,
            )
        )
        session.flush()
        return True
    moved = session.execute(
        update(WebhookCursor)
        .where(
            WebhookCursor.organisation_id == organisation_id,
            WebhookCursor.event_seq == cursor.event_seq,
        )
        .values(event_seq=event_seq, imports_seen_until=imports_seen_until, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(moved, "rowcount", 0))


def _one_pass(session: Session, organisation_id: uuid.UUID) -> _Pass:
    run = _Pass()
    endpoints = enabled_endpoints(session, organisation_id)
    if not endpoints:
        return run  # nothing subscribes; new endpoints start after their own creation anyway
    now = utcnow()
    cursor = session.get(WebhookCursor, organisation_id)
    # An endpoint sees only events after it was made, so a cursor left behind while no
    # endpoint was enabled jumps ahead instead of re-reading the whole chain.
    after_seq = max(cursor.event_seq if cursor else 0, min(e.since_seq for e in endpoints))
    try:
        last_seq = _dispatch_events(session, run, organisation_id, endpoints, after_seq, now)
        seen_until = _dispatch_imports(
            session,
            run,
            organisation_id,
            endpoints,
            cursor.imports_seen_until if cursor else None,
            now,
        )
        if not _advance(session, organisation_id, cursor, last_seq, seen_until, now):
            session.rollback()
            return _Pass()
        session.commit()
    except IntegrityError:  # a concurrent pass made the same messages or the cursor first
        session.rollback()
        return _Pass()
    return run


def send_soon(queue: JobQueue, delivery_id: uuid.UUID, attempts: int = 0) -> bool:
    """Hand one attempt to the queue. With the queue unreachable the delivery stays pending
    and due, so the sweep hands it over once the queue is back: False then, and the request
    that made the delivery still succeeds (it is recorded)."""
    try:
        queue.enqueue(DELIVER_TASK, str(delivery_id), str(attempts))
    except QueueUnavailable:
        log.warning("webhook_enqueue_deferred", delivery_id=str(delivery_id))
        return False
    return True


def dispatch_organisation(database: Database, queue: JobQueue, organisation_id: uuid.UUID) -> int:
    """Dispatch everything new for one organisation; returns the deliveries made."""
    made = 0
    while True:
        with database.session() as session:
            run = _one_pass(session, organisation_id)
        for delivery_id in run.deliveries:
            queue.enqueue(DELIVER_TASK, str(delivery_id), "0")
        made += len(run.deliveries)
        if not run.full:
            return made


@dataclass(frozen=True)
class SweepReport:
    organisations: int
    dispatched: int
    retried: int


def run_once(database: Database, queue: JobQueue, now: datetime | None = None) -> SweepReport:
    """One periodic pass: dispatch every organisation with an enabled endpoint, then enqueue
    every delivery whose next attempt is due at ``now``."""
    now = now or utcnow()
    with database.session() as session:
        organisations = list(
            session.scalars(
                select(WebhookEndpoint.organisation_id)
                .where(WebhookEndpoint.enabled.is_(True))
                .group_by(WebhookEndpoint.organisation_id)
            )
        )
    dispatched = sum(dispatch_organisation(database, queue, org) for org in organisations)
    with database.session() as session:
        due = session.execute(
            select(WebhookDelivery.id, WebhookDelivery.attempts)
            .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
            .order_by(WebhookDelivery.next_attempt_at)
            .limit(DUE_PER_SWEEP)
        ).all()
    for delivery_id, attempts in due:
        queue.enqueue(DELIVER_TASK, str(delivery_id), str(attempts))
    return SweepReport(len(organisations), dispatched, len(due))


def chain_head(session: Session, organisation_id: uuid.UUID) -> int:
    head = session.scalar(
        select(func.max(Event.seq)).where(Event.organisation_id == organisation_id)
    )
    return int(head or 0)
