"""A supplier's assessments as the API shows them: the latest, and the history by page."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.pagination import decode_typed, encode_cursor, keyset_after
from api.suppliers.schemas import AssessmentOut
from models import Assessment
from screening.assessment import Assessment as EngineAssessment


def assessment_out(row: Assessment) -> AssessmentOut:
    return AssessmentOut(
        id=row.id,
        supplier_id=row.supplier_id,
        created_at=row.created_at,
        created_by=row.created_by,
        score=row.score,
        band=row.band,
        flagged=row.flagged,
        methodology_version=row.methodology_version,
        risk_data_version=row.risk_data_version,
        input_digest=row.input_digest,
        assessment=row.result,  # validated into the engine's dataclass
    )


def history_page(
    session: Session, supplier_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[Assessment], str | None]:
    """Newest first."""
    query = select(Assessment).where(Assessment.supplier_id == supplier_id)
    if cursor:
        created, last_id = decode_typed(cursor, datetime.fromisoformat, uuid.UUID)
        query = query.where(
            keyset_after(
                [(Assessment.created_at, created), (Assessment.id, last_id)], descending=True
            )
        )
    rows = list(
        session.scalars(
            query.order_by(Assessment.created_at.desc(), Assessment.id.desc()).limit(limit + 1)
        )
    )
    page = rows[:limit]
    next_cursor = (
        encode_cursor(page[-1].created_at.isoformat(), str(page[-1].id))
        if len(rows) > limit
        else None
    )
    return page, next_cursor


__all__ = ["EngineAssessment", "assessment_out", "history_page"]
