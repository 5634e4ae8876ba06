"""``/v1/lists`` (the screening lists loaded, their parties) and the review of list hits."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from api.assessments.service import get_supplier
from api.auth.roles import Scope
from api.deps import Principal, SessionDep, require
from api.lists import service
from api.lists.schemas import (
    HitReview,
    ListEntityOut,
    ListVersionOut,
    StoredListHitOut,
    entity_out,
    stored_hit_out,
    version_out,
)
from api.reference_data.deps import RiskDataDep

router = APIRouter(tags=["screening lists"])
Everyone = Annotated[Principal, Depends(require(Scope.risk_data_read))]
Reader = Annotated[Principal, Depends(require(Scope.suppliers_read))]
Reviewer = Annotated[Principal, Depends(require(Scope.cases))]


class ListVersions(BaseModel):
    items: list[ListVersionOut]


class EntityPage(BaseModel):
    items: list[ListEntityOut]
    next_cursor: str | None


class HitList(BaseModel):
    items: list[StoredListHitOut]


@router.get("/v1/lists")
def lists(session: SessionDep, _: Everyone) -> ListVersions:
    """Every screening-list version loaded, those in force first, with source, date and
    checksum."""
    return ListVersions(items=[version_out(v) for v in service.list_versions(session)])


@router.get("/v1/lists/{version_id}/entities", responses={404: {"description": "No such list"}})
def list_entities(
    version_id: uuid.UUID,
    session: SessionDep,
    _: Everyone,
    q: Annotated[str | None, Query(max_length=300, description="Part of a name or alias.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, Query(pattern=r"^\d{1,9}$")] = None,
) -> EntityPage:
    """The listed parties of one version, filtered by ``q`` (accents and case folded)."""
    version = service.get_version(session, version_id)
    offset = int(cursor) if cursor else 0
    rows, more = service.search_entities(session, version, q, limit, offset)
    return EntityPage(
        items=[entity_out(r) for r in rows], next_cursor=str(offset + limit) if more else None
    )


@router.get(
    "/v1/suppliers/{supplier_id}/list-hits", responses={404: {"description": "No such supplier"}}
)
def supplier_list_hits(supplier_id: uuid.UUID, session: SessionDep, principal: Reader) -> HitList:
    """The supplier's matches on screening lists, with their review status and reasons."""
    supplier = get_supplier(session, principal.organisation_id, supplier_id)
    return HitList(items=[stored_hit_out(h) for h in service.supplier_hits(session, supplier.id)])


@router.post(
    "/v1/list-hits/{hit_id}/review",
    responses={404: {"description": "No such hit"}, 409: {"description": "Hit has lapsed"}},
)
def review_list_hit(
    hit_id: uuid.UUID,
    body: HitReview,
    session: SessionDep,
    data: RiskDataDep,
    principal: Reviewer,
) -> StoredListHitOut:
    """Mark a hit ``confirmed`` or ``false_positive`` with a comment. A false positive stays
    rejected for this supplier and this listed party until either changes; the supplier is
    assessed again."""
    hit = service.review_hit(
        session, principal.organisation_id, hit_id, body, data, actor=principal.actor.ref
    )
    return stored_hit_out(hit)
