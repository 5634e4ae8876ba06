"""How far the webhook dispatcher has read an organisation's event chain and import jobs."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class WebhookCursor(Base):
    __tablename__ = "webhook_cursors"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    event_seq: Mapped[int] = mapped_column(default=0)
    # The latest finish time of an import job seen; jobs are re-read a little before it.
    imports_seen_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
