"""``/v1/webhooks``: admins register endpoints, rotate secrets, read the delivery log,
redeliver and ping."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status

from api.auth.roles import Scope
from api.deps import Principal, SessionDep, require
from api.jobs.deps import QueueDep
from api.pagination import decode_typed, encode_cursor
from api.webhooks import service
from api.webhooks.dispatch import send_soon
from api.webhooks.event_types import DESCRIPTIONS, WebhookEventType
from api.webhooks.schemas import (
    DeliveryDetail,
    DeliveryList,
    DeliveryStatus,
    EndpointCreate,
    EndpointCreated,
    EndpointList,
    EndpointOut,
    EndpointUpdate,
    EventTypeList,
    EventTypeOut,
    RotatedSecret,
    RotateIn,
)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])
Admin = Annotated[Principal, Depends(require(Scope.webhooks))]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such endpoint (or delivery) in your organisation."}
}


@router.get("/event-types")
def list_event_types(_principal: Admin) -> EventTypeList:
    return EventTypeList(
        items=[EventTypeOut(type=t, description=d) for t, d in DESCRIPTIONS.items()]
    )


@router.get("")
def list_endpoints(session: SessionDep, principal: Admin) -> EndpointList:
    endpoints = service.list_endpoints(session, principal.organisation_id)
    return EndpointList(items=[service.endpoint_out(session, e) for e in endpoints])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_endpoint(body: EndpointCreate, session: SessionDep, principal: Admin) -> EndpointCreated:
    endpoint, secret = service.create_endpoint(session, principal, body)
    out = service.endpoint_out(session, endpoint)
    return EndpointCreated(**out.model_dump(), secret=secret)


@router.get("/{endpoint_id}", responses=_NOT_FOUND)
def get_endpoint(endpoint_id: uuid.UUID, session: SessionDep, principal: Admin) -> EndpointOut:
    endpoint = service.get_endpoint(session, principal.organisation_id, endpoint_id)
    return service.endpoint_out(session, endpoint)


@router.patch("/{endpoint_id}", responses=_NOT_FOUND)
def update_endpoint(
    endpoint_id: uuid.UUID, body: EndpointUpdate, session: SessionDep, principal: Admin
) -> EndpointOut:
    endpoint = service.update_endpoint(session, principal, endpoint_id, body)
    return service.endpoint_out(session, endpoint)


@router.delete("/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_NOT_FOUND)
def delete_endpoint(endpoint_id: uuid.UUID, session: SessionDep, principal: Admin) -> Response:
    service.delete_endpoint(session, principal, endpoint_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{endpoint_id}/secret/rotate", responses=_NOT_FOUND)
def rotate_secret(
    endpoint_id: uuid.UUID, session: SessionDep, principal: Admin, body: RotateIn | None = None
) -> RotatedSecret:
    overlap = timedelta(hours=(body or RotateIn()).overlap_hours)
    endpoint, secret, retire_at = service.rotate_secret(session, principal, endpoint_id, overlap)
    return RotatedSecret(
        secret=secret,
        previous_expires_at=retire_at,
        endpoint=service.endpoint_out(session, endpoint),
    )


@router.get("/{endpoint_id}/deliveries", responses=_NOT_FOUND)
def list_deliveries(
    endpoint_id: uuid.UUID,
    session: SessionDep,
    principal: Admin,
    status: DeliveryStatus | None = None,
    event_type: WebhookEventType | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> DeliveryList:
    after = decode_typed(cursor, datetime.fromisoformat, uuid.UUID) if cursor else None
    items, last = service.delivery_page(
        session,
        principal.organisation_id,
        endpoint_id,
        status=status,
        event_type=event_type,
        limit=limit,
        after=after,
    )
    return DeliveryList(items=items, next_cursor=encode_cursor(*last) if last else None)


@router.get("/{endpoint_id}/deliveries/{delivery_id}", responses=_NOT_FOUND)
def get_delivery(
    endpoint_id: uuid.UUID, delivery_id: uuid.UUID, session: SessionDep, principal: Admin
) -> DeliveryDetail:
    return service.delivery_detail(session, principal.organisation_id, endpoint_id, delivery_id)


_QUEUED: dict[int | str, dict[str, Any]] = {
    **_NOT_FOUND,
    409: {"description": "The endpoint is disabled."},
}


@router.post(
    "/{endpoint_id}/deliveries/{delivery_id}/redeliver",
    status_code=status.HTTP_202_ACCEPTED,
    responses=_QUEUED,
)
def redeliver(
    endpoint_id: uuid.UUID,
    delivery_id: uuid.UUID,
    session: SessionDep,
    queue: QueueDep,
    principal: Admin,
) -> DeliveryDetail:
    """Send the same message again (same `webhook-id` and body) as a new delivery."""
    delivery = service.redeliver(session, principal, endpoint_id, delivery_id)
    send_soon(queue, delivery.id)
    return service.delivery_detail(session, principal.organisation_id, endpoint_id, delivery.id)


@router.post("/{endpoint_id}/ping", status_code=status.HTTP_202_ACCEPTED, responses=_QUEUED)
def ping(
    endpoint_id: uuid.UUID, session: SessionDep, queue: QueueDep, principal: Admin
) -> DeliveryDetail:
    """Send a `webhook.ping` to this endpoint to try the receiver and its secret."""
    delivery = service.ping(session, principal, endpoint_id)
    send_soon(queue, delivery.id)
    return service.delivery_detail(session, principal.organisation_id, endpoint_id, delivery.id)
