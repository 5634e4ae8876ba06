"""Worker-level evidence gathered during an audit.

Workers are pseudonymous references (``W-0042``); the service never stores names.
Each record type mirrors one evidence table of the upload template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

DocumentHolder = Literal["worker", "employer", "agency", "other"]


@dataclass(frozen=True, slots=True)
class TimesheetEntry:
    worker_ref: str
    day: date
    hours: float


@dataclass(frozen=True, slots=True)
class Deduction:
    kind: str  # e.g. "accommodation", "recruitment_fee", "food", "tax", "social_security"
    amount: float


@dataclass(frozen=True, slots=True)
class PayrollEntry:
    worker_ref: str
    period_start: date
    period_end: date
    gross: float
    net: float
    deductions: tuple[Deduction, ...] = ()
    hours_paid: float | None = None
    declared_wage: float | None = None  # contractual wage for the period, if declared
    paid_on: date | None = None
    due_on: date | None = None
    paid_to_account: str | None = None  # a hash of the account, never the number itself


@dataclass(frozen=True, slots=True)
class InterviewRecord:
    worker_ref: str
    reported_weekly_hours: float | None = None
    reported_rest_days_per_week: float | None = None
    answers: tuple[str, ...] = ()  # free-text answers, in question order
    language: str | None = None  # language the interview was held in (ISO 639-1)
    worker_language: str | None = None  # the worker's own language (ISO 639-1)


@dataclass(frozen=True, slots=True)
class RecruitmentRecord:
    worker_ref: str
    fee_paid: float = 0.0  # paid by the worker, in ``currency``
    currency: str | None = None
    monthly_wage: float | None = None  # same currency as the fee
    outstanding_debt: float = 0.0
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentCustodyRecord:
    worker_ref: str
    holder: DocumentHolder


@dataclass(frozen=True, slots=True)
class WorkerEvidence:
    timesheets: tuple[TimesheetEntry, ...] = ()
    payroll: tuple[PayrollEntry, ...] = ()
    interviews: tuple[InterviewRecord, ...] = ()
    recruitment: tuple[RecruitmentRecord, ...] = ()
    documents: tuple[DocumentCustodyRecord, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (
            self.timesheets or self.payroll or self.interviews or self.recruitment or self.documents
        )
