"""``/v1/suppliers``: the registry, fuzzy search, matching, duplicates and assessments."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from api.assessments.service import get_supplier, latest_assessment
from api.auth.roles import Scope
from api.deps import Principal, PrincipalDep, SessionDep, require
from api.errors import ProblemError
from api.reference_data.deps import RiskDataDep
from api.suppliers import duplicates, service
from api.suppliers.assessments import assessment_out, history_page
from api.suppliers.listing import SupplierFilters, list_suppliers
from api.suppliers.matching import match_supplier
from api.suppliers.schemas import (
    MAX_PAGE,
    AssessmentOut,
    AssessmentPage,
    DuplicateDetail,
    DuplicatePage,
    DuplicateStatus,
    MatchRequest,
    MatchResponse,
    SupplierCreate,
    SupplierHit,
    SupplierOut,
    SupplierPage,
    SupplierUpdate,
)
from models import SupplierDuplicate
from screening.assessment import Band

router = APIRouter(prefix="/v1/suppliers", tags=["suppliers"])
Reader = Annotated[Principal, Depends(require(Scope.suppliers_read))]
Writer = Annotated[Principal, Depends(require(Scope.suppliers_write))]
AssessmentReader = Annotated[Principal, Depends(require(Scope.assessments_read))]
Assessor = Annotated[Principal, Depends(require(Scope.assessments_write))]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Items per page, at most {MAX_PAGE}.")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]


def _matcher(principal: PrincipalDep) -> Principal:
    if principal.can(Scope.score) or principal.can(Scope.suppliers_read):
        return principal
    raise ProblemError(
        "forbidden",
        f"Role '{principal.role}' may not use this endpoint (needs score or suppliers:read).",
        required_scope="score|suppliers:read",
        role=str(principal.role),
    )


@router.get("")
def list_registry(
    session: SessionDep,
    data: RiskDataDep,
    principal: Reader,
    q: Annotated[str | None, Query(max_length=300, description="Fuzzy name search.")] = None,
    country: Annotated[str | None, Query(description="ISO2, ISO3 or a name.")] = None,
    sector: Annotated[str | None, Query(description="A sector code, name or synonym.")] = None,
    flagged: bool | None = None,
    band: Band | None = None,
    status: Annotated[
        Literal["active", "archived", "merged", "any"] | None,
        Query(description="Default `active`; `any` when `external_ref` is given."),
    ] = None,
    external_ref: Annotated[str | None, Query(max_length=120)] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> SupplierPage:
    """The registry, filtered; `q` ranks by name similarity (typos, word order, legal forms)."""
    chosen = status or ("any" if external_ref else "active")
    filters = SupplierFilters(
        q=q,
        country=country,
        sector=sector,
        flagged=flagged,
        band=band,
        status=None if chosen == "any" else chosen,
        external_ref=external_ref,
    )
    rows, next_cursor = list_suppliers(
        session, principal.organisation_id, filters, data, limit=limit, cursor=cursor
    )
    items = [
        SupplierHit.model_validate(s, from_attributes=True).model_copy(
            update={"relevance": relevance}
        )
        for s, relevance in rows
    ]
    return SupplierPage(items=items, next_cursor=next_cursor)


@router.post("", status_code=status.HTTP_201_CREATED)
def create(
    body: SupplierCreate,
    session: SessionDep,
    data: RiskDataDep,
    principal: Writer,
    response: Response,
) -> SupplierOut:
    """Add a supplier; it is scored at once."""
    supplier = service.create_supplier(
        session, principal.organisation_id, body, data, principal.actor.ref
    )
    response.headers["Location"] = f"/v1/suppliers/{supplier.id}"
    return SupplierOut.model_validate(supplier)


@router.post("/match")
def match(
    body: MatchRequest,
    session: SessionDep,
    data: RiskDataDep,
    principal: Annotated[Principal, Depends(_matcher)],
) -> MatchResponse:
    """Registry suppliers that may be this one, best first, with the features behind each score."""
    return match_supplier(session, principal.organisation_id, body, data)


def _details(session: SessionDep, pairs: list[SupplierDuplicate]) -> list[DuplicateDetail]:
    suppliers = duplicates.pair_suppliers(session, pairs)
    return [
        DuplicateDetail.model_validate(
            {
                **{k: getattr(p, k) for k in DuplicateDetail.model_fields if hasattr(p, k)},
                "supplier": SupplierOut.model_validate(suppliers[p.supplier_id]),
                "duplicate": SupplierOut.model_validate(suppliers[p.duplicate_id]),
            }
        )
        for p in pairs
    ]


@router.get("/duplicates")
def list_duplicate_pairs(
    session: SessionDep,
    principal: Reader,
    status: DuplicateStatus | None = None,
    supplier_id: uuid.UUID | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DuplicatePage:
    """Pairs the matcher found: `proposed` await a person; `merged` ones can be reverted."""
    pairs, next_cursor = duplicates.list_duplicates(
        session, principal.organisation_id, status, supplier_id, limit=limit, cursor=cursor
    )
    return DuplicatePage(items=_details(session, pairs), next_cursor=next_cursor)


@router.get("/duplicates/{pair_id}")
def get_duplicate_pair(
    pair_id: uuid.UUID, session: SessionDep, principal: Reader
) -> DuplicateDetail:
    pair = duplicates.get_duplicate(session, principal.organisation_id, pair_id)
    return _details(session, [pair])[0]


@router.post("/duplicates/{pair_id}/confirm")
def confirm_duplicate(
    pair_id: uuid.UUID, session: SessionDep, principal: Writer
) -> DuplicateDetail:
    """Merge: the duplicate gets `status: merged` and `merged_into_id`; its external_ref stays."""
    pair = duplicates.confirm_duplicate(
        session, principal.organisation_id, pair_id, principal.actor.ref
    )
    return _details(session, [pair])[0]


@router.post("/duplicates/{pair_id}/reject")
def reject_duplicate(pair_id: uuid.UUID, session: SessionDep, principal: Writer) -> DuplicateDetail:
    """Not the same supplier: the proposal is closed."""
    pair = duplicates.reject_duplicate(
        session, principal.organisation_id, pair_id, principal.actor.ref
    )
    return _details(session, [pair])[0]


@router.post("/duplicates/{pair_id}/revert")
def revert_merge(
    pair_id: uuid.UUID, session: SessionDep, data: RiskDataDep, principal: Writer
) -> DuplicateDetail:
    """Undo a merge (automatic or confirmed); the record is active again and is scored."""
    pair = duplicates.revert_merge(
        session, principal.organisation_id, pair_id, data, principal.actor.ref
    )
    return _details(session, [pair])[0]


@router.get("/{supplier_id}")
def read(supplier_id: uuid.UUID, session: SessionDep, principal: Reader) -> SupplierOut:
    return SupplierOut.model_validate(get_supplier(session, principal.organisation_id, supplier_id))


@router.patch("/{supplier_id}")
def change(
    supplier_id: uuid.UUID,
    body: SupplierUpdate,
    session: SessionDep,
    data: RiskDataDep,
    principal: Writer,
) -> SupplierOut:
    """Change the fields sent; the supplier is re-scored if its inputs changed."""
    supplier = service.update_supplier(
        session, principal.organisation_id, supplier_id, body, data, principal.actor.ref
    )
    return SupplierOut.model_validate(supplier)


@router.delete("/{supplier_id}", status_code=status.HTTP_204_NO_CONTENT)
def archive(supplier_id: uuid.UUID, session: SessionDep, principal: Writer) -> Response:
    """Archive (suppliers are never deleted: their history and cases stay)."""
    service.archive_supplier(session, principal.organisation_id, supplier_id, principal.actor.ref)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{supplier_id}/assess")
def assess(
    supplier_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    principal: Assessor,
    response: Response,
) -> AssessmentOut:
    """Re-score now: 201 with a new assessment if anything changed, else 200 with the latest."""
    row, is_new = service.rescore(
        session, principal.organisation_id, supplier_id, data, principal.actor.ref
    )
    response.status_code = status.HTTP_201_CREATED if is_new else status.HTTP_200_OK
    return assessment_out(row)


@router.get("/{supplier_id}/assessment")
def latest(
    supplier_id: uuid.UUID, session: SessionDep, principal: AssessmentReader
) -> AssessmentOut:
    supplier = get_supplier(session, principal.organisation_id, supplier_id)
    row = latest_assessment(session, supplier.id)
    if row is None:
        raise ProblemError("not-found", f"Supplier {supplier_id} has not been assessed yet.")
    return assessment_out(row)


@router.get("/{supplier_id}/assessments")
def history(
    supplier_id: uuid.UUID,
    session: SessionDep,
    principal: AssessmentReader,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> AssessmentPage:
    """Every assessment of the supplier, newest first."""
    supplier = get_supplier(session, principal.organisation_id, supplier_id)
    rows, next_cursor = history_page(session, supplier.id, limit=limit, cursor=cursor)
    return AssessmentPage(items=[assessment_out(r) for r in rows], next_cursor=next_cursor)
