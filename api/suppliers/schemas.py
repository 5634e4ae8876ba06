"""Supplier registry requests and responses."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.due_diligence.schemas import DueDiligenceOut, due_diligence_of
from api.numbers import Share, Tier, WorkerCount
from models import Supplier
from risk_data.subdivisions import resolve_subdivision
from screening.assessment import Assessment, Band

MAX_PAGE = 500
SupplierStatus = Literal["active", "archived", "merged"]
DuplicateStatus = Literal["proposed", "merged", "rejected", "reverted"]


class _SupplierFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    external_ref: str | None = Field(
        default=None, max_length=120, description="Your own id; unique in your organisation."
    )
    registration_number: str | None = Field(default=None, max_length=120)
    region: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=2000)
    sector: str | None = Field(
        default=None, max_length=100, description="A sector code, name or synonym."
    )
    products: list[str] = Field(default_factory=list, max_length=100)
    tier: Tier | None = Field(default=None, description="1 = direct supplier.")
    parent_id: uuid.UUID | None = None
    worker_count: WorkerCount | None = None
    migrant_share: Share | None = None
    recruitment_agencies: list[str] = Field(default_factory=list, max_length=50)


class SupplierCreate(_SupplierFields):
    name: str = Field(min_length=1, max_length=300)
    country: str = Field(
        min_length=1, max_length=100, description="ISO 3166-1 alpha-2 or alpha-3, or a name."
    )


class SupplierUpdate(_SupplierFields):
    """Only the fields sent change; ``null`` clears an optional field."""

    name: str | None = Field(default=None, min_length=1, max_length=300)
    country: str | None = Field(default=None, min_length=1, max_length=100)
    products: list[str] | None = Field(default=None, max_length=100)  # type: ignore[assignment]
    recruitment_agencies: list[str] | None = Field(default=None, max_length=50)  # type: ignore[assignment]
    status: Literal["active", "archived"] | None = Field(
        default=None, description="Archive or restore; merging goes through /duplicates."
    )


class SupplierOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    normalised_name: str
    external_ref: str | None
    registration_number: str | None
    country: str
    region: str | None
    subdivision: str | None = Field(
        default=None, description="ISO 3166-2 code of the region, where it names one."
    )
    city: str | None
    address: str | None
    sector: str | None
    products: list[str]
    tier: int | None
    parent_id: uuid.UUID | None
    worker_count: int | None
    migrant_share: float | None
    recruitment_agencies: list[str]
    status: SupplierStatus
    merged_into_id: uuid.UUID | None
    score: float | None
    band: Band | None
    flagged: bool | None
    assessed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    due_diligence: DueDiligenceOut

    @model_validator(mode="before")
    @classmethod
    def _with_due_diligence(cls, value: Any) -> Any:
        if isinstance(value, Supplier):
            fields = {f: getattr(value, f) for f in cls.model_fields if hasattr(value, f)}
            subdivision = resolve_subdivision(value.region, value.country)
            return {
                **fields,
                "due_diligence": due_diligence_of(value),
                "subdivision": subdivision.code if subdivision else None,
            }
        return value


class SupplierHit(SupplierOut):
    """A supplier found by ``q``, with how closely its name matched (0..1)."""

    relevance: float | None = None


class SupplierPage(BaseModel):
    items: list[SupplierHit]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class AssessmentOut(BaseModel):
    id: uuid.UUID
    supplier_id: uuid.UUID
    created_at: datetime
    created_by: str
    score: float
    band: Band
    flagged: bool
    methodology_version: str
    risk_data_version: str
    input_digest: str
    assessment: Assessment = Field(description="The engine's explained result.")


class AssessmentPage(BaseModel):
    items: list[AssessmentOut]
    next_cursor: str | None


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=300)
    country: str | None = Field(default=None, max_length=100)
    city: str | None = Field(default=None, max_length=200)
    registration_number: str | None = Field(default=None, max_length=120)
    limit: int = Field(default=5, ge=1, le=50)


class MatchFeatureOut(BaseModel):
    name: str
    outcome: str
    contribution: float
    detail: str
    query: str | None
    candidate: str | None


class MatchCandidate(BaseModel):
    supplier_id: uuid.UUID
    name: str
    external_ref: str | None
    country: str
    city: str | None
    status: SupplierStatus
    score: float
    decision: Literal["auto_merge", "propose", "new"]
    features: list[MatchFeatureOut]
    due_diligence: DueDiligenceOut


class MatchResponse(BaseModel):
    algorithm: str
    auto_merge_threshold: float
    propose_threshold: float
    query: dict[str, Any]
    candidates: list[MatchCandidate]


class DuplicateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    supplier_id: uuid.UUID = Field(description="The supplier that stays (the survivor).")
    duplicate_id: uuid.UUID = Field(description="The record merged into it, or proposed to be.")
    score: float
    status: DuplicateStatus
    explanation: list[dict[str, Any]]
    decided_by: str | None
    decided_at: datetime | None
    created_at: datetime


class DuplicateDetail(DuplicateOut):
    supplier: SupplierOut
    duplicate: SupplierOut


class DuplicatePage(BaseModel):
    items: list[DuplicateDetail]
    next_cursor: str | None
