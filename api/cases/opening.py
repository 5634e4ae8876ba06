"""Opening review cases when an assessment flags a supplier (one open case per supplier)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.service import record_event
from models import Assessment, Organisation, ReviewCase, Supplier
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
    {"audit_unreliable", "high_risk_country_unverified", "ilab_forced_labour_good_unaudited"}
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


def clearance_holds(cleared: ReviewCase | None, codes: set[str], priority: str) -> bool:
    """A clearance stands for the reasons it cleared: a re-assessment that raises only those
    reasons, at no higher priority, opens no new case (a re-score would otherwise reopen every
    cleared supplier). A new reason, or a worse priority, is new information and opens one."""
    if cleared is None or cleared.decision != "cleared":
        return False
    cleared_codes = {str(r.get("code")) for r in cleared.reasons}
    return codes <= cleared_codes and PRIORITIES.index(priority) >= cleared.priority_rank


def case_state(case: ReviewCase) -> dict[str, Any]:
    return {
        "status": case.status,
        "priority": case.priority,
        "assignee": case.assignee,
        "due_at": case.due_at.isoformat(),
        "decision": case.decision,
        "reasons": [r["code"] for r in case.reasons],
    }


def open_or_update_case(
    session: Session, supplier: Supplier, assessment: Assessment, actor: str
) -> ReviewCase | None:
    """Open a case for a newly flagged supplier, or add the new reasons to its open case.

    Priority only ever rises while a case is open; the due date follows the priority. Returns
    None when the supplier's last case cleared these very reasons (``clearance_holds``).
    """
    organisation = session.get_one(Organisation, supplier.organisation_id)
    reasons = list(assessment.flag_reasons)
    codes = {r["code"] for r in reasons}
    priority = case_priority(codes, assessment.score)
    case = open_case(session, supplier)
    now = utcnow()
    if case is None and clearance_holds(last_closed_case(session, supplier), codes, priority):
        return None
    if case is None:
        case = ReviewCase(
            organisation_id=supplier.organisation_id,
            supplier_id=supplier.id,
            assessment_id=assessment.id,
            status="open",
            priority=priority,
            priority_rank=PRIORITIES.index(priority),
            reasons=reasons,
            opened_at=now,
            due_at=now + timedelta(days=int(organisation.case_due_days.get(priority, 14))),
        )
        session.add(case)
        session.flush()
        record_event(
            session,
            organisation_id=supplier.organisation_id,
            entity_type="case",
            entity_id=case.id,
            action="case.opened",
            actor=actor,
            after=case_state(case),
        )
        return case
    before = case_state(case)
    known = {r["code"] for r in case.reasons}
    added = [r for r in reasons if r["code"] not in known]
    case.assessment_id = assessment.id
    if added:
        case.reasons = [*case.reasons, *added]
    if PRIORITIES.index(priority) < case.priority_rank:
        case.priority, case.priority_rank = priority, PRIORITIES.index(priority)
        case.due_at = min(
            case.due_at, now + timedelta(days=int(organisation.case_due_days.get(priority, 14)))
        )
    if case_state(case) != before:
        session.flush()
        record_event(
            session,
            organisation_id=supplier.organisation_id,
            entity_type="case",
            entity_id=case.id,
            action="case.flag_added",
            actor=actor,
            before=before,
            after=case_state(case),
        )
    return case
