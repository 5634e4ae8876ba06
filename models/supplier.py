"""Suppliers in an organisation's registry, and the duplicates found between them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType, utcnow


class Supplier(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "suppliers"
    __table_args__ = (
        UniqueConstraint("organisation_id", "external_ref"),
        Index("ix_suppliers_org_status_country", "organisation_id", "status", "country"),
        Index("ix_suppliers_org_normalised_name", "organisation_id", "normalised_name"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    external_ref: Mapped[str | None] = mapped_column(String(120))  # the client's own id
    name: Mapped[str] = mapped_column(String(300))
    normalised_name: Mapped[str] = mapped_column(String(300))
    registration_number: Mapped[str | None] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    region: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(String(60))
    products: Mapped[list[str]] = mapped_column(JSONType, default=list)
    tier: Mapped[int | None]
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL")
    )
    worker_count: Mapped[int | None]
    migrant_share: Mapped[float | None]
    recruitment_agencies: Mapped[list[str]] = mapped_column(JSONType, default=list)
    status: Mapped[str] = mapped_column(String(20), default="active")  # active/archived/merged
    merged_into_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("suppliers.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # The latest assessment, kept here so the registry filters on it without a join.
    score: Mapped[float | None]
    band: Mapped[str | None] = mapped_column(String(10))
    flagged: Mapped[bool | None]
    assessed_at: Mapped[datetime | None]
    # Due diligence, from reviewers' decisions (``api.due_diligence``): clear, under_review,
    # remediation, suspended or terminated; None while no case was ever opened.
    dd_status: Mapped[str | None] = mapped_column(String(16))
    dd_since: Mapped[datetime | None]
    dd_by: Mapped[str | None] = mapped_column(String(200))
    dd_valid_until: Mapped[datetime | None]
    dd_case_id: Mapped[uuid.UUID | None]


class SupplierDuplicate(IdMixin, CreatedAtMixin, Base):
    """A pair the matcher found: merged automatically (reversible) or proposed to a person."""

    __tablename__ = "supplier_duplicates"
    __table_args__ = (UniqueConstraint("supplier_id", "duplicate_id"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    duplicate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    score: Mapped[float]
    explanation: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(20))  # proposed / merged / rejected / reverted
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None]
