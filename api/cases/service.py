"""Changing cases: every change is checked against the workflow, guarded by the case's version,
recorded as an event with its actor, before and after, and committed here."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api.cases import workflow
from api.cases.opening import case_state
from api.cases.plan import open_plan
from api.cases.schemas import AssignIn, CommentIn, ConfirmIn, DecisionIn, ReopenIn, StatusIn
from api.cases.views import get_case, reason_codes
from api.clock import today
from api.deps import Principal
from api.due_diligence.status import apply_decision, put_under_review
from api.errors import ProblemError, invalid_field
from api.events.append import PendingEvent, append_events, plain_event
from api.events.service import record_event
from models import CaseComment, Organisation, ReviewCase, Supplier
from models.base import utcnow
from models.integrity import is_unique_violation


def parse_if_match(if_match: str | None) -> int | None:
    """``If-Match: "3"`` (or ``W/"3"`` or ``3``) to 3; anything else is a bad request."""
    if if_match is None:
        return None
    tag = if_match.strip().removeprefix("W/").strip('"')
    if not tag.isdigit():
        raise ProblemError(
            "bad-request", f'If-Match must be a case version such as "3", not {if_match!r}.'
        )
    return int(tag)


def expected_version(body_version: int | None, if_match: str | None) -> int:
    header_version = parse_if_match(if_match)
    if body_version is not None and header_version is not None and body_version != header_version:
        raise ProblemError(
            "bad-request", "The body's `version` and the If-Match header disagree; send one."
        )
    version = body_version if body_version is not None else header_version
    if version is None:
        raise ProblemError(
            "validation-error",
            "Send the case's `version` (from GET /v1/cases/{id}) in the body or as If-Match, "
            "so a concurrent change is not overwritten.",
            errors=[
                {
                    "location": "body",
                    "pointer": "/version",
                    "message": "Field required (or If-Match)",
                    "type": "missing",
                }
            ],
        )
    return version


def _conflict(case: ReviewCase, detail: str, **extensions: Any) -> ProblemError:
    return ProblemError(
        "conflict", detail, case_id=str(case.id), case_status=case.status, **extensions
    )


def _stale(case_id: uuid.UUID) -> ProblemError:
    return ProblemError(
        "conflict",
        "The case was changed by someone else since you read it; read it again and retry.",
        case_id=str(case_id),
        code="stale_version",
    )


def _case_for_change(
    session: Session, principal: Principal, case_id: uuid.UUID, version: int
) -> ReviewCase:
    case = get_case(session, principal.organisation_id, case_id)
    if case.version != version:
        raise ProblemError(
            "conflict",
            f"The case is at version {case.version}, not {version}: it changed since you read "
            "it. Read it again and retry.",
            case_id=str(case.id),
            code="stale_version",
            current_version=case.version,
        )
    return case


def state(case: ReviewCase) -> dict[str, Any]:
    return {
        **case_state(case),
        "decision_rationale": case.decision_rationale,
        "decided_by": case.decided_by,
        "pending_decision": case.pending_decision,
        "version": case.version,
    }


def _save(
    session: Session,
    case: ReviewCase,
    *,
    action: str,
    actor: str,
    before: dict[str, Any] | None,
    note: dict[str, Any] | None = None,
    also: list[PendingEvent] | PendingEvent | None = None,
) -> None:
    """Write the case (UPDATE ... WHERE version = the one read), its event, and commit.

    A concurrent writer that committed first makes the UPDATE match no row (StaleDataError),
    or takes the event chain's next sequence number (IntegrityError): either way this request
    changes nothing and answers 409.
    """
    case_id = case.id
    try:
        session.flush()
        record_event(
            session,
            organisation_id=case.organisation_id,
            entity_type="case",
            entity_id=case_id,
            action=action,
            actor=actor,
            before=before,
            after={**state(case), **(note or {})},
        )
        extra = [also] if isinstance(also, PendingEvent) else also or []
        if extra:
            append_events(session, case.organisation_id, actor, [plain_event(e) for e in extra])
        session.commit()
    except StaleDataError:
        session.rollback()
        raise _stale(case_id) from None
    except IntegrityError as exc:
        session.rollback()
        if not is_unique_violation(exc):
            raise
        raise _stale(case_id) from None


def _due(session: Session, case: ReviewCase) -> None:
    organisation = session.get_one(Organisation, case.organisation_id)
    days = int(organisation.case_due_days.get(case.priority, 14))
    case.due_at = utcnow() + timedelta(days=days)


def assign(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    body: AssignIn,
    if_match: str | None,
) -> ReviewCase:
    case = _case_for_change(session, principal, case_id, expected_version(body.version, if_match))
    if case.status == "closed":
        raise _conflict(case, "A closed case cannot be assigned; reopen it first.")
    assignee = body.assignee.strip() if body.assignee else None
    if assignee == case.assignee:
        return case
    before = state(case)
    case.assignee = assignee
    _save(session, case, action="case.assigned", actor=principal.actor.ref, before=before)
    return case


def change_status(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    body: StatusIn,
    if_match: str | None,
) -> ReviewCase:
    case = _case_for_change(session, principal, case_id, expected_version(body.version, if_match))
    allowed = workflow.STATUS_TRANSITIONS.get(case.status, frozenset())
    if body.status not in allowed:
        raise _conflict(
            case,
            f"A case cannot go from {case.status} to {body.status}.",
            code="invalid_transition",
            allowed=sorted(allowed),
        )
    before = state(case)
    case.status = body.status
    _save(
        session,
        case,
        action="case.escalated" if body.status == "escalated" else "case.review_started",
        actor=principal.actor.ref,
        before=before,
        note={"note": body.note} if body.note else None,
    )
    return case


def _close(
    session: Session,
    case: ReviewCase,
    decision: str,
    rationale: str,
    decided_by: str,
    valid_until: datetime | None,
    remediation_due_on: date | None = None,
) -> list[PendingEvent]:
    """Close with a decision; the supplier takes the decision's due-diligence status, and
    ``remediation_required`` opens a corrective action plan (the returned events record
    both, written with the case's own)."""
    now = utcnow()
    case.status = "closed"
    case.decision = decision
    case.decision_rationale = rationale
    case.decided_by = decided_by
    case.pending_decision = None
    case.closed_at = now
    case.valid_until = valid_until
    supplier = session.get_one(Supplier, case.supplier_id)
    events = []
    status = apply_decision(case, supplier, now=now)
    if status is not None:
        events.append(status)
    if decision == "remediation_required":
        events += open_plan(session, case, due_on=remediation_due_on, today=today())
    return events


def _validity(day: date | None) -> datetime | None:
    """The end of ``day`` (UTC) until which a decision holds; never in the past."""
    if day is None:
        return None
    if day <= today():
        raise invalid_field(
            "/valid_until",
            f"valid_until {day.isoformat()} is not in the future.",
            "a decision's validity must end after today",
        )
    return datetime.combine(day, time.max, tzinfo=UTC)


def decide(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    body: DecisionIn,
    if_match: str | None,
) -> tuple[ReviewCase, bool]:
    """Close the case with a decision; returns the case and whether the decision took effect.

    Clearing a case with a critical reason only proposes the clearance: it waits in
    ``pending_decision`` for POST /decision/confirm by an admin or another auditor.
    """
    case = _case_for_change(session, principal, case_id, expected_version(body.version, if_match))
    if case.status not in workflow.DECIDABLE:
        raise _conflict(
            case,
            f"A {case.status} case cannot be decided; "
            + (
                "start the review first (status in_review)."
                if case.status == "open"
                else "reopen it first."
            ),
            code="invalid_transition",
        )
    valid_until = _validity(body.valid_until)
    before = state(case)
    if workflow.needs_second_confirmation(body.decision, reason_codes(case)):
        if principal.actor.kind != "person":
            raise ProblemError(
                "forbidden",
                "Clearing a case with a critical reason is proposed and confirmed by people: "
                "sign in to the web app, or use a key that belongs to you.",
            )
        case.pending_decision = {
            "decision": body.decision,
            "rationale": body.rationale,
            "proposed_by": principal.actor.ref,
            "proposed_by_role": str(principal.role),
            "proposed_at": utcnow().isoformat(),
            "valid_until": valid_until.isoformat() if valid_until else None,
        }
        _save(
            session,
            case,
            action="case.decision_proposed",
            actor=principal.actor.ref,
            before=before,
        )
        return case, False
    if body.remediation_due_on is not None and body.remediation_due_on <= today():
        raise invalid_field(
            "/remediation_due_on",
            f"remediation_due_on {body.remediation_due_on.isoformat()} is not in the future.",
            "corrective actions need a deadline after today",
        )
    status = _close(
        session,
        case,
        body.decision,
        body.rationale,
        principal.actor.ref,
        valid_until,
        body.remediation_due_on,
    )
    _save(
        session,
        case,
        action="case.decided",
        actor=principal.actor.ref,
        before=before,
        also=status,
    )
    return case, True


def confirm_decision(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    body: ConfirmIn,
    if_match: str | None,
) -> ReviewCase:
    case = _case_for_change(session, principal, case_id, expected_version(body.version, if_match))
    pending = case.pending_decision
    if not pending:
        raise _conflict(case, "No decision on this case awaits confirmation.")
    proposer = str(pending["proposed_by"])
    if not workflow.may_confirm(principal.role, principal.actor, proposer):
        raise ProblemError(
            "forbidden",
            f"The clearance must be confirmed by {workflow.CONFIRMATION_NEEDS}.",
            proposed_by=proposer,
        )
    before = state(case)
    valid_until = pending.get("valid_until")
    status = _close(
        session,
        case,
        pending["decision"],
        pending["rationale"],
        f"{proposer}+{principal.actor.ref}",
        datetime.fromisoformat(valid_until) if valid_until else None,
    )
    _save(
        session,
        case,
        action="case.decision_confirmed",
        actor=principal.actor.ref,
        before=before,
        note={"confirmed_by": principal.actor.ref, "note": body.note},
        also=status,
    )
    return case


def reject_decision(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    body: ConfirmIn,
    if_match: str | None,
) -> ReviewCase:
    """Turn down (or, by its proposer, withdraw) a clearance awaiting confirmation."""
    case = _case_for_change(session, principal, case_id, expected_version(body.version, if_match))
    if not case.pending_decision:
        raise _conflict(case, "No decision on this case awaits confirmation.")
    before = state(case)
    case.pending_decision = None
    _save(
        session,
        case,
        action="case.decision_rejected",
        actor=principal.actor.ref,
        before=before,
        note={"note": body.note},
    )
    return case


def reopen(
    session: Session,
    principal: Principal,
    case_id: uuid.UUID,
    body: ReopenIn,
    if_match: str | None,
) -> ReviewCase:
    case = _case_for_change(session, principal, case_id, expected_version(body.version, if_match))
    if case.status not in workflow.REOPENABLE:
        raise _conflict(
            case,
            f"Only a closed case can be reopened; this one is {case.status}.",
            code="invalid_transition",
        )
    other = session.scalars(
        select(ReviewCase.id).where(
            ReviewCase.supplier_id == case.supplier_id,
            ReviewCase.status != "closed",
            ReviewCase.id != case.id,
        )
    ).first()
    if other is not None:
        raise _conflict(
            case,
            "The supplier already has a case under review; add to that one instead.",
            open_case_id=str(other),
        )
    before = state(case)
    case.status = "in_review"
    case.decision = case.decision_rationale = case.decided_by = None
    case.pending_decision = None
    case.closed_at = None
    _due(session, case)
    supplier = session.get_one(Supplier, case.supplier_id)
    status = put_under_review(supplier, case.id, now=utcnow())
    _save(
        session,
        case,
        action="case.reopened",
        actor=principal.actor.ref,
        before=before,
        note={"reason": body.reason},
        also=status,
    )
    return case


def add_comment(
    session: Session, principal: Principal, case_id: uuid.UUID, body: CommentIn
) -> CaseComment:
    """Comments do not change the case, so they need no version; they are events all the same."""
    case = get_case(session, principal.organisation_id, case_id)
    comment = CaseComment(case_id=case.id, author=principal.actor.ref, body=body.body)
    session.add(comment)
    session.flush()
    record_event(
        session,
        organisation_id=case.organisation_id,
        entity_type="case",
        entity_id=case.id,
        action="case.comment_added",
        actor=principal.actor.ref,
        after={"comment_id": str(comment.id), "body": comment.body},
    )
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        if not is_unique_violation(exc):
            raise
        raise _stale(case.id) from None
    return comment
