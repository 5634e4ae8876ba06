"""Stored suppliers and audits to engine inputs."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    Audit,
    DocumentRow,
    Finding,
    InterviewRow,
    PayrollRow,
    RecruitmentRow,
    Supplier,
    TimesheetRow,
)
from screening.inputs import audit as engine
from screening.inputs.evidence import (
    Deduction,
    DocumentCustodyRecord,
    InterviewRecord,
    PayrollEntry,
    RecruitmentRecord,
    TimesheetEntry,
    WorkerEvidence,
)
from screening.inputs.supplier import SupplierProfile

# Peer reports compared for copied text: the most recent of other suppliers, bounded so one
# assessment never reads a whole organisation's reports.
PEER_REPORT_LIMIT = 200


def supplier_profile(supplier: Supplier) -> SupplierProfile:
    return SupplierProfile(
        country=supplier.country,
        sector=supplier.sector,
        products=tuple(supplier.products or ()),
        region=supplier.region,
        worker_count=supplier.worker_count,
        migrant_share=supplier.migrant_share,
        recruitment_agencies=tuple(supplier.recruitment_agencies or ()),
    )


EvidenceModel = TypeVar(
    "EvidenceModel", TimesheetRow, PayrollRow, InterviewRow, RecruitmentRow, DocumentRow
)


def _evidence(session: Session, audit_id: uuid.UUID) -> WorkerEvidence:
    def rows(model: type[EvidenceModel]) -> Sequence[EvidenceModel]:
        query = select(model).where(model.audit_id == audit_id).order_by(model.id)
        return session.scalars(query).all()

    return WorkerEvidence(
        timesheets=tuple(TimesheetEntry(r.worker_ref, r.day, r.hours) for r in rows(TimesheetRow)),
        payroll=tuple(
            PayrollEntry(
                worker_ref=r.worker_ref,
                period_start=r.period_start,
                period_end=r.period_end,
                gross=r.gross,
                net=r.net,
                deductions=tuple(Deduction(k, float(v)) for k, v in sorted(r.deductions.items())),
                hours_paid=r.hours_paid,
                declared_wage=r.declared_wage,
                paid_on=r.paid_on,
                due_on=r.due_on,
                paid_to_account=r.paid_to_account,
            )
            for r in rows(PayrollRow)
        ),
        interviews=tuple(
            InterviewRecord(
                r.worker_ref,
                r.reported_weekly_hours,
                r.reported_rest_days_per_week,
                tuple(r.answers or ()),
                r.language,
                r.worker_language,
            )
            for r in rows(InterviewRow)
        ),
        recruitment=tuple(
            RecruitmentRecord(
                r.worker_ref, r.fee_paid, r.currency, r.monthly_wage, r.outstanding_debt, r.agency
            )
            for r in rows(RecruitmentRow)
        ),
        documents=tuple(
            DocumentCustodyRecord(r.worker_ref, r.holder)  # type: ignore[arg-type]  # checked on input
            for r in rows(DocumentRow)
        ),
    )


def engine_audit(session: Session, audit: Audit) -> engine.Audit:
    findings = session.scalars(
        select(Finding)
        .where(Finding.audit_id == audit.id, Finding.indicator.is_not(None))
        .order_by(Finding.id)
    ).all()
    return engine.Audit(
        audit_ref=str(audit.id),
        audited_on=audit.audited_on,
        audit_type=audit.audit_type,  # type: ignore[arg-type]
        standard=audit.standard,
        firm=audit.firm,
        auditor=audit.auditor,
        paid_by=audit.paid_by,  # type: ignore[arg-type]
        workers_total=audit.workers_total,
        workers_interviewed=audit.workers_interviewed,
        interviews_in_worker_language=audit.interviews_in_worker_language,
        report_text=audit.report_text,
        findings=tuple(
            engine.Finding(
                indicator=f.indicator or "",
                severity=f.severity,  # type: ignore[arg-type]  # checked on the way in
                status=f.status,  # type: ignore[arg-type]
                description=f.description,
                found_on=f.found_on,
            )
            for f in findings
        ),
        evidence=_evidence(session, audit.id),
    )


def supplier_audits(session: Session, supplier_id: uuid.UUID) -> list[engine.Audit]:
    audits = session.scalars(
        select(Audit).where(Audit.supplier_id == supplier_id).order_by(Audit.audited_on, Audit.id)
    ).all()
    return [engine_audit(session, a) for a in audits]


def peer_reports(session: Session, supplier: Supplier) -> list[engine.PeerReport]:
    rows = session.execute(
        select(Audit.supplier_id, Audit.id, Audit.report_text)
        .where(
            Audit.organisation_id == supplier.organisation_id,
            Audit.supplier_id != supplier.id,
            Audit.report_text != "",
        )
        .order_by(Audit.audited_on.desc())
        .limit(PEER_REPORT_LIMIT)
    ).all()
    return [engine.PeerReport(str(s), str(a), text) for s, a, text in rows]


def group_by_supplier(audits: Sequence[Audit]) -> dict[uuid.UUID, list[Audit]]:
    grouped: dict[uuid.UUID, list[Audit]] = defaultdict(list)
    for audit in audits:
        grouped[audit.supplier_id].append(audit)
    return grouped
