"""Which risk-data versions were loaded, and which one is in force."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow


class RiskDataVersion(Base):
    __tablename__ = "risk_data_versions"

    version: Mapped[str] = mapped_column(String(40), primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    loaded_by: Mapped[str] = mapped_column(String(64), default="cli")
    # None: the version bundled with the package; else the directory it was loaded from.
    source_dir: Mapped[str | None] = mapped_column(String(500))
    manifest: Mapped[dict[str, Any]]
    in_force: Mapped[bool] = mapped_column(default=False)
