"""A tenant: every other row belongs to exactly one organisation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, JSONType


class Organisation(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Score at or above which a supplier is flagged for review (SPEC 4.6, default 60).
    score_threshold: Mapped[float] = mapped_column(default=60.0)
    # Days to decide a review case, by priority; configurable per organisation.
    case_due_days: Mapped[dict[str, Any]] = mapped_column(
        JSONType, default=lambda: {"critical": 3, "high": 7, "medium": 14, "low": 30}
    )
