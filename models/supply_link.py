"""Supply links between suppliers (A supplies B with an input) and the documents behind them."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin


class SupplyLink(IdMixin, CreatedAtMixin, Base):
    """``supplier`` supplies ``buyer`` with ``input_text`` (the client's words), resolved to an
    ILAB good where it names one. One link per (supplier, buyer, input)."""

    __tablename__ = "supply_links"
    __table_args__ = (
        UniqueConstraint("organisation_id", "supplier_id", "buyer_id", "input_key"),
        Index("ix_supply_links_org_buyer", "organisation_id", "buyer_id"),
        Index("ix_supply_links_org_supplier", "organisation_id", "supplier_id"),
    )

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    supplier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    buyer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("suppliers.id", ondelete="CASCADE"))
    input_text: Mapped[str] = mapped_column(String(200))
    input_key: Mapped[str] = mapped_column(String(200))  # casefolded, spaces collapsed
    input_good: Mapped[str | None] = mapped_column(String(200))  # ILAB good name
    hs_code: Mapped[str | None] = mapped_column(String(12))
    share: Mapped[float | None]  # of the buyer's input, 0..1
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    created_by: Mapped[str] = mapped_column(String(64))


class LinkDocument(IdMixin, CreatedAtMixin, Base):
    """A file that ties one stage to the next (purchase order, invoice, bill of lading ...),
    kept with its checksum; its type was checked by content when it was uploaded."""

    __tablename__ = "link_documents"
    __table_args__ = (Index("ix_link_documents_link", "link_id"),)

    organisation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE")
    )
    link_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("supply_links.id", ondelete="CASCADE"))
    doc_type: Mapped[str] = mapped_column(String(40))
    number: Mapped[str | None] = mapped_column(String(120))
    issued_on: Mapped[date | None]
    translated: Mapped[bool] = mapped_column(default=False)
    language: Mapped[str | None] = mapped_column(String(35))
    description: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_by: Mapped[str] = mapped_column(String(64))
