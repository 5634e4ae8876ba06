"""Recording an assessment: its row, the supplier's latest score, its event and its case.

One place for what every door writes when the engine has scored a stored supplier: a single
assessment (``assess_supplier``: create, audit upload, rescore, a supplier's update in an
import) and the bulk path for suppliers an import has just created, which writes the same
rows and events set-wise (``BulkRecorder``) because a new supplier has no case or history
to consult.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.cases.opening import new_case_values, open_or_update_case, opened_state
from api.due_diligence.status import status_event, status_values
from api.events.append import PendingEvent, append_events
from api.supply_chain.service import queue_buyers_if_changed, upstream_signature
from models import Assessment, Organisation, Supplier
from models.base import utcnow
from screening.assessment import Assessment as EngineAssessment
from screening.serialise import assessment_to_dict


def assessment_values(
    organisation_id: uuid.UUID,
    supplier_id: uuid.UUID,
    result: EngineAssessment,
    body: dict[str, Any],
    actor: str,
    now: datetime,
) -> dict[str, Any]:
    """The assessment row's columns; ``body`` is ``assessment_to_dict(result)`` (shared by
    rows with the same result in bulk; nothing mutates it)."""
    return {
        "id": uuid.uuid4(),
        "organisation_id": organisation_id,
        "supplier_id": supplier_id,
        "score": result.score,
        "band": result.band,
        "flagged": result.flagged,
        "flag_reasons": body["flag_reasons"],
        "coverage": result.coverage,
        "score_low": result.score_low,
        "score_high": result.score_high,
        "methodology_version": result.methodology_version,
        "risk_data_version": result.risk_data_version,
        "input_digest": result.input_digest,
        "result": body,
        "created_by": actor,
        "created_at": now,
    }


def supplier_summary(result: EngineAssessment, now: datetime) -> dict[str, Any]:
    """The latest score kept on the supplier row, for lists and filters."""
    return {
        "score": result.score,
        "band": result.band,
        "flagged": result.flagged,
        "assessed_at": now,
    }


def assessment_event(row: dict[str, Any], previous: Assessment | None) -> PendingEvent:
    before = (
        {"score": previous.score, "band": previous.band, "flagged": previous.flagged}
        if previous is not None
        else None
    )
    return PendingEvent(
        "supplier",
        str(row["supplier_id"]),
        "assessment.created",
        before,
        {
            "assessment_id": str(row["id"]),
            "score": row["score"],
            "band": row["band"],
            "flagged": row["flagged"],
            "reasons": [r["code"] for r in row["flag_reasons"]],
            "risk_data_version": row["risk_data_version"],
        },
    )


def record_assessment(
    session: Session,
    supplier: Supplier,
    result: EngineAssessment,
    *,
    previous: Assessment | None,
    actor: str,
) -> Assessment:
    """Write a new assessment of a stored supplier with its event, and keep its case in step
    (``open_or_update_case``). The caller commits."""
    now = utcnow()
    values = assessment_values(
        supplier.organisation_id, supplier.id, result, assessment_to_dict(result), actor, now
    )
    row = Assessment(**values)
    session.add(row)
    for column, value in supplier_summary(result, now).items():
        setattr(supplier, column, value)
    session.flush()
    append_events(session, supplier.organisation_id, actor, [assessment_event(values, previous)])
    open_or_update_case(session, supplier, row, actor)
    queue_buyers_if_changed(
        session,
        supplier,
        upstream_signature(previous.flag_reasons, previous.result) if previous else (),
        upstream_signature(row.flag_reasons, row.result),
        actor=actor,
    )
    return row


@dataclass
class NewSupplierRecord:
    """What recording a just-created supplier's first assessment writes: merge
    ``supplier_columns`` into its row before inserting it, then insert the rest."""

    supplier_columns: dict[str, Any]
    assessment: dict[str, Any]
    case: dict[str, Any] | None
    events: list[PendingEvent]


def record_new_supplier(
    organisation: Organisation,
    supplier_id: uuid.UUID,
    result: EngineAssessment,
    body: dict[str, Any],
    actor: str,
    now: datetime,
) -> NewSupplierRecord:
    """``record_assessment`` for a supplier created in this transaction, as plain rows: with
    no case or decision before, a flagged result always opens a case and puts the supplier
    under review."""
    values = assessment_values(organisation.id, supplier_id, result, body, actor, now)
    columns = supplier_summary(result, now)
    events = [assessment_event(values, None)]
    case = None
    if result.flagged:
        case = new_case_values(
            organisation,
            supplier_id=supplier_id,
            assessment_id=values["id"],
            reasons=list(body["flag_reasons"]),
            score=result.score,
            now=now,
        )
        events.append(
            PendingEvent("case", str(case["id"]), "case.opened", None, opened_state(case))
        )
        status = status_values("under_review", since=now, case_id=case["id"])
        columns.update(status)
        events.append(status_event(supplier_id, None, status))
    return NewSupplierRecord(columns, values, case, events)
