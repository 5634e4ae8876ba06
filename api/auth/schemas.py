"""Request and response bodies for API keys."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.auth.roles import Role


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    name: str = Field(
        default="",
        max_length=200,
        description="What the key is for; for a key that belongs to no person, the name of the "
        "service account (required then).",
    )
    owner_email: str | None = Field(
        default=None,
        max_length=320,
        description="The person of this organisation the key acts for: what it does is "
        "recorded under their name, and it stops working when they are disabled.",
    )


class KeyOwner(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    email: str


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    prefix: str
    role: Role
    name: str
    owner: KeyOwner | None = Field(
        description="The person the key acts for; None: a service account."
    )
    created_at: datetime
    created_by: str | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The whole key. Shown only in this response; store it now.")


class ApiKeyList(BaseModel):
    items: list[ApiKeyOut]
