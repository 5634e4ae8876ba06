"""Pairs the matcher found: a person confirms (merges) or rejects a proposal, and any merge,
automatic ones included, can be reverted. The merged record keeps its row, its
external_ref and its history; it only gains ``status = merged`` and ``merged_into_id``."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier
from api.errors import ProblemError
from api.events.service import record_event
from api.pagination import decode_typed, encode_cursor, keyset_after
from api.suppliers.state import supplier_state
from models import Supplier, SupplierDuplicate
from models.base import utcnow
from risk_data.types import RiskData


def get_duplicate(
    session: Session, organisation_id: uuid.UUID, duplicate_id: uuid.UUID
) -> SupplierDuplicate:
    pair = session.get(SupplierDuplicate, duplicate_id)
    if pair is None or pair.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No duplicate pair {duplicate_id}.")
    return pair


def list_duplicates(
    session: Session,
    organisation_id: uuid.UUID,
    status: str | None,
    supplier_id: uuid.UUID | None,
    *,
    limit: int,
    cursor: str | None,
) -> tuple[list[SupplierDuplicate], str | None]:
    query = select(SupplierDuplicate).where(SupplierDuplicate.organisation_id == organisation_id)
    if status:
        query = query.where(SupplierDuplicate.status == status)
    if supplier_id:
        query = query.where(
            or_(
                SupplierDuplicate.supplier_id == supplier_id,
                SupplierDuplicate.duplicate_id == supplier_id,
            )
        )
    if cursor:
        created, last_id = decode_typed(cursor, datetime.fromisoformat, uuid.UUID)
        query = query.where(
            keyset_after([(SupplierDuplicate.created_at, created), (SupplierDuplicate.id, last_id)])
        )
    rows = list(
        session.scalars(
            query.order_by(SupplierDuplicate.created_at, SupplierDuplicate.id).limit(limit + 1)
        )
    )
    page = rows[:limit]
    next_cursor = (
        encode_cursor(page[-1].created_at.isoformat(), str(page[-1].id))
        if len(rows) > limit
        else None
    )
    return page, next_cursor


def pair_suppliers(session: Session, pairs: list[SupplierDuplicate]) -> dict[uuid.UUID, Supplier]:
    ids = {p.supplier_id for p in pairs} | {p.duplicate_id for p in pairs}
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(Supplier).where(Supplier.id.in_(ids)))}


def _pair_state(pair: SupplierDuplicate) -> dict[str, Any]:
    return {
        "pair_id": str(pair.id),
        "status": pair.status,
        "supplier_id": str(pair.supplier_id),
        "duplicate_id": str(pair.duplicate_id),
        "score": pair.score,
    }


def _require_status(pair: SupplierDuplicate, *allowed: str) -> None:
    if pair.status not in allowed:
        raise ProblemError(
            "conflict",
            f"The pair is {pair.status}; this needs it to be {' or '.join(allowed)}.",
            pair_status=pair.status,
        )


def confirm_duplicate(
    session: Session, organisation_id: uuid.UUID, duplicate_id: uuid.UUID, actor: str
) -> SupplierDuplicate:
    """Merge the proposed duplicate into the supplier that stays."""
    pair = get_duplicate(session, organisation_id, duplicate_id)
    _require_status(pair, "proposed")
    survivor = session.get_one(Supplier, pair.supplier_id)
    duplicate = session.get_one(Supplier, pair.duplicate_id)
    if survivor.status != "active" or duplicate.status != "active":
        raise ProblemError(
            "conflict",
            "Both suppliers must be active to merge them "
            f"(they are {survivor.status} and {duplicate.status}).",
        )
    before = supplier_state(duplicate)
    pair_before = _pair_state(pair)
    duplicate.status, duplicate.merged_into_id = "merged", survivor.id
    pair.status, pair.decided_by, pair.decided_at = "merged", actor, utcnow()
    # Records merged into the duplicate earlier follow it to the survivor.
    session.execute(
        update(Supplier)
        .where(Supplier.organisation_id == organisation_id, Supplier.merged_into_id == duplicate.id)
        .values(merged_into_id=survivor.id)
    )
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=duplicate.id,
        action="supplier.merged",
        actor=actor,
        before={**before, "pair": pair_before},
        after={**supplier_state(duplicate), "pair": _pair_state(pair)},
    )
    session.commit()
    return pair


def reject_duplicate(
    session: Session, organisation_id: uuid.UUID, duplicate_id: uuid.UUID, actor: str
) -> SupplierDuplicate:
    """Two different suppliers after all: the proposal is closed and not made again."""
    pair = get_duplicate(session, organisation_id, duplicate_id)
    _require_status(pair, "proposed")
    before = _pair_state(pair)
    pair.status, pair.decided_by, pair.decided_at = "rejected", actor, utcnow()
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=pair.duplicate_id,
        action="supplier.duplicate_rejected",
        actor=actor,
        before={"pair": before},
        after={"pair": _pair_state(pair)},
    )
    session.commit()
    return pair


def revert_merge(
    session: Session,
    organisation_id: uuid.UUID,
    duplicate_id: uuid.UUID,
    data: RiskData,
    actor: str,
) -> SupplierDuplicate:
    """Undo a merge (automatic or confirmed): the duplicate is active again and is scored."""
    pair = get_duplicate(session, organisation_id, duplicate_id)
    _require_status(pair, "merged")
    duplicate = session.get_one(Supplier, pair.duplicate_id)
    if duplicate.status != "merged":
        raise ProblemError(
            "conflict", f"Supplier {duplicate.id} is {duplicate.status}, not merged."
        )
    before = supplier_state(duplicate)
    pair_before = _pair_state(pair)
    duplicate.status, duplicate.merged_into_id = "active", None
    pair.status, pair.decided_by, pair.decided_at = "reverted", actor, utcnow()
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="supplier",
        entity_id=duplicate.id,
        action="supplier.merge_reverted",
        actor=actor,
        before={**before, "pair": pair_before},
        after={**supplier_state(duplicate), "pair": _pair_state(pair)},
    )
    assess_supplier(session, duplicate, data, actor=actor)
    session.commit()
    return pair
