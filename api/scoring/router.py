"""``/v1/score``: score supplier payloads without storing anything."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.auth.roles import Scope
from api.deps import Principal, ScoreThresholdDep, SessionDep, require
from api.errors import ProblemError
from api.scoring import service
from api.scoring.convert import InputError
from api.scoring.in_force import InForceDep
from api.scoring.registry import named_supplier
from api.scoring.schemas import BatchRequest, BatchResponse, ScoreRequest, ScoreResponse

router = APIRouter(prefix="/v1/score", tags=["scoring"])
Scorer = Annotated[Principal, Depends(require(Scope.score))]


@router.post("", responses={422: {"description": "Invalid payload or unknown value"}})
def score(
    body: ScoreRequest,
    in_force: InForceDep,
    threshold: ScoreThresholdDep,
    session: SessionDep,
    principal: Scorer,
) -> ScoreResponse:
    """Score one supplier (with optional audits and evidence). Nothing is stored.

    When the payload names a registry supplier (``supplier_id`` or ``external_ref``), its
    due diligence is answered too, and ``buying`` is the stricter of the two answers."""
    registry = named_supplier(session, principal.organisation_id, body.supplier)
    try:
        return service.score_one(
            body,
            in_force.data,
            threshold,
            salt=str(principal.organisation_id),
            lists=in_force.lists,
            registry=registry,
        )
    except InputError as exc:
        raise ProblemError(
            "unknown-value",
            str(exc.error),
            pointer=exc.pointer,
            field=exc.error.field,
            value=exc.error.value,
            suggestions=list(exc.error.suggestions),
        ) from exc


@router.post("/batch")
def score_batch(
    body: BatchRequest,
    in_force: InForceDep,
    threshold: ScoreThresholdDep,
    principal: Scorer,
) -> BatchResponse:
    """Score up to 1,000 payloads; an item with an unknown value fails alone. Items with a
    name are screened against the lists in force."""
    return service.score_batch(
        body,
        in_force.data,
        threshold,
        salt=str(principal.organisation_id),
        lists=in_force.lists,
    )
