"""Corrective actions: what a supplier must fix after a ``remediation_required`` decision."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType, utcnow


class CorrectiveAction(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "corrective_actions"
    __table_args__ = (
        Index("ix_corrective_actions_case", "case_id"),
        Index("ix_corrective_actions_org_status_due", "organisation_id", "status", "due_on"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("review_cases.id", ondelete="CASCADE"))
    # What it remedies: a finding of an audit, or a flag reason of the case.
    finding_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL")
    )
    reason_code: Mapped[str | None] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    # open, submitted, verified or overdue
    status: Mapped[str] = mapped_column(String(12), default="open")
    # What closed it: {"kind": "audit", "audit_id", "audit_ref"} or {"kind": "document", ...}.
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    submitted_by: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None]
    verified_by: Mapped[str | None] = mapped_column(String(64))
    verified_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
