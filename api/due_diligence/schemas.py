"""How procurement sees a supplier's due diligence, wherever it sees the supplier."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from api.due_diligence.answer import Outcome, buying_answer
from api.due_diligence.status import DueDiligence
from models import Supplier
from models.base import utcnow


class BuyingAnswerOut(BaseModel):
    outcome: Outcome = Field(description="approve < review < block: the one word to act on.")
    reasons: list[str]


class DueDiligenceOut(BaseModel):
    status: DueDiligence | None = Field(
        description="From reviewers' decisions; null while no case was ever opened."
    )
    since: datetime | None
    by: str | None = Field(description="Who decided (a person, or the key that did).")
    valid_until: datetime | None
    case_id: uuid.UUID | None
    buying: BuyingAnswerOut


def due_diligence_of(supplier: Supplier, now: datetime | None = None) -> DueDiligenceOut:
    answer = buying_answer(
        dd_status=supplier.dd_status,
        dd_since=supplier.dd_since,
        dd_by=supplier.dd_by,
        dd_valid_until=supplier.dd_valid_until,
        score=supplier.score,
        flagged=supplier.flagged,
        now=now or utcnow(),
    )
    return DueDiligenceOut(
        status=supplier.dd_status,
        since=supplier.dd_since,
        by=supplier.dd_by,
        valid_until=supplier.dd_valid_until,
        case_id=supplier.dd_case_id,
        buying=BuyingAnswerOut(outcome=answer.outcome, reasons=list(answer.reasons)),
    )
