"""``/v1/imports``: upload a CSV/XLSX as a job, follow it, read its row errors."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from api.auth.roles import Scope
from api.deps import Principal, SessionDep, SettingsDep, require
from api.imports import service
from api.imports.rejected import rejected_rows_csv
from api.imports.schemas import ImportJobOut, RowErrorPage
from api.jobs.deps import QueueDep
from api.pagination import decode_typed, encode_cursor

router = APIRouter(prefix="/v1/imports", tags=["imports"])
Importer = Annotated[Principal, Depends(require(Scope.imports))]


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        200: {"description": "The same file and options were imported before: that job."},
        413: {"description": "The file is over the upload limit."},
        422: {"description": "Unreadable file (`upload-rejected` with a `code`) or bad options."},
        503: {
            "description": "The database or the job queue (`queue-unavailable`) cannot be "
            "reached; nothing was queued, and the same upload may be sent again."
        },
    },
)
def upload(
    session: SessionDep,
    settings: SettingsDep,
    queue: QueueDep,
    principal: Importer,
    response: Response,
    file: Annotated[UploadFile, File(description="CSV (any common encoding/delimiter) or XLSX.")],
    kind: Annotated[str, Form(description="suppliers, audits, findings, ...")] = "suppliers",
    dry_run: Annotated[bool, Form(description="Validate and count; write nothing.")] = False,
    mode: Annotated[
        Literal["upsert", "all_or_nothing", "replace"],
        Form(
            description="upsert: good rows import, bad rows are reported, empty cells leave "
            "stored values as they are; all_or_nothing: any bad row and nothing is written; "
            "replace: as upsert, but an empty cell clears the stored value."
        ),
    ] = "upsert",
    sheet: Annotated[str | None, Form(description="XLSX sheet name; default the first.")] = None,
    column_map: Annotated[
        str | None,
        Form(description='JSON object from your headers to fields, e.g. {"Partner": "name"}.'),
    ] = None,
) -> ImportJobOut:
    """Upload a file as an import job (202, `Location` of the job). Uploading the same bytes
    with the same options again returns the first job (200) instead of importing twice."""
    service.check_kind(kind)
    options = service.UploadOptions(
        kind=kind,
        dry_run=dry_run,
        mode=mode,
        sheet=sheet or None,
        column_map=service.parse_column_map(column_map),
    )
    content = service.read_upload(file.file, settings.max_upload_bytes)
    job, is_new = service.submit_import(
        session,
        queue,
        organisation_id=principal.organisation_id,
        actor=principal.actor.ref,
        content=content,
        filename=file.filename or "upload",
        options=options,
        max_bytes=settings.max_upload_bytes,
    )
    response.headers["Location"] = f"/v1/imports/{job.id}"
    if not is_new:
        response.status_code = status.HTTP_200_OK
    return service.job_out(job)


@router.get("/{job_id}")
def read(job_id: uuid.UUID, session: SessionDep, principal: Importer) -> ImportJobOut:
    """Status, progress and counts."""
    return service.job_out(service.get_job(session, principal.organisation_id, job_id))


@router.get(
    "/{job_id}/errors",
    response_model=RowErrorPage,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON page, or CSV"}},
)
def errors(
    job_id: uuid.UUID,
    session: SessionDep,
    principal: Importer,
    format: Annotated[
        Literal["json", "csv", "rows"],
        Query(
            description="json: a page of errors; csv: every error; rows: the rejected rows "
            "as they were uploaded, with an error column, to fix and upload again."
        ),
    ] = "json",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    cursor: str | None = None,
) -> RowErrorPage | StreamingResponse:
    """Each rejected row: row number, the column as written in the file, the value and why.
    `format=csv` downloads them all (cells that a spreadsheet would run as a formula are
    prefixed with an apostrophe)."""
    job = service.get_job(session, principal.organisation_id, job_id)
    if format == "rows":
        return StreamingResponse(
            rejected_rows_csv(session, job),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="import-{job.id}-rejected.csv"'},
        )
    if format == "csv":
        return StreamingResponse(
            service.errors_csv(session, job.id),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="import-{job.id}-errors.csv"'},
        )
    after = decode_typed(cursor, int)[0] if cursor else None
    items, total, last = service.error_page(session, job.id, limit=limit, after=after)
    return RowErrorPage(
        items=items, total=total, next_cursor=encode_cursor(last) if last is not None else None
    )
