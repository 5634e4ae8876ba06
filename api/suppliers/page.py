"""What a supplier's page shows: its details and due-diligence status, its score over time,
its assessments, audits, and the decisions reviewers took on it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.cases.schemas import AuditBrief
from api.cases.views import audit_briefs
from models import Assessment, ReviewCase, Supplier

# The plot and table show the most recent assessments; older ones stay in the API's history.
HISTORY_SHOWN: Final = 200


@dataclass(frozen=True)
class SupplierPage:
    supplier: Supplier
    merged_into: Supplier | None
    assessments: list[Assessment]  # oldest first
    audits: list[AuditBrief]
    cases: list[ReviewCase]  # newest first; the decided ones carry the decisions
    open_case: ReviewCase | None

    @property
    def decisions(self) -> list[ReviewCase]:
        return [c for c in self.cases if c.decision is not None]


def supplier_page(session: Session, supplier: Supplier) -> SupplierPage:
    newest = list(
        session.scalars(
            select(Assessment)
            .where(Assessment.supplier_id == supplier.id)
            .order_by(Assessment.created_at.desc(), Assessment.id.desc())
            .limit(HISTORY_SHOWN)
        )
    )
    cases = list(
        session.scalars(
            select(ReviewCase)
            .where(ReviewCase.supplier_id == supplier.id)
            .order_by(ReviewCase.opened_at.desc(), ReviewCase.id)
        )
    )
    merged_into = (
        session.get(Supplier, supplier.merged_into_id) if supplier.merged_into_id else None
    )
    return SupplierPage(
        supplier=supplier,
        merged_into=merged_into,
        assessments=newest[::-1],
        audits=audit_briefs(session, supplier.id),
        cases=cases,
        open_case=next((c for c in cases if c.status != "closed"), None),
    )
