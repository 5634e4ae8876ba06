"""Social audits, their findings, and worker-level evidence (pseudonymous worker refs only)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType


class Audit(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "audits"
    __table_args__ = (Index("ix_audits_supplier_date", "supplier_id", "audited_on"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    external_ref: Mapped[str | None] = mapped_column(String(120))
    audited_on: Mapped[date] = mapped_column(Date)
    audit_type: Mapped[str] = mapped_column(String(20))
    standard: Mapped[str | None] = mapped_column(String(40))
    firm: Mapped[str | None] = mapped_column(String(200))
    auditor: Mapped[str | None] = mapped_column(String(200))
    paid_by: Mapped[str | None] = mapped_column(String(20))
    workers_total: Mapped[int | None]
    workers_interviewed: Mapped[int | None]
    interviews_in_worker_language: Mapped[bool | None]
    report_text: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64))
    # The latest reliability analysis (screening.deception), kept for listing and scoring.
    reliability_level: Mapped[str | None] = mapped_column(String(10))
    reliability: Mapped[dict[str, Any] | None]
    analysed_at: Mapped[datetime | None]


class Finding(IdMixin, Base):
    __tablename__ = "findings"

    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), index=True
    )
    indicator: Mapped[str | None] = mapped_column(String(60))  # None: could not be mapped
    severity: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="open")
    description: Mapped[str] = mapped_column(Text, default="")
    found_on: Mapped[date | None] = mapped_column(Date)
    # How the indicator was chosen: "code", "synonym", "fuzzy", or "unmapped"; and how sure.
    mapped_by: Mapped[str] = mapped_column(String(12), default="code")
    mapping_confidence: Mapped[float] = mapped_column(default=1.0)


class _EvidenceRow:
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    worker_ref: Mapped[str] = mapped_column(String(64))


class TimesheetRow(_EvidenceRow, Base):
    __tablename__ = "evidence_timesheets"

    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    hours: Mapped[float]


class PayrollRow(_EvidenceRow, Base):
    __tablename__ = "evidence_payroll"

    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), index=True
    )
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    gross: Mapped[float]
    net: Mapped[float]
    deductions: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)  # kind -> amount
    hours_paid: Mapped[float | None]
    declared_wage: Mapped[float | None]
    paid_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    paid_to_account: Mapped[str | None] = mapped_column(String(128))  # a hash, never the number


class InterviewRow(_EvidenceRow, Base):
    __tablename__ = "evidence_interviews"

    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), index=True
    )
    reported_weekly_hours: Mapped[float | None]
    reported_rest_days_per_week: Mapped[float | None]
    answers: Mapped[list[str]] = mapped_column(JSONType, default=list)
    language: Mapped[str | None] = mapped_column(String(10))
    worker_language: Mapped[str | None] = mapped_column(String(10))


class RecruitmentRow(_EvidenceRow, Base):
    __tablename__ = "evidence_recruitment"

    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), index=True
    )
    fee_paid: Mapped[float] = mapped_column(default=0.0)
    currency: Mapped[str | None] = mapped_column(String(3))
    monthly_wage: Mapped[float | None]
    outstanding_debt: Mapped[float] = mapped_column(default=0.0)
    agency: Mapped[str | None] = mapped_column(String(200))


class DocumentRow(_EvidenceRow, Base):
    __tablename__ = "evidence_documents"

    audit_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("audits.id", ondelete="CASCADE"), index=True
    )
    holder: Mapped[str] = mapped_column(String(10))  # worker / employer / agency / other
