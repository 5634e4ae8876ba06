"""A supplier's due-diligence status, kept on the supplier as decisions and cases change it.

    (none) --case opens--> under_review --decision--> clear | remediation | suspended | terminated
    clear | remediation --new case (something material changed)--> under_review
    suspended | terminated --new case--> stays, until a new decision

A suspension or termination is a decision to stop buying: new information reopens the
question (a case) but does not lift the block by itself.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, Final, Literal

from api.events.append import PendingEvent
from models import ReviewCase, Supplier

DueDiligence = Literal["clear", "under_review", "remediation", "suspended", "terminated"]

DECISION_STATUS: Final[dict[str, DueDiligence]] = {
    "cleared": "clear",
    "remediation_required": "remediation",
    "suspend": "suspended",
    "terminate": "terminated",
}
BLOCKING: Final = frozenset({"suspended", "terminated"})
# A clearance is a statement about what was known; social audits are commissioned yearly
# (SMETA, amfori BSCI cycles), so by default it holds for a year unless the reviewer sets
# another date. docs/methodology.md "Decisions that hold".
CLEARANCE_VALIDITY: Final = timedelta(days=365)
STATUS_COLUMNS: Final = ("dd_status", "dd_since", "dd_by", "dd_valid_until", "dd_case_id")


def status_values(
    status: DueDiligence,
    *,
    since: datetime,
    case_id: uuid.UUID | None,
    by: str | None = None,
    valid_until: datetime | None = None,
) -> dict[str, Any]:
    return {
        "dd_status": status,
        "dd_since": since,
        "dd_by": by,
        "dd_valid_until": valid_until,
        "dd_case_id": case_id,
    }


def under_review(current: str | None) -> bool:
    """Whether a newly opened case puts the supplier under review (a block stays a block)."""
    return current not in BLOCKING


def status_event(
    supplier_id: uuid.UUID, before: dict[str, Any] | None, after: dict[str, Any]
) -> PendingEvent:
    def plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
        if values is None or values.get("dd_status") is None:
            return None
        return {
            "status": values["dd_status"],
            "since": values["dd_since"].isoformat() if values["dd_since"] else None,
            "by": values["dd_by"],
            "valid_until": values["dd_valid_until"].isoformat()
            if values["dd_valid_until"]
            else None,
            "case_id": str(values["dd_case_id"]) if values["dd_case_id"] else None,
        }

    return PendingEvent(
        "supplier", str(supplier_id), "supplier.status_changed", plain(before), plain(after)
    )


def set_status(supplier: Supplier, values: dict[str, Any]) -> PendingEvent | None:
    """Give the supplier the status ``values`` (``status_values``); the status event, or
    None when nothing changed."""
    before = {column: getattr(supplier, column) for column in STATUS_COLUMNS}
    if before == values:
        return None
    for column, value in values.items():
        setattr(supplier, column, value)
    return status_event(supplier.id, before, values)


def apply_decision(case: ReviewCase, supplier: Supplier, *, now: datetime) -> PendingEvent | None:
    """A case just closed with ``case.decision``: the supplier takes the decision's status,
    and the case keeps what was decided on (``api.cases.holding``). Returns the status event
    when the status changed."""
    case.decided_score, case.decided_band = supplier.score, supplier.band
    if case.valid_until is None and case.decision == "cleared":
        case.valid_until = now + CLEARANCE_VALIDITY
    return set_status(
        supplier,
        status_values(
            DECISION_STATUS[str(case.decision)],
            since=now,
            case_id=case.id,
            by=case.decided_by,
            valid_until=case.valid_until,
        ),
    )


def put_under_review(
    supplier: Supplier, case_id: uuid.UUID, *, now: datetime
) -> PendingEvent | None:
    """A case opened (or reopened) for the supplier: under review, unless a suspension or
    termination stands. Returns the status event when the status changed."""
    if not under_review(supplier.dd_status):
        return None
    return set_status(supplier, status_values("under_review", since=now, case_id=case_id))
