"""Request dependencies: settings, the database session, and the authenticated principal."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.auth import service as key_service
from api.auth.roles import ROLE_SCOPES, Role, Scope
from api.errors import ProblemError
from api.events.actor import Actor
from api.settings import Settings
from models.database import Database


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]


def get_session(database: DatabaseDep) -> Iterator[Session]:
    # Services commit their own unit of work; anything left uncommitted is rolled back here.
    with database.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


@dataclass(frozen=True)
class Principal:
    """Who is calling, in which organisation, with which role: a key or a signed-in person."""

    organisation_id: uuid.UUID
    role: Role
    actor: Actor

    def can(self, scope: Scope) -> bool:
        return scope in ROLE_SCOPES[self.role]


_bearer = HTTPBearer(auto_error=False, description="An API key: `flr_<prefix>_<secret>`")


def get_principal(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ProblemError("unauthenticated", "Missing `Authorization: Bearer <key>` header.")
    key = key_service.authenticate(session, credentials.credentials, settings)
    if key is None:
        raise ProblemError("unauthenticated", "The API key is unknown, malformed or revoked.")
    actor = key_service.key_actor(key)
    if actor is None:
        raise ProblemError(
            "unauthenticated", "The key's owner is disabled or no longer in this organisation."
        )
    request.state.key_prefix = key.prefix  # for the access log; never the key itself
    request.state.organisation_id = key.organisation_id  # for the webhook dispatch after it
    return Principal(key.organisation_id, Role(key.role), actor)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def require(scope: Scope) -> Callable[[Principal], Principal]:
    """A dependency that lets through only roles holding ``scope``."""

    def check(principal: PrincipalDep) -> Principal:
        if not principal.can(scope):
            raise ProblemError(
                "forbidden",
                f"Role '{principal.role}' may not use this endpoint (needs {scope}).",
                required_scope=str(scope),
                role=str(principal.role),
            )
        return principal

    return check
