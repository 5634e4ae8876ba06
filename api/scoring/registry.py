"""A score payload that names a registry supplier: its due diligence answers procurement too.

A decision a reviewer took on the supplier (suspended, terminated, a clearance) is what
procurement must see before buying, whatever this payload scores; the stricter of the two
answers stands (``api.due_diligence.answer.stricter``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.due_diligence.answer import BuyingAnswer, buying_answer, stricter
from api.due_diligence.schemas import BuyingAnswerOut, due_diligence_of
from api.lists.schemas import list_hit_out
from api.scoring.schemas import RegistrySupplier, Resolution, ScoreResponse, SupplierIn
from models import Supplier
from models.base import utcnow
from screening.assessment import Assessment
from screening.list_hit import ListHit


def named_supplier(
    session: Session, organisation_id: uuid.UUID, payload: SupplierIn
) -> Supplier | None:
    """The organisation's supplier the payload names by id or external ref (merged ones
    answer as the supplier they were merged into)."""
    query = select(Supplier).where(Supplier.organisation_id == organisation_id)
    if payload.supplier_id is not None:
        query = query.where(Supplier.id == payload.supplier_id)
    elif payload.external_ref:
        query = query.where(Supplier.external_ref == payload.external_ref.strip())
    else:
        return None
    supplier = session.scalars(query.limit(1)).first()
    if supplier is not None and supplier.merged_into_id is not None:
        supplier = session.get(Supplier, supplier.merged_into_id)
    return supplier


def score_response(
    assessment: Assessment,
    resolution: Resolution,
    supplier: Supplier | None,
    hits: Sequence[ListHit] = (),
) -> ScoreResponse:
    """The response with its buying answer: this payload's score, and the named registry
    supplier's due diligence when there is one."""
    now = utcnow()
    registry = None
    answer = buying_answer(
        dd_status=None,
        dd_since=None,
        dd_by=None,
        dd_valid_until=None,
        score=assessment.score,
        flagged=assessment.flagged,
        now=now,
    )
    if supplier is not None:
        due = due_diligence_of(supplier, now)
        registry = RegistrySupplier(supplier_id=supplier.id, name=supplier.name, due_diligence=due)
        answer = stricter(answer, BuyingAnswer(due.buying.outcome, tuple(due.buying.reasons)))
    return ScoreResponse(
        assessment=assessment,
        resolution=resolution,
        registry=registry,
        buying=BuyingAnswerOut(outcome=answer.outcome, reasons=list(answer.reasons)),
        list_hits=[list_hit_out(h) for h in hits],
    )
