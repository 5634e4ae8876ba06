"""``/app/admin/users``: an organisation's admins invite people, disable and re-enable them,
and reset their passwords (the same operations as ``flrisk user``)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response

from api.auth.roles import Role, Scope
from api.deps import SessionDep, SettingsDep
from api.errors import ProblemError
from api.settings import public_url
from api.users import service as users
from api.web.deps import SignedIn, require_scope
from api.web.templating import render

router = APIRouter(prefix="/admin/users")
Admin = Annotated[SignedIn, Depends(require_scope(Scope.keys))]


def _page(
    request: Request,
    session: SessionDep,
    me: SignedIn,
    *,
    flash: str | None = None,
    link: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "title": "Users",
        "members": users.members(session, me.organisation_id),
        "roles": list(Role),
        "flash": flash,
        "link": link,
        "error": error,
    }
    return render(request, "admin_users.html", context, me=me, status_code=status_code)


@router.get("")
def list_users(request: Request, session: SessionDep, me: Admin) -> Response:
    return _page(request, session, me)


@router.post("/invite")
def invite(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    me: Admin,
    name: Annotated[str, Form(max_length=200)],
    email: Annotated[str, Form(max_length=320)],
    role: Annotated[Role, Form()],
) -> Response:
    try:
        person, token = users.invite_user(
            session,
            settings,
            organisation_id=me.organisation_id,
            email=email,
            name=name,
            role=role,
            actor=me.actor.ref,
        )
    except ProblemError as exc:
        session.rollback()
        return _page(request, session, me, error=exc.detail, status_code=exc.problem.status)
    return _page(
        request,
        session,
        me,
        flash=f"Invited {person.name} as {role.value}. Send them this link to choose a "
        f"password; it works once, for {settings.password_link_hours} hours.",
        link=f"{public_url(settings)}/app/set-password/{token}",
    )


@router.post("/{user_id}/disable")
def disable(request: Request, user_id: uuid.UUID, session: SessionDep, me: Admin) -> Response:
    member = users.get_member(session, me.organisation_id, user_id)
    if member.id == me.user_id:
        return _page(request, session, me, error="You cannot disable yourself.", status_code=409)
    users.disable_user(session, member.user, actor=me.actor.ref)
    return _page(request, session, me, flash=f"{member.user.name} is disabled and signed out.")


@router.post("/{user_id}/enable")
def enable(request: Request, user_id: uuid.UUID, session: SessionDep, me: Admin) -> Response:
    member = users.get_member(session, me.organisation_id, user_id)
    users.enable_user(session, member.user, actor=me.actor.ref)
    return _page(request, session, me, flash=f"{member.user.name} may sign in again.")


@router.post("/{user_id}/reset-password")
def reset_password(
    request: Request, user_id: uuid.UUID, session: SessionDep, settings: SettingsDep, me: Admin
) -> Response:
    member = users.get_member(session, me.organisation_id, user_id)
    token = users.reset_password(session, settings, member.user, actor=me.actor.ref)
    return _page(
        request,
        session,
        me,
        flash=f"{member.user.name}'s password no longer works and they are signed out. Send "
        f"them this link to choose a new one; it works once, for "
        f"{settings.password_link_hours} hours.",
        link=f"{public_url(settings)}/app/set-password/{token}",
    )
