"""Dependencies of the web routes: the signed-in person, role checks, and the CSRF check.

``CurrentPerson`` is the web counterpart of ``PrincipalDep``: a page that declares it is
only served to a signed-in person (others are sent to the sign-in page), and
``person.principal`` is what the domain services take, so a change made in the browser is
recorded under the person's name. ``check_csrf`` runs on every route under ``/app`` (it is a
dependency of the web router) and refuses unsafe requests without the session's token.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from api.auth.roles import ROLE_SCOPES, Role, Scope
from api.deps import Principal, SessionDep, SettingsDep
from api.errors import ProblemError
from api.events.actor import Actor
from api.web import sessions
from models import Organisation, User, WebSession

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class SignedIn:
    """The person behind a web request, in the organisation the session works in."""

    user_id: uuid.UUID
    name: str
    email: str
    organisation_id: uuid.UUID
    organisation_name: str
    role: Role
    csrf_token: str

    @property
    def actor(self) -> Actor:
        return Actor.person(self.user_id, self.name)

    @property
    def principal(self) -> Principal:
        return Principal(self.organisation_id, self.role, self.actor)

    def can(self, scope: Scope) -> bool:
        return scope in ROLE_SCOPES[self.role]


def web_session(request: Request, session: SessionDep, settings: SettingsDep) -> WebSession | None:
    """The request's live session, signed in or not (FastAPI caches it for the request)."""
    return sessions.load(session, settings, request.cookies.get(sessions.SESSION_COOKIE))


WebSessionDep = Annotated[WebSession | None, Depends(web_session)]


def signed_in(request: Request, session: SessionDep, row: WebSessionDep) -> SignedIn | None:
    """The signed-in person, or None (for pages that also serve visitors)."""
    if row is None or row.user_id is None or row.organisation_id is None:
        return None
    user = session.get(User, row.user_id)
    organisation = session.get(Organisation, row.organisation_id)
    member = (
        next((m for m in user.memberships if m.organisation_id == row.organisation_id), None)
        if user
        else None
    )
    if user is None or not user.active or organisation is None or member is None:
        return None
    request.state.organisation_id = organisation.id  # for the webhook dispatch after it
    return SignedIn(
        user_id=user.id,
        name=user.name,
        email=user.email,
        organisation_id=organisation.id,
        organisation_name=organisation.name,
        role=Role(member.role),
        csrf_token=row.csrf_token,
    )


MaybeSignedIn = Annotated[SignedIn | None, Depends(signed_in)]


def current_person(person: MaybeSignedIn) -> SignedIn:
    if person is None:
        # Under /app the problem handler answers this with a redirect to the sign-in page.
        raise ProblemError("unauthenticated", "Sign in to continue.")
    return person


CurrentPerson = Annotated[SignedIn, Depends(current_person)]


def require_scope(scope: Scope) -> Callable[[SignedIn], SignedIn]:
    """A dependency that serves the page only to roles holding ``scope`` (as the API does)."""

    def check(person: CurrentPerson) -> SignedIn:
        if not person.can(scope):
            raise ProblemError(
                "forbidden",
                f"Your role ({person.role}) may not open this page.",
                required_scope=str(scope),
                role=str(person.role),
            )
        return person

    return check


def require_role(*roles: Role) -> Callable[[SignedIn], SignedIn]:
    """A dependency that serves the page only to the given roles."""

    def check(person: CurrentPerson) -> SignedIn:
        if person.role not in roles:
            raise ProblemError("forbidden", f"Your role ({person.role}) may not open this page.")
        return person

    return check


async def check_csrf(request: Request, row: WebSessionDep) -> None:
    """Synchronizer token: an unsafe request must carry its session's token, in the form
    field ``csrf_token`` or the ``X-CSRF-Token`` header (htmx sends the header)."""
    if request.method in _SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if row is None or not sent or not hmac.compare_digest(sent, row.csrf_token):
        raise ProblemError(
            "forbidden",
            "This form has expired or did not come from this site. Reload the page and try again.",
            reason="csrf",
        )
