"""A tenant: every other row belongs to exactly one organisation."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin


class Organisation(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "organisations"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Score at or above which a supplier is flagged for review (SPEC 4.6, default 60).
    score_threshold: Mapped[float] = mapped_column(default=60.0)
