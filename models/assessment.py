"""Assessments are history: a new row each time inputs, data or methodology change."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType


class Assessment(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "assessments"
    __table_args__ = (Index("ix_assessments_supplier_created", "supplier_id", "created_at"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    score: Mapped[float]
    band: Mapped[str] = mapped_column(String(10))
    flagged: Mapped[bool]
    flag_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    coverage: Mapped[float]
    score_low: Mapped[float]
    score_high: Mapped[float]
    methodology_version: Mapped[str] = mapped_column(String(40))
    risk_data_version: Mapped[str] = mapped_column(String(40))
    input_digest: Mapped[str] = mapped_column(String(64))
    # The whole explained result (factors, indicators, reliability) as the engine returned it.
    result: Mapped[dict[str, Any]]
    created_by: Mapped[str] = mapped_column(String(64))
