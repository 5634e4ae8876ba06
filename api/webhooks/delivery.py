"""The task ``webhooks.deliver``: claim a delivery, make one attempt, record it, and either
close the delivery or schedule the next attempt with backoff.

The claim is ``UPDATE ... WHERE status = 'pending' AND attempts = <what the enqueuer saw>``:
a delivery enqueued twice (by a dispatch and a sweep, or by two sweeps) is attempted once.
The claim also pushes ``next_attempt_at`` a lease ahead, so a sweep during the attempt does
not start another, and a worker lost mid-attempt is retried once the lease is over.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import structlog
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from api.webhooks import payloads, policy
from api.webhooks.sending import Outcome, post_signed
from models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage, WebhookSecret
from models.base import utcnow
from models.database import Database

log = structlog.get_logger("api.webhooks")

# What an attempt at a disabled (or deleted) endpoint comes to: the delivery fails at once.
ENDPOINT_DISABLED = Outcome(None, "the endpoint is disabled", None, 0.0)


def secrets_in_force(session: Session, endpoint_id: uuid.UUID, now: datetime) -> list[str]:
    """The newest secret first, then any older one still inside its rotation overlap."""
    query = (
        select(WebhookSecret.secret)
        .where(
            WebhookSecret.endpoint_id == endpoint_id,
            or_(WebhookSecret.expires_at.is_(None), WebhookSecret.expires_at > now),
        )
        .order_by(WebhookSecret.created_at.desc(), WebhookSecret.id)
    )
    return list(session.scalars(query))


def _claim(database: Database, delivery_id: uuid.UUID, seen_attempts: int) -> bool:
    now = utcnow()
    with database.session() as session:
        claimed = session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.attempts == seen_attempts,
            )
            .values(
                attempts=seen_attempts + 1,
                last_attempt_at=now,
                next_attempt_at=now + timedelta(seconds=policy.LEASE_SECONDS),
            )
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return bool(getattr(claimed, "rowcount", 0))


def _attempt(database: Database, delivery_id: uuid.UUID) -> tuple[WebhookDelivery, Outcome] | None:
    """The attempt, or None when the endpoint was deleted (with its log) since the claim."""
    with database.session() as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            return None
        endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
        message = session.get_one(WebhookMessage, delivery.message_id)
        if endpoint is None or not endpoint.enabled:
            return delivery, ENDPOINT_DISABLED
        url, body = endpoint.url, payloads.body(message.payload)
        signing = secrets_in_force(session, endpoint.id, utcnow())
    # No connection or transaction is held while the receiver takes its time.
    return delivery, post_signed(url, message.id, body, signing)


def _record(database: Database, delivery: WebhookDelivery, outcome: Outcome) -> None:
    now = utcnow()
    number = delivery.attempts
    with database.session() as session:
        session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                number=number,
                attempted_at=delivery.last_attempt_at or now,
                duration_ms=outcome.duration_ms,
                status_code=outcome.status_code,
                error=outcome.error,
                response_excerpt=outcome.response_excerpt,
            )
        )
        values: dict[str, object] = {
            "last_status_code": outcome.status_code,
            "last_error": outcome.error,
        }
        if outcome.delivered:
            values |= {"status": "delivered", "delivered_at": now, "next_attempt_at": None}
        elif number >= policy.MAX_ATTEMPTS or outcome is ENDPOINT_DISABLED:
            values |= {"status": "failed", "next_attempt_at": None}
        else:
            values["next_attempt_at"] = now + policy.backoff(number)
        session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        session.commit()
    log.info(
        "webhook_attempt",
        delivery_id=str(delivery.id),
        endpoint_id=str(delivery.endpoint_id),
        message_id=delivery.message_id,
        attempt=number,
        status_code=outcome.status_code,
        delivered=outcome.delivered,
        error=outcome.error,
    )


def deliver(database: Database, delivery_id: str, seen_attempts: str = "0") -> None:
    """The task: one attempt at ``delivery_id`` if it still has ``seen_attempts`` behind it."""
    delivery_uuid = uuid.UUID(delivery_id)
    if not _claim(database, delivery_uuid, int(seen_attempts)):
        return  # attempted already, or closed
    attempted = _attempt(database, delivery_uuid)
    if attempted is not None:
        _record(database, *attempted)
