"""Request and response bodies for API keys."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from api.auth.roles import Role


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    name: str = Field(default="", max_length=200, description="What the key is for.")


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    prefix: str
    role: Role
    name: str
    created_at: datetime
    created_by: str | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The whole key. Shown only in this response; store it now.")


class ApiKeyList(BaseModel):
    items: list[ApiKeyOut]
