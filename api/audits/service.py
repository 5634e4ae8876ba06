"""Audits: storing one with its findings and evidence, analysing it, re-scoring its supplier.

``create_audit`` is one unit of work: audit, findings, evidence, reliability, event and the
supplier's new assessment are committed together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Final

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier, get_supplier
from api.audits.analysis import analyse_audit
from api.audits.evidence import (
    EVIDENCE_KINDS,
    evidence_counts,
    evidence_page,
    evidence_rows,
    insert_rows,
)
from api.audits.responses import (
    AssessmentSummary,
    AuditCreated,
    AuditList,
    AuditOut,
    AuditSummary,
    EvidenceCounts,
    EvidencePage,
    FindingOut,
    MappedFindingOut,
    ReliabilityOut,
    UnmappedFinding,
)
from api.audits.schemas import AuditIn
from api.clock import today
from api.engine_inputs.audit import audit_columns, posted_audit, stored_ref
from api.errors import ProblemError
from api.events.service import record_event
from api.pagination import decode_typed, encode_cursor, keyset_after
from models import Assessment, Audit, Finding, Supplier
from risk_data.types import RiskData

MAX_PAGE: Final = 1000


def unmapped_message(data: RiskData) -> str:
    codes = ", ".join(sorted(data.indicators))
    return (
        "no ILO indicator matched this text; the finding is stored without an indicator and "
        f"is not scored until it is given one. Accepted codes: {codes}"
    )


def check_audit_date(audited_on: date) -> None:
    if audited_on > today():
        raise ProblemError(
            "validation-error",
            f"audited_on {audited_on.isoformat()} is in the future.",
            errors=[
                {
                    "location": "body",
                    "pointer": "/audited_on",
                    "message": "an audit date cannot be in the future",
                    "type": "value_error",
                }
            ],
        )


def audit_with_ref(session: Session, organisation_id: uuid.UUID, ref: str) -> list[Audit]:
    return list(
        session.scalars(
            select(Audit).where(Audit.organisation_id == organisation_id, Audit.external_ref == ref)
        )
    )


def summarise_assessment(assessment: Assessment, new: bool) -> AssessmentSummary:
    return AssessmentSummary(
        id=assessment.id,
        score=assessment.score,
        band=assessment.band,
        flagged=assessment.flagged,
        reasons=[r["code"] for r in assessment.flag_reasons],
        score_low=assessment.score_low,
        score_high=assessment.score_high,
        coverage=assessment.coverage,
        new=new,
    )


def create_audit(
    session: Session,
    *,
    organisation_id: uuid.UUID,
    supplier_id: uuid.UUID,
    body: AuditIn,
    data: RiskData,
    actor: str,
) -> AuditCreated:
    supplier = get_supplier(session, organisation_id, supplier_id)
    check_audit_date(body.audited_on)
    if body.audit_ref and audit_with_ref(session, organisation_id, body.audit_ref):
        raise ProblemError(
            "conflict",
            f"An audit with audit_ref {body.audit_ref!r} already exists in your organisation.",
            audit_ref=body.audit_ref,
        )
    audit = Audit(
        organisation_id=organisation_id,
        supplier_id=supplier.id,
        external_ref=body.audit_ref,
        created_by=actor,
        **audit_columns(body),
    )
    session.add(audit)
    session.flush()

    salt = str(organisation_id)
    posted = posted_audit(body, data, default_ref=stored_ref(audit), account_salt=salt)
    mappings = posted.mappings
    finding_rows = [
        {"id": uuid.uuid4(), "audit_id": audit.id, **row} for row in posted.finding_rows
    ]
    if finding_rows:
        session.execute(insert(Finding), finding_rows)
    for kind, rows in evidence_rows(audit.id, body.evidence, account_salt=salt).items():
        insert_rows(session, kind, rows)

    analyse_audit(session, audit, supplier, data, subject=posted.audit)
    counts = evidence_counts(session, [audit.id])[audit.id]
    message = unmapped_message(data)
    unmapped = [
        UnmappedFinding(index=m.index, id=row["id"], text=row["description"], message=message)
        for m, row in zip(mappings, finding_rows, strict=True)
        if m.indicator is None
    ]
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="audit",
        entity_id=audit.id,
        action="audit.created",
        actor=actor,
        after={
            "supplier_id": str(supplier.id),
            "audit_ref": audit.external_ref,
            "audited_on": audit.audited_on.isoformat(),
            "findings": len(finding_rows),
            "unmapped_findings": len(unmapped),
            "evidence": counts,
            "reliability_level": audit.reliability_level,
            "source": "api",
        },
    )
    assessment, new = assess_supplier(session, supplier, data, actor=actor)
    findings = [
        MappedFindingOut(
            index=m.index,
            matched=m.matched,
            id=row["id"],
            indicator=row["indicator"],
            mapped_by=row["mapped_by"],
            mapping_confidence=row["mapping_confidence"],
            severity=row["severity"],
            status=row["status"],
            description=row["description"],
            found_on=row["found_on"],
        )
        for m, row in zip(mappings, finding_rows, strict=True)
    ]
    result = AuditCreated(
        **_summary(audit).model_dump(),
        report_text=audit.report_text,
        findings=findings,
        evidence=EvidenceCounts(**counts),
        reliability=ReliabilityOut.from_stored(audit.reliability, audit.analysed_at),
        unmapped_findings=unmapped,
        assessment=summarise_assessment(assessment, new),
    )
    session.commit()
    return result


def get_audit(session: Session, organisation_id: uuid.UUID, audit_id: uuid.UUID) -> Audit:
    audit = session.get(Audit, audit_id)
    if audit is None or audit.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No audit {audit_id}.")
    return audit


def _summary(audit: Audit) -> AuditSummary:
    return AuditSummary(
        id=audit.id,
        supplier_id=audit.supplier_id,
        audit_ref=audit.external_ref,
        audited_on=audit.audited_on,
        audit_type=audit.audit_type,
        standard=audit.standard,
        firm=audit.firm,
        auditor=audit.auditor,
        paid_by=audit.paid_by,
        workers_total=audit.workers_total,
        workers_interviewed=audit.workers_interviewed,
        interviews_in_worker_language=audit.interviews_in_worker_language,
        reliability_level=audit.reliability_level,
        analysed_at=audit.analysed_at,
        created_at=audit.created_at,
        created_by=audit.created_by,
    )


def audit_view(session: Session, audit: Audit) -> AuditOut:
    findings = session.scalars(
        select(Finding).where(Finding.audit_id == audit.id).order_by(Finding.found_on, Finding.id)
    ).all()
    counts = evidence_counts(session, [audit.id])[audit.id]
    return AuditOut(
        **_summary(audit).model_dump(),
        report_text=audit.report_text,
        findings=[
            FindingOut(
                id=f.id,
                indicator=f.indicator,
                mapped_by=f.mapped_by,
                mapping_confidence=f.mapping_confidence,
                severity=f.severity,
                status=f.status,
                description=f.description,
                found_on=f.found_on,
            )
            for f in findings
        ],
        evidence=EvidenceCounts(**counts),
        reliability=ReliabilityOut.from_stored(audit.reliability, audit.analysed_at),
    )


def reliability_view(audit: Audit) -> ReliabilityOut:
    return ReliabilityOut.from_stored(audit.reliability, audit.analysed_at)


def list_audits(
    session: Session,
    organisation_id: uuid.UUID,
    supplier_id: uuid.UUID,
    *,
    cursor: str | None,
    limit: int,
) -> AuditList:
    """The supplier's audits, newest first, paged by (date, id)."""
    supplier = get_supplier(session, organisation_id, supplier_id)
    query = select(Audit).where(Audit.supplier_id == supplier.id)
    if cursor:
        day, ident = decode_typed(cursor, date.fromisoformat, uuid.UUID)
        query = query.where(
            keyset_after([(Audit.audited_on, day), (Audit.id, ident)], descending=True)
        )
    audits = list(
        session.scalars(query.order_by(Audit.audited_on.desc(), Audit.id.desc()).limit(limit + 1))
    )
    more = len(audits) > limit
    audits = audits[:limit]
    next_cursor = (
        encode_cursor(audits[-1].audited_on.isoformat(), str(audits[-1].id))
        if more and audits
        else None
    )
    return AuditList(items=[_summary(a) for a in audits], next_cursor=next_cursor)


def evidence_of(
    session: Session, audit: Audit, kind: str, *, cursor: str | None, limit: int
) -> EvidencePage:
    if kind not in EVIDENCE_KINDS:
        raise ProblemError(
            "not-found", f"No evidence table {kind!r}; tables: {', '.join(EVIDENCE_KINDS)}."
        )
    after = decode_typed(cursor, int)[0] if cursor else 0
    rows = evidence_page(session, audit.id, kind, after=after, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    items: list[dict[str, Any]] = [{k: v for k, v in r.items() if k != "audit_id"} for r in rows]
    return EvidencePage(
        kind=kind, items=items, next_cursor=encode_cursor(rows[-1]["id"]) if more and rows else None
    )


def refresh_audits(
    session: Session,
    audit_ids: Iterable[uuid.UUID],
    data: RiskData,
    *,
    actor: str,
    changes: dict[uuid.UUID, dict[str, Any]] | None = None,
) -> list[Assessment]:
    """After findings or evidence were added to audits (an upload): analyse each audit once,
    record what changed, then re-assess each supplier once. No commit."""
    audits: Sequence[Audit] = list(
        session.scalars(select(Audit).where(Audit.id.in_(list(audit_ids))).order_by(Audit.id))
    )
    suppliers: dict[uuid.UUID, Supplier] = {}
    for audit in audits:
        supplier = suppliers.get(audit.supplier_id) or session.get_one(Supplier, audit.supplier_id)
        suppliers[supplier.id] = supplier
        level_before = audit.reliability_level
        analyse_audit(session, audit, supplier, data)
        change = dict((changes or {}).get(audit.id) or {})
        if change:
            action = change.pop("action", "audit.updated")
            given = change.pop("before", None)
            before = (
                None
                if action == "audit.created"
                else {**(given or {}), "reliability_level": level_before}
            )
            record_event(
                session,
                organisation_id=audit.organisation_id,
                entity_type="audit",
                entity_id=audit.id,
                action=action,
                actor=actor,
                before=before,
                after={**change, "reliability_level": audit.reliability_level},
            )
    assessments = []
    for supplier in suppliers.values():
        assessment, _ = assess_supplier(session, supplier, data, actor=actor)
        assessments.append(assessment)
    return assessments
