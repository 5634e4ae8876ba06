"""An audit's column values (header, findings, evidence tables) to the engine's ``Audit``.

A posted payload is first brought to the rows the registry stores (``audit_columns``,
``finding_rows``, ``api.audits.evidence.evidence_rows``: accounts hashed, currencies upper
case, deductions summed by kind), and stored rows are read back as the same mappings, so one
conversion serves both and an audit scores the same posted to ``/v1/score`` or stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from api.audits.evidence import evidence_rows
from api.audits.schemas import AuditIn, FindingIn
from models import Audit as AuditRow
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

AUDIT_COLUMNS = (
    "audited_on",
    "audit_type",
    "standard",
    "firm",
    "auditor",
    "paid_by",
    "workers_total",
    "workers_interviewed",
    "interviews_in_worker_language",
    "report_text",
)

Rows = Iterable[Mapping[Any, Any]]  # dicts, or database row mappings


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


def finding_text(finding: FindingIn, mapping: FindingMapping) -> str:
    """The auditor's words kept with the finding: the description, or the indicator field when
    it held free text rather than a code (otherwise those words would be lost)."""
    if finding.description:
        return finding.description
    return finding.indicator or "" if mapping.mapped_by != "code" else ""


def finding_rows(
    findings: Sequence[FindingIn], data: RiskData
) -> tuple[list[FindingMapping], list[dict[str, Any]]]:
    """Each finding's mapping and the columns stored for it (unmapped ones are kept, with no
    indicator, and not scored: an indicator cannot be guessed)."""
    mappings = [map_finding(f, i, data) for i, f in enumerate(findings)]
    rows = [
        {
            "indicator": m.indicator,
            "severity": f.severity,
            "status": f.status,
            "description": finding_text(f, m),
            "found_on": f.found_on,
            "mapped_by": m.mapped_by,
            "mapping_confidence": m.confidence,
        }
        for f, m in zip(findings, mappings, strict=True)
    ]
    return mappings, rows


def audit_columns(audit: AuditIn | AuditRow) -> dict[str, Any]:
    return {column: getattr(audit, column) for column in AUDIT_COLUMNS}


def engine_findings(rows: Rows) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            indicator=r["indicator"],
            severity=r["severity"],
            status=r["status"],
            description=r["description"],
            found_on=r["found_on"],
        )
        for r in rows
        if r["indicator"] is not None
    )


def engine_evidence(tables: Mapping[str, Rows]) -> WorkerEvidence:
    """Evidence tables (stored rows, or a payload's rows as they would be stored)."""

    def rows(kind: str) -> Rows:
        return tables.get(kind, ())

    return WorkerEvidence(
        timesheets=tuple(
            TimesheetEntry(r["worker_ref"], r["day"], r["hours"]) for r in rows("timesheets")
        ),
        payroll=tuple(
            PayrollEntry(
                worker_ref=r["worker_ref"],
                period_start=r["period_start"],
                period_end=r["period_end"],
                gross=r["gross"],
                net=r["net"],
                deductions=tuple(
                    Deduction(k, float(v)) for k, v in sorted((r["deductions"] or {}).items())
                ),
                hours_paid=r["hours_paid"],
                declared_wage=r["declared_wage"],
                paid_on=r["paid_on"],
                due_on=r["due_on"],
                paid_to_account=r["paid_to_account"],
            )
            for r in rows("payroll")
        ),
        interviews=tuple(
            InterviewRecord(
                r["worker_ref"],
                r["reported_weekly_hours"],
                r["reported_rest_days_per_week"],
                tuple(r["answers"] or ()),
                r["language"],
                r["worker_language"],
            )
            for r in rows("interviews")
        ),
        recruitment=tuple(
            RecruitmentRecord(
                r["worker_ref"],
                r["fee_paid"],
                r["currency"],
                r["monthly_wage"],
                r["outstanding_debt"],
                r["agency"],
            )
            for r in rows("recruitment")
        ),
        documents=tuple(
            DocumentCustodyRecord(r["worker_ref"], r["holder"]) for r in rows("documents")
        ),
    )


def engine_audit(
    ref: str,
    header: Mapping[str, Any],
    findings: Rows = (),
    evidence: WorkerEvidence | None = None,
) -> Audit:
    """The engine's audit; ``ref`` is the client's audit reference where there is one."""
    return Audit(
        audit_ref=ref,
        audited_on=header["audited_on"],
        audit_type=header["audit_type"],
        standard=header["standard"],
        firm=header["firm"],
        auditor=header["auditor"],
        paid_by=header["paid_by"],
        workers_total=header["workers_total"],
        workers_interviewed=header["workers_interviewed"],
        interviews_in_worker_language=header["interviews_in_worker_language"],
        report_text=header["report_text"],
        findings=engine_findings(findings),
        evidence=evidence if evidence is not None else WorkerEvidence(),
    )


def stored_ref(audit: AuditRow) -> str:
    """The name reviewers know an audit by: the client's reference, else its id."""
    return audit.external_ref or str(audit.id)


@dataclass(frozen=True)
class PostedAudit:
    """A posted audit as the engine sees it, and how each of its findings was mapped."""

    audit: Audit
    mappings: list[FindingMapping]
    finding_rows: list[dict[str, Any]]


def posted_audit(
    body: AuditIn, data: RiskData, *, default_ref: str, account_salt: str
) -> PostedAudit:
    """A payload's audit as it would be stored and then read back."""
    mappings, rows = finding_rows(body.findings, data)
    evidence = engine_evidence(evidence_rows(None, body.evidence, account_salt=account_salt))
    audit = engine_audit(body.audit_ref or default_ref, audit_columns(body), rows, evidence)
    return PostedAudit(audit, mappings, rows)
