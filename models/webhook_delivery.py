"""What is sent to webhook endpoints: messages, their deliveries to each endpoint, and every
attempt made."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType


class WebhookMessage(CreatedAtMixin, Base):
    """One payload of one event type, made once from its source whatever the endpoints."""

    __tablename__ = "webhook_messages"
    # A source (an event and type, an import job, a ping) makes one message, so two
    # dispatchers racing over the same events cannot both send it.
    __table_args__ = (UniqueConstraint("organisation_id", "source_key"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the webhook-id header
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    event_type: Mapped[str] = mapped_column(String(60))
    source_key: Mapped[str] = mapped_column(String(120))
    event_seq: Mapped[int | None]
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)


class WebhookDelivery(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "created_at"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    endpoint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    message_id: Mapped[str] = mapped_column(ForeignKey("webhook_messages.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20), default="pending")  # delivered / failed
    attempts: Mapped[int] = mapped_column(default=0)
    # When the next attempt is due; while one is under way, when it is given up as lost.
    next_attempt_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    redelivery_of: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="SET NULL")
    )
    requested_by: Mapped[str | None] = mapped_column(String(64))  # who asked for a redelivery


class WebhookAttempt(Base):
    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    attempted_at: Mapped[datetime]
    duration_ms: Mapped[float]
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    response_excerpt: Mapped[str | None] = mapped_column(Text)
