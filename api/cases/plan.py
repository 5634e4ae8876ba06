"""Opening a corrective action plan when a case is decided ``remediation_required``: one action
per finding the supplier's audits report (open, medium or worse) and one per flag reason
no finding covers.

The default deadline is 90 days: SMETA and amfori BSCI corrective action plans give 30 to 90
days by severity, and the plan's actions can be given earlier dates one by one.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.append import PendingEvent
from models import Audit, CorrectiveAction, Finding, ReviewCase

DEFAULT_DEADLINE: Final = timedelta(days=90)
_SEVERE = ("medium", "high", "critical")


def open_plan(
    session: Session, case: ReviewCase, *, due_on: date | None, today: date
) -> list[PendingEvent]:
    """Create the case's actions (no commit); the events that record them."""
    deadline = due_on or today + DEFAULT_DEADLINE
    findings = session.scalars(
        select(Finding)
        .join(Audit, Audit.id == Finding.audit_id)
        .where(
            Audit.supplier_id == case.supplier_id,
            Finding.status == "open",
            Finding.severity.in_(_SEVERE),
        )
        .order_by(Audit.audited_on, Finding.id)
    ).all()
    actions = [
        CorrectiveAction(
            id=uuid.uuid4(),
            organisation_id=case.organisation_id,
            supplier_id=case.supplier_id,
            case_id=case.id,
            finding_id=f.id,
            reason_code=f.indicator,
            title=f"Remedy {f.severity} finding: {f.description or f.indicator or 'unmapped'}",
            due_on=deadline,
        )
        for f in findings
    ]
    covered = {f.indicator for f in findings}
    for reason in case.reasons:
        code = str(reason.get("code", ""))
        if code and code not in covered:
            actions.append(
                CorrectiveAction(
                    id=uuid.uuid4(),
                    organisation_id=case.organisation_id,
                    supplier_id=case.supplier_id,
                    case_id=case.id,
                    reason_code=code,
                    title=f"Address {code}: {reason.get('summary', '')}".rstrip(": "),
                    due_on=deadline,
                )
            )
    session.add_all(actions)
    return [
        PendingEvent(
            "case",
            str(case.id),
            "plan.opened",
            None,
            {
                "actions": [
                    {
                        "id": str(a.id),
                        "title": a.title,
                        "finding_id": str(a.finding_id) if a.finding_id else None,
                        "reason_code": a.reason_code,
                        "due_on": a.due_on.isoformat(),
                    }
                    for a in actions
                ]
            },
        )
    ]
