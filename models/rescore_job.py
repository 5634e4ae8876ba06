"""Re-scoring an organisation's suppliers (a job): its progress and what changed."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType

LIVE_WHOLE_ORGANISATION = "status IN ('queued', 'running') AND trigger IS NULL"


class RescoreJob(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "rescore_jobs"
    __table_args__ = (
        Index("ix_rescore_jobs_org_created", "organisation_id", "created_at"),
        # One live whole-organisation job per organisation: two requests at once make one
        # job (the loser's insert fails and it answers with the winner's). Downstream jobs
        # (``trigger`` set) re-score a few buyers each and may queue side by side.
        Index(
            "uq_rescore_jobs_one_live_per_org",
            "organisation_id",
            unique=True,
            sqlite_where=text(LIVE_WHOLE_ORGANISATION),
            postgresql_where=text(LIVE_WHOLE_ORGANISATION),
        ),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(20), default="queued")  # running/completed/failed
    requested_by: Mapped[str] = mapped_column(String(64))
    risk_data_version: Mapped[str | None] = mapped_column(String(40))
    methodology_version: Mapped[str | None] = mapped_column(String(40))
    threshold: Mapped[float | None]
    # None: every active supplier. A list: only these (the buyers downstream of a change in
    # their supply chain), with what changed in ``trigger``.
    supplier_ids: Mapped[list[str] | None] = mapped_column(JSONType)
    trigger: Mapped[str | None] = mapped_column(String(200))
    # When it was handed to the queue; a job queued by a write with no queue at hand (an
    # assessment that changed what flows upstream) waits, unclaimed, for the next runner.
    enqueued_at: Mapped[datetime | None]
    suppliers_total: Mapped[int] = mapped_column(default=0)
    suppliers_processed: Mapped[int] = mapped_column(default=0)
    # Counts and the suppliers newly flagged, cleared and moved between bands.
    report: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
