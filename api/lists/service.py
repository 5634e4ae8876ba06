"""Reading the lists and reviewing hits; the review owns its transaction."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier
from api.errors import ProblemError
from api.events.service import record_event
from api.lists.schemas import HitReview
from models import ScreeningListEntity, ScreeningListVersion, Supplier, SupplierListHit
from models.base import utcnow
from risk_data.types import RiskData
from screening.matching import fold_text


def list_versions(session: Session) -> list[ScreeningListVersion]:
    return list(
        session.scalars(
            select(ScreeningListVersion).order_by(
                ScreeningListVersion.in_force.desc(),
                ScreeningListVersion.dataset,
                ScreeningListVersion.loaded_at.desc(),
            )
        )
    )


def get_version(session: Session, version_id: uuid.UUID) -> ScreeningListVersion:
    version = session.get(ScreeningListVersion, version_id)
    if version is None:
        raise ProblemError("not-found", f"No screening list version {version_id}.")
    return version


def search_entities(
    session: Session, version: ScreeningListVersion, q: str | None, limit: int, offset: int
) -> tuple[list[ScreeningListEntity], bool]:
    """Parties of a version whose name or an alias contains ``q`` (accents and case folded),
    in entity-id order; and whether there are more."""
    rows = session.scalars(
        select(ScreeningListEntity)
        .where(ScreeningListEntity.version_id == version.id)
        .order_by(ScreeningListEntity.entity_id)
    )
    wanted = fold_text(q) if q and q.strip() else ""
    found = [
        row
        for row in rows
        if not wanted or any(wanted in fold_text(n) for n in (row.name, *(row.aliases or ())))
    ]
    return found[offset : offset + limit], len(found) > offset + limit


def supplier_hits(session: Session, supplier_id: uuid.UUID) -> list[SupplierListHit]:
    return list(
        session.scalars(
            select(SupplierListHit)
            .where(SupplierListHit.supplier_id == supplier_id)
            .order_by(SupplierListHit.score.desc(), SupplierListHit.dataset, SupplierListHit.id)
        )
    )


def get_hit(session: Session, organisation_id: uuid.UUID, hit_id: uuid.UUID) -> SupplierListHit:
    hit = session.get(SupplierListHit, hit_id)
    if hit is None or hit.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No list hit {hit_id}.")
    return hit


def review_hit(
    session: Session,
    organisation_id: uuid.UUID,
    hit_id: uuid.UUID,
    review: HitReview,
    data: RiskData,
    *,
    actor: str,
) -> SupplierListHit:
    """Confirm a hit or reject it as a false positive; the supplier is assessed again (a
    rejected hit no longer scores or flags). Commits."""
    hit = get_hit(session, organisation_id, hit_id)
    if hit.status == "lapsed":
        raise ProblemError(
            "conflict", "No list in force names this party any more; there is nothing to review."
        )
    before = {"status": hit.status, "comment": hit.comment}
    hit.status = review.status
    hit.comment = review.comment
    hit.reviewed_by = actor
    hit.reviewed_at = utcnow()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=hit.supplier_id,
        action="list_hit.reviewed",
        actor=actor,
        before=before,
        after={
            "hit_id": str(hit.id),
            "dataset": hit.dataset,
            "entity_id": hit.entity_id,
            "entity_name": hit.entity_name,
            "list_version": hit.list_version,
            "status": hit.status,
            "comment": hit.comment,
        },
    )
    session.flush()
    assess_supplier(session, session.get_one(Supplier, hit.supplier_id), data, actor=actor)
    session.commit()
    return hit
