"""The mapping preview of an upload (nothing written) and the organisation's recent jobs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.imports.handlers import HANDLERS
from api.imports.service import check_kind
from ingest.reading.errors import UploadRejected
from ingest.reading.fields import FieldDef
from ingest.reading.preview import UploadPreview, preview_upload
from models import ImportJob


@dataclass(frozen=True)
class PreviewResult:
    preview: UploadPreview | None
    refused: str | None  # why the file as a whole cannot be read
    fields: tuple[FieldDef, ...]


def column_map_of(headers: Sequence[str], fields: Sequence[str]) -> dict[str, str] | None:
    """The mapping a person chose on the preview: header -> field, "" to leave a column out.
    Blank-header columns are shown with a label, not a header, and cannot be named."""
    chosen = {
        h: f for h, f in zip(headers, fields, strict=False) if h and not h.startswith("(column ")
    }
    return chosen or None


def preview(
    content: bytes,
    *,
    filename: str,
    kind: str,
    column_map: dict[str, str] | None,
    max_bytes: int,
    sheet: str | None = None,
) -> PreviewResult:
    check_kind(kind)
    spec = HANDLERS[kind].fields
    try:
        result = preview_upload(
            content,
            filename=filename,
            fields=spec,
            max_bytes=max_bytes,
            sheet=sheet,
            column_map=column_map,
        )
    except UploadRejected as exc:
        return PreviewResult(None, exc.detail, spec.fields)
    return PreviewResult(result, None, spec.fields)


def recent_jobs(session: Session, organisation_id: uuid.UUID, limit: int = 20) -> list[ImportJob]:
    return list(
        session.scalars(
            select(ImportJob)
            .where(ImportJob.organisation_id == organisation_id)
            .order_by(ImportJob.created_at.desc(), ImportJob.id)
            .limit(limit)
        )
    )


def kinds() -> list[str]:
    import api.imports.kinds  # noqa: F401  # registers every handler

    return sorted(HANDLERS)
