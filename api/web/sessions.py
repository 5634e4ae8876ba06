"""Server-side web sessions: the cookie carries a random token, the table everything else.

A session ends when it is idle for ``session_idle_minutes``, ``session_max_hours`` after it
began, at sign-out, or when its person is disabled or their password reset. Signing in
always makes a new session (a new token) and deletes the one the form was served in, so a
token planted in a browser before sign-in is worthless after it (session fixation).
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta

from fastapi import Request, Response
from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.settings import Settings
from models import WebSession
from models.base import utcnow

SESSION_COOKIE = "flrisk_session"
COOKIE_PATH = "/app"
# Writing last_seen_at on every page would serialise a busy reviewer's requests.
_TOUCH_INTERVAL = timedelta(seconds=60)


def _session_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def load(session: Session, settings: Settings, token: str | None) -> WebSession | None:
    """The live session for a cookie's token; an expired one is deleted and None returned."""
    if not token or len(token) > 128:
        return None
    row = session.get(WebSession, _session_id(token))
    if row is None:
        return None
    now = utcnow()
    idle = timedelta(minutes=settings.session_idle_minutes)
    if row.expires_at <= now or row.last_seen_at + idle <= now:
        session.delete(row)
        session.commit()
        return None
    if now - row.last_seen_at >= _TOUCH_INTERVAL:
        row.last_seen_at = now
        session.commit()
    return row


def start(
    session: Session,
    settings: Settings,
    *,
    user_id: uuid.UUID | None = None,
    organisation_id: uuid.UUID | None = None,
    replacing: WebSession | None = None,
) -> tuple[str, WebSession]:
    """A new session and its token. Without a user it only guards the sign-in form."""
    now = utcnow()
    if replacing is not None:
        session.delete(replacing)
    session.execute(delete(WebSession).where(WebSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    lifetime = (
        timedelta(hours=settings.session_max_hours)
        if user_id
        else timedelta(minutes=settings.session_idle_minutes)
    )
    row = WebSession(
        id=_session_id(token),
        user_id=user_id,
        organisation_id=organisation_id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.commit()
    return token, row


def end(session: Session, row: WebSession) -> None:
    session.delete(row)
    session.commit()


def set_cookie(request: Request, response: Response, token: str, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_max_hours * 3600,
        path=COOKIE_PATH,
        httponly=True,  # no script can read it
        samesite="lax",  # not sent on cross-site POSTs; links from mail still work
        secure=request.url.scheme == "https",
    )


def clear_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE,
        path=COOKIE_PATH,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
