"""Working a corrective action plan: owners and deadlines, evidence submitted, verification
by a second person, and overdue actions that put the supplier back in the queue.

Every change is an event (entity ``corrective_action``) and re-assesses the supplier, since
the findings an action remedies move to ``remediated`` (submitted) and ``verified``
(verified), which the score already uses.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from api.assessments.service import assess_supplier, latest_assessment
from api.cases.opening import new_case_values, open_case, opened_state
from api.cases.service import expected_version
from api.clock import today
from api.deps import Principal
from api.due_diligence.status import put_under_review, set_status, status_values
from api.errors import ProblemError, invalid_field
from api.events.append import PendingEvent, append_events, plain_event
from api.remediation.schemas import ActionChange, SubmitIn, VerifyIn
from models import Audit, CorrectiveAction, Finding, Organisation, ReviewCase, Supplier
from models.base import utcnow
from risk_data.types import RiskData

OVERDUE_REASON = "corrective_action_overdue"


def state(action: CorrectiveAction) -> dict[str, Any]:
    return {
        "status": action.status,
        "owner": action.owner,
        "due_on": action.due_on.isoformat(),
        "evidence": action.evidence,
        "submitted_by": action.submitted_by,
        "verified_by": action.verified_by,
        "finding_id": str(action.finding_id) if action.finding_id else None,
    }


def case_actions(
    session: Session, organisation_id: uuid.UUID, case_id: uuid.UUID
) -> list[CorrectiveAction]:
    return list(
        session.scalars(
            select(CorrectiveAction)
            .where(
                CorrectiveAction.organisation_id == organisation_id,
                CorrectiveAction.case_id == case_id,
            )
            .order_by(CorrectiveAction.due_on, CorrectiveAction.created_at, CorrectiveAction.id)
        )
    )


def get_action(
    session: Session, organisation_id: uuid.UUID, action_id: uuid.UUID
) -> CorrectiveAction:
    action = session.get(CorrectiveAction, action_id)
    if action is None or action.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No corrective action {action_id}.")
    return action


def _for_change(
    session: Session,
    principal: Principal,
    action_id: uuid.UUID,
    version: int | None,
    if_match: str | None,
) -> CorrectiveAction:
    action = get_action(session, principal.organisation_id, action_id)
    wanted = expected_version(version, if_match)
    if action.version != wanted:
        raise ProblemError(
            "conflict",
            f"The action is at version {action.version}, not {wanted}: it changed since you "
            "read it. Read it again and retry.",
            action_id=str(action.id),
            code="stale_version",
            current_version=action.version,
        )
    return action


def _conflict(action: CorrectiveAction, detail: str) -> ProblemError:
    return ProblemError("conflict", detail, action_id=str(action.id), action_status=action.status)


def _set_finding(session: Session, action: CorrectiveAction, status: str) -> None:
    if action.finding_id is not None:
        finding = session.get(Finding, action.finding_id)
        if finding is not None:
            finding.status = status


def _save(
    session: Session,
    action: CorrectiveAction,
    *,
    what: str,
    actor: str,
    before: dict[str, Any],
    data: RiskData | None,
    note: str = "",
    more: list[PendingEvent] | None = None,
) -> None:
    """Write the action, its event (and any others), re-assess the supplier, commit."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise ProblemError(
            "conflict", "The action changed while you were changing it; read it again."
        ) from None
    after = {**state(action), **({"note": note} if note else {})}
    events = [PendingEvent("corrective_action", str(action.id), what, before, after)]
    append_events(
        session, action.organisation_id, actor, [plain_event(e) for e in events + (more or [])]
    )
    if data is not None:
        supplier = session.get_one(Supplier, action.supplier_id)
        assess_supplier(session, supplier, data, actor=actor)
    session.commit()


def change(
    session: Session,
    principal: Principal,
    action_id: uuid.UUID,
    body: ActionChange,
    if_match: str | None,
) -> CorrectiveAction:
    action = _for_change(session, principal, action_id, body.version, if_match)
    if action.status == "verified":
        raise _conflict(action, "A verified action is done; it cannot be changed.")
    before = state(action)
    sent = body.model_fields_set
    if "owner" in sent:
        action.owner = body.owner.strip() if body.owner else None
    if "due_on" in sent and body.due_on is not None:
        if body.due_on <= today():
            raise invalid_field(
                "/due_on",
                f"due_on {body.due_on.isoformat()} is not in the future.",
                "a deadline must be after today",
            )
        action.due_on = body.due_on
        if action.status == "overdue":
            action.status = "submitted" if action.submitted_at else "open"
    if state(action) == before:
        return action
    _save(
        session, action, what="action.updated", actor=principal.actor.ref, before=before, data=None
    )
    return action


def submit(
    session: Session,
    principal: Principal,
    action_id: uuid.UUID,
    body: SubmitIn,
    if_match: str | None,
    data: RiskData,
) -> CorrectiveAction:
    action = _for_change(session, principal, action_id, body.version, if_match)
    if action.status not in ("open", "overdue"):
        raise _conflict(action, f"A {action.status} action cannot be submitted again.")
    if body.audit_id is not None:
        audit = session.get(Audit, body.audit_id)
        case = session.get_one(ReviewCase, action.case_id)
        if audit is None or audit.supplier_id != action.supplier_id:
            raise invalid_field(
                "/audit_id", "audit_id is not an audit of this supplier.", "unknown audit"
            )
        if case.closed_at is not None and audit.created_at < case.closed_at:
            raise invalid_field(
                "/audit_id",
                "A follow-up audit must be stored after the remediation decision.",
                "audit predates the decision",
            )
        evidence: dict[str, Any] = {
            "kind": "audit",
            "audit_id": str(audit.id),
            "audit_ref": audit.external_ref,
            "audited_on": audit.audited_on.isoformat(),
        }
    else:
        assert body.document is not None  # the schema requires one of the two
        evidence = {"kind": body.document.kind, **body.document.model_dump(exclude={"kind"})}
        evidence["sha256"] = evidence["sha256"].lower()
    before = state(action)
    action.status = "submitted"
    action.evidence = evidence
    action.submitted_by, action.submitted_at = principal.actor.ref, utcnow()
    _set_finding(session, action, "remediated")
    _save(
        session,
        action,
        what="action.submitted",
        actor=principal.actor.ref,
        before=before,
        data=data,
        note=body.note,
    )
    return action


def verify(
    session: Session,
    principal: Principal,
    action_id: uuid.UUID,
    body: VerifyIn,
    if_match: str | None,
    data: RiskData,
) -> CorrectiveAction:
    """A second person confirms the evidence; the last verified action completes the plan
    and clears the supplier."""
    action = _for_change(session, principal, action_id, body.version, if_match)
    if action.status != "submitted":
        raise _conflict(
            action, f"Only a submitted action can be verified; this one is {action.status}."
        )
    if action.submitted_by == principal.actor.ref:
        raise ProblemError(
            "forbidden",
            "The evidence must be verified by someone other than the person who submitted it.",
            submitted_by=action.submitted_by,
        )
    before = state(action)
    action.status = "verified"
    action.verified_by, action.verified_at = principal.actor.ref, utcnow()
    _set_finding(session, action, "verified")
    session.flush()
    more = _completion(session, action, principal.actor.ref)
    _save(
        session,
        action,
        what="action.verified",
        actor=principal.actor.ref,
        before=before,
        data=data,
        note=body.note,
        more=more,
    )
    return action


def _completion(session: Session, action: CorrectiveAction, verifier: str) -> list[PendingEvent]:
    """With every action of the plan verified, the supplier is clear (by the verifier)."""
    actions = case_actions(session, action.organisation_id, action.case_id)
    if any(a.status != "verified" for a in actions):
        return []
    supplier = session.get_one(Supplier, action.supplier_id)
    events = [
        PendingEvent("case", str(action.case_id), "plan.completed", None, {"actions": len(actions)})
    ]
    if supplier.dd_status == "remediation" and supplier.dd_case_id == action.case_id:
        cleared = status_values("clear", since=utcnow(), case_id=action.case_id, by=verifier)
        status = set_status(supplier, cleared)
        if status is not None:
            events.append(status)
    return events


def reject(
    session: Session,
    principal: Principal,
    action_id: uuid.UUID,
    body: VerifyIn,
    if_match: str | None,
    data: RiskData,
) -> CorrectiveAction:
    """The evidence does not show the fix: the action is open again."""
    action = _for_change(session, principal, action_id, body.version, if_match)
    if action.status != "submitted":
        raise _conflict(
            action, f"Only a submitted action can be rejected; this one is {action.status}."
        )
    before = state(action)
    action.status = "overdue" if action.due_on < today() else "open"
    action.submitted_by = action.submitted_at = None
    _set_finding(session, action, "open")
    _save(
        session,
        action,
        what="action.rejected",
        actor=principal.actor.ref,
        before=before,
        data=data,
        note=body.note,
    )
    return action


def mark_overdue(
    session: Session, *, on: date, actor: str, organisation_id: uuid.UUID | None = None
) -> int:
    """Actions past their deadline become overdue, and their supplier goes back to the
    queue: a new case (linking the plan's) unless one is open. Commits; returns how many
    actions became overdue."""
    query = select(CorrectiveAction).where(
        CorrectiveAction.status.in_(("open", "submitted")), CorrectiveAction.due_on < on
    )
    if organisation_id is not None:
        query = query.where(CorrectiveAction.organisation_id == organisation_id)
    late = list(session.scalars(query.order_by(CorrectiveAction.organisation_id)))
    by_case: dict[uuid.UUID, list[CorrectiveAction]] = {}
    for action in late:
        by_case.setdefault(action.case_id, []).append(action)
    for case_id, actions in by_case.items():
        first = actions[0]
        events = []
        for action in actions:
            before = state(action)
            action.status = "overdue"
            events.append(
                PendingEvent(
                    "corrective_action", str(action.id), "action.overdue", before, state(action)
                )
            )
        supplier = session.get_one(Supplier, first.supplier_id)
        events += _raise_again(session, supplier, case_id, actions)
        session.flush()
        append_events(session, first.organisation_id, actor, [plain_event(e) for e in events])
    session.commit()
    return len(late)


def _raise_again(
    session: Session, supplier: Supplier, plan_case_id: uuid.UUID, actions: list[CorrectiveAction]
) -> list[PendingEvent]:
    if open_case(session, supplier) is not None:
        return []
    organisation = session.get_one(Organisation, supplier.organisation_id)
    latest = latest_assessment(session, supplier.id)
    now = utcnow()
    reason = {
        "code": OVERDUE_REASON,
        "summary": f"{len(actions)} corrective action(s) past their deadline",
        "evidence": [f"corrective_action:{a.id}" for a in actions],
    }
    values = new_case_values(
        organisation,
        supplier_id=supplier.id,
        assessment_id=latest.id if latest is not None else None,
        reasons=[reason],
        score=supplier.score or 0.0,
        now=now,
        previous_case_id=plan_case_id,
    )
    case = ReviewCase(**values)
    session.add(case)
    session.flush()
    opened = {**opened_state(values), "reopened_because": [reason["summary"]]}
    events = [PendingEvent("case", str(case.id), "case.opened", None, opened)]
    status = put_under_review(supplier, case.id, now=now)
    if status is not None:
        events.append(status)
    return events
