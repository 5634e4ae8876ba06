"""API keys: only a keyed hash of the secret is stored; the prefix identifies the key."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, CreatedAtMixin, IdMixin
from models.user import User


class ApiKey(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "api_keys"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))  # hex HMAC-SHA256 of the whole key
    role: Mapped[str] = mapped_column(String(20))
    # The service account's name when the key belongs to no person; what it is for otherwise.
    name: Mapped[str] = mapped_column(String(200), default="")
    # The person the key acts for (their events carry their name); None: a service account.
    owner_user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), index=True
    )
    created_by: Mapped[str | None] = mapped_column(String(64))  # actor ref, or None (CLI)
    owner: Mapped[User | None] = relationship(lazy="joined")
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    @property
    def active(self) -> bool:
        return self.revoked_at is None
