"""People and their memberships: create, invite, disable, enable, reset and set passwords.

A person has one row whatever the number of organisations; each membership gives a role in
one. Every change is an event in each organisation the person belongs to. Disabling a person
and resetting a password end their web sessions at once.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.auth.roles import Role
from api.errors import ProblemError, invalid_field
from api.events.service import record_event
from api.settings import Settings
from api.users.passwords import hash_password, password_problem
from models import Membership, PasswordToken, User, WebSession
from models.base import utcnow

TokenPurpose = Literal["invite", "reset"]


@dataclass(frozen=True)
class Member:
    """A person as one organisation sees them."""

    user: User
    role: Role

    @property
    def id(self) -> uuid.UUID:
        return self.user.id


def normalise_email(email: str) -> str:
    address = email.strip().lower()
    local, _, domain = address.partition("@")
    if not local or "." not in domain or any(c.isspace() for c in address) or len(address) > 320:
        raise invalid_field("/email", f"'{email}' is not an email address.")
    return address


def get_by_email(session: Session, email: str) -> User | None:
    try:
        address = normalise_email(email)
    except ProblemError:
        return None
    return session.scalars(select(User).where(User.email == address)).one_or_none()


def membership(user: User, organisation_id: uuid.UUID) -> Membership | None:
    return next((m for m in user.memberships if m.organisation_id == organisation_id), None)


def members(session: Session, organisation_id: uuid.UUID) -> list[Member]:
    """Everyone with a role in the organisation, by name (for the users page and assignees)."""
    rows = session.execute(
        select(User, Membership.role)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation_id)
        .order_by(User.name, User.email)
    )
    return [Member(user, Role(role)) for user, role in rows]


def get_member(session: Session, organisation_id: uuid.UUID, user_id: uuid.UUID) -> Member:
    """A person of this organisation; someone of another organisation is simply not found."""
    user = session.get(User, user_id)
    found = membership(user, organisation_id) if user else None
    if user is None or found is None:
        raise ProblemError("not-found", f"No person {user_id} in this organisation.")
    return Member(user, Role(found.role))


def _state(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.name,
        "active": user.active,
        "has_password": user.password_hash is not None,
        "roles": {str(m.organisation_id): m.role for m in user.memberships},
    }


def _record(
    session: Session, user: User, action: str, actor: str, before: dict[str, Any] | None
) -> None:
    session.flush()
    for member in user.memberships:
        record_event(
            session,
            organisation_id=member.organisation_id,
            entity_type="user",
            entity_id=user.id,
            action=action,
            actor=actor,
            before=before,
            after=_state(user),
        )


def add_member(
    session: Session,
    *,
    organisation_id: uuid.UUID,
    email: str,
    name: str,
    role: Role,
    actor: str,
    password: str | None = None,
) -> User:
    """Give a person a role in the organisation, making the person if the email is new."""
    address = normalise_email(email)
    name = name.strip()
    if password is not None and (problem := password_problem(password)):
        raise invalid_field("/password", problem)
    user = session.scalars(select(User).where(User.email == address)).one_or_none()
    before = None
    if user is None:
        if not name:
            raise invalid_field("/name", "A person needs a name.")
        user = User(email=address, name=name, memberships=[])
        session.add(user)
    elif membership(user, organisation_id) is not None:
        raise ProblemError("conflict", f"{address} already has a role in this organisation.")
    else:
        before = _state(user)
    if password is not None:
        user.password_hash = hash_password(password)
        user.password_changed_at = utcnow()
    user.memberships.append(Membership(organisation_id=organisation_id, role=role.value))
    _record(session, user, "user.created" if before is None else "user.role_granted", actor, before)
    return user


def create_user(
    session: Session,
    *,
    organisation_id: uuid.UUID,
    email: str,
    name: str,
    role: Role,
    password: str,
    actor: str,
) -> User:
    user = add_member(
        session,
        organisation_id=organisation_id,
        email=email,
        name=name,
        role=role,
        actor=actor,
        password=password,
    )
    session.commit()
    return user


def invite_user(
    session: Session,
    settings: Settings,
    *,
    organisation_id: uuid.UUID,
    email: str,
    name: str,
    role: Role,
    actor: str,
) -> tuple[User, str]:
    """A person without a password yet, and the one-time token of the link to set one."""
    user = add_member(
        session, organisation_id=organisation_id, email=email, name=name, role=role, actor=actor
    )
    token = _issue_token(session, settings, user, "invite")
    session.commit()
    return user, token


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_token(session: Session, settings: Settings, user: User, purpose: TokenPurpose) -> str:
    session.flush()
    # An older link of the same person stops working when a new one is made.
    session.execute(
        delete(PasswordToken).where(
            PasswordToken.user_id == user.id, PasswordToken.used_at.is_(None)
        )
    )
    token = secrets.token_urlsafe(32)
    session.add(
        PasswordToken(
            token_hash=_token_hash(token),
            user_id=user.id,
            purpose=purpose,
            expires_at=utcnow() + timedelta(hours=settings.password_link_hours),
        )
    )
    return token


def end_sessions(session: Session, user_id: uuid.UUID) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def reset_password(session: Session, settings: Settings, user: User, actor: str) -> str:
    """The old password stops working and every session ends; returns the set-password token."""
    before = _state(user)
    user.password_hash = None
    user.password_changed_at = utcnow()
    end_sessions(session, user.id)
    token = _issue_token(session, settings, user, "reset")
    _record(session, user, "user.password_reset", actor, before)
    session.commit()
    return token


def set_password(session: Session, user: User, password: str, actor: str) -> None:
    if problem := password_problem(password):
        raise invalid_field("/password", problem)
    before = _state(user)
    user.password_hash = hash_password(password)
    user.password_changed_at = utcnow()
    end_sessions(session, user.id)
    _record(session, user, "user.password_set", actor, before)
    session.commit()


def token_user(session: Session, token: str) -> User | None:
    """The person a set-password link is for, while the link is unused and fresh."""
    row = session.scalars(
        select(PasswordToken).where(PasswordToken.token_hash == _token_hash(token))
    ).one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def set_password_with_token(session: Session, token: str, password: str) -> User:
    user = token_user(session, token)
    if user is None:
        raise ProblemError("not-found", "This link has expired or has already been used.")
    if problem := password_problem(password):
        raise invalid_field("/password", problem)
    row = session.scalars(
        select(PasswordToken).where(PasswordToken.token_hash == _token_hash(token))
    ).one()
    row.used_at = utcnow()
    set_password(session, user, password, actor=f"person:{user.id}")
    return user


def disable_user(session: Session, user: User, actor: str) -> None:
    """The person can no longer sign in, and is signed out everywhere now."""
    if not user.active:
        return
    before = _state(user)
    user.disabled_at = utcnow()
    end_sessions(session, user.id)
    _record(session, user, "user.disabled", actor, before)
    session.commit()


def enable_user(session: Session, user: User, actor: str) -> None:
    if user.active:
        return
    before = _state(user)
    user.disabled_at = None
    _record(session, user, "user.enabled", actor, before)
    session.commit()
