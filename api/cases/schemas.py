"""What the case endpoints accept and answer."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from api.lists.schemas import StoredListHitOut

CaseStatus = Literal["open", "in_review", "escalated", "closed"]
Priority = Literal["critical", "high", "medium", "low"]
Decision = Literal["cleared", "remediation_required", "suspend", "terminate"]

_VERSION = Field(
    default=None,
    ge=1,
    description='The case\'s `version` you last read. Required here or as `If-Match: "<version>"`; '
    "a stale version answers 409 and changes nothing.",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be blank")
    return value


class AssignIn(_Strict):
    assignee: str | None = Field(
        max_length=200, description="Who reviews the case (a name or e-mail); null to unassign."
    )
    version: int | None = _VERSION


class CommentIn(_Strict):
    body: str = Field(min_length=1, max_length=10_000)

    _check_body = field_validator("body")(_not_blank)


class StatusIn(_Strict):
    status: Literal["in_review", "escalated"] = Field(
        description="open -> in_review -> escalated. Close a case with /decision, reopen it with "
        "/reopen."
    )
    note: str | None = Field(default=None, max_length=2_000)
    version: int | None = _VERSION


class DecisionIn(_Strict):
    decision: Decision
    rationale: str = Field(min_length=1, max_length=10_000, description="Why; kept in the history.")
    valid_until: date | None = Field(
        default=None,
        description="Until when the decision holds (a clearance holds a year by default); "
        "after it, the next assessment that flags the supplier opens a case again.",
    )
    remediation_due_on: date | None = Field(
        default=None,
        description="With remediation_required: the corrective actions' deadline "
        "(default 90 days).",
    )
    version: int | None = _VERSION

    _check_rationale = field_validator("rationale")(_not_blank)


class ConfirmIn(_Strict):
    note: str | None = Field(default=None, max_length=2_000)
    version: int | None = _VERSION


class ReopenIn(_Strict):
    reason: str = Field(min_length=1, max_length=2_000)
    version: int | None = _VERSION

    _check_reason = field_validator("reason")(_not_blank)


class SupplierBrief(BaseModel):
    id: uuid.UUID
    name: str
    external_ref: str | None
    country: str
    sector: str | None
    status: str
    score: float | None
    band: str | None
    flagged: bool | None


class ReasonOut(BaseModel):
    code: str
    summary: str = ""
    evidence: list[str] = Field(default_factory=list)


class PendingDecisionOut(BaseModel):
    decision: Decision
    rationale: str
    proposed_by: str
    proposed_at: datetime
    needs: str = Field(description="Who may confirm: another person, an admin or an auditor.")


class CaseOut(BaseModel):
    id: uuid.UUID
    supplier_id: uuid.UUID
    supplier_name: str
    country: str
    sector: str | None
    assessment_id: uuid.UUID | None
    status: CaseStatus
    priority: Priority
    critical: bool = Field(description="A critical indicator is among the reasons.")
    reasons: list[ReasonOut]
    assignee: str | None
    opened_at: datetime
    due_at: datetime
    overdue: bool
    updated_at: datetime
    closed_at: datetime | None
    decision: Decision | None
    decision_rationale: str | None
    decided_by: str | None
    valid_until: datetime | None = Field(description="Until when the decision holds.")
    previous_case_id: uuid.UUID | None = Field(
        description="The decided case this one reopens, because something material changed."
    )
    pending_decision: PendingDecisionOut | None
    version: int = Field(
        description="Send it back (body `version` or If-Match) to change the case."
    )


class CaseList(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class AssessmentView(BaseModel):
    id: uuid.UUID
    created_at: datetime
    score: float
    score_low: float
    score_high: float
    band: str
    flagged: bool
    coverage: float
    methodology_version: str
    risk_data_version: str
    flag_reasons: list[ReasonOut]
    factors: list[dict[str, Any]] = Field(description="Each contribution with its source.")
    indicators: list[dict[str, Any]] = Field(description="Per-indicator status with evidence.")
    reliability: list[dict[str, Any]] = Field(default_factory=list)


class AuditBrief(BaseModel):
    id: uuid.UUID
    external_ref: str | None
    audited_on: date
    audit_type: str
    standard: str | None
    firm: str | None
    paid_by: str | None
    reliability_level: str | None
    findings: int


class CommentOut(BaseModel):
    id: uuid.UUID
    author: str
    body: str
    created_at: datetime


class EventOut(BaseModel):
    seq: int
    action: str
    actor: str = Field(
        description="Who: `person:<user id>`, a service account key's prefix, or a system name."
    )
    actor_kind: str | None = Field(description="person, key or system.")
    actor_name: str | None = Field(description="The person's or service account's name then.")
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    created_at: datetime
    hash: str
    prev_hash: str


class CaseDetail(CaseOut):
    supplier: SupplierBrief
    assessment: AssessmentView | None = Field(description="The supplier's latest assessment.")
    audits: list[AuditBrief]
    comments: list[CommentOut]
    history: list[EventOut]
    list_hits: list[StoredListHitOut] = Field(
        default_factory=list,
        description="The supplier's matches on screening lists, reviewed or not.",
    )


class EventList(BaseModel):
    items: list[EventOut]
