"""Documents that tie one stage of a chain to the next, attached to a supply link.

CBP's tracing guidance asks for purchase orders, invoices, packing lists, bills of lading,
proof of payment and of transport, each with its number and date, translated into English
(research/regulation-lists-peers.md §1). A file is kept with its sha256 and size, refused over
the size limit, and typed by its content (magic bytes), never by its name or declared type.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from api.errors import ProblemError, invalid_field
from api.events.append import PendingEvent, append_events
from models import LinkDocument, SupplyLink

DOCUMENT_TYPES: Final = (
    "purchase_order",
    "invoice",
    "contract",
    "packing_list",
    "bill_of_lading",
    "manifest",
    "proof_of_payment",
    "proof_of_transport",
    "certificate_of_origin",
    "production_record",
    "affidavit",
    "other",
)

# (signature, offset, media type). ZIP-based office files are refused: a PDF or an image is
# what a customs reviewer opens, and a zip can hide anything.
_SIGNATURES: Final = (
    (b"%PDF-", 0, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"II*\x00", 0, "image/tiff"),
    (b"MM\x00*", 0, "image/tiff"),
)
ACCEPTED_MEDIA: Final = tuple(dict.fromkeys(m for _, _, m in _SIGNATURES))


def sniff_media_type(content: bytes) -> str | None:
    """The media type the bytes themselves say, or None if they are none we accept."""
    for signature, offset, media in _SIGNATURES:
        if content[offset : offset + len(signature)] == signature:
            return media
    return None


def attach_document(
    session: Session,
    link: SupplyLink,
    *,
    content: bytes,
    filename: str,
    doc_type: str,
    number: str | None,
    issued_on: date | None,
    translated: bool,
    language: str | None,
    description: str | None,
    actor: str,
    max_bytes: int,
) -> LinkDocument:
    if doc_type not in DOCUMENT_TYPES:
        raise invalid_field(
            "/doc_type",
            f"unknown document type {doc_type!r}; accepted: {', '.join(DOCUMENT_TYPES)}",
        )
    if len(content) > max_bytes:
        raise ProblemError(
            "payload-too-large",
            f"The document is larger than {max_bytes:,} bytes.",
            max_bytes=max_bytes,
        )
    if not content:
        raise invalid_field("/file", "the file is empty")
    media = sniff_media_type(content)
    if media is None:
        raise ProblemError(
            "unsupported-media-type",
            "The file's content is not a PDF, PNG, JPEG or TIFF (its type is read from its "
            "first bytes, not its name).",
            accepted=list(ACCEPTED_MEDIA),
        )
    document = LinkDocument(
        id=uuid.uuid4(),
        organisation_id=link.organisation_id,
        link_id=link.id,
        doc_type=doc_type,
        number=number,
        issued_on=issued_on,
        translated=translated,
        language=language,
        description=description,
        filename=filename[:300],
        media_type=media,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        created_by=actor,
    )
    session.add(document)
    session.flush()
    append_events(
        session,
        link.organisation_id,
        actor,
        [
            PendingEvent(
                "supply_link",
                str(link.id),
                "supply_link.document_attached",
                None,
                {
                    "document_id": str(document.id),
                    "doc_type": doc_type,
                    "number": number,
                    "sha256": document.sha256,
                    "size": document.size,
                },
            )
        ],
    )
    return document


def link_documents(
    session: Session, link_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[LinkDocument]]:
    """Documents of these links (without loading their content), oldest first."""
    found: dict[uuid.UUID, list[LinkDocument]] = {}
    if not link_ids:
        return found
    for start in range(0, len(link_ids), 500):
        rows = session.scalars(
            select(LinkDocument)
            .options(defer(LinkDocument.content))
            .where(LinkDocument.link_id.in_(link_ids[start : start + 500]))
            .order_by(LinkDocument.issued_on, LinkDocument.created_at, LinkDocument.id)
        )
        for document in rows:
            found.setdefault(document.link_id, []).append(document)
    return found


def get_document(
    session: Session, organisation_id: uuid.UUID, link_id: uuid.UUID, document_id: uuid.UUID
) -> LinkDocument:
    document = session.get(LinkDocument, document_id)
    if (
        document is None
        or document.organisation_id != organisation_id
        or document.link_id != link_id
    ):
        raise ProblemError("not-found", f"No document {document_id} on supply link {link_id}.")
    return document
