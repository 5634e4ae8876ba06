"""Assessing stored suppliers: history kept, the registry's latest score updated, cases opened."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.loading import peer_reports, supplier_audits
from api.assessments.recording import record_assessment
from api.clock import today
from api.engine_inputs.supplier import stored_profile
from api.errors import ProblemError
from models import Assessment, Organisation, Supplier
from risk_data.types import RiskData
from screening.scoring import assess


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
    assessment stands and nothing is written. Otherwise ``record_assessment`` writes it and
    keeps the supplier's review case in step. The caller commits.
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
    return record_assessment(session, supplier, result, previous=latest, actor=actor), True


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
