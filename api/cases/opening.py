"""Review cases kept in step with assessments: opened when a supplier is flagged and no
decision holds, refreshed while open (one open case per supplier)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.cases.holding import what_changed
from api.due_diligence.status import put_under_review
from api.events.append import PendingEvent, append_events, plain_event
from api.events.service import record_event
from models import Assessment, Audit, Organisation, ReviewCase, Supplier
from models.base import utcnow

PRIORITIES = ("critical", "high", "medium", "low")

# Reasons that evidence forced labour itself (SPEC 4.6 critical indicators) come first.
CRITICAL_REASONS = frozenset(
    {
        "retention_of_identity_documents",
        "recruitment_fee_debt",
        "withholding_of_wages",
        "restriction_of_movement",
        "physical_sexual_violence",
        "forced_child_labour",
    }
)
# Reasons about missing or unreliable verification in a risky context.
HIGH_REASONS = frozenset(
    {
        "audit_unreliable",
        "high_risk_country_unverified",
        "ilab_forced_labour_good_unaudited",
        "corrective_action_overdue",
    }
)


def case_priority(reason_codes: set[str], score: float) -> str:
    if reason_codes & CRITICAL_REASONS or score >= 80:
        return "critical"
    if reason_codes & HIGH_REASONS or score >= 60:
        return "high"
    if score >= 40:
        return "medium"
    return "low"


def open_case(session: Session, supplier: Supplier) -> ReviewCase | None:
    return session.scalars(
        select(ReviewCase).where(
            ReviewCase.supplier_id == supplier.id, ReviewCase.status != "closed"
        )
    ).one_or_none()


def last_closed_case(session: Session, supplier: Supplier) -> ReviewCase | None:
    return session.scalars(
        select(ReviewCase)
        .where(ReviewCase.supplier_id == supplier.id, ReviewCase.status == "closed")
        .order_by(ReviewCase.closed_at.desc(), ReviewCase.id)
        .limit(1)
    ).first()


def case_state(case: ReviewCase) -> dict[str, Any]:
    return {
        "status": case.status,
        "priority": case.priority,
        "assignee": case.assignee,
        "due_at": case.due_at.isoformat(),
        "decision": case.decision,
        "reasons": [r["code"] for r in case.reasons],
        "previous_case_id": str(case.previous_case_id) if case.previous_case_id else None,
    }


def new_case_values(
    organisation: Organisation,
    *,
    supplier_id: uuid.UUID,
    assessment_id: uuid.UUID | None,
    reasons: list[dict[str, Any]],
    score: float,
    now: datetime,
    previous_case_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """The columns of a newly opened case (bulk imports insert them as they are)."""
    priority = case_priority({r["code"] for r in reasons}, score)
    return {
        "id": uuid.uuid4(),
        "organisation_id": organisation.id,
        "supplier_id": supplier_id,
        "assessment_id": assessment_id,
        "status": "open",
        "priority": priority,
        "priority_rank": PRIORITIES.index(priority),
        "reasons": reasons,
        "opened_at": now,
        "updated_at": now,
        "due_at": now + timedelta(days=int(organisation.case_due_days.get(priority, 14))),
        "previous_case_id": previous_case_id,
        "version": 1,
    }


def opened_state(values: dict[str, Any]) -> dict[str, Any]:
    """``case_state`` of a case opened from ``new_case_values``."""
    return {
        "status": values["status"],
        "priority": values["priority"],
        "assignee": None,
        "due_at": values["due_at"].isoformat(),
        "decision": None,
        "reasons": [r["code"] for r in values["reasons"]],
        "previous_case_id": str(values["previous_case_id"]) if values["previous_case_id"] else None,
    }


def _audits_since(session: Session, supplier: Supplier, moment: datetime | None) -> int:
    if moment is None:
        return 0
    return (
        session.scalar(
            select(func.count())
            .select_from(Audit)
            .where(Audit.supplier_id == supplier.id, Audit.created_at > moment)
        )
        or 0
    )


def open_or_update_case(
    session: Session, supplier: Supplier, assessment: Assessment, actor: str
) -> ReviewCase | None:
    """Keep the supplier's case in step with a new assessment.

    An open case takes the new assessment's reasons (the previous ones stay in the case's
    history) and its priority only ever rises. With no open case, a flagged supplier gets
    one unless its last decision still holds (``api.cases.holding``); a new case links the
    decision it reopens and says what changed. Returns the open case, if any.
    """
    organisation = session.get_one(Organisation, supplier.organisation_id)
    reasons = list(assessment.flag_reasons)
    case = open_case(session, supplier)
    now = utcnow()
    if case is not None:
        _refresh(session, organisation, case, assessment, reasons, actor, now)
        return case
    if not assessment.flagged:
        return None
    decided = last_closed_case(session, supplier)
    changes: list[str] = []
    if decided is not None and decided.decision is not None:
        changes = what_changed(
            decided,
            codes={r["code"] for r in reasons},
            score=assessment.score,
            band=assessment.band,
            audits_since=_audits_since(session, supplier, decided.closed_at),
            now=now,
        )
        if not changes:
            return None
    values = new_case_values(
        organisation,
        supplier_id=supplier.id,
        assessment_id=assessment.id,
        reasons=reasons,
        score=assessment.score,
        now=now,
        previous_case_id=decided.id if decided is not None else None,
    )
    case = ReviewCase(**values)
    session.add(case)
    session.flush()
    opened = opened_state(values)
    if changes:
        opened["reopened_because"] = changes
    events = [PendingEvent("case", str(case.id), "case.opened", None, opened)]
    status = put_under_review(supplier, case.id, now=now)
    if status is not None:
        events.append(status)
    append_events(session, supplier.organisation_id, actor, [plain_event(e) for e in events])
    return case


def _refresh(
    session: Session,
    organisation: Organisation,
    case: ReviewCase,
    assessment: Assessment,
    reasons: list[dict[str, Any]],
    actor: str,
    now: datetime,
) -> None:
    before = case_state(case)
    previous_reasons = case.reasons
    case.assessment_id = assessment.id
    case.reasons = reasons
    priority = case_priority({r["code"] for r in reasons}, assessment.score)
    if PRIORITIES.index(priority) < case.priority_rank:
        case.priority, case.priority_rank = priority, PRIORITIES.index(priority)
        case.due_at = min(
            case.due_at, now + timedelta(days=int(organisation.case_due_days.get(priority, 14)))
        )
    if previous_reasons == reasons and case_state(case) == before:
        session.flush()
        return
    session.flush()
    record_event(
        session,
        organisation_id=case.organisation_id,
        entity_type="case",
        entity_id=case.id,
        action="case.reasons_refreshed",
        actor=actor,
        before={**before, "reason_details": previous_reasons},
        after={
            **case_state(case),
            "reason_details": reasons,
            "assessment_id": str(assessment.id),
            "flagged": assessment.flagged,
        },
    )
