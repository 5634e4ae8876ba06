"""The head of each organisation's event chain: the row every append locks first.

Appends to one organisation's chain serialise on this row (``SELECT ... FOR UPDATE`` on
PostgreSQL, an ``UPDATE`` that takes the database's write lock on SQLite), so concurrent
writers wait for each other instead of both reading the same head and one failing on the
unique (organisation_id, seq).
"""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class EventChainHead(Base):
    __tablename__ = "event_chain_heads"

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger)  # the last event's seq; 0 for an empty chain
    hash: Mapped[str] = mapped_column(String(64))  # the last event's hash
