"""Audit payloads to engine inputs; findings in auditors' words mapped to ILO indicators."""

from __future__ import annotations

from dataclasses import dataclass

from api.audits.schemas import AuditIn, EvidenceIn, FindingIn
from risk_data.lookup import match_indicator
from risk_data.types import RiskData
from screening.inputs.audit import Audit, Finding
from screening.inputs.evidence import (
    Deduction,
    DocumentCustodyRecord,
    InterviewRecord,
    PayrollEntry,
    RecruitmentRecord,
    TimesheetEntry,
    WorkerEvidence,
)


@dataclass(frozen=True)
class FindingMapping:
    """How a finding's indicator was chosen, kept so a reviewer can check it."""

    index: int
    indicator: str | None
    mapped_by: str  # "code", "synonym", "fuzzy" or "unmapped"
    confidence: float
    matched: str


def map_finding(finding: FindingIn, index: int, data: RiskData) -> FindingMapping:
    if finding.indicator and finding.indicator in data.indicators:
        return FindingMapping(index, finding.indicator, "code", 1.0, finding.indicator)
    text = " ".join(t for t in (finding.indicator, finding.description) if t)
    match = match_indicator(text, data) if text else None
    if match is None:
        return FindingMapping(index, None, "unmapped", 0.0, "")
    how = "synonym" if match.confidence >= 0.9 else "fuzzy"
    return FindingMapping(index, match.code, how, match.confidence, match.matched_synonym)


def evidence_to_engine(evidence: EvidenceIn) -> WorkerEvidence:
    return WorkerEvidence(
        timesheets=tuple(TimesheetEntry(t.worker_ref, t.day, t.hours) for t in evidence.timesheets),
        payroll=tuple(
            PayrollEntry(
                worker_ref=p.worker_ref,
                period_start=p.period_start,
                period_end=p.period_end,
                gross=p.gross,
                net=p.net,
                deductions=tuple(Deduction(d.kind, d.amount) for d in p.deductions),
                hours_paid=p.hours_paid,
                declared_wage=p.declared_wage,
                paid_on=p.paid_on,
                due_on=p.due_on,
                paid_to_account=p.paid_to_account,
            )
            for p in evidence.payroll
        ),
        interviews=tuple(
            InterviewRecord(
                i.worker_ref,
                i.reported_weekly_hours,
                i.reported_rest_days_per_week,
                tuple(i.answers),
                i.language,
                i.worker_language,
            )
            for i in evidence.interviews
        ),
        recruitment=tuple(
            RecruitmentRecord(
                r.worker_ref, r.fee_paid, r.currency, r.monthly_wage, r.outstanding_debt, r.agency
            )
            for r in evidence.recruitment
        ),
        documents=tuple(DocumentCustodyRecord(d.worker_ref, d.holder) for d in evidence.documents),
    )


def audit_to_engine(
    audit: AuditIn, data: RiskData, default_ref: str
) -> tuple[Audit, list[FindingMapping]]:
    """The engine's audit, and how each finding was mapped (unmapped ones are reported, not
    scored: an indicator cannot be guessed)."""
    mappings = [map_finding(f, i, data) for i, f in enumerate(audit.findings)]
    findings = tuple(
        Finding(
            indicator=m.indicator,
            severity=f.severity,
            status=f.status,
            description=f.description,
            found_on=f.found_on,
        )
        for f, m in zip(audit.findings, mappings, strict=True)
        if m.indicator is not None
    )
    engine_audit = Audit(
        audit_ref=audit.audit_ref or default_ref,
        audited_on=audit.audited_on,
        audit_type=audit.audit_type,
        standard=audit.standard,
        firm=audit.firm,
        auditor=audit.auditor,
        paid_by=audit.paid_by,
        workers_total=audit.workers_total,
        workers_interviewed=audit.workers_interviewed,
        interviews_in_worker_language=audit.interviews_in_worker_language,
        report_text=audit.report_text,
        findings=findings,
        evidence=evidence_to_engine(audit.evidence),
    )
    return engine_audit, mappings
