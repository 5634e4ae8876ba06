"""Assessing stored suppliers: history kept, the registry's latest score updated, cases opened."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.loading import peer_reports, supplier_audits
from api.cases.opening import open_or_update_case
from api.clock import today
from api.engine_inputs.supplier import stored_profile
from api.errors import ProblemError
from api.events.service import record_event
from models import Assessment, Organisation, Supplier
from models.base import utcnow
from risk_data.types import RiskData
from screening.scoring import assess
from screening.serialise import assessment_to_dict


def latest_assessment(session: Session, supplier_id: uuid.UUID) -> Assessment | None:
    return session.scalars(
        select(Assessment)
        .where(Assessment.supplier_id == supplier_id)
        .order_by(Assessment.created_at.desc(), Assessment.id.desc())
        .limit(1)
    ).first()


def assess_supplier(
    session: Session,
    supplier: Supplier,
    data: RiskData,
    *,
    actor: str,
    as_of: date | None = None,
) -> tuple[Assessment, bool]:
    """Score a stored supplier with its audits; returns the assessment and whether it is new.

    The same inputs, data, methodology and date give the same digest: then the latest
    assessment stands and nothing is written. A flagged result opens or updates the
    supplier's review case. The caller commits.
    """
    organisation = session.get_one(Organisation, supplier.organisation_id)
    result = assess(
        stored_profile(supplier),
        supplier_audits(session, supplier.id),
        data,
        as_of=as_of or today(),
        threshold=organisation.score_threshold,
        peer_reports=peer_reports(session, supplier),
    )
    latest = latest_assessment(session, supplier.id)
    if latest is not None and latest.input_digest == result.input_digest:
        return latest, False
    body = assessment_to_dict(result)
    row = Assessment(
        organisation_id=supplier.organisation_id,
        supplier_id=supplier.id,
        score=result.score,
        band=result.band,
        flagged=result.flagged,
        flag_reasons=body["flag_reasons"],
        coverage=result.coverage,
        score_low=result.score_low,
        score_high=result.score_high,
        methodology_version=result.methodology_version,
        risk_data_version=result.risk_data_version,
        input_digest=result.input_digest,
        result=body,
        created_by=actor,
    )
    session.add(row)
    supplier.score, supplier.band, supplier.flagged = result.score, result.band, result.flagged
    supplier.assessed_at = utcnow()
    session.flush()
    record_event(
        session,
        organisation_id=supplier.organisation_id,
        entity_type="supplier",
        entity_id=supplier.id,
        action="assessment.created",
        actor=actor,
        before={"score": latest.score, "band": latest.band, "flagged": latest.flagged}
        if latest
        else None,
        after={
            "assessment_id": str(row.id),
            "score": row.score,
            "band": row.band,
            "flagged": row.flagged,
            "reasons": [r["code"] for r in row.flag_reasons],
            "risk_data_version": row.risk_data_version,
        },
    )
    if result.flagged:
        open_or_update_case(session, supplier, row, actor)
    return row, True


def get_supplier(session: Session, organisation_id: uuid.UUID, supplier_id: uuid.UUID) -> Supplier:
    supplier = session.get(Supplier, supplier_id)
    if supplier is None or supplier.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No supplier {supplier_id}.")
    return supplier


def assessment_history(
    session: Session, supplier_id: uuid.UUID, limit: int = 100
) -> list[Assessment]:
    return list(
        session.scalars(
            select(Assessment)
            .where(Assessment.supplier_id == supplier_id)
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
            .limit(limit)
        )
    )
