"""Audit payloads: as posted to ``/v1/suppliers/{id}/audits`` and inside ``/v1/score`` requests."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from api.numbers import (
    Amount,
    HoursPerDay,
    HoursPerMonth,
    HoursPerWeek,
    Money,
    RestDaysPerWeek,
    Wage,
    WorkerCount,
)
from screening.inputs.audit import AuditType, FindingStatus, PaidBy, Severity
from screening.inputs.evidence import DocumentHolder

_WORKER_REF = Field(
    min_length=1,
    max_length=64,
    pattern=r"^[A-Za-z0-9._:#/-]+$",
    description="A pseudonymous worker reference (never a name).",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FindingIn(_Strict):
    indicator: str | None = Field(
        default=None,
        max_length=200,
        description="An ILO indicator code. If omitted, the description is mapped to one.",
    )
    severity: Severity
    status: FindingStatus = "open"
    description: str = Field(default="", max_length=5000)
    found_on: date | None = None


class TimesheetIn(_Strict):
    worker_ref: str = _WORKER_REF
    day: date
    hours: HoursPerDay


class DeductionIn(_Strict):
    kind: str = Field(min_length=1, max_length=60)
    amount: Amount


class PayrollIn(_Strict):
    worker_ref: str = _WORKER_REF
    period_start: date
    period_end: date
    gross: Amount
    net: Money
    deductions: list[DeductionIn] = Field(default_factory=list, max_length=50)
    hours_paid: HoursPerMonth | None = None
    declared_wage: Amount | None = None
    paid_on: date | None = None
    due_on: date | None = None
    paid_to_account: str | None = Field(
        default=None, max_length=128, description="A hash of the account, never the number."
    )


class InterviewIn(_Strict):
    worker_ref: str = _WORKER_REF
    reported_weekly_hours: HoursPerWeek | None = None
    reported_rest_days_per_week: RestDaysPerWeek | None = None
    answers: list[str] = Field(default_factory=list, max_length=100)
    language: str | None = Field(default=None, max_length=10)
    worker_language: str | None = Field(default=None, max_length=10)


class RecruitmentIn(_Strict):
    worker_ref: str = _WORKER_REF
    fee_paid: Amount = 0.0
    currency: str | None = Field(default=None, min_length=3, max_length=3)
    monthly_wage: Wage | None = None
    outstanding_debt: Amount = 0.0
    agency: str | None = Field(default=None, max_length=200)


class DocumentIn(_Strict):
    worker_ref: str = _WORKER_REF
    holder: DocumentHolder


class EvidenceIn(_Strict):
    timesheets: list[TimesheetIn] = Field(default_factory=list, max_length=500_000)
    payroll: list[PayrollIn] = Field(default_factory=list, max_length=100_000)
    interviews: list[InterviewIn] = Field(default_factory=list, max_length=20_000)
    recruitment: list[RecruitmentIn] = Field(default_factory=list, max_length=20_000)
    documents: list[DocumentIn] = Field(default_factory=list, max_length=20_000)


class AuditIn(_Strict):
    audit_ref: str | None = Field(
        default=None, max_length=120, description="Your reference for the audit report."
    )
    audited_on: date
    audit_type: AuditType = "announced"
    standard: str | None = Field(
        default=None, max_length=40, description="SMETA, amfori BSCI, RBA VAP, SA8000, WRAP, other"
    )
    firm: str | None = Field(default=None, max_length=200)
    auditor: str | None = Field(default=None, max_length=200)
    paid_by: PaidBy | None = None
    workers_total: WorkerCount | None = None
    workers_interviewed: WorkerCount | None = None
    interviews_in_worker_language: bool | None = None
    report_text: str = Field(default="", max_length=200_000)
    findings: list[FindingIn] = Field(default_factory=list, max_length=1000)
    evidence: EvidenceIn = Field(default_factory=EvidenceIn)
