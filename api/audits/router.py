"""Audits with findings and worker-level evidence, and how far each can be relied on.

Worker references are pseudonymous: the schemas accept only ``[A-Za-z0-9._:#/-]`` (no spaces,
so no "First Last" names); never send names, phone numbers or account numbers.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from api.audits import finding_changes, service
from api.audits.evidence import EvidenceKind
from api.audits.finding_changes import FindingChange
from api.audits.responses import (
    AuditCreated,
    AuditList,
    AuditOut,
    EvidencePage,
    FindingOut,
    ReliabilityOut,
)
from api.audits.schemas import AuditIn
from api.auth.roles import Scope
from api.deps import Principal, SessionDep, require
from api.reference_data.deps import RiskDataDep

router = APIRouter(prefix="/v1", tags=["audits"])
Reader = Annotated[Principal, Depends(require(Scope.audits_read))]
Writer = Annotated[Principal, Depends(require(Scope.audits_write))]
Limit = Annotated[int, Query(ge=1, le=service.MAX_PAGE)]


@router.post(
    "/suppliers/{supplier_id}/audits",
    status_code=status.HTTP_201_CREATED,
    responses={404: {"description": "No such supplier"}, 409: {"description": "audit_ref taken"}},
)
def create_audit(
    supplier_id: uuid.UUID,
    body: AuditIn,
    session: SessionDep,
    data: RiskDataDep,
    principal: Writer,
) -> AuditCreated:
    """Store an audit with its findings and evidence, analyse its reliability and re-score the
    supplier, in one transaction. Findings are mapped to ILO indicators by code or by text;
    unmapped ones are stored without an indicator and listed in ``unmapped_findings``."""
    return service.create_audit(
        session,
        organisation_id=principal.organisation_id,
        supplier_id=supplier_id,
        body=body,
        data=data,
        actor=principal.actor.ref,
    )


@router.get("/suppliers/{supplier_id}/audits")
def list_audits(
    supplier_id: uuid.UUID,
    session: SessionDep,
    principal: Reader,
    cursor: str | None = None,
    limit: Limit = 100,
) -> AuditList:
    """The supplier's audits, newest first."""
    return service.list_audits(
        session, principal.organisation_id, supplier_id, cursor=cursor, limit=limit
    )


@router.get("/audits/{audit_id}")
def get_audit(audit_id: uuid.UUID, session: SessionDep, principal: Reader) -> AuditOut:
    """The audit, its findings with how each was mapped, evidence rows per table, reliability."""
    audit = service.get_audit(session, principal.organisation_id, audit_id)
    return service.audit_view(session, audit)


@router.get("/audits/{audit_id}/reliability")
def get_reliability(audit_id: uuid.UUID, session: SessionDep, principal: Reader) -> ReliabilityOut:
    """The latest reliability analysis: level, patterns with evidence row references, whether
    the audit is unverified, when and by which detector version."""
    audit = service.get_audit(session, principal.organisation_id, audit_id)
    return service.reliability_view(audit)


@router.get("/audits/{audit_id}/evidence/{kind}")
def get_evidence(
    audit_id: uuid.UUID,
    kind: EvidenceKind,
    session: SessionDep,
    principal: Reader,
    cursor: str | None = None,
    limit: Limit = 500,
) -> EvidencePage:
    """One evidence table's rows, in the order they were stored, paged by cursor."""
    audit = service.get_audit(session, principal.organisation_id, audit_id)
    return service.evidence_of(session, audit, kind, cursor=cursor, limit=limit)


@router.patch("/findings/{finding_id}", responses={404: {"description": "No such finding"}})
def change_finding(
    finding_id: uuid.UUID,
    body: FindingChange,
    session: SessionDep,
    data: RiskDataDep,
    principal: Writer,
) -> FindingOut:
    """Give an unmapped finding its ILO indicator (or correct one, or its severity); the
    supplier is re-assessed with it."""
    return finding_changes.change_finding(
        session, principal.organisation_id, finding_id, body, data, principal.actor.ref
    )
