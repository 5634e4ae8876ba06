"""Endpoints, secret rotation, the delivery log, redelivery and pings; each change to an
endpoint is an event in the organisation's chain (without its secret or its full URL, which
may carry a token and could never be erased from an append-only log)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.deps import Principal
from api.errors import ProblemError
from api.events.service import record_event
from api.pagination import keyset_after
from api.webhooks import payloads
from api.webhooks.dispatch import chain_head, new_delivery
from api.webhooks.event_types import PING, WebhookEventType
from api.webhooks.schemas import (
    AttemptOut,
    DeliveryDetail,
    DeliveryOut,
    EndpointCreate,
    EndpointOut,
    EndpointUpdate,
    SecretOut,
)
from api.webhooks.signing import new_secret
from models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookMessage, WebhookSecret
from models.base import utcnow


def _state(endpoint: WebhookEndpoint) -> dict[str, Any]:
    url = httpx.URL(endpoint.url)
    return {
        "origin": f"{url.scheme}://{url.netloc.decode()}",
        "description": endpoint.description,
        "event_types": list(endpoint.event_types),
        "enabled": endpoint.enabled,
    }


def _record(
    session: Session,
    principal: Principal,
    endpoint: WebhookEndpoint,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    record_event(
        session,
        organisation_id=endpoint.organisation_id,
        entity_type="webhook_endpoint",
        entity_id=endpoint.id,
        action=action,
        actor=principal.actor.ref,
        before=before,
        after=after,
    )


def _secrets_in_force(
    session: Session, endpoint_id: uuid.UUID, now: datetime
) -> list[WebhookSecret]:
    rows = session.scalars(
        select(WebhookSecret)
        .where(WebhookSecret.endpoint_id == endpoint_id)
        .order_by(WebhookSecret.created_at.desc(), WebhookSecret.id)
    )
    return [s for s in rows if s.expires_at is None or s.expires_at > now]


def endpoint_out(session: Session, endpoint: WebhookEndpoint) -> EndpointOut:
    in_force = _secrets_in_force(session, endpoint.id, utcnow())
    return EndpointOut(
        id=endpoint.id,
        url=endpoint.url,
        description=endpoint.description,
        event_types=[WebhookEventType(t) for t in endpoint.event_types],
        enabled=endpoint.enabled,
        created_at=endpoint.created_at,
        created_by=endpoint.created_by,
        updated_at=endpoint.updated_at,
        secrets=[SecretOut(created_at=s.created_at, expires_at=s.expires_at) for s in in_force],
    )


def create_endpoint(
    session: Session, principal: Principal, body: EndpointCreate
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; its secret is returned once."""
    now = utcnow()
    endpoint = WebhookEndpoint(
        organisation_id=principal.organisation_id,
        url=body.url,
        description=body.description,
        event_types=[str(t) for t in body.event_types],
        enabled=body.enabled,
        created_by=principal.actor.ref,
        created_at=now,
        updated_at=now,
    )
    session.add(endpoint)
    session.flush()
    secret = new_secret()
    session.add(WebhookSecret(endpoint_id=endpoint.id, secret=secret, created_at=now))
    _record(session, principal, endpoint, "webhook_endpoint.created", None, _state(endpoint))
    # Its own creation is the last event it does not receive.
    endpoint.since_seq = chain_head(session, principal.organisation_id)
    session.commit()
    return endpoint, secret


def list_endpoints(session: Session, organisation_id: uuid.UUID) -> list[WebhookEndpoint]:
    query = select(WebhookEndpoint).where(WebhookEndpoint.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)))


def get_endpoint(
    session: Session, organisation_id: uuid.UUID, endpoint_id: uuid.UUID
) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No webhook endpoint {endpoint_id}.")
    return endpoint


def update_endpoint(
    session: Session, principal: Principal, endpoint_id: uuid.UUID, body: EndpointUpdate
) -> WebhookEndpoint:
    endpoint = get_endpoint(session, principal.organisation_id, endpoint_id)
    before = _state(endpoint)
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    re_enabled = changes.get("enabled") is True and not endpoint.enabled
    for name, value in changes.items():
        setattr(endpoint, name, [str(t) for t in value] if name == "event_types" else value)
    if _state(endpoint) == before and "url" not in changes:
        return endpoint
    endpoint.updated_at = utcnow()
    _record(session, principal, endpoint, "webhook_endpoint.updated", before, _state(endpoint))
    if re_enabled:  # what happened while it was off is not sent afterwards
        endpoint.since_seq = chain_head(session, principal.organisation_id)
    session.commit()
    return endpoint


def delete_endpoint(session: Session, principal: Principal, endpoint_id: uuid.UUID) -> None:
    """Remove the endpoint with its secrets and delivery log."""
    endpoint = get_endpoint(session, principal.organisation_id, endpoint_id)
    _record(session, principal, endpoint, "webhook_endpoint.deleted", _state(endpoint), None)
    session.delete(endpoint)
    session.commit()


def rotate_secret(
    session: Session, principal: Principal, endpoint_id: uuid.UUID, overlap: timedelta
) -> tuple[WebhookEndpoint, str, datetime]:
    """A new secret; every older one still in force signs beside it until ``now + overlap``."""
    endpoint = get_endpoint(session, principal.organisation_id, endpoint_id)
    now = utcnow()
    retire_at = now + overlap
    for old in _secrets_in_force(session, endpoint.id, now):
        old.expires_at = retire_at if old.expires_at is None else min(old.expires_at, retire_at)
    session.execute(
        delete(WebhookSecret).where(
            WebhookSecret.endpoint_id == endpoint.id, WebhookSecret.expires_at <= now
        )
    )
    secret = new_secret()
    session.add(WebhookSecret(endpoint_id=endpoint.id, secret=secret, created_at=now))
    endpoint.updated_at = now
    _record(
        session,
        principal,
        endpoint,
        "webhook_endpoint.secret_rotated",
        None,
        {"previous_expires_at": retire_at.isoformat()},
    )
    session.commit()
    return endpoint, secret, retire_at


def _attempt_logs(
    session: Session, delivery_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[AttemptOut]]:
    logs: dict[uuid.UUID, list[AttemptOut]] = {d: [] for d in delivery_ids}
    if delivery_ids:
        query = (
            select(WebhookAttempt)
            .where(WebhookAttempt.delivery_id.in_(list(delivery_ids)))
            .order_by(WebhookAttempt.delivery_id, WebhookAttempt.number, WebhookAttempt.id)
        )
        for attempt in session.scalars(query):
            logs[attempt.delivery_id].append(AttemptOut.model_validate(attempt))
    return logs


def _delivery_fields(
    delivery: WebhookDelivery, message: WebhookMessage, log: list[AttemptOut]
) -> dict[str, Any]:
    return {
        "id": delivery.id,
        "endpoint_id": delivery.endpoint_id,
        "message_id": delivery.message_id,
        "event_type": message.event_type,
        "event_seq": message.event_seq,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "last_attempt_at": delivery.last_attempt_at,
        "delivered_at": delivery.delivered_at,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "redelivery_of": delivery.redelivery_of,
        "requested_by": delivery.requested_by,
        "created_at": delivery.created_at,
        "attempt_log": log,
    }


def delivery_page(
    session: Session,
    organisation_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    status: str | None,
    event_type: str | None,
    limit: int,
    after: tuple[datetime, uuid.UUID] | None,
) -> tuple[list[DeliveryOut], tuple[datetime, uuid.UUID] | None]:
    """Newest first; returns the page and the key of its last row if more follow."""
    endpoint = get_endpoint(session, organisation_id, endpoint_id)
    query = (
        select(WebhookDelivery, WebhookMessage)
        .join(WebhookMessage, WebhookMessage.id == WebhookDelivery.message_id)
        .where(WebhookDelivery.endpoint_id == endpoint.id)
    )
    if status:
        query = query.where(WebhookDelivery.status == status)
    if event_type:
        query = query.where(WebhookMessage.event_type == event_type)
    if after is not None:
        query = query.where(
            keyset_after(
                [(WebhookDelivery.created_at, after[0]), (WebhookDelivery.id, after[1])],
                descending=True,
            )
        )
    query = query.order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
    rows = session.execute(query.limit(limit + 1)).all()
    page = rows[:limit]
    logs = _attempt_logs(session, [d.id for d, _ in page])
    items = [DeliveryOut(**_delivery_fields(d, m, logs[d.id])) for d, m in page]
    last = (page[-1][0].created_at, page[-1][0].id) if len(rows) > limit else None
    return items, last


def _delivery(
    session: Session, organisation_id: uuid.UUID, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    endpoint = get_endpoint(session, organisation_id, endpoint_id)
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise ProblemError("not-found", f"No delivery {delivery_id} for this endpoint.")
    return delivery


def delivery_detail(
    session: Session, organisation_id: uuid.UUID, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> DeliveryDetail:
    delivery = _delivery(session, organisation_id, endpoint_id, delivery_id)
    session.refresh(delivery)  # an inline attempt may have changed it since it was read
    message = session.get_one(WebhookMessage, delivery.message_id)
    log = _attempt_logs(session, [delivery.id])[delivery.id]
    return DeliveryDetail(**_delivery_fields(delivery, message, log), payload=message.payload)


def _enabled(endpoint: WebhookEndpoint) -> WebhookEndpoint:
    if not endpoint.enabled:
        raise ProblemError(
            "conflict", "The endpoint is disabled; enable it (PATCH enabled=true) first."
        )
    return endpoint


def redeliver(
    session: Session, principal: Principal, endpoint_id: uuid.UUID, delivery_id: uuid.UUID
) -> WebhookDelivery:
    """A new delivery of the same message (same ``webhook-id``, same body), attempted anew
    whatever became of the first."""
    original = _delivery(session, principal.organisation_id, endpoint_id, delivery_id)
    _enabled(session.get_one(WebhookEndpoint, original.endpoint_id))
    message = session.get_one(WebhookMessage, original.message_id)
    delivery = new_delivery(
        session,
        message,
        original.endpoint_id,
        now=utcnow(),
        redelivery_of=original.id,
        requested_by=principal.actor.ref,
    )
    session.commit()
    return delivery


def ping(session: Session, principal: Principal, endpoint_id: uuid.UUID) -> WebhookDelivery:
    """A ``webhook.ping`` message to this endpoint alone, to try the receiver and its secret."""
    endpoint = _enabled(get_endpoint(session, principal.organisation_id, endpoint_id))
    now = utcnow()
    source = f"ping:{uuid.uuid4()}"
    message = WebhookMessage(
        id=payloads.message_id(endpoint.organisation_id, source),
        organisation_id=endpoint.organisation_id,
        event_type=PING,
        source_key=source,
        event_seq=None,
        payload=payloads.ping(endpoint.organisation_id, endpoint.id, now, principal.actor.ref),
    )
    session.add(message)
    session.flush()
    delivery = new_delivery(
        session, message, endpoint.id, now=now, requested_by=principal.actor.ref
    )
    session.commit()
    return delivery
