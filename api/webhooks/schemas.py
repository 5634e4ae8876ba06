"""What the webhook endpoints accept and answer."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

import httpx
from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.webhooks import policy
from api.webhooks.event_types import WebhookEventType

DeliveryStatus = Literal["pending", "delivered", "failed"]
MAX_URL_LENGTH = 2000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _endpoint_url(value: str) -> str:
    value = value.strip()
    try:
        url = httpx.URL(value)
    except httpx.InvalidURL as exc:
        raise ValueError(f"not a URL: {exc}") from None
    if url.scheme not in ("https", "http") or not url.host:
        raise ValueError("must be an absolute http:// or https:// URL")
    if url.userinfo:
        raise ValueError("must not carry a user name or password; the signature authenticates")
    if url.fragment:
        raise ValueError("must not have a #fragment")
    return value


def _event_types(value: list[WebhookEventType]) -> list[WebhookEventType]:
    if len(set(value)) != len(value):
        raise ValueError("each event type once")
    return sorted(value)


_URL = Field(
    min_length=1,
    max_length=MAX_URL_LENGTH,
    description="Where deliveries are POSTed (http or https). Redirects to another origin are "
    "not followed.",
    examples=["https://erp.example.com/hooks/flrisk"],
)
_TYPES = Field(
    min_length=1,
    description="The event types to receive; see GET /v1/webhooks/event-types.",
)


class EndpointCreate(_Strict):
    url: str = _URL
    description: str = Field(default="", max_length=500)
    event_types: list[WebhookEventType] = _TYPES
    enabled: bool = True

    _check_url = field_validator("url")(_endpoint_url)
    _check_types = field_validator("event_types")(_event_types)


class EndpointUpdate(_Strict):
    url: str | None = Field(default=None, min_length=1, max_length=MAX_URL_LENGTH)
    description: str | None = Field(default=None, max_length=500)
    event_types: list[WebhookEventType] | None = Field(default=None, min_length=1)
    enabled: bool | None = Field(
        default=None,
        description="A disabled endpoint receives nothing; enabled again, it receives events "
        "from then on, not those it missed.",
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else _endpoint_url(value)

    @field_validator("event_types")
    @classmethod
    def _types(cls, value: list[WebhookEventType] | None) -> list[WebhookEventType] | None:
        return None if value is None else _event_types(value)


class SecretOut(BaseModel):
    created_at: datetime
    expires_at: datetime | None = Field(
        description="Null for the current secret; a rotated-out secret signs until then."
    )


class EndpointOut(BaseModel):
    id: uuid.UUID
    url: str
    description: str
    event_types: list[WebhookEventType]
    enabled: bool
    created_at: datetime
    created_by: str
    updated_at: datetime
    secrets: list[SecretOut] = Field(description="The secrets in force (never their values).")


class EndpointCreated(EndpointOut):
    secret: str = Field(
        description="The signing secret (`whsec_...`). Shown only in this response; store it now."
    )


class EndpointList(BaseModel):
    items: list[EndpointOut]


class RotateIn(_Strict):
    overlap_hours: float = Field(
        default=policy.DEFAULT_OVERLAP_HOURS,
        ge=0,
        le=policy.MAX_OVERLAP_HOURS,
        description="How long the old secret keeps signing beside the new one (each delivery "
        "carries both signatures meanwhile). 0 retires it at once.",
    )


class RotatedSecret(BaseModel):
    secret: str = Field(description="The new secret. Shown only in this response.")
    previous_expires_at: datetime = Field(description="When the old secret stops signing.")
    endpoint: EndpointOut


class AttemptOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    attempted_at: datetime
    duration_ms: float
    status_code: int | None
    error: str | None
    response_excerpt: str | None


class DeliveryOut(BaseModel):
    id: uuid.UUID
    endpoint_id: uuid.UUID
    message_id: str = Field(description="The `webhook-id` header; the same on every attempt.")
    event_type: str
    event_seq: int | None
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    redelivery_of: uuid.UUID | None
    requested_by: str | None
    created_at: datetime
    attempt_log: list[AttemptOut]


class DeliveryDetail(DeliveryOut):
    payload: dict[str, Any] = Field(description="The body sent, as JSON.")


class DeliveryList(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class EventTypeOut(BaseModel):
    type: WebhookEventType
    description: str


class EventTypeList(BaseModel):
    items: list[EventTypeOut]
