"""Screening-list versions, their listed parties, and the hits of suppliers on them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, JSONType, utcnow


class ScreeningListVersion(IdMixin, Base):
    """One loaded file of one list (shared reference data, like a risk-data version). The
    newest loaded version of a dataset is the one in force."""

    __tablename__ = "screening_list_versions"
    __table_args__ = (UniqueConstraint("dataset", "sha256"),)

    dataset: Mapped[str] = mapped_column(String(80), index=True)
    version: Mapped[str] = mapped_column(String(140))  # dataset@date.sha256-prefix
    title: Mapped[str] = mapped_column(String(200))
    publisher: Mapped[str] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(12))  # cbp_csv, ftm
    source: Mapped[str] = mapped_column(String(500))  # file name or URL loaded
    published: Mapped[date] = mapped_column(Date)
    sha256: Mapped[str] = mapped_column(String(64))
    entity_count: Mapped[int]
    in_force_count: Mapped[int]
    in_force: Mapped[bool] = mapped_column(default=True)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(200))


class ScreeningListEntity(IdMixin, Base):
    __tablename__ = "screening_list_entities"
    __table_args__ = (
        UniqueConstraint("version_id", "entity_id"),
        Index("ix_screening_list_entities_version_name", "version_id", "name"),
    )

    version_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("screening_list_versions.id", ondelete="CASCADE")
    )
    entity_id: Mapped[str] = mapped_column(String(200))  # the publisher's id, stable
    schema: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    country: Mapped[str | None] = mapped_column(String(2))
    program: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    in_force: Mapped[bool]
    owners: Mapped[list[str]] = mapped_column(JSONType, default=list)
    order: Mapped[str] = mapped_column(String(40), default="")
    sector: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    source_url: Mapped[str] = mapped_column(Text, default="")


class SupplierListHit(IdMixin, Base):
    """A supplier matching a listed party, and what a reviewer said about it.

    Keyed by supplier and the party's (dataset, entity_id), which outlive list versions. A
    ``false_positive`` stays so while ``supplier_fingerprint`` and ``entity_fingerprint`` (of
    the names and country compared) are unchanged; when either changes the hit is open again.
    """

    __tablename__ = "list_hits"
    __table_args__ = (
        UniqueConstraint("supplier_id", "dataset", "entity_id"),
        Index("ix_list_hits_org_status", "organisation_id", "status"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    dataset: Mapped[str] = mapped_column(String(80))
    entity_id: Mapped[str] = mapped_column(String(200))
    list_version: Mapped[str] = mapped_column(String(140))
    entity_name: Mapped[str] = mapped_column(Text)
    list_title: Mapped[str] = mapped_column(String(200))
    program: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    matched_name: Mapped[str] = mapped_column(Text)
    via: Mapped[str] = mapped_column(String(12))  # name, alias, subsidiary
    owner_name: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float]
    explanation: Mapped[str] = mapped_column(Text)
    features: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    algorithm: Mapped[str] = mapped_column(String(40))
    # open (not reviewed), confirmed, false_positive; "lapsed" when no list in force names it.
    status: Mapped[str] = mapped_column(String(16), default="open")
    comment: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[datetime | None]
    supplier_fingerprint: Mapped[str] = mapped_column(String(64))
    entity_fingerprint: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
