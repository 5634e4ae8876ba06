"""The service's calendar day: UTC, so every replica and worker agrees on ``as_of``."""

from __future__ import annotations

from datetime import UTC, date, datetime


def today() -> date:
    return datetime.now(UTC).date()
