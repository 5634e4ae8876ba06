"""Scoring requests and responses: one payload, or a batch of up to 1,000."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.audits.schemas import AuditIn
from api.due_diligence.schemas import BuyingAnswerOut, DueDiligenceOut
from api.lists.schemas import ListHitOut
from api.numbers import Share, WorkerCount
from screening.assessment import Assessment, Band, FlagReason

MAX_BATCH = 1000


class SupplierIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=300)
    supplier_id: uuid.UUID | None = Field(
        default=None, description="A registry supplier's id: its due diligence is answered too."
    )
    external_ref: str | None = Field(
        default=None,
        max_length=120,
        description="Your id for the supplier; a registry supplier with it is answered too.",
    )
    country: str = Field(min_length=1, max_length=100, description="ISO2, ISO3 or a country name.")
    region: str | None = Field(default=None, max_length=200)
    sector: str | None = Field(
        default=None,
        max_length=100,
        description="A sector code, name or synonym (see /v1/risk-data/sectors).",
    )
    products: list[str] = Field(default_factory=list, max_length=100)
    worker_count: WorkerCount | None = None
    migrant_share: Share | None = None
    recruitment_agencies: list[str] = Field(default_factory=list, max_length=100)


class ScoreRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    supplier: SupplierIn
    audits: list[AuditIn] = Field(default_factory=list, max_length=50)
    as_of: date | None = Field(
        default=None,
        description="Score as of this date (default today, UTC); give it to replay an assessment.",
    )


class Resolved(BaseModel):
    """How one input value was read against the risk data."""

    input: str
    value: str | None  # None: not a known value (a product that is not an ILAB good)
    confidence: float
    matched: str


class FindingResolution(BaseModel):
    audit: int
    finding: int
    indicator: str | None
    mapped_by: str
    confidence: float
    matched: str


class Resolution(BaseModel):
    country: Resolved
    sector: Resolved | None
    products: list[Resolved]
    findings: list[FindingResolution]
    subdivision: Resolved | None = Field(
        default=None, description="The region's ISO 3166-2 subdivision, where it names one."
    )


class RegistrySupplier(BaseModel):
    supplier_id: uuid.UUID
    name: str
    due_diligence: DueDiligenceOut


class ScoreResponse(BaseModel):
    assessment: Assessment
    resolution: Resolution
    registry: RegistrySupplier | None = Field(
        default=None, description="The registry supplier the payload names, if any."
    )
    buying: BuyingAnswerOut = Field(
        description="approve < review < block: the registry supplier's decision and this "
        "payload's score, the stricter of the two."
    )
    list_hits: list[ListHitOut] = Field(
        default_factory=list,
        description="Parties on the screening lists in force that the payload's name matches.",
    )


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Each item is validated on its own (``api.scoring.service.score_batch``), so one item
    # missing a field fails alone, with its pointer, and the others are scored.
    items: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=MAX_BATCH,
        json_schema_extra={"items": {"$ref": "#/components/schemas/ScoreRequest"}},
    )
    detail: Literal["summary", "full"] = Field(
        default="summary", description="summary: score, band, flags; full: the whole assessment."
    )


class ItemError(BaseModel):
    type: str
    detail: str
    pointer: str
    suggestions: list[str] = Field(default_factory=list)
    errors: list[dict[str, str]] = Field(
        default_factory=list, description="Every invalid field of the item, with its pointer."
    )


class BatchItemSummary(BaseModel):
    score: float
    band: Band
    flagged: bool
    flag_reasons: list[FlagReason]
    score_low: float
    score_high: float
    coverage: float
    input_digest: str


class BatchItem(BaseModel):
    index: int
    ok: bool
    external_ref: str | None = None
    summary: BatchItemSummary | None = None
    assessment: Assessment | None = None
    resolution: Resolution | None = None
    error: ItemError | None = None


class BatchResponse(BaseModel):
    methodology_version: str
    risk_data_version: str
    scored: int
    failed: int
    items: list[BatchItem]
