"""``/v1/api-keys``: admins manage their organisation's keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from api.auth import service
from api.auth.roles import Scope
from api.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyList, ApiKeyOut
from api.deps import Principal, SessionDep, SettingsDep, require
from api.errors import invalid_field
from api.users import service as users

router = APIRouter(prefix="/v1/api-keys", tags=["api-keys"])
Admin = Annotated[Principal, Depends(require(Scope.keys))]


@router.get("")
def list_api_keys(session: SessionDep, principal: Admin) -> ApiKeyList:
    keys = service.list_keys(session, principal.organisation_id)
    return ApiKeyList(items=[ApiKeyOut.model_validate(k) for k in keys])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_api_key(
    body: ApiKeyCreate, session: SessionDep, settings: SettingsDep, principal: Admin
) -> ApiKeyCreated:
    owner = None
    if body.owner_email is not None:
        owner = users.get_by_email(session, body.owner_email)
        if owner is None or users.membership(owner, principal.organisation_id) is None:
            raise invalid_field(
                "/owner_email", f"No person {body.owner_email} in this organisation."
            )
    key, plaintext = service.create_key(
        session,
        settings,
        organisation_id=principal.organisation_id,
        role=body.role,
        name=body.name,
        created_by=principal.actor.ref,
        owner=owner,
    )
    return ApiKeyCreated.model_validate(
        {**ApiKeyOut.model_validate(key).model_dump(), "key": plaintext}
    )


@router.delete("/{prefix}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_api_key(prefix: str, session: SessionDep, principal: Admin) -> Response:
    service.revoke_key(session, prefix, principal.organisation_id, actor=principal.actor.ref)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
