"""Screening lists, their parties and hits as the API shows them."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.lists.hits import features_json
from api.lists.index import entity_of
from models import ScreeningListEntity, ScreeningListVersion, SupplierListHit
from screening.list_hit import ListHit

HitStatus = Literal["open", "confirmed", "false_positive", "lapsed"]


class ListHitOut(BaseModel):
    """A match of a supplier on a listed party, with the matcher's reasons."""

    dataset: str
    list_title: str
    list_version: str
    entity_id: str
    entity_name: str
    program: str
    start_date: date | None
    matched_name: str = Field(description="The listed name (or alias) that matched.")
    via: Literal["name", "alias", "subsidiary"]
    owner_name: str | None = Field(description="For a subsidiary: the listed parent.")
    score: float
    explanation: str
    features: list[dict[str, Any]]
    algorithm: str


class StoredListHitOut(ListHitOut):
    id: uuid.UUID
    supplier_id: uuid.UUID
    status: HitStatus = Field(
        description="open (not reviewed), confirmed, false_positive (not scored while the "
        "supplier and the listed party are unchanged), lapsed (no list in force names it)."
    )
    comment: str | None
    reviewed_by: str | None
    reviewed_at: datetime | None
    first_seen: datetime
    last_seen: datetime


class HitReview(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["confirmed", "false_positive"]
    comment: str = Field(min_length=1, max_length=4000)


class ListVersionOut(BaseModel):
    id: uuid.UUID
    dataset: str
    version: str
    title: str
    publisher: str
    format: str
    source: str
    published: date
    sha256: str
    entity_count: int
    in_force_count: int
    in_force: bool
    loaded_at: datetime
    loaded_by: str


class ListEntityOut(BaseModel):
    entity_id: str
    schema_: str = Field(alias="schema")
    name: str
    aliases: list[str]
    country: str | None
    program: str
    start_date: date | None
    in_force: bool
    owners: list[str]
    order: str
    sector: str
    notes: str
    source_url: str

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


def list_hit_out(hit: ListHit) -> ListHitOut:
    return ListHitOut(
        dataset=hit.dataset,
        list_title=hit.list_title,
        list_version=hit.list_version,
        entity_id=hit.entity_id,
        entity_name=hit.entity_name,
        program=hit.program,
        start_date=hit.start_date,
        matched_name=hit.matched_name,
        via=hit.via,
        owner_name=hit.owner_name,
        score=hit.score,
        explanation=hit.explanation,
        features=features_json(hit.features),
        algorithm=hit.algorithm,
    )


def stored_hit_out(row: SupplierListHit) -> StoredListHitOut:
    return StoredListHitOut.model_validate(row, from_attributes=True)


def version_out(row: ScreeningListVersion) -> ListVersionOut:
    return ListVersionOut.model_validate(row, from_attributes=True)


def entity_out(row: ScreeningListEntity) -> ListEntityOut:
    entity = entity_of(row)
    fields = {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}
    return ListEntityOut.model_validate(
        {**fields, "aliases": list(entity.aliases), "owners": list(entity.owners)}
    )
