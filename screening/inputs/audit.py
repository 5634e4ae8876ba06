"""A social audit with its findings and optional worker-level evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from screening.inputs.evidence import WorkerEvidence

Severity = Literal["low", "medium", "high", "critical"]
FindingStatus = Literal["open", "remediated", "verified"]
AuditType = Literal["announced", "semi_announced", "unannounced"]
PaidBy = Literal["supplier", "buyer", "third_party"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding, already mapped to an ILO indicator code (see ``risk_data`` indicators)."""

    indicator: str
    severity: Severity
    status: FindingStatus = "open"
    description: str = ""
    found_on: date | None = None


@dataclass(frozen=True, slots=True)
class Audit:
    audit_ref: str
    audited_on: date
    audit_type: AuditType = "announced"
    standard: str | None = None  # SMETA, amfori BSCI, RBA VAP, SA8000, WRAP, other
    firm: str | None = None
    auditor: str | None = None
    paid_by: PaidBy | None = None
    workers_total: int | None = None
    workers_interviewed: int | None = None
    interviews_in_worker_language: bool | None = None
    report_text: str = ""
    findings: tuple[Finding, ...] = ()
    evidence: WorkerEvidence = field(default_factory=WorkerEvidence)


@dataclass(frozen=True, slots=True)
class PeerReport:
    """Another supplier's audit report text, to detect reports copied across suppliers."""

    supplier_ref: str
    audit_ref: str
    report_text: str
