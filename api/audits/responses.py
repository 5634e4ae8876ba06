"""What the audit endpoints answer."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field


class FindingOut(BaseModel):
    id: uuid.UUID
    indicator: str | None = Field(
        description="ILO indicator code; null when it could not be mapped"
    )
    mapped_by: str = Field(description="code, synonym, fuzzy or unmapped")
    mapping_confidence: float
    severity: str
    status: str
    description: str
    found_on: date | None


class MappedFindingOut(FindingOut):
    index: int = Field(description="Position of the finding in the posted list")
    matched: str = Field(default="", description="The indicator name or synonym the text matched")


class UnmappedFinding(BaseModel):
    index: int
    id: uuid.UUID
    text: str
    message: str


class PatternOut(BaseModel):
    code: str
    strength: float
    summary: str
    evidence: list[str] = Field(
        description="Evidence row references, e.g. timesheet:W-7:2024-03-02"
    )


class ReliabilityOut(BaseModel):
    level: str | None = Field(description="high, medium or low; null if not analysed yet")
    unverified: bool = Field(
        default=False,
        description="The audit cannot lower the supplier's risk: low reliability, or a "
        "high-risk context with no worker-level evidence (SPEC 4.4)",
    )
    high_risk_context: bool | None = None
    patterns: list[PatternOut] = Field(default_factory=list)
    analysed_at: datetime | None = None
    algorithm_version: str | None = Field(
        default=None, description="screening.deception version that produced this analysis"
    )
    risk_data_version: str | None = None

    @classmethod
    def from_stored(
        cls, stored: dict[str, Any] | None, analysed_at: datetime | None
    ) -> ReliabilityOut:
        if not stored:
            return cls(level=None, analysed_at=analysed_at)
        return cls(
            level=stored.get("level"),
            unverified=bool(stored.get("unverified", False)),
            high_risk_context=stored.get("high_risk_context"),
            patterns=[PatternOut(**p) for p in stored.get("patterns", [])],
            analysed_at=analysed_at,
            algorithm_version=stored.get("algorithm_version"),
            risk_data_version=stored.get("risk_data_version"),
        )


class EvidenceCounts(BaseModel):
    timesheets: int = 0
    payroll: int = 0
    interviews: int = 0
    recruitment: int = 0
    documents: int = 0


class AuditSummary(BaseModel):
    id: uuid.UUID
    supplier_id: uuid.UUID
    audit_ref: str | None
    audited_on: date
    audit_type: str
    standard: str | None
    firm: str | None
    auditor: str | None
    paid_by: str | None
    workers_total: int | None
    workers_interviewed: int | None
    interviews_in_worker_language: bool | None
    reliability_level: str | None
    analysed_at: datetime | None
    created_at: datetime
    created_by: str


class AuditOut(AuditSummary):
    report_text: str
    findings: list[FindingOut]
    evidence: EvidenceCounts
    reliability: ReliabilityOut


class AssessmentSummary(BaseModel):
    id: uuid.UUID
    score: float
    band: str
    flagged: bool
    reasons: list[str] = Field(description="Flag reason codes")
    score_low: float
    score_high: float
    coverage: float
    new: bool = Field(description="False when the inputs were unchanged and the latest stands")


class AuditCreated(AuditOut):
    findings: list[MappedFindingOut]  # type: ignore[assignment]  # a richer FindingOut
    unmapped_findings: list[UnmappedFinding] = Field(
        description="Findings stored without an indicator: reported, never dropped"
    )
    assessment: AssessmentSummary


class AuditList(BaseModel):
    items: list[AuditSummary]
    next_cursor: str | None = None


class EvidencePage(BaseModel):
    kind: str
    items: list[dict[str, Any]]
    next_cursor: str | None = None
