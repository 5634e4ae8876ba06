"""Request dependencies: settings, the database session, and the authenticated principal."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from api.auth import service as key_service
from api.auth.keys import hash_key
from api.auth.roles import ROLE_SCOPES, Role, Scope
from api.auth.verified import VerifiedKey, VerifiedKeys
from api.errors import ProblemError
from api.events.actor import Actor
from api.settings import Settings, key_secret
from models import Organisation
from models.database import Database


# The dependencies that do no I/O are ``async``: FastAPI runs a plain ``def`` one in a worker
# thread, a hop that costs more than the work on a hot path such as ``POST /v1/score``.
async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
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


async def get_principal(
    request: Request,
    database: DatabaseDep,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The key's principal; a key verified in the last ``VERIFIED_KEY_SECONDS`` is not read
    again (``api.auth.verified`` states the bound on revocation)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ProblemError("unauthenticated", "Missing `Authorization: Bearer <key>` header.")
    plaintext = credentials.credentials
    cache: VerifiedKeys = request.app.state.verified_keys
    digest = hash_key(plaintext, key_secret(settings))
    verified = cache.get(digest)
    if verified is None:
        verified = await run_in_threadpool(_verify, database, settings, plaintext)
        cache.put(digest, verified)
    request.state.key_prefix = verified.prefix  # for the access log; never the key itself
    request.state.organisation_id = verified.organisation_id  # for the webhook dispatch after it
    request.state.score_threshold = verified.score_threshold
    return Principal(verified.organisation_id, Role(verified.role), verified.actor)


def _verify(database: Database, settings: Settings, plaintext: str) -> VerifiedKey:
    with database.session() as session:
        key = key_service.authenticate(session, plaintext, settings)
        if key is None:
            raise ProblemError("unauthenticated", "The API key is unknown, malformed or revoked.")
        actor = key_service.key_actor(key)
        if actor is None:
            raise ProblemError(
                "unauthenticated", "The key's owner is disabled or no longer in this organisation."
            )
        organisation = session.get(Organisation, key.organisation_id)
        if organisation is None:  # the key outlived its organisation
            raise ProblemError("unauthenticated", "The key's organisation no longer exists.")
        return VerifiedKey(
            key.prefix, key.organisation_id, key.role, actor, organisation.score_threshold
        )


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_score_threshold(request: Request, _principal: PrincipalDep) -> float:
    """The calling key's organisation's flag threshold, verified with the key (no query)."""
    threshold: float = request.state.score_threshold
    return threshold


ScoreThresholdDep = Annotated[float, Depends(get_score_threshold)]


def require(scope: Scope) -> Callable[[Principal], Coroutine[Any, Any, Principal]]:
    """A dependency that lets through only roles holding ``scope``."""

    async def check(principal: PrincipalDep) -> Principal:
        if not principal.can(scope):
            raise ProblemError(
                "forbidden",
                f"Role '{principal.role}' may not use this endpoint (needs {scope}).",
                required_scope=str(scope),
                role=str(principal.role),
            )
        return principal

    return check
