"""The append-only, hash-chained record of every change (one chain per organisation)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        # A second writer that read the same chain head fails here instead of forking the chain.
        UniqueConstraint("organisation_id", "seq"),
        Index("ix_events_entity", "entity_type", "entity_id"),
    )

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT")
    )
    seq: Mapped[int]  # 1, 2, 3 ... within the organisation's chain
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))
    # Who: "person:<user id>", a key prefix (a service account's key), or a system name
    # ("cli:<os user>", "demo", "system"); kind and name as they were when the event was made.
    actor: Mapped[str] = mapped_column(String(64))
    actor_kind: Mapped[str | None] = mapped_column(String(10))  # person | key | system
    actor_name: Mapped[str | None] = mapped_column(String(200))
    # What the hash covers. 1: events made before actor_kind and actor_name existed (those two
    # were filled in afterwards and are not hashed); 2: the hash covers them too.
    hash_version: Mapped[int] = mapped_column(default=2, server_default="1")
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
