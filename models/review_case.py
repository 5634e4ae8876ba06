"""Due-diligence review cases for flagged suppliers, and reviewers' comments."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType, utcnow


class ReviewCase(IdMixin, Base):
    __tablename__ = "review_cases"
    __table_args__ = (
        # One case that is not closed per supplier; a new flag adds to it.
        Index(
            "uq_review_cases_one_open_per_supplier",
            "supplier_id",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
        Index("ix_review_cases_org_status_priority", "organisation_id", "status", "priority_rank"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("assessments.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(12), default="open")
    priority: Mapped[str] = mapped_column(String(10))  # critical / high / medium / low
    priority_rank: Mapped[int]  # 0 = critical ... 3 = low, for sorting
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    assignee: Mapped[str | None] = mapped_column(String(200))
    due_at: Mapped[datetime]
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None]
    decision: Mapped[str | None] = mapped_column(String(24))
    decision_rationale: Mapped[str | None] = mapped_column(Text)
    # An actor ref, or "<proposer>+<confirmer>" for a clearance confirmed by a second person.
    decided_by: Mapped[str | None] = mapped_column(String(130))
    # What the decision was taken on, so a later assessment can tell whether anything
    # material changed (``api.cases.holding``); and until when it holds.
    decided_score: Mapped[float | None]
    decided_band: Mapped[str | None] = mapped_column(String(10))
    valid_until: Mapped[datetime | None]
    # The decided case this one reopens the question of, when new information arrived.
    previous_case_id: Mapped[uuid.UUID | None]
    # A clearance of a critical case waits here for an admin's or a second auditor's confirmation.
    pending_decision: Mapped[dict[str, Any] | None]
    # Optimistic concurrency: two reviewers deciding at once, one wins and the other gets 409.
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class CaseComment(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "case_comments"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("review_cases.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
