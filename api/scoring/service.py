"""Scoring payloads without storing them (procurement's pre-onboarding check)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from api.clock import today
from api.errors import PROBLEM_TYPES, json_pointer
from api.lists.hits import screen_name
from api.scoring.convert import InputError, resolve_request
from api.scoring.registry import score_response
from api.scoring.schemas import (
    BatchItem,
    BatchItemSummary,
    BatchRequest,
    BatchResponse,
    ItemError,
    ScoreRequest,
    ScoreResponse,
)
from models import Supplier
from risk_data.types import RiskData
from screening.lists import ListIndex
from screening.scoring import METHODOLOGY_VERSION, assess


def score_one(
    request: ScoreRequest,
    data: RiskData,
    threshold: float,
    *,
    salt: str,
    lists: ListIndex,
    registry: Supplier | None = None,
) -> ScoreResponse:
    """Raises ``InputError`` for a value the risk data does not know. ``salt`` (the
    organisation) hashes account numbers as the registry does; a payload with a name is
    screened against the lists in force."""
    profile, audits, resolution = resolve_request(request, data, account_salt=salt)
    hits = screen_name(lists, request.supplier.name, profile.country)
    assessment = assess(
        profile,
        audits,
        data,
        as_of=request.as_of or today(),
        threshold=threshold,
        list_hits=hits,
    )
    return score_response(assessment, resolution, registry, hits)


def _invalid_item(index: int, raw: dict[str, Any], exc: ValidationError) -> BatchItem:
    errors = []
    for err in exc.errors():
        _, pointer = json_pointer(("body", "items", index, *err.get("loc", ())))
        errors.append({"pointer": pointer, "message": err.get("msg", ""), "type": err["type"]})
    supplier = raw.get("supplier")
    ref = supplier.get("external_ref") if isinstance(supplier, dict) else None
    return BatchItem(
        index=index,
        ok=False,
        external_ref=ref if isinstance(ref, str) else None,
        error=ItemError(
            type=PROBLEM_TYPES["validation-error"].uri,
            detail=f"{len(errors)} invalid field(s): "
            + "; ".join(f"{e['pointer']}: {e['message']}" for e in errors),
            pointer=errors[0]["pointer"] if errors else f"/items/{index}",
            errors=errors,
        ),
    )


def score_batch(
    batch: BatchRequest, data: RiskData, threshold: float, *, salt: str, lists: ListIndex
) -> BatchResponse:
    items: list[BatchItem] = []
    as_of = today()
    for index, raw in enumerate(batch.items):
        try:
            request = ScoreRequest.model_validate(raw)
        except ValidationError as exc:
            items.append(_invalid_item(index, raw, exc))
            continue
        ref = request.supplier.external_ref
        try:
            profile, audits, resolution = resolve_request(
                request, data, account_salt=salt, pointer=f"/items/{index}"
            )
        except InputError as exc:
            items.append(
                BatchItem(
                    index=index,
                    ok=False,
                    external_ref=ref,
                    error=ItemError(
                        type=PROBLEM_TYPES["unknown-value"].uri,
                        detail=str(exc.error),
                        pointer=exc.pointer,
                        suggestions=list(exc.error.suggestions),
                    ),
                )
            )
            continue
        assessment = assess(
            profile,
            audits,
            data,
            as_of=request.as_of or as_of,
            threshold=threshold,
            list_hits=screen_name(lists, request.supplier.name, profile.country),
        )
        if batch.detail == "full":
            items.append(
                BatchItem(
                    index=index,
                    ok=True,
                    external_ref=ref,
                    assessment=assessment,
                    resolution=resolution,
                )
            )
        else:
            items.append(
                BatchItem(
                    index=index,
                    ok=True,
                    external_ref=ref,
                    summary=BatchItemSummary(
                        score=assessment.score,
                        band=assessment.band,
                        flagged=assessment.flagged,
                        flag_reasons=list(assessment.flag_reasons),
                        score_low=assessment.score_low,
                        score_high=assessment.score_high,
                        coverage=assessment.coverage,
                        input_digest=assessment.input_digest,
                    ),
                )
            )
    failed = sum(1 for item in items if not item.ok)
    return BatchResponse(
        methodology_version=METHODOLOGY_VERSION,
        risk_data_version=data.version,
        scored=len(items) - failed,
        failed=failed,
        items=items,
    )
