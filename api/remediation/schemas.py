"""Corrective actions in requests and responses."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ActionStatus = Literal["open", "submitted", "verified", "overdue"]
_VERSION = Field(default=None, description="The action's version you read (or If-Match).")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    supplier_id: uuid.UUID
    finding_id: uuid.UUID | None
    reason_code: str | None
    title: str
    owner: str | None
    due_on: date
    status: ActionStatus
    overdue: bool = False
    evidence: dict[str, Any] | None
    submitted_by: str | None
    submitted_at: datetime | None
    verified_by: str | None
    verified_at: datetime | None
    version: int


class ActionList(BaseModel):
    items: list[ActionOut]
    verified: int
    total: int


class ActionChange(_Strict):
    owner: str | None = Field(default=None, max_length=200)
    due_on: date | None = None
    version: int | None = _VERSION


class DocumentEvidence(_Strict):
    name: str = Field(min_length=1, max_length=300, description="The document, as filed.")
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$", description="Checksum of the file.")
    kind: str = Field(default="document", max_length=60, description="e.g. payslips, policy")


class SubmitIn(_Strict):
    """What shows the action was done: a follow-up audit of the supplier, or a document."""

    audit_id: uuid.UUID | None = None
    document: DocumentEvidence | None = None
    note: str = Field(default="", max_length=5_000)
    version: int | None = _VERSION

    @model_validator(mode="after")
    def _one_kind(self) -> SubmitIn:
        if (self.audit_id is None) == (self.document is None):
            raise ValueError("give either audit_id (a follow-up audit) or document")
        return self


class VerifyIn(_Strict):
    note: str = Field(default="", max_length=5_000)
    version: int | None = _VERSION
