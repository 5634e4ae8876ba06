"""Assessing stored suppliers: history kept, the registry's latest score updated, cases opened."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.loading import peer_reports, supplier_audits
from api.assessments.recording import record_assessment
from api.clock import today
from api.engine_inputs.supplier import stored_profile
from api.engine_inputs.upstream import upstream_exposure
from api.errors import ProblemError
from api.lists.hits import screen_stored
from api.lists.index import current_index
from models import Assessment, Organisation, Supplier
from risk_data.types import RiskData
from screening.assessment import Assessment as EngineAssessment
from screening.scoring import assess
from screening.serialise import assessment_to_dict
from screening.upstream import UpstreamExposure


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
    exposures: Mapping[str, UpstreamExposure] | None = None,
) -> tuple[Assessment, bool]:
    """Score a stored supplier with its audits; returns the assessment and whether it is new.

    Its upstream chain (the supply links above it) is read too: the strongest risk there is
    part of its assessment (``exposures``: every supplier's, from one organisation-wide pass,
    instead of reading this supplier's chain). The same inputs, data, methodology and date give the same digest: then the latest
    assessment stands and nothing is written; so it does when new inputs lead to exactly the
    same result (``same_result``). Otherwise ``record_assessment`` writes it and
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
        upstream=(
            upstream_exposure(session, supplier, data)
            if exposures is None
            else exposures.get(str(supplier.id))
        ),
        list_hits=screen_stored(session, supplier, current_index(session)),
    )
    latest = latest_assessment(session, supplier.id)
    if latest is not None and (
        latest.input_digest == result.input_digest or same_result(latest.result, result)
    ):
        return latest, False
    return record_assessment(session, supplier, result, previous=latest, actor=actor), True


# What may differ between two assessments that say the same thing.
_NOT_THE_RESULT = frozenset({"input_digest", "as_of"})


def same_result(stored: dict[str, Any], result: EngineAssessment) -> bool:
    """Whether ``result`` says exactly what the stored assessment says (score, band, flags,
    factors, indicators, evidence references), so recording it would only repeat it: an
    upload of evidence that changes nothing the engine concludes makes no new assessment."""
    body = assessment_to_dict(result)
    keys = (stored.keys() | body.keys()) - _NOT_THE_RESULT
    return all(stored.get(k) == body.get(k) for k in keys)


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
