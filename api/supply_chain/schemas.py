"""Request and response bodies of the supply-chain endpoints."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Self

from pydantic import BaseModel, Field, model_validator

from models import LinkDocument, SupplyLink


class LinkIn(BaseModel):
    supplier_id: uuid.UUID = Field(description="The supplier that supplies the input.")
    buyer_id: uuid.UUID = Field(description="The supplier that receives it.")
    input: str = Field(
        min_length=1, max_length=200, description="The good supplied, in your words."
    )
    hs_code: str | None = Field(default=None, pattern=r"^\d{2}(?:[.\s]?\d{2}){0,4}$")
    share: float | None = Field(
        default=None, ge=0, le=1, description="Share of the buyer's input from this supplier, 0..1."
    )
    period_start: date | None = None
    period_end: date | None = None

    @model_validator(mode="after")
    def _period(self) -> Self:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        if self.supplier_id == self.buyer_id:
            raise ValueError("a supplier cannot supply itself")
        return self


class DocumentOut(BaseModel):
    id: uuid.UUID
    link_id: uuid.UUID
    doc_type: str
    number: str | None
    issued_on: date | None
    translated: bool
    language: str | None
    description: str | None
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: datetime

    @classmethod
    def of(cls, d: LinkDocument) -> DocumentOut:
        return cls(
            id=d.id,
            link_id=d.link_id,
            doc_type=d.doc_type,
            number=d.number,
            issued_on=d.issued_on,
            translated=d.translated,
            language=d.language,
            description=d.description,
            filename=d.filename,
            media_type=d.media_type,
            size=d.size,
            sha256=d.sha256,
            created_at=d.created_at,
        )


class LinkOut(BaseModel):
    id: uuid.UUID
    supplier_id: uuid.UUID
    buyer_id: uuid.UUID
    input: str
    input_good: str | None = Field(description="The ILAB good the input names, if any.")
    hs_code: str | None
    share: float | None
    period_start: date | None
    period_end: date | None
    created_at: datetime
    rescore_job_id: uuid.UUID | None = Field(
        default=None,
        description="The job re-scoring the buyers downstream of this change "
        "(`/v1/assessments/rescore/{id}`).",
    )

    @classmethod
    def of(cls, link: SupplyLink, job_id: uuid.UUID | None = None) -> LinkOut:
        return cls(
            id=link.id,
            supplier_id=link.supplier_id,
            buyer_id=link.buyer_id,
            input=link.input_text,
            input_good=link.input_good,
            hs_code=link.hs_code,
            share=link.share,
            period_start=link.period_start,
            period_end=link.period_end,
            created_at=link.created_at,
            rescore_job_id=job_id,
        )


class LinkList(BaseModel):
    items: list[LinkOut]


class ChainNode(BaseModel):
    id: uuid.UUID
    name: str
    country: str
    region: str | None
    city: str | None
    distance: int = Field(description="Links away from the supplier asked about.")
    score: float | None
    band: str | None
    flagged: bool | None


class ChainSideOut(BaseModel):
    suppliers: list[ChainNode]
    links: list[dict[str, Any]]
    truncated: bool = Field(description="More links lie beyond the depth asked for.")


class ChainOut(BaseModel):
    supplier_id: uuid.UUID
    depth: int
    upstream: ChainSideOut | None
    downstream: ChainSideOut | None
    upstream_risk: dict[str, Any] | None = Field(
        description="The latest assessment's upstream_risk factor, with the path."
    )
