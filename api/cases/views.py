"""Reading cases: the list with its filters and cursor, one case in full, its history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, cast, exists, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from api.assessments.service import latest_assessment
from api.cases.schemas import (
    AssessmentView,
    AuditBrief,
    CaseDetail,
    CaseList,
    CaseOut,
    CommentOut,
    EventOut,
    PendingDecisionOut,
    ReasonOut,
    SupplierBrief,
)
from api.cases.workflow import CONFIRMATION_NEEDS, is_critical
from api.errors import ProblemError
from api.events.service import events_for
from api.lists.schemas import stored_hit_out
from api.lists.service import supplier_hits
from api.pagination import decode_typed, encode_cursor, keyset_after
from models import Assessment, Audit, CaseComment, Event, Finding, ReviewCase, Supplier
from models.base import utcnow

MAX_PAGE = 200


def get_case(session: Session, organisation_id: uuid.UUID, case_id: uuid.UUID) -> ReviewCase:
    """The case, or 404 whether it does not exist or belongs to another organisation."""
    case = session.get(ReviewCase, case_id)
    if case is None or case.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No case {case_id}.")
    return case


def reason_codes(case: ReviewCase) -> list[str]:
    return [str(r.get("code", "")) for r in case.reasons]


def case_out(case: ReviewCase, supplier: Supplier) -> CaseOut:
    pending = case.pending_decision
    return CaseOut(
        id=case.id,
        supplier_id=case.supplier_id,
        supplier_name=supplier.name,
        country=supplier.country,
        sector=supplier.sector,
        assessment_id=case.assessment_id,
        status=case.status,
        priority=case.priority,
        critical=is_critical(reason_codes(case)),
        reasons=[ReasonOut.model_validate(r) for r in case.reasons],
        assignee=case.assignee,
        opened_at=case.opened_at,
        due_at=case.due_at,
        overdue=case.status != "closed" and case.due_at < utcnow(),
        updated_at=case.updated_at,
        closed_at=case.closed_at,
        decision=case.decision,
        decision_rationale=case.decision_rationale,
        decided_by=case.decided_by,
        valid_until=case.valid_until,
        previous_case_id=case.previous_case_id,
        pending_decision=PendingDecisionOut(
            decision=pending["decision"],
            rationale=pending["rationale"],
            proposed_by=pending["proposed_by"],
            proposed_at=datetime.fromisoformat(pending["proposed_at"]),
            needs=CONFIRMATION_NEEDS,
        )
        if pending
        else None,
        version=case.version,
    )


# --- the list ---------------------------------------------------------------------------


def _encode_cursor(case: ReviewCase) -> str:
    return encode_cursor(case.priority_rank, case.opened_at.isoformat(), str(case.id))


def _after(cursor: str) -> ColumnElement[bool]:
    rank, opened, case_id = decode_typed(cursor, int, datetime.fromisoformat, uuid.UUID)
    return keyset_after(
        [(ReviewCase.priority_rank, rank), (ReviewCase.opened_at, opened), (ReviewCase.id, case_id)]
    )


def has_reason(dialect: str, code: str) -> ColumnElement[bool]:
    """Cases whose reasons include ``code``: JSONB containment on PostgreSQL, json_each on
    SQLite (a text match could hit a code quoted inside a summary)."""
    if dialect == "postgresql":
        contains: ColumnElement[bool] = cast(ReviewCase.reasons, JSONB).contains([{"code": code}])
        return contains
    reasons = func.json_each(ReviewCase.reasons).table_valued("value")
    return exists(
        select(1).select_from(reasons).where(func.json_extract(reasons.c.value, "$.code") == code)
    )


def list_cases(
    session: Session,
    organisation_id: uuid.UUID,
    *,
    status: Sequence[str] = (),
    priority: Sequence[str] = (),
    assignee: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    reason: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> CaseList:
    """Most urgent first: by priority, then oldest first within a priority."""
    query = (
        select(ReviewCase, Supplier)
        .join(Supplier, Supplier.id == ReviewCase.supplier_id)
        .where(ReviewCase.organisation_id == organisation_id)
    )
    if status:
        query = query.where(ReviewCase.status.in_(status))
    if priority:
        query = query.where(ReviewCase.priority.in_(priority))
    if assignee is not None:
        query = query.where(ReviewCase.assignee == assignee)
    if country:
        query = query.where(Supplier.country == country.upper())
    if sector:
        query = query.where(Supplier.sector == sector)
    if reason:
        query = query.where(has_reason(session.get_bind().dialect.name, reason))
    if cursor:
        query = query.where(_after(cursor))
    query = query.order_by(ReviewCase.priority_rank, ReviewCase.opened_at, ReviewCase.id)
    rows = session.execute(query.limit(limit + 1)).all()
    page = rows[:limit]
    return CaseList(
        items=[case_out(case, supplier) for case, supplier in page],
        next_cursor=_encode_cursor(page[-1][0]) if len(rows) > limit else None,
    )


# --- one case ---------------------------------------------------------------------------


def supplier_brief(supplier: Supplier) -> SupplierBrief:
    return SupplierBrief(
        id=supplier.id,
        name=supplier.name,
        external_ref=supplier.external_ref,
        country=supplier.country,
        sector=supplier.sector,
        status=supplier.status,
        score=supplier.score,
        band=supplier.band,
        flagged=supplier.flagged,
    )


def assessment_view(assessment: Assessment) -> AssessmentView:
    result: dict[str, Any] = assessment.result
    return AssessmentView(
        id=assessment.id,
        created_at=assessment.created_at,
        score=assessment.score,
        score_low=assessment.score_low,
        score_high=assessment.score_high,
        band=assessment.band,
        flagged=assessment.flagged,
        coverage=assessment.coverage,
        methodology_version=assessment.methodology_version,
        risk_data_version=assessment.risk_data_version,
        flag_reasons=[ReasonOut.model_validate(r) for r in assessment.flag_reasons],
        factors=list(result.get("factors", [])),
        indicators=list(result.get("indicators", [])),
        reliability=list(result.get("audit_reliabilities", [])),
    )


def audit_briefs(session: Session, supplier_id: uuid.UUID) -> list[AuditBrief]:
    findings = (
        select(Finding.audit_id, func.count().label("n")).group_by(Finding.audit_id).subquery()
    )
    rows = session.execute(
        select(Audit, func.coalesce(findings.c.n, 0))
        .outerjoin(findings, findings.c.audit_id == Audit.id)
        .where(Audit.supplier_id == supplier_id)
        .order_by(Audit.audited_on.desc(), Audit.id)
    ).all()
    return [
        AuditBrief(
            id=audit.id,
            external_ref=audit.external_ref,
            audited_on=audit.audited_on,
            audit_type=audit.audit_type,
            standard=audit.standard,
            firm=audit.firm,
            paid_by=audit.paid_by,
            reliability_level=audit.reliability_level,
            findings=int(count),
        )
        for audit, count in rows
    ]


def comments_of(session: Session, case_id: uuid.UUID) -> list[CommentOut]:
    comments = session.scalars(
        select(CaseComment)
        .where(CaseComment.case_id == case_id)
        .order_by(CaseComment.created_at, CaseComment.id)
    )
    return [
        CommentOut(id=c.id, author=c.author, body=c.body, created_at=c.created_at) for c in comments
    ]


def event_out(event: Event) -> EventOut:
    return EventOut(
        seq=event.seq,
        action=event.action,
        actor=event.actor,
        actor_kind=event.actor_kind,
        actor_name=event.actor_name,
        before=event.before,
        after=event.after,
        created_at=event.created_at,
        hash=event.hash,
        prev_hash=event.prev_hash,
    )


def case_history(session: Session, case: ReviewCase) -> list[EventOut]:
    return [event_out(e) for e in events_for(session, case.organisation_id, "case", case.id)]


def case_detail(session: Session, case: ReviewCase) -> CaseDetail:
    supplier = session.get_one(Supplier, case.supplier_id)
    latest = latest_assessment(session, supplier.id)
    return CaseDetail(
        **case_out(case, supplier).model_dump(),
        supplier=supplier_brief(supplier),
        assessment=assessment_view(latest) if latest else None,
        audits=audit_briefs(session, supplier.id),
        comments=comments_of(session, case.id),
        history=case_history(session, case),
        list_hits=[stored_hit_out(h) for h in supplier_hits(session, supplier.id)],
    )
