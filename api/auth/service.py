"""Creating, finding, revoking and checking API keys."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.keys import generate_key, hash_key, parse_prefix, verify_key
from api.auth.roles import Role
from api.errors import ProblemError, invalid_field
from api.events.actor import Actor
from api.events.service import record_event
from api.settings import Settings, key_secret
from models import ApiKey, User
from models.base import utcnow


def create_key(
    session: Session,
    settings: Settings,
    *,
    organisation_id: uuid.UUID,
    role: Role,
    name: str = "",
    created_by: str | None = None,
    owner: User | None = None,
) -> tuple[ApiKey, str]:
    """Make a key for ``owner`` (a person of the organisation) or for the service account
    ``name``; the plaintext is returned once and never stored."""
    name = name.strip()
    if owner is None and not name:
        raise invalid_field(
            "/name",
            "A key that belongs to no person is a service account's: give its name "
            "(or owner_email, the person it acts for).",
        )
    if owner is not None and not any(
        m.organisation_id == organisation_id for m in owner.memberships
    ):
        raise invalid_field("/owner_email", f"{owner.email} has no role in this organisation.")
    new = generate_key()
    key = ApiKey(
        organisation_id=organisation_id,
        prefix=new.prefix,
        role=role.value,
        name=name,
        key_hash=hash_key(new.plaintext, key_secret(settings)),
        created_by=created_by,
        owner_user_id=owner.id if owner else None,
    )
    session.add(key)
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="api_key",
        entity_id=key.prefix,
        action="api_key.created",
        actor=created_by or "cli",
        after=_key_state(key),
    )
    session.commit()
    return key, new.plaintext


def _key_state(key: ApiKey) -> dict[str, str | None]:
    return {
        "prefix": key.prefix,
        "role": key.role,
        "name": key.name,
        "owner": str(key.owner_user_id) if key.owner_user_id else None,
        "revoked_at": key.revoked_at.isoformat() if key.revoked_at else None,
    }


def list_keys(session: Session, organisation_id: uuid.UUID) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.organisation_id == organisation_id)
    return list(session.scalars(query.order_by(ApiKey.created_at, ApiKey.prefix)))


def revoke_key(
    session: Session, prefix: str, organisation_id: uuid.UUID | None = None, actor: str = "cli"
) -> ApiKey:
    """Revoke by prefix; with ``organisation_id`` another tenant's key is simply not found."""
    query = select(ApiKey).where(ApiKey.prefix == prefix)
    if organisation_id is not None:
        query = query.where(ApiKey.organisation_id == organisation_id)
    key = session.scalars(query).one_or_none()
    if key is None:
        raise ProblemError("not-found", f"No API key with prefix '{prefix}'.")
    if key.revoked_at is None:
        before = _key_state(key)
        key.revoked_at = utcnow()
        record_event(
            session,
            organisation_id=key.organisation_id,
            entity_type="api_key",
            entity_id=key.prefix,
            action="api_key.revoked",
            actor=actor,
            before=before,
            after=_key_state(key),
        )
        session.commit()
    return key


def key_actor(key: ApiKey) -> Actor | None:
    """Who a key acts for: its owner, or the service account it is; None when its owner was
    disabled or left the organisation (the key then stops working)."""
    if key.owner_user_id is None:
        return Actor.key(key.prefix, key.name)
    owner = key.owner
    if owner is None or not owner.active:
        return None
    if not any(m.organisation_id == key.organisation_id for m in owner.memberships):
        return None
    return Actor.person(owner.id, owner.name)


def authenticate(session: Session, plaintext: str, settings: Settings) -> ApiKey | None:
    prefix = parse_prefix(plaintext)
    if prefix is None:
        return None
    key = session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).one_or_none()
    secret = key_secret(settings)
    if key is None or key.revoked_at is not None or not verify_key(plaintext, key.key_hash, secret):
        return None
    now = utcnow()
    # Writing on every request would serialise a hot key's traffic; a minute's precision is enough.
    interval = timedelta(seconds=settings.key_touch_interval_seconds)
    if key.last_used_at is None or now - key.last_used_at >= interval:
        key.last_used_at = now
        session.commit()
    return key
