"""Signing in and out, and choosing a password from an invitation or reset link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from api.deps import SessionDep, SettingsDep
from api.errors import ProblemError
from api.users import service as users
from api.users.passwords import MIN_PASSWORD_LENGTH
from api.users.sign_in import REFUSAL_MESSAGES, check_password
from api.web import sessions
from api.web.deps import MaybeSignedIn, WebSessionDep
from api.web.pages import SIGN_IN_PATH, safe_next, see_other
from api.web.templating import render
from models import Organisation, WebSession

router = APIRouter()


def _visitor_session(
    request: Request, session: SessionDep, settings: SettingsDep, row: WebSession | None
) -> tuple[WebSession, str | None]:
    """The session a form for a visitor is served in, and a new cookie token if one was made."""
    if row is not None:
        return row, None
    token, row = sessions.start(session, settings)
    return row, token


def _visitor_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    row: WebSession | None,
    template: str,
    context: Mapping[str, object],
    status_code: int = 200,
) -> Response:
    row, token = _visitor_session(request, session, settings, row)
    response = render(
        request, template, context, csrf_token=row.csrf_token, status_code=status_code
    )
    if token:
        sessions.set_cookie(request, response, token, settings)
    return response


_NOTICES = {
    "signed-out": "You have signed out.",
    "password-set": "Your password is set. Sign in with it now.",
    "expired": "Your session has ended. Sign in again.",
}


@router.get("/sign-in")
def sign_in_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    row: WebSessionDep,
    me: MaybeSignedIn,
    next: str = "",
    notice: str = "",
) -> Response:
    if me is not None:
        return see_other(request, safe_next(next))
    context = {"next": safe_next(next), "email": "", "error": None, "flash": _NOTICES.get(notice)}
    return _visitor_page(request, session, settings, row, "sign_in.html", context)


@router.post("/sign-in")
def sign_in(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    row: WebSessionDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    address = request.client.host if request.client else "unknown"
    result = check_password(session, settings, email=email, password=password, address=address)
    if result.user is None:
        assert result.refusal is not None
        status = 429 if result.refusal == "throttled" else 400
        context = {
            "next": safe_next(next),
            "email": email,
            "error": REFUSAL_MESSAGES[result.refusal],
        }
        return _visitor_page(request, session, settings, row, "sign_in.html", context, status)
    memberships = sorted(
        result.user.memberships,
        key=lambda m: (session.get_one(Organisation, m.organisation_id).name, m.organisation_id),
    )
    token, _ = sessions.start(
        session,
        settings,
        user_id=result.user.id,
        organisation_id=memberships[0].organisation_id,
        replacing=row,
    )
    response = see_other(request, safe_next(next))
    sessions.set_cookie(request, response, token, settings)
    return response


@router.post("/sign-out")
def sign_out(request: Request, session: SessionDep, row: WebSessionDep) -> Response:
    if row is not None:
        sessions.end(session, row)
    response = see_other(request, f"{SIGN_IN_PATH}?notice=signed-out")
    sessions.clear_cookie(request, response)
    return response


@router.get("/set-password/{token}")
def set_password_page(
    request: Request, token: str, session: SessionDep, settings: SettingsDep, row: WebSessionDep
) -> Response:
    person = users.token_user(session, token)
    context = {"person": person, "token": token, "min_length": MIN_PASSWORD_LENGTH, "error": None}
    status = 200 if person else 404
    return _visitor_page(request, session, settings, row, "set_password.html", context, status)


@router.post("/set-password/{token}")
def set_password(
    request: Request,
    token: str,
    session: SessionDep,
    settings: SettingsDep,
    row: WebSessionDep,
    password: Annotated[str, Form(max_length=1024)],
    confirm: Annotated[str, Form(max_length=1024)],
) -> Response:
    person = users.token_user(session, token)
    error = "The two passwords differ." if password != confirm else None
    if error is None and person is not None:
        try:
            users.set_password_with_token(session, token, password)
        except ProblemError as exc:
            error = exc.detail
        else:
            return see_other(request, f"{SIGN_IN_PATH}?notice=password-set")
    context = {"person": person, "token": token, "min_length": MIN_PASSWORD_LENGTH, "error": error}
    return _visitor_page(
        request, session, settings, row, "set_password.html", context, 400 if person else 404
    )
