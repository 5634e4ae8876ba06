"""People who sign in to the web app: one row per person, a role in each organisation."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, CreatedAtMixin, IdMixin


class User(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower case
    name: Mapped[str] = mapped_column(String(200))
    # argon2id PHC string; None until an invited person sets a password.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    password_changed_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def active(self) -> bool:
        return self.disabled_at is None


class Membership(IdMixin, CreatedAtMixin, Base):
    """A person's role in one organisation (one role per organisation, like a key)."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    user: Mapped[User] = relationship(back_populates="memberships")


class WebSession(Base):
    """A browser session, kept server side; the cookie holds only a random token.

    The row's id is the SHA-256 of that token, so a copy of the database cannot be replayed as
    a cookie. A session without a user is the one a sign-in form is served in (its CSRF token
    guards the form); signing in replaces it with a new one (no session fixation).
    """

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)  # absolute limit


class SignInFailure(IdMixin, Base):
    """Failed password sign-ins, counted per email and address to slow down guessing."""

    __tablename__ = "sign_in_failures"

    email: Mapped[str] = mapped_column(String(320))
    address: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(index=True)


class PasswordToken(IdMixin, CreatedAtMixin, Base):
    """A one-time link to set a password: an invitation or a reset. Only its hash is kept."""

    __tablename__ = "password_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(10))  # invite | reset
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
